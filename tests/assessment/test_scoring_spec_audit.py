"""An independent audit of the `schadescore/2` scorer against the shared scoring-spec.md, one
spec sentence per test, each figure worked out by hand with Decimal in the test (not read back
from the scorer). The sentences here are the ones the other scoring tests leave unpinned.

Inputs are the Golf case of shared/cases/scoring with one change each (see builders.py); the
reference subtotal_excl_vat is € 2.881,02, units_per_hour 100, body/paint/mechanical labour
€ 72,50, electrical € 86,00, paint type metallic (labour factor 1.00), markup 10 %.
"""

from decimal import Decimal

from assessment.scoring import CriticalKind, Verdict
from tests.assessment.builders import (
    BONNET,
    CLIPS,
    FRONT_RADAR,
    GRILLE,
    as_trainee,
    golf_reference,
    golf_trainee,
    kinds,
    line,
    line_result,
    scored,
    with_line,
    without_line,
)

GOLF_SUBTOTAL = Decimal("2881.02")
HEADLAMP = "5H1941036"
HEADLAMP_KIT = "5H1998248"
UNDAMAGED_WING = "5H0821105"
RATE = Decimal("72.50")


def _t(dev: Decimal, a: Decimal = Decimal("0.05"), b: Decimal = Decimal("0.25")) -> Decimal:
    """§4's T, written out here so that the tests do not borrow the scorer's."""
    if dev <= a:
        return Decimal(1)
    if dev >= b:
        return Decimal(0)
    return (b - dev) / (b - a)


# --- §2 pass 1: the own operation first, whatever the trainee's order ------------------------


def test_pass_one_takes_the_own_operation_before_an_earlier_line_with_an_alternative():
    # given: the trainee lists a bonnet replacement (the reference's alternative) before the
    # bonnet repair (the reference's own operation)
    trainee = golf_trainee()
    repair = line(trainee, BONNET)
    trainee["lines"].remove(repair)
    trainee["lines"].insert(
        0,
        {
            "id": "b2",
            "code": BONNET,
            "description": "Motorkap",
            "operation": "replace",
            "part_group": "body",
            "unit_price": "500.00",
            "labour_units": "80",
            "paint": {"mode": "new", "units": "250"},
        },
    )
    trainee["lines"].append(repair)

    # when
    result = scored(golf_reference(), trainee)

    # then: the repair answers the reference line, the replacement is extra; its cost at the
    # reference's rates is 500 − round2(500 × 8 %) + 80/100 × 72.50 + 250 × 1.0 × 1.00 / 100 ×
    # 72.50 = 460 + 58 + 181.25
    bonnet = line_result(result, BONNET, Verdict.CORRECT)
    assert bonnet.trainee_line_id == "4"
    extra = line_result(result, BONNET, Verdict.EXTRA)
    assert extra.trainee_line_id == "b2"
    assert extra.cost == Decimal("699.25")
    assert result.extra_cost == Decimal("699.25")
    assert result.extra_reduction == Decimal("699.25") / GOLF_SUBTOTAL


# --- §3: the part source of a same-code alternative -------------------------------------------


def test_a_same_code_alternative_whose_source_does_not_fit_gives_way_to_one_that_fits():
    # given: two replace alternatives on the grille's repair; the first names `used` only
    reference = golf_reference()
    grille = line(reference, GRILLE)
    grille.update(operation="repair")
    del grille["part_group"], grille["unit_price"]
    grille["assess"] = {
        "alternatives": [
            {"operation": "replace", "part_source": "used", "credit": "0.9"},
            {"operation": "replace", "credit": "0.3"},
        ]
    }
    trainee = golf_trainee()
    line(trainee, GRILLE)["part_source"] = "aftermarket"

    # when
    result = line_result(scored(reference, trainee), GRILLE)

    # then: "its part_source matching where it names one": the second alternative's 0.3; the
    # labour is the same 35 AE, so u = 1 and credit = 0.3 × (0.5 + 0.5)
    assert result.verdict is Verdict.ALTERNATIVE
    assert result.op == Decimal("0.3")
    assert result.credit == Decimal("0.3")


