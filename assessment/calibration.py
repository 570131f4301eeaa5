"""Calibration of assessors (issue #15, item 2): the one owner of its rules.

- **Periods.** `current_period(on)` is the exam period covering a date (periods never overlap,
  `period_create` refuses it). A calibration counts only in the period it was earned in: a
  result is stored per period, and `is_calibrated(user, on)` asks the period covering `on`.
  Expiry is therefore nothing that runs: the next period simply has no result yet.
- **Rating.** An assessor grades every item of a published set in the current period: a score
  0–100 with at most one decimal and a level 1–4 for every rubric area
  (`assessment.rubric.AREAS`). A rating stands once given (the agreed grade is shown right
  after it, so changing it would make calibration pointless); the next period starts afresh,
  on another set: a set rated in an earlier period is refused (`set_rated_earlier`).
- **Agreement.** Once every item is rated, the assessor's agreement with the agreed grades is
  computed with `assessment.agreement` (no formula is written here): on the scores the ICC in
  the form ICC(A,1) (Shrout & Fleiss ICC(2,1): two-way, absolute agreement, single rater), the
  assessor and the agreed grade as the two "raters"; on the rubric levels the quadratic
  weighted kappa (Fleiss & Cohen 1973) over every item × area pooled. Calibrated when
  ICC ≥ the period's `icc_threshold` **or** kappa ≥ its `kappa_threshold`. A statistic the
  data leave undefined (no variance) is stored as `None` with the reason, never invented, and
  cannot calibrate.
- **Gate.** Exam attempts (`assessment.exam.is_exam`) are allocated to, and self-started by,
  only an assessor calibrated in the current period; outside any period there is no gate
  (`exam_allocation_refusal`, `exam_start_refusal`; `assessment.services` asks them).

Why ICC(A,1), where agreed grades are shown, and the gate outside periods: assessment/README.md,
"Calibration of assessors".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from schadeplatform.accounts.models import Role, User

from .agreement import AgreementInputError, IccEstimate, Rating, cohen_kappas, icc
from .errors import Forbidden, Refused
from .exam import is_exam
from .exam_board import is_exam_board
from .models import (
    CalibrationItem,
    CalibrationRating,
    CalibrationResult,
    CalibrationSet,
    ExamPeriod,
)
from .rubric import AREAS, LEVELS

#: The ICC form for one assessor against the agreed grade (`assessment.agreement.ICC_FORMS`).
ICC_FORM = "ICC2"
#: The two "raters" of an assessor's agreement: the assessor and the agreed grade.
ASSESSOR_RATER = "beoordelaar"
AGREED_RATER = "vastgesteld"
#: A set needs this many items before it is published: with fewer the ICC of one assessor
#: against the agreed grades has fewer than `agreement.stats.MIN_ICC_RATINGS` ratings.
MIN_SET_ITEMS = 3
COMMENT_MAX_LENGTH = 4000
SCORE_MAX = Decimal("100")


class CalibrationError(Refused):
    """A refused calibration action; `errors` in the API's {"path", "message"} shape."""

    def __init__(self, errors: list[dict[str, str]]):
        super().__init__(errors=errors)


class CalibrationNotAllowed(CalibrationError, Forbidden):
    """The user may not do this at all (an assessor only rates, the exam board manages)."""


def _today(on: dt.date | None) -> dt.date:
    return on if on is not None else timezone.localdate()


# ---------------------------------------------------------------------------------------------
# Periods


def current_period(on: dt.date | None = None) -> ExamPeriod | None:
    """The exam period covering `on` (default today), or None outside every period."""
    day = _today(on)
    return (
        ExamPeriod.objects.filter(starts_on__lte=day, ends_on__gte=day)
        .order_by("-starts_on")
        .first()
    )


