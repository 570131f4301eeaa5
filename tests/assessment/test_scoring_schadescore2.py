"""The rules that `schadescore/2` adds or changes (scoring spec §1–§9): alternatives as objects,
the three matching passes, `part_sources`, a calibration of another sensor, the units rule and
the total for pass-2 matches, the new knock-outs and their order, the line_id rule, validation.

Inputs are the Golf case of shared/cases/scoring with one change each (see builders.py); its
reference subtotal_excl_vat is € 2.881,02.
"""

from decimal import Decimal

import pytest

from assessment.scoring import CriticalKind, Verdict, score_documents
from assessment.scoring.credit import costing, line_cost
from calcengine import InputError
from tests.assessment.builders import (
    BONNET,
    BUMPER,
    FRONT_RADAR,
    GRILLE,
    PARK,
    WING,
    calculation,
    golf_reference,
    golf_trainee,
    kinds,
    line,
    line_result,
    scored,
    with_line,
    without_line,
)

HEADLAMP = "5H1941036"
HEADLAMP_KIT = "5H1998248"
UNDAMAGED_WING = "5H0821105"
GOLF_SUBTOTAL = Decimal("2881.02")


def _kit_instead_of_headlamp(trainee):
    """The trainee's headlamp line replaced by the repair kit the reference accepts (credit 1)."""
    headlamp = line(trainee, HEADLAMP)
    headlamp.update(
        code=HEADLAMP_KIT,
        description="Reparatieset bevestigingslip koplamp rechts",
        unit_price="38.90",
        labour_units="60",
    )
    return trainee


# --- §1: alternatives as objects, part_sources --------------------------------------------


def test_same_code_alternative_object_earns_its_own_credit():
    reference = golf_reference()
    line(reference, BONNET)["assess"]["alternatives"] = [{"operation": "replace", "credit": "0.8"}]
    trainee = golf_trainee()
    line(trainee, BONNET)["operation"] = "replace"
    line(trainee, BONNET).update(part_group="body", unit_price="598.00")

    bonnet = line_result(scored(reference, trainee), BONNET)

    assert bonnet.verdict is Verdict.ALTERNATIVE
    assert bonnet.op == Decimal("0.8")


def test_alternative_naming_a_part_source_fits_only_that_source():
    # given: repair, or a used bonnet at 0.7; the trainee fits a new OEM one
    reference = golf_reference()
    line(reference, BONNET)["assess"]["alternatives"] = [
        {"operation": "replace", "part_source": "used", "credit": "0.7"}
    ]
    trainee = golf_trainee()
    line(trainee, BONNET).update(operation="replace", part_group="body", unit_price="598.00")

    # when
    oem = line_result(scored(reference, trainee), BONNET)
    line(trainee, BONNET)["part_source"] = "used"
    used = line_result(scored(reference, trainee), BONNET)

    # then: matched in pass 1 by operation; §3 gives op only where the source fits
    assert (oem.verdict, oem.op) == (Verdict.WRONG_OPERATION, 0)
    assert (used.verdict, used.op) == (Verdict.ALTERNATIVE, Decimal("0.7"))


def test_part_sources_lists_the_sources_that_earn_full_credit():
    reference = golf_reference()
    line(reference, GRILLE)["assess"] = {"part_sources": ["used", "oem"]}
    trainee = golf_trainee()
    line(trainee, GRILLE)["part_source"] = "used"

    grille = line_result(scored(reference, trainee), GRILLE)

    assert grille.verdict is Verdict.CORRECT
    assert grille.op == 1


def test_another_part_source_earns_the_credit_of_a_replace_alternative_naming_it():
    reference = golf_reference()
    line(reference, GRILLE)["assess"] = {
        "alternatives": [{"operation": "replace", "part_source": "aftermarket", "credit": "0.8"}],
        "alternative_credit": "0.3",
    }
    trainee = golf_trainee()
    line(trainee, GRILLE)["part_source"] = "aftermarket"

    aftermarket = line_result(scored(reference, trainee), GRILLE)
    line(trainee, GRILLE)["part_source"] = "used"
    used = line_result(scored(reference, trainee), GRILLE)

    assert (aftermarket.verdict, aftermarket.op) == (Verdict.ALTERNATIVE, Decimal("0.8"))
    # no alternative names "used": the line's alternative_credit
    assert (used.verdict, used.op) == (Verdict.ALTERNATIVE, Decimal("0.3"))


