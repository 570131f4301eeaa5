"""The simulated paying party: approve, approve with corrections, reject — for each rule.

Every test computes a real estimate with calcengine, so the rules are checked against what the
paying party would really see.
"""

import datetime as dt
from decimal import Decimal

import calcengine
from calcengine.catalogue import get_rate_set, prefill_line, vehicle_block
from cases import payer
from tests.factories.cases import (
    BUMPER,
    BUMPER_BEAM,
    GRILLE,
    RATE_SET_ID,
    calibration,
    golf_rates,
    golf_vehicle,
    line,
    payer_rules,
)

ON = dt.date(2026, 3, 2)


def calc(lines, vehicle=None, rates=None):
    data = {
        "spec": "schadecalc/1",
        "vehicle": vehicle or golf_vehicle(),
        "rates": rates or golf_rates(),
        "lines": lines,
    }
    return data, calcengine.estimate(data)


class _Version:
    """A case version as `payer.rules_for` reads it: the rate set plus the case's own rules."""

    def __init__(self, case_rules, rate_set_id=RATE_SET_ID):
        self.rate_set_id = rate_set_id
        self.payer_rules = case_rules


def decide(data, output, *, kind="precalc", rules=None, expertise_done=False, invoice=None, on=ON):
    case_rules = rules or payer_rules()
    return payer.decide(
        kind=kind,
        calc_input=data,
        output=output,
        rules=payer.rules_for(_Version(case_rules)),
        case_rules=case_rules,
        agreed_rates=golf_rates(),
        expertise_done=expertise_done,
        on=on,
        parts_invoice=invoice,
    )


def codes(findings):
    return [f.code for f in findings]


def test_a_small_correct_calculation_is_approved():
    decision = decide(*calc([line(GRILLE, "replace", line_id="1")]))
    assert decision.outcome == payer.Outcome.APPROVED
    assert decision.reasons == () and decision.corrections == ()


def test_rates_other_than_the_agreed_ones_are_rejected():
    rates = golf_rates()
    rates["labour"]["body"] = "99.00"
    decision = decide(*calc([line(GRILLE, "replace", line_id="1")], rates=rates))
    assert decision.outcome == payer.Outcome.REJECTED
    assert codes(decision.reasons) == ["RATES_NOT_AGREED"]


def test_the_same_rates_written_differently_are_still_the_agreed_ones():
    rates = golf_rates()
    rates["labour"]["body"] = rates["labour"]["body"] + "0"  # "72.50" -> "72.500"
    decision = decide(*calc([line(GRILLE, "replace", line_id="1")], rates=rates))
    assert decision.outcome == payer.Outcome.APPROVED


def test_above_the_limit_without_expertise_is_rejected_and_approved_after_expertise():
    # given a calculation above the rate set's expert limit (€ 5.000 excl. VAT)
    data, output = calc(
        [
            line(GRILLE, "replace", line_id="1"),
            {
                "id": "2",
                "code": "SUB-X",
                "description": "Werk derden",
                "operation": "subcontract",
                "amount": "6000.00",
            },
        ]
    )
    assert Decimal(output["subtotal_excl_vat"]) > Decimal("5000")
    # when / then
    rejected = decide(data, output)
    assert rejected.outcome == payer.Outcome.REJECTED
    assert codes(rejected.reasons) == ["EXPERTISE_REQUIRED"]
    assert "Boven de goedkeuringslimiet" in rejected.reasons[0].message
    assert "€ 5.000,00" in rejected.reasons[0].message
    assert decide(data, output, expertise_done=True).outcome == payer.Outcome.APPROVED


def test_a_payer_that_always_wants_an_expert_rejects_without_expertise():
    data, output = calc([line(GRILLE, "replace", line_id="1")])
    decision = decide(data, output, rules=payer_rules(expert_required=True))
    assert codes(decision.reasons) == ["EXPERTISE_REQUIRED"]


def test_a_missing_adas_calibration_is_rejected_and_the_calibrated_one_approved():
    bumper = line(BUMPER, "replace", line_id="1")
    rejected = decide(*calc([bumper]))
    assert rejected.outcome == payer.Outcome.REJECTED
    assert set(codes(rejected.reasons)) == {"ADAS_CALIBRATION_MISSING"}
    assert "Kalibratie" in rejected.reasons[0].message
    calibrated = [
        bumper,
        calibration("park_sensors", line_id="2"),
        calibration("front_radar", line_id="3"),
    ]
    assert decide(*calc(calibrated)).outcome == payer.Outcome.APPROVED


def test_missing_hv_safety_work_is_rejected():
    vehicle = vehicle_block(
        "tesla-model-3",
        first_registration="2023-05-01",
        mileage_km=30000,
        value_before_damage="32000.00",
        residual_value="9000.00",
    )
    rates = get_rate_set("verzekeraar-netwerk").rates
    sill = prefill_line("tesla-model-3", "1529461-E0-A", "replace", line_id="1")
    data, output = calc([sill], vehicle=vehicle, rates=rates)
    decision = decide(data, output)
    assert "HV_SAFETY_MISSING" in codes(decision.reasons)


