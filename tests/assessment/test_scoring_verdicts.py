"""The rules of the scoring spec one by one: verdicts, band edges, matching, critical errors.

Inputs are the Golf case with one change each (see builders.py). The Golf reference's
subtotal_excl_vat is € 2.881,02; its Motorkap line (code 5H0823031) is a repair of 250 AE with
paint repair_minor 250, tolerance 15 %, replace accepted at half credit.

A hand-worked example (test_small_case_worked_by_hand_scores_80_1), Golf rates (uph 100,
€ 72,50 body and paint, paint_mode_factor repair_minor 1.2, metallic labour factor 1.00, paint
material € 34,60 × 1.12, setup 1.2 h, small materials 2 %):

  reference: Motorkap repair 250 AE + paint repair_minor 250; Clips sundry € 18,40
    body 2.5 h × 72.50 = 181.25; paint P = 250 × 1.2 + 120 = 420 → 4.2 h × 72.50 = 304.50;
    material 4.2 × 34.60 × 1.12 = 162.7584 → 162.76; small (181.25 + 304.50) × 2 % = 9.72;
    sundry 18.40; no replace, no disposal → subtotal S = 676.63
    cost Motorkap = 2.5 × 72.50 + 250 × 1.2 × 1.00 / 100 × 72.50 = 181.25 + 217.50 = 398.75
    cost Clips = 18.40; weights 398.75 / S = 0.5893 and 18.40 / S = 0.0272 (above 0.02)
  trainee: Motorkap repair 300 AE + the same paint; no Clips; extra Voorscherm paint blend 135
    Motorkap: op 1; labour d = 50 / 250 = 0.20 → u = (0.5 − 0.2) / (0.5 − 0.15) = 0.857143;
    paint d = 0 → u = 1; mean u = 0.928571; credit = 0.5 + 0.5 × 0.928571 = 0.964286
    Clips missing: credit 0
    L before extra = 398.75 × 0.964286 / (398.75 + 18.40) = 0.921752
    extra cost = 135 × 0.5 × 1.00 / 100 × 72.50 = 48.9375; reduction 48.9375 / S = 0.072325
    L = 0.921752 × (1 − 0.072325) = 0.855086
    trainee subtotal: body 3 h = 217.50; paint (300 + 67.5 + 120) = 487.5 → 353.4375 → 353.44;
    material 4.875 × 38.752 = 188.92; small (217.50 + 353.44) × 2 % = 11.42 → 771.28
    dev = 94.65 / 676.63 = 0.139884 → T = (0.25 − 0.139884) / 0.20 = 0.550578 (the default
    band of schadescore/2, 5 %–25 %)
    D = 1 (neither is total loss)
    score = 100 × (0.60 × 0.855086 + 0.25 × 0.550578 + 0.15 × 1) = 80.0696 → 80.1, passed
    points lost: Motorkap 60 × 0.5893 × 0.035714 / 0.6165 = 2.05; Clips 60 × 0.0272 / 0.6165
    = 2.65; the extra line 60 × 0.921752 × 0.072325 = 4.00; together 8.69 = 60 × (1 − L).
"""

from decimal import Decimal
from pathlib import Path

import pytest

from assessment.scoring import CriticalKind, Verdict, score_documents
from assessment.scoring.components import final_score, total_component
from assessment.scoring.credit import unit_credit, unit_deviation
from assessment.scoring.rules import DEFAULT_TOTAL_BAND_PERCENT
from calcengine import InputError
from tests.assessment.builders import (
    BONNET,
    BUMPER,
    CLIPS,
    FRONT_RADAR,
    GRILLE,
    PARK,
    WING,
    as_trainee,
    golf_reference,
    golf_trainee,
    kinds,
    line,
    line_result,
    only_lines,
    scored,
    with_line,
    without_line,
)

GOLF_SUBTOTAL = Decimal("2881.02")