def test_part_sources_default_to_the_reference_lines_own_source():
    reference = golf_reference()
    line(reference, GRILLE)["part_source"] = "aftermarket"
    trainee = golf_trainee()
    line(trainee, GRILLE)["part_source"] = "aftermarket"

    grille = line_result(scored(reference, trainee), GRILLE)
    line(trainee, GRILLE)["part_source"] = "oem"
    oem = line_result(scored(reference, trainee), GRILLE)

    assert grille.verdict is Verdict.CORRECT
    assert (oem.verdict, oem.op) == (Verdict.ALTERNATIVE, Decimal("0.5"))


# --- §2: the three passes ------------------------------------------------------------------


def test_pass_two_takes_an_alternative_of_another_code_with_full_credit_and_u_1():
    result = scored(golf_reference(), _kit_instead_of_headlamp(golf_trainee()))

    headlamp = line_result(result, HEADLAMP)
    assert headlamp.verdict is Verdict.ALTERNATIVE
    assert headlamp.trainee_line_id == "3"
    # 60 AE against 50 would be 20 % off: a pass-2 match compares no figures
    assert (headlamp.op, headlamp.u, headlamp.credit) == (1, 1, 1)
    assert headlamp.explanation == (
        "Koplamp LED rechts: Reparatieset bevestigingslip koplamp rechts (5H1998248) vervangen "
        "in plaats van 5H1941036: gelijkwaardig."
    )
    assert all(item.verdict is not Verdict.EXTRA for item in result.lines)


def test_pass_two_matches_a_dealers_calibration_and_says_so_in_the_spec_style():
    trainee = golf_trainee()
    radar = line(trainee, FRONT_RADAR)  # keeps "sensor": "front_radar"
    radar.update(code="SUB-CALIB-RADAR", operation="subcontract", amount="145.00")
    del radar["labour_units"]

    result = scored(golf_reference(), trainee)

    radar = line_result(result, FRONT_RADAR)
    assert (radar.verdict, radar.credit) == (Verdict.ALTERNATIVE, 1)
    assert radar.explanation == (
        "Frontradar kalibreren uitbesteed (werk derden) in plaats van zelf gekalibreerd: "
        "gelijkwaardig."
    )
    assert result.critical_errors == ()


def test_a_listed_subcontract_alternative_needs_the_same_sensor():
    # given: the dealer's line names the park sensors, not the front radar
    trainee = golf_trainee()
    radar = line(trainee, FRONT_RADAR)
    radar.update(code="SUB-CALIB-RADAR", operation="subcontract", amount="145.00")
    radar["sensor"] = "park_sensors"
    del radar["labour_units"]
    trainee = without_line(trainee, PARK)

    # when
    result = scored(golf_reference(), trainee)

    # then: it is the park sensors' calibration (always accepted), not the radar's
    assert line_result(result, PARK).verdict is Verdict.ALTERNATIVE
    assert line_result(result, PARK).trainee_line_id == "6"
    assert line_result(result, FRONT_RADAR).verdict is Verdict.MISSING
    assert kinds(result)[0] is CriticalKind.MISSING_CRITICAL


def test_an_unlisted_subcontract_naming_the_sensor_is_always_accepted_with_credit_1():
    # given: the park sensors calibrated by the dealer, no alternative listed for that line
    reference = golf_reference()
    line(reference, PARK)["assess"]["alternative_credit"] = "0.2"
    trainee = golf_trainee()
    park = line(trainee, PARK)
    park.update(code="SUB-PARK", operation="subcontract", amount="65.00")
    del park["labour_units"]

    park_result = line_result(scored(reference, trainee), PARK)

    assert (park_result.verdict, park_result.op, park_result.credit) == (
        Verdict.ALTERNATIVE,
        1,
        1,
    )


def test_a_subcontract_without_a_sensor_is_no_calibration():
    trainee = golf_trainee()
    park = line(trainee, PARK)
    park.update(code="SUB-PARK", operation="subcontract", amount="65.00")
    del park["labour_units"]
    del park["sensor"]

    result = scored(golf_reference(), trainee)

    assert line_result(result, PARK).verdict is Verdict.MISSING
    assert line_result(result, "SUB-PARK").verdict is Verdict.EXTRA
    assert CriticalKind.MISSING_CRITICAL in kinds(result)


