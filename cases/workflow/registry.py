"""The moves of the claim workflow, each declared once, on its step (`machine.move`), and the
tables read from those declarations: which move may be made in which state, its label, its form,
the event it records and the states it may lead to.

A declaration is the only place a move's facts are written; the transition function
(`machine._transition`), the move service (`cases.services.attempt_move`), the dossier page, the
API and the assessment's checks read them from here. Declarations register when their step
module is imported; `cases.workflow` imports every step module, so import the tables from there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from cases.models import AttemptStatus

S = AttemptStatus

# The states in which the dossier is still open: a move allowed in all of them is "any time".
OPEN_STATES: tuple[str, ...] = (
    S.INTAKE,
    S.PREPARATION,
    S.AWAITING_EXPERTISE,
    S.APPROVED,
    S.IN_REPAIR,
    S.SUPPLEMENT_PENDING,
    S.FINAL_SUBMITTED,
)
END_STATES: tuple[str, ...] = (S.DELIVERED, S.TOTAL_LOSS)


@dataclass(frozen=True)
class Move:
    """One move of the workflow.

    - `from_states`: the states in which the move is offered (anywhere else it is refused);
    - `to_states`: the states it may lead to; empty: the status stays what it was;
    - `form`: the `cases.workflow.forms.MoveForm` that reads its input (page and API alike);
    - `event_kind`: the event it records when it succeeds (a refusal is a `move_refused` event
      naming the move; the assessment reads the one through the other);
    - `too_early`: why it is refused outside `from_states` (Dutch); without it, a generic message;
    - `submits`: the calculation kind the move freezes, if any (a second submit says so);
    - `upload`: the move takes a file (a multipart form; the API has its own upload endpoint);
    - `requires`: the moves that must have been made (an event of theirs, refusals aside)
      before this one succeeds; the step refuses naming them (`machine.missing_requirements`)
      and the dossier's next step is read from them;
    - `applies`: whether the move belongs to this case at all (the HV judgement only for a
      high-voltage vehicle); without it, every case. A move that does not apply is never
      required;
    - `advances`: the move that takes the claim on along its ordinary path from its
      `from_states` (one per state); the dossier's "next required step" starts from it;
    - `answers`: the paying party's reason codes (`cases.payer`) this move answers: after a
      rejection for one of them, this move is the next step rather than resubmitting;
    - `redoes`: the moves whose earlier result this move voids: a requirement on one of them is
      met again only by making it after this move (nawerk voids the final inspection);
    - `phrase`: the move inside a sentence ("het schadedossier aanmaken"), for a refusal that
      names what is missing; without it, the label;
    - `service`: the function that makes the move (`attempt_<name>`).
    """

    name: str
    label: Any
    from_states: tuple[str, ...]
    form: type
    event_kind: str
    service: Callable[..., Any] = field(compare=False, repr=False)
    to_states: tuple[str, ...] = ()
    too_early: Any = None
    submits: str | None = None
    upload: bool = False
    requires: tuple[str, ...] = ()
    applies: Callable[[Any], bool] | None = field(default=None, compare=False, repr=False)
    advances: bool = False
    answers: tuple[str, ...] = ()
    redoes: tuple[str, ...] = ()
    phrase: Any = None

    def applies_to(self, attempt: Any) -> bool:
        return self.applies is None or bool(self.applies(attempt))

    def targets(self, source: str) -> tuple[str, ...]:
        """The states the move may lead to from `source`."""
        return self.to_states or (source,)


class UnknownMove(LookupError):
    """No move of that name is declared."""


class UndeclaredTransition(RuntimeError):
    """A step tried to lead to a state its declaration does not name: a programming error."""


REGISTRY: dict[str, Move] = {}


def register(declared: Move) -> Move:
    if declared.name in REGISTRY:
        raise ImproperlyConfigured(f"the move {declared.name!r} is declared twice")
    unknown = set(declared.from_states) | set(declared.to_states)
    unknown -= set(AttemptStatus.values)
    if unknown or not declared.from_states:
        raise ImproperlyConfigured(f"the move {declared.name!r} names unknown states {unknown}")
    REGISTRY[declared.name] = declared
    return declared


def get_move(name: str) -> Move:
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownMove(name) from None


def moves_allowed_in(status: str) -> tuple[str, ...]:
    """The moves offered in `status`, in declaration order, the any-time moves last."""
    anytime = set(OPEN_STATES)
    offered = [m for m in REGISTRY.values() if status in m.from_states]
    offered.sort(key=lambda m: set(m.from_states) >= anytime)
    return tuple(m.name for m in offered)


def label_of(name: str) -> Any:
    declared = REGISTRY.get(name)
    return declared.label if declared else name


# -- tables read from the declarations (kept for callers and tests that index them) ------------


def allowed_moves_table() -> dict[str, tuple[str, ...]]:
    return {status: moves_allowed_in(status) for status in AttemptStatus.values}


def labels_table() -> dict[str, Any]:
    return {m.name: m.label for m in REGISTRY.values()}


def transitions_table() -> dict[str, dict[str, tuple[str, ...]]]:
    """Moves that change the status: {move: {source state: target states}}."""
    return {
        m.name: dict.fromkeys(m.from_states, m.to_states) for m in REGISTRY.values() if m.to_states
    }


def event_kinds_table() -> dict[str, str]:
    return {m.name: m.event_kind for m in REGISTRY.values()}


def forms_table() -> dict[str, type]:
    return {m.name: m.form for m in REGISTRY.values()}