def period_create(
    *,
    by: User,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    icc_threshold: Decimal | None = None,
    kappa_threshold: Decimal | None = None,
) -> ExamPeriod:
    """A new exam period (the exam board only); it may not overlap another, so that a date has
    one period and a calibration one period to count in."""
    if not is_exam_board(by):
        raise CalibrationNotAllowed([{"path": "", "message": _("Alleen voor de examencommissie.")}])
    errors = []
    name = (name or "").strip()
    if not name:
        errors.append({"path": "name", "message": _("Geef de periode een naam.")})
    elif ExamPeriod.objects.filter(name=name).exists():
        errors.append({"path": "name", "message": _("Er is al een periode met deze naam.")})
    if ends_on < starts_on:
        errors.append({"path": "ends_on", "message": _("De periode eindigt niet vóór het begin.")})
    else:
        overlap = ExamPeriod.objects.filter(starts_on__lte=ends_on, ends_on__gte=starts_on).first()
        if overlap is not None:
            errors.append(
                {
                    "path": "starts_on",
                    "message": _("De periode overlapt examenperiode %(name)s.")
                    % {"name": overlap.name},
                }
            )
    thresholds = {"icc_threshold": icc_threshold, "kappa_threshold": kappa_threshold}
    low = {"icc_threshold": Decimal("0"), "kappa_threshold": Decimal("-1")}
    for path, value in thresholds.items():
        if value is not None and not (low[path] <= value <= Decimal("1")):
            errors.append(
                {
                    "path": path,
                    "message": _("Een drempel ligt tussen %(low)s en 1.") % {"low": low[path]},
                }
            )
    if errors:
        raise CalibrationError(errors)
    return ExamPeriod.objects.create(
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        **{key: value for key, value in thresholds.items() if value is not None},
    )


# ---------------------------------------------------------------------------------------------
# Sets (the exam board)


@dataclass(frozen=True)
class ItemInput:
    """One attempt of a new set with its agreed score and rubric levels."""

    attempt_id: int
    agreed_score: Any
    agreed_rubric: Any


# `calibration_set_create` lives in `assessment.calibration_sets`: it asks the selectors whether
# an exam attempt's final grade is released, and the selectors import this module.


def calibration_set_publish(*, calibration_set: CalibrationSet, by: User) -> CalibrationSet:
    """Publish a set to the assessors (the exam board only); it needs `MIN_SET_ITEMS` items.
    Its items do not change after this: assessors' ratings refer to them."""
    if not is_exam_board(by):
        raise CalibrationNotAllowed([{"path": "", "message": _("Alleen voor de examencommissie.")}])
    if calibration_set.items.count() < MIN_SET_ITEMS:
        raise CalibrationError(
            [
                {
                    "path": "items",
                    "message": _("Een set heeft minstens %(count)s pogingen nodig.")
                    % {"count": MIN_SET_ITEMS},
                }
            ]
        )
    CalibrationSet.objects.filter(pk=calibration_set.pk).update(published=True)
    calibration_set.published = True
    return calibration_set


# ---------------------------------------------------------------------------------------------
# Rating an item


def levels_of(rubric: dict) -> dict[str, int]:
    return {area.slug: int(rubric[area.slug]) for area in AREAS}


def validate_grade(score: Any, rubric: Any) -> tuple[Decimal | None, list[dict[str, str]]]:
    """The score as a Decimal and the errors (paths `score`, `rubric.<area>`) of a grade: a
    score 0–100 with at most one decimal, a level 1–4 for every rubric area and no other key."""
    errors: list[dict[str, str]] = []
    value: Decimal | None = None
    try:
        value = Decimal(str(score).strip().replace(",", ".")) if score not in (None, "") else None
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        errors.append({"path": "score", "message": _("Geef een score van 0 tot en met 100.")})
        value = None
    elif not (Decimal("0") <= value <= SCORE_MAX):
        errors.append({"path": "score", "message": _("Een score ligt tussen 0 en 100.")})
    elif value != value.quantize(Decimal("0.1")):
        errors.append({"path": "score", "message": _("Een score heeft hoogstens één decimaal.")})
    else:
        value = value.quantize(Decimal("0.1"))
    if not isinstance(rubric, dict):
        errors.append({"path": "rubric", "message": _("De rubric moet een object zijn.")})
        return value, errors
    slugs = {area.slug for area in AREAS}
    for key in sorted(set(rubric) - slugs):
        errors.append({"path": f"rubric.{key}", "message": _("Onbekend competentiegebied.")})
    for area in AREAS:
        level = rubric.get(area.slug)
        if isinstance(level, bool) or not isinstance(level, int) or level not in LEVELS:
            errors.append(
                {
                    "path": f"rubric.{area.slug}",
                    "message": _("Kies een niveau van 1 tot en met 4."),
                }
            )
    return value, errors