# --- the whole ---------------------------------------------------------------------------


def test_identical_calculation_scores_100_and_passes():
    result = scored(golf_reference(), golf_trainee())

    assert result.score == Decimal("100.0")
    assert result.passed is True
    assert (result.components.L, result.components.T, result.components.D) == (1, 1, 1)
    assert result.critical_errors == ()
    assert {item.verdict for item in result.lines} == {Verdict.CORRECT}
    assert all(item.points_lost == 0 for item in result.lines)


def test_result_json_shows_components_to_four_decimals_and_score_to_one():
    trainee = golf_trainee()
    line(trainee, BONNET)["labour_units"] = "320"

    data = scored(golf_reference(), trainee).to_json()

    assert data["spec"] == "schadescore/2"
    # L = 1 − 0.138406 × 0.092857 / 0.907504 = 0.985838; the subtotal rises 1.8 %: T = 1
    assert data["score"] == "99.2"
    assert data["components"] == {"L": "0.9858", "T": "1.0000", "D": "1.0000"}
    bonnet = next(item for item in data["lines"] if item["code"] == BONNET)
    assert bonnet["verdict"] == "units_off"
    assert bonnet["u"] == "0.8143"
    assert bonnet["credit"] == "0.9071"
    assert bonnet["trainee_line_id"] == "4"


def test_small_case_worked_by_hand_scores_80_1():
    # given: the hand-worked example of this module's docstring
    reference = only_lines(golf_reference(), BONNET, CLIPS)
    trainee = only_lines(golf_trainee(), BONNET, WING)
    line(trainee, BONNET)["labour_units"] = "300"

    # when
    result = scored(reference, trainee)

    # then
    assert result.reference_subtotal == Decimal("676.63")
    assert result.trainee_subtotal == Decimal("771.28")
    assert str(result.components.L.quantize(Decimal("0.000001"))) == "0.855086"
    assert str(result.components.T.quantize(Decimal("0.000001"))) == "0.550578"
    assert result.components.D == 1
    assert result.score == Decimal("80.1")
    assert result.passed is True
    points = {item.code: item.points_lost.quantize(Decimal("0.01")) for item in result.lines}
    assert points == {BONNET: Decimal("2.05"), CLIPS: Decimal("2.65"), WING: Decimal("4.00")}


def test_points_lost_add_up_to_the_points_l_loses():
    trainee = golf_trainee()
    line(trainee, BONNET)["labour_units"] = "320"
    without_line(trainee, CLIPS)
    with_line(trainee, code="EXTRA-1", description="Poetsen", operation="sundry", amount="80")

    result = scored(golf_reference(), trainee)

    lost = sum(item.points_lost for item in result.lines)
    assert abs(lost - 60 * (1 - result.components.L)) < Decimal("1e-20")


# --- verdicts ----------------------------------------------------------------------------


def test_same_operation_and_units_is_correct():
    result = scored(golf_reference(), golf_trainee())

    bonnet = line_result(result, BONNET)
    assert bonnet.verdict is Verdict.CORRECT
    assert (bonnet.op, bonnet.u, bonnet.credit) == (1, 1, 1)
    assert bonnet.explanation == "Motorkap hersteld zoals de referentie (250 AE, lak 250 AE)."


def test_units_within_tolerance_are_correct_and_say_so():
    trainee = golf_trainee()
    line(trainee, BONNET)["labour_units"] = "280"  # 12 % above, tolerance 15 %

    bonnet = line_result(scored(golf_reference(), trainee), BONNET)

    assert bonnet.verdict is Verdict.CORRECT
    assert bonnet.credit == 1
    assert bonnet.explanation == (
        "Motorkap hersteld (280 AE) waar de referentie 250 AE rekent: 12 % te hoog, "
        "binnen de tolerantie van 15 %."
    )


