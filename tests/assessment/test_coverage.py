"""Coverage of the competence profile (issue #16, item 5): every item is practised and assessed
by a scored step, check or exercise; the registry reads only the declarations, and the view
flags an item that nothing in use assesses."""

import json

import pytest
from django.urls import reverse

from assessment.coverage.selectors import profile_coverage
from assessment.coverage.sources import (
    ASSESSING_MODULES,
    ITEM_KINDS,
    all_sources,
    case_sources,
    module_sources,
)
from assessment.scoring.competence import AREA_KEYS, KNOWLEDGE, TRADE_OFFS, WORK_PROCESSES
from assessment.workflow_checks import CASE_FACTS, CHECKS
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.cases import PublishedCaseVersionFactory

KNOWN = {
    "work_processes": set(WORK_PROCESSES),
    "competence_areas": set(AREA_KEYS.values()),
    "knowledge": set(KNOWLEDGE),
    "trade_offs": set(TRADE_OFFS),
}


def item(coverage, group, key):
    return next(row for row in coverage.items() if row.group == group and row.key == key)


# --- the registry --------------------------------------------------------------------------


def test_every_workflow_check_names_the_case_facts_that_make_it_apply():
    assert set(CASE_FACTS) == set(CHECKS)


def test_every_scored_module_declares_assesses_with_the_four_kinds():
    for entry in ASSESSING_MODULES:
        module = __import__(entry.module, fromlist=["ASSESSES"])
        assert set(module.ASSESSES) == set(ITEM_KINDS), entry.module


def test_every_source_names_only_keys_of_the_profile():
    for source in all_sources():
        for kind in ITEM_KINDS:
            unknown = set(getattr(source, kind)) - KNOWN[kind]
            assert not unknown, (source.key, kind, unknown)


def test_the_exercise_modules_are_collected_by_their_import_path():
    keys = {source.key for source in module_sources()}
    assert "module:cases.paint_drill.scoring" in keys
    assert "module:cases.calc_review.scoring" in keys


def test_a_missing_calibration_no_longer_claims_to_assess_reading_diagnosis_reports():
    adas = next(s for s in all_sources() if s.key == "calc:critical:adas_calibration_missing")
    assert "diagnoserapporten" not in adas.knowledge


@pytest.mark.django_db
def test_a_case_makes_fire_only_the_checks_its_facts_call_for():
    plain = PublishedCaseVersionFactory(expected_damage_zones=["front"], hidden_damage={})
    keys = set(case_sources(plain))
    assert "check:damage_photos_filed" in keys
    assert "check:supplement_before_final" not in keys
    assert "check:hv_judgement" not in keys
    no_zones = PublishedCaseVersionFactory(expected_damage_zones=[])
    assert "check:damage_photos_filed" not in set(case_sources(no_zones))


# --- the coverage ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_item_that_the_registry_lacks_is_flagged_title_only():
    # given a published case on which the photo check fires
    PublishedCaseVersionFactory(expected_damage_zones=["front"])
    full = profile_coverage()
    ict = item(full, "knowledge_items", "ict-vaardigheden")
    assert not ict.title_only
    assert [found.source.key for found in ict.assessed_by] == ["check:damage_photos_filed"]
    assert ict.code == "K16"

    # when the registry is a fake one without the photo check
    fake = [source for source in all_sources() if "ict-vaardigheden" not in source.knowledge]
    flagged = profile_coverage(sources=fake)

    # then K16 is title-only, and so is nothing that other sources assess
    assert item(flagged, "knowledge_items", "ict-vaardigheden").title_only
    assert "ict-vaardigheden" in {row.key for row in flagged.title_only()}
    assert not item(flagged, "knowledge_items", "calculatie-lezen").title_only


@pytest.mark.django_db
def test_a_declared_source_that_nothing_published_makes_fire_does_not_assess():
    # no published case at all: the checks and the calculation fire nowhere
    coverage = profile_coverage()
    ict = item(coverage, "knowledge_items", "ict-vaardigheden")
    assert ict.title_only
    assert [found.source.key for found in ict.declared_unused] == ["check:damage_photos_filed"]
    # the core task waits for its work processes
    core = next(row for row in coverage.items() if row.key.startswith("core:"))
    assert core.title_only


@pytest.mark.django_db
def test_a_case_tagged_with_an_item_is_where_it_is_practised():
    from content.models import KnowledgeItem
    from content.services import competence_profile_data, competence_profile_import

    data, _source = competence_profile_data()
    competence_profile_import(data=data)

    version = PublishedCaseVersionFactory()
    version.case.knowledge_items.add(KnowledgeItem.objects.get(slug="wielophanging"))
    coverage = profile_coverage()
    practised = item(coverage, "knowledge_items", "wielophanging").practised_in
    assert [(p.kind, p.title) for p in practised] == [("case", version.case.title)]


# --- the page and the API --------------------------------------------------------------------


def login(client, role):
    user = UserFactory(role=role)
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_an_editor_sees_the_page_with_the_title_only_items_flagged(client):
    login(client, Role.EDITOR)
    response = client.get(reverse("assessment:coverage"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Geoefend in" in body and "Beoordeeld door" in body
    # nothing published: every item is title-only, and the flag names them
    assert 'class="coverage-alert"' in body
    assert "K16" in body and "alleen titel" in body


@pytest.mark.django_db
def test_an_assessor_sees_the_page_and_a_trainee_is_refused(client):
    login(client, Role.ASSESSOR)
    assert client.get(reverse("assessment:coverage")).status_code == 200
    client.logout()
    login(client, Role.TRAINEE)
    assert client.get(reverse("assessment:coverage")).status_code == 403
    assert client.get("/api/v1/assessment/coverage/").status_code == 403


@pytest.mark.django_db
def test_the_api_gives_each_item_with_its_sources(client):
    PublishedCaseVersionFactory(expected_damage_zones=["front"])
    login(client, Role.EDITOR)
    response = client.get("/api/v1/assessment/coverage/")
    assert response.status_code == 200
    data = json.loads(response.content)
    groups = {group["key"]: group for group in data["groups"]}
    assert set(groups) == {"work_processes", "knowledge_items", "competence_areas", "trade_offs"}
    ict = next(i for i in groups["knowledge_items"]["items"] if i["key"] == "ict-vaardigheden")
    assert ict["title_only"] is False
    assert ict["assessed_by"][0]["key"] == "check:damage_photos_filed"
    assert "knowledge_items:ict-vaardigheden" not in data["title_only"]


# --- the demo ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_after_load_demo_no_item_of_the_profile_is_title_only(demo):
    coverage = profile_coverage()
    assert [f"{row.code} {row.title}" for row in coverage.title_only()] == []
    for row in coverage.items():
        assert row.practised_in, f"{row.code} {row.title}: nowhere practised"
