"""`rescore(result, overrides)`: the assessor's line overrides as an input of the pure scorer
(assessment/scoring/rescoring.py), and the package's purity.

The machine's result is the stored form (`to_json(exact=True)`), as a grade keeps it.
"""

import ast
from decimal import Decimal

import pytest

from assessment.scoring import Override, Verdict, rescore
from assessment.scoring.components import LINE_POINTS, final_score
from tests.assessment.builders import (
    BONNET,
    CLIPS,
    FRONT_RADAR,
    GRILLE,
    golf_reference,
    golf_trainee,
    line,
    scored,
    with_line,
    without_line,
)
from tests.calcengine.test_purity import (
    FORBIDDEN,
    _imported_modules,
    import_every_module,
    module_files,
)
from tests.shared import REPO_ROOT

UNDAMAGED_WING = "5H0821105"


def stored(trainee, reference=None):
    """The machine's result as a grade stores it, and the exact result beside it."""
    result = scored(reference or golf_reference(), trainee)
    return result.to_json(exact=True), result


def effective_line(effective, key):
    return next(item for item in effective["lines"] if item["key"] == key)


def bonnet_units_off():
    trainee = golf_trainee()
    line(trainee, BONNET)["labour_units"] = "320"  # units_off, credit 0.9071
    return trainee


# --- without overrides, the machine's figures stand ---------------------------------------


def test_without_overrides_the_machines_figures_stand_exactly():
    data, _ = stored(bonnet_units_off())

    effective = rescore(data, {})

    assert effective["overridden"] is False
    for key in ("spec", "score", "passed", "components", "critical_errors", "subscores"):
        assert effective[key] == data[key], key
    assert [item["points_lost"] for item in effective["lines"]] == [
        item["points_lost"] for item in data["lines"]
    ]


def test_overriding_to_the_machines_own_verdict_changes_nothing():
    data, _ = stored(bonnet_units_off())

    effective = rescore(data, {"4": Override("units_off")})

    assert effective["overridden"] is False
    assert effective["score"] == data["score"]


def test_each_line_names_its_key_and_the_machines_verdict():
    data, _ = stored(
        with_line(
            golf_trainee(), code="X", description="Poetsen", operation="sundry", amount="30.00"
        )
    )

    effective = rescore(data, {"4": "missing"})

    assert [item["key"] for item in effective["lines"]][-1] == "extra:10"
    bonnet = effective_line(effective, "4")
    assert (bonnet["machine_verdict"], bonnet["verdict"], bonnet["overridden"]) == (
        "correct",
        "missing",
        True,
    )


# --- the same formula as the scorer --------------------------------------------------------


def test_an_override_rescored_equals_the_machine_scoring_that_outcome():
    # given: the bonnet forgotten, scored by the machine; and the same bonnet present but
    # overridden to `missing` by the assessor
    forgotten, _ = stored(without_line(golf_trainee(), BONNET))
    present, _ = stored(golf_trainee())

    # when
    effective = rescore(present, {"4": Override("missing")})

    # then: L and the bonnet's points are exactly the machine's for a missing line; T and D,
    # which no verdict changes, stay those of the calculation the trainee made
    assert effective["components"]["L"] == forgotten["components"]["L"]
    assert effective["components"]["T"] == present["components"]["T"]
    assert effective_line(effective, "4")["points_lost"] == next(
        item["points_lost"] for item in forgotten["lines"] if item["code"] == BONNET
    )
    expected = final_score(
        Decimal(forgotten["basis"]["L"]), Decimal(present["basis"]["T"]), Decimal(1)
    )
    assert effective["score"] == str(expected)


def test_rescore_works_from_the_exact_figures_not_the_shown_ones():
    data, result = stored(bonnet_units_off())

    effective = rescore(data, {"2": Override("missing")})

    grille = next(item for item in result.lines if item.code == GRILLE)
    weight_sum = sum(item.weight for item in result.lines if item.reference_line_id)
    lines = result.components.L - grille.weight / weight_sum  # the grille's credit was 1
    expected = final_score(lines, result.components.T, result.components.D)
    assert effective["score"] == str(expected)
    assert effective_line(effective, "2")["points_lost"] == str(
        (LINE_POINTS * grille.weight / weight_sum).quantize(Decimal("0.01"))
    )


def test_an_extra_line_judged_needed_no_longer_reduces_l():
    trainee = with_line(
        golf_trainee(), code="X", description="Poetsen", operation="sundry", amount="100.00"
    )
    data, result = stored(trainee)
    assert result.components.L < 1

    effective = rescore(data, {"extra:10": Override("correct")})

    assert effective["components"]["L"] == "1.0000"
    assert effective["score"] == "100.0"
    assert effective_line(effective, "extra:10")["points_lost"] == "0.00"


# --- override semantics --------------------------------------------------------------------


def test_accepting_a_line_as_alternative_never_costs_points_the_machine_gave():
    # given: the machine says units_off with credit 0.9071, more than the alternative's 0.5
    data, result = stored(bonnet_units_off())

    # when
    effective = rescore(data, {"4": Override("alternative")})

    # then: the credit stays the machine's, and so does the score
    bonnet = effective_line(effective, "4")
    assert bonnet["verdict"] == "alternative"
    assert bonnet["credit"] == "0.9071"
    assert effective["score"] == data["score"]
    assert Decimal(effective["score"]) == result.score


