"""Writes of the assessment: starting a grade, autosave, line overrides, sign-off, corrections,
exam-mode moderation and report requests. Keyword-only, typed; callers check nothing twice:
every rule is enforced here (the views and APIs only translate the exceptions).

A grade's marking state moves only through `assessment.marking.marking_transition` (Moodle's
workflow: in marking → completed → in review → ready for release (signed) → released); a signed
grade never changes otherwise (`SignedGradeImmutable`), a correction is a new version that
supersedes it. Marker allocation (`MarkerAllocation`): with one, only the allocated marker
starts the attempt's first grade.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Attempt
from schadeplatform.accounts.models import User

from . import double_marking
from .calibration import exam_allocation_refusal, exam_start_refusal
from .cut_score import graded_fields, has_critical, kept_fields, result_passed
from .errors import Forbidden, Refused
from .exam import is_exam
from .machine_result import NothingToScore, machine_result
from .marking import MarkingRefused, marking_transition
from .models import (
    Grade,
    GradeEvent,
    GradeRole,
    LineOverride,
    MarkerAllocation,
    MarkingState,
    Moderation,
    ModerationStatus,
    Report,
    ReportKind,
    ReportStatus,
)
from .rubric import missing_areas, validate_remarks, validate_rubric
from .scoring import SPEC, allowed_verdicts, credit_allowed, result_line
from .selectors import effective_result
from .tasks import render_report
from .workflow_checks import run_checks

# Exam mode: how many blind markers, when marks escalate to a third assessor, the moderation
# sample and the agreed grade are `assessment.double_marking`'s (the cohort's marking policy).


class AssessmentError(Refused):
    """A refused assessment action; `errors` follow the API's {"path", "message"} shape."""


class RateLimited(AssessmentError):
    """Too many of something in a time window (an abuse limit): the API answers 429."""

    http_status = 429
    retry_after = 3600


class NotAllowed(AssessmentError, Forbidden):
    """The user may not do this to this object (shown as 404 where the object is hidden)."""


class StaleGrade(AssessmentError):
    """An autosave started from an older revision than the stored one."""

    def __init__(self, current: Grade, submitted: dict[str, Any]):
        super().__init__(
            _(
                "Deze beoordeling is intussen elders opgeslagen. Uw invoer is niet verloren: "
                "kopieer die en laad de pagina opnieuw."
            ),
            path="revision",
        )
        self.current = current
        self.submitted = submitted


def _cohort_assessor_ids(attempt) -> set[int]:
    # The assessors of the cohort the attempt is filed in, as `cases.selectors.
    # attempts_visible_to` decides; never those of the trainee's other cohorts. An attempt in
    # no cohort is for no assessor.
    if attempt.cohort_id is not None:
        return set(attempt.cohort.assessors.values_list("pk", flat=True))
    return set()


def _ensure_assessor(attempt, by: User) -> None:
    if not by.is_assessor or by.pk not in _cohort_assessor_ids(attempt):
        raise NotAllowed(_("U beoordeelt deze groep niet."))


def _ensure_allocated(attempt, by: User) -> None:
    """With a marker allocation only the allocated marker starts the first grade (Moodle's
    "marker allocation"); the blind second grade and moderation stay open to the cohort."""
    allocation = MarkerAllocation.objects.filter(attempt=attempt).select_related("marker").first()
    if allocation is not None and allocation.marker_id != by.pk:
        marker = allocation.marker
        raise AssessmentError(
            _("Deze poging is toegewezen aan %(name)s.")
            % {"name": marker.get_full_name() or marker.username},
            path="attempt",
        )


def allocation_refusal(attempt, marker: User | None) -> str:
    """Why `marker` cannot be allocated to the attempt ("" when they can): only an assessor of
    the cohort the attempt is filed in (None: a user that does not exist)."""
    if marker is None or not marker.is_assessor or marker.pk not in _cohort_assessor_ids(attempt):
        return _("Alleen een beoordelaar van de groep van de poging kan worden toegewezen.")
    return exam_allocation_refusal(attempt, marker)  # calibration gate (assessment.calibration)


ALLOCATE_PERMISSION = "assessment.change_markerallocation"