def test_units_beyond_tolerance_are_units_off_with_the_figures():
    trainee = golf_trainee()
    line(trainee, BONNET)["labour_units"] = "320"  # d = 0.28

    bonnet = line_result(scored(golf_reference(), trainee), BONNET)

    assert bonnet.verdict is Verdict.UNITS_OFF
    assert bonnet.op == 1
    # labour u = (0.5 − 0.28) / (0.5 − 0.15) = 0.628571…, paint u = 1, mean 0.814285…
    assert bonnet.u.quantize(Decimal("0.000001")) == Decimal("0.814286")
    assert bonnet.credit.quantize(Decimal("0.000001")) == Decimal("0.907143")
    assert bonnet.explanation == (
        "Motorkap hersteld (320 AE) waar de referentie 250 AE rekent: 28 % te hoog."
    )


def test_units_below_the_reference_say_te_laag():
    trainee = golf_trainee()
    line(trainee, BONNET)["labour_units"] = "180"

    bonnet = line_result(scored(golf_reference(), trainee), BONNET)

    assert bonnet.explanation.endswith("waar de referentie 250 AE rekent: 28 % te laag.")


def test_other_paint_mode_is_units_off_with_no_paint_credit():
    trainee = golf_trainee()
    line(trainee, WING)["paint"]["mode"] = "surface"

    wing = line_result(scored(golf_reference(), trainee), WING)

    assert wing.verdict is Verdict.UNITS_OFF
    assert (wing.u, wing.credit) == (0, Decimal("0.5"))
    assert wing.explanation == (
        "Voorscherm rechts: lakniveau oppervlak (niveau II) waar de referentie inspuiten rekent."
    )


def test_paint_left_out_is_units_off():
    trainee = golf_trainee()
    del line(trainee, BUMPER)["paint"]

    bumper = line_result(scored(golf_reference(), trainee), BUMPER)

    assert bumper.verdict is Verdict.UNITS_OFF
    # labour u = 1, paint u = 0
    assert bumper.u == Decimal("0.5")
    assert "geen lakwerk" in bumper.explanation


def test_sundry_amount_is_compared():
    trainee = golf_trainee()
    line(trainee, CLIPS)["amount"] = "27.60"  # 50 % above

    clips = line_result(scored(golf_reference(), trainee), CLIPS)

    assert clips.verdict is Verdict.UNITS_OFF
    assert clips.u == 0
    assert clips.explanation == (
        "Bevestigingsclips: € 27,60 waar de referentie € 18,40 rekent: 50 % te hoog."
    )


def test_listed_alternative_operation_earns_the_alternative_credit():
    trainee = golf_trainee()
    bonnet = line(trainee, BONNET)
    bonnet.update(operation="replace", part_group="body", unit_price="598.00", labour_units="250")
    bonnet["paint"] = {"mode": "repair_minor", "units": "250"}

    result = line_result(scored(golf_reference(), trainee), BONNET)

    assert result.verdict is Verdict.ALTERNATIVE
    assert (result.op, result.u, result.credit) == (Decimal("0.5"), 1, Decimal("0.5"))
    assert result.explanation == (
        "Motorkap vervangen waar de referentie herstellen rekent: aanvaardbaar alternatief, "
        "50 % van de punten."
    )


def test_alternative_with_units_off_stays_alternative_and_names_the_units():
    # The known case bonnet-replaced: replace (alternative) with 85 AE and paint mode new.
    trainee = golf_trainee()
    bonnet = line(trainee, BONNET)
    bonnet.update(operation="replace", part_group="body", unit_price="598.00", labour_units="85")
    bonnet["paint"]["mode"] = "new"

    result = line_result(scored(golf_reference(), trainee), BONNET)

    assert result.verdict is Verdict.ALTERNATIVE
    assert (result.op, result.u, result.credit) == (Decimal("0.5"), 0, Decimal("0.25"))
    assert "(85 AE) waar de referentie 250 AE rekent: 66 % te laag." in result.explanation


