"""Reads of the assessment, already filtered to what the user may see.

Who sees what (every rule has a test in tests/assessment/):
- an assessor sees the attempts filed in their own cohorts (`cases.selectors.attempts_visible_to`
  is the one place of that rule, decided by the attempt's cohort) and, in exam mode, another
  assessor's grade only once the agreed grade is determined (`double_marking.others_visible`),
  the trainee by the candidate code until release (`double_marking.trainee_label`);
- a trainee sees their own final grade once it is released (`released_final_grade`: signing
  makes it "ready for release", a separate step releases it); the reference calculation and
  the machine's verdicts only outside exam mode;
- overrides, sign-off and corrections are for the cohort's assessors only (services enforce it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.utils.translation import gettext_lazy, gettext_noop

from cases.models import Attempt, CalculationVersion
from cases.selectors import (  # the one rule for who sees an attempt, and its SQL's shapes
    attempts_visible_to,
    visibility_shape,
)
from schadeplatform.accounts.models import Cohort, Role, User
from schadeplatform.accounts.selectors import cohorts_visible_to, trainees_visible_to
from schadeplatform.i18n import translated
from schadeplatform.prepared_queries import PreparedQuery

from .calibration import calibrated_exam_markers
from .cut_score import with_cut_score
from .double_marking import (
    BLIND_ROLES,
    agreed_of,
    marker_roles,
    markers_of,
    others_visible,
    trainee_label,
    trainee_name,
)
from .exam import is_exam
from .models import (
    Grade,
    GradeRole,
    GradeStatus,
    MarkerAllocation,
    MarkingState,
    Moderation,
    ModerationStatus,
    Report,
    ReportKind,
)
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


def final_grade(attempt, grades) -> Grade | None:
    """The grade that counts: outside exam mode the latest signed version; in exam mode the
    grade with the details of the attempt's agreed grade (`AgreedGrade.basis`, determined by
    `assessment.double_marking`: the moderator's after an escalation or in the sample, else
    the first marker's), None while no agreed grade is determined."""
    if not is_exam(attempt):
        return latest_signed(grades, GradeRole.PRIMARY)
    agreed = agreed_of(attempt)
    if agreed is None:
        return None
    return next((g for g in grades if g.pk == agreed.basis_id and g.is_signed), None)


def released_final_grade(attempt, grades) -> Grade | None:
    """The grade the trainee sees: the final grade (`final_grade`) once it is released; while
    a newer final version (a correction, a re-score) waits for release, the earlier released
    version of the same line stays shown; before any release, nothing. The one rule of
    "released to the trainee": pages, API, PDF and progress all go through it."""
    final = final_grade(attempt, grades)
    if final is None:
        return None
    if final.is_released:
        return final
    earlier = [
        g for g in grades if g.role == final.role and g.is_released and g.version < final.version
    ]
    return max(earlier, key=lambda g: g.version) if earlier else None


def grade_visible_to_assessor(grade: Grade, user: User, grades, exam: bool) -> bool:
    """Outside exam mode every grade of the cohort; in exam mode another marker's grade only
    once the agreed grade is determined (`double_marking.others_visible`)."""
    if grade.assessor_id == user.pk:
        return True
    if not exam:
        return True
    return others_visible(grade.attempt, user, grade)


def _moderation_of(attempt) -> Moderation | None:
    try:
        return attempt.moderation
    except Moderation.DoesNotExist:
        return None


# ---------------------------------------------------------------------------------------------
# The assessor's queue


