"""The simulated claim workflow: one function per move, all through one transition function.

States follow the competence profile's work processes (1.1 intake, 1.2 werkvoorbereiding,
1.3 bewaken van het schadedossier, 1.4 afleveren); `ALLOWED_MOVES` says which move may be made in
which state. Every move runs through `machine._transition` (atomic, `select_for_update`, event rows
with old/new status, actor and simulated date, side effects on commit). A forbidden move raises
`MoveRefused` with a Dutch message and is recorded as a `move_refused` event.

| module | moves |
|---|---|
| `machine` | states, allowed moves, refusals, `_transition` |
| `intake` | 1.1 |
| `approval` | pre-calculation and the paying party, expertise, total loss, WOK |
| `preparation` | 1.2 after approval |
| `monitoring` | 1.3 |
| `delivery` | 1.4 |
| `photos` | the trainee's photos |
"""

from __future__ import annotations

from collections.abc import Callable

from cases.models import Attempt

from .approval import (
    attempt_advise_total_loss,
    attempt_receive_expertise,
    attempt_report_wok,
    attempt_request_expert,
    attempt_submit_precalc,
)
from .delivery import attempt_deliver_vehicle, attempt_final_inspection
from .intake import (
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
from .machine import (
    ALLOWED_MOVES,
    END_STATES,
    MOVE_LABELS,
    TRANSITIONS,
    MoveRefused,
    attempt_ensure_move_available,
    attempt_submitted,
    available_moves,
)
from .monitoring import (
    attempt_inform_customer,
    attempt_submit_final,
    attempt_submit_late_supplement,
    attempt_submit_supplement,
)
from .photos import attempt_add_photo
from .preparation import (
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

MOVES: dict[str, Callable[..., Attempt]] = {
    "create_dossier": attempt_create_dossier,
    "record_damage": attempt_record_damage,
    "record_customer_wishes": attempt_record_customer_wishes,
    "signal_upsell": attempt_signal_upsell,
    "answer_customer_question": attempt_answer_customer_question,
    "give_advice": attempt_give_advice,
    "record_hv_judgement": attempt_record_hv_judgement,
    "record_first_estimate": attempt_record_first_estimate,
    "receive_repair_order": attempt_receive_repair_order,
    "submit_precalc": attempt_submit_precalc,
    "request_expert": attempt_request_expert,
    "receive_expertise": attempt_receive_expertise,
    "advise_total_loss": attempt_advise_total_loss,
    "report_wok": attempt_report_wok,
    "arrange_replacement_transport": attempt_arrange_replacement_transport,
    "arrange_subcontract": attempt_arrange_subcontract,
    "consult_vsi": attempt_consult_vsi,
    "create_work_order": attempt_create_work_order,
    "order_parts": attempt_order_parts,
    "receive_vehicle": attempt_receive_vehicle,
    "check_reception": attempt_check_reception,
    "hand_over_replacement_car": attempt_hand_over_replacement_car,
    "start_repair": attempt_start_repair,
    "submit_supplement": attempt_submit_supplement,
    "inform_customer": attempt_inform_customer,
    "submit_final": attempt_submit_final,
    "submit_late_supplement": attempt_submit_late_supplement,
    "final_inspection": attempt_final_inspection,
    "deliver_vehicle": attempt_deliver_vehicle,
}

__all__ = [
    "ALLOWED_MOVES",
    "END_STATES",
    "MOVES",
    "MOVE_LABELS",
    "TRANSITIONS",
    "MoveRefused",
    "attempt_add_photo",
    "attempt_advise_total_loss",
    "attempt_answer_customer_question",
    "attempt_arrange_replacement_transport",
    "attempt_arrange_subcontract",
    "attempt_check_reception",
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
    "attempt_record_hv_judgement",
    "attempt_report_wok",
    "attempt_request_expert",
    "attempt_signal_upsell",
    "attempt_start_repair",
    "attempt_submit_final",
    "attempt_submit_late_supplement",
    "attempt_submit_precalc",
    "attempt_submit_supplement",
    "attempt_submitted",
    "available_moves",
]