def set_rated_earlier(
    user: User, calibration_set: CalibrationSet, period: ExamPeriod
) -> ExamPeriod | None:
    """The earlier period in which the user rated an item of the set, or None. Whoever rated a
    set has seen its agreed grades (each right after rating it), so rating the same set again
    in a later period would measure memory, not agreement: expiry would mean nothing. The exam
    board publishes a new set for each period."""
    rating = (
        CalibrationRating.objects.filter(
            item__calibration_set=calibration_set,
            assessor=user,
            period__starts_on__lt=period.starts_on,
        )
        .select_related("period")
        .order_by("-period__starts_on")
        .first()
    )
    return rating.period if rating is not None else None


def rating_give(
    *,
    item: CalibrationItem,
    by: User,
    score: Any,
    rubric: Any,
    comment: str = "",
    on: dt.date | None = None,
) -> CalibrationRating:
    """The assessor's grade of a calibration item in the current period. A rating stands once
    given; the last item rated computes the assessor's result for the set (`result_compute`)."""
    if not by.is_assessor:
        raise CalibrationNotAllowed([{"path": "", "message": _("Alleen beoordelaars kalibreren.")}])
    if not item.calibration_set.published:
        raise CalibrationNotAllowed([{"path": "", "message": _("Deze set is niet gepubliceerd.")}])
    period = current_period(on)
    if period is None:
        raise CalibrationError(
            [{"path": "", "message": _("Er loopt nu geen examenperiode; kalibreren kan niet.")}]
        )
    earlier = set_rated_earlier(by, item.calibration_set, period)
    if earlier is not None:
        raise CalibrationError(
            [
                {
                    "path": "calibration_set",
                    "message": _(
                        "U heeft deze set al beoordeeld in examenperiode %(period)s en daarna "
                        "de vastgestelde cijfers gezien; kalibreer in deze periode op een "
                        "nieuwe set van de examencommissie."
                    )
                    % {"period": earlier.name},
                }
            ]
        )
    value, errors = validate_grade(score, rubric)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        errors.append(
            {
                "path": "comment",
                "message": _("Een toelichting heeft hoogstens %(max)s tekens.")
                % {"max": COMMENT_MAX_LENGTH},
            }
        )
    if errors:
        raise CalibrationError(errors)
    try:
        with transaction.atomic():
            rating = CalibrationRating.objects.create(
                item=item,
                assessor=by,
                period=period,
                score=value,
                rubric=levels_of(rubric),
                comment=comment,
            )
    except IntegrityError as exc:
        raise CalibrationError(
            [
                {
                    "path": "",
                    "message": _("U heeft dit item in examenperiode %(period)s al beoordeeld.")
                    % {"period": period.name},
                }
            ]
        ) from exc
    result_compute(assessor=by, calibration_set=item.calibration_set, period=period)
    return rating


# ---------------------------------------------------------------------------------------------
# Agreement with the agreed grades


@dataclass(frozen=True)
class Agreement:
    """An assessor's agreement with the agreed grades: ICC(A,1) on the scores and quadratic
    weighted kappa on the rubric levels, each `None` with its reason where undefined."""

    items: int
    icc: IccEstimate | None
    icc_reason: str
    kappa: float | None
    kappa_reason: str
    icc_threshold: Decimal
    kappa_threshold: Decimal
    per_item: list[dict[str, Any]] = field(default_factory=list)

    @property
    def icc_value(self) -> float | None:
        return self.icc.value if self.icc is not None else None

    @property
    def calibrated_by_icc(self) -> bool:
        return self.icc_value is not None and self.icc_value >= float(self.icc_threshold)

    @property
    def calibrated_by_kappa(self) -> bool:
        return self.kappa is not None and self.kappa >= float(self.kappa_threshold)

    @property
    def calibrated(self) -> bool:
        return self.calibrated_by_icc or self.calibrated_by_kappa


