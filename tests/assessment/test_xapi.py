"""Learning records as xAPI (issue #18 item 4), without an LRS: what is built and queued, that
nothing is when no LRS is configured, that statement ids are fixed, and that a dead LRS is
retried through the task framework without touching the trainee's request.

The round trip through a real LRS (ralph) is in test_xapi_lrs.py."""

from __future__ import annotations

import socket
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse

from assessment.scoring.rules import PASS_MARK
from assessment.xapi import statements, tasks
from assessment.xapi.sending import Outcome, outcome_of
from cases import services as case_services
from cases.timeline import EventKind
from content.case_framework.links import cfitem_url
from content.case_identifiers import identifier
from content.models import CoreTask, WorkProcess
from tests.cases.flow import do_intake, to_approved
from tests.factories.assessment import finished_attempt, released_grade
from tests.factories.cases import PublishedCaseVersionFactory

pytestmark = pytest.mark.django_db

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def dead_url() -> str:
    """An LRS address where nothing listens (a port just freed): connections are refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/xAPI/"


def verbs(queued_statements) -> list[str]:
    return [s["verb"]["id"].rsplit("/", 1)[-1] for s in queued_statements]


def test_without_an_lrs_nothing_is_built_or_queued(
    trainee, cohort, assessor, queued, settings, django_capture_on_commit_callbacks
):
    settings.XAPI_LRS_URL = ""
    case = PublishedCaseVersionFactory().case
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        attempt = case_services.attempt_start(trainee=trainee, case=case)
        do_intake(attempt, trainee)
        released_grade(finished_attempt(trainee=trainee, cohort=cohort), assessor)
    assert queued() == []
    # Only the platform's own effects ran on commit (badges), none of xAPI's.
    assert all("xapi" not in getattr(c, "__module__", "") for c in callbacks)


def test_a_started_case_and_its_moves_are_queued_on_commit(
    trainee, queued, django_capture_on_commit_callbacks
):
    case = PublishedCaseVersionFactory().case
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attempt = case_services.attempt_start(trainee=trainee, case=case)
    assert queued() == [], "nothing is queued before the transaction commits"
    for callback in callbacks:
        callback()
    [started] = queued()
    assert started["verb"]["id"] == "http://adlnet.gov/expapi/verbs/attempted"
    assert started["object"]["id"].endswith(f"/xapi/activities/case/{case.slug}")

    with django_capture_on_commit_callbacks(execute=True):
        to_approved(attempt, trainee)
    later = queued()[1:]
    assert set(verbs(later)) == {"completed", "submit"}
    steps = [
        s["object"]["id"].rsplit("/", 1)[-1] for s in later if s["verb"]["id"].endswith("completed")
    ]
    assert steps[:2] == ["create_dossier", "record_damage"]
    [submitted] = [s for s in later if s["verb"]["id"].endswith("submit")]
    assert submitted["object"]["id"].endswith(f"/calculation/{EventKind.CALCULATION_SUBMITTED}")
    event = attempt.events.get(kind=EventKind.CALCULATION_SUBMITTED)
    assert submitted["result"]["extensions"][statements.extension("total")] == str(
        event.data["total"]
    )
    # One registration per dossier, on every statement about it.
    assert {s["context"]["registration"] for s in queued()} == {statements.registration(attempt)}


def test_the_actor_is_a_stable_pseudonym_not_the_username_or_email(trainee, queued, settings):
    case = PublishedCaseVersionFactory().case
    attempt = case_services.attempt_start(trainee=trainee, case=case)
    actor = statements.case_started(attempt)["actor"]
    name = actor["account"]["name"]
    assert actor["account"]["homePage"] == settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert trainee.username not in name and (not trainee.email or trainee.email not in name)
    assert len(name) == 32 and int(name, 16) >= 0
    assert statements.actor(trainee) == actor, "the same learner, the same name"
    settings.XAPI_ACTOR_KEY = "a-key-of-its-own"
    assert statements.actor(trainee)["account"]["name"] != name, "the name hangs on the key"


def test_a_released_grade_carries_score_success_and_the_profile_items(
    trainee, cohort, assessor, queued, django_capture_on_commit_callbacks
):
    attempt = finished_attempt(trainee=trainee, cohort=cohort)
    core_task, _ = CoreTask.objects.get_or_create(code="1", defaults={"title": "Managen"})
    process, _ = WorkProcess.objects.get_or_create(
        code="1.2", defaults={"title": "Werkvoorbereiding", "core_task": core_task}
    )
    attempt.case_version.case.work_processes.add(process)
    with django_capture_on_commit_callbacks(execute=True):
        grade = released_grade(attempt, assessor)
    [released] = [s for s in queued() if s["verb"]["id"].rsplit("/", 1)[-1] in ("passed", "failed")]
    grade.refresh_from_db()
    result = released["result"]
    assert Decimal(str(result["score"]["raw"])) == grade.score
    assert Decimal(str(result["score"]["scaled"])) == (grade.score / 100).quantize(Decimal("0.001"))
    assert result["success"] is grade.passed is (grade.score >= PASS_MARK)
    assert released["verb"]["id"].endswith("passed" if grade.passed else "failed")
    grouping = released["context"]["contextActivities"]["grouping"]
    assert [a["id"] for a in grouping] == [
        cfitem_url(statements.base_url(), identifier("work_process", "1.2"))
    ]
    assert released["id"] == statements.statement_id("grade-released", grade.pk)


@override_settings(XAPI_LRS_URL="http://127.0.0.1:9/xAPI/")
def test_statement_ids_and_contents_are_fixed_when_made(trainee):
    case = PublishedCaseVersionFactory().case
    attempt = case_services.attempt_start(trainee=trainee, case=case)
    first, again = statements.case_started(attempt), statements.case_started(attempt)
    assert first == again
    assert first["id"] == statements.statement_id("case-started", attempt.pk)
    other = case_services.attempt_start(trainee=trainee, case=PublishedCaseVersionFactory().case)
    assert statements.case_started(other)["id"] != first["id"]


def test_the_lrs_answers_are_read_as_xapi_means_them():
    assert outcome_of(204, "x") is Outcome.STORED
    assert outcome_of(409, "x") is Outcome.ALREADY_STORED  # the id is there: sent before
    assert outcome_of(400, "x") is Outcome.REJECTED
    for status in (401, 429, 500, 503):
        assert outcome_of(status, "x") is Outcome.RETRY


def test_the_backoff_grows_and_is_bounded():
    waits = [tasks.backoff(n).total_seconds() for n in range(1, 12)]
    assert waits[:4] == [30, 60, 120, 240]
    assert max(waits) == 3600 and waits == sorted(waits)


def test_a_dead_lrs_is_retried_later_and_bounded(trainee, settings):
    from django_tasks_db.models import DBTaskResult

    # All through pytest-django's `settings`: mixed with an @override_settings decorator, its
    # restore at teardown would bring back the decorator's TASKS for every later test.
    settings.TASKS, settings.XAPI_MAX_ATTEMPTS = DATABASE, 3
    settings.XAPI_LRS_URL = dead_url()
    case = PublishedCaseVersionFactory().case
    statement = statements.case_started(case_services.attempt_start(trainee=trainee, case=case))

    DBTaskResult.objects.all().delete()
    assert tasks.send_statement.call(statement) == "retry_scheduled"
    [retry] = DBTaskResult.objects.all()
    assert retry.args_kwargs["args"] == [statement, 2], "the same statement, its id included"
    assert retry.run_after is not None and retry.run_after > retry.enqueued_at

    assert tasks.send_statement.call(statement, 2) == "retry_scheduled"
    assert tasks.send_statement.call(statement, 3) == "gave_up", "at most XAPI_MAX_ATTEMPTS sends"
    assert DBTaskResult.objects.count() == 2


@override_settings(XAPI_LRS_URL="")
def test_the_task_sends_nothing_once_the_lrs_is_unset(trainee):
    case = PublishedCaseVersionFactory().case
    statement = statements.case_started(case_services.attempt_start(trainee=trainee, case=case))
    assert tasks.send_statement.call(statement) == "disabled"


def test_a_dead_lrs_does_not_touch_the_trainees_request(
    trainee, client_for, settings, django_capture_on_commit_callbacks
):
    # The immediate backend (development, tests) sends in the request's on-commit: the refused
    # connection is logged, never raised, and the trainee lands on the new dossier.
    settings.XAPI_LRS_URL = dead_url()
    case = PublishedCaseVersionFactory().case
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(trainee).post(reverse("cases:attempt-start", args=[case.slug]))
    assert response.status_code == 302
    assert trainee.case_attempts.filter(case_version__case=case).count() == 1
    assert callbacks, "the statement's sending ran on commit"


def test_a_statement_that_cannot_be_built_leaves_the_trainees_work_alone(
    trainee, queued, monkeypatch, django_capture_on_commit_callbacks
):
    # A query of the builder fails (a database error inside the trainee's transaction): the
    # builder runs in a savepoint, so on PostgreSQL the transaction is not left aborted.
    from django.db import connection

    def failing(attempt):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table_for_xapi")

    monkeypatch.setattr(statements, "case_started", failing)
    case = PublishedCaseVersionFactory().case
    with django_capture_on_commit_callbacks(execute=True):
        attempt = case_services.attempt_start(trainee=trainee, case=case)
        do_intake(attempt, trainee)
    assert trainee.case_attempts.filter(case_version__case=case).count() == 1
    assert attempt.events.exists()
    assert not [s for s in queued() if s["verb"]["id"].endswith("attempted")]
    assert [s for s in queued() if s["verb"]["id"].endswith("completed")]
