"""The marking workflow, as Moodle's: the one place a grade's `marking_state` moves.

    niet beoordeeld → in beoordeling → beoordeling afgerond → in controle
        → klaar voor vrijgave (= ondertekend) → vrijgegeven (de cursist ziet het cijfer)

Every move is declared once in `MOVES` (label, from which states, to which state, who may make
it); the page's buttons, the API and the transition read that declaration. Each step runs on a
row locked with `select_for_update`, refuses a move the map does not allow (`MarkingRefused`)
and writes a `GradeEvent` (old, new, actor, time).

- The marker (the grade's own assessor) moves a draft between the first three states and signs
  from any of them (Moodle lets a marker skip states too); signing is `services.grade_sign`,
  which checks the rubric and comment and then calls `marking_transition(..., "sign")`.
- Release is a separate step by any assessor of the attempt's cohort (Moodle's
  "releasegrades"), of the attempt's final grade only (`selectors.final_grade`: in exam mode
  once the blind grades agree or the moderator signed). `grades_release` takes several grades
  in one request and checks each on its own: a grade the user may not release is refused and
  named, the others are released (`ReleaseOutcome`).
- A signed grade changes no further than ready → released; a correction is a new version that
  starts `in_marking` and, until it is released, leaves the earlier released version shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schadeplatform.accounts.models import User

from .models import Grade, GradeEvent, GradeStatus, MarkingState
from .selectors import final_grade


class MarkingRefused(Exception):
    """A refused marking move; `path` as the API's {"path", "message"} shape."""

    def __init__(self, message: str, path: str = "marking_state"):
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class Move:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    # "marker": the grade's own assessor; "cohort": any assessor of the attempt's cohort.
    by: str = "marker"


DRAFT_STATES = frozenset(
    {MarkingState.IN_MARKING, MarkingState.MARKING_COMPLETED, MarkingState.IN_REVIEW}
)

MOVES: dict[str, Move] = {
    move.name: move
    for move in (
        Move(
            "complete",
            gettext_lazy("Beoordeling afronden"),
            frozenset({MarkingState.IN_MARKING}),
            MarkingState.MARKING_COMPLETED,
        ),
        Move(
            "review",
            gettext_lazy("Ter controle aanbieden"),
            frozenset({MarkingState.MARKING_COMPLETED}),
            MarkingState.IN_REVIEW,
        ),
        Move(
            "reopen",
            gettext_lazy("Terug naar beoordelen"),
            frozenset({MarkingState.MARKING_COMPLETED, MarkingState.IN_REVIEW}),
            MarkingState.IN_MARKING,
        ),
        Move(
            "sign",
            gettext_lazy("Ondertekenen"),
            DRAFT_STATES,
            MarkingState.READY_FOR_RELEASE,
        ),
        Move(
            "release",
            gettext_lazy("Vrijgeven aan cursist"),
            frozenset({MarkingState.READY_FOR_RELEASE}),
            MarkingState.RELEASED,
            by="cohort",
        ),
    )
}

# The moves the grading page offers as plain buttons (signing and release have their own).
STEP_MOVES = ("complete", "review", "reopen")


def allowed_moves(grade: Grade) -> list[Move]:
    """The declared moves from the grade's current state (who may make them aside)."""
    return [move for move in MOVES.values() if grade.marking_state in move.sources]


def _cohort_assessor(grade: Grade, by: User) -> bool:
    attempt = grade.attempt
    return (
        by.is_authenticated
        and by.is_assessor
        and attempt.cohort_id is not None
        and attempt.cohort.assessors.filter(pk=by.pk).exists()
    )