def score_ratings(pairs: list[tuple[str, Any, Any]]) -> list[Rating]:
    """(subject, assessor's score, agreed score) → the ratings of the ICC."""
    return [
        rating
        for subject, score, agreed in pairs
        for rating in (
            Rating(subject, ASSESSOR_RATER, Decimal(score)),
            Rating(subject, AGREED_RATER, Decimal(agreed)),
        )
    ]


def level_ratings(pairs: list[tuple[str, dict, dict]]) -> list[Rating]:
    """(item, assessor's rubric, agreed rubric) → one subject per item × area, pooled."""
    return [
        rating
        for subject, rubric, agreed in pairs
        for area in AREAS
        for rating in (
            Rating(f"{subject}:{area.slug}", ASSESSOR_RATER, int(rubric[area.slug])),
            Rating(f"{subject}:{area.slug}", AGREED_RATER, int(agreed[area.slug])),
        )
    ]


def agreement_of(
    pairs: list[tuple[str, Any, dict, Any, dict]],
    *,
    icc_threshold: Decimal,
    kappa_threshold: Decimal,
) -> Agreement:
    """Pure: (subject, score, rubric, agreed score, agreed rubric) per item → `Agreement`."""
    icc_estimate, icc_reason = None, ""
    try:
        estimate = icc(score_ratings([(s, score, agreed) for s, score, _r, agreed, _a in pairs]))[
            ICC_FORM
        ]
    except AgreementInputError as exc:
        icc_reason = "; ".join(exc.errors)
    else:
        icc_estimate = estimate
        if estimate.value is None:
            icc_estimate, icc_reason = None, estimate.reason or ""
    kappa, kappa_reason = None, ""
    try:
        kappa = cohen_kappas(
            level_ratings([(s, rubric, agreed) for s, _sc, rubric, _as, agreed in pairs])
        ).kappa_quadratic
    except AgreementInputError as exc:
        kappa_reason = "; ".join(exc.errors)
    per_item = [
        {
            "subject": subject,
            "score": str(score),
            "agreed_score": str(agreed_score),
            "difference": str(Decimal(score) - Decimal(agreed_score)),
            "rubric": dict(rubric),
            "agreed_rubric": dict(agreed_rubric),
        }
        for subject, score, rubric, agreed_score, agreed_rubric in pairs
    ]
    return Agreement(
        items=len(pairs),
        icc=icc_estimate,
        icc_reason=icc_reason,
        kappa=kappa,
        kappa_reason=kappa_reason,
        icc_threshold=icc_threshold,
        kappa_threshold=kappa_threshold,
        per_item=per_item,
    )


def result_compute(
    *, assessor: User, calibration_set: CalibrationSet, period: ExamPeriod
) -> CalibrationResult | None:
    """The assessor's result for the set in the period, stored, once every item is rated
    there (None before)."""
    items = list(calibration_set.items.order_by("position", "pk"))
    ratings = {
        rating.item_id: rating
        for rating in CalibrationRating.objects.filter(
            item__calibration_set=calibration_set, assessor=assessor, period=period
        )
    }
    if not items or any(item.pk not in ratings for item in items):
        return None
    agreement = agreement_of(
        [
            (
                str(item.pk),
                ratings[item.pk].score,
                ratings[item.pk].rubric,
                item.agreed_score,
                item.agreed_rubric,
            )
            for item in items
        ],
        icc_threshold=period.icc_threshold,
        kappa_threshold=period.kappa_threshold,
    )
    details = {
        "icc_form": ICC_FORM,
        "icc_ci95": list(agreement.icc.ci95) if agreement.icc and agreement.icc.ci95 else None,
        "icc_reason": agreement.icc_reason,
        "kappa_reason": agreement.kappa_reason,
        "icc_threshold": str(period.icc_threshold),
        "kappa_threshold": str(period.kappa_threshold),
        "calibrated_by": [
            name
            for name, met in (
                ("icc", agreement.calibrated_by_icc),
                ("kappa", agreement.calibrated_by_kappa),
            )
            if met
        ],
        "items": agreement.per_item,
    }
    result, _created = CalibrationResult.objects.update_or_create(
        assessor=assessor,
        calibration_set=calibration_set,
        period=period,
        defaults={
            "items": agreement.items,
            "icc": agreement.icc_value,
            "kappa_quadratic": agreement.kappa,
            "calibrated": agreement.calibrated,
            "details": details,
        },
    )
    return result