def test_replace_with_another_part_source_is_an_alternative():
    trainee = golf_trainee()
    line(trainee, BUMPER)["part_source"] = "used"

    bumper = line_result(scored(golf_reference(), trainee), BUMPER)

    assert bumper.verdict is Verdict.ALTERNATIVE
    assert bumper.op == Decimal("0.5")  # the default alternative_credit
    assert bumper.credit == Decimal("0.5")
    assert bumper.explanation.startswith(
        "Voorbumper vervangen door een gebruikt onderdeel waar de referentie een origineel (OEM) "
        "onderdeel rekent"
    )


def test_explicit_oem_part_source_is_the_same_as_absent():
    trainee = golf_trainee()
    line(trainee, BUMPER)["part_source"] = "oem"

    assert line_result(scored(golf_reference(), trainee), BUMPER).verdict is Verdict.CORRECT


def test_operation_not_listed_is_wrong_operation_without_credit():
    trainee = golf_trainee()
    grille = line(trainee, GRILLE)
    for field in ("part_group", "unit_price"):
        del grille[field]
    grille["operation"] = "repair"

    result = line_result(scored(golf_reference(), trainee), GRILLE)

    assert result.verdict is Verdict.WRONG_OPERATION
    assert (result.op, result.credit) == (0, 0)
    assert result.explanation == (
        "Grille hersteld waar de referentie vervangen rekent: verkeerde bewerking, geen punten."
    )


def test_reference_line_without_trainee_line_is_missing():
    trainee = without_line(golf_trainee(), CLIPS)

    result = scored(golf_reference(), trainee)

    clips = line_result(result, CLIPS)
    assert clips.verdict is Verdict.MISSING
    assert (clips.trainee_line_id, clips.op, clips.u, clips.credit) == (None, None, None, 0)
    # 18.40 / 2881.02 is below the floor: the weight is 0.02
    assert clips.weight == Decimal("0.02")
    assert (
        clips.explanation == "Bevestigingsclips ontbreekt: de referentie rekent diversen (€ 18,40)."
    )


def test_extra_line_reduces_l_by_its_cost_share():
    # given: everything right, plus work the reference does not have (€ 100 sundries)
    trainee = with_line(
        golf_trainee(),
        code="SUND-WAX",
        description="Conservering",
        operation="sundry",
        amount="100",
    )

    # when
    result = scored(golf_reference(), trainee)

    # then
    extra = line_result(result, "SUND-WAX")
    assert extra.verdict is Verdict.EXTRA
    assert (extra.reference_line_id, extra.trainee_line_id) == (None, "10")
    assert result.extra_cost == Decimal("100")
    share = Decimal("100") / GOLF_SUBTOTAL
    lines_component = result.components.L
    assert lines_component == 1 - share
    assert extra.weight == share
    assert extra.points_lost == 60 * share
    assert extra.explanation.startswith("Conservering als diversen opgenomen (€ 100,00) staat niet")


def test_extra_cost_beyond_the_reference_subtotal_takes_all_of_l():
    trainee = with_line(
        golf_trainee(), code="SUND-X", description="Diversen", operation="sundry", amount="5000"
    )

    result = scored(golf_reference(), trainee)

    assert result.extra_reduction == 1
    assert result.components.L == 0


def test_extra_line_cost_is_taken_at_the_reference_rates():
    # The trainee's own body rate is higher; the extra line still costs 1 h at € 72,50.
    trainee = with_line(
        golf_trainee(),
        code="5H0821105",
        description="Voorscherm links",
        operation="repair",
        labour_units="100",
    )
    trainee["rates"]["labour"]["body"] = "90.00"

    result = scored(golf_reference(), trainee)

    assert result.extra_cost == Decimal("72.50")


# --- matching ----------------------------------------------------------------------------