def may_allocate(user: User) -> bool:
    """Whether the user manages marker allocation at all (Moodle's "manageallocations"): the
    permission `assessment.change_markerallocation` (the demo's group "Coördinatoren", the
    administrator). Which attempts: those the user sees (`selectors.attempt_for_allocator`)."""
    return user.is_authenticated and user.has_perm(ALLOCATE_PERMISSION)


def allocation_set(*, attempt, marker: User | None, by: User) -> MarkerAllocation | None:
    """Allocate the attempt to a marker of its cohort (None: remove the allocation). Only a
    user with the permission `assessment.change_markerallocation` (Moodle's
    "manageallocations"; the administrator, a cohort lead) may, and only for an attempt they
    see (`cases.selectors.attempts_visible_to`: an assessor only in their own cohorts)."""
    from .selectors import attempt_for_allocator

    if not may_allocate(by):
        raise NotAllowed(_("U mag geen beoordelaars toewijzen."))
    if attempt_for_allocator(by, attempt.pk) is None:
        raise NotAllowed(_("Poging niet gevonden."), path="attempt")
    if marker is None:
        MarkerAllocation.objects.filter(attempt=attempt).delete()
        return None
    refusal = allocation_refusal(attempt, marker)
    if refusal:
        raise AssessmentError(refusal, path="marker")
    allocation, _created = MarkerAllocation.objects.update_or_create(
        attempt=attempt, defaults={"marker": marker, "allocated_by": by}
    )
    return allocation


@dataclass
class AllocationOutcome:
    # (attempt, marker or None for "niet toegewezen") for each allocation made.
    allocated: list[tuple[Attempt, User | None]] = field(default_factory=list)
    # (attempt id, reason) for each refused; an attempt the user may not see is "not found".
    refused: list[tuple[int, str]] = field(default_factory=list)


def allocations_set(
    *, allocations: Iterable[tuple[int, int | None]], by: User
) -> AllocationOutcome:
    """Allocate several attempts at once (attempt id → marker id, None: no allocation), as the
    bulk release does: each is checked on its own by `allocation_set`, what may be allocated
    is, every refusal is named with its reason; an attempt outside the user's sight is refused
    as not found (its existence is not revealed). No permission at all: `NotAllowed`."""
    from .selectors import attempt_for_allocator

    if not may_allocate(by):
        raise NotAllowed(_("U mag geen beoordelaars toewijzen."))
    outcome = AllocationOutcome()
    for attempt_id, marker_id in dict(allocations).items():
        attempt = attempt_for_allocator(by, attempt_id)
        if attempt is None:
            outcome.refused.append((attempt_id, _("Poging niet gevonden.")))
            continue
        marker = None
        if marker_id is not None:
            marker = User.objects.filter(pk=marker_id).first()
            if marker is None:
                outcome.refused.append((attempt_id, allocation_refusal(attempt, None)))
                continue
        try:
            with transaction.atomic():
                allocation_set(attempt=attempt, marker=marker, by=by)
        except AssessmentError as exc:
            outcome.refused.append((attempt_id, str(exc)))
            continue
        outcome.allocated.append((attempt, marker))
    return outcome


def grade_mark(*, grade: Grade, by: User, move: str) -> Grade:
    """A marker's step in the workflow (`assessment.marking.STEP_MOVES`: complete, review,
    reopen) on their own draft."""
    from .marking import STEP_MOVES

    if move not in STEP_MOVES:
        raise AssessmentError(_("Onbekende stap."), path="move")
    with transaction.atomic():
        grade = _lock_draft(grade, by)
        try:
            return marking_transition(grade=grade, move=move, by=by)
        except MarkingRefused as exc:
            raise AssessmentError(str(exc), path=exc.path) from exc


def grade_release(*, grade: Grade, by: User) -> Grade:
    """Release a signed final grade to the trainee (ready for release → released)."""
    with transaction.atomic():
        _lock_attempt(grade.attempt_id)
        try:
            return marking_transition(grade=grade, move="release", by=by)
        except MarkingRefused as exc:
            raise AssessmentError(str(exc), path=exc.path) from exc


def _events(attempt) -> list:
    return list(attempt.events.order_by("pk"))


