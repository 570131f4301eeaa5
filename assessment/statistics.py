"""Agreement between assessors as the pages and the API show it (issue #15, items 3 and 7): the
ratings gathered from a cohort's double-marked attempts or from a calibration set, per
criterion (the score and each rubric area), and the figures of `assessment.agreement` over
them. The figures are `agreement_report`'s and `rater_bias`'s only; the ratings behind each
design are offered as a CSV in the `agreement_stats` command's format, so that the command
gives the same figures from the download.

Which ratings (assessment/README.md, "Agreement statistics and cohort analytics"):

- **Cohort, markers' agreement.** Per submitted attempt of the cohort, the latest signed grade
  of each blind marker of the cohort's policy (`double_marking.policy_for`: first and second,
  and third where the policy has three blind markers; a third who marks only escalated
  attempts, and the moderator, decide rather than mark). The raters of the design are the
  marker *positions* ("eerste", "tweede", "derde"), not the people: in double marking the
  pairs of markers change from attempt to attempt, and only the positions give the complete
  subjects × raters design that the statistics need. Subjects are numbered in attempt order
  ("poging-001"), so that a download names no trainee, in exam mode neither. An exam attempt
  counts only once its agreed grade is determined: before that no marker may see another's
  grade (`double_marking.others_visible`).
- **Cohort, per assessor.** Each marker's signed grades of attempts marked by two or more
  markers, against the attempt's agreed grade: the `AgreedGrade` (its score; the rubric of
  its `basis`) where one was determined, else the final grade (`selectors.final_grade`;
  outside exam mode an attempt rarely has two markers). `rater_bias` flags harsh and lenient
  markers; each marker's own agreement with the agreed grades is `agreement_report` over the
  two "raters" marker and agreed grade (`vastgesteld`).
- **Calibration set.** Per period, the assessors' ratings of the set's items against the
  items' agreed score and rubric: the set's design over the assessors who rated every item,
  and per assessor as above.

Who sees what: the foundation's exam board (`exam_board.is_exam_board`) every cohort and set
with every assessor's row; an assessor their own cohorts and the published sets, with only
their own row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Attempt, CaseVersion
from schadeplatform.accounts.models import Cohort, User
from schadeplatform.accounts.selectors import cohorts_visible_to

from . import calibration
from .agreement import AgreementInputError, Rating, agreement_report, rater_bias
from .agreement.ratings_csv import COLUMNS
from .agreement.stats import BIAS_MIN_RATERS
from .cohort_analytics import for_final_grade
from .double_marking import BLIND_ROLES, agreed_of, blind_roles, policy_for
from .exam import is_exam
from .exam_board import is_exam_board
from .exports import _cell as defused
from .models import (
    AgreedGrade,
    CalibrationItem,
    CalibrationRating,
    CalibrationSet,
    ExamPeriod,
    Grade,
    GradeRole,
    GradeStatus,
)
from .rubric import AREAS
from .selectors import final_grade, latest_signed

#: The blind markers' roles, in order (`double_marking.BLIND_ROLES`); the moderator decides
#: and is not a marker here.
MARKER_ROLES = BLIND_ROLES
#: A marker position as the ratings name it (the `rater` column of the download).
POSITION_NAMES = {GradeRole.PRIMARY: "eerste", GradeRole.SECOND: "tweede", GradeRole.THIRD: "derde"}
#: The rater that stands for the agreed grade in an assessor's own comparison.
AGREED_RATER = "vastgesteld"
SCORE = "score"


@dataclass(frozen=True)
class Criterion:
    """The score, or one rubric area (by its slug), with the kind of rating it is."""

    key: str
    name: str
    kind: str  # "score" or "level"


def criteria() -> list[Criterion]:
    return [
        Criterion(SCORE, _("Score"), "score"),
        *(Criterion(area.slug, area.name, "level") for area in AREAS),
    ]


def criterion(key: str) -> Criterion | None:
    return next((c for c in criteria() if c.key == key), None)


# ---------------------------------------------------------------------------------------------
# Who sees which cohort and set


def statistics_cohorts(user: User) -> QuerySet[Cohort]:
    """Cohorts whose statistics and analytics the user may see: every cohort for the exam
    board, their own for an assessor, none for anyone else."""
    if is_exam_board(user):
        return Cohort.objects.all()
    if user.is_authenticated and user.is_assessor:
        return cohorts_visible_to(user)
    return Cohort.objects.none()


def cohort_for_statistics(user: User, cohort_id: int) -> Cohort | None:
    return statistics_cohorts(user).filter(pk=cohort_id).first()


def calibration_set_for_statistics(user: User, set_id: int) -> CalibrationSet | None:
    """The set if the user may see it (`calibration.set_for`, the one owner of who sees a
    set: any for the exam board, a published one for an assessor)."""
    return calibration.set_for(user, set_id)


# ---------------------------------------------------------------------------------------------
# The figures


@dataclass
class Figures:
    """`agreement_report` of a design, or why it cannot be computed (`errors`)."""

    report: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)


def figures(kind: str, ratings: Sequence[Rating]) -> Figures:
    try:
        return Figures(report=agreement_report(kind, ratings))  # type: ignore[arg-type]
    except AgreementInputError as exc:
        return Figures(errors=exc.errors)


@dataclass
class AssessorRow:
    """One assessor on one criterion: their bias against the agreed grades (`rater_bias`) and
    their own agreement with them (`agreement_report` of assessor and agreed grade)."""

    assessor: User
    rater: str
    subjects: int
    mean_difference: float
    z: float | None
    flag: str | None
    flag_label: str
    agreement: Figures


@dataclass
class CriterionStatistics:
    criterion: Criterion
    design: list[Rating]
    agreement: Figures
    assessors: list[AssessorRow]
    bias_errors: list[str] = field(default_factory=list)
    #: every rater `rater_bias` compared (not only the rows the viewer sees)
    raters: int = 0

    @property
    def too_few_to_flag(self) -> bool:
        """Fewer raters than a harsh/lenient flag needs (`BIAS_MIN_RATERS`, six)."""
        return 0 < self.raters < BIAS_MIN_RATERS

    @property
    def min_raters_to_flag(self) -> int:
        return BIAS_MIN_RATERS


@dataclass
class AgreementStatistics:
    """Everything a page or the API shows; `assessors` rows already limited to the viewer's."""

    criteria: list[CriterionStatistics]
    attempts: int  # subjects gathered (attempts or calibration items)
    grades: int  # signed grades (or calibration ratings) read
    full_view: bool  # the exam board's view: every assessor's row


