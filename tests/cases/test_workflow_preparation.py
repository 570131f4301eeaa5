"""1.2 Werkvoorbereiding: the paying party's answer, the expertise, and the preparation after
approval (replacement transport, subcontracts, VSI, work order, parts, reception)."""

import datetime as dt
from decimal import Decimal

import pytest

from cases import workflow as wf
from cases.calculations.selectors import draft_for
from cases.models import AttemptStatus
from cases.timeline import EventKind
from tests.cases.flow import do_intake, precalc_lines, prepare_repair, save_lines, to_approved
from tests.factories.cases import (
    BUMPER,
    AttemptFactory,
    PublishedCaseVersionFactory,
    line,
    payer_rules,
)

pytestmark = pytest.mark.django_db

WING = "5H0821105"  # Voorscherm links: no sensors, may be repaired

EXPENSIVE = {
    "id": "9",
    "code": "SUB-X",
    "description": "Werk derden",
    "operation": "subcontract",
    "amount": "6000.00",
}


@pytest.fixture
def attempt(trainee):
    return AttemptFactory(trainee=trainee)


def events_of(attempt, kind):
    return list(attempt.events.filter(kind=kind).order_by("pk"))


def test_an_approved_precalculation_moves_to_preparation_after_approval(attempt, trainee):
    to_approved(attempt, trainee)
    assert attempt.status == AttemptStatus.APPROVED
    submitted = events_of(attempt, EventKind.CALCULATION_SUBMITTED)[0]
    assert submitted.data["kind"] == "precalc"
    assert submitted.data["version_number"] == 1
    assert submitted.data["total"]
    decision = events_of(attempt, EventKind.PAYER_DECISION)[0]
    assert decision.actor is None
    assert decision.data["outcome"] == "approved"


