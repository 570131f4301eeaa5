"""Issue #14, item 11 (editors) and 12 (English profile names): the coverage counts the cases
that exercise an item, profile tags are checkboxes with a search box, page titles do not repeat
themselves, the CMS names the platform, and the profile's names follow the language switch."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from content import profile_english
from content.models import CompetenceArea, KnowledgeItem, TradeOff, WorkProcess
from content.selectors import case_profile_items, coverage
from content.services import site_tree_ensure
from tests.factories.cases import CaseFactory, CaseVersionFactory, PublishedCaseVersionFactory
from tests.factories.content import LessonPageFactory

pytestmark = pytest.mark.django_db


def _row(rows, code):
    return next(row for row in rows if row.code == code)


# --- coverage: the cases that exercise an item -----------------------------------------------


def test_a_published_case_covers_what_its_reference_and_workflow_exercise(profile):
    # given a published case without any tags of its own and without a case brief
    version = PublishedCaseVersionFactory(case=CaseFactory(title="Golf zonder labels"))
    assert not version.case.work_processes.exists()

    result = coverage()

    # then its reference calculation counts for 1.2 and the calculation program; its delivery
    # checklist for 1.4; its workflow's expertise check for the trade-off "expert raadplegen"
    for rows, code in (
        (result.work_processes, "1.2"),
        (result.work_processes, "1.4"),
        (result.knowledge_items, "K10"),  # calculatieprogramma
        (result.trade_offs, "expert-raadplegen"),
        (result.competence_areas, "analyseren-en-interpreteren"),
    ):
        assert [case.title for case in _row(rows, code).cases] == ["Golf zonder labels"], code
        assert _row(rows, code).covered


def test_hv_items_count_only_for_a_case_with_an_hv_vehicle(profile):
    petrol = PublishedCaseVersionFactory(case=CaseFactory(title="Benzine"))
    electric = PublishedCaseVersionFactory(
        case=CaseFactory(title="Elektrisch"),
        vehicle_snapshot={**petrol.vehicle_snapshot, "powertrain": "BEV"},
        hv_facts={"airbags_deployed": False},
    )

    petrol_items = case_profile_items(petrol.case, petrol)
    electric_items = case_profile_items(electric.case, electric)

    assert "energieopslagsystemen" not in petrol_items["knowledge_items"]
    assert "energieopslagsystemen" in electric_items["knowledge_items"]
    storage = _row(coverage().knowledge_items, "K09")
    assert [case.title for case in storage.cases] == ["Elektrisch"]


def test_a_cases_own_tags_count_and_drafts_do_not(profile):
    intake = WorkProcess.objects.get(code="1.1")
    tagged = CaseFactory(title="Getagd")
    tagged.work_processes.add(intake)
    PublishedCaseVersionFactory(case=tagged)
    draft_only = CaseFactory(title="Concept")
    draft_only.work_processes.add(intake)
    CaseVersionFactory(case=draft_only)

    assert [case.title for case in _row(coverage().work_processes, "1.1").cases] == ["Getagd"]


def test_the_coverage_view_shows_the_cases_column(profile, client_for, editor, editorial):
    editor.groups.add(editorial.editors)
    PublishedCaseVersionFactory(case=CaseFactory(title="Golf in de dekking"))

    response = client_for(editor).get(reverse("content_coverage"))

    assert response.status_code == 200
    text = response.content.decode()
    assert "Casussen die het oefenen" in text
    assert "Golf in de dekking" in text


def test_the_coverage_api_lists_the_cases(profile, client_for, editor):
    PublishedCaseVersionFactory(case=CaseFactory(slug="golf-dekking", title="Golf dekking"))

    data = client_for(editor).get("/api/v1/content/coverage/").json()

    row = next(r for r in data["work_processes"] if r["code"] == "1.2")
    assert {"slug": "golf-dekking", "title": "Golf dekking"} in row["cases"]


# --- profile tags as checkboxes with a search box ---------------------------------------------


def test_the_lesson_editor_offers_profile_tags_as_checkboxes_with_a_search_box(
    profile, module, admin_user, client
):
    lesson = LessonPageFactory(parent=module)
    client.force_login(admin_user)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))

    assert response.status_code == 200
    text = response.content.decode()
    for field in ("work_processes", "knowledge_items", "competence_areas", "trade_offs"):
        assert f'type="checkbox" name="{field}"' in text, field
    # (Wagtail also packs each widget into a script template, so it appears more than once.)
    assert text.count("data-profile-picker-filter") >= 4
    assert '<select name="knowledge_items"' not in text
    assert "content/admin/profile_tags.js" in text
    assert "content/admin/profile_tags.css" in text


# --- titles and the site's name ---------------------------------------------------------------


def test_the_learning_index_title_does_not_repeat_itself(profile, learning_index, client):
    response = client.get(learning_index.url)

    title = response.content.decode().split("<title>")[1].split("</title>")[0]
    assert title == "Leren – Schademanager-platform"


def test_a_lesson_title_names_the_lesson_the_section_and_the_platform(profile, module, client):
    lesson = LessonPageFactory(parent=module, title="Werken met AE")

    response = client.get(lesson.url)

    title = response.content.decode().split("<title>")[1].split("</title>")[0]
    assert title == "Werken met AE – Leren – Schademanager-platform"


def test_the_cms_calls_the_site_by_the_platforms_name(db):
    # Wagtail's own migration leaves the default site without a name ("localhost" in the CMS)
    Site.objects.filter(is_default_site=True).update(site_name="")

    site_tree_ensure()

    site = Site.objects.get(is_default_site=True)
    assert site.site_name == settings.WAGTAIL_SITE_NAME == "Schademanager-platform"
    assert str(site) != "localhost"


# --- English names of the profile -------------------------------------------------------------


def test_the_import_gives_every_item_its_english_name(profile):
    assert not WorkProcess.objects.filter(title_en="").exists()
    assert not KnowledgeItem.objects.filter(title_en="").exists()
    assert not CompetenceArea.objects.filter(name_en="").exists()
    assert not TradeOff.objects.filter(title_en="").exists()
    assert set(profile_english.KNOWLEDGE_ITEMS) == set(
        KnowledgeItem.objects.values_list("slug", flat=True)
    )


def test_names_follow_the_active_language(profile):
    intake = WorkProcess.objects.get(code="1.1")
    area = CompetenceArea.objects.get(slug="analyseren-en-interpreteren")
    item = KnowledgeItem.objects.get(slug="energieopslagsystemen")

    with translation.override("nl"):
        assert intake.label == "Uitvoeren van de intake"
        assert str(area) == "Analyseren en interpreteren"
    with translation.override("en"):
        assert intake.label == "Carrying out the intake"
        assert str(area) == "Analysing and interpreting"
        assert str(item).startswith("K09 – Has knowledge of various energy storage systems")


def test_an_item_without_an_english_name_keeps_its_dutch_name(profile):
    intake = WorkProcess.objects.get(code="1.1")
    intake.title_en = ""

    with translation.override("en"):
        assert intake.label == "Uitvoeren van de intake"


def test_the_profile_page_follows_the_language_switch(profile, profile_page, client):
    dutch = client.get(profile_page.url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": profile_page.url})
    english = client.get(profile_page.url, headers={"accept-language": "en"}).content.decode()

    assert "Uitvoeren van de intake" in dutch
    assert "Carrying out the intake" in english
    assert "Interacting, influencing and presenting" in english
    assert "Can read and interpret vehicle-specific information." in english


def test_a_lessons_profile_tags_follow_the_language_switch(profile, module, client):
    intake = WorkProcess.objects.get(code="1.1")
    lesson = LessonPageFactory(parent=module, work_processes=[intake])

    client.post(reverse("set_language"), {"language": "en", "next": lesson.url})
    english = client.get(lesson.url).content.decode()

    assert "1.1 Carrying out the intake" in english