def test_of_two_lines_with_one_code_the_same_operation_wins():
    # given: a paint line first, then the repair the reference has, both for the bonnet
    trainee = golf_trainee()
    trainee["lines"].insert(
        0,
        {
            "id": "40",
            "code": BONNET,
            "description": "Motorkap",
            "operation": "paint",
            "paint": {"mode": "surface", "units": "100"},
        },
    )

    # when
    result = scored(golf_reference(), trainee)

    # then
    matched = line_result(result, BONNET, Verdict.CORRECT)
    assert matched.trainee_line_id == "4"
    extra = line_result(result, BONNET, Verdict.EXTRA)
    assert extra.trainee_line_id == "40"
    assert "code 5H0823031 staat al op regel 4" in extra.explanation


def test_of_two_lines_with_one_code_and_neither_operation_the_first_wins():
    trainee = golf_trainee()
    bonnet = line(trainee, BONNET)
    bonnet.update(operation="remove_refit", labour_units="30")
    del bonnet["paint"]
    with_line(
        trainee,
        code=BONNET,
        description="Motorkap",
        operation="paint",
        paint={"mode": "repair_minor", "units": "250"},
    )

    result = scored(golf_reference(), trainee)

    matched = line_result(result, BONNET, Verdict.WRONG_OPERATION)
    assert matched.trainee_line_id == "4"
    assert line_result(result, BONNET, Verdict.EXTRA).trainee_line_id == "10"


def test_reference_lines_sharing_a_code_each_take_the_trainee_line_with_their_operation():
    # given: the reference splits the wing into a remove/refit and a blend, under one code
    reference = with_line(
        golf_reference(),
        code=WING,
        description="Voorscherm rechts",
        operation="remove_refit",
        labour_units="40",
    )
    trainee = as_trainee(reference)
    trainee["lines"].reverse()

    # when
    result = scored(reference, trainee)

    # then
    wing_lines = [item for item in result.lines if item.code == WING]
    assert [(item.reference_line_id, item.trainee_line_id) for item in wing_lines] == [
        ("5", "5"),
        ("10", "10"),
    ]
    assert result.score == Decimal("100.0")


# --- band edges --------------------------------------------------------------------------


def test_deviation_exactly_at_the_tolerance_earns_full_unit_credit():
    assert unit_credit(Decimal("0.15"), Decimal("0.15")) == 1
    assert unit_credit(Decimal("0.1500001"), Decimal("0.15")) < 1


def test_deviation_of_exactly_half_earns_no_unit_credit():
    assert unit_credit(Decimal("0.5"), Decimal("0.15")) == 0
    assert unit_credit(Decimal("0.4999999"), Decimal("0.15")) > 0


def test_unit_credit_is_linear_between_tolerance_and_half():
    assert unit_credit(Decimal("0.325"), Decimal("0.15")) == Decimal("0.5")
    assert unit_credit(Decimal("0.3"), Decimal("0.1")) == Decimal("0.5")


def test_tolerance_edge_in_a_calculation_gives_full_credit():
    trainee = golf_trainee()
    line(trainee, BONNET)["labour_units"] = "287.5"  # exactly 15 % above 250

    bonnet = line_result(scored(golf_reference(), trainee), BONNET)

    assert (bonnet.verdict, bonnet.u) == (Verdict.CORRECT, 1)


def test_half_deviation_in_a_calculation_gives_no_labour_credit():
    trainee = golf_trainee()
    line(trainee, BONNET)["labour_units"] = "375"  # exactly 50 % above 250

    bonnet = line_result(scored(golf_reference(), trainee), BONNET)

    assert bonnet.u == Decimal("0.5")  # labour 0, paint 1
    assert bonnet.credit == Decimal("0.75")


def test_deviation_against_a_zero_reference_figure():
    assert unit_deviation(Decimal(0), Decimal(0)) == 0
    assert unit_deviation(Decimal(0), Decimal("5")) == 1


