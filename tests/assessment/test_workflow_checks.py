"""Workflow checks read from the dossier timeline: each passes and fails on its own rule."""

import pytest

from assessment.workflow_checks import run_checks
from cases.timeline import EventKind
from tests.assessment.timeline_fakes import check, ev, fake_case

CHECKLIST = ["Lakkleur gecontroleerd", "Sensoren getest"]


def case(**overrides):
    return fake_case(**{"delivery_checklist": list(CHECKLIST), **overrides})


APPROVED = ev(EventKind.PAYER_DECISION, outcome="approved")


def test_every_check_names_its_work_process_and_competence_area():
    for result in run_checks(case(), []):
        assert result.work_process in {"1.1", "1.2", "1.3", "1.4"}
        assert result.competence_area


def test_expert_requested_when_the_case_requires_it_passes():
    result = check(
        "expert_requested",
        case(expected_decisions={"expert_required": True}),
        [ev(EventKind.EXPERT_REQUESTED)],
    )
    assert result.applicable and result.passed


def test_no_expert_requested_when_the_case_requires_it_fails():
    result = check("expert_requested", case(expected_decisions={"expert_required": True}), [])
    assert result.applicable and not result.passed


def test_expert_requested_when_the_case_does_not_need_one_fails():
    result = check("expert_requested", case(), [ev(EventKind.EXPERT_REQUESTED)])
    assert not result.passed


def test_payer_rules_say_whether_an_expert_is_required_when_the_decisions_do_not():
    result = check(
        "expert_requested", case(expected_decisions={}, payer_rules={"expert_required": True}), []
    )
    assert not result.passed


def test_parts_ordered_after_approval_passes():
    result = check(
        "no_order_before_approval",
        case(),
        [APPROVED, ev(EventKind.PARTS_ORDERED), ev(EventKind.REPAIR_STARTED)],
    )
    assert result.passed


@pytest.mark.parametrize(
    "kind", [EventKind.PARTS_ORDERED, EventKind.REPAIR_STARTED, EventKind.SUBCONTRACT_ARRANGED]
)
def test_ordering_or_repairing_before_approval_fails(kind):
    result = check("no_order_before_approval", case(), [ev(kind), APPROVED])
    assert not result.passed


def test_a_refused_attempt_to_order_before_approval_still_fails():
    result = check(
        "no_order_before_approval",
        case(),
        [ev(EventKind.MOVE_REFUSED, refused=True, move="order_parts"), APPROVED],
    )
    assert not result.passed


def test_a_rejection_is_not_an_approval():
    result = check(
        "no_order_before_approval",
        case(),
        [ev(EventKind.PAYER_DECISION, outcome="rejected"), ev(EventKind.PARTS_ORDERED)],
    )
    assert not result.passed


def test_hv_judgement_does_not_apply_to_a_combustion_car():
    result = check("hv_judgement", case(), [])
    assert not result.applicable and result.passed


def test_hv_judgement_matching_the_case_passes():
    result = check(
        "hv_judgement",
        case(expected_hv_judgement="quarantine"),
        [ev(EventKind.HV_JUDGEMENT_RECORDED, judgement="quarantine")],
    )
    assert result.passed


def test_hv_judgement_different_from_the_case_fails():
    result = check(
        "hv_judgement",
        case(expected_hv_judgement="quarantine"),
        [ev(EventKind.HV_JUDGEMENT_RECORDED, judgement="safe")],
    )
    assert not result.passed


def test_missing_hv_judgement_on_an_hv_vehicle_fails():
    assert not check("hv_judgement", case(expected_hv_judgement="safe"), []).passed


def test_reception_check_before_repair_passes():
    result = check(
        "reception_check",
        case(),
        [
            ev(EventKind.VEHICLE_RECEIVED),
            ev(EventKind.RECEPTION_CHECK_DONE),
            ev(EventKind.REPAIR_STARTED),
        ],
    )
    assert result.passed


