"""Demo data of the calibration of assessors (issue #15, item 2): a current exam period
covering the demo day (2026-12-06) and a past one, a published calibration set per period of
the five delivered demo attempts with agreed grades, graded by beoordelaar1, beoordelaar2 and
beoordelaar3 (calibrated in the current period: they mark the demo's exam attempts) and by
coordinator1 (calibrated in the past period, which expired, and not calibrated now: the gate
keeps them from exam attempts).

Everything goes through `assessment.calibration` (the exam board examencommissie1 creates the
periods and the set; each assessor rates through `rating_give`, the past period's ratings with
a date in that period). Idempotent: a period, set or rating that exists is left as it is.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TextIO

from cases.models import Attempt
from schadeplatform.accounts.models import User

from . import calibration, calibration_sets
from .exam_board import EXAM_BOARD_PERMISSION
from .models import CalibrationRating, CalibrationSet, ExamPeriod
from .rubric import AREAS, LEVELS

CURRENT = ("Examenperiode december 2026", dt.date(2026, 11, 16), dt.date(2027, 1, 31))
PAST = ("Examenperiode juni 2026", dt.date(2026, 5, 18), dt.date(2026, 7, 31))
SET_TITLE = "Kalibratieset schadecalculatie 2026"
#: The past period's own set (the same attempts): a set rated in one period cannot be rated
#: again in a later one (`calibration.set_rated_earlier`).
PAST_SET_TITLE = "Kalibratieset schadecalculatie juni 2026"
SET_DESCRIPTION = (
    "Vijf ingeleverde calculaties met het cijfer dat de examencommissie heeft vastgesteld. "
    "Beoordeel ze zoals een examenpoging; daarna ziet u per poging het vastgestelde cijfer."
)

# (trainee, case) of the delivered demo attempts (assessment.demo), with the agreed score and
# rubric levels (in the order of `rubric.AREAS`).
ITEMS = (
    ("cursist1", "clio-door-private", "62.0", (2, 3, 3, 2)),
    ("cursist1", "golf-front-low-speed", "81.5", (3, 4, 3, 3)),
    ("cursist2", "golf-front-low-speed", "74.0", (3, 3, 2, 3)),
    ("cursist2", "clio-door-private", "55.5", (2, 2, 2, 1)),
    ("cursist1", "vito-van-fleet-rear", "88.0", (4, 3, 4, 4)),
)

# Each assessor's ratings as differences from the agreed grade: points per item, and a level
# step per item × area. Close for a calibrated assessor, far for one who is not.
CLOSE = (
    (1.5, -2.0, 0.5, -1.0, 2.0),
    ((0, 0, 0, 0), (0, -1, 0, 0), (0, 0, 0, 0), (0, 0, 1, 0), (0, 0, 0, 0)),
)
CLOSE_TOO = (
    (-1.0, 1.0, -2.5, 0.5, 0.0),
    ((0, 0, 0, 1), (0, 0, 0, 0), (-1, 0, 0, 0), (0, 0, 0, 0), (0, 0, -1, 0)),
)
FAR = (
    (18.0, -15.0, 14.0, 20.0, -22.0),
    ((2, -2, 1, 2), (-2, -1, 1, -2), (-1, 1, 2, -2), (2, 2, 1, 3), (-3, -1, -2, -3)),
)

# (assessor, period, differences); each period rates its own set
RATERS = (
    ("beoordelaar1", CURRENT, CLOSE),
    ("beoordelaar2", CURRENT, CLOSE_TOO),
    ("beoordelaar3", CURRENT, CLOSE_TOO),
    ("coordinator1", PAST, CLOSE),
    ("coordinator1", CURRENT, FAR),
)
SET_OF_PERIOD = {CURRENT: SET_TITLE, PAST: PAST_SET_TITLE}


def _period(board: User, spec: tuple[str, dt.date, dt.date]) -> ExamPeriod:
    name, starts_on, ends_on = spec
    found = ExamPeriod.objects.filter(name=name).first()
    if found is not None:
        return found
    return calibration.period_create(by=board, name=name, starts_on=starts_on, ends_on=ends_on)


def _set(board: User, stdout: TextIO, title: str = SET_TITLE) -> CalibrationSet | None:
    found = CalibrationSet.objects.filter(title=title).first()
    if found is not None:
        return found
    items = []
    for trainee, case_slug, score, levels in ITEMS:
        attempt = (
            Attempt.objects.filter(
                trainee__username=trainee,
                case_version__case__slug=case_slug,
                submitted_at__isnull=False,
            )
            .order_by("pk")
            .first()
        )
        if attempt is None:
            stdout.write(f"Kalibratie: poging {trainee}/{case_slug} ontbreekt, overgeslagen.\n")
            continue
        rubric = {area.slug: level for area, level in zip(AREAS, levels, strict=True)}
        items.append(calibration.ItemInput(attempt.pk, score, rubric))
    created = calibration_sets.calibration_set_create(
        by=board, title=title, description=SET_DESCRIPTION, items=items
    )
    return calibration.calibration_set_publish(calibration_set=created, by=board)


def _clamped_level(level: int) -> int:
    return min(max(level, LEVELS[0]), LEVELS[-1])


def _rate(assessor: User, period: ExamPeriod, calibration_set: CalibrationSet, differences):
    points, steps = differences
    items = list(calibration_set.items.order_by("position", "pk"))
    for index, item in enumerate(items):
        if CalibrationRating.objects.filter(item=item, assessor=assessor, period=period).exists():
            continue
        score = item.agreed_score + Decimal(str(points[index % len(points)]))
        score = min(max(score, Decimal("0")), Decimal("100"))
        step = steps[index % len(steps)]
        rubric = {
            area.slug: _clamped_level(item.agreed_rubric[area.slug] + step[position])
            for position, area in enumerate(AREAS)
        }
        calibration.rating_give(
            item=item, by=assessor, score=str(score), rubric=rubric, on=period.starts_on
        )


def load(stdout: TextIO) -> None:
    # The exam board's demo member (assessment.demo made them one, just before this).
    app_label, codename = EXAM_BOARD_PERMISSION.split(".")
    board = (
        User.objects.filter(
            groups__permissions__content_type__app_label=app_label,
            groups__permissions__codename=codename,
            is_active=True,
        )
        .order_by("pk")
        .first()
    )
    if board is None:
        stdout.write("Kalibratie: geen lid van de examencommissie; eerst de accounts laden.\n")
        return
    try:
        periods = {spec: _period(board, spec) for spec in (CURRENT, PAST)}
        sets = {spec: _set(board, stdout, title) for spec, title in SET_OF_PERIOD.items()}
        for username, spec, differences in RATERS:
            assessor = User.objects.filter(username=username).first()
            if assessor is None or sets[spec] is None:
                continue
            _rate(assessor, periods[spec], sets[spec], differences)
    except calibration.CalibrationError as exc:
        stdout.write(f"Kalibratie niet gelukt: {exc.errors}\n")
        return
    for username, spec, _differences in RATERS:
        status = (
            "gekalibreerd"
            if calibration.calibrated_in(User.objects.get(username=username), periods[spec])
            else "niet gekalibreerd"
        )
        stdout.write(f"Kalibratie: {username} in {spec[0]}: {status}.\n")