@dataclass
class QueueRow:
    """One attempt of the queue: its state for this user (what decides the order) at once,
    what a shown row says besides (names, marking state, score) when it is first read, so
    that the rows of other pages cost no more than their state."""

    attempt: Any
    state: str
    state_class: str
    my_grade: Grade | None
    final: Grade | None
    can_start: bool
    exam: bool
    allocated_to: Any = None
    # For a user who may allocate: the markers this attempt can be allocated to.
    markers: list = field(default_factory=list)
    # The attempt's grades (`_queue_grades`), which the properties below read.
    grades: list = field(default_factory=list, repr=False, compare=False)

    @cached_property
    def _line(self) -> Grade | None:
        """The grade of the attempt's current line: the final grade's role, else the primary;
        in exam mode before the agreed grade only the user's own (blind: never the other
        marker's)."""
        if self.exam and self.final is None:
            return self.my_grade
        return latest_of_role(self.grades, self.final.role if self.final else GradeRole.PRIMARY)

    @cached_property
    def marking_state(self) -> str:
        """The marking state of the current grade line (`MarkingState`)."""
        return self._line.marking_state if self._line is not None else MarkingState.NOT_MARKED

    @cached_property
    def correction_open(self) -> bool:
        """A correction of a signed grade is open (the row then never says "beoordeeld")."""
        line = self._line
        return line is not None and line.is_open_correction

    @cached_property
    def releasable(self) -> Grade | None:
        """The final grade, ready for release, that this user may release (bulk release)."""
        final = self.final
        ready = final is not None and final.marking_state == MarkingState.READY_FOR_RELEASE
        return final if ready else None

    @cached_property
    def _released(self) -> Grade | None:
        return released_final_grade(self.attempt, self.grades)

    @cached_property
    def trainee_name(self) -> str:
        """The trainee's name, or the candidate code in exam mode until release
        (`double_marking.trainee_label`)."""
        return trainee_label(self.attempt, self._released)

    @cached_property
    def trainee_username(self) -> str:
        return trainee_label(self.attempt, self._released, username=True)

    @cached_property
    def final_score(self) -> Decimal | None:
        """The final score shown: in exam mode the agreed grade's (`AgreedGrade.score`)."""
        if self.final is None:
            return None
        agreed = agreed_of(self.attempt) if self.exam else None
        return agreed.score if agreed is not None else self.final.score

    @property
    def marking_label(self) -> str:
        return MarkingState(self.marking_state).label


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
    "cohort__name",
    "cohort__exam_mode",
    "moderation__attempt_id",
    "moderation__status",
    "moderation__moderator_id",
    "marker_allocation__attempt_id",
    "marker_allocation__marker_id",
    "marker_allocation__marker__username",
    "marker_allocation__marker__first_name",
    "marker_allocation__marker__last_name",
    "agreed_grade__attempt_id",
    "agreed_grade__basis_id",
    "agreed_grade__score",
    "cohort__marking_policy__cohort_id",
    "cohort__marking_policy__markers",
)
_QUEUE_GRADE_FIELDS = (
    "attempt_id",
    "version",
    "role",
    "assessor_id",
    "status",
    "score",
    "marking_state",
    "supersedes_id",
    "signed_at",
    "released_at",
)


def _queue_grades(user: User) -> dict[int, list[Grade]]:
    """The grades of the queue's attempts, per attempt, in one query. Unordered: the rows pick
    grades by role and version, and the model's ordering would join the attempts again only to
    sort. Grouped here rather than by `prefetch_related`, which builds a filtered queryset per
    attempt (half of the queue API's CPU with 150 attempts, issue #17)."""
    grades: dict[int, list[Grade]] = {}
    for grade in _QUEUE_GRADES.all(user):
        grades.setdefault(grade.attempt_id, []).append(grade)
    return grades


def _queue_grades_queryset(user: User) -> QuerySet:
    queue = attempts_assessable_by(user).values("pk")
    return Grade.objects.filter(attempt__in=queue).only(*_QUEUE_GRADE_FIELDS).order_by()


def _queue_queryset(user: User) -> QuerySet:
    return (
        attempts_assessable_by(user)
        .select_related(None)
        .select_related(
            "trainee",
            "cohort",
            "moderation",
            "marker_allocation__marker",
            "agreed_grade",
            "cohort__marking_policy",
        )
        .only(*_QUEUE_FIELDS)
        # The case's title and exam flag as columns, not as a case version and a case per row:
        # building those model instances was half of the queue's query (issue #17).
        # `assessment.exam.is_exam` reads `case_exam_only` where it is loaded.
        .annotate(
            case_title=F("case_version__case__title"),
            case_exam_only=F("case_version__exam_only"),
        )
        .order_by("submitted_at", "pk")
    )