def _latest(grades: list[Grade], role: str) -> Grade | None:
    of_role = [grade for grade in grades if grade.role == role]
    return max(of_role, key=lambda grade: grade.version) if of_role else None


def _log(grade: Grade, *, kind: str, by: User | None, old: str = "", new: str = "", data=None):
    GradeEvent.objects.create(
        grade=grade, kind=kind, old_status=old, new_status=new, actor=by, data=data or {}
    )


def _new_grade(*, attempt, by: User, role: str) -> Grade:
    events = _events(attempt)
    versions = sorted(attempt.calculation_versions.all(), key=lambda version: version.number)
    try:
        machine = machine_result(attempt, versions, events)
    except NothingToScore as exc:
        raise AssessmentError(str(exc), path="attempt") from exc
    submitted = [version.input for version in versions]
    checks = [check.to_json() for check in run_checks(attempt.case_version, events, submitted)]
    grade = Grade.objects.create(
        attempt=attempt,
        version=1,
        role=role,
        assessor=by,
        machine_result=machine,
        workflow_checks=checks,
        score=Decimal(str(machine["score"])),
        **graded_fields(attempt, machine),
    )
    _log(grade, kind="created", by=by, new=MarkingState.IN_MARKING)
    return grade


def grade_start(*, attempt, by: User) -> Grade:
    """Open this assessor's grade of a submitted attempt, creating the draft on first use.

    Outside exam mode there is one line of grades (role primary). In exam mode the first
    assessor grades as primary, a different one as second (blind), and when the two differ too
    much a third assessor of the cohort moderates.
    """
    _ensure_assessor(attempt, by)
    if attempt.submitted_at is None:
        raise AssessmentError(_("Deze poging is nog niet ingeleverd."), path="attempt")
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        grades = list(attempt.grades.all())
        if not is_exam(attempt):
            current = _latest(grades, GradeRole.PRIMARY)
            if current is None:
                _ensure_allocated(attempt, by)
                return _create(attempt=attempt, by=by, role=GradeRole.PRIMARY)
            if current.is_signed:
                raise AssessmentError(
                    _("Deze poging is al beoordeeld; een wijziging gaat via een correctie."),
                    path="attempt",
                )
            if current.assessor_id != by.pk:
                raise AssessmentError(
                    _("%(name)s beoordeelt deze poging al.")
                    % {"name": current.assessor.get_full_name() or current.assessor.username},
                    path="attempt",
                )
            return current
        return _exam_grade_start(attempt=attempt, grades=grades, by=by)


def _create(*, attempt, by: User, role: str) -> Grade:
    try:
        with transaction.atomic():
            return _new_grade(attempt=attempt, by=by, role=role)
    except IntegrityError as exc:
        raise AssessmentError(
            _("Deze poging wordt op dit moment al beoordeeld."), path="attempt"
        ) from exc


def _exam_grade_start(*, attempt, grades: list[Grade], by: User) -> Grade:
    """The blind markers of the policy (`double_marking.blind_roles`: primary, second, third)
    in turn, each a different assessor; a further one only as moderator, after an escalation
    or for the moderation sample."""
    moderation = Moderation.objects.filter(attempt=attempt).first()
    roles = double_marking.blind_roles(double_marking.policy_of_attempt(attempt))
    for role in (*roles, GradeRole.MODERATOR):
        grade = _latest(grades, role)
        if grade is not None and grade.assessor_id == by.pk:
            return grade
    # Every marker of an exam attempt (first, blind second or third, moderator) is calibrated
    # in the current period (assessment.calibration; issue #15, item 2).
    refusal = exam_start_refusal(attempt, by)
    for role in roles:
        if _latest(grades, role) is None:
            if refusal:
                raise AssessmentError(refusal, path="attempt")
            if role == GradeRole.PRIMARY:
                _ensure_allocated(attempt, by)
            grade = _create(attempt=attempt, by=by, role=role)
            double_marking.record(attempt, "marker_started", by, role=role)
            return grade
    if moderation is not None and moderation.status == ModerationStatus.OPEN:
        if refusal:
            raise AssessmentError(refusal, path="attempt")
        grade = _create(attempt=attempt, by=by, role=GradeRole.MODERATOR)
        Moderation.objects.filter(pk=moderation.pk).update(moderator=by)
        double_marking.record(
            attempt, "moderator_assigned", by, role=GradeRole.MODERATOR, reason=moderation.kind
        )
        return grade
    full = {
        1: _("Deze poging heeft al een beoordelaar."),
        2: _("Deze poging heeft al twee beoordelaars."),
        3: _("Deze poging heeft al drie beoordelaars."),
    }
    raise AssessmentError(full[len(roles)], path="attempt")