def _criterion_statistics(
    crit: Criterion,
    design: list[Rating],
    own: list[tuple[User, Rating]],
    agreed: Mapping[str, float | int | Decimal],
    viewer: User,
    full_view: bool,
) -> CriterionStatistics:
    """`own`: (assessor, rating) with the rater named by the assessor's username."""
    users = {user.username: user for user, _rating in own}
    ratings = [rating for _user, rating in own]
    rows: list[AssessorRow] = []
    bias_errors: list[str] = []
    try:
        biases = rater_bias(ratings, agreed) if ratings else []
    except AgreementInputError as exc:
        biases, bias_errors = [], exc.errors
    for bias in biases:
        user = users[bias.rater]
        if not full_view and user.pk != viewer.pk:
            continue
        pair = _beside_agreed([r for r in ratings if r.rater == bias.rater], agreed)
        rows.append(
            AssessorRow(
                assessor=user,
                rater=bias.rater,
                subjects=bias.subjects,
                mean_difference=bias.mean_difference,
                z=bias.z,
                flag=bias.flag.value if bias.flag else None,
                flag_label=str(bias.flag.label) if bias.flag else "",
                agreement=figures(crit.kind, pair),
            )
        )
    return CriterionStatistics(
        crit, design, figures(crit.kind, design), rows, bias_errors, raters=len(biases)
    )


def _value(crit: Criterion, score: Any, rubric: Mapping[str, Any] | None) -> Any:
    """The rating of a criterion in a grade: its score, or the area's level (None if not
    given)."""
    if crit.kind == "score":
        return None if score is None else Decimal(score)
    level = (rubric or {}).get(crit.key)
    return level if isinstance(level, int) and not isinstance(level, bool) else None


# ---------------------------------------------------------------------------------------------
# A cohort's double-marked attempts


@dataclass
class MarkedAttempt:
    subject: str
    markers: dict[str, Grade]  # role → the latest signed grade of that marker position
    agreed: Grade | AgreedGrade | None
    agreed_rubric: Mapping[str, Any]