# ---------------------------------------------------------------------------------------------
# Calibrated or not, and the gate


def calibrated_in(user: User, period: ExamPeriod) -> bool:
    """Whether the user earned a calibration in this period (on any set)."""
    return CalibrationResult.objects.filter(assessor=user, period=period, calibrated=True).exists()


def is_calibrated(user: User, on: dt.date | None = None) -> bool:
    """Calibrated in the exam period covering `on` (default today); False outside a period.
    A result of another period does not count: a calibration expires with its period."""
    period = current_period(on)
    return period is not None and calibrated_in(user, period)


def calibrated_user_ids(period: ExamPeriod) -> set[int]:
    return set(
        CalibrationResult.objects.filter(period=period, calibrated=True).values_list(
            "assessor_id", flat=True
        )
    )


def exam_allocation_refusal(attempt, marker: User | None, on: dt.date | None = None) -> str:
    """Why `marker` may not be allocated this attempt for lack of calibration ("" when they
    may): an exam attempt, a period covering `on`, and no calibration in it."""
    if marker is None or not is_exam(attempt):
        return ""
    period = current_period(on)
    if period is None or calibrated_in(marker, period):
        return ""
    return _(
        "%(name)s is niet gekalibreerd voor examenperiode %(period)s en kan geen "
        "examenpogingen toegewezen krijgen."
    ) % {"name": marker.get_full_name() or marker.username, "period": period.name}


def exam_start_refusal(attempt, by: User, on: dt.date | None = None) -> str:
    """Why `by` may not start a grade of this exam attempt (first, blind second or third
    marker, moderator) for lack of calibration ("" when they may). Checked whether or not
    the attempt is allocated to `by`: an allocation made while they were calibrated in an
    earlier period, or between periods, does not carry a calibration into this one."""
    if not is_exam(attempt):
        return ""
    period = current_period(on)
    if period is None or calibrated_in(by, period):
        return ""
    return _(
        "U bent niet gekalibreerd voor examenperiode %(period)s: een examenpoging beoordeelt "
        "u pas na een geslaagde kalibratie (menu Kalibratie)."
    ) % {"period": period.name}


def calibrated_exam_markers(rows) -> None:
    """Leave in each exam row's `markers` (the queue's allocation list) only the assessors
    calibrated in the current period; no period: no change."""
    if not any(row.exam for row in rows):
        return
    period = current_period()
    if period is None:
        return
    calibrated = calibrated_user_ids(period)
    for row in rows:
        if row.exam:
            row.markers = [marker for marker in row.markers if marker.pk in calibrated]


# ---------------------------------------------------------------------------------------------
# Reads


def sets_visible_to(user: User) -> QuerySet[CalibrationSet]:
    """Published sets for an assessor; every set for the exam board; none for anybody else."""
    if is_exam_board(user):
        return CalibrationSet.objects.all()
    if user.is_authenticated and user.is_assessor:
        return CalibrationSet.objects.filter(published=True)
    return CalibrationSet.objects.none()


def set_for(user: User, pk: int) -> CalibrationSet | None:
    return sets_visible_to(user).filter(pk=pk).first()


def item_for(user: User, pk: int) -> CalibrationItem | None:
    return (
        CalibrationItem.objects.filter(calibration_set__in=sets_visible_to(user), pk=pk)
        .select_related("calibration_set", "attempt__case_version__case")
        .first()
    )


