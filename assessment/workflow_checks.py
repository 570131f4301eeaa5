"""Rule-based checks of the work processes that a calculation cannot show, read from an
attempt's dossier timeline (`cases.timeline.EventKind`).

Each check names its work process (1.1–1.4) and competence area of the profile and the profile
items it touches, so a failed check leads to the lesson that teaches it. A check that does not
apply to the case (no HV vehicle, no hidden damage, …) says so and counts for nothing.

Events are read in timeline order (their primary key). A refused move (`refused=True`, or a
`move_refused` event naming the move) still counts as something the trainee tried: trying to
order parts before approval is the mistake, whether or not the simulation let it through.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from assessment.scoring.competence import ANALYSEREN, INTERACTEREN, ORGANISEREN
from cases.customer_questions import delivery_answers, intake_answers, question_text
from cases.models import HvJudgement
from cases.timeline import EventKind
from cases.workflow import MOVE_EVENT_KINDS

APPROVED_OUTCOMES = frozenset({"approved", "approved_with_corrections"})
# Moves that follow approval by the paying party (profile 1.2: "Na goedkeuring van de betalende
# partij regelt hij … werk derden …, maakt een werkorder aan en bestelt de benodigde onderdelen").
AFTER_APPROVAL_MOVES = frozenset(
    {EventKind.PARTS_ORDERED, EventKind.REPAIR_STARTED, EventKind.SUBCONTRACT_ARRANGED}
)

# A refused move is recorded as `move_refused` with the move's name, which differs from the kind
# of event the move records when it succeeds: `MOVE_EVENT_KINDS`, read from the moves'
# declarations (cases.workflow), maps the one to the other.


class EventLike(Protocol):
    kind: str
    data: dict
    refused: bool


class CaseLike(Protocol):
    payer_rules: dict
    expected_decisions: dict
    expected_hv_judgement: str | None
    delivery_checklist: list
    hv_facts: dict | None


@dataclass(frozen=True)
class CheckResult:
    key: str
    title: str
    work_process: str
    competence_area: str
    applicable: bool
    passed: bool
    explanation: str
    knowledge: tuple[str, ...] = field(default=())
    trade_offs: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["knowledge"] = list(self.knowledge)
        data["trade_offs"] = list(self.trade_offs)
        return data


# key → (title, work process, competence area, knowledge items, trade-offs)
CHECKS: dict[str, tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = {
    "expert_requested": (
        "Expertise aangevraagd waar de casus dat vraagt",
        "1.2",
        ORGANISEREN,
        ("werkwijzen-opdrachtgevers",),
        ("expert-raadplegen",),
    ),
    "no_order_before_approval": (
        "Geen bestelling of herstel vóór goedkeuring",
        "1.2",
        ORGANISEREN,
        ("werkwijzen-opdrachtgevers", "schadeherstelproces-toelichten"),
        (),
    ),
    "hv_judgement": (
        "HV-oordeel (veilig stallen) klopt met de casus",
        "1.1",
        ANALYSEREN,
        ("energieopslagsystemen", "aandrijflijnen", "voertuigspecifieke-informatie"),
        (),
    ),
    "reception_check": (
        "Voertuig bij ontvangst gecontroleerd op nieuwe schade",
        "1.2",
        ORGANISEREN,
        ("schadeherstelproces-toelichten",),
        (),
    ),
    "customer_informed_hidden_damage": (
        "Klant geïnformeerd na verborgen schade",
        "1.3",
        INTERACTEREN,
        ("gesprekken-voeren", "schadeherstelproces-toelichten"),
        (),
    ),
    "supplement_before_final": (
        "Suppletie aangeboden vóór de eindcalculatie",
        "1.3",
        ORGANISEREN,
        ("werkwijzen-opdrachtgevers", "calculatieprogramma"),
        (),
    ),
    "delivery_checklist": (
        "Afleverchecklist volledig afgewerkt",
        "1.4",
        ORGANISEREN,
        ("schadeherstelproces-toelichten",),
        (),
    ),
}


def _result(key: str, *, applicable: bool, passed: bool, explanation: str) -> CheckResult:
    title, work_process, area, knowledge, trade_offs = CHECKS[key]
    return CheckResult(
        key=key,
        title=title,
        work_process=work_process,
        competence_area=area,
        applicable=applicable,
        passed=passed if applicable else True,
        explanation=explanation,
        knowledge=knowledge,
        trade_offs=trade_offs,
    )


def _tried(event: EventLike, kinds: Iterable[str]) -> bool:
    """The event is one of `kinds`, done or refused."""
    return _move_kind(event) in {str(kind) for kind in kinds}


def _first_index(events: Sequence[EventLike], predicate) -> int | None:
    return next((index for index, event in enumerate(events) if predicate(event)), None)


def _done(kind: str):
    return lambda event: event.kind == kind and not event.refused


def expert_required(case: CaseLike) -> bool:
    decisions = case.expected_decisions or {}
    if "expert_required" in decisions:
        return bool(decisions["expert_required"])
    return bool((case.payer_rules or {}).get("expert_required"))


def check_expert_requested(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.2 "Indien nodig vraagt hij een expertise aan": requested iff the case needs it."""
    requested = _first_index(events, _done(EventKind.EXPERT_REQUESTED)) is not None
    required = expert_required(case)
    if required:
        explanation = (
            "Expertise aangevraagd, zoals de betalende partij vereist."
            if requested
            else "De betalende partij vereist een expertise, maar er is geen expertise aangevraagd."
        )
        return _result(
            "expert_requested", applicable=True, passed=requested, explanation=explanation
        )
    explanation = (
        "Expertise aangevraagd terwijl de casus daar niet om vraagt: dat kost tijd en geld."
        if requested
        else "Terecht geen expertise aangevraagd."
    )
    return _result(
        "expert_requested", applicable=True, passed=not requested, explanation=explanation
    )