def test_a_same_code_line_with_an_unrelated_operation_no_longer_blocks_the_other_code():
    # given: the trainee removes and refits the old headlamp and fits the repair kit
    trainee = _kit_instead_of_headlamp(golf_trainee())
    with_line(
        trainee,
        code=HEADLAMP,
        description="Koplamp rechts uit- en inbouwen",
        operation="remove_refit",
        labour_units="20",
    )

    # when
    result = scored(golf_reference(), trainee)

    # then: pass 2 takes the kit; the same-code line, matched in no pass, is extra
    assert line_result(result, HEADLAMP, Verdict.ALTERNATIVE).trainee_line_id == "3"
    assert line_result(result, HEADLAMP, Verdict.EXTRA).trainee_line_id == "10"


def test_pass_three_takes_a_same_code_line_of_any_operation_with_op_0():
    trainee = golf_trainee()
    line(trainee, GRILLE).update(operation="repair")
    for key in ("part_group", "unit_price"):
        del line(trainee, GRILLE)[key]

    grille = line_result(scored(golf_reference(), trainee), GRILLE)

    assert (grille.verdict, grille.op, grille.credit) == (Verdict.WRONG_OPERATION, 0, 0)
    assert grille.trainee_line_id == "2"


def test_a_calibration_of_another_sensor_earns_op_0_and_is_critical_on_the_trainee_line():
    trainee = golf_trainee()
    line(trainee, FRONT_RADAR)["sensor"] = "front_camera"

    result = scored(golf_reference(), trainee)

    radar = line_result(result, FRONT_RADAR)
    assert (radar.verdict, radar.op, radar.credit) == (Verdict.WRONG_OPERATION, 0, 0)
    assert "front_camera" in radar.explanation
    wrong = [e for e in result.critical_errors if e.kind is CriticalKind.WRONG_OPERATION_CRITICAL]
    assert [e.line_id for e in wrong] == ["6"]


def test_wrong_operation_critical_carries_the_trainees_line_id():
    # given: the trainee's radar calibration sits on line 60, done as a repair
    trainee = golf_trainee()
    radar = line(trainee, FRONT_RADAR)
    radar.update(id="60", operation="remove_refit")
    del radar["sensor"]

    result = scored(golf_reference(), trainee)

    wrong = [e for e in result.critical_errors if e.kind is CriticalKind.WRONG_OPERATION_CRITICAL]
    assert [e.line_id for e in wrong] == ["60"]


# --- §4: the total, adjusted for pass-2 matches -------------------------------------------


def test_reference_total_is_adjusted_for_work_done_another_way():
    # given: the repair kit (€ 38,90 + 60 AE electrical) instead of the lamp (€ 1.146,80 + 50 AE)
    reference, trainee = golf_reference(), _kit_instead_of_headlamp(golf_trainee())

    # when
    result = scored(reference, trainee)

    # then: R = S − cost(lamp) + cost(kit); the trainee's subtotal is compared with it
    ref_calc, trainee_calc = calculation(reference), calculation(trainee)
    at = costing(ref_calc.vehicle, ref_calc.rates)
    lamp = line_cost(next(x for x in ref_calc.lines if x.code == HEADLAMP), at)
    kit = line_cost(next(x for x in trainee_calc.lines if x.code == HEADLAMP_KIT), at)
    assert result.reference_total == GOLF_SUBTOTAL - lamp + kit
    assert result.total_deviation < Decimal("0.01")
    assert result.components.T == 1
    # unadjusted, the kit would put the trainee 37 % under the reference: no T at all
    assert (GOLF_SUBTOTAL - result.trainee_subtotal) / GOLF_SUBTOTAL > Decimal("0.25")


def test_pass_one_matches_leave_the_reference_total_as_it_is():
    trainee = golf_trainee()
    line(trainee, BONNET)["labour_units"] = "320"

    result = scored(golf_reference(), trainee)

    assert result.reference_total == GOLF_SUBTOTAL


# --- §6: the new knock-outs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        lambda rates: rates["labour"].update(body="72.5"),  # "72.50" == "72.5"
        lambda rates: rates["labour"].update(body=72.5),  # a JSON number with the same decimal
        lambda rates: rates.update(vat_percent=21),  # "21" == 21
        lambda rates: rates.update(paint_setup_hours="1.20"),
    ],
    ids=["trailing-zero", "json-number", "integer", "trailing-zero-hours"],
)
def test_rates_equal_as_decimals_are_not_different(change):
    trainee = golf_trainee()
    change(trainee["rates"])

    result = scored(golf_reference(), trainee)

    assert CriticalKind.RATES_DIFFER not in kinds(result)


