"""The state machine of the claim: states, allowed moves, refusals and the one transition function.

States follow the competence profile's work processes (1.1 intake, 1.2 werkvoorbereiding,
1.3 bewaken van het schadedossier, 1.4 afleveren). Each move is declared once, on its step, with
`move(...)` (`registry.Move`: the states it is offered in, the states it leads to, its form,
label and event). Every move runs through `_transition`: inside `transaction.atomic()` it re-reads the
attempt with `select_for_update()`, checks the move against its declaration, lets the move's
step change the attempt and say which events happened, holds the new status to the declared
transitions, writes the events (old and new status, actor, simulated date) and
queues side effects with `transaction.on_commit`.

A forbidden move raises `MoveRefused` with a Dutch message; the refusal itself is recorded as a
`move_refused` event in its own transaction after the failed one rolled back, because an
assessor reads refusals as evidence ("tried to order parts before approval").

The paying party, the expert and the workshop are simulated: their answers are events with no
actor, decided by `cases.payer` and by the case version's data.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from calcengine.arithmetic import round2
from cases import payer
from cases.calculations.exceptions import AlreadySubmitted
from cases.exam_window import ExamWindowClosed, ensure_window_open
from cases.models import Attempt, AttemptStatus, DossierEvent
from cases.ownership import ensure_owner
from cases.timeline import EventKind

from .registry import (
    END_STATES,
    REGISTRY,
    Move,
    UndeclaredTransition,
    get_move,
    label_of,
    moves_allowed_in,
    register,
)

S = AttemptStatus


class MoveRefused(Exception):
    """A move that the claim workflow does not allow now; `message` is Dutch, for the trainee."""

    def __init__(self, message: str, *, errors: list[dict[str, str]] | None = None) -> None:
        self.message = message
        self.errors = errors or [{"path": "", "message": message}]
        # The bound form of the refused input, when the move service read one (to show it again).
        self.form: Any = None
        super().__init__(message)


@dataclass
class Happened:
    """One event a move's step reports; `actor_is_trainee` False for simulated parties."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    actor_is_trainee: bool = True
    simulated_date: dt.date | None = None
    message: str = ""


@dataclass
class StepResult:
    events: list[Happened]
    to_status: str | None = None
    on_commit: list[Callable[[], None]] = field(default_factory=list)


# What a move's declared function returns: the change to make under the attempt's lock.
Step = Callable[[Attempt], StepResult]


def available_moves(attempt: Attempt) -> tuple[str, ...]:
    if attempt.submitted_at is not None:
        return ()
    return moves_allowed_in(attempt.status)