def test_default_tolerance_is_ten_percent():
    trainee = golf_trainee()
    line(trainee, GRILLE)["labour_units"] = "38.5"  # 10 % above 35, no assess on this line

    assert line_result(scored(golf_reference(), trainee), GRILLE).u == 1
    line(trainee, GRILLE)["labour_units"] = "38.6"
    assert line_result(scored(golf_reference(), trainee), GRILLE).u < 1


DEFAULT_BAND = (Decimal("0.05"), Decimal("0.25"))


def test_default_total_band_is_five_to_twenty_five_percent():
    low, high = DEFAULT_TOTAL_BAND_PERCENT
    assert (low, high) == (5, 25)


def test_total_within_five_percent_earns_full_t():
    assert total_component(Decimal("0.05"), DEFAULT_BAND) == 1
    assert total_component(Decimal("0.0501"), DEFAULT_BAND) < 1


def test_total_twenty_five_percent_off_earns_no_t():
    assert total_component(Decimal("0.25"), DEFAULT_BAND) == 0
    assert total_component(Decimal("0.2499"), DEFAULT_BAND) > 0


def test_total_midway_earns_half_t():
    assert total_component(Decimal("0.15"), DEFAULT_BAND) == Decimal("0.5")


def test_t_follows_the_subtotals():
    trainee = golf_trainee()
    # sundries are not rounded: € 288,10 (10.0 % of the subtotal) more, exactly
    line(trainee, CLIPS)["amount"] = str(Decimal("18.40") + Decimal("288.10"))

    result = scored(golf_reference(), trainee)

    deviation = Decimal("288.10") / GOLF_SUBTOTAL
    assert result.total_deviation == deviation
    expected = (Decimal("0.25") - deviation) / Decimal("0.20")
    assert expected == result.components.T


def test_within_five_percent_the_total_earns_full_t_where_two_percent_did_not():
    # given: € 144,05 more (5.0 %), beyond schadescore/1's 2 % but within /2's 5 %
    trainee = golf_trainee()
    line(trainee, CLIPS)["amount"] = str(Decimal("18.40") + Decimal("144.05"))

    result = scored(golf_reference(), trainee)

    assert result.total_deviation <= Decimal("0.05")
    assert result.components.T == 1


def test_reference_sets_its_own_total_band():
    # given: the reference asks 2 %–10 %; the trainee is € 172,86 (6.0 %) over
    reference = golf_reference()
    reference["assess"]["total_band_percent"] = ["2", "10"]
    trainee = golf_trainee()
    line(trainee, CLIPS)["amount"] = str(Decimal("18.40") + Decimal("172.86"))

    result = scored(reference, trainee)

    deviation = Decimal("172.86") / GOLF_SUBTOTAL
    expected = (Decimal("0.10") - deviation) / Decimal("0.08")
    assert expected == result.components.T
    assert result.components.T < 1  # the default band would give full credit


def test_score_rounds_half_up():
    # 100 × (0.60 + 0.25 × 0.89 + 0.15) = 97.25
    assert final_score(Decimal(1), Decimal("0.89"), Decimal(1)) == Decimal("97.3")


# --- decisions ---------------------------------------------------------------------------


def test_bare_exercise_asks_only_the_total_loss_verdict_of_the_calculation():
    result = scored(golf_reference(), golf_trainee())

    assert result.decisions == {"economic_total_loss": (False, False)}
    assert result.components.D == 1


def test_stated_decisions_are_each_compared_with_the_reference():
    result = scored(
        golf_reference(),
        golf_trainee(),
        decisions={"economic_total_loss": False, "expert_required": True},
    )

    # used_parts_allowed unstated: not the same; expert_required differs
    decisions_component = result.components.D
    assert decisions_component == Decimal(1) / Decimal(3)
    assert result.critical_errors == ()


# --- critical errors ---------------------------------------------------------------------