SCHEME = [
    {"from_month": 1, "to_month": 12, "percent_per_month": "1.5"},
    {"from_month": 13, "to_month": 60, "percent_per_month": "1"},
]


@pytest.mark.parametrize(
    ("reference_change", "trainee_change"),
    [
        (None, lambda rates: rates["labour"].update(body="79.00")),
        (None, lambda rates: rates.update(owner_deducts_vat=True)),
        (None, lambda rates: rates.update(new_value_scheme=SCHEME)),  # missing on one side
        (
            lambda rates: rates.update(new_value_scheme=SCHEME),
            lambda rates: rates.update(new_value_scheme=SCHEME[:1]),  # length
        ),
        (
            lambda rates: rates.update(new_value_scheme=SCHEME),
            lambda rates: rates.update(
                new_value_scheme=[SCHEME[0], {**SCHEME[1], "percent_per_month": "1.1"}]
            ),  # an element
        ),
    ],
    ids=["labour", "boolean", "missing-list", "list-length", "list-element"],
)
def test_rates_that_differ_are_one_knock_out_without_a_line(reference_change, trainee_change):
    reference, trainee = golf_reference(), golf_trainee()
    if reference_change is not None:
        reference_change(reference["rates"])
        reference_change(trainee["rates"])
    trainee_change(trainee["rates"])

    result = scored(reference, trainee)

    errors = [e for e in result.critical_errors if e.kind is CriticalKind.RATES_DIFFER]
    assert len(errors) == 1
    assert errors[0].line_id is None
    assert result.passed is False


def test_equal_lists_of_rates_are_compared_element_by_element():
    reference, trainee = golf_reference(), golf_trainee()
    reference["rates"]["new_value_scheme"] = SCHEME
    trainee["rates"]["new_value_scheme"] = [
        {**SCHEME[0], "percent_per_month": "1.50"},
        {**SCHEME[1], "percent_per_month": 1},
    ]

    assert CriticalKind.RATES_DIFFER not in kinds(scored(reference, trainee))


def test_part_source_not_allowed_is_one_knock_out_per_trainee_line():
    trainee = golf_trainee()
    line(trainee, GRILLE)["part_source"] = "used"
    line(trainee, BUMPER)["part_source"] = "used"

    result = scored(golf_reference(), trainee)

    errors = [e for e in result.critical_errors if e.kind is CriticalKind.PART_SOURCE_NOT_ALLOWED]
    assert [e.line_id for e in errors] == ["1", "2"]  # in the trainee's line order


def test_every_part_source_is_allowed_without_part_sources_allowed():
    reference = golf_reference()
    del reference["assess"]["part_sources_allowed"]
    trainee = golf_trainee()
    line(trainee, GRILLE)["part_source"] = "used"

    assert CriticalKind.PART_SOURCE_NOT_ALLOWED not in kinds(scored(reference, trainee))


def test_an_absent_part_source_is_oem_for_part_sources_allowed():
    reference = golf_reference()
    reference["assess"]["part_sources_allowed"] = ["used"]

    result = scored(reference, golf_trainee())

    errors = [e for e in result.critical_errors if e.kind is CriticalKind.PART_SOURCE_NOT_ALLOWED]
    assert [e.line_id for e in errors] == ["1", "2", "3"]  # the three replace lines


@pytest.mark.parametrize(
    ("operation", "fields", "critical"),
    [
        ("paint", {"paint": {"mode": "blend", "units": "120"}}, True),
        ("repair", {"labour_units": "40"}, True),
        ("remove_refit", {"labour_units": "40"}, False),
    ],
)
def test_work_on_an_undamaged_part_is_a_knock_out_for_replace_repair_and_paint(
    operation, fields, critical
):
    trainee = with_line(
        golf_trainee(),
        code=UNDAMAGED_WING,
        description="Voorscherm links",
        operation=operation,
        **fields,
    )

    result = scored(golf_reference(), trainee)

    errors = [e for e in result.critical_errors if e.kind is CriticalKind.UNDAMAGED_PART_WORKED]
    assert [e.line_id for e in errors] == (["10"] if critical else [])


