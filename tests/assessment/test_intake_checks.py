"""The intake judgements' workflow checks (issue 16 item 4), each both ways: HV facts found at
their source, the HV release before the repair, the first estimate's band and the expert asked
for the case's reason."""

from decimal import Decimal

import pytest

import calcengine
from assessment.intake_estimate import BAND_PERCENT, estimate_band
from assessment.workflow_checks import CHECKS
from cases.expert_reasons import case_expert_reasons
from cases.timeline import EventKind
from tests.assessment.timeline_fakes import check, ev, fake_case
from tests.factories.cases import (
    RATE_SET_ID,
    hv_fact_sources,
    hv_facts,
    payer_rules,
    reference_precalc,
)

# Found at their sources: the customer's answers and the dashboard photo.
FACTS = hv_facts(airbags_fired=True, warning_lights=True)
SOURCES = hv_fact_sources(warning_lights={"photo": "dashboard.png"})


def case(**overrides):
    return fake_case(
        **{
            "expected_hv_judgement": "quarantine",
            "hv_facts": dict(FACTS),
            "hv_fact_sources": dict(SOURCES),
            **overrides,
        }
    )


def asked(key):
    return ev(EventKind.CUSTOMER_ASKED, question_key=key, question="?", answer="…")


def fact(name, present, **source):
    return ev(EventKind.HV_FACT_RECORDED, fact=name, present=present, source=source)


JUDGED = ev(EventKind.HV_JUDGEMENT_RECORDED, judgement="quarantine")
FOUND = [
    asked("airbags"),
    asked("underbody_hit"),
    asked("smell_or_smoke"),
    fact("airbags_fired", True, question="airbags"),
    fact("battery_housing_damaged", False, question="underbody_hit"),
    fact("warning_lights", True, photo="dashboard.png"),
    fact("smell_or_heat", False, question="smell_or_smoke"),
]


def test_the_new_checks_declare_their_profile_items():
    for key in ("hv_facts_found", "hv_release_before_repair", "first_estimate_band"):
        _title, process, area, knowledge, _trade_offs = CHECKS[key]
        assert process in {"1.1", "1.2"} and area and knowledge


def test_every_fact_found_at_its_source_before_the_judgement_passes():
    result = check("hv_facts_found", case(), [*FOUND, JUDGED])
    assert result.applicable and result.passed


def test_a_missed_fact_fails_and_is_named():
    result = check("hv_facts_found", case(), [*FOUND[:3], *FOUND[4:], JUDGED])
    assert not result.passed and "airbags afgegaan" in result.explanation


def test_a_wrong_value_fails():
    wrong = [*FOUND[:5], fact("warning_lights", False, photo="dashboard.png"), FOUND[6], JUDGED]
    result = check("hv_facts_found", case(), wrong)
    assert not result.passed and "verkeerd" in result.explanation


def test_a_fact_guessed_from_the_wrong_source_fails():
    # the warning lights are on the dashboard photo; the customer "did not notice"
    guessed = [
        *FOUND[:5],
        asked("warning_lights"),
        fact("warning_lights", True, question="warning_lights"),
    ]
    result = check("hv_facts_found", case(), [*guessed, FOUND[6], JUDGED])
    assert not result.passed and "niet gevonden waar" in result.explanation


def test_a_question_cited_but_never_asked_fails():
    unasked = [FOUND[0], FOUND[1], *FOUND[3:], JUDGED]  # smell_or_smoke never asked
    assert not check("hv_facts_found", case(), unasked).passed


def test_facts_recorded_after_the_judgement_do_not_count():
    assert not check("hv_facts_found", case(), [JUDGED, *FOUND]).passed


def test_no_hv_vehicle_no_facts_check():
    result = check("hv_facts_found", case(hv_facts=None, expected_hv_judgement=None), [])
    assert not result.applicable


def test_the_wrong_verdict_fails_the_judgement():
    safe = ev(EventKind.HV_JUDGEMENT_RECORDED, judgement="safe")
    assert not check("hv_judgement", case(), [*FOUND, safe]).passed


RELEASED = ev(EventKind.HV_RELEASED, released_by="A", role="hv_expert")
STARTED = ev(EventKind.REPAIR_STARTED)


def test_the_repair_after_the_release_passes():
    assert check("hv_release_before_repair", case(), [JUDGED, RELEASED, STARTED]).passed


def test_a_repair_without_the_release_fails():
    # judged "safe" wrongly: nothing stopped the repair, the check does
    safe = ev(EventKind.HV_JUDGEMENT_RECORDED, judgement="safe")
    result = check("hv_release_before_repair", case(), [safe, STARTED])
    assert result.applicable and not result.passed