def _cohort_attempts(cohort: Cohort) -> list[MarkedAttempt]:
    """The cohort's submitted attempts with signed grades, each with its markers' latest signed
    grades and its agreed grade; a fixed number of queries."""
    attempts = for_final_grade(
        Attempt.objects.filter(cohort=cohort, submitted_at__isnull=False, grades__status="signed")
        .distinct()
        .order_by("pk")
    ).prefetch_related(
        Prefetch(
            "grades",
            queryset=Grade.objects.filter(status=GradeStatus.SIGNED)
            .select_related("assessor")
            .only(
                "pk",
                "attempt_id",
                "role",
                "version",
                "status",
                "score",
                "rubric",
                "marking_state",
                "assessor__id",
                "assessor__username",
                "assessor__first_name",
                "assessor__last_name",
            ),
        )
    )
    attempts = list(attempts)
    versions = CaseVersion.objects.filter(
        pk__in={attempt.case_version_id for attempt in attempts}
    ).only("pk", "exam_only")
    version_of = {version.pk: version for version in versions}
    marked = []
    for attempt in attempts:
        attempt.cohort, attempt.case_version = cohort, version_of[attempt.case_version_id]
        grades = list(attempt.grades.all())
        markers = {
            role: grade
            for role in MARKER_ROLES
            if (grade := latest_signed(grades, role)) is not None
        }
        determined = agreed_of(attempt)
        if is_exam(attempt) and determined is None:
            # Blind marking: until the agreed grade is determined no marker may see another's
            # grade (`double_marking.others_visible`), so the attempt is not counted yet.
            continue
        agreed: Grade | AgreedGrade | None = determined
        if determined is not None:
            basis = next((g for g in grades if g.pk == determined.basis_id), None)
            rubric = basis.rubric if basis is not None else {}
        else:
            agreed = final_grade(attempt, grades)
            rubric = agreed.rubric if agreed is not None else {}
        marked.append(MarkedAttempt(f"poging-{len(marked) + 1:03d}", markers, agreed, rubric or {}))
    return marked


def design_roles(cohort: Cohort) -> tuple[str, ...]:
    """The blind markers of the cohort's policy (`double_marking.policy_for`), at least the
    first two: a third marker who marks only the escalated attempts is not in the design."""
    roles = blind_roles(policy_for(cohort))
    return roles if len(roles) >= 2 else MARKER_ROLES[:2]


def cohort_design(
    crit: Criterion, marked: Sequence[MarkedAttempt], roles: Sequence[str]
) -> list[Rating]:
    """The complete design of one criterion: attempts on which every design marker gave it."""
    ratings: list[Rating] = []
    for attempt in marked:
        if not all(role in attempt.markers for role in roles):
            continue
        values = [
            _value(crit, attempt.markers[role].score, attempt.markers[role].rubric)
            for role in roles
        ]
        if any(value is None for value in values):
            continue
        ratings.extend(
            Rating(attempt.subject, POSITION_NAMES[role], value)
            for role, value in zip(roles, values, strict=True)
        )
    return ratings


def _cohort_own(
    crit: Criterion, marked: Sequence[MarkedAttempt]
) -> tuple[list[tuple[User, Rating]], dict[str, Any]]:
    own: list[tuple[User, Rating]] = []
    agreed: dict[str, Any] = {}
    for attempt in marked:
        if len(attempt.markers) < 2 or attempt.agreed is None:
            continue
        value = _value(crit, attempt.agreed.score, attempt.agreed_rubric)
        if value is None:
            continue
        seen: set[int] = set()
        for grade in attempt.markers.values():
            given = _value(crit, grade.score, grade.rubric)
            # One rating per assessor and attempt (`rater_bias` counts subjects per rater).
            if given is None or grade.assessor_id in seen:
                continue
            seen.add(grade.assessor_id)
            own.append((grade.assessor, Rating(attempt.subject, grade.assessor.username, given)))
        agreed[attempt.subject] = value
    return own, agreed


def cohort_agreement(viewer: User, cohort: Cohort) -> AgreementStatistics:
    marked = _cohort_attempts(cohort)
    roles = design_roles(cohort)
    full_view = is_exam_board(viewer)
    result = []
    for crit in criteria():
        own, agreed = _cohort_own(crit, marked)
        result.append(
            _criterion_statistics(
                crit, cohort_design(crit, marked, roles), own, agreed, viewer, full_view
            )
        )
    grades = sum(len(m.markers) for m in marked)
    return AgreementStatistics(result, len(marked), grades, full_view)