def _check(grade: Grade, move: Move, by: User) -> None:
    if not _cohort_assessor(grade, by):
        raise MarkingRefused(_("U beoordeelt deze groep niet."), path="grade")
    if move.by == "marker" and grade.assessor_id != by.pk:
        raise MarkingRefused(_("Alleen de eigen beoordelaar zet deze stap."), path="grade")
    if grade.marking_state not in move.sources:
        raise MarkingRefused(
            _("'%(move)s' kan niet vanuit de fase '%(state)s'.")
            % {"move": move.label, "state": grade.get_marking_state_display()}
        )
    if move.target in DRAFT_STATES and grade.is_signed:
        raise MarkingRefused(_("Deze beoordeling is ondertekend."), path="status")
    if move.name == "release":
        attempt = grade.attempt
        grades = list(attempt.grades.all())
        final = final_grade(attempt, grades)
        if final is None or final.pk != grade.pk:
            raise MarkingRefused(
                _("Alleen de eindbeoordeling van een poging wordt vrijgegeven."), path="grade"
            )


def may_make(grade: Grade, move: str, by: User) -> bool:
    """Whether `marking_transition` would take this move from `by` now (no lock: for showing
    a button; the transition checks again under the lock)."""
    try:
        _check(grade, MOVES[move], by)
    except MarkingRefused:
        return False
    return True


def marking_transition(*, grade: Grade, move: str, by: User, data: dict | None = None) -> Grade:
    """Make one declared move on the grade, locked, with a `GradeEvent`; `MarkingRefused` when
    the map or the user does not allow it. Signing sets `status`/`signed_at` with it; release
    `released_at`/`released_by`. Runs inside the caller's transaction when there is one."""
    declared = MOVES[move]
    with transaction.atomic():
        grade = (
            Grade.objects.select_for_update(of=("self",))
            .select_related("attempt__cohort")
            .get(pk=grade.pk)
        )
        _check(grade, declared, by)
        old = grade.marking_state
        now = timezone.now()
        changes: dict = {"marking_state": declared.target, "updated_at": now}
        if move == "sign":
            changes.update(status=GradeStatus.SIGNED, signed_at=now)
        if move == "release":
            changes.update(released_at=now, released_by=by)
        # update() rather than save(): a signed grade refuses save, and a signature makes the
        # row final at this very write.
        Grade.objects.filter(pk=grade.pk, marking_state=old).update(**changes)
        for name, value in changes.items():
            setattr(grade, name, value)
        kind = "signed" if move == "sign" else ("released" if move == "release" else move)
        GradeEvent.objects.create(
            grade=grade,
            kind=kind,
            old_status=old,
            new_status=declared.target,
            actor=by,
            data=data or {},
        )
        if move == "release":
            from .double_marking import record_release

            record_release(grade, by)
            # Open Badges (issue #18): issued in a task after commit, never blocking release.
            from .badges.tasks import on_grade_released

            on_grade_released(grade)
            # Learning records (issue #18, xAPI): queued on commit; off unless configured.
            from .xapi.hooks import record_grade_released

            record_grade_released(grade)
            # LTI grade passback (issue #18): the score to the LMS in a task after commit.
            from schadeplatform.lti.grade_passback import on_grade_released as send_to_lms

            send_to_lms(grade)
    return grade


@dataclass
class ReleaseOutcome:
    released: list[Grade] = field(default_factory=list)
    # (grade id, reason) for each grade refused; a grade the user may not see is "not found".
    refused: list[tuple[int, str]] = field(default_factory=list)


def grades_release(*, grade_ids: Iterable[int], by: User) -> ReleaseOutcome:
    """Release several grades in one request (bulk release). Each is checked on its own, in
    its own transaction: what may be released is released, every refusal is reported with its
    reason; a grade outside the user's sight is refused as not found (its existence is not
    revealed)."""
    from .selectors import grade_for_assessor

    outcome = ReleaseOutcome()
    for grade_id in dict.fromkeys(grade_ids):
        grade = grade_for_assessor(by, grade_id) if by.is_authenticated else None
        if grade is None:
            outcome.refused.append((grade_id, _("Beoordeling niet gevonden.")))
            continue
        try:
            outcome.released.append(marking_transition(grade=grade, move="release", by=by))
        except MarkingRefused as exc:
            outcome.refused.append((grade_id, str(exc)))
    return outcome
