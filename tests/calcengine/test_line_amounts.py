"""`line_amounts`: the per-line figures the engine hands to printouts, outside the §5 JSON.

They are the figures `calculate` sums: for every golden case the lines add up to the estimate's
totals, to the cent, and the §5 output is left exactly as it was.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from calcengine import InputError, calculate, estimate, line_amounts, loads, parse
from calcengine.arithmetic import LABOUR_CATEGORIES
from cases.demo_files import case_files
from tests.calcengine.inputs import golden_input
from tests.shared import GOLDEN_DIR

OWN_GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
ZERO = Decimal(0)


def _with_lines(lines: list[dict]) -> dict:
    data = golden_input()
    data["lines"] = lines
    return data


def _golden_inputs() -> list[Path]:
    return sorted(GOLDEN_DIR.glob("*.input.json")) + sorted(OWN_GOLDEN_DIR.glob("*.input.json"))


def _computable(path: Path):
    try:
        return parse(loads(path.read_bytes()))
    except InputError:
        pytest.skip("refused input: no lines to compute")


@pytest.mark.parametrize("path", _golden_inputs(), ids=lambda p: p.name[: -len(".input.json")])
def test_the_lines_add_up_to_the_estimates_totals(path: Path):
    # given
    calc = _computable(path)

    # when
    lines = line_amounts(calc)
    result = calculate(calc)

    # then
    assert [line.id for line in lines] == [line.id for line in result.lines]
    assert sum((line.parts_gross for line in lines), ZERO) == result.parts.gross
    assert sum((line.parts_discount for line in lines), ZERO) == result.parts.discount
    assert sum((line.parts_net for line in lines), ZERO) == result.parts.net
    assert sum((line.subcontract for line in lines), ZERO) == result.subcontract
    assert sum((line.sundry for line in lines), ZERO) == result.sundries
    for category in LABOUR_CATEGORIES:
        assert (
            sum((line.labour_units for line in lines if line.labour_category == category), ZERO)
            == result.labour[category].units
        )
    per_calculation = (
        sum((result.labour[c].amount for c in LABOUR_CATEGORIES), ZERO)
        + result.paint.labour_amount
        + result.paint.material_amount
        + result.small_materials
        + result.disposal
    )
    assert sum((line.amount for line in lines), ZERO) + per_calculation == result.subtotal_excl_vat
    for mine, its in zip(lines, result.lines, strict=True):
        assert (mine.labour_units, mine.paint_units, mine.parts_net) == (
            its.labour_units,
            its.paint_units,
            its.parts_net,
        )


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.stem)
@pytest.mark.parametrize("reference", ["reference_precalc", "reference_final"])
def test_the_demo_references_add_up_too(path: Path, reference: str):
    calc = parse(json.loads(path.read_text(encoding="utf-8"))[reference])
    lines, result = line_amounts(calc), calculate(calc)

    assert sum((line.parts_net for line in lines), ZERO) == result.parts.net
    assert sum((line.subcontract for line in lines), ZERO) == result.subcontract
    assert sum((line.sundry for line in lines), ZERO) == result.sundries


def test_a_subcontract_line_carries_its_markup_and_a_sundry_its_amount():
    # given: markup 10 % on 123.45 is 135.795, half up 135.80 (§2.6)
    data = _with_lines(
        [
            {
                "id": "s",
                "code": "SUB",
                "description": "",
                "operation": "subcontract",
                "amount": "123.45",
            },
            {"id": "d", "code": "DIV", "description": "", "operation": "sundry", "amount": "7.10"},
        ]
    )
    data["rates"]["subcontract_markup_percent"] = "10"

    # when
    subcontract, sundry = line_amounts(parse(data))

    # then
    assert (subcontract.subcontract, subcontract.sundry, subcontract.amount) == (
        Decimal("135.80"),
        ZERO,
        Decimal("135.80"),
    )
    assert (sundry.subcontract, sundry.sundry, sundry.amount) == (
        ZERO,
        Decimal("7.10"),
        Decimal("7.10"),
    )


def test_only_a_replace_line_has_parts_and_labour_has_no_money_per_line():
    # given: a repair line that also carries a unit price (a known field, counted nowhere, §2.4)
    data = _with_lines(
        [
            {
                "id": "r",
                "code": "X",
                "description": "",
                "operation": "repair",
                "labour_units": "10",
                "unit_price": "100.00",
            },
            {
                "id": "v",
                "code": "Y",
                "description": "",
                "operation": "replace",
                "part_group": "body",
                "unit_price": "100.005",
                "quantity": "1",
                "labour_units": "0",
            },
        ]
    )
    data["vehicle"]["units_per_hour"] = 12
    data["rates"]["parts_discount"]["body"] = "8"

    # when
    repair, replace = line_amounts(parse(data))

    # then
    assert (repair.parts_gross, repair.parts_net, repair.amount) == (ZERO, ZERO, ZERO)
    assert repair.labour_category == "body"
    assert repair.labour_hours == Decimal(10) / Decimal(12)
    # gross round2(100.005) = 100.01, discount round2(8.0008) = 8.00
    assert (replace.parts_gross, replace.parts_discount, replace.parts_net) == (
        Decimal("100.01"),
        Decimal("8.00"),
        Decimal("92.01"),
    )
    assert replace.labour_category is None  # no labour units


def test_the_output_json_keeps_its_lines_as_the_contract_writes_them():
    output = estimate(golden_input())
    assert all(
        list(line) == ["id", "labour_units", "paint_units", "parts_net"] for line in output["lines"]
    )