def test_a_refused_repair_start_before_the_release_fails():
    refused = ev(EventKind.MOVE_REFUSED, refused=True, move="start_repair")
    result = check("hv_release_before_repair", case(), [JUDGED, refused, RELEASED, STARTED])
    assert not result.passed


def test_no_quarantine_no_release_check():
    safe_case = case(expected_hv_judgement="safe")
    safe = ev(EventKind.HV_JUDGEMENT_RECORDED, judgement="safe")
    assert not check("hv_release_before_repair", safe_case, [safe, STARTED]).applicable


REFERENCE = reference_precalc()
FIGURE = Decimal(calcengine.estimate(REFERENCE)["total_incl_vat"])


def estimate(amount):
    return ev(EventKind.FIRST_ESTIMATE_RECORDED, amount=str(amount), repair_days=2)


def band_case():
    return case(hv_facts=None, expected_hv_judgement=None, reference_precalc=REFERENCE)


def test_the_band_is_computed_by_the_engine_from_the_reference():
    band = estimate_band(band_case())
    assert band.reference == FIGURE
    assert band.low == (FIGURE * (100 - BAND_PERCENT) / 100).quantize(Decimal("0.01"))


@pytest.mark.parametrize("factor", ["1", "0.86", "1.14", "0.85", "1.15"])
def test_an_estimate_inside_the_band_passes(factor):
    amount = (FIGURE * Decimal(factor)).quantize(Decimal("0.01"))
    result = check("first_estimate_band", band_case(), [estimate(amount)])
    assert result.applicable and result.passed, result.explanation


@pytest.mark.parametrize(("factor", "word"), [("0.80", "te laag"), ("1.20", "te hoog")])
def test_an_estimate_outside_the_band_fails(factor, word):
    amount = (FIGURE * Decimal(factor)).quantize(Decimal("0.01"))
    result = check("first_estimate_band", band_case(), [estimate(amount)])
    assert not result.passed and word in result.explanation


def test_the_last_estimate_at_intake_counts_and_none_fails():
    assert check("first_estimate_band", band_case(), [estimate(1), estimate(FIGURE)]).passed
    assert not check("first_estimate_band", band_case(), []).passed


def expert_case(**overrides):
    values = {
        "hv_facts": None,
        "expected_hv_judgement": None,
        "rate_set_id": RATE_SET_ID,
        "payer_rules": payer_rules(),
        "reference_precalc": REFERENCE,
        "expert_reasons": ["structural_damage"],
        "expected_decisions": {"expert_required": True},
    }
    values.update(overrides)
    return case(**values)


def requested(code):
    return ev(EventKind.EXPERT_REQUESTED, reason_code=code)


def test_the_expert_asked_for_the_cases_reason_passes():
    result = check("expert_requested", expert_case(), [requested("structural_damage")])
    assert result.passed


def test_the_expert_asked_for_a_wrong_reason_fails():
    result = check("expert_requested", expert_case(), [requested("amount_over_limit")])
    assert not result.passed and "constructieve schade" in result.explanation


def test_the_expert_not_asked_fails_and_asked_without_need_fails():
    assert not check("expert_requested", expert_case(), []).passed
    no_need = expert_case(expert_reasons=[], expected_decisions={"expert_required": False})
    assert not check("expert_requested", no_need, [requested("structural_damage")]).passed


def test_the_policys_demand_is_derived_from_the_payer_not_written_in_the_case():
    demanding = expert_case(payer_rules=payer_rules(expert_required=True), expert_reasons=[])
    assert case_expert_reasons(demanding) == ("policy_requires",)
    assert check("expert_requested", demanding, [requested("policy_requires")]).passed
    assert not check("expert_requested", demanding, [requested("total_loss")]).passed


def test_the_amount_reason_follows_the_payers_threshold():
    low = expert_case(payer_rules=payer_rules(expert_required_above="100.00"), expert_reasons=[])
    high = expert_case(payer_rules=payer_rules(expert_required_above="99999.00"), expert_reasons=[])
    assert case_expert_reasons(low) == ("amount_over_limit",)
    assert case_expert_reasons(high) == ()
    assert check("expert_requested", low, [requested("amount_over_limit")]).passed


def test_authored_reasons_are_the_reasons_and_derived_ones_count_only_without_them():
    """Review #16 finding 9: on a case that authors a reason (a borderline total loss), "the
    paying party always demands an expert" does not pass, though the policy does demand one."""
    both = expert_case(
        payer_rules=payer_rules(expert_required=True, expert_required_above="100.00"),
        expert_reasons=["total_loss"],
    )
    assert case_expert_reasons(both) == ("total_loss",)
    for derived in ("policy_requires", "amount_over_limit"):
        result = check("expert_requested", both, [requested(derived)])
        assert not result.passed and "total loss" in result.explanation, derived
    assert check("expert_requested", both, [requested("total_loss")]).passed
