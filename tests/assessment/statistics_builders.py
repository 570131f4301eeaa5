"""Builders for the agreement statistics and cohort analytics tests: signed grades, agreed
grades and calibration ratings written as rows (the figures are what is tested, not how the
marking workflow reaches them; that is tests/assessment/test_double_marking*.py's)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.utils import timezone

from assessment.models import (
    AgreedGrade,
    AgreedMethod,
    CalibrationItem,
    CalibrationRating,
    CalibrationSet,
    ExamPeriod,
    Grade,
    GradeRole,
    GradeStatus,
    MarkingState,
)
from assessment.rubric import AREAS
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import AttemptFactory, CaseVersionFactory

SLUGS = [area.slug for area in AREAS]


def rubric(*levels: int) -> dict[str, int]:
    return dict(zip(SLUGS, levels, strict=True))


def exam_board_user(username: str = "examencommissie_stat", organisation=None):
    """An assessor with the exam board's permission (`assessment.exam_board`)."""
    extra = {"organisation": organisation} if organisation is not None else {}
    user = UserFactory(username=username, role=Role.ASSESSOR, **extra)
    user.user_permissions.add(Permission.objects.get(codename="exam_board"))
    return type(user).objects.get(pk=user.pk)


def assessors(count: int, organisation, cohort=None, prefix: str = "marker"):
    users = [
        UserFactory(username=f"{prefix}{n}", role=Role.ASSESSOR, organisation=organisation)
        for n in range(1, count + 1)
    ]
    if cohort is not None:
        cohort.assessors.add(*users)
    return users


def signed(attempt, assessor, role, score, levels=None, machine_result=None) -> Grade:
    score = Decimal(str(score))
    return Grade.objects.create(
        attempt=attempt,
        role=role,
        assessor=assessor,
        score=score,
        passed=score >= 70,
        rubric=rubric(*levels) if levels else {},
        machine_result=machine_result or {},
        status=GradeStatus.SIGNED,
        signed_at=timezone.now(),
        marking_state=MarkingState.READY_FOR_RELEASE,
    )


def agreed(attempt, score, basis: Grade) -> AgreedGrade:
    score = Decimal(str(score))
    return AgreedGrade.objects.create(
        attempt=attempt,
        score=score,
        passed=score >= 70,
        cut_score=Decimal("70"),
        method=AgreedMethod.MEAN,
        explanation="test",
        basis=basis,
    )


def double_marked(trainee, cohort, case_version, first, second, *, agreed_score=None):
    """An attempt of `trainee` in `cohort` marked by `first` and `second`, each a tuple
    (assessor, score, levels); with `agreed_score` an agreed grade on the first's details."""
    attempt = AttemptFactory(trainee=trainee, cohort=cohort, case_version=case_version)
    grade = signed(attempt, first[0], GradeRole.PRIMARY, first[1], first[2])
    signed(attempt, second[0], GradeRole.SECOND, second[1], second[2])
    if agreed_score is not None:
        agreed(attempt, agreed_score, grade)
    return attempt


def case_version():
    return CaseVersionFactory()


def exam_period(name="Periode test", starts=dt.date(2026, 11, 1), ends=dt.date(2027, 1, 31)):
    return ExamPeriod.objects.create(name=name, starts_on=starts, ends_on=ends)


def calibration_set(trainee, agreed_items, *, published=True) -> CalibrationSet:
    """`agreed_items`: (score, levels) per item."""
    created = CalibrationSet.objects.create(title="Set statistiek", published=published)
    for position, (score, levels) in enumerate(agreed_items, start=1):
        CalibrationItem.objects.create(
            calibration_set=created,
            attempt=AttemptFactory(trainee=trainee),
            position=position,
            agreed_score=Decimal(str(score)),
            agreed_rubric=rubric(*levels),
        )
    return created


def calibration_ratings(calibration_set, assessor, period, given):
    """`given`: (score, levels) per item, in the set's order."""
    items = list(calibration_set.items.order_by("position"))
    for item, (score, levels) in zip(items, given, strict=True):
        CalibrationRating.objects.create(
            item=item,
            assessor=assessor,
            period=period,
            score=Decimal(str(score)),
            rubric=rubric(*levels),
        )
