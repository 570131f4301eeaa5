"""An attempt's cut score is fixed by its first grade (issue #15, item 5; review): a cut score
adopted between the first and the second marker does not judge the second marker's grade of
the same attempt against another figure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assessment.cut_score import attempt_cut_score
from assessment.models import Grade
from tests.assessment.exam_form_fixtures import *  # noqa: F403 (fixtures)
from tests.assessment.exam_form_fixtures import _adopt
from tests.factories.assessment import finished_attempt, signed_grade

pytestmark = pytest.mark.django_db


def test_an_adoption_between_the_first_and_second_marker_leaves_the_attempts_cut_score(
    form, board, markers, exam_cohort, case_version
):
    trainees = list(exam_cohort.trainees.order_by("username"))
    attempt = finished_attempt(
        trainee=trainees[0],
        cohort=exam_cohort,
        case_version=case_version,
        submission="bonnet-replaced",
    )
    first = signed_grade(attempt, markers[0])
    assert (first.score, first.cut_score, first.passed) == (Decimal("83.3"), Decimal("70.0"), True)
    # the exam board adopts 83.4 (above the 83.3 of bonnet-replaced) before the second marker
    form = _adopt(form, board, markers, "0.834")
    assert form.cut_score == Decimal("83.4")
    second = signed_grade(attempt, markers[1])
    assert second.role == "second"
    # both markers of the attempt are judged against the first grade's cut score
    assert (second.score, second.cut_score, second.cut_score_form_id, second.passed) == (
        Decimal("83.3"),
        Decimal("70.0"),
        None,
        True,
    )
    assert set(Grade.objects.filter(attempt=attempt).values_list("cut_score", flat=True)) == {
        Decimal("70.0")
    }
    # a new attempt, with no grade yet, takes the adopted cut score
    fresh = finished_attempt(
        trainee=trainees[1],
        cohort=exam_cohort,
        case_version=case_version,
        submission="bonnet-replaced",
    )
    assert attempt_cut_score(fresh) == (Decimal("83.4"), form)
    grade = signed_grade(fresh, markers[0])
    assert (grade.cut_score, grade.passed) == (Decimal("83.4"), False)


def test_after_adoption_every_marker_carries_the_adopted_cut_score(
    form, board, markers, exam_cohort, case_version
):
    form = _adopt(form, board, markers, "0.834")
    attempt = finished_attempt(
        trainee=exam_cohort.trainees.first(),
        cohort=exam_cohort,
        case_version=case_version,
        submission="bonnet-replaced",
    )
    signed_grade(attempt, markers[0])
    second = signed_grade(attempt, markers[1])
    assert (second.cut_score, second.cut_score_form, second.passed) == (
        Decimal("83.4"),
        form,
        False,
    )