def test_a_same_code_alternative_matched_by_operation_with_another_source_earns_op_0():
    # given: the only alternative names `used`; the trainee replaces with an OEM part
    reference = golf_reference()
    grille = line(reference, GRILLE)
    grille.update(operation="repair")
    del grille["part_group"], grille["unit_price"]
    grille["assess"] = {"alternatives": [{"operation": "replace", "part_source": "used"}]}

    # when: pass 1 matches the replacement by operation only (§2), §3 looks at the source
    result = line_result(scored(reference, golf_trainee()), GRILLE)

    # then
    assert result.trainee_line_id == "2"
    assert result.verdict is Verdict.WRONG_OPERATION
    assert result.op == 0
    assert result.credit == 0


def test_pass_two_needs_the_part_source_an_other_code_alternative_names():
    # given: the kit is accepted as a used part only; the trainee orders a new (OEM) kit
    reference = golf_reference()
    line(reference, HEADLAMP)["assess"] = {
        "alternatives": [
            {"code": HEADLAMP_KIT, "operation": "replace", "part_source": "used", "credit": "1"}
        ]
    }
    trainee = without_line(golf_trainee(), HEADLAMP)
    with_line(
        trainee,
        code=HEADLAMP_KIT,
        description="Reparatieset koplamp",
        operation="replace",
        part_group="electrical",
        unit_price="120.00",
        labour_units="60",
    )

    # when
    result = scored(reference, trainee)

    # then: no match in any pass; the reference total is not adjusted
    assert line_result(result, HEADLAMP).verdict is Verdict.MISSING
    assert line_result(result, HEADLAMP_KIT).verdict is Verdict.EXTRA
    assert result.reference_total == GOLF_SUBTOTAL


# --- §3: units ---------------------------------------------------------------------------------


def test_labour_and_paint_take_their_mean_within_the_lines_own_tolerance():
    # given: the bonnet (tolerance 15 %) repaired at 280 AE and painted at 300 AE (250 and 250)
    trainee = golf_trainee()
    bonnet = line(trainee, BONNET)
    bonnet["labour_units"] = "280"
    bonnet["paint"] = {"mode": "repair_minor", "units": "300"}

    # when
    result = line_result(scored(golf_reference(), trainee), BONNET)

    # then: labour d = 30/250 = 0.12 ≤ 0.15 → 1; paint d = 0.2 → (0.5 − 0.2)/(0.5 − 0.15) = 6/7
    u = (Decimal(1) + Decimal("0.3") / Decimal("0.35")) / 2
    assert result.verdict is Verdict.UNITS_OFF
    assert result.u == u
    assert result.credit == Decimal("0.5") + Decimal("0.5") * u


def test_labour_the_trainee_line_lacks_counts_as_0():
    # given: painting the bonnet is an accepted alternative of repairing it; the paint line
    # carries no labour
    reference = golf_reference()
    line(reference, BONNET)["assess"]["alternatives"] = ["paint"]
    trainee = golf_trainee()
    bonnet = line(trainee, BONNET)
    bonnet["operation"] = "paint"
    del bonnet["labour_units"]

    # when
    result = line_result(scored(reference, trainee), BONNET)

    # then: labour 0 against 250 → d = 1 → u 0; paint equal → 1; u = 0.5; op = 0.5;
    # credit = 0.5 × (0.5 + 0.25)
    assert result.verdict is Verdict.ALTERNATIVE
    assert result.u == Decimal("0.5")
    assert result.credit == Decimal("0.375")


def test_an_amount_against_a_reference_amount_of_0():
    # given: the reference's clips cost nothing
    reference = golf_reference()
    line(reference, CLIPS)["amount"] = "0.00"
    zero = as_trainee(reference)
    five = as_trainee(reference)
    line(five, CLIPS)["amount"] = "5.00"

    # when / then: d = 0 when the trainee's is 0 too, else 1 (u 0, credit 0.5)
    assert line_result(scored(reference, zero), CLIPS).credit == 1
    clips = line_result(scored(reference, five), CLIPS)
    assert clips.u == 0
    assert clips.credit == Decimal("0.5")