# The queue's two queries, composed once per visibility shape (schadeplatform/prepared_queries.py):
# composing them was a quarter of a queue request's CPU (issue #17).
_QUEUE_ATTEMPTS = PreparedQuery(_queue_queryset, shape=visibility_shape)
_QUEUE_GRADES = PreparedQuery(_queue_grades_queryset, shape=visibility_shape)


def _allocation_of(attempt) -> MarkerAllocation | None:
    try:
        return attempt.marker_allocation
    except MarkerAllocation.DoesNotExist:
        return None


def _queue_row(attempt, user: User, grades: list[Grade]) -> QueueRow:
    row = _queue_state(attempt, user, grades)
    row.grades = grades
    allocation = _allocation_of(attempt)
    row.allocated_to = allocation.marker if allocation is not None else None
    # Only the allocated marker starts the first grade (services._ensure_allocated).
    first_open = not any(g.role == GradeRole.PRIMARY for g in grades)
    if allocation is not None and allocation.marker_id != user.pk and first_open:
        row.can_start = False
    return row


# The states the queue says on its rows, translated once per language (`translated`): a queue
# of hundreds of attempts says them hundreds of times per request.
_CORRECTION_OPEN = gettext_noop("Correctie open")
_RELEASED = gettext_noop("Vrijgegeven")
_READY_FOR_RELEASE = gettext_noop("Klaar voor vrijgave")
_NOT_MARKED = gettext_noop("Niet beoordeeld")
_WAITING_FOR = gettext_noop("Wacht op %(marker)s")
_IN_MARKING = gettext_noop("In beoordeling")
_MODERATION_NEEDED = gettext_noop("Moderatie nodig")
_SECOND_MARKING_NEEDED = gettext_noop("Tweede beoordeling nodig")
_THIRD_MARKING_NEEDED = gettext_noop("Derde beoordeling nodig")


def _queue_state(attempt, user: User, grades: list[Grade]) -> QueueRow:
    moderation = _moderation_of(attempt)
    exam = is_exam(attempt)
    final = final_grade(attempt, grades)
    mine = [g for g in grades if g.assessor_id == user.pk]
    my_grade = max(mine, key=lambda g: (g.role == GradeRole.MODERATOR, g.version)) if mine else None
    current = latest_of_role(grades, GradeRole.PRIMARY)
    if final is not None:
        if current is not None and current.is_open_correction:
            # A correction (or re-score) is open: not "beoordeeld" until it is signed.
            return QueueRow(
                attempt, translated(_CORRECTION_OPEN), "warn", my_grade, final, False, exam
            )
        if final.is_released:
            return QueueRow(attempt, translated(_RELEASED), "ok", my_grade, final, False, exam)
        return QueueRow(
            attempt, translated(_READY_FOR_RELEASE), "warn", my_grade, final, False, exam
        )
    if my_grade is not None and not my_grade.is_signed:
        label = my_grade.get_marking_state_display().capitalize()
        return QueueRow(attempt, label, "warn", my_grade, None, True, exam)
    if not exam:
        if current is None:
            return QueueRow(attempt, translated(_NOT_MARKED), "", None, None, True, exam)
        label = current.get_marking_state_display().capitalize()
        return QueueRow(attempt, label, "warn", my_grade, None, False, exam)
    markers = markers_of(attempt)
    blind = [g for g in grades if g.role in BLIND_ROLES]
    involved = any(g.assessor_id == user.pk for g in blind)
    roles = {g.role for g in blind}
    if involved:
        # A blind marker learns neither an escalation nor a sample before the agreed grade:
        # they wait for the policy's next marker, then the grade is "in beoordeling".
        signed = {g.role for g in blind if g.is_signed}
        waiting = next((role for role in marker_roles(attempt) if role not in signed), None)
        label = (
            translated(_WAITING_FOR) % {"marker": GradeRole(waiting).label}
            if waiting is not None
            else translated(_IN_MARKING)
        )
        return QueueRow(attempt, label, "warn", my_grade, None, False, exam)
    if moderation is not None and moderation.status == ModerationStatus.OPEN:
        can = moderation.moderator_id in (None, user.pk)
        return QueueRow(attempt, translated(_MODERATION_NEEDED), "bad", my_grade, None, can, exam)
    if len(roles) < markers:
        label = (
            translated(_NOT_MARKED)
            if not roles
            else translated(_SECOND_MARKING_NEEDED)
            if len(roles) == 1
            else translated(_THIRD_MARKING_NEEDED)
        )
        return QueueRow(attempt, label, "", None, None, True, exam)
    return QueueRow(attempt, translated(_IN_MARKING), "warn", my_grade, None, False, exam)


