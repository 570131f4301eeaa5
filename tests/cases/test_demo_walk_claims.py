"""A trainee walks the two claim cases from intake to delivery on the reference lines: the VAT
case (asks the owner's VAT status through the customer-question catalogue, gives the case's
own reason for the expert; the expert confirms: repair) and the WA claimant (cessie,
expertise, contra-expertise, loss of use and of value), and the assessment's checks of the
dossier pass."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cases import workflow as wf
from cases.hv_questions import VAT_STATUS
from cases.models import AttemptStatus
from cases.timeline import EventKind
from tests.cases.demo_walk import (
    demo_attempt,
    demo_case,
    demo_intake,
    request_expertise,
    save_reference,
    start_demo_repair,
    submit_reference_precalc,
)
from tests.cases.flow import checks_of

pytestmark = pytest.mark.django_db

VAT = "peugeot-208-vat-borderline-total-loss"
WA = "clio-wa-claimant-contra-expertise"


def _intake(attempt, by):
    demo_intake(attempt, by, estimate="2000", repair_days=4, planned_in_days=4)


def _precalc_with_expertise(attempt, by, reason_code=""):
    submit_reference_precalc(attempt, by)
    # The policy always sends an expert: the pre-calculation waits for the report.
    assert attempt.status == AttemptStatus.PREPARATION
    request_expertise(attempt, by, reason_code)
    assert attempt.status == AttemptStatus.APPROVED


def _repair_and_deliver(attempt, by, data):
    start_demo_repair(attempt, by)
    assert attempt.status == AttemptStatus.IN_REPAIR  # no hidden damage in these cases
    save_reference(attempt, by, "reference_final")
    wf.attempt_submit_final(attempt=attempt, by=by)
    assert attempt.status == AttemptStatus.FINAL_SUBMITTED
    wf.attempt_final_inspection(attempt=attempt, by=by, items=data["delivery_checklist"])
    wf.attempt_deliver_vehicle(
        attempt=attempt,
        by=by,
        explanation="Herstel volgens de calculatie, nagelopen bij daglicht",
        answers=[q["good_answer"] for q in data["customer"]["last_questions"]],
    )
    assert attempt.status == AttemptStatus.DELIVERED


def _failed(attempt, keys):
    results = checks_of(attempt)
    return {key: results[key].explanation for key in keys if not results[key].passed}


def test_the_vat_case_is_walked_to_delivery_after_asking_the_owners_vat_status(trainee):
    data = demo_case(VAT)
    attempt = demo_attempt(trainee, VAT)
    wf.attempt_ask_customer(attempt=attempt, by=trainee, question=VAT_STATUS)
    _intake(attempt, trainee)
    # The case authors its reason (a borderline total loss): the trainee recognises it.
    _precalc_with_expertise(attempt, trainee, reason_code="total_loss")
    # The engine's verdict for the sole trader: no total loss, so the payer approves.
    decision = attempt.events.filter(kind=EventKind.PAYER_DECISION).last()
    assert decision.data["outcome"] in ("approved", "approved_with_corrections")
    _repair_and_deliver(attempt, trainee, data)
    assert (
        _failed(attempt, ["owner_vat_status_asked", "expert_requested", "no_order_before_approval"])
        == {}
    )


def test_the_vat_case_with_the_policys_demand_as_the_experts_reason_fails(trainee):
    """The policy does demand an expert here, but the case authors its reason (a borderline
    total loss): "de betalende partij eist altijd een expertise" does not recognise it."""
    attempt = demo_attempt(trainee, VAT)
    _intake(attempt, trainee)
    _precalc_with_expertise(attempt, trainee, reason_code="policy_requires")
    failed = _failed(attempt, ["expert_requested"])
    assert "expert_requested" in failed and "total loss" in failed["expert_requested"]


def test_the_wa_claim_is_walked_to_delivery_with_a_complete_claim_dossier(trainee):
    data = demo_case(WA)
    claim = data["payer_rules"]["liability_claim"]
    attempt = demo_attempt(trainee, WA)
    _intake(attempt, trainee)
    wf.attempt_sign_assignment_of_claim(
        attempt=attempt,
        by=trainee,
        signed_by=data["customer"]["name"],
        signed_on=attempt.simulated_date,
        debtor=data["payer_name"],
    )
    _precalc_with_expertise(attempt, trainee)
    wf.attempt_request_contra_expertise(
        attempt=attempt,
        by=trainee,
        part="Portier rechtsachter",
        shop_position="replace",
        reasons="Vouw dwars over de karakterlijn, plaat gerekt",
    )
    wf.attempt_claim_loss_of_use(
        attempt=attempt,
        by=trainee,
        days=claim["loss_of_use"]["days"],
        day_amount=Decimal(claim["loss_of_use"]["day_amount"]),
    )
    wf.attempt_claim_loss_of_value(
        attempt=attempt,
        by=trainee,
        amount=Decimal(claim["loss_of_value"]),
        basis="Rapport expert Hanzestad",
    )
    _repair_and_deliver(attempt, trainee, data)
    assert (
        _failed(
            attempt,
            [
                "contra_expertise_requested",
                "assignment_before_claim",
                "loss_of_use_computed",
                "loss_of_value_claimed",
                "no_order_before_approval",
            ],
        )
        == {}
    )
