"""1.4 Afleveren: the trainee's own final inspection, rework, then the delivery."""

import datetime as dt
from decimal import Decimal

import pytest

from assessment.selectors import attempts_assessable_by
from cases import workflow as wf
from cases.models import AttemptStatus
from cases.timeline import EventKind
from tests.cases.flow import OWN_INSPECTION, to_approved, to_final_submitted, to_in_repair
from tests.factories.cases import AttemptFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee, cohort):
    # Filed in the trainee's cohort (as attempt_start does): its assessor sees it when delivered.
    return to_final_submitted(AttemptFactory(trainee=trainee, cohort=cohort), trainee)


def test_delivering_before_the_final_calculation_is_refused_and_recorded(trainee):
    attempt = to_in_repair(AttemptFactory(trainee=trainee), trainee)
    with pytest.raises(wf.MoveRefused) as refused:
        wf.attempt_deliver_vehicle(attempt=attempt, by=trainee, explanation="Klaar", answers=["x"])
    assert (
        refused.value.message
        == "Afleveren kan pas nadat de eindcalculatie is ingediend en goedgekeurd."
    )
    event = attempt.events.order_by("pk").last()
    assert event.kind == EventKind.MOVE_REFUSED
    assert event.refused and event.actor == trainee
    assert event.data["move"] == "deliver_vehicle"
    assert event.message == refused.value.message
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_REPAIR


def test_the_final_inspection_records_the_trainees_own_list_and_findings(attempt, trainee):
    wf.attempt_final_inspection(
        attempt=attempt,
        by=trainee,
        items="Lakkleur bij daglicht\n\n- Spleetmaten rondom",
        findings=["Spleet rechts te groot"],
        notes="Klant gebeld",
    )
    data = attempt.events.get(kind=EventKind.FINAL_INSPECTION_DONE).data
    assert data == {
        "items": ["Lakkleur bij daglicht", "Spleetmaten rondom"],
        "findings": ["Spleet rechts te groot"],
        "notes": "Klant gebeld",
    }


def test_the_final_inspection_needs_a_list_of_ones_own(attempt, trainee):
    with pytest.raises(wf.MoveRefused, match="eindcontrolelijst"):
        wf.attempt_final_inspection(attempt=attempt, by=trainee, items=" \n - ")


def test_delivery_needs_a_final_inspection(attempt, trainee):
    with pytest.raises(wf.MoveRefused, match="optische eindcontrole"):
        wf.attempt_deliver_vehicle(attempt=attempt, by=trainee, explanation="Klaar", answers=["x"])


def test_after_rework_the_vehicle_is_inspected_again_before_delivery(attempt, trainee):
    wf.attempt_final_inspection(
        attempt=attempt, by=trainee, items=OWN_INSPECTION, findings=["Spleet rechts te groot"]
    )
    wf.attempt_rework(attempt=attempt, by=trainee, work="Motorkap opnieuw afstellen")
    with pytest.raises(wf.MoveRefused, match="opnieuw de optische eindcontrole"):
        wf.attempt_deliver_vehicle(attempt=attempt, by=trainee, explanation="Klaar", answers=["x"])
    wf.attempt_final_inspection(attempt=attempt, by=trainee, items=OWN_INSPECTION)
    wf.attempt_deliver_vehicle(attempt=attempt, by=trainee, explanation="Klaar", answers=["x"])
    assert attempt.status == AttemptStatus.DELIVERED


def test_rework_needs_a_finding_recorded_at_the_inspection(attempt, trainee):
    wf.attempt_final_inspection(attempt=attempt, by=trainee, items=OWN_INSPECTION)
    with pytest.raises(wf.MoveRefused, match="Noteer eerst"):
        wf.attempt_rework(attempt=attempt, by=trainee, work="Overspuiten")
    assert attempt.events.order_by("pk").last().data["move"] == "rework"


def test_delivery_needs_the_customers_last_questions_answered(attempt, trainee):
    wf.attempt_final_inspection(attempt=attempt, by=trainee, items=OWN_INSPECTION)
    with pytest.raises(wf.MoveRefused, match="laatste vragen"):
        wf.attempt_deliver_vehicle(attempt=attempt, by=trainee, explanation="Klaar", answers=[])


def test_delivery_ends_the_attempt_and_makes_it_ready_for_assessment(
    attempt, trainee, assessor, cohort
):
    wf.attempt_final_inspection(attempt=attempt, by=trainee, items=OWN_INSPECTION)
    wf.attempt_deliver_vehicle(
        attempt=attempt, by=trainee, explanation="Grille vervangen", answers=["Na 4 weken wassen"]
    )
    assert attempt.status == AttemptStatus.DELIVERED
    assert attempt.submitted_at is not None
    answered = attempt.events.get(kind=EventKind.CUSTOMER_QUESTIONS_ANSWERED)
    assert answered.data["answers"] == [
        {"question": "Hoe onderhoud ik de nieuwe lak?", "answer": "Na 4 weken wassen"}
    ]
    assert list(attempts_assessable_by(assessor)) == [attempt]


def test_no_move_is_possible_after_delivery(attempt, trainee):
    wf.attempt_final_inspection(attempt=attempt, by=trainee, items=OWN_INSPECTION)
    wf.attempt_deliver_vehicle(attempt=attempt, by=trainee, explanation="Klaar", answers=["x"])
    with pytest.raises(wf.MoveRefused, match="afgesloten"):
        wf.attempt_inform_customer(
            attempt=attempt, by=trainee, topic="progress", message="Nog iets"
        )
    assert attempt.events.order_by("pk").last().kind == EventKind.MOVE_REFUSED


def test_the_replacement_car_comes_back_with_its_odometer_reading(trainee):
    attempt = AttemptFactory(trainee=trainee)
    to_approved(attempt, trainee)
    wf.attempt_arrange_replacement_transport(
        attempt=attempt,
        by=trainee,
        kind="replacement_car",
        day_price=Decimal("35"),
        start_date=dt.date(2026, 3, 5),
        end_date=dt.date(2026, 3, 9),
    )
    wf.attempt_create_work_order(attempt=attempt, by=trainee, instructions="Grille")
    wf.attempt_order_parts(attempt=attempt, by=trainee)
    wf.attempt_receive_vehicle(attempt=attempt, by=trainee, odometer=61250)
    wf.attempt_check_reception(attempt=attempt, by=trainee, new_damage_found=False)
    wf.attempt_hand_over_replacement_car(attempt=attempt, by=trainee, odometer_out=1200)
    wf.attempt_start_repair(attempt=attempt, by=trainee)
    wf.attempt_submit_final(attempt=attempt, by=trainee)
    wf.attempt_final_inspection(attempt=attempt, by=trainee, items=OWN_INSPECTION)
    with pytest.raises(wf.MoveRefused, match="minstens 1200"):
        wf.attempt_deliver_vehicle(
            attempt=attempt,
            by=trainee,
            explanation="Klaar",
            answers=["x"],
            replacement_odometer_in=1100,
        )
    wf.attempt_deliver_vehicle(
        attempt=attempt,
        by=trainee,
        explanation="Klaar",
        answers=["x"],
        replacement_odometer_in=1340,
    )
    delivered = attempt.events.get(kind=EventKind.VEHICLE_DELIVERED).data
    assert delivered["replacement_odometer_in"] == 1340
    assert delivered["replacement_km_driven"] == 140