def assessment_queue(user: User) -> list[QueueRow]:
    """Submitted attempts of the assessor's cohorts, those that need the assessor first.

    A fixed number of queries whatever the number of attempts (one for the attempts with
    their trainee, case, cohort and moderation, one for all their grades with assessors)."""
    attempts = _QUEUE_ATTEMPTS.all(user)
    grades = _queue_grades(user)
    rows = [_queue_row(attempt, user, grades.get(attempt.pk, [])) for attempt in attempts]
    rows.sort(key=lambda row: (not row.can_start, row.final is not None))
    return rows


# ---------------------------------------------------------------------------------------------
# One grade / one attempt


def trainee_label_of(attempt, *, username: bool = False, viewer: User | None = None) -> str:
    """The trainee's name as markers may see it: the candidate code of an exam attempt until
    its agreed grade is released (`double_marking.names_hidden`), else the name (or the
    username, for an API). The trainee themself (`viewer`) always reads their own name.
    Uses prefetched `grades` and a select_related `moderation`/`agreed_grade` where loaded."""
    if viewer is not None and attempt.trainee_id == viewer.pk:
        return trainee_name(attempt, username=username)
    if not is_exam(attempt):
        return trainee_label(attempt, None, username=username)
    grades = list(attempt.grades.all())
    released = released_final_grade(attempt, grades)
    return trainee_label(attempt, released, username=username)


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


@dataclass
class AssessorEvidence:
    """What the grading page shows beside the lines (issue #14, item 7): the customer's
    questions with the trainee's and the model answers, the rejected submissions. For the
    assessor only: the model answers never reach a trainee's page, API or PDF."""

    open_answers: list
    rejected_submissions: list

    @property
    def unanswered(self) -> list:
        return [item for item in self.open_answers if item.answer is None]


def assessor_evidence(grade: Grade) -> AssessorEvidence:
    from .workflow_checks import open_answers, rejected_submissions

    events = list(grade.attempt.events.order_by("pk"))
    customer = grade.attempt.case_version.customer or {}
    return AssessorEvidence(open_answers(customer, events), rejected_submissions(events))


def attempt_for_allocator(user: User, attempt_id: int):
    """A submitted attempt whose marker `user` may allocate, or None: the user has the
    permission `assessment.change_markerallocation` and sees the attempt (the one rule,
    `cases.selectors.attempts_visible_to`: an assessor only in the cohorts they assess, the
    administrator all)."""
    if not (user.is_authenticated and user.has_perm("assessment.change_markerallocation")):
        return None
    return (
        attempts_visible_to(user)
        .filter(submitted_at__isnull=False, pk=attempt_id)
        .select_related("cohort")
        .first()
    )


