"""The simulated claim workflow: one function per move, all through one transition function.

States follow the competence profile's work processes (1.1 intake, 1.2 werkvoorbereiding,
1.3 bewaken van het schadedossier, 1.4 afleveren). Each move is declared once, on its step
function in a step module, with `machine.move(...)`: its label, the states it is offered in and
leads to, its form, the event it records and why it is refused too early or late
(`registry.Move`). The tables below are read from those declarations. Every move runs through
`machine._transition` (atomic, `select_for_update`, the declared transitions enforced, event
rows with old/new status, actor and simulated date, side effects on commit). A forbidden move
raises `MoveRefused` with a Dutch message and is recorded as a `move_refused` event. The page
and the API make a move through one service, `cases.services.attempt_move`.

Adding a move: its step function with `@move(...)` in a step module, its form in `forms.py` if
it takes input, its event kind in `cases.timeline` if it records a new kind of fact.

| module | moves |
|---|---|
| `registry` | the declarations and what is read from them |
| `machine` | refusals, `move`, `_transition` |
| `forms` | one form per move |
| `hv_intake` | 1.1 for an HV vehicle: ask the customer, record the HV facts with their source |
| `intake` | 1.1 |
| `approval` | pre-calculation and the paying party, expertise, total loss, WOK |
| `preparation` | 1.2 after approval |
| `hv_release` | the HV release after a quarantine; no repair move before it |
| `monitoring` | 1.3 |
| `liability_claim` | the owner's VAT status (1.1); a WA claim: assignment of claim, contra-expertise, loss of use and of value (1.3) |
| `delivery` | 1.4 |
| `photos` | the trainee's photos |
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Imported in this order, the moves are declared (and offered on the page) in the order of the
# work processes; a move allowed in every open state comes last (`registry.moves_allowed_in`).
from .photos import attempt_add_photo  # isort: skip
from .hv_intake import attempt_ask_customer, attempt_record_hv_fact  # isort: skip
from .intake import (  # isort: skip
    attempt_answer_customer_question,
    attempt_create_dossier,
    attempt_give_advice,
    attempt_receive_repair_order,
    attempt_record_customer_wishes,
    attempt_record_damage,
    attempt_record_first_estimate,
    attempt_record_hv_judgement,
    attempt_signal_upsell,
)
from .approval import (  # isort: skip
    attempt_advise_total_loss,
    attempt_receive_expertise,
    attempt_report_wok,
    attempt_request_expert,
    attempt_submit_precalc,
)
from .monitoring import (  # isort: skip
    attempt_inform_customer,
    attempt_submit_final,
    attempt_submit_late_supplement,
    attempt_submit_supplement,
)
from .preparation import (  # isort: skip
    attempt_arrange_replacement_transport,
    attempt_arrange_subcontract,
    attempt_check_reception,
    attempt_consult_vsi,
    attempt_create_work_order,
    attempt_hand_over_replacement_car,
    attempt_order_parts,
    attempt_receive_vehicle,
    attempt_start_repair,
)
from .liability_claim import (  # isort: skip
    attempt_claim_loss_of_use,
    attempt_claim_loss_of_value,
    attempt_request_contra_expertise,
    attempt_sign_assignment_of_claim,
)
from .hv_release import attempt_release_hv  # isort: skip
from .delivery import attempt_deliver_vehicle, attempt_final_inspection, attempt_rework  # isort: skip
from .machine import (  # isort: skip
    MoveRefused,
    UndeclaredTransition,
    attempt_ensure_move_available,
    available_moves,
    missing_requirements,
    next_required_move,
    open_findings,
)
from .registry import (  # isort: skip
    END_STATES,
    OPEN_STATES,
    REGISTRY,
    Move,
    UnknownMove,
    allowed_moves_table,
    event_kinds_table,
    forms_table,
    get_move,
    labels_table,
    transitions_table,
)

# Read from the declarations, once every step module above has declared its moves.
ALLOWED_MOVES: dict[str, tuple[str, ...]] = allowed_moves_table()
MOVE_LABELS: dict[str, Any] = labels_table()
TRANSITIONS: dict[str, dict[str, tuple[str, ...]]] = transitions_table()
MOVE_FORMS: dict[str, type] = forms_table()
MOVE_EVENT_KINDS: dict[str, str] = event_kinds_table()
# The moves made with keyword input (page and API's move endpoint); an upload move (a photo)
# has its own API endpoint.
MOVES: dict[str, Callable[..., Any]] = {
    m.name: m.service for m in REGISTRY.values() if not m.upload
}

__all__ = [
    "ALLOWED_MOVES",
    "END_STATES",
    "MOVES",
    "MOVE_EVENT_KINDS",
    "MOVE_FORMS",
    "MOVE_LABELS",
    "OPEN_STATES",
    "REGISTRY",
    "TRANSITIONS",
    "Move",
    "MoveRefused",
    "UndeclaredTransition",
    "UnknownMove",
    "attempt_add_photo",
    "attempt_advise_total_loss",
    "attempt_answer_customer_question",
    "attempt_arrange_replacement_transport",
    "attempt_arrange_subcontract",
    "attempt_ask_customer",
    "attempt_check_reception",
    "attempt_claim_loss_of_use",
    "attempt_claim_loss_of_value",
    "attempt_consult_vsi",
    "attempt_create_dossier",
    "attempt_create_work_order",
    "attempt_deliver_vehicle",
    "attempt_ensure_move_available",
    "attempt_final_inspection",
    "attempt_give_advice",
    "attempt_hand_over_replacement_car",
    "attempt_inform_customer",
    "attempt_order_parts",
    "attempt_receive_expertise",
    "attempt_receive_repair_order",
    "attempt_receive_vehicle",
    "attempt_record_customer_wishes",
    "attempt_record_damage",
    "attempt_record_first_estimate",
    "attempt_record_hv_fact",
    "attempt_record_hv_judgement",
    "attempt_release_hv",
    "attempt_report_wok",
    "attempt_request_contra_expertise",
    "attempt_request_expert",
    "attempt_rework",
    "attempt_sign_assignment_of_claim",
    "attempt_signal_upsell",
    "attempt_start_repair",
    "attempt_submit_final",
    "attempt_submit_late_supplement",
    "attempt_submit_precalc",
    "attempt_submit_supplement",
    "available_moves",
    "get_move",
    "missing_requirements",
    "next_required_move",
    "open_findings",
]
