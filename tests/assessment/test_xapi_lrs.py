"""xAPI statements through the real task path into a real LRS (ralph, run locally by a
session fixture), read back from it with GET /xAPI/statements. Skipped, saying why, when ralph
is not installed (`./dev.sh lrs`)."""

from __future__ import annotations

import os
import uuid

import pytest

from assessment.xapi import statements, tasks
from cases import services as case_services
from tests.assessment import ralph_lrs
from tests.cases.flow import to_approved
from tests.factories.assessment import finished_attempt, released_grade
from tests.factories.cases import PublishedCaseVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def lrs(tmp_path_factory):
    started = ralph_lrs.start(tmp_path_factory.mktemp("ralph"))
    if isinstance(started, str):
        # CI installs ralph (.ci/run) and sets XAPI_LRS_REQUIRED: there a missing LRS fails.
        if os.environ.get("XAPI_LRS_REQUIRED"):
            pytest.fail(started)
        pytest.skip(started)
    yield started
    ralph_lrs.stop(started.process)


@pytest.fixture
def sending_to(lrs, settings):
    # The project's task backend as the tests configure it (immediate): enqueue on commit runs
    # the real task, which PUTs to the LRS.
    settings.XAPI_LRS_URL = lrs.url
    settings.XAPI_LRS_USERNAME = ralph_lrs.USERNAME
    settings.XAPI_LRS_PASSWORD = ralph_lrs.PASSWORD
    return lrs


def stored(lrs, statement_id: str) -> dict:
    answer = lrs.statements(statementId=statement_id)
    # ralph answers a single statement in a "statements" list; the spec, the statement itself.
    found = answer.get("statements", [answer]) if isinstance(answer, dict) else answer
    [statement] = [s for s in found if s.get("id") == statement_id]
    return statement


def test_a_trainees_statements_arrive_in_the_lrs(
    sending_to, trainee, cohort, assessor, django_capture_on_commit_callbacks
):
    lrs = sending_to
    case = PublishedCaseVersionFactory().case
    with django_capture_on_commit_callbacks(execute=True):
        attempt = case_services.attempt_start(trainee=trainee, case=case)
        to_approved(attempt, trainee)

    started = stored(lrs, statements.statement_id("case-started", attempt.pk))
    assert started["verb"]["id"] == "http://adlnet.gov/expapi/verbs/attempted"
    assert started["actor"]["account"] == statements.actor(trainee)["account"]
    assert started["context"]["registration"] == statements.registration(attempt)

    events = attempt.events.filter(actor__isnull=False).order_by("pk")
    first_step = stored(lrs, statements.statement_id("step-completed", events[0].pk))
    assert first_step["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    submission = events.get(kind="calculation_submitted")
    submitted = stored(lrs, statements.statement_id("calculation-submitted", submission.pk))
    assert submitted["verb"]["id"] == "http://activitystrea.ms/schema/1.0/submit"

    graded = finished_attempt(trainee=trainee, cohort=cohort)
    with django_capture_on_commit_callbacks(execute=True):
        grade = released_grade(graded, assessor)
    grade.refresh_from_db()
    released = stored(lrs, statements.statement_id("grade-released", grade.pk))
    assert released["result"]["success"] is grade.passed
    assert released["result"]["score"]["raw"] == float(grade.score)


def test_sending_a_statement_again_stores_it_once(sending_to, trainee):
    lrs = sending_to
    attempt = case_services.attempt_start(trainee=trainee, case=PublishedCaseVersionFactory().case)
    # A statement id fixed once (here a fresh one: the test database reuses primary keys,
    # the LRS of the session does not forget).
    statement = {**statements.case_started(attempt), "id": str(uuid.uuid4())}
    assert tasks.send_statement.call(statement) == "stored"
    # A retry of a statement the LRS did take (its answer was lost): the same id, not twice.
    assert tasks.send_statement.call(statement) in ("stored", "already_stored")
    answer = lrs.statements(statementId=statement["id"])
    assert len(answer.get("statements", [answer])) == 1
