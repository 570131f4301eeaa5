"""The marking workflow in the browser (issue #14, items 6–10): the assessor opens the queue,
marks with the rubric grid (by clicking and by keyboard), moves the grade through the workflow,
signs it, sees "klaar voor vrijgave" and releases it from the queue in bulk; the trainee sees
the grade only after the release. No page of the assessor scrolls sideways at 1366 or 390 px."""

import re

import pytest
from django.urls import reverse

from tests.e2e.flows import login_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def submitted_attempt(demo_data):
    from schadeplatform.accounts.demo import COHORT
    from schadeplatform.accounts.models import Cohort, User
    from tests.factories.assessment import finished_attempt

    trainee = User.objects.get(username="cursist1")
    cohort = Cohort.objects.get(name=COHORT)
    return finished_attempt(trainee=trainee, cohort=cohort)


def _fits(page, width: int, path: str) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path)
    assert page.evaluate(NO_SIDEWAYS_SCROLL), (
        path,
        width,
        page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"),
    )


def test_assessor_marks_signs_and_releases_and_the_trainee_sees_it_only_then(
    page, another_page, submitted_attempt, shot
):
    from assessment.models import Grade

    page.on("dialog", lambda dialog: dialog.accept())
    title = submitted_attempt.case_version.case.title
    # given the assessor on the queue: the attempt is not marked
    login_as(page, "beoordelaar1")
    row = page.locator("table.queue tbody tr", has_text=title)
    assert row.get_attribute("data-marking-state") == "not_marked"
    with page.expect_navigation():
        row.get_by_role("button", name="Beoordelen").click()
    assert page.locator("#marking-state").inner_text() == "in beoordeling"
    # the whole dossier is one click away
    dossier = reverse("cases:attempt-detail", args=[submitted_attempt.pk])
    assert page.locator("#dossier-link").get_attribute("href") == dossier

    # when they click a level in each row of the rubric grid
    criteria = page.locator("#rubric-grid fieldset.rubric-criterion")
    assert criteria.count() == 4
    for index in range(3):
        criteria.nth(index).locator("label.rubric-level").nth(2).click()
        assert criteria.nth(index).locator("input[type=radio]").nth(2).is_checked()
    # and choose the last row's level with the keyboard (a radio group: arrow keys)
    last = criteria.nth(3).locator("input[type=radio]")
    last.nth(0).focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    assert last.nth(1).is_checked()
    criteria.nth(0).locator("textarea").fill("Kern van het schadebeeld snel gevonden.")
    page.locator("textarea[name=comment]").fill("Goede calculatie; rubric ingevuld.")
    with page.expect_navigation():
        page.locator("#grading-form").get_by_role("button", name="Opslaan").click()
    grade = Grade.objects.get(attempt=submitted_attempt)
    assert grade.rubric == {
        "analyseren-en-interpreteren": 3,
        "organiseren-en-uitvoeren": 3,
        "ondersteunen-en-samenwerken": 3,
        "interacteren-beinvloeden-en-presenteren": 2,
    }
    assert grade.rubric_remarks["analyseren-en-interpreteren"].startswith("Kern")
    # L, T and D are explained on the page
    assert page.get_by_text("Totaalbedrag (T, 25 %)").count() == 1

    # the marker's steps, then the signature
    with page.expect_navigation():
        page.get_by_role("button", name="Beoordeling afronden").click()
    assert page.locator("#marking-state").inner_text() == "beoordeling afgerond"
    with page.expect_navigation():
        page.get_by_role("button", name="Ter controle aanbieden").click()
    assert page.locator("#marking-state").inner_text() == "in controle"
    _fits(page, 1366, page.url)
    shot("grading-1366")
    _fits(page, 390, page.url)
    shot("grading-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    with page.expect_navigation():
        page.get_by_role("button", name="Ondertekenen").click()
    # then it is ready for release, not released
    assert page.locator("#marking-state").inner_text() == "klaar voor vrijgave"

    # and the trainee does not see it yet
    trainee = another_page()
    login_as(trainee, "cursist1")
    result_path = reverse("assessment:result", args=[submitted_attempt.pk])
    assert trainee.goto(result_path).status == 404
    trainee.goto(reverse("assessment:my_results"))
    assert not trainee.locator(f"a[href='{result_path}']").count()

    # when the assessor releases it from the queue (bulk release)
    page.goto(reverse("assessment:queue"))
    row = page.locator("table.queue tbody tr", has_text=title)
    assert row.get_attribute("data-marking-state") == "ready_for_release"
    assert "Klaar voor vrijgave" in row.inner_text()
    row.locator("input[type=checkbox][name=grade]").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Gekozen beoordelingen vrijgeven").click()
    assert page.locator(".messages").get_by_text(re.compile(r"1 beoordeling vrijgegeven")).count()
    row = page.locator("table.queue tbody tr", has_text=title)
    assert row.get_attribute("data-marking-state") == "released"

    # then the trainee sees the grade, with L, T and D explained
    response = trainee.goto(result_path)
    assert response.status == 200
    assert trainee.get_by_text("Beslissingen (D, 15 %)").count() == 1
    _fits(trainee, 390, result_path)

    # and no assessor page scrolls sideways at 1366 or 390 px
    from schadeplatform.accounts.demo import COHORT
    from schadeplatform.accounts.models import Cohort

    cohort = Cohort.objects.get(name=COHORT)
    paths = [
        reverse("assessment:queue"),
        reverse("assessment:grade", args=[grade.pk]),
        result_path,
        reverse("assessment:trainee_progress", args=[submitted_attempt.trainee_id]),
        reverse("assessment:cohort", args=[cohort.pk]),
    ]
    for width in (1366, 390):
        for path in paths:
            _fits(page, width, path)


def test_cohort_lead_allocates_an_attempt_from_the_queue(page, submitted_attempt, shot):
    """Marker allocation (Moodle's): the demo's cohort lead (coordinator1, group
    "Coördinatoren") picks the marker in the row's select, which ticks the row, and allocates;
    only the allocated marker may then start the first grade."""
    from assessment.models import MarkerAllocation

    title = submitted_attempt.case_version.case.title
    login_as(page, "coordinator1")
    page.goto(reverse("assessment:queue"))
    row = page.locator("table.queue tbody tr", has_text=title).first
    select = row.locator("select.allocation-marker")
    assert select.locator("option").first.inner_text() == "niet toegewezen"
    select.select_option(label="Kees Bakker")
    # choosing a marker ticks the row (static/assessment/allocation.js)
    assert row.locator("input.allocation-pick").is_checked()
    with page.expect_navigation():
        page.locator("#allocation-button").click()
    assert "1 toewijzing opgeslagen" in page.content()
    allocation = MarkerAllocation.objects.get(attempt=submitted_attempt)
    assert allocation.marker.username == "beoordelaar1"
    row = page.locator("table.queue tbody tr", has_text=title).first
    assert row.locator("select.allocation-marker option:checked").inner_text() == "Kees Bakker"
    shot("allocation-1366")
    _fits(page, 390, reverse("assessment:queue"))
    shot("allocation-390")