def _lock_attempt(attempt_id: int) -> None:
    """Lock the attempt before any of its grades, in a write that reads or writes more than one
    grade of it (a signature in exam mode compares both blind grades, a correction adds one).
    Such writes then run one after the other, and every transaction takes its locks in one
    order, attempt then grade; two blind grades signed at once otherwise deadlock."""
    Attempt.objects.select_for_update().only("pk").get(pk=attempt_id)


def _lock_draft(grade: Grade, by: User) -> Grade:
    # Only the grade's row: locking the joined attempt here too would take the two locks in
    # the query plan's order, not in the one order `_lock_attempt` keeps.
    grade = Grade.objects.select_for_update(of=("self",)).select_related("attempt").get(pk=grade.pk)
    if grade.assessor_id != by.pk:
        raise NotAllowed(_("Alleen de eigen beoordelaar mag deze beoordeling wijzigen."))
    ensure_changeable(grade)
    return grade


def ensure_changeable(grade: Grade) -> None:
    """Refuse a change to a signed grade, or to a draft that a newer version replaced."""
    if grade.is_signed:
        raise AssessmentError(
            _("Deze beoordeling is ondertekend en kan niet meer worden gewijzigd."), path="status"
        )
    if Grade.objects.filter(supersedes=grade).exists():
        # A draft that a re-score replaced (`grade_rescore`): the newer version is the one to
        # finish; this one stays as it was, beside it.
        raise AssessmentError(
            _("Van deze beoordeling bestaat een nieuwere versie; werk die bij."), path="version"
        )


def grade_autosave(
    *,
    grade: Grade,
    by: User,
    revision: int,
    rubric: dict[str, int] | None = None,
    comment: str | None = None,
    remarks: dict[str, str] | None = None,
) -> Grade:
    """Store the rubric (levels and a remark per criterion) and comment when `revision` is
    still the stored one; else `StaleGrade` with the stored grade and what was sent, so
    nothing typed is lost."""
    if rubric is not None:
        errors = validate_rubric(rubric)
        if errors:
            raise AssessmentError(errors[0]["message"], errors=errors)
    if remarks is not None:
        errors = validate_remarks(remarks)
        if errors:
            raise AssessmentError(errors[0]["message"], errors=errors)
    with transaction.atomic():
        grade = _lock_draft(grade, by)
        if revision != grade.revision:
            raise StaleGrade(
                grade,
                {"rubric": rubric, "remarks": remarks, "comment": comment, "revision": revision},
            )
        if rubric is not None:
            grade.rubric = {**grade.rubric, **dict(rubric.items())}
            grade.rubric = {k: v for k, v in grade.rubric.items() if v is not None}
        if remarks is not None:
            merged = {**grade.rubric_remarks, **remarks}
            grade.rubric_remarks = {k: v.strip() for k, v in merged.items() if (v or "").strip()}
        if comment is not None:
            grade.comment = comment
        grade.revision += 1
        grade.save(update_fields=["rubric", "rubric_remarks", "comment", "revision", "updated_at"])
    return grade


# An override's credit: 0…1 with at most 4 decimals, as `LineOverride.credit` stores it.
CREDIT_PLACES = 4


def _credit(value: Any) -> Decimal:
    """The credit as a Decimal 0…1, or `AssessmentError` (path "credit")."""
    message = _("Het krediet moet een getal van 0 tot en met 1 zijn (bijv. 0.75).")
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise AssessmentError(message, path="credit")
    try:
        credit = Decimal(str(value).strip())
    except ArithmeticError as exc:
        raise AssessmentError(message, path="credit") from exc
    if not credit.is_finite() or not Decimal(0) <= credit <= Decimal(1):
        raise AssessmentError(message, path="credit")
    if credit != credit.quantize(Decimal(1).scaleb(-CREDIT_PLACES)):  # "0.50000" is fine
        raise AssessmentError(
            _("Het krediet heeft hoogstens %(places)s decimalen.") % {"places": CREDIT_PLACES},
            path="credit",
        )
    return credit


