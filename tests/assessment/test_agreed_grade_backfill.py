"""Migration 0006: exam attempts graded before double marking had rules get the agreed grade
their old rule gave (the first assessor's once both blind grades were signed; the moderator's
where a moderation was resolved), so `final_grade` shows what was signed and released."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from assessment import selectors
from assessment.models import AgreedGrade, AgreedMethod, GradeRole
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import signed_grade

from .test_exam_mode import lower_by_overrides

pytestmark = pytest.mark.django_db

backfill = import_module("assessment.migrations.0006_agreed_grades_of_earlier_exams").backfill


@pytest.fixture
def second_assessor(organisation, cohort):
    cohort.exam_mode = True
    cohort.save()
    user = UserFactory(username="beoordelaar_b2", role=Role.ASSESSOR, organisation=organisation)
    cohort.assessors.add(user)
    return user


def test_an_earlier_double_marked_exam_keeps_the_first_assessors_grade(
    attempt, assessor, second_assessor
):
    # given: both blind grades signed, close together, as before 0005 (no agreed grade row)
    first = signed_grade(attempt, assessor)
    lower_by_overrides(attempt, second_assessor, [])
    AgreedGrade.objects.filter(attempt=attempt).delete()

    # when
    backfill(apps, None)

    # then: the first assessor's grade, its score unchanged, with how it was reached
    agreed = AgreedGrade.objects.get(attempt=attempt)
    assert (agreed.method, agreed.basis_id) == (AgreedMethod.FIRST_MARKER, first.pk)
    assert (agreed.score, agreed.passed) == (first.score, first.passed)
    assert "eerste beoordelaar" in agreed.explanation
    assert sorted(g.role for g in agreed.grades.all()) == [GradeRole.PRIMARY, GradeRole.SECOND]
    grades = list(attempt.grades.all())
    assert selectors.final_grade(attempt, grades).pk == first.pk


def test_an_attempt_still_blind_gets_no_agreed_grade(attempt, assessor, second_assessor):
    signed_grade(attempt, assessor)

    backfill(apps, None)

    assert not AgreedGrade.objects.filter(attempt=attempt).exists()


def test_an_attempt_that_already_has_its_agreed_grade_is_left_alone(
    attempt, assessor, second_assessor
):
    signed_grade(attempt, assessor)
    lower_by_overrides(attempt, second_assessor, [])
    before = AgreedGrade.objects.get(attempt=attempt)

    backfill(apps, None)

    after = AgreedGrade.objects.get(attempt=attempt)
    assert (after.pk, after.method, after.score) == (before.pk, before.method, before.score)
