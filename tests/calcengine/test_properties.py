"""Properties that hold for every valid input, and refusal (never a crash) for invalid ones."""

from __future__ import annotations

import copy
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calcengine import InputError, calculate, estimate, loads, parse
from tests.calcengine.inputs import golden_input

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _decimal_text(max_units: int, places: int = 2) -> st.SearchStrategy[str]:
    scale = 10**places
    return st.integers(0, max_units * scale).map(lambda n: str(Decimal(n) / scale))


money = _decimal_text(5_000)
units = _decimal_text(400, places=1)
percent = _decimal_text(100, places=1)
factor = _decimal_text(3, places=2)

_OPERATIONS = (
    "replace",
    "repair",
    "remove_refit",
    "paint",
    "calibrate",
    "hv_safety",
    "subcontract",
    "sundry",
)


@st.composite
def lines(draw: st.DrawFn, max_size: int = 12) -> list[dict[str, Any]]:
    result = []
    for index in range(draw(st.integers(0, max_size))):
        operation = draw(st.sampled_from(_OPERATIONS))
        line: dict[str, Any] = {
            "id": f"L{index}",
            "code": draw(st.sampled_from(["A", "B", "C", "D"])),
            "description": "Regel",
            "operation": operation,
        }
        if operation in ("replace", "repair", "remove_refit", "calibrate", "hv_safety"):
            positive = operation == "repair"
            line["labour_units"] = draw(
                units.filter(lambda u, positive=positive: not positive or Decimal(u) > 0)
            )
            if draw(st.booleans()):
                line["labour_category"] = draw(
                    st.sampled_from(["body", "mechanical", "electrical"])
                )
        if operation == "replace":
            line["part_group"] = draw(
                st.sampled_from(["body", "mechanical", "electrical", "glass", "trim", "other"])
            )
            line["unit_price"] = draw(money)
            line["quantity"] = draw(st.sampled_from(["1", "2", "0.5", 3]))
            line["part_source"] = draw(st.sampled_from(["oem", "used", "aftermarket"]))
        if operation == "calibrate":
            line["sensor"] = draw(st.sampled_from(["front_camera", "rear_radar"]))
        if operation in ("subcontract", "sundry"):
            line["amount"] = draw(money)
        if operation == "paint" or (
            operation in ("replace", "repair", "remove_refit") and draw(st.booleans())
        ):
            line["paint"] = {
                "mode": draw(
                    st.sampled_from(["new", "surface", "repair_minor", "repair_major", "blend"])
                ),
                "units": draw(units),
            }
        if operation in ("replace", "repair", "remove_refit"):
            line["adas_sensors"] = draw(
                st.lists(st.sampled_from(["front_camera", "rear_radar", "lidar"]), max_size=2)
            )
            line["hv_zone"] = draw(st.booleans())
        result.append(line)
    return result


@st.composite
def valid_inputs(draw: st.DrawFn) -> dict[str, Any]:
    data = golden_input("model3-rear-ev" if draw(st.booleans()) else "golf-front-low-speed")
    rates = data["rates"]
    for category in rates["labour"]:
        rates["labour"][category] = draw(money)
    for group in rates["parts_discount"]:
        rates["parts_discount"][group] = draw(percent)
    rates["used_parts_discount"] = draw(percent)
    rates["paint_type_labour_factor"][data["vehicle"]["paint_type"]] = draw(factor)
    rates["small_materials_percent"] = draw(percent)
    rates["owner_deducts_vat"] = draw(st.booleans())
    data["vehicle"]["units_per_hour"] = draw(st.sampled_from([10, 12, 100]))
    data["lines"] = draw(lines())
    return data


def _totals(output: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in output.items() if key not in ("lines", "warnings")}


@PROPERTY_SETTINGS
@given(valid_inputs())
def test_totals_add_up(data: dict[str, Any]):
    result = calculate(parse(data))
    assert result.total_incl_vat == result.subtotal_excl_vat + result.vat
    parts = (
        sum(labour.amount for labour in result.labour.values())
        + result.paint.labour_amount
        + result.paint.material_amount
        + result.parts.net
        + result.small_materials
        + result.subcontract
        + result.sundries
        + result.disposal
    )
    assert result.subtotal_excl_vat == parts
    assert result.parts.net == sum(line.parts_net for line in result.lines)
    output = estimate(data)
    assert Decimal(output["total_incl_vat"]) == Decimal(output["subtotal_excl_vat"]) + Decimal(
        output["vat"]
    )