def allocation_markers(cohort_ids) -> dict[int, list[User]]:
    """The markers an attempt of each cohort can be allocated to: the cohort's assessors
    (`services.allocation_refusal` refuses anyone else), by name; one query."""
    markers: dict[int, list[User]] = {pk: [] for pk in cohort_ids}
    through = Cohort.assessors.through.objects.filter(
        cohort_id__in=markers, user__role=Role.ASSESSOR
    ).select_related("user")
    for link in through.order_by("user__first_name", "user__last_name", "user__username"):
        markers[link.cohort_id].append(link.user)
    return markers


def queue_allocation_markers(rows: list[QueueRow]) -> None:
    """Give each queue row the markers its attempt can be allocated to (`row.markers`), for a
    user who may allocate (`services.may_allocate`)."""
    markers = allocation_markers({row.attempt.cohort_id for row in rows if row.attempt.cohort_id})
    for row in rows:
        row.markers = markers.get(row.attempt.cohort_id, [])
    calibrated_exam_markers(rows)  # exam attempts: calibrated markers only


def allocation_of(attempt) -> MarkerAllocation | None:
    """The attempt's marker allocation, or None (then any assessor of the cohort marks)."""
    return MarkerAllocation.objects.filter(attempt=attempt).select_related("marker").first()


GRADE_EVENT_LABELS = {
    "created": gettext_lazy("aangemaakt"),
    "override": gettext_lazy("regeloordeel aangepast"),
    "complete": gettext_lazy("beoordeling afgerond"),
    "review": gettext_lazy("ter controle aangeboden"),
    "reopen": gettext_lazy("terug naar beoordelen"),
    "signed": gettext_lazy("ondertekend"),
    "released": gettext_lazy("vrijgegeven aan cursist"),
    "correction": gettext_lazy("correctie gestart"),
    "rescore": gettext_lazy("opnieuw berekend"),
}


def _state_label(value: str) -> str:
    for choices in (MarkingState, GradeStatus):
        if value in choices.values:
            return str(choices(value).label)
    return ""


def marking_history(grade: Grade) -> list[dict[str, Any]]:
    """The grade's steps, oldest first, as labels (never a stored code): when, what, from
    which state to which, by whom."""
    return [
        {
            "at": event.at,
            "what": str(GRADE_EVENT_LABELS.get(event.kind, "")),
            "old": _state_label(event.old_status),
            "new": _state_label(event.new_status),
            "actor": event.actor,
        }
        for event in grade.events.select_related("actor").order_by("pk")
    ]


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
    return with_cut_score(grade, rescore(grade.machine_result, overrides))


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
    # Exam mode: the agreed grade whose details `grade` is (`double_marking`); its score and
    # verdict are the result's, its explanation says how they were reached.
    agreed: Any = None

    @property
    def score(self) -> Decimal:
        return self.agreed.score if self.agreed is not None else self.grade.score

    @property
    def passed(self) -> bool:
        return self.agreed.passed if self.agreed is not None else self.grade.passed


def shown_score(attempt, grade: Grade) -> tuple[Decimal, bool]:
    """The score and verdict a final grade stands for: in exam mode the agreed grade's when
    `grade` is its basis (`double_marking`), else the grade's own."""
    agreed = _agreed_for(attempt, grade) if is_exam(attempt) else None
    if agreed is not None:
        return agreed.score, agreed.passed
    return grade.score, grade.passed


def _agreed_for(attempt, final: Grade):
    """The agreed grade when `final` is its basis (not while an earlier released version is
    shown in place of a newer agreement that waits for release)."""
    agreed = agreed_of(attempt)
    return agreed if agreed is not None and agreed.basis_id == final.pk else None


def _grades_prefetch() -> Prefetch:
    return Prefetch(
        "grades", queryset=Grade.objects.select_related("assessor").prefetch_related("overrides")
    )


def _final_for(user: User, attempt, grades) -> Grade | None:
    """The final grade as `user` may see it: a trainee only once released, an assessor (or
    administrator) once signed."""
    if user.is_trainee:
        return released_final_grade(attempt, grades)
    return final_grade(attempt, grades)