def test_a_rejected_precalculation_stays_in_preparation_with_the_reasons(attempt, trainee):
    do_intake(attempt, trainee)
    save_lines(attempt, trainee, [line(BUMPER, "replace", line_id="1")])
    wf.attempt_submit_precalc(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.PREPARATION
    decision = events_of(attempt, EventKind.PAYER_DECISION)[0]
    assert decision.data["outcome"] == "rejected"
    assert {r["code"] for r in decision.data["reasons"]} == {"ADAS_CALIBRATION_MISSING"}


def test_submitting_a_stale_draft_is_refused_and_recorded(attempt, trainee):
    do_intake(attempt, trainee)
    seen = save_lines(attempt, trainee, precalc_lines())
    save_lines(
        attempt, trainee, [*precalc_lines(), line(BUMPER, "replace", line_id="2")]
    )  # another tab
    with pytest.raises(wf.MoveRefused, match="intussen elders gewijzigd"):
        wf.attempt_submit_precalc(attempt=attempt, by=trainee, draft_version=seen)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.PREPARATION
    assert not attempt.calculation_versions.exists()
    refusal = attempt.events.order_by("pk").last()
    assert refusal.kind == EventKind.MOVE_REFUSED and refusal.data["move"] == "submit_precalc"


def test_submitting_the_current_draft_version_is_accepted(attempt, trainee):
    do_intake(attempt, trainee)
    save_lines(attempt, trainee, precalc_lines())
    wf.attempt_submit_precalc(attempt=attempt, by=trainee, draft_version=draft_for(attempt).version)
    assert attempt.status == AttemptStatus.APPROVED


def test_an_empty_calculation_cannot_be_submitted(attempt, trainee):
    do_intake(attempt, trainee)
    with pytest.raises(wf.MoveRefused, match="zonder regels"):
        wf.attempt_submit_precalc(attempt=attempt, by=trainee)


def test_above_the_limit_the_expert_comes_and_the_payer_then_approves(attempt, trainee):
    # given a precalculation rejected for want of an expertise
    do_intake(attempt, trainee)
    save_lines(attempt, trainee, [*precalc_lines(), EXPENSIVE])
    wf.attempt_submit_precalc(attempt=attempt, by=trainee)
    assert (
        events_of(attempt, EventKind.PAYER_DECISION)[-1].data["reasons"][0]["code"]
        == "EXPERTISE_REQUIRED"
    )
    # when the trainee requests the expert and the expertise is done
    wf.attempt_request_expert(attempt=attempt, by=trainee, reason="Boven limiet")
    assert attempt.status == AttemptStatus.AWAITING_EXPERTISE
    requested = events_of(attempt, EventKind.EXPERT_REQUESTED)[0]
    assert "casco" in requested.data["sent_by"]
    assert requested.data["expected_date"] == "2026-03-05"
    wf.attempt_receive_expertise(attempt=attempt, by=trainee)
    # then the simulated days passed and the payer approved on the expert's report
    assert attempt.simulated_date == dt.date(2026, 3, 5)
    done = events_of(attempt, EventKind.EXPERTISE_DONE)[0]
    assert done.actor is None and done.data["days"] == 3
    assert events_of(attempt, EventKind.PAYER_DECISION)[-1].data["outcome"] == "approved"
    assert attempt.status == AttemptStatus.APPROVED


def test_under_wa_cover_the_insurer_of_the_party_at_fault_sends_the_expert(trainee):
    attempt = AttemptFactory(
        trainee=trainee,
        case_version=PublishedCaseVersionFactory(payer_rules=payer_rules(cover="wa")),
    )
    do_intake(attempt, trainee)
    attempt.cover = ""
    attempt.save(update_fields=["cover"])
    wf.attempt_request_expert(attempt=attempt, by=trainee)
    assert "tegenpartij" in events_of(attempt, EventKind.EXPERT_REQUESTED)[0].data["sent_by"]


def test_an_expert_requested_before_the_calculation_returns_to_preparation(attempt, trainee):
    do_intake(attempt, trainee)
    wf.attempt_request_expert(attempt=attempt, by=trainee)
    wf.attempt_receive_expertise(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.PREPARATION
    assert attempt.expertise_due_date is None


def test_the_preparation_after_approval_records_its_agreements(attempt, trainee):
    to_approved(attempt, trainee)
    wf.attempt_arrange_replacement_transport(
        attempt=attempt,
        by=trainee,
        kind="replacement_car",
        day_price=Decimal("35"),
        start_date=dt.date(2026, 3, 5),
        end_date=dt.date(2026, 3, 9),
    )
    wf.attempt_arrange_subcontract(
        attempt=attempt,
        by=trainee,
        supplier="Uitlijncentrum",
        description="Uitlijnen",
        quote_amount=Decimal("89"),
    )
    wf.attempt_consult_vsi(attempt=attempt, by=trainee, note="Radar kalibreren")
    transport = events_of(attempt, EventKind.REPLACEMENT_TRANSPORT_ARRANGED)[0].data
    assert transport == {
        "kind": "replacement_car",
        "day_price": "35.00",
        "start_date": "2026-03-05",
        "end_date": "2026-03-09",
    }
    assert events_of(attempt, EventKind.SUBCONTRACT_ARRANGED)[0].data["quote_amount"] == "89.00"
    assert events_of(attempt, EventKind.VSI_CONSULTED)[0].data["topics"] == ["Radar voor"]


def test_a_subcontract_without_a_quote_is_refused(attempt, trainee):
    to_approved(attempt, trainee)
    with pytest.raises(wf.MoveRefused, match="offerte"):
        wf.attempt_arrange_subcontract(
            attempt=attempt, by=trainee, supplier="X", description="Y", quote_amount=Decimal("0")
        )


def test_replacement_transport_ending_before_it_starts_is_refused(attempt, trainee):
    to_approved(attempt, trainee)
    with pytest.raises(wf.MoveRefused, match="einddatum"):
        wf.attempt_arrange_replacement_transport(
            attempt=attempt,
            by=trainee,
            kind="replacement_car",
            day_price=Decimal("35"),
            start_date=dt.date(2026, 3, 9),
            end_date=dt.date(2026, 3, 5),
        )


def test_ordering_parts_uses_the_approved_calculation_and_lead_times_move_the_plan(
    attempt, trainee
):
    to_approved(attempt, trainee)
    wf.attempt_order_parts(attempt=attempt, by=trainee)
    ordered = events_of(attempt, EventKind.PARTS_ORDERED)[0].data
    assert [p["code"] for p in ordered["parts"]] == ["5H0853651"]
    assert ordered["lead_days"] == 2
    assert attempt.parts_expected_date == dt.date(2026, 3, 4)
    with pytest.raises(wf.MoveRefused, match="al besteld"):
        wf.attempt_order_parts(attempt=attempt, by=trainee)


def test_a_used_part_arrives_after_its_own_lead_time(trainee):
    version = PublishedCaseVersionFactory(
        parts_lead_times={"default": 2, "parts": {"5H0853651": 8}, "used": {"5H0853651": 1}},
        payer_rules=payer_rules(used_parts_allowed=True),
    )
    attempt = AttemptFactory(trainee=trainee, case_version=version)
    lines = precalc_lines()
    for item in lines:
        if item["code"] == "5H0853651":
            item["part_source"] = "used"
    to_approved(attempt, trainee, lines)
    wf.attempt_order_parts(attempt=attempt, by=trainee)
    ordered = events_of(attempt, EventKind.PARTS_ORDERED)[0].data
    assert ordered["parts"][0]["part_source"] == "used"
    assert ordered["lead_days"] == 1


def test_the_reception_check_needs_the_vehicle_received_and_new_damage_described(attempt, trainee):
    to_approved(attempt, trainee)
    with pytest.raises(wf.MoveRefused, match="Neem het voertuig eerst in ontvangst"):
        wf.attempt_check_reception(attempt=attempt, by=trainee, new_damage_found=False)
    wf.attempt_receive_vehicle(attempt=attempt, by=trainee, odometer=61250)
    assert attempt.simulated_date == dt.date(2026, 3, 5)  # the planned day
    with pytest.raises(wf.MoveRefused, match="Beschrijf de nieuwe schade"):
        wf.attempt_check_reception(attempt=attempt, by=trainee, new_damage_found=True, notes="")
    wf.attempt_check_reception(
        attempt=attempt, by=trainee, new_damage_found=True, notes="Kras linksachter"
    )
    assert events_of(attempt, EventKind.RECEPTION_CHECK_DONE)[0].data == {
        "new_damage_found": True,
        "notes": "Kras linksachter",
    }


def test_the_replacement_car_is_handed_over_only_when_arranged_and_at_reception(attempt, trainee):
    to_approved(attempt, trainee)
    with pytest.raises(wf.MoveRefused, match="Regel eerst een vervangende auto"):
        wf.attempt_hand_over_replacement_car(attempt=attempt, by=trainee, odometer_out=1200)
    wf.attempt_arrange_replacement_transport(
        attempt=attempt,
        by=trainee,
        kind="replacement_car",
        day_price=Decimal("35"),
        start_date=dt.date(2026, 3, 5),
        end_date=dt.date(2026, 3, 9),
    )
    with pytest.raises(wf.MoveRefused, match="bij ontvangst"):
        wf.attempt_hand_over_replacement_car(attempt=attempt, by=trainee, odometer_out=1200)
    wf.attempt_receive_vehicle(attempt=attempt, by=trainee, odometer=61250)
    wf.attempt_hand_over_replacement_car(
        attempt=attempt, by=trainee, odometer_out=1200, fuel_level="vol"
    )
    data = events_of(attempt, EventKind.REPLACEMENT_CAR_HANDED_OVER)[0].data
    assert data == {
        "odometer_out": 1200,
        "fuel_level": "vol",
        "date": "2026-03-05",
        "day_price": "35.00",
    }


def test_the_repair_starts_only_after_a_complete_preparation(attempt, trainee):
    to_approved(attempt, trainee)
    with pytest.raises(wf.MoveRefused) as refused:
        wf.attempt_start_repair(attempt=attempt, by=trainee)
    for missing in ("werkorder", "onderdelen bestellen", "in ontvangst", "ontvangstcontrole"):
        assert missing in refused.value.message
    prepare_repair(attempt, trainee)
    wf.attempt_start_repair(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.IN_REPAIR
    assert events_of(attempt, EventKind.REPAIR_STARTED)[0].data["start_date"] == "2026-03-05"


def test_slow_parts_push_the_repair_start_to_their_arrival(trainee):
    version = PublishedCaseVersionFactory(parts_lead_times={"default": 10})
    attempt = AttemptFactory(trainee=trainee, case_version=version)
    to_approved(attempt, trainee)
    prepare_repair(attempt, trainee)
    wf.attempt_start_repair(attempt=attempt, by=trainee)
    assert attempt.simulated_date == dt.date(2026, 3, 12)


def test_structural_damage_is_reported_for_a_wok_registration_once(attempt, trainee):
    wf.attempt_report_wok(attempt=attempt, by=trainee, reason="A-stijl vervormd")
    assert events_of(attempt, EventKind.WOK_REPORTED)[0].data == {"reason": "A-stijl vervormd"}
    with pytest.raises(wf.MoveRefused, match="al gedaan"):
        wf.attempt_report_wok(attempt=attempt, by=trainee, reason="nogmaals")


def test_a_labour_only_repair_starts_without_ordering_parts(attempt, trainee):
    # A dent repaired and painted buys nothing: ordering does not apply, and the repair starts
    # once the rest of the preparation is done (it once waited for an order that could not be
    # placed: "Alle onderdelen ... zijn al besteld").
    to_approved(attempt, trainee, [line(WING, "repair", line_id="1", repair_units=12)])
    assert not wf.get_move("order_parts").applies_to(attempt)
    wf.attempt_create_work_order(attempt=attempt, by=trainee, instructions="Voorscherm uitdeuken")
    wf.attempt_receive_vehicle(attempt=attempt, by=trainee, odometer=61250)
    wf.attempt_check_reception(attempt=attempt, by=trainee, new_damage_found=False)
    wf.attempt_start_repair(attempt=attempt, by=trainee)
    assert attempt.status in (AttemptStatus.IN_REPAIR, AttemptStatus.SUPPLEMENT_PENDING)
    assert not events_of(attempt, EventKind.PARTS_ORDERED)


def test_ordering_parts_applies_while_the_approved_calculation_buys_one(attempt, trainee):
    to_approved(attempt, trainee)
    assert wf.get_move("order_parts").applies_to(attempt)
    with pytest.raises(wf.MoveRefused) as refused:
        wf.attempt_start_repair(attempt=attempt, by=trainee)
    assert "onderdelen bestellen" in refused.value.message