def test_a_matched_line_on_a_code_listed_undamaged_is_no_knock_out():
    # only an extra line counts: here the reference itself paints the listed part
    reference = golf_reference()
    reference["assess"]["undamaged"] = [WING]

    result = scored(reference, golf_trainee())

    assert CriticalKind.UNDAMAGED_PART_WORKED not in kinds(result)


def test_critical_errors_follow_the_order_of_the_table():
    # given: a trainee who makes every kind of mistake at once, listed in reverse
    reference = golf_reference()
    line(reference, BONNET)["repair_allowed"] = False
    trainee = golf_trainee()
    with_line(
        trainee,
        code=UNDAMAGED_WING,
        description="Voorscherm links",
        operation="repair",
        labour_units="40",
    )
    line(trainee, GRILLE)["part_source"] = "used"
    trainee["rates"]["labour"]["body"] = "79.00"
    trainee["vehicle"]["residual_value"] = "20000.00"  # says total loss
    trainee = without_line(trainee, FRONT_RADAR)
    line(trainee, PARK)["sensor"] = "front_camera"

    # when
    result = scored(reference, trainee)

    # then
    assert kinds(result) == [
        CriticalKind.MISSING_CRITICAL,
        CriticalKind.WRONG_OPERATION_CRITICAL,
        CriticalKind.REPAIR_NOT_ALLOWED,
        CriticalKind.ADAS_CALIBRATION_MISSING,
        CriticalKind.ADAS_CALIBRATION_MISSING,
        CriticalKind.TOTAL_LOSS_DECISION,
        CriticalKind.RATES_DIFFER,
        CriticalKind.PART_SOURCE_NOT_ALLOWED,
        CriticalKind.UNDAMAGED_PART_WORKED,
    ]
    by_kind = {e.kind: e.line_id for e in result.critical_errors}
    assert by_kind[CriticalKind.MISSING_CRITICAL] == "6"  # the reference's: no trainee line
    assert by_kind[CriticalKind.WRONG_OPERATION_CRITICAL] == "9"  # the trainee's
    assert by_kind[CriticalKind.TOTAL_LOSS_DECISION] is None
    assert by_kind[CriticalKind.RATES_DIFFER] is None


# --- §8: refused input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (
            lambda ref: line(ref, HEADLAMP)["assess"]["alternatives"][0].update(credit="1.5"),
            "reference.lines[2].assess.alternatives[0].credit",
        ),
        (
            lambda ref: line(ref, HEADLAMP)["assess"]["alternatives"][0].update(price="1"),
            "reference.lines[2].assess.alternatives[0].price",
        ),
        (
            lambda ref: line(ref, HEADLAMP)["assess"]["alternatives"].append("polish"),
            "reference.lines[2].assess.alternatives[1]",
        ),
        (
            lambda ref: line(ref, GRILLE).update(assess={"part_sources": ["new"]}),
            "reference.lines[1].assess.part_sources[0]",
        ),
        (
            lambda ref: ref["assess"].update(total_band_percent=["25", "5"]),
            "reference.assess.total_band_percent",
        ),
        (
            lambda ref: ref["assess"].update(part_sources_allowed="oem"),
            "reference.assess.part_sources_allowed",
        ),
        (lambda ref: ref["assess"].update(severity="high"), "reference.assess.severity"),
        (lambda ref: ref["lines"][1].update(code=""), "reference.lines[1].code"),
    ],
)
def test_refused_reference_names_the_path(change, path):
    reference = golf_reference()
    change(reference)

    with pytest.raises(InputError) as refused:
        score_documents(reference, golf_trainee())

    assert [error["path"] for error in refused.value.errors] == [path]


def test_both_sides_are_validated_and_refused_as_a_whole():
    reference, trainee = golf_reference(), golf_trainee()
    reference["lines"][2]["code"] = ""
    trainee["lines"][0]["unit_price"] = "-1"

    with pytest.raises(InputError) as refused:
        score_documents(reference, trainee)

    assert [error["path"] for error in refused.value.errors] == [
        "reference.lines[2].code",
        "submission.lines[0].unit_price",
    ]


def test_the_submissions_own_assess_and_decisions_are_not_read():
    trainee = golf_trainee()
    trainee["assess"] = {"undamaged": "not even a list"}
    trainee["decisions"] = {"economic_total_loss": True}
    line(trainee, GRILLE)["assess"] = {"critical": "maybe"}

    result = score_documents(golf_reference(), trainee)

    assert result["score"] == "100.0"