@PROPERTY_SETTINGS
@given(valid_inputs(), st.randoms(use_true_random=False))
def test_reordering_lines_changes_no_total(data: dict[str, Any], random):
    shuffled = copy.deepcopy(data)
    random.shuffle(shuffled["lines"])
    assert _totals(estimate(shuffled)) == _totals(estimate(data))


@PROPERTY_SETTINGS
@given(valid_inputs(), lines(max_size=1).filter(bool))
def test_adding_a_line_never_lowers_the_subtotal(data: dict[str, Any], extra: list):
    before = calculate(parse(data)).subtotal_excl_vat
    extra[0]["id"] = "extra"
    data["lines"].append(extra[0])
    assert calculate(parse(data)).subtotal_excl_vat >= before


@PROPERTY_SETTINGS
@given(valid_inputs())
def test_calculation_without_lines_is_zero(data: dict[str, Any]):
    data["lines"] = []
    output = estimate(data)
    money_fields = [
        output[key]
        for key in (
            "small_materials",
            "subcontract",
            "sundries",
            "disposal",
            "subtotal_excl_vat",
            "vat",
            "total_incl_vat",
        )
    ]
    money_fields += [labour["amount"] for labour in output["labour"].values()]
    money_fields += [
        output["paint"]["labour_amount"],
        output["paint"]["material_amount"],
        *output["parts"].values(),
    ]
    assert set(money_fields) == {"0.00"}
    assert output["repair_days"] == 0
    assert output["total_loss"]["economic_total_loss"] is False


@PROPERTY_SETTINGS
@given(valid_inputs(), st.integers(100, 10**8).map(lambda cents: Decimal(cents) / 100))
def test_total_loss_verdict_flips_exactly_at_the_threshold(data: dict[str, Any], residual: Decimal):
    # A margin car: value and residual count as given whether or not the owner reclaims VAT
    # (§2.11), so the threshold is exactly their difference.
    data["vehicle"]["margin_scheme"] = True
    compared = calculate(parse(data)).total_loss.compared
    data["vehicle"]["value_before_damage"] = str(compared + residual)

    data["vehicle"]["residual_value"] = str(residual)  # threshold == compared
    assert calculate(parse(data)).total_loss.economic_total_loss is False

    data["vehicle"]["residual_value"] = str(residual + Decimal("0.01"))  # threshold one cent lower
    assert calculate(parse(data)).total_loss.economic_total_loss is True


@PROPERTY_SETTINGS
@given(valid_inputs(), st.integers(1, 10**8), st.integers(0, 10**8))
def test_the_threshold_is_on_the_basis_of_the_compared_amount(
    data: dict[str, Any], value_cents: int, residual_cents: int
):
    value, residual = Decimal(value_cents) / 100, Decimal(residual_cents) / 100
    data["vehicle"]["value_before_damage"] = str(value)
    data["vehicle"]["residual_value"] = str(residual)
    result = calculate(parse(data))
    total_loss = result.total_loss
    if data["rates"]["owner_deducts_vat"]:
        # a VAT car of an owner who reclaims VAT: excl. VAT on both sides
        vat = Decimal(1) + Decimal(data["rates"]["vat_percent"]) / 100
        value = (value / vat).quantize(Decimal("0.01"), ROUND_HALF_UP)
        residual = (residual / vat).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert total_loss.compared == result.subtotal_excl_vat
    else:
        assert total_loss.compared == result.total_incl_vat
    assert total_loss.threshold == value - residual
    assert total_loss.economic_total_loss is (total_loss.compared > value - residual)
    assert total_loss.value_before_damage == Decimal(value_cents) / 100


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.decimals(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@PROPERTY_SETTINGS
@given(st.data(), json_values)
def test_input_with_a_field_replaced_by_anything_is_computed_or_refused_never_crashes(
    data: st.DataObject, junk: Any
):
    document = golden_input("model3-rear-ev")
    path = data.draw(st.sampled_from(_paths(document)[1:]))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = junk
    try:
        estimate(document)
    except InputError as refusal:
        assert refusal.errors
        assert all(
            set(error) == {"path", "message"} and error["message"] for error in refusal.errors
        )


@PROPERTY_SETTINGS
@given(json_values)
def test_any_document_is_computed_or_refused_never_crashes(document: Any):
    try:
        estimate(document)
    except InputError as refusal:
        assert refusal.errors


@PROPERTY_SETTINGS
@given(st.text(max_size=200) | st.binary(max_size=200))
def test_any_text_is_read_or_refused_never_crashes(raw: str | bytes):
    try:
        loads(raw)
    except InputError as refusal:
        assert refusal.errors[0]["path"] == "" or refusal.errors[0]["message"]
