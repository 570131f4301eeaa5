"""1.1 Intake: each move records its fact; the repair order needs a complete intake."""

import datetime as dt
from decimal import Decimal

import pytest

from cases import workflow as wf
from cases.models import AttemptStatus
from cases.timeline import EventKind
from tests.cases.flow import do_intake, estimate, kinds, open_dossier
from tests.factories.cases import AttemptFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee):
    return AttemptFactory(trainee=trainee)


def last_event(attempt):
    return attempt.events.order_by("pk").last()


def test_creating_the_dossier_records_customer_vehicle_and_insurance(attempt, trainee):
    wf.attempt_create_dossier(
        attempt=attempt,
        by=trainee,
        customer_name="J. de Vries",
        license_plate="ab-123-c",
        insurer="Verzekeraar Netwerk",
        policy_number="CAS-1",
        cover="casco",
    )
    event = last_event(attempt)
    assert event.kind == EventKind.DOSSIER_CREATED
    assert event.actor == trainee
    assert event.data["license_plate"] == "AB-123-C"
    assert event.data["vin"] == "WVWZZZCDZMW123456"
    assert event.data["cover"] == "casco"
    assert event.simulated_date == dt.date(2026, 3, 2)
    assert attempt.insurer == "Verzekeraar Netwerk"


def test_recording_the_visible_damage_keeps_zones_and_description(attempt, trainee):
    wf.attempt_record_damage(
        attempt=attempt, by=trainee, zones=["front", "front"], description="Grille"
    )
    assert attempt.damage_zones == ["front"]
    assert last_event(attempt).data == {"zones": ["front"], "description": "Grille"}


def test_an_unknown_damage_zone_is_refused(attempt, trainee):
    with pytest.raises(wf.MoveRefused, match="Onbekende schadezone"):
        wf.attempt_record_damage(attempt=attempt, by=trainee, zones=["kofferbak"], description="x")
    assert last_event(attempt).kind == EventKind.MOVE_REFUSED


def test_wishes_upsell_advice_and_estimate_are_recorded(attempt, trainee):
    wf.attempt_record_customer_wishes(attempt=attempt, by=trainee, wishes="Snel klaar")
    wf.attempt_signal_upsell(attempt=attempt, by=trainee, description="Steenslag voorruit")
    wf.attempt_give_advice(attempt=attempt, by=trainee, advice="Voorruit meteen meenemen")
    wf.attempt_record_first_estimate(
        attempt=attempt, by=trainee, amount=Decimal("850.5"), repair_days=3
    )
    assert kinds(attempt) == [
        EventKind.CUSTOMER_WISHES_RECORDED,
        EventKind.UPSELL_SIGNALLED,
        EventKind.ADVICE_GIVEN,
        EventKind.FIRST_ESTIMATE_RECORDED,
    ]
    assert last_event(attempt).data == {"amount": "850.50", "repair_days": 3}
    assert attempt.upsell_note == "Steenslag voorruit"


def test_answering_a_customer_question_records_the_question_asked(attempt, trainee):
    wf.attempt_answer_customer_question(
        attempt=attempt, by=trainee, question_index=1, answer="Ja, € 150"
    )
    data = last_event(attempt).data
    assert data["question"] == "Moet ik eigen risico betalen?"
    assert data["answer"] == "Ja, € 150"


def test_answering_a_question_the_customer_did_not_ask_is_refused(attempt, trainee):
    with pytest.raises(wf.MoveRefused):
        wf.attempt_answer_customer_question(
            attempt=attempt, by=trainee, question_index=9, answer="x"
        )


def test_an_empty_answer_is_refused_with_a_dutch_message(attempt, trainee):
    with pytest.raises(wf.MoveRefused, match="Vul uw antwoord in"):
        wf.attempt_answer_customer_question(
            attempt=attempt, by=trainee, question_index=0, answer="  "
        )


def test_the_repair_order_is_planned_subject_to_approval_and_opens_preparation(attempt, trainee):
    do_intake(attempt, trainee)
    assert attempt.status == AttemptStatus.PREPARATION
    order, planned = attempt.events.order_by("-pk")[:2][::-1]
    assert order.kind == EventKind.REPAIR_ORDER_RECEIVED
    assert planned.kind == EventKind.REPAIR_PLANNED
    assert planned.data == {"planned_date": "2026-03-05", "subject_to_approval": True}
    assert planned.old_status == AttemptStatus.INTAKE
    assert planned.new_status == AttemptStatus.PREPARATION


def test_the_repair_order_is_refused_while_the_intake_is_incomplete(attempt, trainee):
    with pytest.raises(wf.MoveRefused) as refused:
        wf.attempt_receive_repair_order(
            attempt=attempt, by=trainee, planned_date=dt.date(2026, 3, 5)
        )
    assert "Rond eerst de intake af" in refused.value.message
    assert "schadedossier aanmaken" in refused.value.message
    assert "inschatting" in refused.value.message
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.INTAKE
    event = last_event(attempt)
    assert event.kind == EventKind.MOVE_REFUSED and event.refused
    assert event.data["move"] == "receive_repair_order"


def test_planning_the_repair_in_the_past_is_refused(attempt, trainee):
    open_dossier(attempt, trainee)
    estimate(attempt, trainee)
    with pytest.raises(wf.MoveRefused, match="Plan de reparatie op of na"):
        wf.attempt_receive_repair_order(
            attempt=attempt, by=trainee, planned_date=dt.date(2026, 1, 1)
        )


def test_an_invalid_cover_is_refused(attempt, trainee):
    with pytest.raises(wf.MoveRefused, match="casco of WA"):
        wf.attempt_create_dossier(
            attempt=attempt,
            by=trainee,
            customer_name="a",
            license_plate="b",
            insurer="c",
            cover="all-risk",
        )
