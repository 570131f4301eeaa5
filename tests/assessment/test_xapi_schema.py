"""Every kind of xAPI statement the platform builds validates against a public xAPI statement
schema (Rustici Software's TinCanSchema, vendored in assessment/xapi/vendor/ with its
provenance), without an LRS: case started, step completed, calculation submitted, and a
released grade — passed and failed — with its score and the case's profile items. And the
statements carry no more of the person than the pseudonym (assessment/xapi/README.md)."""

from __future__ import annotations

import json

import pytest

from assessment.xapi import statements
from cases import services as case_services
from content.models import CompetenceArea, KnowledgeItem, TradeOff, WorkProcess
from content.services import competence_profile_data, competence_profile_import
from tests.assessment.xapi_schema import statement_errors
from tests.cases.flow import do_intake, to_approved
from tests.factories.assessment import finished_attempt, released_grade
from tests.factories.cases import PublishedCaseVersionFactory

pytestmark = pytest.mark.django_db


def verb(statement: dict) -> str:
    return statement["verb"]["id"].rsplit("/", 1)[-1]


def test_the_validator_refuses_what_an_lrs_would(trainee, settings):
    # A test that cannot fail proves nothing: the schema and its formats do bite.
    settings.XAPI_LRS_URL = "http://127.0.0.1:9/xAPI/"
    attempt = case_services.attempt_start(trainee=trainee, case=PublishedCaseVersionFactory().case)
    good = statements.case_started(attempt)
    assert statement_errors(good) == []
    broken = [
        {**good, "id": "1234"},
        {**good, "verb": {"id": "gestart"}},
        {**good, "actor": {**good["actor"], "mbox": "mailto:cursist@example.nl"}},
        {**good, "timestamp": "gisteren"},
        {**good, "context": {**good["context"], "registration": "dossier-1"}},
        {**good, "result": {"score": {"raw": "80"}}},
        {**good, "object": {"id": "case/1", "objectType": "Activity"}},
        {**good, "context": {**good["context"], "language": "Nederlands!"}},
    ]
    for statement in broken:
        assert statement_errors(statement), statement


def test_every_statement_of_a_dossier_validates(
    trainee, queued, django_capture_on_commit_callbacks
):
    case = PublishedCaseVersionFactory().case
    with django_capture_on_commit_callbacks(execute=True):
        attempt = case_services.attempt_start(trainee=trainee, case=case)
        to_approved(attempt, trainee)
    made = queued()
    assert {verb(s) for s in made} == {"attempted", "completed", "submit"}
    for statement in made:
        assert statement_errors(statement) == [], statement


@pytest.mark.parametrize(
    ("submission", "outcome"),
    [("identical", "passed"), ("radar-calibration-forgotten", "failed")],
)
def test_a_released_grade_with_its_profile_items_validates(
    trainee, cohort, assessor, queued, django_capture_on_commit_callbacks, submission, outcome
):
    competence_profile_import(data=competence_profile_data()[0])
    attempt = finished_attempt(trainee=trainee, cohort=cohort, submission=submission)
    case = attempt.case_version.case
    case.work_processes.add(WorkProcess.objects.order_by("code").first())
    case.knowledge_items.add(KnowledgeItem.objects.order_by("code").first())
    case.competence_areas.add(CompetenceArea.objects.order_by("slug").first())
    case.trade_offs.add(TradeOff.objects.order_by("slug").first())
    with django_capture_on_commit_callbacks(execute=True):
        released_grade(attempt, assessor)
    [released] = [s for s in queued() if verb(s) in ("passed", "failed")]
    assert verb(released) == outcome
    assert set(released["result"]["score"]) == {"raw", "min", "max", "scaled"}
    assert len(released["context"]["contextActivities"]["grouping"]) == 4
    assert statement_errors(released) == [], released


def test_a_statement_names_the_learner_only_by_the_pseudonym(
    trainee, cohort, assessor, queued, django_capture_on_commit_callbacks
):
    trainee.first_name, trainee.last_name = "Vera", "Verstappen"
    trainee.save()
    with django_capture_on_commit_callbacks(execute=True):
        attempt = case_services.attempt_start(
            trainee=trainee, case=PublishedCaseVersionFactory().case
        )
        do_intake(attempt, trainee)
        released_grade(finished_attempt(trainee=trainee, cohort=cohort), assessor)
    made = queued()
    assert {verb(s) for s in made} >= {"attempted", "completed", "passed"}
    for statement in made:
        text = json.dumps(statement, ensure_ascii=False)
        for personal in (trainee.username, trainee.email, "Vera", "Verstappen"):
            assert personal not in text, (personal, statement["verb"])
        assert set(statement["actor"]["account"]) == {"homePage", "name"}
        assert "name" not in statement["actor"] and "mbox" not in statement["actor"]
        # and nothing of the assessor either
        assert assessor.username not in text
