"""Reads of the assessment, already filtered to what the user may see.

Who sees what (every rule has a test in tests/assessment/):
- an assessor sees the attempts filed in their own cohorts (`cases.selectors.attempts_visible_to`
  is the one place of that rule, decided by the attempt's cohort) and, in exam mode, another assessor's grade only once both blind grades are signed;
- a trainee sees their own final grade once it is signed; the reference calculation and the
  machine's verdicts only outside exam mode;
- overrides, sign-off and corrections are for the cohort's assessors only (services enforce it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from cases.models import Attempt, CalculationVersion
from cases.selectors import attempts_visible_to  # the one rule for who sees an attempt
from schadeplatform.accounts.models import Cohort, User
from schadeplatform.accounts.selectors import cohorts_visible_to, trainees_visible_to

from .exam import is_exam
from .models import Grade, GradeRole, Moderation, ModerationStatus, Report, ReportKind
from .profile_scores import grade_subscores, level_of
from .scoring import Override, rescore
from .scoring.competence import COMPETENCE_AREAS, WORK_PROCESSES


def attempts_assessable_by(user: User) -> QuerySet:
    """Submitted attempts of the assessor's own cohorts (assessors only)."""
    if not (user.is_authenticated and user.is_assessor):
        return Attempt.objects.none()
    return attempts_visible_to(user).filter(submitted_at__isnull=False)


# ---------------------------------------------------------------------------------------------
# Final grade and blind visibility (pure, on prefetched grades)


def latest_signed(grades, role: str) -> Grade | None:
    signed = [g for g in grades if g.role == role and g.is_signed]
    return max(signed, key=lambda g: g.version) if signed else None


def latest_of_role(grades, role: str) -> Grade | None:
    of_role = [g for g in grades if g.role == role]
    return max(of_role, key=lambda g: g.version) if of_role else None


def final_grade(attempt, grades, moderation: Moderation | None) -> Grade | None:
    """The grade that counts: outside exam mode the latest signed version; in exam mode the
    moderator's where moderation was needed, else the first assessor's once both signed."""
    if not is_exam(attempt):
        return latest_signed(grades, GradeRole.PRIMARY)
    if moderation is not None:
        if moderation.status == ModerationStatus.RESOLVED:
            return latest_signed(grades, GradeRole.MODERATOR)
        return None
    primary = latest_signed(grades, GradeRole.PRIMARY)
    second = latest_signed(grades, GradeRole.SECOND)
    if primary is not None and second is not None:
        return primary
    return None


def _blind_grades_signed(grades) -> bool:
    return (
        latest_signed(grades, GradeRole.PRIMARY) is not None
        and latest_signed(grades, GradeRole.SECOND) is not None
    )


def grade_visible_to_assessor(grade: Grade, user: User, grades, exam: bool) -> bool:
    if grade.assessor_id == user.pk:
        return True
    if not exam:
        return True
    return grade.is_signed and _blind_grades_signed(grades)


def _moderation_of(attempt) -> Moderation | None:
    try:
        return attempt.moderation
    except Moderation.DoesNotExist:
        return None


# ---------------------------------------------------------------------------------------------
# The assessor's queue


@dataclass
class QueueRow:
    attempt: Any
    state: str
    state_class: str
    my_grade: Grade | None
    final: Grade | None
    can_start: bool
    exam: bool


# What the queue reads: the columns its rows, the page and the API show or decide on. The case
# version's JSON (references, customer, payer rules, ...), the trainee's password and the
# grades' results are large or secret and never shown here; loading and decoding them was most
# of a queue request.
_QUEUE_FIELDS = (
    "trainee_id",
    "case_version_id",
    "cohort_id",
    "submitted_at",
    "trainee__username",
    "trainee__first_name",
    "trainee__last_name",
    "case_version__exam_only",
    "case_version__case__title",
    "cohort__name",
    "cohort__exam_mode",
    "moderation__attempt_id",
    "moderation__status",
    "moderation__moderator_id",
)
_QUEUE_GRADE_FIELDS = ("attempt_id", "version", "role", "assessor_id", "status", "score")


