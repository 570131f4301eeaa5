"""The WA claimant's dossier (akte van cessie, tegenexpertise, gebruiksderving,
waardevermindering) and the owner's VAT status found by asking, walked on the two demo cases
that need them, and scored by the assessment's workflow checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

import calcengine
from assessment.workflow_checks import CHECKS
from cases import workflow as wf
from cases.hv_questions import VAT_STATUS, vat_status_answer
from cases.models import AttemptStatus
from cases.selectors import trainee_brief
from cases.timeline import EventKind
from cases.workflow import MoveRefused
from cases.workflow.registry import get_move
from tests.cases.demo_walk import (
    demo_attempt,
    demo_case,
    demo_intake,
    request_expertise,
    submit_reference_precalc,
)
from tests.cases.flow import checks_of, move_api_url
from tests.factories.cases import AttemptFactory

pytestmark = pytest.mark.django_db

WA_SLUG = "clio-wa-claimant-contra-expertise"
VAT_SLUG = "peugeot-208-vat-borderline-total-loss"
WA_CHECKS = (
    "contra_expertise_requested",
    "assignment_before_claim",
    "loss_of_use_computed",
    "loss_of_value_claimed",
)
NEW_CHECKS = ("owner_vat_status_asked", *WA_CHECKS)


# The assignment of claim (akte van cessie) as the customer signs it to the WA insurer.
DEED = {"signed_by": "Fatima El Amrani", "debtor": "Hanzestad Verzekeringen"}


def _intake(attempt, by):
    demo_intake(attempt, by, estimate="1500", repair_days=3, planned_in_days=5)


def _sign(attempt, by, **deed):
    wf.attempt_sign_assignment_of_claim(
        attempt=attempt, by=by, signed_on=attempt.simulated_date, **{**DEED, **deed}
    )


# --- the declarations -------------------------------------------------------------------------


def test_each_new_check_declares_its_profile_items():
    for key in NEW_CHECKS:
        title, work_process, area, knowledge, _trade_offs = CHECKS[key]
        assert title and work_process in ("1.1", "1.3") and area and knowledge


def test_the_wa_moves_do_not_apply_to_a_case_without_a_liability_claim(trainee):
    attempt = AttemptFactory(trainee=trainee)
    for name in ("sign_assignment_of_claim", "claim_loss_of_use", "claim_loss_of_value"):
        assert not get_move(name).applies_to(attempt)
    # The customer's questions (VAT status included) belong to every case.
    assert get_move("ask_customer").applies_to(attempt)
    results = checks_of(attempt)
    for key in NEW_CHECKS:
        assert results[key].applicable is False and results[key].explanation


# --- the owner's VAT status -------------------------------------------------------------------


def _ask_vat_status(attempt, by):
    wf.attempt_ask_customer(attempt=attempt, by=by, question=VAT_STATUS)


def test_the_brief_hides_the_owners_vat_status_until_the_trainee_asks(trainee):
    attempt = demo_attempt(trainee, VAT_SLUG)
    brief = trainee_brief(attempt)
    assert brief["customer"]["vat_status_known"] is False
    assert brief["customer"]["kind"] == "" and brief["customer"]["deducts_vat"] is None
    assert "eenmanszaak" not in str(brief).lower()

    _ask_vat_status(attempt, trainee)

    brief = trainee_brief(attempt)
    assert brief["customer"]["kind"] == "business"
    assert brief["customer"]["deducts_vat"] is True
    event = attempt.events.get(kind=EventKind.CUSTOMER_ASKED)
    assert event.data["question_key"] == VAT_STATUS
    assert "eenmanszaak" in event.data["answer"]


def test_every_case_hides_the_customers_kind_until_asked_and_answers_from_its_customer_block(
    trainee, other_trainee
):
    """No giveaway: a case where the VAT status does not matter shows the same "–" and is asked
    the same way; the general answer follows the case's `customer.kind`/`deducts_vat`."""
    wa = demo_attempt(trainee, WA_SLUG)
    assert trainee_brief(wa)["customer"]["vat_status_known"] is False
    assert trainee_brief(wa)["customer"]["kind"] == ""
    _ask_vat_status(wa, trainee)
    brief = trainee_brief(wa)
    assert brief["customer"]["kind"] == "private" and brief["customer"]["deducts_vat"] is False
    answer = wa.events.get(kind=EventKind.CUSTOMER_ASKED).data["answer"]
    assert answer == vat_status_answer(wa.case_version.customer)
    assert "privé" in answer
    # The check applies only where the VAT status decides the case.
    assert checks_of(wa)["owner_vat_status_asked"].applicable is False
    assert "privé" not in vat_status_answer({"kind": "business", "deducts_vat": True})