# --- §3: the cost of an extra line --------------------------------------------------------------


def test_an_extra_paint_line_costs_its_paint_labour_without_the_setup_time():
    # given: the trainee blends the undamaged left wing too
    trainee = with_line(
        golf_trainee(),
        code=UNDAMAGED_WING,
        description="Voorscherm links",
        operation="paint",
        paint={"mode": "blend", "units": "135"},
    )

    # when
    result = scored(golf_reference(), trainee)

    # then: 135 × 0.5 × 1.00 / 100 × 72.50, no paint_setup_hours; and a knock-out
    cost = Decimal("135") * Decimal("0.5") * Decimal("1.00") / 100 * RATE
    assert line_result(result, UNDAMAGED_WING).cost == cost == Decimal("48.9375")
    expected_l = Decimal(1) - cost / GOLF_SUBTOTAL
    assert expected_l == result.components.L
    assert kinds(result) == [CriticalKind.UNDAMAGED_PART_WORKED]
    assert result.critical_errors[0].line_id == "10"


# --- §4: total ----------------------------------------------------------------------------------


def test_t_is_linear_between_the_band_edges():
    # given: the grille repaired instead of replaced, where the reference forbids repair
    reference = golf_reference()
    line(reference, GRILLE)["repair_allowed"] = False
    trainee = golf_trainee()
    grille = line(trainee, GRILLE)
    grille["operation"] = "repair"
    del grille["part_group"], grille["unit_price"]

    # when
    result = scored(reference, trainee)

    # then: the trainee's own subtotal is € 2.731,66; repair_not_allowed through the
    # reference's line (the trainee's own line allows repair)
    dev = (GOLF_SUBTOTAL - Decimal("2731.66")) / GOLF_SUBTOTAL
    assert result.trainee_subtotal == Decimal("2731.66")
    expected_t = _t(dev)
    assert expected_t == result.components.T
    assert kinds(result) == [CriticalKind.REPAIR_NOT_ALLOWED]
    assert result.critical_errors[0].line_id == "2"
    assert result.passed is False


def test_a_band_of_equal_edges_is_a_step():
    # given: total_band_percent [0, 0]
    reference = golf_reference()
    reference["assess"]["total_band_percent"] = ["0", "0"]
    one_cent_more = golf_trainee()
    line(one_cent_more, CLIPS)["amount"] = "18.41"

    # when / then: dev = 0 is full credit, any deviation none
    assert scored(reference, golf_trainee()).components.T == 1
    assert scored(reference, one_cent_more).components.T == 0


def test_an_unlisted_dealer_calibration_adjusts_the_reference_total():
    # given: the radar calibrated by a dealer under a code the reference does not list
    trainee = without_line(golf_trainee(), FRONT_RADAR)
    with_line(
        trainee,
        code="SUB-DEALER",
        description="Radar kalibreren dealer",
        operation="subcontract",
        amount="150.00",
        sensor="front_radar",
    )

    # when
    result = scored(golf_reference(), trainee)

    # then: R = 2881.02 − 100/100 × 86.00 + 150.00 × 1.10
    radar = line_result(result, FRONT_RADAR)
    assert radar.verdict is Verdict.ALTERNATIVE
    assert (radar.op, radar.u, radar.credit) == (1, 1, 1)
    assert result.reference_total == Decimal("2960.02")
    assert result.components.T == 1
    assert result.critical_errors == ()


