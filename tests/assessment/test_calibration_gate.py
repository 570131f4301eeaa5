"""The allocation gate of calibration (issue #15, item 2): in an exam period, exam attempts are
allocated to, and self-started by, only assessors calibrated in that period; outside any
period there is no gate; practice attempts never have one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from assessment import services
from assessment.models import MarkerAllocation
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import finished_attempt

from .calibration_helpers import calibration_set, period, rate_all

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _current_period():
    today = _today()
    return period("Huidige periode", today - dt.timedelta(days=10), today + dt.timedelta(days=30))


def _previous_period():
    today = _today()
    return period("Vorige periode", today - dt.timedelta(days=200), today - dt.timedelta(days=100))


def _calibrate(assessor, trainee, on):
    rate_all(assessor, calibration_set(trainee), on=on)


@pytest.fixture
def exam_attempt(multi_cohort_trainee, exam_group):
    return finished_attempt(trainee=multi_cohort_trainee, cohort=exam_group)


@pytest.fixture
def lead(organisation, exam_group):
    """An assessor of the exam cohort who allocates (the permission of the cohort lead)."""
    user = UserFactory(
        username="groepsleider_examen", role=Role.ASSESSOR, organisation=organisation
    )
    exam_group.assessors.add(user)
    user.user_permissions.add(Permission.objects.get(codename="change_markerallocation"))
    return type(user).objects.get(pk=user.pk)


def test_without_a_period_there_is_no_gate(exam_attempt, examiner, lead):
    assert services.allocation_set(attempt=exam_attempt, marker=examiner, by=lead) is not None
    MarkerAllocation.objects.all().delete()
    grade = services.grade_start(attempt=exam_attempt, by=examiner)
    assert grade.role == "primary"


def test_an_uncalibrated_assessor_cannot_start_an_exam_attempt_in_a_period(exam_attempt, examiner):
    current = _current_period()
    with pytest.raises(services.AssessmentError) as refused:
        services.grade_start(attempt=exam_attempt, by=examiner)
    assert f"niet gekalibreerd voor examenperiode {current.name}" in str(refused.value)
    assert refused.value.errors[0]["path"] == "attempt"
    assert not exam_attempt.grades.exists()


def test_an_uncalibrated_assessor_is_not_allocated_an_exam_attempt(exam_attempt, examiner, lead):
    _current_period()
    with pytest.raises(services.AssessmentError) as refused:
        services.allocation_set(attempt=exam_attempt, marker=examiner, by=lead)
    assert "is niet gekalibreerd voor examenperiode Huidige periode" in str(refused.value)
    assert refused.value.errors[0]["path"] == "marker"
    outcome = services.allocations_set(allocations=[(exam_attempt.pk, examiner.pk)], by=lead)
    assert outcome.allocated == []
    assert "niet gekalibreerd" in outcome.refused[0][1]
    assert not MarkerAllocation.objects.exists()


def test_a_calibrated_assessor_is_allocated_and_starts(
    exam_attempt, examiner, lead, trainee, multi_cohort_trainee, exam_group
):
    _current_period()
    _calibrate(examiner, trainee, _today())
    assert services.allocation_set(attempt=exam_attempt, marker=examiner, by=lead) is not None
    assert services.grade_start(attempt=exam_attempt, by=examiner).role == "primary"
    other = finished_attempt(trainee=multi_cohort_trainee, cohort=exam_group)
    assert services.grade_start(attempt=other, by=examiner).role == "primary"


def test_the_blind_second_marker_must_be_calibrated_too(
    exam_attempt, examiner, trainee, organisation, exam_group
):
    # given: the first marker calibrated and started; a second assessor of the cohort who is not
    _current_period()
    _calibrate(examiner, trainee, _today())
    services.grade_start(attempt=exam_attempt, by=examiner)
    second = UserFactory(username="tweede_examen", role=Role.ASSESSOR, organisation=organisation)
    exam_group.assessors.add(second)

    # when / then: the blind second grade is refused until they are calibrated
    with pytest.raises(services.AssessmentError) as refused:
        services.grade_start(attempt=exam_attempt, by=second)
    assert "niet gekalibreerd" in str(refused.value)
    assert list(exam_attempt.grades.values_list("role", flat=True)) == ["primary"]
    _calibrate(second, trainee, _today())
    assert services.grade_start(attempt=exam_attempt, by=second).role == "second"


def test_a_calibration_of_the_previous_period_no_longer_opens_the_gate(
    exam_attempt, examiner, lead, trainee
):
    previous = _previous_period()
    _current_period()
    _calibrate(examiner, trainee, previous.starts_on)
    with pytest.raises(services.AssessmentError, match="niet gekalibreerd"):
        services.grade_start(attempt=exam_attempt, by=examiner)
    with pytest.raises(services.AssessmentError, match="niet gekalibreerd"):
        services.allocation_set(attempt=exam_attempt, marker=examiner, by=lead)


def test_an_uncalibrated_result_does_not_open_the_gate(exam_attempt, examiner, trainee):
    _current_period()
    rate_all(examiner, calibration_set(trainee), points=[30, -30, 25, -25, 5], level_step=-3)
    with pytest.raises(services.AssessmentError, match="niet gekalibreerd"):
        services.grade_start(attempt=exam_attempt, by=examiner)


def test_practice_attempts_have_no_gate(attempt, assessor):
    _current_period()
    assert services.grade_start(attempt=attempt, by=assessor).role == "primary"


def test_an_allocation_made_before_the_period_does_not_let_an_uncalibrated_marker_start(
    exam_attempt, examiner, lead, trainee
):
    # allocated while no period ran (no gate then); the period now running asks its own
    services.allocation_set(attempt=exam_attempt, marker=examiner, by=lead)
    _current_period()
    with pytest.raises(services.AssessmentError, match="niet gekalibreerd"):
        services.grade_start(attempt=exam_attempt, by=examiner)
    assert not exam_attempt.grades.exists()
    _calibrate(examiner, trainee, _today())
    assert services.grade_start(attempt=exam_attempt, by=examiner).role == "primary"


def test_an_allocation_made_while_calibrated_in_an_earlier_period_does_not_carry_over(
    exam_attempt, examiner, lead, trainee
):
    previous = _previous_period()
    _calibrate(examiner, trainee, previous.starts_on)
    # the allocation as it was made in the earlier period, when the marker was calibrated
    MarkerAllocation.objects.create(attempt=exam_attempt, marker=examiner, allocated_by=lead)
    _current_period()
    with pytest.raises(services.AssessmentError, match="niet gekalibreerd"):
        services.grade_start(attempt=exam_attempt, by=examiner)


def test_the_queue_offers_only_calibrated_markers_for_an_exam_attempt(
    exam_attempt, examiner, lead, trainee, client_for
):
    _current_period()
    page = client_for(lead).get(reverse("assessment:queue"))
    row = next(r for r in page.context["rows"] if r.attempt.pk == exam_attempt.pk)
    assert row.markers == []
    _calibrate(examiner, trainee, _today())
    page = client_for(lead).get(reverse("assessment:queue"))
    row = next(r for r in page.context["rows"] if r.attempt.pk == exam_attempt.pk)
    assert row.markers == [examiner]


def test_the_api_names_the_refusal(exam_attempt, examiner, client_for):
    _current_period()
    answer = client_for(examiner).post(
        reverse("api:assessment_api:grade-start", args=[exam_attempt.pk])
    )
    assert answer.status_code in (400, 403)
    assert "niet gekalibreerd" in answer.json()["errors"][0]["message"]
