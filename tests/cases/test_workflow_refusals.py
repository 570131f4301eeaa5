"""Every move the state machine does not allow is refused with a Dutch message, changes
nothing, and is recorded as a `move_refused` event for the assessor."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from cases import workflow as wf
from cases.models import AttemptStatus
from cases.timeline import EventKind
from tests.factories.cases import AttemptFactory

# Input that would be valid for each move; refusals must come before the input matters.
SAMPLE_INPUT = {
    "create_dossier": {
        "customer_name": "a",
        "license_plate": "b",
        "insurer": "c",
        "cover": "casco",
    },
    "record_damage": {"zones": ["front"], "description": "x"},
    "record_customer_wishes": {"wishes": "x"},
    "signal_upsell": {"description": "x"},
    "answer_customer_question": {"question_index": 0, "answer": "x"},
    "give_advice": {"advice": "x"},
    "ask_customer": {"question": "airbags"},
    "record_hv_fact": {"fact": "airbags_fired", "present": True, "source": "question:airbags"},
    "release_hv": {"released_by": "x", "role": "hv_expert", "findings": "x"},
    "record_hv_judgement": {
        "judgement": "safe",
        "safe_to_park": True,
        "safe_to_work": True,
        "reasons": "x",
    },
    "record_first_estimate": {"amount": Decimal("100"), "repair_days": 1},
    "receive_repair_order": {"planned_date": dt.date(2026, 3, 5)},
    "submit_precalc": {},
    "request_expert": {},
    "receive_expertise": {},
    "advise_total_loss": {"advice": "x"},
    "report_wok": {"reason": "x"},
    "arrange_replacement_transport": {
        "kind": "replacement_car",
        "day_price": Decimal("30"),
        "start_date": dt.date(2026, 3, 5),
        "end_date": dt.date(2026, 3, 6),
    },
    "arrange_subcontract": {"supplier": "x", "description": "y", "quote_amount": Decimal("10")},
    "consult_vsi": {},
    "create_work_order": {"instructions": "x"},
    "order_parts": {},
    "receive_vehicle": {"odometer": 1},
    "check_reception": {"new_damage_found": False},
    "hand_over_replacement_car": {"odometer_out": 1},
    "start_repair": {},
    "submit_supplement": {},
    "inform_customer": {"topic": "progress", "message": "x"},
    "submit_final": {},
    "submit_late_supplement": {},
    "final_inspection": {"items": "Lakkleur"},
    "rework": {"work": "x"},
    "deliver_vehicle": {"explanation": "x", "answers": ["x"]},
    "sign_assignment_of_claim": {
        "signed_by": "x",
        "signed_on": dt.date(2026, 3, 9),
        "debtor": "y",
    },
    "request_contra_expertise": {"part": "x", "shop_position": "replace", "reasons": "y"},
    "claim_loss_of_use": {"days": 1, "day_amount": Decimal("10")},
    "claim_loss_of_value": {"amount": Decimal("10"), "basis": "x"},
}

FORBIDDEN = [
    (status, move)
    for status in AttemptStatus.values
    for move in wf.MOVES
    if move not in wf.ALLOWED_MOVES[status]
]


def test_every_move_has_sample_input_a_label_and_a_state_that_allows_it():
    assert set(SAMPLE_INPUT) == set(wf.MOVES)
    allowed_somewhere = {m for moves in wf.ALLOWED_MOVES.values() for m in moves}
    assert set(wf.MOVES) | {"add_photo"} == allowed_somewhere
    assert set(wf.MOVE_LABELS) == allowed_somewhere


def test_every_transition_leads_from_a_state_that_allows_the_move_to_a_known_state():
    for move, by_state in wf.TRANSITIONS.items():
        for source, targets in by_state.items():
            assert move in wf.ALLOWED_MOVES[source]
            assert set(targets) <= set(AttemptStatus.values)


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "move"), FORBIDDEN)
def test_a_move_not_allowed_in_a_state_is_refused_and_recorded(trainee, status, move):
    # given
    finished = status in wf.END_STATES
    attempt = AttemptFactory(
        trainee=trainee,
        status=status,
        submitted_at=dt.datetime(2026, 3, 9, tzinfo=dt.UTC) if finished else None,
    )
    # when
    with pytest.raises(wf.MoveRefused) as refused:
        wf.MOVES[move](attempt=attempt, by=trainee, **SAMPLE_INPUT[move])
    # then
    attempt.refresh_from_db()
    assert attempt.status == status
    event = attempt.events.get()
    assert event.kind == EventKind.MOVE_REFUSED
    assert event.refused is True
    assert event.data["move"] == move
    assert event.message == refused.value.message
    assert event.old_status == event.new_status == status
    assert refused.value.message  # Dutch, never empty


@pytest.mark.django_db
def test_ordering_parts_before_approval_says_why(trainee):
    attempt = AttemptFactory(trainee=trainee, status=AttemptStatus.PREPARATION)
    with pytest.raises(wf.MoveRefused) as refused:
        wf.attempt_order_parts(attempt=attempt, by=trainee)
    assert (
        refused.value.message
        == "Onderdelen bestellen kan pas na goedkeuring van de betalende partij."
    )


@pytest.mark.django_db
def test_another_user_cannot_make_a_move_and_nothing_is_recorded(trainee, other_trainee, assessor):
    attempt = AttemptFactory(trainee=trainee)
    for user in (other_trainee, assessor):
        with pytest.raises(PermissionDenied):
            wf.attempt_give_advice(attempt=attempt, by=user, advice="x")
    assert not attempt.events.exists()