def test_critical_line_left_out_is_missing_critical():
    reference = golf_reference()
    trainee = without_line(golf_trainee(), PARK)

    result = scored(reference, trainee)

    assert kinds(result) == [
        CriticalKind.MISSING_CRITICAL,
        CriticalKind.ADAS_CALIBRATION_MISSING,
    ]
    assert result.critical_errors[0].line_id == "9"
    assert result.passed is False
    assert result.score >= 70


def test_critical_line_with_wrong_operation_is_wrong_operation_critical():
    trainee = golf_trainee()
    radar = line(trainee, FRONT_RADAR)
    radar["operation"] = "remove_refit"
    del radar["sensor"]

    result = scored(golf_reference(), trainee)

    assert CriticalKind.WRONG_OPERATION_CRITICAL in kinds(result)
    error = next(e for e in result.critical_errors if e.kind == "wrong_operation_critical")
    assert error.line_id == "6"
    assert result.passed is False


def test_repair_of_a_part_the_reference_forbids_to_repair_is_critical():
    reference = golf_reference()
    line(reference, GRILLE)["repair_allowed"] = False
    trainee = golf_trainee()
    grille = line(trainee, GRILLE)
    for field in ("part_group", "unit_price"):
        del grille[field]
    grille["operation"] = "repair"

    result = scored(reference, trainee)

    assert kinds(result) == [CriticalKind.REPAIR_NOT_ALLOWED]
    assert result.critical_errors[0].line_id == "2"
    assert result.passed is False


def test_repair_the_trainee_itself_marks_forbidden_is_critical():
    trainee = with_line(
        golf_trainee(),
        code="5H0809605",
        description="A-stijl rechts",
        operation="repair",
        labour_units="40",
        repair_allowed=False,
    )

    result = scored(golf_reference(), trainee)

    assert kinds(result) == [CriticalKind.REPAIR_NOT_ALLOWED]


def test_calibration_warning_only_the_trainee_has_is_critical():
    reference = golf_reference()
    del line(reference, PARK)["assess"]  # not critical, so only the warning knocks out
    trainee = without_line(golf_trainee(), PARK)

    result = scored(reference, trainee)

    assert kinds(result) == [CriticalKind.ADAS_CALIBRATION_MISSING]
    assert result.critical_errors[0].line_id == "1"  # the bumper lists park_sensors


def test_calibration_warning_the_reference_has_too_is_not_critical():
    reference = without_line(golf_reference(), PARK)
    trainee = as_trainee(reference)

    result = scored(reference, trainee)

    assert result.critical_errors == ()


def test_calibration_warning_on_another_line_than_the_reference_is_the_same_warning():
    # given: both leave park_sensors uncalibrated; the trainee lists a second part with that
    # sensor first, so the engine warns on another line than in the reference
    reference = with_line(
        without_line(golf_reference(), PARK),
        code="5H0807217",
        description="Achterbumper",
        operation="remove_refit",
        labour_units="60",
        adas_sensors=["park_sensors"],
    )
    trainee = as_trainee(reference)
    trainee["lines"].insert(0, trainee["lines"].pop())

    # when
    result = scored(reference, trainee)

    # then
    assert result.critical_errors == ()


def test_each_uncalibrated_sensor_is_its_own_critical_error():
    reference = golf_reference()
    for code in (PARK, FRONT_RADAR):
        del line(reference, code)["assess"]
    trainee = without_line(without_line(golf_trainee(), PARK), FRONT_RADAR)

    result = scored(reference, trainee)

    assert kinds(result) == [CriticalKind.ADAS_CALIBRATION_MISSING] * 2


