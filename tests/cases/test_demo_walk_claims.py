"""A trainee walks the two claim cases from intake to delivery on the reference lines: the VAT
case (asks the owner's VAT status through the customer-question catalogue, gives the case's
own reason for the expert; the expert confirms: repair) and the WA claimant (cessie,
expertise, contra-expertise, loss of use and of value), and the assessment's checks of the
dossier pass."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from assessment.workflow_checks import run_checks
from cases import demo
from cases import workflow as wf
from cases.hv_questions import VAT_STATUS
from cases.models import AttemptStatus, CaseVersion
from cases.timeline import EventKind
from tests.cases.flow import save_lines
from tests.factories.cases import AttemptFactory, CaseFactory, PublishedCaseVersionFactory

pytestmark = pytest.mark.django_db

VAT = "peugeot-208-vat-borderline-total-loss"
WA = "clio-wa-claimant-contra-expertise"


def _case(slug):
    return next(case for case in demo.demo_cases() if case["slug"] == slug)


def _attempt(trainee, slug):
    data = _case(slug)
    version = CaseVersion.objects.filter(case__slug=slug).first()
    if version is None:
        version = PublishedCaseVersionFactory(
            case=CaseFactory(slug=data["slug"], title=data["title"]), **demo.version_fields(data)
        )
    return AttemptFactory(trainee=trainee, case_version=version)


def _lines(reference):
    return [{k: v for k, v in line.items() if k != "assess"} for line in reference["lines"]]


def _intake(attempt, by, data):
    wf.attempt_create_dossier(
        attempt=attempt,
        by=by,
        customer_name=data["customer"]["name"],
        license_plate=data["license_plate"],
        insurer=data["payer_name"],
        policy_number=data["customer"]["policy_number"],
        cover=data["payer_rules"]["cover"],
    )
    wf.attempt_record_damage(
        attempt=attempt, by=by, zones=data["expected_damage_zones"], description="Schade"
    )
    wf.attempt_record_first_estimate(attempt=attempt, by=by, amount=Decimal("2000"), repair_days=4)
    wf.attempt_receive_repair_order(
        attempt=attempt, by=by, planned_date=attempt.simulated_date + dt.timedelta(days=4)
    )


def _precalc_with_expertise(attempt, by, reason_code=""):
    save_lines(attempt, by, _lines(attempt.case_version.reference_precalc))
    wf.attempt_submit_precalc(attempt=attempt, by=by)
    # The policy always sends an expert: the pre-calculation waits for the report.
    assert attempt.status == AttemptStatus.PREPARATION
    wf.attempt_request_expert(attempt=attempt, by=by, reason="Verplicht", reason_code=reason_code)
    wf.attempt_receive_expertise(attempt=attempt, by=by)
    assert attempt.status == AttemptStatus.APPROVED


def _repair_and_deliver(attempt, by, data):
    wf.attempt_create_work_order(attempt=attempt, by=by, instructions="Volgens calculatie")
    wf.attempt_order_parts(attempt=attempt, by=by)
    wf.attempt_receive_vehicle(attempt=attempt, by=by, odometer=data["mileage_km"] + 12)
    wf.attempt_check_reception(attempt=attempt, by=by, new_damage_found=False)
    wf.attempt_start_repair(attempt=attempt, by=by)
    assert attempt.status == AttemptStatus.IN_REPAIR  # no hidden damage in these cases
    save_lines(attempt, by, _lines(attempt.case_version.reference_final))
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
    events = list(attempt.events.order_by("pk"))
    results = {r.key: r for r in run_checks(attempt.case_version, events)}
    return {key: results[key].explanation for key in keys if not results[key].passed}


def test_the_vat_case_is_walked_to_delivery_after_asking_the_owners_vat_status(trainee):
    data = _case(VAT)
    attempt = _attempt(trainee, VAT)
    wf.attempt_ask_customer(attempt=attempt, by=trainee, question=VAT_STATUS)
    _intake(attempt, trainee, data)
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
    attempt = _attempt(trainee, VAT)
    _intake(attempt, trainee, _case(VAT))
    _precalc_with_expertise(attempt, trainee, reason_code="policy_requires")
    failed = _failed(attempt, ["expert_requested"])
    assert "expert_requested" in failed and "total loss" in failed["expert_requested"]


def test_the_wa_claim_is_walked_to_delivery_with_a_complete_claim_dossier(trainee):
    data = _case(WA)
    claim = data["payer_rules"]["liability_claim"]
    attempt = _attempt(trainee, WA)
    _intake(attempt, trainee, data)
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