def own_ratings(user: User, calibration_set: CalibrationSet, period: ExamPeriod | None) -> dict:
    """The user's own ratings of the set's items in the period, by item id."""
    if period is None:
        return {}
    return {
        rating.item_id: rating
        for rating in CalibrationRating.objects.filter(
            item__calibration_set=calibration_set, assessor=user, period=period
        )
    }


def own_rating_counts(user: User, period: ExamPeriod | None) -> dict[int, int]:
    """How many items of each set the user rated in the period, by set id."""
    if period is None:
        return {}
    counts: dict[int, int] = {}
    for set_id in CalibrationRating.objects.filter(assessor=user, period=period).values_list(
        "item__calibration_set_id", flat=True
    ):
        counts[set_id] = counts.get(set_id, 0) + 1
    return counts


def own_results(user: User) -> QuerySet[CalibrationResult]:
    """The user's own results, every period (an assessor sees no one else's)."""
    return (
        CalibrationResult.objects.filter(assessor=user)
        .select_related("calibration_set", "period")
        .order_by("-period__starts_on", "calibration_set__title")
    )


def period_results(user: User, period: ExamPeriod) -> QuerySet[CalibrationResult]:
    """Every assessor's results in the period: the exam board only."""
    if not is_exam_board(user):
        return CalibrationResult.objects.none()
    return (
        CalibrationResult.objects.filter(period=period)
        .select_related("assessor", "calibration_set")
        .order_by("assessor__username", "calibration_set__title")
    )


@dataclass
class AssessorStatus:
    assessor: Any
    calibrated: bool
    results: list = field(default_factory=list)
    rated: int = 0


def period_overview(user: User, period: ExamPeriod) -> list[AssessorStatus]:
    """Every assessor and their calibration status in the period (the exam board only): the
    results they reached and how many items they rated; three queries."""
    if not is_exam_board(user):
        return []
    statuses = {
        assessor.pk: AssessorStatus(assessor, False)
        for assessor in User.objects.filter(role=Role.ASSESSOR, is_active=True).order_by(
            "last_name", "first_name", "username"
        )
    }
    for result in period_results(user, period):
        status = statuses.get(result.assessor_id)
        if status is not None:
            status.results.append(result)
            status.calibrated = status.calibrated or result.calibrated
    counts = CalibrationRating.objects.filter(period=period).values_list("assessor_id", flat=True)
    for assessor_id in counts:
        if assessor_id in statuses:
            statuses[assessor_id].rated += 1
    return list(statuses.values())


def periods_for(user: User) -> QuerySet[ExamPeriod]:
    if not is_exam_board(user):
        return ExamPeriod.objects.none()
    return ExamPeriod.objects.all()


def period_for(user: User, pk: int) -> ExamPeriod | None:
    return periods_for(user).filter(pk=pk).first()


def calibration_ratings(
    calibration_set: CalibrationSet, period: ExamPeriod, *, area: str | None = None
) -> tuple[list[Rating], dict[str, Any]]:
    """The set's ratings in the period for the cross-assessor statistics (issue #15, item 3;
    the caller checks that the exam board asks): `Rating(subject=item id, rater=username,
    value)` with the scores, or with the levels of one rubric `area`; and the agreed grade per
    subject (for `agreement.rater_bias`)."""
    items = {item.pk: item for item in calibration_set.items.all()}
    ratings = CalibrationRating.objects.filter(
        item__calibration_set=calibration_set, period=period
    ).select_related("assessor")
    if area is None:
        values = [Rating(str(r.item_id), r.assessor.username, r.score) for r in ratings]
        agreed = {str(pk): item.agreed_score for pk, item in items.items()}
    else:
        values = [
            Rating(str(r.item_id), r.assessor.username, int(r.rubric[area]))
            for r in ratings
            if area in (r.rubric or {})
        ]
        agreed = {str(pk): int(item.agreed_rubric[area]) for pk, item in items.items()}
    return values, agreed
