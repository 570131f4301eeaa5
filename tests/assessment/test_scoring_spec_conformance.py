"""Sentences of the scoring spec (shared docs/scoring-spec.md) that test_scoring_verdicts.py
left untested: the §7 example sentence, ties and split or merged lines in matching (§2), the
annotation's own alternative credit (§1), lines without compared figures, subcontract lines and
amounts at the tolerance (§3), empty calculations, the order of the result's lines and of its
critical errors, and the line JSON.

Inputs are the Golf case with one change each (see builders.py); its subtotal_excl_vat is
€ 2.881,02.
"""

from decimal import Decimal

from assessment.scoring import CriticalKind, Verdict, score_documents
from tests.assessment.builders import (
    BONNET,
    CLIPS,
    FRONT_RADAR,
    GRILLE,
    PARK,
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

# --- §7: the example sentence -------------------------------------------------------------


def test_spec_example_sentence_for_units_off():
    # given: §7's example, a rear bumper repaired at 25 AE where the reference has 18 AE
    reference = only_lines(golf_reference(), GRILLE)
    reference["lines"] = [
        {
            "id": "1",
            "code": "5H0807421",
            "description": "Achterbumper",
            "operation": "repair",
            "labour_units": "18",
        }
    ]
    trainee = as_trainee(reference)
    trainee["lines"][0]["labour_units"] = "25"

    # when
    bumper = scored(reference, trainee).lines[0]

    # then: d = 7 / 18 = 0.3889, beyond the default 10 %
    assert bumper.verdict is Verdict.UNITS_OFF
    assert bumper.explanation == (
        "Achterbumper hersteld (25 AE) waar de referentie 18 AE rekent: 39 % te hoog."
    )


# --- §2: matching -------------------------------------------------------------------------


def test_of_two_lines_with_the_reference_operation_the_first_wins():
    # given: a second bonnet repair placed before the trainee's own, with other units
    trainee = golf_trainee()
    first = {**line(trainee, BONNET), "id": "40", "labour_units": "320"}
    trainee["lines"].insert(0, first)

    # when
    result = scored(golf_reference(), trainee)

    # then: the first in the trainee's order wins, though the later one is right
    matched = line_result(result, BONNET, Verdict.UNITS_OFF)
    assert matched.trainee_line_id == "40"
    extra = line_result(result, BONNET, Verdict.EXTRA)
    assert extra.trainee_line_id == "4"
    assert "code 5H0823031 staat al op regel 40" in extra.explanation


def test_line_split_in_two_matches_the_same_operation_and_leaves_the_rest_extra():
    # given: the trainee splits the bonnet's repair + paint into a repair and a paint line
    trainee = golf_trainee()
    bonnet = line(trainee, BONNET)
    paint = bonnet.pop("paint")
    with_line(trainee, code=BONNET, description="Motorkap", operation="paint", paint=paint)

    # when
    result = scored(golf_reference(), trainee)

    # then: the repair answers the reference line, without paint (paint u = 0); the paint
    # line is extra and costs its paint at the reference's rates
    matched = line_result(result, BONNET, Verdict.UNITS_OFF)
    assert (matched.trainee_line_id, matched.u, matched.credit) == (
        "4",
        Decimal("0.5"),
        Decimal("0.75"),
    )
    extra = line_result(result, BONNET, Verdict.EXTRA)
    assert extra.trainee_line_id == "10"
    # 250 × 1.2 (repair_minor) × 1.00 (metallic) / 100 × € 72,50
    assert result.extra_cost == Decimal("217.50")


def test_reference_lines_merged_by_the_trainee_leave_one_missing():
    # given: the reference has the wing under one code twice (remove/refit and blend); the
    # trainee has only the blend
    reference = with_line(
        golf_reference(),
        code="5H0821106",
        description="Voorscherm rechts",
        operation="remove_refit",
        labour_units="40",
    )

    # when
    result = scored(reference, golf_trainee())

    # then
    wing = [item for item in result.lines if item.code == "5H0821106"]
    assert [(item.reference_line_id, item.trainee_line_id, item.verdict) for item in wing] == [
        ("5", "5", Verdict.CORRECT),
        ("10", None, Verdict.MISSING),
    ]


# --- §1 and §3: op, u and credit -----------------------------------------------------------


def test_alternative_credit_of_the_annotation_is_used():
    reference = golf_reference()
    line(reference, BONNET)["assess"]["alternative_credit"] = "0.8"
    trainee = golf_trainee()
    line(trainee, BONNET).update(operation="replace", part_group="body", unit_price="598.00")

    bonnet = line_result(scored(reference, trainee), BONNET)

    assert bonnet.verdict is Verdict.ALTERNATIVE
    assert (bonnet.op, bonnet.u, bonnet.credit) == (Decimal("0.8"), 1, Decimal("0.8"))
    assert "aanvaardbaar alternatief, 80 % van de punten." in bonnet.explanation


def test_annotation_numbers_may_be_json_numbers_read_as_the_calculation_reads_them():
    # 0.7 as a JSON number parsed by json.loads: a float, taken through str() as calcengine
    # takes one (calculation spec §1), not refused as an inexact binary fraction
    reference = golf_reference()
    line(reference, BONNET)["assess"]["alternative_credit"] = 0.7
    trainee = golf_trainee()
    line(trainee, BONNET).update(operation="replace", part_group="body", unit_price="598.00")

    data = score_documents(reference, trainee)

    bonnet = next(item for item in data["lines"] if item["code"] == BONNET)
    assert (bonnet["op"], bonnet["credit"]) == ("0.7000", "0.7000")


def test_alternative_with_zero_credit_on_a_critical_line_is_a_wrong_operation():
    reference = golf_reference()
    line(reference, FRONT_RADAR)["assess"].update(
        alternatives=["remove_refit"], alternative_credit="0"
    )
    trainee = golf_trainee()
    radar = line(trainee, FRONT_RADAR)
    radar["operation"] = "remove_refit"
    del radar["sensor"]

    result = scored(reference, trainee)

    radar_line = line_result(result, FRONT_RADAR)
    assert (radar_line.verdict, radar_line.op, radar_line.credit) == (
        Verdict.WRONG_OPERATION,
        0,
        0,
    )
    assert CriticalKind.WRONG_OPERATION_CRITICAL in kinds(result)


def test_line_without_compared_figures_has_full_unit_credit():
    # given: a reference replace with no labour units and no paint: nothing to compare
    reference = golf_reference()
    line(reference, GRILLE)["labour_units"] = "0"
    trainee = as_trainee(reference)
    line(trainee, GRILLE)["labour_units"] = "40"  # not compared: the reference has none

    grille = line_result(scored(reference, trainee), GRILLE)

    assert (grille.verdict, grille.u, grille.credit) == (Verdict.CORRECT, 1, 1)


def test_paint_only_on_the_trainee_line_earns_no_paint_credit():
    trainee = golf_trainee()
    line(trainee, GRILLE)["paint"] = {"mode": "new", "units": "50"}

    grille = line_result(scored(golf_reference(), trainee), GRILLE)

    # labour u = 1, paint u = 0 (the reference line has no paint)
    assert (grille.verdict, grille.u, grille.credit) == (
        Verdict.UNITS_OFF,
        Decimal("0.5"),
        Decimal("0.75"),
    )
    assert grille.explanation == (
        "Grille: lakwerk (nieuw deel (niveau I), 50 AE) waar de referentie geen lakwerk rekent."
    )


def test_paint_units_exactly_at_the_tolerance_earn_full_credit():
    trainee = golf_trainee()
    line(trainee, BONNET)["paint"]["units"] = "212.5"  # exactly 15 % below 250

    bonnet = line_result(scored(golf_reference(), trainee), BONNET)

    assert (bonnet.verdict, bonnet.u) == (Verdict.CORRECT, 1)


def test_sundry_amount_exactly_at_the_tolerance_earns_full_credit():
    trainee = golf_trainee()
    line(trainee, CLIPS)["amount"] = "20.24"  # exactly 10 % above 18.40, the default tolerance

    clips = line_result(scored(golf_reference(), trainee), CLIPS)

    assert (clips.verdict, clips.u) == (Verdict.CORRECT, 1)
    assert clips.explanation.endswith("10 % te hoog, binnen de tolerantie van 10 %.")


def test_subcontract_amount_is_compared_and_weighs_with_its_markup_unrounded():
    # given: € 85,55 with 10 % markup is € 94,105; the calculation charges € 94,11
    reference = with_line(
        golf_reference(),
        code="SUB-ALIGN",
        description="Uitlijnen",
        operation="subcontract",
        amount="85.55",
    )
    trainee = as_trainee(reference)
    line(trainee, "SUB-ALIGN")["amount"] = "94.11"  # 10.006 % above: beyond the tolerance

    # when
    result = scored(reference, trainee)

    # then
    assert result.reference_subtotal == Decimal("2881.02") + Decimal("94.11")
    align = line_result(result, "SUB-ALIGN")
    assert align.weight == Decimal("94.105") / result.reference_subtotal
    assert align.verdict is Verdict.UNITS_OFF
    assert Decimal(0) < align.u < 1


# --- empty calculations (no division by zero) ----------------------------------------------


def test_empty_reference_and_empty_submission_score_100():
    reference = golf_reference()
    reference["lines"] = []
    trainee = as_trainee(reference)

    result = scored(reference, trainee)

    assert result.reference_subtotal == 0
    assert (result.components.L, result.components.T, result.components.D) == (1, 1, 1)
    assert (result.score, result.passed, result.lines) == (Decimal("100.0"), True, ())


def test_empty_submission_misses_every_line():
    trainee = golf_trainee()
    trainee["lines"] = []

    result = scored(golf_reference(), trainee)

    assert {item.verdict for item in result.lines} == {Verdict.MISSING}
    # L = 0; the trainee's subtotal 0 deviates 100 %: T = 0; neither is total loss: D = 1
    assert (result.components.L, result.components.T, result.components.D) == (0, 0, 1)
    assert result.score == Decimal("15.0")
    assert kinds(result) == [CriticalKind.MISSING_CRITICAL] * 2


def test_lines_against_an_empty_reference_take_all_of_l():
    reference = golf_reference()
    reference["lines"] = []

    result = scored(reference, golf_trainee())

    assert {item.verdict for item in result.lines} == {Verdict.EXTRA}
    assert (result.extra_reduction, result.components.L, result.components.T) == (1, 0, 0)
    assert result.score == Decimal("15.0")


# --- the result's order and JSON --------------------------------------------------------------


def test_extra_lines_follow_the_reference_lines_in_the_trainee_order():
    # given: two extra lines placed first, and the trainee's lines otherwise reversed
    trainee = golf_trainee()
    trainee["lines"].reverse()
    trainee["lines"][:0] = [
        {
            "id": "30",
            "code": "SUND-B",
            "description": "Poetsen",
            "operation": "sundry",
            "amount": "20",
        },
        {"id": "20", "code": "SUND-A", "description": "Was", "operation": "sundry", "amount": "10"},
    ]

    result = scored(golf_reference(), trainee)

    assert [(item.reference_line_id, item.trainee_line_id) for item in result.lines] == [
        *[(str(number), str(number)) for number in range(1, 10)],
        (None, "30"),
        (None, "20"),
    ]


def test_critical_errors_are_listed_in_the_order_of_the_spec_table():
    # given: a repair the reference forbids, a critical calibration left out, total loss
    reference = golf_reference()
    line(reference, GRILLE)["repair_allowed"] = False
    trainee = without_line(golf_trainee(), PARK)
    grille = line(trainee, GRILLE)
    for field in ("part_group", "unit_price"):
        del grille[field]
    grille["operation"] = "repair"
    trainee["vehicle"]["residual_value"] = "20000.00"

    result = scored(reference, trainee)

    assert [(error.kind, error.line_id) for error in result.critical_errors] == [
        (CriticalKind.MISSING_CRITICAL, "9"),
        (CriticalKind.REPAIR_NOT_ALLOWED, "2"),
        (CriticalKind.ADAS_CALIBRATION_MISSING, "1"),
        (CriticalKind.TOTAL_LOSS_DECISION, None),
    ]


def test_total_loss_decision_stated_by_the_reference_is_the_one_compared():
    # given: the reference's decisions call it total loss, its own calculation does not
    reference = golf_reference()
    reference["decisions"]["economic_total_loss"] = True

    result = scored(reference, golf_trainee())

    assert result.decisions == {"economic_total_loss": (True, False)}
    assert result.components.D == 0
    assert kinds(result) == [CriticalKind.TOTAL_LOSS_DECISION]


def test_missing_and_extra_lines_in_json_have_null_fields():
    trainee = with_line(
        without_line(golf_trainee(), CLIPS),
        code="SUND-WAX",
        description="Conservering",
        operation="sundry",
        amount="100",
    )

    data = scored(golf_reference(), trainee).to_json()

    missing = next(item for item in data["lines"] if item["verdict"] == "missing")
    extra = next(item for item in data["lines"] if item["verdict"] == "extra")
    assert list(missing) == [
        "code",
        "reference_line_id",
        "trainee_line_id",
        "verdict",
        "op",
        "u",
        "credit",
        "weight",
        "points_lost",
        "explanation",
    ]
    assert (missing["trainee_line_id"], missing["op"], missing["u"], missing["credit"]) == (
        None,
        None,
        None,
        "0.0000",
    )
    assert (missing["weight"], missing["points_lost"]) == ("0.0200", "1.32")
    assert (extra["reference_line_id"], extra["op"], extra["u"], extra["credit"]) == (
        None,
        None,
        None,
        None,
    )
    assert extra["weight"] == "0.0347"  # 100 / 2881.02
    assert data["critical_errors"] == []
    assert data["passed"] is True


def test_pass_mark_applies_to_the_rounded_score():
    # given: everything right but a dearer grille (gross € 820,00, net € 754,40: € 605,04 over
    # the reference, dev 0.210009, T 0.199954), and only economic_total_loss of the three
    # decisions stated
    trainee = golf_trainee()
    line(trainee, GRILLE)["unit_price"] = "820.00"

    # when
    result = scored(golf_reference(), trainee, decisions={"economic_total_loss": False})

    # then: 100 × (0.60 + 0.25 × T + 0.15 / 3) = 69.9988…, shown and judged as 70.0
    unrounded = 100 * (
        Decimal("0.60") * result.components.L
        + Decimal("0.25") * result.components.T
        + Decimal("0.15") * result.components.D
    )
    assert Decimal("69.95") <= unrounded < 70
    assert result.score == Decimal("70.0")
    assert result.passed is True