def cohort_design_ratings(cohort: Cohort, crit: Criterion) -> list[Rating]:
    return cohort_design(crit, _cohort_attempts(cohort), design_roles(cohort))


# ---------------------------------------------------------------------------------------------
# A calibration set


def calibration_periods(calibration_set: CalibrationSet) -> list[ExamPeriod]:
    """The periods in which the set was rated, newest first."""
    return list(
        ExamPeriod.objects.filter(
            pk__in=CalibrationRating.objects.filter(item__calibration_set=calibration_set).values(
                "period"
            )
        ).order_by("-starts_on")
    )


def _calibration_rows(
    calibration_set: CalibrationSet, period: ExamPeriod | None
) -> tuple[list[CalibrationItem], list[CalibrationRating]]:
    items = list(calibration_set.items.order_by("position", "pk"))
    ratings = list(
        CalibrationRating.objects.filter(item__calibration_set=calibration_set, period=period)
        .select_related("assessor")
        .order_by("item__position", "item_id", "assessor__username")
    )
    return items, ratings


def calibration_design(
    crit: Criterion, items: Sequence[CalibrationItem], ratings: Sequence[CalibrationRating]
) -> list[Rating]:
    """The set's design: the assessors who gave the criterion on every item."""
    subject = {item.pk: f"item-{number:02d}" for number, item in enumerate(items, start=1)}
    given: dict[str, dict[int, Any]] = {}
    for rating in ratings:
        value = _value(crit, rating.score, rating.rubric)
        if value is not None:
            given.setdefault(rating.assessor.username, {})[rating.item_id] = value
    complete = sorted(name for name, values in given.items() if len(values) == len(items))
    return [
        Rating(subject[item.pk], name, given[name][item.pk]) for item in items for name in complete
    ]


def _calibration_own(
    crit: Criterion, items: Sequence[CalibrationItem], ratings: Sequence[CalibrationRating]
) -> tuple[list[tuple[User, Rating]], dict[str, Any]]:
    """Each assessor's ratings of the items, and the items' agreed values, of one criterion."""
    subject = {item.pk: f"item-{number:02d}" for number, item in enumerate(items, start=1)}
    agreed = {
        subject[item.pk]: value
        for item in items
        if (value := _value(crit, item.agreed_score, item.agreed_rubric)) is not None
    }
    own = [
        (rating.assessor, Rating(subject[rating.item_id], rating.assessor.username, value))
        for rating in ratings
        if (value := _value(crit, rating.score, rating.rubric)) is not None
        and subject[rating.item_id] in agreed
    ]
    return own, agreed


def calibration_agreement(
    viewer: User, calibration_set: CalibrationSet, period: ExamPeriod | None
) -> AgreementStatistics:
    items, ratings = _calibration_rows(calibration_set, period)
    full_view = is_exam_board(viewer)
    result = []
    for crit in criteria():
        own, agreed = _calibration_own(crit, items, ratings)
        design = calibration_design(crit, items, ratings) if full_view else []
        stats = _criterion_statistics(crit, design, own, agreed, viewer, full_view)
        if not full_view:
            # The set's design holds every assessor's ratings: for the exam board only.
            stats.agreement = Figures()
        result.append(stats)
    return AgreementStatistics(result, len(items), len(ratings), full_view)


def calibration_ratings(
    calibration_set: CalibrationSet,
    period: ExamPeriod | None,
    crit: Criterion,
    assessor: User | None,
) -> list[Rating]:
    """The ratings behind a figure on the page: the set's design (`assessor` None), or one
    assessor's ratings beside the agreed grades (rater `vastgesteld`)."""
    items, ratings = _calibration_rows(calibration_set, period)
    if assessor is None:
        return calibration_design(crit, items, ratings)
    own, agreed = _calibration_own(crit, items, ratings)
    return _beside_agreed([r for user, r in own if user.pk == assessor.pk], agreed)


def cohort_assessor_ratings(cohort: Cohort, crit: Criterion, assessor: User) -> list[Rating]:
    """One marker's ratings of the cohort beside the agreed grades (rater `vastgesteld`)."""
    own, agreed = _cohort_own(crit, _cohort_attempts(cohort))
    return _beside_agreed([r for user, r in own if user.pk == assessor.pk], agreed)


def _beside_agreed(mine: Sequence[Rating], agreed: Mapping[str, Any]) -> list[Rating]:
    return [*mine, *(Rating(r.subject, AGREED_RATER, agreed[r.subject]) for r in mine)]