def test_alternative_raises_a_line_to_its_alternative_credit():
    data, _ = stored(without_line(golf_trainee(), CLIPS))

    effective = rescore(data, {"8": Override("alternative")})

    assert effective_line(effective, "8")["credit"] == "0.5000"
    assert Decimal(effective["score"]) > Decimal(data["score"])


def test_an_explicit_credit_is_the_lines_credit_even_below_the_machines():
    data, _ = stored(bonnet_units_off())

    effective = rescore(data, {"4": Override("alternative", Decimal("0.25"))})

    bonnet = effective_line(effective, "4")
    assert (bonnet["credit"], bonnet["override_credit"]) == ("0.2500", "0.2500")
    assert Decimal(effective["score"]) < Decimal(data["score"])


def test_an_explicit_credit_with_the_machines_verdict_is_an_override():
    data, _ = stored(bonnet_units_off())

    effective = rescore(data, {"4": Override("units_off", Decimal("1"))})

    assert effective["overridden"] is True
    assert effective_line(effective, "4")["credit"] == "1.0000"


@pytest.mark.parametrize(
    ("verdict", "credit"),
    [("correct", "1.0000"), ("units_off", "0.7500"), ("wrong_operation", "0.0000")],
)
def test_other_verdicts_keep_their_credit(verdict, credit):
    data, _ = stored(without_line(golf_trainee(), CLIPS))

    effective = rescore(data, {"8": Override(verdict)})

    assert effective_line(effective, "8")["credit"] == credit


# --- knock-outs ------------------------------------------------------------------------------


def test_a_critical_line_judged_missing_gets_the_knock_out():
    data, _ = stored(golf_trainee())

    effective = rescore(data, {"6": Override(Verdict.MISSING)})

    assert [(e["kind"], e["line_id"]) for e in effective["critical_errors"]] == [
        ("missing_critical", "6")
    ]
    assert effective["passed"] is False


def test_a_critical_line_judged_wrongly_done_carries_the_trainees_line_id():
    trainee = golf_trainee()
    line(trainee, FRONT_RADAR)["id"] = "60"
    data, _ = stored(trainee)

    effective = rescore(data, {"6": Override(Verdict.WRONG_OPERATION)})

    assert [(e["kind"], e["line_id"]) for e in effective["critical_errors"]] == [
        ("wrong_operation_critical", "60")
    ]


def test_a_missing_critical_line_judged_correct_loses_the_knock_out_but_not_the_warning():
    data, _ = stored(without_line(golf_trainee(), FRONT_RADAR))
    assert [e["kind"] for e in data["critical_errors"]] == [
        "missing_critical",
        "adas_calibration_missing",
    ]

    effective = rescore(data, {"6": Override(Verdict.CORRECT)})

    assert [e["kind"] for e in effective["critical_errors"]] == ["adas_calibration_missing"]


def test_an_undamaged_part_judged_needed_loses_its_knock_out():
    trainee = with_line(
        golf_trainee(),
        code=UNDAMAGED_WING,
        description="Voorscherm links",
        operation="paint",
        paint={"mode": "blend", "units": "120"},
    )
    data, _ = stored(trainee)
    assert [e["kind"] for e in data["critical_errors"]] == ["undamaged_part_worked"]

    effective = rescore(data, {"extra:10": Override(Verdict.CORRECT)})

    assert effective["critical_errors"] == []
    assert effective["passed"] is True


# --- a result of the previous spec ----------------------------------------------------------


def test_a_schadescore_1_result_is_rescored_under_its_own_figures():
    # given: a grade stored under schadescore/1: rounded figures and line_meta, no basis
    data, _ = stored(bonnet_units_off())
    old = {key: value for key, value in data.items() if key != "basis"}
    old["spec"] = "schadescore/1"
    old["lines"] = [{k: v for k, v in item.items() if k != "basis"} for item in data["lines"]]
    old["line_meta"] = {"6": {"critical": True, "alternative_credit": "0.5"}}

    # when
    untouched = rescore(old, {})
    effective = rescore(old, {"6": Override("missing")})

    # then: shown as stored, and re-scored with the same formula
    assert (untouched["spec"], untouched["score"]) == ("schadescore/1", data["score"])
    assert effective["spec"] == "schadescore/1"
    assert [e["kind"] for e in effective["critical_errors"]] == ["missing_critical"]
    assert Decimal(effective["score"]) < Decimal(data["score"])


# --- purity --------------------------------------------------------------------------------


def test_scoring_package_imports_no_django_drf_or_wagtail():
    modules = sorted((REPO_ROOT / "assessment" / "scoring").rglob("*.py"))
    assert modules
    offenders = [
        f"{path.relative_to(REPO_ROOT)}: {name}"
        for path in modules
        for name in _imported_modules(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        if name.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


@pytest.mark.slow
def test_importing_the_scoring_package_loads_no_django():
    # when: every module of the package is imported in a fresh interpreter
    found = import_every_module("assessment.scoring")
    # then
    assert sorted(found["imported"]) == module_files("assessment/scoring")
    assert found["loaded"] == []
