"""Blind marking, the reviewer's findings of issue #15 item 1: the dossier timeline (page and
API) and the attempt list name the trainee as markers may see them; a marker on the exam board
stays blind on the attempts they mark; involved markers learn of no escalation before the
agreed grade; the queue names the next marker of a three-marker policy; the assessment PDF
served to a marker before release has no trainee name."""

import shutil
import subprocess

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment import services
from assessment.exam import candidate_code
from assessment.exam_board import EXAM_BOARD_PERMISSION
from assessment.models import MarkingPolicy
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import finished_attempt, signed_grade

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam_cohort(cohort):
    cohort.exam_mode = True
    cohort.save()
    return cohort


def _marker(organisation, cohort, username: str):
    user = UserFactory(username=username, role=Role.ASSESSOR, organisation=organisation)
    cohort.assessors.add(user)
    return user


@pytest.fixture
def second(organisation, exam_cohort):
    return _marker(organisation, exam_cohort, "bm_tweede")


@pytest.fixture
def third(organisation, exam_cohort):
    return _marker(organisation, exam_cohort, "bm_derde")


def _on_exam_board(user):
    codename = EXAM_BOARD_PERMISSION.split(".")[1]
    user.user_permissions.add(Permission.objects.get(codename=codename))
    return type(user).objects.get(pk=user.pk)  # drop the permission cache


def _names(trainee) -> list[str]:
    return [name for name in (trainee.get_full_name(), trainee.username) if name]


def _escalated(attempt, assessor, second):
    """The first marker signs; the second fails a critical line and signs: the marks differ
    on pass/fail, so the attempt is escalated to a third marker."""
    signed_grade(attempt, assessor)
    grade = services.grade_start(attempt=attempt, by=second)
    services.line_override_create(
        grade=grade, by=second, line_key="6", new_verdict="missing", reason="Niet aangetoond."
    )
    signed_grade(attempt, second)


# ---------------------------------------------------------------------------------------------
# 1. The timeline, page and API


def test_the_timeline_names_the_trainees_steps_by_candidate_code_for_a_marker(
    attempt, exam_cohort, trainee, assessor, client_for
):
    signed_grade(attempt, assessor)
    client = client_for(assessor)

    events = client.get(reverse("api:cases_api:attempt-timeline", args=[attempt.pk])).json()
    page = client.get(reverse("cases:attempt-detail", args=[attempt.pk]))

    # every event of the clean timeline is the trainee's: each names the code
    assert events and {event["actor"] for event in events} == {candidate_code(attempt)}
    rows = page.context["events"]
    assert rows and {row["actor"] for row in rows} == {candidate_code(attempt)}
    body = page.content.decode()
    assert all(name not in body for name in _names(trainee))


def test_the_trainee_reads_their_own_name_on_their_exam_timeline(
    attempt, exam_cohort, trainee, client_for
):
    client = client_for(trainee)
    events = client.get(reverse("api:cases_api:attempt-timeline", args=[attempt.pk])).json()
    assert events and {event["actor"] for event in events} == {trainee.username}
    rows = client.get(reverse("cases:attempt-detail", args=[attempt.pk])).context["events"]
    assert {row["actor"] for row in rows} == {trainee.get_full_name() or trainee.username}


def test_after_release_the_marker_reads_the_name_on_the_timeline(
    attempt, exam_cohort, trainee, assessor, second, client_for
):
    first = signed_grade(attempt, assessor)
    signed_grade(attempt, second)
    services.grade_release(grade=first, by=assessor)
    events = (
        client_for(second).get(reverse("api:cases_api:attempt-timeline", args=[attempt.pk])).json()
    )
    assert {event["actor"] for event in events} == {trainee.username}


# ---------------------------------------------------------------------------------------------
# 2. The attempt list


def test_the_trainee_sees_their_own_exam_attempts_under_their_name(
    attempt, exam_cohort, trainee, client_for
):
    answer = client_for(trainee).get(reverse("api:cases_api:attempt-list")).json()
    assert [row["trainee"] for row in answer] == [trainee.username]


def test_the_attempt_list_of_a_marker_names_codes_in_constant_queries(
    attempt, exam_cohort, trainee, assessor, client_for
):
    client = client_for(assessor)
    url = reverse("api:cases_api:attempt-list")
    client.get(url)  # session and user caches warm

    with CaptureQueriesContext(connection) as one:
        first = client.get(url).json()
    more = [finished_attempt(trainee=trainee, cohort=exam_cohort) for _ in range(3)]
    for other in more:
        signed_grade(other, assessor)
    with CaptureQueriesContext(connection) as four:
        answer = client.get(url).json()

    assert [row["trainee"] for row in first] == [candidate_code(attempt)]
    assert {row["trainee"] for row in answer} == {candidate_code(a) for a in [attempt, *more]}
    assert len(four.captured_queries) == len(one.captured_queries)


