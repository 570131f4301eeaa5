"""Coverage: for each item of the profile, the published lessons and cases that serve it."""

import pytest

from content.models import TradeOff, WorkProcess
from content.selectors import coverage
from content.services import assessors_only_restrict
from tests.factories.content import (
    CaseBriefPageFactory,
    LearningModulePageFactory,
    LessonPageFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/content/coverage/"


@pytest.fixture
def intake(profile):
    return WorkProcess.objects.get(code="1.1")


def _row(rows, code):
    return next(row for row in rows if row.code == code)


def test_a_published_lesson_covers_the_items_it_is_tagged_with(profile, module, intake):
    total_loss = TradeOff.objects.get(slug="economisch-total-loss")
    lesson = LessonPageFactory(parent=module, work_processes=[intake], trade_offs=[total_loss])
    result = coverage()
    assert _row(result.work_processes, "1.1").lessons == [lesson]
    assert _row(result.trade_offs, "economisch-total-loss").covered
    assert not _row(result.work_processes, "1.2").covered


def test_drafts_and_assessor_only_lessons_do_not_count(
    profile, learning_index, module, intake, editorial
):
    LessonPageFactory(parent=module, work_processes=[intake], live=False)
    private = LearningModulePageFactory(parent=learning_index, slug="prive")
    assessors_only_restrict(page=private)
    LessonPageFactory(parent=private, work_processes=[intake])
    assert not _row(coverage().work_processes, "1.1").covered


def test_case_briefs_count_and_uncovered_items_are_listed(profile, case_index, intake):
    brief = CaseBriefPageFactory(parent=case_index, work_processes=[intake])
    result = coverage()
    assert _row(result.work_processes, "1.1").case_briefs == [brief]
    uncovered = {(row.kind, row.code) for row in result.uncovered()}
    assert ("work_process", "1.1") not in uncovered
    assert ("work_process", "1.2") in uncovered
    assert len(uncovered) == 3 + 21 + 4 + 6


def test_the_coverage_api_answers_editors(client_for, editor, profile, module, intake):
    LessonPageFactory(parent=module, title="Intake-les", work_processes=[intake])
    response = client_for(editor).get(API)
    assert response.status_code == 200
    data = response.json()
    assert data["work_processes"][0]["code"] == "1.1"
    assert data["work_processes"][0]["lessons"][0]["title"] == "Intake-les"
    assert {
        "kind": "work_process",
        "code": "1.2",
        "title": "Uitvoeren van de werkvoorbereiding",
    } in data["uncovered"]


def test_the_coverage_api_answers_admins(client_for, admin_user, profile):
    assert client_for(admin_user).get(API).status_code == 200


@pytest.mark.parametrize("fixture", ["trainee", "assessor"])
def test_the_coverage_api_refuses_trainees_and_assessors(client_for, request, fixture, profile):
    user = request.getfixturevalue(fixture)
    assert client_for(user).get(API).status_code == 403


def test_the_coverage_api_refuses_anonymous_visitors(client, profile):
    assert client.get(API).status_code in (401, 403)


def test_the_admin_coverage_view_shows_editors_what_is_uncovered(
    client_for, editor_in_group, profile, module, intake
):
    LessonPageFactory(parent=module, title="Intake-les", work_processes=[intake])
    response = client_for(editor_in_group).get("/cms/dekking/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dekking competentieprofiel" in html
    assert "Intake-les" in html
    assert "Uitvoeren van de werkvoorbereiding" in html
    assert "niet gedekt" in html


def test_the_admin_menu_offers_coverage_to_editors(client_for, editor_in_group, profile):
    html = client_for(editor_in_group).get("/cms/").content.decode()
    assert "Dekking competentieprofiel" in html


def test_the_admin_coverage_view_refuses_a_trainee(client_for, trainee, profile):
    response = client_for(trainee).get("/cms/dekking/")
    assert response.status_code in (302, 403)
    assert client_for(trainee).get("/cms/dekking/", follow=True).status_code in (200, 403)
    assert "Intake" not in client_for(trainee).get("/cms/dekking/").content.decode()