def test_a_warning_code_the_reference_has_too_is_no_knock_out_whatever_its_sensor():
    # given: the reference itself leaves park_sensors uncalibrated; the trainee leaves out both
    reference = without_line(golf_reference(), PARK)
    del line(reference, FRONT_RADAR)["assess"]
    trainee = without_line(as_trainee(reference), FRONT_RADAR)

    # when
    result = scored(reference, trainee)

    # then: schadescore/2 §6 compares by code ("whose code is not among the reference
    # calculation's warnings"): the reference warns ADAS_CALIBRATION_MISSING too, so neither of
    # the trainee's two is critical (schadescore/1 compared the sensor as well)
    assert CriticalKind.ADAS_CALIBRATION_MISSING not in kinds(result)
    # the forgotten radar calibration still costs its line
    assert line_result(result, FRONT_RADAR).verdict is Verdict.MISSING


def test_high_voltage_safety_left_out_is_critical():
    reference = golf_reference()
    reference["vehicle"]["powertrain"] = "PHEV"
    line(reference, BUMPER)["hv_zone"] = True
    with_line(
        reference,
        code="HV-SAFE",
        description="HV-systeem spanningsvrij maken",
        operation="hv_safety",
        labour_units="50",
    )
    trainee = without_line(as_trainee(reference), "HV-SAFE")

    result = scored(reference, trainee)

    assert kinds(result) == [CriticalKind.HV_SAFETY_MISSING]
    assert line_result(result, "HV-SAFE").verdict is Verdict.MISSING


def test_total_loss_verdict_other_than_the_reference_is_critical():
    # given: the trainee takes a far higher salvage bid, so its calculation says total loss
    trainee = golf_trainee()
    trainee["vehicle"]["residual_value"] = "20000.00"

    # when
    result = scored(golf_reference(), trainee)

    # then
    assert kinds(result) == [CriticalKind.TOTAL_LOSS_DECISION]
    assert result.critical_errors[0].line_id is None
    assert (result.components.L, result.components.T, result.components.D) == (1, 1, 0)
    assert result.score == Decimal("85.0")
    assert result.passed is False


def test_critical_errors_make_the_calculation_subscores_zero():
    result = scored(golf_reference(), without_line(golf_trainee(), PARK))

    assert result.subscores.work_processes["1.2"] == 0
    assert result.subscores.competence_areas["Organiseren en uitvoeren"] == 0
    assert result.subscores.work_processes["1.1"] == 100


def test_subscores_of_an_identical_calculation():
    data = scored(golf_reference(), golf_trainee()).to_json()["subscores"]

    assert data == {
        "work_processes": {"1.1": "100.0", "1.2": "100.0", "1.3": None, "1.4": None},
        "competence_areas": {
            "Analyseren en interpreteren": "100.0",
            "Organiseren en uitvoeren": "100.0",
            "Ondersteunen en samenwerken": None,
            "Interacteren, beïnvloeden en presenteren": None,
        },
    }


def test_work_preparation_subscore_is_the_unrounded_score():
    trainee = golf_trainee()
    line(trainee, BONNET)["labour_units"] = "320"

    result = scored(golf_reference(), trainee)

    assert result.subscores.work_processes["1.2"].quantize(Decimal("0.1")) == result.score


# --- refused input -----------------------------------------------------------------------


def test_unreadable_annotation_refuses_the_reference_with_its_path():
    reference = golf_reference()
    line(reference, BONNET)["assess"]["alternative_credit"] = "1.5"
    trainee = golf_trainee()
    del trainee["lines"][0]["unit_price"]

    with pytest.raises(InputError) as refused:
        score_documents(reference, trainee)

    paths = [error["path"] for error in refused.value.errors]
    assert paths[0] == "reference.lines[3].assess.alternative_credit"
    assert any(path.startswith("submission.lines[0]") for path in paths)


def test_unknown_decision_refuses_the_reference():
    reference = golf_reference()
    reference["decisions"]["write_off"] = True

    with pytest.raises(InputError) as refused:
        score_documents(reference, golf_trainee())

    assert [error["path"] for error in refused.value.errors] == ["reference.decisions.write_off"]


def test_scoring_package_imports_no_django():
    package = Path(__file__).resolve().parents[2] / "assessment" / "scoring"
    for source in package.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, source.name