def test_a_listed_subcontract_alternative_without_credit_earns_the_alternative_credit():
    # given: the reference lists the dealer's calibration without a credit of its own (§2 pass
    # 2 takes the listed alternative first; the always-accepted rule is for a calibrate line
    # still without one)
    reference = golf_reference()
    line(reference, FRONT_RADAR)["assess"]["alternatives"] = [
        {"code": "SUB-CALIB-RADAR", "operation": "subcontract"}
    ]
    trainee = without_line(golf_trainee(), FRONT_RADAR)
    with_line(
        trainee,
        code="SUB-CALIB-RADAR",
        description="Radar kalibreren dealer",
        operation="subcontract",
        amount="150.00",
        sensor="front_radar",
    )

    # when
    radar = line_result(scored(reference, trainee), FRONT_RADAR)

    # then: the alternative's credit, absent: alternative_credit 0.5; u = 1 in pass 2
    assert radar.verdict is Verdict.ALTERNATIVE
    assert radar.op == Decimal("0.5")
    assert radar.credit == Decimal("0.5")


# --- §5 / §6: the total-loss decision -----------------------------------------------------------


def test_the_reference_decision_wins_over_its_own_verdict_and_knocks_out():
    # given: the reference states a total loss that its own calculation does not show
    reference = golf_reference()
    reference["decisions"]["economic_total_loss"] = True

    # when
    result = scored(reference, golf_trainee())

    # then: the trainee's calculation says no total loss: D = 0 and a knock-out
    assert result.components.D == 0
    assert kinds(result) == [CriticalKind.TOTAL_LOSS_DECISION]
    assert result.critical_errors[0].line_id is None
    # 100 × (0.60 + 0.25) = 85.0, failed by the knock-out
    assert result.score == Decimal("85.0")
    assert result.passed is False


def test_without_a_stated_decision_the_reference_calculation_answers():
    reference = golf_reference()
    del reference["decisions"]

    result = scored(reference, golf_trainee())

    assert result.components.D == 1
    assert result.decisions == {"economic_total_loss": (False, False)}


# --- §2 pass 1 and §3 on calibrate lines (README "Readings of the spec") -----------------------


def test_pass_one_takes_the_first_same_code_calibration_whatever_its_sensor():
    # given: two calibrations under the radar's code, the first of another sensor
    trainee = golf_trainee()
    radar = line(trainee, FRONT_RADAR)
    radar["sensor"] = "front_camera"
    with_line(
        trainee,
        code=FRONT_RADAR,
        description="Frontradar kalibreren",
        operation="calibrate",
        sensor="front_radar",
        labour_units="100",
    )

    # when
    result = scored(golf_reference(), trainee)

    # then: "the first trainee line with the reference line's code and its operation": op = 0
    # (another sensor), and the right one is extra
    matched = line_result(result, FRONT_RADAR, Verdict.WRONG_OPERATION)
    assert (matched.trainee_line_id, matched.op, matched.credit) == ("6", 0, 0)
    assert line_result(result, FRONT_RADAR, Verdict.EXTRA).trainee_line_id == "10"
    assert kinds(result) == [CriticalKind.WRONG_OPERATION_CRITICAL]
    assert result.critical_errors[0].line_id == "6"


def test_a_same_code_subcontract_alternative_is_matched_in_pass_one_with_its_figures():
    # given: the reference lists "subcontract" on the radar's own code
    reference = golf_reference()
    line(reference, FRONT_RADAR)["assess"] = {"critical": True, "alternatives": ["subcontract"]}
    trainee = golf_trainee()
    radar = line(trainee, FRONT_RADAR)
    radar.update(operation="subcontract", amount="150.00")
    del radar["labour_units"]

    # when
    result = scored(reference, trainee)

    # then: pass 1 takes it (op = alternative_credit 0.5); labour 0 against 100 → u = 0;
    # credit = 0.5 × 0.5; the reference total is not adjusted (no pass-2 match)
    matched = line_result(result, FRONT_RADAR)
    assert matched.verdict is Verdict.ALTERNATIVE
    assert (matched.op, matched.u, matched.credit) == (Decimal("0.5"), 0, Decimal("0.25"))
    assert result.reference_total == GOLF_SUBTOTAL
    assert CriticalKind.WRONG_OPERATION_CRITICAL not in kinds(result)