def _queue_queryset(user: User) -> QuerySet:
    # Unordered: the rows pick grades by role and version, and the model's ordering would join
    # the attempts again only to sort.
    grades = Grade.objects.only(*_QUEUE_GRADE_FIELDS).order_by()
    return (
        attempts_assessable_by(user)
        .select_related("trainee", "case_version__case", "cohort", "moderation")
        .only(*_QUEUE_FIELDS)
        .prefetch_related(Prefetch("grades", queryset=grades))
        .order_by("submitted_at", "pk")
    )


def _queue_row(attempt, user: User) -> QueueRow:
    grades = list(attempt.grades.all())
    moderation = _moderation_of(attempt)
    exam = is_exam(attempt)
    final = final_grade(attempt, grades, moderation)
    mine = [g for g in grades if g.assessor_id == user.pk]
    my_grade = max(mine, key=lambda g: (g.role == GradeRole.MODERATOR, g.version)) if mine else None
    if final is not None:
        return QueueRow(attempt, "Beoordeeld", "ok", my_grade, final, False, exam)
    if my_grade is not None and not my_grade.is_signed:
        return QueueRow(attempt, "Concept", "warn", my_grade, None, True, exam)
    if not exam:
        current = latest_of_role(grades, GradeRole.PRIMARY)
        if current is None:
            return QueueRow(attempt, "Te beoordelen", "", None, None, True, exam)
        return QueueRow(attempt, "In beoordeling", "warn", my_grade, None, False, exam)
    blind = [g for g in grades if g.role in (GradeRole.PRIMARY, GradeRole.SECOND)]
    involved = any(g.assessor_id == user.pk for g in blind)
    if moderation is not None and moderation.status == ModerationStatus.OPEN:
        can = not involved and (moderation.moderator_id in (None, user.pk))
        return QueueRow(attempt, "Moderatie nodig", "bad", my_grade, None, can, exam)
    if involved:
        return QueueRow(attempt, "Wacht op tweede beoordelaar", "warn", my_grade, None, False, exam)
    roles = {g.role for g in blind}
    if len(roles) < 2:
        label = "Te beoordelen" if not roles else "Tweede beoordeling nodig"
        return QueueRow(attempt, label, "", None, None, True, exam)
    return QueueRow(attempt, "In beoordeling", "warn", my_grade, None, False, exam)


def assessment_queue(user: User) -> list[QueueRow]:
    """Submitted attempts of the assessor's cohorts, those that need the assessor first.

    A fixed number of queries whatever the number of attempts (one for the attempts with
    their trainee, case, cohort and moderation, one for all their grades with assessors)."""
    rows = [_queue_row(attempt, user) for attempt in _queue_queryset(user)]
    rows.sort(key=lambda row: (not row.can_start, row.final is not None))
    return rows


# ---------------------------------------------------------------------------------------------
# One grade / one attempt


def attempt_for_assessor(user: User, attempt_id: int):
    return (
        attempts_assessable_by(user)
        .select_related("trainee", "case_version__case", "cohort")
        .filter(pk=attempt_id)
        .first()
    )


def grade_for_assessor(user: User, grade_id: int) -> Grade | None:
    """A grade the assessor may see (own cohorts; blind rule in exam mode), or None."""
    grade = (
        Grade.objects.select_related(
            "attempt__trainee", "attempt__case_version__case", "attempt__cohort", "assessor"
        )
        .filter(attempt__in=attempts_assessable_by(user), pk=grade_id)
        .first()
    )
    if grade is None:
        return None
    grades = list(grade.attempt.grades.all())
    if not grade_visible_to_assessor(grade, user, grades, is_exam(grade.attempt)):
        return None
    return grade


def visible_grades_of_attempt(user: User, attempt) -> list[Grade]:
    grades = list(attempt.grades.select_related("assessor").order_by("role", "version"))
    exam = is_exam(attempt)
    return [g for g in grades if grade_visible_to_assessor(g, user, grades, exam)]


def overrides_history(grade: Grade) -> list:
    return list(grade.overrides.select_related("by").order_by("at", "pk"))


def overrides_of(grade: Grade) -> dict[str, Override]:
    """The assessor's override in force per line, as the scorer reads it."""
    return {
        key: Override(override.new_verdict, override.credit)
        for key, override in grade.overrides_in_force().items()
    }