# ---------------------------------------------------------------------------------------------
# 3. The exam board marking an attempt stays blind


def test_an_exam_board_member_who_marks_the_attempt_sees_the_history_blind(
    attempt, exam_cohort, assessor, second, client_for
):
    signed_grade(attempt, assessor)
    board_marker = _on_exam_board(second)
    services.grade_start(attempt=attempt, by=board_marker)

    answer = client_for(board_marker).get(
        reverse("api:assessment_api:attempt-marking", args=[attempt.pk])
    )

    signed = [e for e in answer.json()["events"] if e["kind"] == "marker_signed"]
    assert signed and all(e["detail"] == "" and e["actor"] is None for e in signed)


def test_an_exam_board_member_who_does_not_mark_sees_the_figures(
    attempt, exam_cohort, assessor, third, client_for
):
    signed_grade(attempt, assessor)
    board = _on_exam_board(third)

    answer = client_for(board).get(reverse("api:assessment_api:attempt-marking", args=[attempt.pk]))

    signed = [e for e in answer.json()["events"] if e["kind"] == "marker_signed"]
    assert signed and all(e["detail"] and e["actor"] is not None for e in signed)


# ---------------------------------------------------------------------------------------------
# 4. An escalation is not shown to the markers it concerns


def test_the_involved_markers_learn_of_no_escalation(
    attempt, exam_cohort, assessor, second, third, client_for
):
    _escalated(attempt, assessor, second)
    history_url = reverse("api:assessment_api:attempt-marking", args=[attempt.pk])

    for marker in (assessor, second):
        client = client_for(marker)
        (row,) = client.get(reverse("api:assessment_api:queue")).json()
        assert row["state"] == "In beoordeling", marker
        page = client.get(reverse("assessment:queue")).content.decode()
        assert "Moderatie nodig" not in page
        kinds = [e["kind"] for e in client.get(history_url).json()["events"]]
        assert "escalated" not in kinds and "marker_signed" in kinds, marker
        page = client.get(reverse("assessment:marking_history", args=[attempt.pk]))
        assert "geëscaleerd" not in page.content.decode()

    # the third marker is asked, and the exam board sees the escalation
    (row,) = client_for(third).get(reverse("api:assessment_api:queue")).json()
    assert (row["state"], row["can_start"]) == ("Moderatie nodig", True)
    board = _on_exam_board(UserFactory(username="bm_commissie", role=Role.ASSESSOR))
    kinds = [e["kind"] for e in client_for(board).get(history_url).json()["events"]]
    assert "escalated" in kinds


def test_the_moderators_steps_stay_hidden_from_the_markers_until_agreed(
    attempt, exam_cohort, assessor, second, third, client_for
):
    _escalated(attempt, assessor, second)
    services.grade_start(attempt=attempt, by=third)
    history_url = reverse("api:assessment_api:attempt-marking", args=[attempt.pk])

    events = client_for(assessor).get(history_url).json()["events"]

    assert all(e["kind"] != "moderator_assigned" for e in events)
    assert all(e["role"] != "moderator" for e in events)


# ---------------------------------------------------------------------------------------------
# 5. Three markers: the queue names the marker waited for


def test_with_three_markers_the_queue_names_the_next_missing_marker(
    attempt, exam_cohort, assessor, second, client_for
):
    MarkingPolicy.objects.create(cohort=exam_cohort, markers=3)
    signed_grade(attempt, assessor)
    services.grade_start(attempt=attempt, by=second)  # started, not signed: still missing

    (row,) = client_for(assessor).get(reverse("api:assessment_api:queue")).json()
    assert row["state"] == "Wacht op tweede beoordelaar (blind)"

    signed_grade(attempt, second)
    for marker in (assessor, second):
        (row,) = client_for(marker).get(reverse("api:assessment_api:queue")).json()
        assert row["state"] == "Wacht op derde beoordelaar (blind)", marker


# ---------------------------------------------------------------------------------------------
# 6. The assessment PDF as served to a marker


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) is missing")
def test_the_assessment_pdf_served_to_a_marker_before_release_has_no_trainee_name(
    attempt, exam_cohort, trainee, assessor, second, client_for, django_capture_on_commit_callbacks
):
    signed_grade(attempt, assessor)
    own = signed_grade(attempt, second)  # agreed, not released
    client = client_for(second)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("assessment:report_assessment", args=[own.pk]))
    assert response.status_code == 302
    download = client.get(response["Location"])
    assert download.status_code == 200
    pdf = b"".join(download.streaming_content)

    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert candidate_code(attempt) in text
    assert all(name not in text for name in _names(trainee))