def validate_override(
    grade: Grade, *, line_key: str, new_verdict: str, credit: Any = None
) -> tuple[dict[str, Any], Decimal | None]:
    """The machine's line that the override is for and the credit as a Decimal, or
    `AssessmentError`: an unknown line, a verdict not for this line (a reference line cannot
    be `extra`, an extra line only `correct` or `extra`), a credit outside 0…1 or with a
    verdict that carries none (only `alternative` and `units_off` do). Also for a preview."""
    line = result_line(grade.machine_result, line_key)
    if line is None:
        raise AssessmentError(_("Deze regel bestaat niet in de beoordeling."), path="line_key")
    if new_verdict not in allowed_verdicts(line):
        raise AssessmentError(_("Dit oordeel kan niet voor deze regel."), path="new_verdict")
    if credit is None:
        return dict(line), None
    if not credit_allowed(line, new_verdict):
        raise AssessmentError(
            _(
                "Een eigen krediet past alleen bij 'acceptabel alternatief' of 'eenheden wijken af'."
            ),
            path="credit",
        )
    return dict(line), _credit(credit)


def _rescored(grade: Grade) -> None:
    """The grade's score and pass/fail after its overrides (`selectors.effective_result`)."""
    effective = effective_result(grade)
    grade.score = Decimal(effective["score"])
    grade.passed = effective["passed"]
    grade.save(update_fields=["score", "passed", "updated_at"])


def line_override_create(
    *,
    grade: Grade,
    by: User,
    line_key: str,
    new_verdict: str,
    reason: str,
    credit: Decimal | str | None = None,
) -> LineOverride:
    """Override one line's verdict with a reason, optionally with an explicit credit (0…1)
    instead of the one the verdict implies; the machine's verdict is kept beside it and the
    grade's score and pass/fail are re-scored (assessment/README.md, "Overrides")."""
    reason = (reason or "").strip()
    if not reason:
        raise AssessmentError(_("Geef een reden voor het aangepaste oordeel."), path="reason")
    with transaction.atomic():
        grade = _lock_draft(grade, by)
        line, credit = validate_override(
            grade, line_key=line_key, new_verdict=new_verdict, credit=credit
        )
        override = LineOverride.objects.create(
            grade=grade,
            line_key=line_key,
            original_verdict=line["verdict"],
            new_verdict=new_verdict,
            credit=credit,
            reason=reason,
            by=by,
        )
        _rescored(grade)
        _log(
            grade,
            kind="override",
            by=by,
            data={
                "line_key": line_key,
                "new": new_verdict,
                "credit": None if credit is None else str(credit),
            },
        )
    return override


def grade_sign(*, grade: Grade, by: User) -> Grade:
    """Sign a complete draft (all four rubric areas and a final comment); it is final from here
    and "ready for release": the trainee sees it only after `grade_release`.

    In exam mode, once every blind marker of the policy has signed, `double_marking` escalates
    (a moderation), takes the attempt into the moderation sample, or determines the agreed
    grade; the moderator's signature closes a moderation with the agreed grade.
    """
    with transaction.atomic():
        _lock_attempt(grade.attempt_id)
        grade = _lock_draft(grade, by)
        errors = [
            {"path": f"rubric.{slug}", "message": _("Kies een niveau voor elk competentiegebied.")}
            for slug in missing_areas(grade.rubric)
        ]
        if not grade.comment.strip():
            errors.append({"path": "comment", "message": _("Schrijf een eindoordeel.")})
        if errors:
            raise AssessmentError(errors[0]["message"], errors=errors)
        _rescored(grade)
        try:
            grade = marking_transition(grade=grade, move="sign", by=by)
        except MarkingRefused as exc:
            raise AssessmentError(str(exc), path=exc.path) from exc
        if is_exam(grade.attempt):
            double_marking.after_signature(
                grade, by, knocked_out=lambda g: has_critical(effective_result(g))
            )
    return grade