def effective_result(
    grade: Grade, *, candidate: tuple[str, Override] | None = None
) -> dict[str, Any]:
    """The grade's result after the assessor's overrides, re-scored by the scoring package
    under the spec the grade was computed under (`assessment.scoring.rescore`). `candidate`
    (line key, override) adds one override not yet saved, for a preview."""
    overrides = overrides_of(grade)
    if candidate is not None:
        key, override = candidate
        overrides[key] = override
    return rescore(grade.machine_result, overrides)


# ---------------------------------------------------------------------------------------------
# Lines side by side


def _lines_by_id(document: dict) -> dict[str, dict]:
    return {str(line.get("id")): line for line in (document or {}).get("lines") or []}


def scored_documents(grade: Grade) -> tuple[dict, dict]:
    """(reference document, trainee calculation input) that the grade's machine result scored."""
    scored = grade.machine_result.get("scored") or {}
    case = grade.attempt.case_version
    reference = getattr(case, scored.get("reference") or "reference_final", None) or {}
    version = CalculationVersion.objects.filter(
        pk=scored.get("calculation_version_id"), attempt=grade.attempt
    ).first()
    return reference, (version.input if version else {})


def side_by_side(grade: Grade, effective: dict) -> list[dict[str, Any]]:
    """Each result line with the trainee's and the reference's line beside it."""
    reference, trainee = scored_documents(grade)
    ref_lines, trainee_lines = _lines_by_id(reference), _lines_by_id(trainee)
    rows = []
    for line in effective["lines"]:
        rows.append(
            {
                **line,
                "reference_line": ref_lines.get(str(line.get("reference_line_id"))),
                "trainee_line": trainee_lines.get(str(line.get("trainee_line_id"))),
            }
        )
    return rows


# ---------------------------------------------------------------------------------------------
# The trainee's result


@dataclass
class AttemptResult:
    attempt: Any
    grade: Grade
    exam: bool
    show_details: bool
    effective: dict = field(default_factory=dict)
    subscores: dict = field(default_factory=dict)


def _grades_prefetch() -> Prefetch:
    return Prefetch(
        "grades", queryset=Grade.objects.select_related("assessor").prefetch_related("overrides")
    )


def result_for(user: User, attempt_id: int) -> AttemptResult | None:
    """The final grade of an attempt as the user may see it, or None (not signed / not allowed).

    Trainees: only their own attempt and only once the final grade is signed; the reference
    lines and verdicts (`show_details`) never in exam mode. Assessors: their own cohorts.
    """
    attempt = (
        attempts_visible_to(user)
        .select_related("trainee", "case_version__case", "cohort", "moderation")
        .prefetch_related(_grades_prefetch())
        .filter(pk=attempt_id)
        .first()
    )
    if attempt is None:
        return None
    grades = list(attempt.grades.all())
    final = final_grade(attempt, grades, _moderation_of(attempt))
    if final is None:
        return None
    exam = is_exam(attempt)
    show_details = not (user.is_trainee and exam)
    effective = effective_result(final)
    return AttemptResult(
        attempt=attempt,
        grade=final,
        exam=exam,
        show_details=show_details,
        effective=effective,
        subscores=grade_subscores(effective, final.workflow_checks, final.rubric),
    )


def results_of_trainee(user: User) -> list[AttemptResult]:
    """The trainee's own signed results, newest first."""
    attempts = (
        attempts_visible_to(user)
        .filter(trainee=user, submitted_at__isnull=False)
        .select_related("case_version__case", "cohort", "moderation")
        .prefetch_related(_grades_prefetch())
    )
    results = []
    for attempt in attempts:
        grades = list(attempt.grades.all())
        final = final_grade(attempt, grades, _moderation_of(attempt))
        if final is not None:
            exam = is_exam(attempt)
            effective = effective_result(final)
            results.append(
                AttemptResult(
                    attempt=attempt,
                    grade=final,
                    exam=exam,
                    show_details=not exam,
                    effective=effective,
                    subscores=grade_subscores(effective, final.workflow_checks, final.rubric),
                )
            )
    results.sort(key=lambda r: r.grade.signed_at, reverse=True)
    return results


# ---------------------------------------------------------------------------------------------
# Progress


