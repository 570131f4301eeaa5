"""What the dossier page says first: where the claim stands and what is next.

`dossier_status(attempt)` reads the dossier's events and the workflow's declarations and gives
the status panel: the paying party's last decision (with its reasons as sentences), the hidden
damage the workshop reported, the customer's questions not answered yet and the next required
step (`cases.workflow.next_required_move`, read from the moves' declarations: no second copy of
the order lives here). `stages(attempt)` is the phase stepper. The template only shows these.
Labels are translated when the page is rendered, so they follow the language switch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from content.profile_labels import profile_labels
from schadeplatform.templatetags.dutch import nl_date

from . import payer
from . import workflow as wf
from .customer_questions import intake_answers, question_text
from .dossier_timeline import finding_texts, outcome_label, submission_kind_label
from .models import Attempt, AttemptStatus, DossierEvent
from .timeline import EventKind

S = AttemptStatus

# The work processes of the competence profile (by code) as the stepper shows them, and the
# states in each; their names are the profile's own, in the active language (`profile_labels`).
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("1.1", (S.INTAKE,)),
    ("1.2", (S.PREPARATION, S.AWAITING_EXPERTISE, S.APPROVED)),
    ("1.3", (S.IN_REPAIR, S.SUPPLEMENT_PENDING)),
    ("1.4", (S.FINAL_SUBMITTED, S.DELIVERED)),
)


def _stage_index(status: str) -> int:
    for index, (_code, statuses) in enumerate(STAGES):
        if status in statuses:
            return index
    return 1  # total loss ends in intake or preparation


def stages(attempt: Attempt) -> list[dict[str, Any]]:
    """The phase stepper: each work process with `state` done, current or "" (to come)."""
    current = _stage_index(attempt.status)
    names = profile_labels()
    return [
        {
            "label": f"{code} {names.work_process(code)}",
            "state": "done" if i < current else "current" if i == current else "",
        }
        for i, (code, _statuses) in enumerate(STAGES)
    ]


@dataclass(frozen=True)
class Decision:
    """The paying party's decision on one submitted calculation, in words."""

    outcome: str
    label: str
    kind_label: str
    version_number: Any
    date: str
    reasons: list[str]
    corrections: list[str]

    @property
    def rejected(self) -> bool:
        return self.outcome == payer.Outcome.REJECTED

    @property
    def tone(self) -> str:
        if self.rejected:
            return "bad"
        return "warn" if self.corrections else "ok"


def _decision(event: DossierEvent) -> Decision:
    data = event.data or {}
    return Decision(
        outcome=str(data.get("outcome", "")),
        label=outcome_label(data.get("outcome")),
        kind_label=submission_kind_label(data.get("kind", "")),
        version_number=data.get("version_number"),
        date=nl_date(event.simulated_date),
        reasons=finding_texts(data.get("reasons")),
        corrections=finding_texts(data.get("corrections")),
    )


@dataclass(frozen=True)
class NextStep:
    move: str
    label: str
    hint: str = ""
    # The move submits a calculation: the panel also links to the editor.
    calculation: bool = False

    @property
    def anchor(self) -> str:
        """The id of the move's form on the dossier page."""
        return f"stap-{self.move}"


@dataclass(frozen=True)
class DossierStatus:
    phase: str
    closed: bool
    decision: Decision | None = None
    hidden_damage: str = ""
    open_questions: list[str] = field(default_factory=list)
    next_step: NextStep | None = None

    @property
    def tone(self) -> str:
        """The panel's colour: red while a rejection stands, never green over one."""
        if self.decision is not None and self.decision.rejected and not self.closed:
            return "bad"
        return "neutral"


def _last(events: list[DossierEvent], kind: str) -> DossierEvent | None:
    return next((e for e in reversed(events) if e.kind == kind and not e.refused), None)


def _open_questions(attempt: Attempt, events: list[DossierEvent]) -> list[str]:
    questions = (attempt.case_version.customer or {}).get("questions") or []
    answered = intake_answers(events)
    return [
        question_text(q) for i, q in enumerate(questions) if i not in answered and question_text(q)
    ]


def _next_step(attempt: Attempt, decision: Decision | None) -> NextStep | None:
    name = wf.next_required_move(attempt)
    if name is None:
        return None
    declared = wf.get_move(name)
    answered = set(declared.answers) & set(wf.open_findings(attempt))
    hint = ""
    if answered:
        hint = str(_("Dit vraagt de betalende partij in haar laatste beslissing."))
    elif declared.submits and decision is not None and decision.rejected:
        hint = str(_("Pas de calculatie aan op de redenen hierboven en bied haar opnieuw aan."))
    elif declared.submits:
        hint = str(_("Maak eerst de calculatie in de calculatie-editor."))
    return NextStep(
        move=name, label=str(declared.label), hint=hint, calculation=bool(declared.submits)
    )


def dossier_status(attempt: Attempt, events: list[DossierEvent] | None = None) -> DossierStatus:
    """The status panel of `attempt` (`events`: its timeline, oldest first, if already read)."""
    if events is None:
        events = list(attempt.events.order_by("pk"))
    closed = attempt.submitted_at is not None or attempt.status in wf.END_STATES
    last_decision = _last(events, EventKind.PAYER_DECISION)
    decision = _decision(last_decision) if last_decision is not None else None
    hidden = _last(events, EventKind.HIDDEN_DAMAGE_REVEALED)
    return DossierStatus(
        phase=str(attempt.get_status_display()),
        closed=closed,
        decision=decision,
        hidden_damage=str((hidden.data or {}).get("description", "")) if hidden else "",
        open_questions=[] if closed else _open_questions(attempt, events),
        next_step=None if closed else _next_step(attempt, decision),
    )


def move_answer(attempt: Attempt, move: str) -> Decision | None:
    """The paying party's decision that the move just made led to, if it led to one (a
    submission, an expertise report): the first decision after the move's own last event."""
    made = (
        attempt.events.filter(kind=wf.get_move(move).event_kind, refused=False)
        .order_by("-pk")
        .first()
    )
    if made is None:
        return None
    answer = (
        attempt.events.filter(kind=EventKind.PAYER_DECISION, pk__gt=made.pk).order_by("pk").first()
    )
    return _decision(answer) if answer is not None else None