def test_the_dossier_page_shows_the_customers_kind_neutrally_until_asked(trainee, client_for):
    attempt = demo_attempt(trainee, VAT_SLUG)
    client = client_for(trainee)
    url = reverse("cases:attempt-detail", kwargs={"pk": attempt.pk})
    html = client.get(url).content.decode()
    assert "btw-positie" not in html
    assert "Soort klant" in html
    _ask_vat_status(attempt, trainee)
    assert "verrekent btw" in client.get(url).content.decode()


def test_asking_the_vat_status_before_the_precalculation_passes_and_after_it_fails(
    trainee, other_trainee
):
    early = demo_attempt(trainee, VAT_SLUG)
    _ask_vat_status(early, trainee)
    _intake(early, trainee)
    submit_reference_precalc(early, trainee)
    assert checks_of(early)["owner_vat_status_asked"].passed is True

    late = demo_attempt(other_trainee, VAT_SLUG)
    _intake(late, other_trainee)
    submit_reference_precalc(late, other_trainee)
    assert checks_of(late)["owner_vat_status_asked"].passed is False
    _ask_vat_status(late, other_trainee)
    result = checks_of(late)["owner_vat_status_asked"]
    assert result.passed is False and "pas nagevraagd" in result.explanation


def test_the_vat_case_is_economic_for_the_sole_trader_and_a_total_loss_for_a_private_owner():
    reference = demo_case(VAT_SLUG)["reference_precalc"]
    assert calcengine.estimate(reference)["total_loss"]["economic_total_loss"] is False
    private = {**reference, "rates": {**reference["rates"], "owner_deducts_vat": False}}
    assert calcengine.estimate(private)["total_loss"]["economic_total_loss"] is True


# --- the WA claim -----------------------------------------------------------------------------


def test_a_contra_expertise_needs_the_experts_report_first(trainee):
    attempt = demo_attempt(trainee, WA_SLUG)
    _intake(attempt, trainee)
    assert attempt.status == AttemptStatus.PREPARATION
    with pytest.raises(MoveRefused, match="rapport van de expert"):
        wf.attempt_request_contra_expertise(
            attempt=attempt, by=trainee, part="Portier", shop_position="replace", reasons="Vouw"
        )
    assert attempt.events.filter(kind=EventKind.MOVE_REFUSED).exists()


def test_the_brief_shows_the_experts_report_then_the_contra_expertise(trainee):
    attempt = demo_attempt(trainee, WA_SLUG)
    facts = attempt.case_version.payer_rules["liability_claim"]
    _intake(attempt, trainee)
    assert trainee_brief(attempt)["liability_claim"] == {
        "expert_report": None,
        "contra_expertise_report": None,
    }
    submit_reference_precalc(attempt, trainee)
    request_expertise(attempt, trainee)
    brief = trainee_brief(attempt)["liability_claim"]
    assert brief["expert_report"] == facts["expert_report"]
    assert brief["contra_expertise_report"] is None

    before = attempt.simulated_date
    wf.attempt_request_contra_expertise(
        attempt=attempt,
        by=trainee,
        part="Portier rechtsachter",
        shop_position="replace",
        reasons="Vouw over de karakterlijn, plaat gerekt",
    )
    brief = trainee_brief(attempt)["liability_claim"]
    assert brief["contra_expertise_report"] == facts["contra_expertise"]["report"]
    assert attempt.simulated_date == before + dt.timedelta(days=facts["contra_expertise"]["days"])
    done = attempt.events.get(kind=EventKind.CONTRA_EXPERTISE_DONE)
    assert done.actor is None and done.data["outcome"] == "replace"