def check_no_order_before_approval(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Parts ordered, subcontracting arranged or repair started only after the payer approved."""
    approved_at = _first_index(
        events,
        lambda e: (
            e.kind == EventKind.PAYER_DECISION
            and not e.refused
            and (e.data or {}).get("outcome") in APPROVED_OUTCOMES
        ),
    )
    limit = len(events) if approved_at is None else approved_at
    early = [event for event in events[:limit] if _tried(event, AFTER_APPROVAL_MOVES)]
    if early:
        labels = sorted({str(EventKind(_move_kind(e)).label) for e in early})
        return _result(
            "no_order_before_approval",
            applicable=True,
            passed=False,
            explanation="Vóór de goedkeuring van de betalende partij: " + ", ".join(labels) + ".",
        )
    return _result(
        "no_order_before_approval",
        applicable=True,
        passed=True,
        explanation="Niets besteld of hersteld vóór de goedkeuring van de betalende partij.",
    )


def _move_kind(event: EventLike) -> str:
    if event.kind == EventKind.MOVE_REFUSED:
        move = str((event.data or {}).get("move"))
        return str(MOVE_EVENT_KINDS.get(move, move))
    return event.kind


def check_hv_judgement(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.1: with an electric or hybrid vehicle, judge whether it is safe to park."""
    expected = case.expected_hv_judgement
    if not expected:
        return _result(
            "hv_judgement", applicable=False, passed=True, explanation="Geen HV-voertuig."
        )
    judgements = [
        (e.data or {}).get("judgement")
        for e in events
        if e.kind == EventKind.HV_JUDGEMENT_RECORDED and not e.refused
    ]
    if not judgements:
        return _result(
            "hv_judgement",
            applicable=True,
            passed=False,
            explanation="Bij dit HV-voertuig is niet beoordeeld of het veilig gestald kan worden.",
        )
    given = judgements[-1]
    if given == expected:
        return _result(
            "hv_judgement", applicable=True, passed=True, explanation="HV-oordeel klopt."
        )
    return _result(
        "hv_judgement",
        applicable=True,
        passed=False,
        explanation=f"HV-oordeel '{_hv_label(given)}' waar de casus '{_hv_label(expected)}' vraagt.",
    )


def _hv_label(value: str | None) -> str:
    try:
        return str(HvJudgement(value).label)
    except ValueError:
        return str(value)


def check_reception(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.2: on reception, check the vehicle for new damage before the repair starts."""
    received = _first_index(events, _done(EventKind.VEHICLE_RECEIVED))
    started = _first_index(events, _done(EventKind.REPAIR_STARTED))
    if received is None and started is None:
        return _result(
            "reception_check",
            applicable=False,
            passed=True,
            explanation="Het voertuig is niet voor herstel ontvangen.",
        )
    checked = _first_index(events, _done(EventKind.RECEPTION_CHECK_DONE))
    if checked is not None and (started is None or checked < started):
        return _result(
            "reception_check",
            applicable=True,
            passed=True,
            explanation="Voertuig bij ontvangst gecontroleerd op nieuwe schade.",
        )
    return _result(
        "reception_check",
        applicable=True,
        passed=False,
        explanation="Het voertuig is niet vóór het herstel op nieuwe schade gecontroleerd.",
    )


def check_customer_informed(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.3: after hidden damage, inform the customer (before delivery)."""
    revealed = _first_index(events, _done(EventKind.HIDDEN_DAMAGE_REVEALED))
    if revealed is None:
        return _result(
            "customer_informed_hidden_damage",
            applicable=False,
            passed=True,
            explanation="Geen verborgen schade in dit dossier.",
        )
    delivered = _first_index(events, _done(EventKind.VEHICLE_DELIVERED))
    end = len(events) if delivered is None else delivered
    informed = any(
        e.kind == EventKind.CUSTOMER_INFORMED and not e.refused for e in events[revealed + 1 : end]
    )
    return _result(
        "customer_informed_hidden_damage",
        applicable=True,
        passed=informed,
        explanation=(
            "Klant geïnformeerd over de verborgen schade."
            if informed
            else "Na de verborgen schade is de klant niet vóór de aflevering geïnformeerd."
        ),
    )


def _is_supplement(event: EventLike) -> bool:
    if event.refused:
        return False
    if event.kind == EventKind.SUPPLEMENT_SUBMITTED:
        return True
    return (
        event.kind == EventKind.CALCULATION_SUBMITTED
        and (event.data or {}).get("kind") == "supplement"
    )


def _is_final(event: EventLike) -> bool:
    if event.refused:
        return False
    if event.kind == EventKind.FINAL_CALCULATION_SUBMITTED:
        return True
    return (
        event.kind == EventKind.CALCULATION_SUBMITTED and (event.data or {}).get("kind") == "final"
    )


def check_supplement_before_final(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.3: hidden damage goes into a supplement before the final calculation."""
    revealed = _first_index(events, _done(EventKind.HIDDEN_DAMAGE_REVEALED))
    if revealed is None:
        return _result(
            "supplement_before_final",
            applicable=False,
            passed=True,
            explanation="Geen verborgen schade, dus geen suppletie nodig.",
        )
    supplement = _first_index(events, _is_supplement)
    final = _first_index(events, _is_final)
    if supplement is not None and (final is None or supplement < final):
        return _result(
            "supplement_before_final",
            applicable=True,
            passed=True,
            explanation="Suppletie aangeboden vóór de eindcalculatie.",
        )
    explanation = (
        "De eindcalculatie is aangeboden zonder eerst een suppletie voor de verborgen schade."
        if final is not None
        else "Voor de verborgen schade is geen suppletie aangeboden."
    )
    return _result(
        "supplement_before_final", applicable=True, passed=False, explanation=explanation
    )


def check_delivery_checklist(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.4: the final inspection covers every item of the case's delivery checklist."""
    items = [str(item) for item in (case.delivery_checklist or [])]
    delivered = _first_index(events, _done(EventKind.VEHICLE_DELIVERED))
    if not items or delivered is None:
        return _result(
            "delivery_checklist",
            applicable=False,
            passed=True,
            explanation="Geen aflevering met checklist in dit dossier.",
        )
    inspections = [
        e for e in events[:delivered] if e.kind == EventKind.FINAL_INSPECTION_DONE and not e.refused
    ]
    if not inspections:
        return _result(
            "delivery_checklist",
            applicable=True,
            passed=False,
            explanation="Afgeleverd zonder optische eindcontrole.",
        )
    ticked = _ticked_items((inspections[-1].data or {}).get("checklist"))
    open_items = [item for item in items if item not in ticked]
    if open_items:
        return _result(
            "delivery_checklist",
            applicable=True,
            passed=False,
            explanation="Niet afgevinkt: " + "; ".join(open_items) + ".",
        )
    return _result(
        "delivery_checklist",
        applicable=True,
        passed=True,
        explanation="Alle punten van de afleverchecklist afgevinkt.",
    )


def _ticked_items(checklist: Any) -> set[str]:
    """The items ticked off: `[{"item", "ok"}, …]` as the dossier records it, or `{item: bool}`."""
    if isinstance(checklist, dict):
        return {str(item) for item, ok in checklist.items() if ok}
    if isinstance(checklist, list):
        return {
            str(entry.get("item"))
            for entry in checklist
            if isinstance(entry, dict) and entry.get("ok")
        }
    return set()


CHECK_FUNCTIONS = (
    check_expert_requested,
    check_no_order_before_approval,
    check_hv_judgement,
    check_reception,
    check_customer_informed,
    check_supplement_before_final,
    check_delivery_checklist,
)


def run_checks(case: CaseLike, events: Sequence[EventLike]) -> list[CheckResult]:
    """Every check on the timeline; events in timeline order."""
    events = list(events)
    return [check(case, events) for check in CHECK_FUNCTIONS]


def applicable(results: Iterable[dict]) -> list[dict]:
    return [result for result in results if result.get("applicable")]


# ---------------------------------------------------------------------------------------------
# Evidence for the assessor (issue #14, item 7): what the checks above do not score but the
# assessor must see at once. Read from the same timeline; not counted in any sub-score.


@dataclass(frozen=True)
class OpenAnswer:
    """A customer's question of the case, the trainee's answer (None: unanswered) and the
    case's model answer (`good_answer`; for the assessor only, never the trainee)."""

    moment: str  # "intake" or "delivery"
    question: str
    answer: str | None
    model_answer: str


@dataclass(frozen=True)
class RejectedSubmission:
    kind: str  # calculation kind code (CalculationKind)
    kind_label: str
    version_number: int | None
    reasons: tuple[str, ...]  # the paying party's reasons as the trainee read them


def _model_answer(question: Any) -> str:
    return str(question.get("good_answer") or "") if isinstance(question, dict) else ""


def open_answers(customer: dict | None, events: Sequence[EventLike]) -> list[OpenAnswer]:
    """Every question of the case's customer (intake `questions`, delivery `last_questions`)
    with the trainee's last answer to it, or None when it went unanswered."""
    customer = customer or {}
    events = list(events)
    intake = intake_answers(events)
    delivery = delivery_answers(events)
    answers = [
        OpenAnswer("intake", question_text(question), intake.get(index), _model_answer(question))
        for index, question in enumerate(customer.get("questions") or [])
    ]
    for index, question in enumerate(customer.get("last_questions") or []):
        given = delivery[index] if index < len(delivery) else None
        answers.append(
            OpenAnswer("delivery", question_text(question), given, _model_answer(question))
        )
    return answers


def unanswered_questions(customer: dict | None, events: Sequence[EventLike]) -> list[str]:
    """The texts of the customer's questions that went unanswered."""
    return [item.question for item in open_answers(customer, events) if item.answer is None]


def rejected_submissions(events: Sequence[EventLike]) -> list[RejectedSubmission]:
    """The submissions the paying party rejected, in timeline order: the calculation's kind
    and version and the reasons as readable text (the payer's own Dutch sentences)."""
    from cases.dossier_timeline import finding_texts, submission_kind_label
    from cases.payer import Outcome

    rejected = []
    for event in events:
        data = event.data or {}
        if event.kind != EventKind.PAYER_DECISION or data.get("outcome") != Outcome.REJECTED:
            continue
        kind = str(data.get("kind") or "")
        kind_label = submission_kind_label(kind) if kind else "–"
        reasons = tuple(text for text in finding_texts(data.get("reasons")) if text)
        number = data.get("version_number")
        rejected.append(
            RejectedSubmission(
                kind, kind_label, number if isinstance(number, int) else None, reasons
            )
        )
    return rejected