def move(
    *,
    name: str,
    label: Any,
    from_states: tuple[str, ...],
    form: type,
    event_kind: str,
    to_states: tuple[str, ...] = (),
    too_early: Any = None,
    submits: str | None = None,
    upload: bool = False,
    builds_step: bool = True,
    requires: tuple[str, ...] = (),
    applies: Callable[[Attempt], bool] | None = None,
    advances: bool = False,
    answers: tuple[str, ...] = (),
    redoes: tuple[str, ...] = (),
    phrase: Any = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a move once, on its step (the fields: `registry.Move`).

    The decorated function takes the move's keyword arguments (`attempt`, `by` and the form's
    fields) and returns the step to run under the lock; the decorator turns it into the move's
    service, `attempt_<name>(*, attempt, by, ...)`, which runs that step through `_transition`.
    A move that must work before and after the transition (a photo is decoded before the lock)
    passes `builds_step=False` and calls `_transition(move=name)` itself."""

    def declare(function: Callable[..., Any]) -> Callable[..., Any]:
        if builds_step:

            @functools.wraps(function)
            def service(*, attempt: Attempt, by: Any, **kwargs: Any) -> Attempt:
                step = function(attempt=attempt, by=by, **kwargs)
                return _transition(attempt=attempt, by=by, move=name, step=step)

        else:
            service = function
        register(
            Move(
                name=name,
                label=label,
                from_states=tuple(from_states),
                form=form,
                event_kind=event_kind,
                to_states=tuple(to_states),
                too_early=too_early,
                submits=submits,
                upload=upload,
                service=service,
                requires=tuple(requires),
                applies=applies,
                advances=advances,
                answers=tuple(answers),
                redoes=tuple(redoes),
                phrase=phrase,
            )
        )
        return service

    return declare


def _already_submitted_message(attempt: Attempt, move: str) -> str | None:
    """A submit refused because the same submit went first (a double click, a second tab) says
    so, rather than which phase the move belongs to: the latest version is of its kind."""
    declared = REGISTRY.get(move)
    kind = declared.submits if declared else None
    latest = attempt.calculation_versions.order_by("-number").first() if kind else None
    if latest is None or latest.kind != kind:
        return None
    return AlreadySubmitted(kind_label=latest.get_kind_display(), number=latest.number).message


def _refusal_message(attempt: Attempt, move: str) -> str:
    if attempt.status in END_STATES:
        return _("Dit dossier is afgesloten; er kunnen geen stappen meer worden gezet.")
    already = _already_submitted_message(attempt, move)
    if already:
        return already
    declared = REGISTRY.get(move)
    if declared is not None and declared.too_early:
        return str(declared.too_early)
    return _("De stap '%(move)s' past niet in de huidige fase (%(status)s).") % {
        "move": str(label_of(move)),
        "status": attempt.get_status_display(),
    }


def _record_refusal(*, attempt: Attempt, by: Any, move: str, refusal: MoveRefused) -> None:
    with transaction.atomic():
        current = Attempt.objects.only("status", "simulated_date").get(pk=attempt.pk)
        DossierEvent.objects.create(
            attempt_id=attempt.pk,
            kind=EventKind.MOVE_REFUSED,
            old_status=current.status,
            new_status=current.status,
            actor=by,
            simulated_date=current.simulated_date,
            data={"move": move, "message": refusal.message, "errors": refusal.errors},
            refused=True,
            message=refusal.message,
        )


def attempt_ensure_move_available(*, attempt: Attempt, by: Any, move: str) -> None:
    """Refuse (and record) a move the current state does not offer, before its input is read:
    a forbidden move is evidence whatever was typed with it. Someone else than the attempt's
    own trainee gets `NotYourAttempt` (nothing recorded)."""
    ensure_owner(attempt=attempt, by=by)
    current = Attempt.objects.get(pk=attempt.pk)
    if move not in available_moves(current):
        refusal = MoveRefused(_refusal_message(current, move))
        _record_refusal(attempt=current, by=by, move=move, refusal=refusal)
        raise refusal


def _transition(*, attempt: Attempt, by: Any, move: str, step: Step) -> Attempt:
    """The one way the dossier changes. Returns the updated attempt."""
    # Not a refusal to record: only the trainee who owns the dossier works in it.
    ensure_owner(attempt=attempt, by=by)
    try:
        with transaction.atomic():
            # Lock the attempt: two tabs may make a move at once. Only the attempt's row: the
            # joined case version and trainee would be locked along, and every trainee's moves
            # on one case would wait for each other.
            locked = (
                Attempt.objects.select_for_update(of=("self",))
                .select_related("case_version", "trainee")
                .get(pk=attempt.pk)
            )
            if move not in available_moves(locked):
                raise MoveRefused(_refusal_message(locked, move))
            try:
                # Asked under the lock, with the time read here: in or refused, never half. The
                # same reading stamps a submission: read twice, a submit checked just before
                # the close could be stamped just after it.
                now = ensure_window_open(locked)
            except ExamWindowClosed as closed:
                raise MoveRefused(closed.message) from closed
            old_status = locked.status
            result = step(locked)
            new_status = result.to_status or old_status
            # The declaration is the map of allowed transitions; a step that strays is a bug.
            if new_status not in get_move(move).targets(old_status):
                raise UndeclaredTransition(f"{move}: {old_status} -> {new_status} is not declared")
            locked.status = new_status
            if new_status in END_STATES and locked.submitted_at is None:
                locked.submitted_at = now
            locked.save()
            written = []
            for happened in result.events:
                event = DossierEvent.objects.create(
                    attempt=locked,
                    kind=happened.kind,
                    old_status=old_status,
                    new_status=new_status,
                    actor=by if happened.actor_is_trainee else None,
                    simulated_date=happened.simulated_date or locked.simulated_date,
                    data=happened.data,
                    message=happened.message,
                )
                written.append(event)
            for effect in result.on_commit:
                transaction.on_commit(effect)
            # Learning records (issue #18, xAPI): queued on commit; off unless configured.
            from assessment.xapi.hooks import record_move

            record_move(locked, move=move, events=written)
    except MoveRefused as refusal:
        _record_refusal(attempt=attempt, by=by, move=move, refusal=refusal)
        raise
    attempt.refresh_from_db()
    return attempt


# -- helpers over the timeline ----------------------------------------------------------------


def _events(attempt: Attempt, kind: str):
    return attempt.events.filter(kind=kind, refused=False).order_by("pk")


def _has(attempt: Attempt, kind: str) -> bool:
    return _events(attempt, kind).exists()


def _last(attempt: Attempt, kind: str) -> DossierEvent | None:
    return _events(attempt, kind).last()


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise MoveRefused(message)


def _text(value: str, label: str) -> str:
    value = (value or "").strip()
    _require(bool(value), _("Vul %(label)s in.") % {"label": label})
    return value


def _advance(attempt: Attempt, to: dt.date | None) -> None:
    if to is not None and to > attempt.simulated_date:
        attempt.simulated_date = to


def _money(amount: Decimal) -> str:
    return str(round2(Decimal(amount)))


# -- what the dossier still needs, read from the declarations ---------------------------------


def missing_requirements(attempt: Attempt, name: str) -> list[Move]:
    """The moves `name` requires (`Move.requires`) that apply to this case and have not been
    made yet (no event of theirs, refusals aside), in declared order."""
    required = (get_move(r) for r in get_move(name).requires)
    return [m for m in required if m.applies_to(attempt) and not _made(attempt, m)]


def _made(attempt: Attempt, declared: Move) -> bool:
    """Whether `declared` has been made, and not voided since by a move that redoes it."""
    last = _last(attempt, declared.event_kind)
    if last is None:
        return False
    voiding = [m.event_kind for m in REGISTRY.values() if declared.name in m.redoes]
    return not (
        voiding and attempt.events.filter(kind__in=voiding, refused=False, pk__gt=last.pk).exists()
    )


def missing_phrases(attempt: Attempt, name: str) -> str:
    """The missing requirements of `name` as a refusal names them ("a; b")."""
    return "; ".join(str(m.phrase or m.label) for m in missing_requirements(attempt, name))


def open_findings(attempt: Attempt) -> tuple[str, ...]:
    """The reason codes of the paying party's last word that no move has answered since: its
    last decision if it rejected, or an expert's report of a total loss (which the payer's
    `ECONOMIC_TOTAL_LOSS` names). A finding is answered once a move that declares it
    (`Move.answers`) has been made after that word."""
    last = (
        attempt.events.filter(
            kind__in=(EventKind.PAYER_DECISION, EventKind.EXPERTISE_DONE), refused=False
        )
        .order_by("pk")
        .last()
    )
    if last is None:
        return ()
    data = last.data or {}
    if last.kind == EventKind.EXPERTISE_DONE:
        codes: tuple[str, ...] = (payer.ECONOMIC_TOTAL_LOSS,) if data.get("total_loss") else ()
    elif data.get("outcome") == payer.Outcome.REJECTED:
        codes = tuple(str(r.get("code")) for r in data.get("reasons") or [] if r.get("code"))
    else:
        codes = ()
    if not codes:
        return ()
    since = set(attempt.events.filter(pk__gt=last.pk, refused=False).values_list("kind", flat=True))
    answered = {code for m in REGISTRY.values() if m.event_kind in since for code in m.answers}
    return tuple(code for code in codes if code not in answered)


def _first_to_make(attempt: Attempt, name: str, seen: frozenset[str] = frozenset()) -> str:
    missing = missing_requirements(attempt, name)
    if not missing or missing[0].name in seen:
        return name
    return _first_to_make(attempt, missing[0].name, seen | {name})


def next_required_move(attempt: Attempt) -> str | None:
    """The move the dossier needs next, read from the declarations: a move that answers an
    open finding of the paying party (`Move.answers`), else the state's advancing move
    (`Move.advances`); in both cases its first missing requirement (`Move.requires`) first.
    None in a closed dossier, or in a state without an advancing move."""
    offered = available_moves(attempt)
    if not offered:
        return None
    findings = set(open_findings(attempt))
    chosen = next((n for n in offered if findings & set(get_move(n).answers)), None)
    if chosen is None:
        chosen = next((n for n in offered if get_move(n).advances), None)
    if chosen is None:
        return None
    first = _first_to_make(attempt, chosen)
    return first if first in offered else chosen