def test_a_wa_claim_walked_well_passes_every_claim_check(trainee):
    attempt = demo_attempt(trainee, WA_SLUG)
    facts = attempt.case_version.payer_rules["liability_claim"]
    _intake(attempt, trainee)
    _sign(attempt, trainee)
    submit_reference_precalc(attempt, trainee)
    request_expertise(attempt, trainee)
    assert attempt.status == AttemptStatus.APPROVED
    wf.attempt_request_contra_expertise(
        attempt=attempt, by=trainee, part="Portier", shop_position="replace", reasons="Vouw"
    )
    norm = facts["loss_of_use"]
    wf.attempt_claim_loss_of_use(
        attempt=attempt, by=trainee, days=norm["days"], day_amount=Decimal(norm["day_amount"])
    )
    wf.attempt_claim_loss_of_value(
        attempt=attempt, by=trainee, amount=Decimal("400.00"), basis="Rapport expert Hanzestad"
    )

    claimed = attempt.events.get(kind=EventKind.LOSS_OF_USE_CLAIMED).data
    assert Decimal(claimed["amount"]) == Decimal(norm["day_amount"]) * norm["days"]
    results = checks_of(attempt)
    for key in WA_CHECKS:
        assert results[key].applicable and results[key].passed, (key, results[key].explanation)


def test_the_loss_of_use_days_are_the_engines_repair_days_of_the_reference():
    case = demo_case(WA_SLUG)
    days = calcengine.estimate(case["reference_final"])["repair_days"]
    assert case["payer_rules"]["liability_claim"]["loss_of_use"]["days"] == days


def test_wa_claim_mistakes_fail_their_checks(trainee):
    attempt = demo_attempt(trainee, WA_SLUG)
    norm = attempt.case_version.payer_rules["liability_claim"]["loss_of_use"]
    _intake(attempt, trainee)
    submit_reference_precalc(attempt, trainee)
    request_expertise(attempt, trainee)
    # Claimed before the cessie, with the calendar week instead of the repair days, a guessed
    # loss of value, and no contra-expertise although the shop disagrees with the expert.
    wf.attempt_claim_loss_of_use(
        attempt=attempt, by=trainee, days=7, day_amount=Decimal(norm["day_amount"])
    )
    wf.attempt_claim_loss_of_value(
        attempt=attempt, by=trainee, amount=Decimal("1000.00"), basis="Eigen schatting"
    )
    _sign(attempt, trainee)
    results = checks_of(attempt)
    for key in WA_CHECKS:
        assert results[key].applicable and not results[key].passed, key
    assert "verwacht" in results["loss_of_use_computed"].explanation


def test_a_contra_expertise_where_the_expert_is_right_is_offered_and_fails(trainee):
    """Offered wherever an expert reported (not only where it is right); where the case gives
    the shop no ground, the contra-expert confirms the expert and the check fails."""
    attempt = demo_attempt(trainee, VAT_SLUG)
    _intake(attempt, trainee)
    move = get_move("request_contra_expertise")
    assert not move.applies_to(attempt)
    submit_reference_precalc(attempt, trainee)
    request_expertise(attempt, trainee)
    assert move.applies_to(attempt)
    assert checks_of(attempt)["contra_expertise_requested"].applicable is False
    wf.attempt_request_contra_expertise(
        attempt=attempt, by=trainee, part="Bumperbalk", shop_position="repair", reasons="Kan"
    )
    done = attempt.events.get(kind=EventKind.CONTRA_EXPERTISE_DONE)
    assert done.data["outcome"] == "confirms_expert"
    result = checks_of(attempt)["contra_expertise_requested"]
    assert result.applicable and result.passed is False
    assert "expert klopt" in result.explanation


def _signed(trainee, **deed):
    attempt = demo_attempt(trainee, WA_SLUG)
    _intake(attempt, trainee)
    _sign(attempt, trainee, **deed)
    return checks_of(attempt)["assignment_before_claim"]


@pytest.mark.parametrize("signer", ["Fatima", "a", "El Amrani", "Fatima El Amrani-Jansen"])
def test_the_assignment_signed_by_part_of_the_name_fails(trainee, signer):
    result = _signed(trainee, signed_by=signer)
    assert result.passed is False and "klant" in result.explanation


def test_the_assignment_signed_in_full_name_passes_whatever_the_case_and_spacing(trainee):
    result = _signed(trainee, signed_by=" fatima  el amrani ")
    assert result.passed is True, result.explanation


@pytest.mark.parametrize(
    "debtor", ["Lindeboom Verzekeringen", "Mevrouw El Amrani", "Verzekeringen", ""]
)
def test_the_assignment_naming_another_debtor_than_the_wa_insurer_fails(trainee, debtor):
    if not debtor:
        with pytest.raises(MoveRefused):
            _signed(trainee, debtor=debtor)
        return
    result = _signed(trainee, debtor=debtor)
    assert result.passed is False and "schuldenaar" in result.explanation