# ---------------------------------------------------------------------------------------------
# The download, in the command's format


def ratings_csv(kind: str, ratings: Iterable[Rating]) -> str:
    """`subject,rater,score` or `subject,rater,level`, as `manage.py agreement_stats` reads it.
    A score keeps its one decimal ("71.5"); a level is an integer."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*COLUMNS, kind])
    for rating in ratings:
        value = rating.value
        text = str(int(value)) if kind == "level" else str(value)
        # A name a spreadsheet would run as a formula is defused as the other exports do; the
        # same name gets the same cell, so the command's figures do not change.
        writer.writerow([defused(rating.subject), defused(rating.rater), text])
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# JSON for the API (the report itself is the command's JSON)


def statistics_data(stats: AgreementStatistics) -> dict[str, Any]:
    return {
        "subjects": stats.attempts,
        "ratings_read": stats.grades,
        "criteria": [
            {
                "key": entry.criterion.key,
                "name": str(entry.criterion.name),
                "kind": entry.criterion.kind,
                "agreement": entry.agreement.report,
                "errors": entry.agreement.errors,
                "assessors": [
                    {
                        "assessor": row.rater,
                        "subjects": row.subjects,
                        "mean_difference": row.mean_difference,
                        "z": row.z,
                        "flag": row.flag,
                        "agreement": row.agreement.report,
                        "errors": row.agreement.errors,
                    }
                    for row in entry.assessors
                ],
                "bias_errors": entry.bias_errors,
            }
            for entry in stats.criteria
        ],
    }


# ---------------------------------------------------------------------------------------------
# The report's figures as the page's table rows

KAPPA_NAMES = {
    "kappa": gettext_lazy("Cohens kappa"),
    "kappa_linear": gettext_lazy("kappa, lineair gewogen"),
    "kappa_quadratic": gettext_lazy("kappa, kwadratisch gewogen"),
    "fleiss_kappa": gettext_lazy("Fleiss' kappa"),
}


def report_rows(report: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """One row per statistic of an `agreement_report`: name, value, 95 % interval, band label
    and the reason a value is missing."""
    from .agreement import IccBand, KappaBand

    if not report:
        return []
    rows = []
    for form, entry in (report.get("icc") or {}).items():
        rows.append(
            {
                "key": form,
                "name": form,
                "value": entry["value"],
                "ci95": entry["ci95"],
                "band": IccBand(entry["band"]).label if entry["band"] else "",
                "reason": entry.get("reason", ""),
            }
        )
    for name, band in (report.get("bands") or {}).items():
        rows.append(
            {
                "key": name,
                "name": str(KAPPA_NAMES.get(name, name)),
                "value": report[name],
                "ci95": None,
                "band": KappaBand(band).label,
                "reason": "",
            }
        )
    return rows


def headline(report: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The figure an assessor's row shows: ICC2 (absolute agreement of single ratings) for
    scores, the quadratic weighted kappa for levels: the figures the calibration thresholds
    read (`models.calibration`)."""
    if not report:
        return None
    wanted = "ICC2" if "icc" in report else "kappa_quadratic"
    return next((row for row in report_rows(report) if row["key"] == wanted), None)


# ---------------------------------------------------------------------------------------------
# What a request names (pages and API alike)


class NotVisible(LookupError):
    """The request names something the user may not see, or that does not exist."""


def ratings_assessor(viewer: User, wanted: int | None) -> User | None:
    """The assessor whose own ratings are asked for: any for the exam board, only themself for
    an assessor; None (the whole design) when none is named."""
    if wanted is None:
        return None
    if wanted != viewer.pk and not is_exam_board(viewer):
        raise NotVisible
    user = User.objects.filter(pk=wanted).first()
    if user is None:
        raise NotVisible
    return user


def chosen_period(
    calibration_set: CalibrationSet, wanted: int | None
) -> tuple[list[ExamPeriod], ExamPeriod | None]:
    """The set's periods and the one asked for, else the newest."""
    periods = calibration_periods(calibration_set)
    if wanted is None:
        return periods, (periods[0] if periods else None)
    found = next((p for p in periods if p.pk == wanted), None)
    if found is None:
        raise NotVisible
    return periods, found


def may_download_design(viewer: User, calibration: bool) -> bool:
    """A cohort's design (positions, numbered attempts) for its assessors too; a calibration
    set's design names every assessor, so for the exam board only."""
    return not calibration or is_exam_board(viewer)