def result_for(user: User, attempt_id: int) -> AttemptResult | None:
    """The final grade of an attempt as the user may see it, or None (not signed / not
    released to the trainee / not allowed).

    Trainees: only their own attempt and only once the final grade is released; the reference
    lines and verdicts (`show_details`) never in exam mode. Assessors: their own cohorts.
    """
    attempt = (
        attempts_visible_to(user)
        .select_related("trainee", "case_version__case", "cohort", "moderation", "agreed_grade")
        .prefetch_related(_grades_prefetch())
        .filter(pk=attempt_id)
        .first()
    )
    if attempt is None:
        return None
    grades = list(attempt.grades.all())
    final = _final_for(user, attempt, grades)
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
        agreed=_agreed_for(attempt, final) if exam else None,
    )


def results_of_trainee(user: User) -> list[AttemptResult]:
    """The trainee's own released results, newest first."""
    attempts = (
        attempts_visible_to(user)
        .filter(trainee=user, submitted_at__isnull=False)
        .select_related("case_version__case", "cohort", "moderation", "agreed_grade")
        .prefetch_related(_grades_prefetch())
    )
    results = []
    for attempt in attempts:
        grades = list(attempt.grades.all())
        final = _final_for(user, attempt, grades)
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
                    agreed=_agreed_for(attempt, final) if exam else None,
                )
            )
    results.sort(key=lambda r: (r.grade.released_at or r.grade.signed_at, r.grade.pk), reverse=True)
    return results


def awaiting_result_of_trainee(user: User, results: list[AttemptResult]) -> list:
    """The trainee's own submitted attempts that have no result for them yet ("ingeleverd,
    wacht op beoordeling"), oldest submission first.

    Derived from `results` (what `results_of_trainee` lets the trainee see: released grades,
    `released_final_grade`), so an attempt is in exactly one of the two lists: a grade signed
    but not yet released still "waits" for the trainee.
    """
    if not (user.is_authenticated and user.is_trainee):
        return []
    shown = [result.attempt.pk for result in results]
    return list(
        attempts_visible_to(user)
        .filter(trainee=user, submitted_at__isnull=False)
        .exclude(pk__in=shown)
        .select_related("case_version__case", "cohort")
        .order_by("submitted_at", "pk")
    )


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


def _final_points(viewer: User, attempts) -> list[ProgressPoint]:
    points = []
    for attempt in attempts:
        grades = list(attempt.grades.all())
        final = _final_for(viewer, attempt, grades)
        if final is not None and is_exam(attempt) and not final.is_released:
            # Progress names the trainee: an exam grade counts there once released (before,
            # markers know the attempt by its candidate code only).
            final = released_final_grade(attempt, grades)
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
        .select_related("trainee", "case_version__case", "cohort", "moderation", "agreed_grade")
        .prefetch_related(_grades_prefetch())
    )


def progress_of_trainee(viewer: User, trainee: User) -> Progress | None:
    """A trainee's progress over their final grades, for the trainee or their assessors."""
    if not trainees_visible_to(viewer).filter(pk=trainee.pk).exists():
        return None
    attempts = _graded_attempts(attempts_visible_to(viewer).filter(trainee=trainee))
    return Progress(points=_final_points(viewer, attempts))


def cohorts_for_assessor(user: User) -> QuerySet[Cohort]:
    if not (user.is_authenticated and (user.is_assessor or user.is_platform_admin)):
        return Cohort.objects.none()
    return cohorts_visible_to(user)


def cohort_for_assessor(user: User, cohort_id: int) -> Cohort | None:
    return cohorts_for_assessor(user).filter(pk=cohort_id).first()


def cohort_progress(user: User, cohort: Cohort) -> tuple[Progress, dict[int, Progress]]:
    """The cohort's progress as a whole and per trainee (assessors of the cohort)."""
    attempts = _graded_attempts(attempts_visible_to(user).filter(cohort=cohort))
    points = _final_points(user, attempts)
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