def test_a_repair_the_manufacturer_forbids_is_rejected():
    repair = line(BUMPER_BEAM, "repair", line_id="1", repair_units=20)
    decision = decide(*calc([repair]))
    assert codes(decision.reasons) == ["REPAIR_NOT_ALLOWED"]


def test_lines_the_policy_does_not_pay_are_rejected_by_name():
    data, output = calc([line(GRILLE, "replace", line_id="7")])
    decision = decide(data, output, rules=payer_rules(not_paid_codes=[GRILLE]))
    assert decision.outcome == payer.Outcome.REJECTED
    assert codes(decision.reasons) == ["NOT_COVERED"]
    assert decision.reasons[0].line_id == "7"
    assert "Grille" in decision.reasons[0].message


def test_used_parts_on_a_vehicle_too_young_for_them_are_corrected_to_oem():
    # the Golf is from 2021: under the rate set's 5-year minimum for used parts
    used = line(GRILLE, "replace", line_id="1", part_source="used", unit_price="80.00")
    decision = decide(*calc([used]))
    assert decision.outcome == payer.Outcome.APPROVED_WITH_CORRECTIONS
    assert codes(decision.corrections) == ["PART_SOURCE_NOT_ALLOWED"]
    assert decision.approved


def test_used_parts_on_an_old_enough_vehicle_are_approved():
    used = line(GRILLE, "replace", line_id="1", part_source="used", unit_price="80.00")
    decision = decide(*calc([used]), on=dt.date(2027, 6, 1))
    assert decision.outcome == payer.Outcome.APPROVED


def test_used_parts_are_corrected_when_the_policy_forbids_them():
    used = line(GRILLE, "replace", line_id="1", part_source="used", unit_price="80.00")
    decision = decide(
        *calc([used]), rules=payer_rules(used_parts_allowed=False), on=dt.date(2030, 1, 1)
    )
    assert codes(decision.corrections) == ["PART_SOURCE_NOT_ALLOWED"]


def test_an_economic_total_loss_is_not_repaired():
    vehicle = golf_vehicle(value_before_damage="400.00", residual_value="300.00")
    data, output = calc([line(GRILLE, "replace", line_id="1")], vehicle=vehicle)
    decision = decide(data, output)
    assert decision.outcome == payer.Outcome.REJECTED
    assert "ECONOMIC_TOTAL_LOSS" in codes(decision.reasons)
    assert decision.total_loss


def test_the_final_calculation_must_match_the_parts_invoice():
    data, output = calc(
        [line(GRILLE, "replace", line_id="1"), line(BUMPER_BEAM, "replace", line_id="2")]
    )
    grille_price = Decimal(line(GRILLE, "replace", line_id="x")["unit_price"])
    invoice = [payer.OrderedPart(GRILLE, Decimal(1), grille_price)]
    decision = decide(data, output, kind="final", invoice=invoice)
    assert decision.outcome == payer.Outcome.REJECTED
    assert codes(decision.reasons) == ["PART_NOT_INVOICED"]
    assert decision.reasons[0].line_id == "2"


def test_a_final_part_priced_above_the_invoice_is_rejected():
    data, output = calc([line(GRILLE, "replace", line_id="1")])
    invoice = [payer.OrderedPart(GRILLE, Decimal(1), Decimal("10.00"))]
    decision = decide(data, output, kind="final", invoice=invoice)
    assert codes(decision.reasons) == ["PART_INVOICE_MISMATCH"]
    assert "€ 10,00" in decision.reasons[0].message


def test_a_final_calculation_matching_the_invoice_is_approved_and_precalc_skips_the_check():
    data, output = calc([line(GRILLE, "replace", line_id="1")])
    price = Decimal(data["lines"][0]["unit_price"])
    invoice = [payer.OrderedPart(GRILLE, Decimal(1), price)]
    assert decide(data, output, kind="final", invoice=invoice).outcome == payer.Outcome.APPROVED
    assert decide(data, output, kind="precalc", invoice=[]).outcome == payer.Outcome.APPROVED


def test_the_invoice_check_can_be_switched_off_by_the_case():
    data, output = calc([line(GRILLE, "replace", line_id="1")])
    decision = decide(
        data, output, kind="final", invoice=[], rules=payer_rules(check_parts_invoice=False)
    )
    assert decision.outcome == payer.Outcome.APPROVED


def test_under_casco_the_own_insurer_sends_the_expert_and_under_wa_the_other_partys():
    assert "casco" in payer.expert_sender("casco")
    assert "tegenpartij" in payer.expert_sender("wa")


def test_expertise_days_and_estimating_costs_come_from_the_case_rules_with_defaults():
    assert payer.expertise_days({"expertise_days": 5}) == 5
    assert payer.expertise_days({}) == payer.DEFAULT_EXPERTISE_DAYS
    assert payer.estimating_costs({"estimating_costs": "99.50"}) == Decimal("99.50")
    assert payer.estimating_costs({}) == payer.DEFAULT_ESTIMATING_COSTS