def test_the_assignment_signed_by_someone_else_than_the_customer_fails(trainee):
    result = _signed(trainee, signed_by="Bestuurder bestelauto")
    assert result.passed is False and "klant" in result.explanation


def test_the_assignment_is_signed_once(trainee):
    attempt = demo_attempt(trainee, WA_SLUG)
    _intake(attempt, trainee)
    _sign(attempt, trainee)
    with pytest.raises(MoveRefused, match="al getekend"):
        _sign(attempt, trainee)


def test_a_claim_before_approval_is_refused(trainee):
    attempt = demo_attempt(trainee, WA_SLUG)
    _intake(attempt, trainee)
    with pytest.raises(MoveRefused):
        wf.attempt_claim_loss_of_use(
            attempt=attempt, by=trainee, days=3, day_amount=Decimal("17.00")
        )


# --- who may make the moves (the generic move page and API) -----------------------------------


def _move_page(attempt, move):
    return reverse("cases:attempt-move", kwargs={"pk": attempt.pk, "move": move})


CESSIE = {**DEED, "signed_on": "2026-03-09"}


def test_the_trainee_signs_the_assignment_through_the_api_and_the_page(trainee, client_for):
    attempt = demo_attempt(trainee, WA_SLUG)
    client = client_for(trainee)
    response = client.post(
        move_api_url(attempt, "sign_assignment_of_claim"), CESSIE, "application/json"
    )
    assert response.status_code == 200, response.content
    assert attempt.events.filter(kind=EventKind.ASSIGNMENT_OF_CLAIM_SIGNED).count() == 1
    # A bad date is a field error with its path, nothing recorded.
    bad = client.post(
        move_api_url(attempt, "sign_assignment_of_claim"),
        {**CESSIE, "signed_on": "9 maart"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "signed_on" in bad.content.decode()
    assert attempt.events.filter(kind=EventKind.ASSIGNMENT_OF_CLAIM_SIGNED).count() == 1


def test_the_dossier_page_offers_the_wa_moves_only_on_a_wa_claim(trainee, client_for):
    attempt = demo_attempt(trainee, WA_SLUG)
    html = client_for(trainee).get(reverse("cases:attempt-detail", kwargs={"pk": attempt.pk}))
    assert "Akte van cessie laten tekenen" in html.content.decode()
    other = AttemptFactory(trainee=trainee)
    html = client_for(trainee).get(reverse("cases:attempt-detail", kwargs={"pk": other.pk}))
    assert "Akte van cessie laten tekenen" not in html.content.decode()


@pytest.mark.parametrize("who", ["other_trainee", "outsider_assessor", "assessor", "admin_user"])
def test_no_one_but_the_trainee_makes_the_wa_moves(trainee, cohort, client_for, request, who):
    attempt = demo_attempt(trainee, WA_SLUG)
    attempt.cohort = cohort
    attempt.save()
    client = client_for(request.getfixturevalue(who))
    for move, body in (
        ("sign_assignment_of_claim", CESSIE),
        ("claim_loss_of_value", {"amount": "400", "basis": "x"}),
        ("ask_customer", {"question": VAT_STATUS}),
    ):
        response = client.post(move_api_url(attempt, move), body, content_type="application/json")
        assert response.status_code == 404, (move, response.status_code)
        prefixed = {f"{move}-{key}": value for key, value in body.items()}
        assert client.post(_move_page(attempt, move), prefixed).status_code == 404
    assert not attempt.events.exists()


def test_the_api_brief_hides_the_claim_amounts_and_the_vat_status(trainee, client_for):
    attempt = demo_attempt(trainee, WA_SLUG)
    body = (
        client_for(trainee)
        .get(reverse("api:cases_api:attempt-detail", kwargs={"pk": attempt.pk}))
        .content.decode()
    )
    for secret in (
        "disputed_part",
        "day_amount",
        'loss_of_value"',
        "NIVRE-geregistreerd",
        "Hanzestad wil",
    ):
        assert secret not in body, secret
    vat = demo_attempt(trainee, VAT_SLUG)
    body = (
        client_for(trainee)
        .get(reverse("api:cases_api:attempt-detail", kwargs={"pk": vat.pk}))
        .content.decode()
    )
    assert "eenmanszaak" not in body.lower()