def grade_correct(*, grade: Grade, by: User, reason: str) -> Grade:
    """Start a correction of a signed grade: a new draft version with the reason, copying the
    rubric, comment and overrides; the signed version stays as it was."""
    reason = (reason or "").strip()
    if not reason:
        raise AssessmentError(_("Geef een reden voor de correctie."), path="reason")
    _ensure_assessor(grade.attempt, by)
    with transaction.atomic():
        _lock_attempt(grade.attempt_id)
        grade = Grade.objects.select_for_update().select_related("attempt").get(pk=grade.pk)
        if not grade.is_signed:
            raise AssessmentError(
                _("Alleen een ondertekende beoordeling wordt gecorrigeerd."), path="status"
            )
        if Grade.objects.filter(supersedes=grade).exists():
            raise AssessmentError(_("Van deze versie bestaat al een correctie."), path="version")
        if is_exam(grade.attempt) and grade.assessor_id != by.pk:
            raise NotAllowed(_("In examenmodus corrigeert alleen de eigen beoordelaar."))
        correction = Grade.objects.create(
            attempt=grade.attempt,
            version=grade.version + 1,
            role=grade.role,
            assessor=by,
            machine_result=grade.machine_result,
            workflow_checks=grade.workflow_checks,
            score=grade.score,
            passed=grade.passed,
            **kept_fields(grade),
            rubric=dict(grade.rubric),
            rubric_remarks=dict(grade.rubric_remarks),
            comment=grade.comment,
            correction_reason=reason,
            supersedes=grade,
        )
        LineOverride.objects.bulk_create(
            override.copy_for(correction) for override in grade.overrides.order_by("at", "pk")
        )
        _log(
            correction,
            kind="correction",
            by=by,
            new=MarkingState.IN_MARKING,
            data={"reason": reason},
        )
        if is_exam(grade.attempt):
            double_marking.record(grade.attempt, "correction", by, role=grade.role)
    return correction


def _rescore_refusal(grade: Grade, by: User) -> AssessmentError | None:
    """Why `by` may not re-score `grade` (`grade_rescore`), or None: the one rule, which the
    grading page also asks (`may_rescore`) before it offers the button."""
    if grade.spec == SPEC:
        return AssessmentError(
            _("Deze beoordeling is al volgens %(spec)s berekend.") % {"spec": SPEC},
            path="spec",
        )
    if Grade.objects.filter(supersedes=grade).exists():
        return AssessmentError(_("Van deze versie bestaat al een nieuwere."), path="version")
    if grade.assessor_id != by.pk and (not grade.is_signed or is_exam(grade.attempt)):
        return NotAllowed(_("Alleen de eigen beoordelaar mag deze beoordeling herberekenen."))
    return None


def may_rescore(grade: Grade, by: User) -> bool:
    """Whether `grade_rescore` would take this grade from `by` (without locking: for showing
    the button; the service checks again under the lock)."""
    if not by.is_assessor or by.pk not in _cohort_assessor_ids(grade.attempt):
        return False
    return _rescore_refusal(grade, by) is None


