"""Builders shared by the calibration tests (issue #15, item 2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import Permission

from assessment import calibration
from assessment.models import CalibrationItem, CalibrationSet, ExamPeriod
from assessment.rubric import AREAS
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import finished_attempt

TODAY = dt.date(2026, 12, 6)
AGREED_SCORES = ("50.0", "60.0", "70.0", "80.0", "90.0")
AGREED_LEVELS = ((1, 2, 2, 1), (2, 2, 3, 2), (3, 2, 3, 3), (3, 4, 3, 3), (4, 4, 4, 3))


def rubric(levels) -> dict[str, int]:
    return {area.slug: level for area, level in zip(AREAS, levels, strict=True)}


def exam_board_member(organisation=None):
    user = UserFactory(username="examencommissie_t", role=Role.ASSESSOR, organisation=organisation)
    user.user_permissions.add(Permission.objects.get(codename="exam_board"))
    return type(user).objects.get(pk=user.pk)


def period(
    name="Examenperiode december 2026", starts=dt.date(2026, 11, 16), ends=dt.date(2027, 1, 31)
):
    return ExamPeriod.objects.create(name=name, starts_on=starts, ends_on=ends)


def past_period():
    return period("Examenperiode juni 2026", dt.date(2026, 5, 18), dt.date(2026, 7, 31))


def calibration_set(trainee, *, published=True, scores=AGREED_SCORES, levels=AGREED_LEVELS):
    """A set of submitted attempts of `trainee` (no cohort: nobody's queue) with agreed grades."""
    created = CalibrationSet.objects.create(title="Set A", published=published)
    for position, (score, level) in enumerate(zip(scores, levels, strict=True), start=1):
        CalibrationItem.objects.create(
            calibration_set=created,
            attempt=finished_attempt(trainee=trainee),
            position=position,
            agreed_score=Decimal(score),
            agreed_rubric=rubric(level),
        )
    return created


def rate_all(assessor, calibration_set, *, points=0, level_step=0, on=TODAY):
    """The assessor rates every item: the agreed score plus `points` (a number or one per
    item), every agreed level plus `level_step` (kept within 1–4)."""
    items = list(calibration_set.items.order_by("position"))
    offsets = points if isinstance(points, (list, tuple)) else [points] * len(items)
    for item, offset in zip(items, offsets, strict=True):
        levels = {
            slug: min(max(level + level_step, 1), 4) for slug, level in item.agreed_rubric.items()
        }
        calibration.rating_give(
            item=item,
            by=assessor,
            score=str(item.agreed_score + Decimal(str(offset))),
            rubric=levels,
            on=on,
        )