def test_repair_started_without_reception_check_fails():
    result = check(
        "reception_check", case(), [ev(EventKind.VEHICLE_RECEIVED), ev(EventKind.REPAIR_STARTED)]
    )
    assert result.applicable and not result.passed


def test_reception_check_after_the_repair_started_fails():
    result = check(
        "reception_check",
        case(),
        [
            ev(EventKind.VEHICLE_RECEIVED),
            ev(EventKind.REPAIR_STARTED),
            ev(EventKind.RECEPTION_CHECK_DONE),
        ],
    )
    assert not result.passed


def test_customer_informed_after_hidden_damage_passes():
    events = [
        ev(EventKind.HIDDEN_DAMAGE_REVEALED),
        ev(EventKind.CUSTOMER_INFORMED, topic="change"),
        ev(EventKind.VEHICLE_DELIVERED),
    ]
    assert check("customer_informed_hidden_damage", case(), events).passed


def test_customer_informed_only_before_the_hidden_damage_fails():
    events = [
        ev(EventKind.CUSTOMER_INFORMED),
        ev(EventKind.HIDDEN_DAMAGE_REVEALED),
        ev(EventKind.VEHICLE_DELIVERED),
    ]
    assert not check("customer_informed_hidden_damage", case(), events).passed


def test_customer_check_does_not_apply_without_hidden_damage():
    assert not check("customer_informed_hidden_damage", case(), []).applicable


def test_supplement_before_final_passes():
    events = [
        ev(EventKind.HIDDEN_DAMAGE_REVEALED),
        ev(EventKind.SUPPLEMENT_SUBMITTED),
        ev(EventKind.FINAL_CALCULATION_SUBMITTED),
    ]
    assert check("supplement_before_final", case(), events).passed


def test_final_before_supplement_fails():
    events = [
        ev(EventKind.HIDDEN_DAMAGE_REVEALED),
        ev(EventKind.FINAL_CALCULATION_SUBMITTED),
        ev(EventKind.LATE_SUPPLEMENT_SUBMITTED),
    ]
    assert not check("supplement_before_final", case(), events).passed


def test_supplement_submitted_as_calculation_kind_counts():
    events = [
        ev(EventKind.HIDDEN_DAMAGE_REVEALED),
        ev(EventKind.CALCULATION_SUBMITTED, kind="supplement"),
        ev(EventKind.CALCULATION_SUBMITTED, kind="final"),
    ]
    assert check("supplement_before_final", case(), events).passed


def test_complete_delivery_checklist_passes():
    events = [
        ev(EventKind.FINAL_INSPECTION_DONE, checklist=dict.fromkeys(CHECKLIST, True)),
        ev(EventKind.VEHICLE_DELIVERED),
    ]
    assert check("delivery_checklist", case(), events).passed


def test_checklist_as_the_dossier_records_it_is_read():
    answers = [{"item": CHECKLIST[0], "ok": True}, {"item": CHECKLIST[1], "ok": False}]
    events = [
        ev(EventKind.FINAL_INSPECTION_DONE, checklist=answers),
        ev(EventKind.VEHICLE_DELIVERED),
    ]
    result = check("delivery_checklist", case(), events)
    assert not result.passed and CHECKLIST[1] in result.explanation
    answers[1]["ok"] = True
    assert check("delivery_checklist", case(), events).passed


def test_incomplete_delivery_checklist_fails_and_names_the_open_item():
    events = [
        ev(EventKind.FINAL_INSPECTION_DONE, checklist={CHECKLIST[0]: True}),
        ev(EventKind.VEHICLE_DELIVERED),
    ]
    result = check("delivery_checklist", case(), events)
    assert not result.passed and CHECKLIST[1] in result.explanation


def test_delivery_without_final_inspection_fails():
    assert not check("delivery_checklist", case(), [ev(EventKind.VEHICLE_DELIVERED)]).passed


def test_delivery_checklist_does_not_apply_to_a_total_loss():
    assert not check("delivery_checklist", case(), [ev(EventKind.TOTAL_LOSS_ADVISED)]).applicable