def grade_rescore(*, grade: Grade, by: User, reason: str) -> Grade:
    """Score the attempt again under the current scoring spec (`assessment.scoring.SPEC`), as a
    new draft version beside the grade, which stays exactly as it is: a grade keeps the spec it
    was computed under, a signed grade never changes (scoring spec §9).

    For the latest version of a grade line whose spec is an older one, by the grade's own
    assessor (a signed grade: any assessor of the cohort, outside exam mode). The new version
    supersedes it and takes over its rubric and final comment; of the overrides in force, those
    whose line the new result still has with the same machine verdict carry over (the
    assessor's judgement was about that verdict), the others are listed in the event's data
    and left for the assessor to review. Its score and pass/fail are the new result's after
    those overrides.
    """
    reason = (reason or "").strip()
    if not reason:
        raise AssessmentError(_("Geef een reden voor de herberekening."), path="reason")
    _ensure_assessor(grade.attempt, by)
    with transaction.atomic():
        _lock_attempt(grade.attempt_id)
        grade = Grade.objects.select_for_update().select_related("attempt").get(pk=grade.pk)
        refusal = _rescore_refusal(grade, by)
        if refusal is not None:
            raise refusal
        attempt = grade.attempt
        try:
            machine = machine_result(
                attempt, list(attempt.calculation_versions.all()), _events(attempt)
            )
        except NothingToScore as exc:
            raise AssessmentError(str(exc), path="attempt") from exc
        rescored = Grade.objects.create(
            attempt=attempt,
            version=grade.version + 1,
            role=grade.role,
            assessor=by,
            machine_result=machine,
            workflow_checks=grade.workflow_checks,
            score=Decimal(str(machine["score"])),
            passed=result_passed(machine, grade.cut_score),
            **kept_fields(grade),
            rubric=dict(grade.rubric),
            rubric_remarks=dict(grade.rubric_remarks),
            comment=grade.comment,
            correction_reason=reason,
            supersedes=grade,
        )
        carried, dropped = [], []
        for key, override in grade.overrides_in_force().items():
            line = result_line(machine, key)
            applies = (
                line is not None
                and line["verdict"] == override.original_verdict
                and override.new_verdict in allowed_verdicts(line)
                and (override.credit is None or credit_allowed(line, override.new_verdict))
            )
            (carried if applies else dropped).append(override)
        LineOverride.objects.bulk_create(override.copy_for(rescored) for override in carried)
        if carried:
            _rescored(rescored)
        _log(
            rescored,
            kind="rescore",
            by=by,
            new=MarkingState.IN_MARKING,
            data={
                "reason": reason,
                "from_spec": grade.spec,
                "to_spec": SPEC,
                "overrides_not_carried": [override.line_key for override in dropped],
            },
        )
    return rescored


def report_request(*, kind: str, subject: Any, by: User | None) -> Report:
    """The report of a signed grade or a submitted calculation version, rendered once.

    The row is unique per key; the first request creates it and queues the rendering after
    the transaction commits, any later request gets the same row (a failed one is retried).
    """
    if kind == ReportKind.ASSESSMENT:
        if not subject.is_signed:
            raise AssessmentError(_("Een rapport komt pas na ondertekening."), path="grade")
        key = f"assessment:grade:{subject.pk}"
        fields = {"grade": subject}
    elif kind == ReportKind.CALCULATION:
        key = f"calculation:version:{subject.pk}"
        fields = {"calculation_version": subject}
    else:
        raise AssessmentError(_("Onbekende soort rapport."), path="kind")
    with transaction.atomic():
        report = Report.objects.filter(key=key).first()
        if report is not None and report.status != ReportStatus.FAILED:
            return report  # rendered or on its way: no new work
        if report is not None and report.pages and report.pages > settings.PDF_MAX_PAGES:
            # Refused for its length (tasks.render_report): the same content lays out the same.
            raise AssessmentError(report.error, path="pages")
        _check_render_quota(by)
        report, created = Report.objects.get_or_create(
            key=key, defaults={"kind": kind, "requested_by": by, **fields}
        )
        if not created and report.status == ReportStatus.FAILED:
            # A retry is a new render: it counts for the requester's hourly quota.
            Report.objects.filter(pk=report.pk).update(
                status=ReportStatus.PENDING, error="", requested_by=by, requested_at=timezone.now()
            )
            report.status = ReportStatus.PENDING
            created = True
        if created:
            report_id = report.pk
            transaction.on_commit(lambda: render_report.enqueue(report_id))
    return report


def _check_render_quota(by: User | None) -> None:
    """At most `PDF_RENDERS_MAX_PER_USER_PER_HOUR` renders asked by one user in the last hour.

    Counted from the reports the user asked for (a retry moves `requested_at`), so the limit
    holds across app servers without a shared cache. Two requests at the same instant may both
    pass at the boundary: the limit bounds the shared worker's load, it is not an exact count.
    """
    if by is None:
        return
    limit = settings.PDF_RENDERS_MAX_PER_USER_PER_HOUR
    since = timezone.now() - timedelta(hours=1)
    if Report.objects.filter(requested_by=by, requested_at__gte=since).count() >= limit:
        raise RateLimited(
            _(
                "U heeft het afgelopen uur al %(limit)s rapporten laten maken, het maximum. "
                "Probeer het later opnieuw."
            )
            % {"limit": limit},
            path="",
        )
