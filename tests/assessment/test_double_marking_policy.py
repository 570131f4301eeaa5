"""The exam board's marking policy per exam cohort (issue #15, items 1 and 7): the page's form
and the API, who may use them, their refusals, and the marking history's access."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from assessment.models import MarkingPolicy
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import signed_grade

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam_cohort(cohort):
    cohort.exam_mode = True
    cohort.save()
    return cohort


@pytest.fixture
def board(organisation):
    user = UserFactory(username="dm_examencommissie", role=Role.ASSESSOR, organisation=organisation)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="assessment", codename="exam_board")
    )
    return user


def _page(cohort):
    return reverse("assessment:marking_policy", args=[cohort.pk])


def _api(cohort):
    return reverse("api:assessment_api:marking-policy", args=[cohort.pk])


FORM = {
    "markers": "2",
    "agreement_rule": "mean",
    "escalation_points": "7,5",
    "escalate_on_pass_fail": "on",
    "moderation_sample_percent": "20",
}


def test_the_exam_board_sets_a_cohorts_policy_on_the_page(exam_cohort, board, client_for):
    client = client_for(board)
    assert client.get(reverse("assessment:marking_policies")).status_code == 200
    assert client.get(_page(exam_cohort)).status_code == 200

    response = client.post(_page(exam_cohort), FORM)

    assert response.status_code == 302
    policy = MarkingPolicy.objects.get(cohort=exam_cohort)
    assert (policy.markers, policy.agreement_rule) == (2, "mean")
    assert policy.escalation_points == Decimal("7.5") and policy.moderation_sample_percent == 20
    assert policy.updated_by == board


def test_a_refused_policy_form_keeps_what_was_typed(exam_cohort, board, client_for):
    typed = {**FORM, "markers": "3", "agreement_rule": "third_decides", "escalation_points": "12,5"}
    response = client_for(board).post(_page(exam_cohort), typed)

    assert response.status_code == 400
    form = response.context["form"]
    assert "alleen bij twee beoordelaars" in str(form.errors["agreement_rule"])
    body = response.content.decode()
    assert 'value="12,5"' in body
    assert not MarkingPolicy.objects.filter(cohort=exam_cohort).exists()


def test_an_assessor_or_trainee_cannot_open_the_policy(exam_cohort, assessor, trainee, client_for):
    for user in (assessor, trainee):
        client = client_for(user)
        assert client.get(_page(exam_cohort)).status_code == 404
        assert client.post(_page(exam_cohort), FORM).status_code == 404
        assert client.get(reverse("assessment:marking_policies")).status_code == 404
        assert client.get(_api(exam_cohort)).status_code == 403
        assert (
            client.put(_api(exam_cohort), FORM, content_type="application/json").status_code == 403
        )
    assert not MarkingPolicy.objects.exists()


def test_a_practice_cohort_has_no_policy_page(cohort, board, client_for):
    assert client_for(board).get(_page(cohort)).status_code == 404
    assert client_for(board).get(_api(cohort)).status_code == 404


def test_the_api_reads_the_default_and_stores_a_policy(exam_cohort, board, client_for):
    client = client_for(board)
    default = client.get(_api(exam_cohort)).json()
    assert default["default"] is True and default["markers"] == 2
    assert default["agreement_rule"] == "third_decides"

    body = {
        "markers": 3,
        "agreement_rule": "median",
        "escalation_points": "8.0",
        "escalate_on_pass_fail": False,
        "moderation_sample_percent": 10,
    }
    stored = client.put(_api(exam_cohort), body, content_type="application/json")

    assert stored.status_code == 200, stored.json()
    assert stored.json()["default"] is False and stored.json()["markers"] == 3
    assert MarkingPolicy.objects.get(cohort=exam_cohort).agreement_rule == "median"


def test_the_api_names_the_field_of_each_error(exam_cohort, board, client_for):
    body = {
        "markers": 3,
        "agreement_rule": "third_decides",
        "escalation_points": "geen",
        "escalate_on_pass_fail": "ja",
        "moderation_sample_percent": 101,
    }
    response = client_for(board).put(_api(exam_cohort), body, content_type="application/json")
    assert response.status_code == 400
    paths = {error["path"] for error in response.json()["errors"]}
    assert {"escalation_points", "escalate_on_pass_fail"} <= paths

    body.update(escalation_points="10", escalate_on_pass_fail=True)
    response = client_for(board).put(_api(exam_cohort), body, content_type="application/json")
    paths = {error["path"] for error in response.json()["errors"]}
    assert paths == {"agreement_rule", "moderation_sample_percent"}


def test_the_marking_history_is_for_the_board_and_the_cohorts_assessors(
    attempt, exam_cohort, assessor, trainee, outsider_assessor, board, client_for
):
    signed_grade(attempt, assessor)
    page = reverse("assessment:marking_history", args=[attempt.pk])
    api = reverse("api:assessment_api:attempt-marking", args=[attempt.pk])
    for user, code in ((board, 200), (assessor, 200), (trainee, 404), (outsider_assessor, 404)):
        assert client_for(user).get(page).status_code == code, user
        assert client_for(user).get(api).status_code == code, user
    # the board sees the figures and who; the marker, while blind, neither
    board_events = client_for(board).get(api).json()["events"]
    signed = next(e for e in board_events if e["kind"] == "marker_signed")
    assert signed["actor"] == assessor.username and signed["detail"].startswith("score ")