@dataclass
class ProgressPoint:
    attempt: Any
    grade: Grade
    subscores: dict


@dataclass
class Progress:
    points: list[ProgressPoint]

    def series(self, group: str) -> dict[str, list[tuple[Any, Decimal]]]:
        keys = WORK_PROCESSES if group == "work_processes" else COMPETENCE_AREAS
        result: dict[str, list[tuple[Any, Decimal]]] = {key: [] for key in keys}
        for point in self.points:
            for key in keys:
                value = point.subscores[group].get(key)
                if value is not None:
                    result[key].append((point.grade.signed_at, value))
        return result

    def latest(self, group: str) -> dict[str, dict[str, Any]]:
        return {
            key: {
                "score": values[-1][1] if values else None,
                "level": level_of(values[-1][1]) if values else None,
            }
            for key, values in self.series(group).items()
        }


def _final_points(attempts) -> list[ProgressPoint]:
    points = []
    for attempt in attempts:
        grades = list(attempt.grades.all())
        final = final_grade(attempt, grades, _moderation_of(attempt))
        if final is None:
            continue
        effective = effective_result(final)
        points.append(
            ProgressPoint(
                attempt=attempt,
                grade=final,
                subscores=grade_subscores(effective, final.workflow_checks, final.rubric),
            )
        )
    points.sort(key=lambda p: (p.grade.signed_at, p.grade.pk))
    return points


def _graded_attempts(queryset: QuerySet) -> QuerySet:
    return (
        queryset.filter(submitted_at__isnull=False, grades__status="signed")
        .distinct()
        .select_related("trainee", "case_version__case", "cohort", "moderation")
        .prefetch_related(_grades_prefetch())
    )


def progress_of_trainee(viewer: User, trainee: User) -> Progress | None:
    """A trainee's progress over their final grades, for the trainee or their assessors."""
    if not trainees_visible_to(viewer).filter(pk=trainee.pk).exists():
        return None
    attempts = _graded_attempts(attempts_visible_to(viewer).filter(trainee=trainee))
    return Progress(points=_final_points(attempts))


def cohorts_for_assessor(user: User) -> QuerySet[Cohort]:
    if not (user.is_authenticated and (user.is_assessor or user.is_platform_admin)):
        return Cohort.objects.none()
    return cohorts_visible_to(user)


def cohort_for_assessor(user: User, cohort_id: int) -> Cohort | None:
    return cohorts_for_assessor(user).filter(pk=cohort_id).first()


def cohort_progress(user: User, cohort: Cohort) -> tuple[Progress, dict[int, Progress]]:
    """The cohort's progress as a whole and per trainee (assessors of the cohort)."""
    attempts = _graded_attempts(attempts_visible_to(user).filter(cohort=cohort))
    points = _final_points(attempts)
    per_trainee: dict[int, Progress] = {}
    for point in points:
        per_trainee.setdefault(point.attempt.trainee_id, Progress(points=[])).points.append(point)
    return Progress(points=points), per_trainee


# ---------------------------------------------------------------------------------------------
# Reports and calculation versions


def calculation_version_for(user: User, version_id: int):
    return (
        CalculationVersion.objects.select_related("attempt__trainee", "attempt__case_version__case")
        .filter(attempt__in=attempts_visible_to(user), pk=version_id)
        .first()
    )


def grade_for_report(user: User, grade_id: int) -> Grade | None:
    """A signed grade whose assessment report the user may have: the cohort's assessors
    (blind rule applies), the trainee once it is the final grade outside exam mode."""
    if user.is_authenticated and user.is_trainee:
        grade = (
            Grade.objects.filter(pk=grade_id, attempt__trainee=user)
            .select_related("attempt")
            .first()
        )
        if grade is None:
            return None
        result = result_for(user, grade.attempt_id)
        if result is None or result.grade.pk != grade.pk or not result.show_details:
            return None
        return result.grade
    grade = grade_for_assessor(user, grade_id)
    if grade is None or not grade.is_signed:
        return None
    return grade


def report_for(user: User, report_id: int) -> Report | None:
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        return None
    if report.kind == ReportKind.ASSESSMENT:
        return report if grade_for_report(user, report.grade_id) is not None else None
    return report if calculation_version_for(user, report.calculation_version_id) else None
