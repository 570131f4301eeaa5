"""An editor tags a lesson with the competence profile by ticking checkboxes, finding the item
with the search box above them (issue #14, item 11), in the Wagtail editor."""

import pytest
from django.urls import reverse

from tests.e2e.flows import login_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def lesson(demo_data):
    from content.models import LessonPage

    return LessonPage.objects.get(slug="werken-met-arbeidseenheden")


def test_the_search_box_narrows_the_knowledge_items_and_keeps_the_chosen_ones(page, lesson):
    # given the editor on the lesson's edit page
    login_as(page, "redacteur1")
    page.goto(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))
    picker = page.locator("[data-profile-picker]").filter(
        has=page.locator('input[name="knowledge_items"]')
    )
    options = picker.locator('input[type="checkbox"][name="knowledge_items"]')
    assert options.count() == 21
    chosen_before = picker.locator('input[name="knowledge_items"]:checked').count()
    assert chosen_before >= 1
    count = picker.locator("[data-profile-picker-count]")
    assert count.inner_text() == f"{chosen_before} gekozen"

    # when she searches for "energieopslag" (accents and case do not matter)
    picker.locator("[data-profile-picker-filter]").fill("ENERGIEOPSLAG")

    # then only that item and the ones already chosen are shown
    visible = [
        label.strip()
        for label in picker.locator("label:visible").all_inner_texts()
        if label.strip()
    ]
    assert any(text.startswith("K09") for text in visible)
    assert len(visible) == chosen_before + 1

    # and ticking it counts it, Enter in the box does not submit the page
    picker.get_by_label("K09", exact=False).check()
    assert count.inner_text() == f"{chosen_before + 1} gekozen"
    url_before = page.url
    picker.locator("[data-profile-picker-filter]").press("Enter")
    page.wait_for_timeout(300)
    assert page.url == url_before

    # a search without a match says so
    picker.locator("[data-profile-picker-filter]").fill("xyzzy")
    assert picker.locator("[data-profile-picker-none]").is_visible()
