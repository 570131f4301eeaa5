"""The named quantities of calculation-spec §2 and the number formats of §5."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from decimal import localcontext
from functools import partial

import pytest

from calcengine import arithmetic, calculate, estimate, parse
from calcengine.model import Band
from calcengine.output import hours, money, plain
from tests.calcengine.inputs import golden_input

SCHEME = (Band(1, 12, D("0")), Band(13, 36, D("1")), Band(37, 60, D("1.5")))


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        ("0.005", "0.01"),
        ("0.004999", "0.00"),
        ("18.125", "18.13"),
        ("2.675", "2.68"),
        ("-0.005", "-0.01"),
    ],
)
def test_round2_rounds_half_up_to_the_cent(value: str, rounded: str):
    assert arithmetic.round2(D(value)) == D(rounded)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("37", "37"),
        ("3.50", "3.5"),
        ("1E+1", "10"),
        ("0E-7", "0"),
        ("-0", "0"),
        ("672.500", "672.5"),
        ("0.000001", "0.000001"),
    ],
)
def test_units_are_plain_without_trailing_zeros(value: str, shown: str):
    assert plain(D(value)) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (D(25) / 12, "2.0833"),
        (D(10) / 12, "0.8333"),
        (D("0.00005"), "0.0001"),
        (D("3.70"), "3.7"),
        (D(0), "0"),
    ],
)
def test_hours_are_quantized_half_up_to_4_decimals_then_trimmed(value: D, shown: str):
    assert hours(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"), [("1", "1.00"), ("0", "0.00"), ("412.3", "412.30"), ("-0.00", "0.00")]
)
def test_money_has_exactly_two_decimals(value: str, shown: str):
    assert money(D(value)) == shown


def test_amount_is_computed_from_the_exact_quotient_not_the_shown_hours():
    # 25 units at 12 an hour is 2.08333… h; the shown 2.0833 h would give 173.91 at 83.48.
    exact = arithmetic.labour_hours(D(25), 12)
    assert arithmetic.labour_amount(exact, D("83.48")) == D("173.92")


@pytest.mark.parametrize(
    ("damage", "months"),
    [
        (date(2024, 8, 15), 39),
        (date(2024, 8, 16), 40),
        (date(2021, 4, 16), 0),
        (date(2021, 5, 15), 0),
        (date(2021, 5, 16), 1),
    ],
)
def test_a_month_counts_once_its_day_of_the_month_is_reached(damage: date, months: int):
    assert arithmetic.age_months(date(2021, 4, 16), damage) == months


@pytest.mark.parametrize(
    ("damage", "months"),
    [
        (date(2021, 2, 27), 0),
        (date(2021, 2, 28), 0),
        (date(2021, 3, 1), 1),
        (date(2024, 2, 29), 36),
        (date(2021, 4, 30), 2),
        (date(2021, 5, 30), 3),
        (date(2021, 5, 31), 4),
    ],
)
def test_registration_on_the_31st_reaches_no_month_on_a_shorter_months_last_day(
    damage: date, months: int
):
    # §2.12 (amended §8): minus 1 whenever the damage day is smaller than the registration day.
    assert arithmetic.age_months(date(2021, 1, 31), damage) == months


def test_month_counting_follows_the_spec_examples():
    assert arithmetic.age_months(date(2021, 4, 16), date(2024, 8, 15)) == 39
    assert arithmetic.age_months(date(2021, 4, 16), date(2024, 8, 16)) == 40
    assert arithmetic.age_months(date(2024, 1, 31), date(2024, 2, 29)) == 0


def test_damage_before_registration_has_negative_age():
    assert arithmetic.age_months(date(2021, 4, 16), date(2021, 4, 15)) < 0


def test_depreciation_follows_the_spec_example():
    depreciation = arithmetic.depreciation_percent(40, SCHEME)
    assert depreciation == D(30)
    assert arithmetic.value_from_new_value(D("30000.00"), depreciation) == D("21000.00")


@pytest.mark.parametrize(
    ("age", "percent"), [(0, "0"), (12, "0"), (13, "1"), (36, "24"), (37, "25.5"), (60, "60")]
)
def test_depreciation_counts_months_inside_each_band(age: int, percent: str):
    assert arithmetic.depreciation_percent(age, SCHEME) == D(percent)


def test_repair_days_take_the_ceiling_of_exact_hours_plus_a_day_for_paint():
    calc = parse(golden_input("clio-empty"))
    vehicle = replace(calc.vehicle, units_per_hour=12)
    # 10/12 h + 74/12 h is exactly 7 h: one day at 7 productive hours, not two.
    days = partial(arithmetic.repair_days, vehicle=vehicle, rates=calc.rates)
    assert days(D(10), D(74), True, paint_work=True) == 2
    assert days(D(84), D(0), True, paint_work=False) == 1
    assert days(D(85), D(0), True, paint_work=False) == 2
    assert days(D(0), D(0), False, paint_work=False) == 0
    # 320 + 50 + 86 labour and 354 paint units = 67.5 h over 7.5 h a day: 9 days exactly, where
    # the sum of the 28-digit quotients 320/12 + 50/12 + 86/12 + 354/12, over 7.5, is 9.000…001.
    rates = replace(calc.rates, productive_hours_per_day=D("7.5"))
    assert arithmetic.repair_days(D(456), D(354), True, vehicle, rates, paint_work=False) == 9


def test_small_materials_are_capped():
    rates = parse(golden_input()).rates  # 2 %, cap 95.00
    assert arithmetic.small_materials(D("5000.00"), D("0.00"), rates) == D("95.00")
    assert arithmetic.small_materials(D("4000.00"), D("749.75"), rates) == D("95.00")
    assert arithmetic.small_materials(D("100.00"), D("0.25"), rates) == D("2.01")


def test_parts_of_a_replace_line_follow_source_and_group():
    calc = parse(golden_input())
    fractions = arithmetic.discount_fractions(calc.rates)
    bumper = calc.lines[0]  # body, 8 %, 389.60
    gross, discount = arithmetic.part_amounts(bumper, fractions)
    assert (gross, discount, gross - discount) == (D("389.60"), D("31.17"), D("358.43"))
    used = replace(bumper, part_source="used", quantity=D(2))
    gross, discount = arithmetic.part_amounts(used, fractions)
    assert gross - discount == D("779.20")
    assert calculate(calc).lines[3].parts_net == D(0)


def test_subcontract_amount_has_the_markup():
    calc = parse(golden_input("model3-rear-ev"))
    factor = arithmetic.markup_factor(calc.rates)
    assert arithmetic.marked_up_amount(calc.lines[6].amount, factor) == D("97.90")
    # the other lines add nothing to the subcontract total
    assert calculate(calc).subcontract == D("97.90")


def test_labour_on_a_paint_or_sundry_line_carries_no_labour():
    data = golden_input()
    data["lines"][4]["labour_units"] = "40"  # a paint line
    data["lines"][7]["labour_units"] = "40"  # a sundry line
    result = calculate(parse(data))
    assert result.labour["body"].units == D(450)
    assert result.lines[4].labour_units == D(0)


def test_no_paint_work_adds_neither_setup_nor_a_drying_day():
    data = golden_input()
    for raw in data["lines"]:
        raw.pop("paint", None)
    data["lines"] = [raw for raw in data["lines"] if raw["operation"] != "paint"]
    result = calculate(parse(data))
    assert result.paint.units == D(0)
    # 450 + 25 + 100 units = 5.75 h at 7 h a day: one day, no drying day.
    assert result.repair_days == 1


def test_paint_work_keeps_its_drying_day_when_the_paint_type_factor_is_zero():
    # §1.2 and §2.2: setup is added once there is paint work (P > 0 before setup); §2.10 adds
    # the drying day for the same paint work, whatever the paint-type factor makes of P.
    data = golden_input("clio-door-private")
    data["rates"]["paint_type_labour_factor"][data["vehicle"]["paint_type"]] = "0"
    result = calculate(parse(data))
    assert result.paint.units == D(0)
    # 23 body units at 10 an hour, 7 productive hours a day: 1 day, plus the drying day.
    assert sum(labour.units for labour in result.labour.values()) == D(23)
    assert result.repair_days == 2


def test_the_callers_decimal_context_changes_no_figure():
    # §5: amounts come from quotients in Python's default context (28 significant digits),
    # not from whatever context the calling thread happens to have.
    data = golden_input()
    data["vehicle"]["units_per_hour"] = 12  # thirds of an hour: quotients that do not end
    expected = estimate(data)
    with localcontext() as context:
        context.prec = 6
        assert estimate(data) == expected


def test_economic_total_loss_is_strictly_above_the_threshold():
    assert arithmetic.is_economic_total_loss(D("3700.00"), D("3700.00")) is False
    assert arithmetic.is_economic_total_loss(D("3700.01"), D("3700.00")) is True


def test_owner_who_deducts_vat_compares_excl_vat_on_both_sides_for_a_vat_car():
    # given: the polo-total-loss repair for a business owner who reclaims VAT
    data = golden_input("polo-total-loss")
    data["rates"]["owner_deducts_vat"] = True
    # when
    total_loss = calculate(parse(data)).total_loss
    # then: 4,650.00 / 1.21 = 3,842.98 and 950.00 / 1.21 = 785.12 (§2.11)
    assert total_loss.compared == D("4178.59")
    assert total_loss.threshold == D("3842.98") - D("785.12") == D("3057.86")
    assert total_loss.economic_total_loss is True
    assert total_loss.repair_ratio == D("1.09")  # 4,178.59 / 3,842.98
    assert total_loss.value_before_damage == D("4650.00")  # reported incl. VAT (§5)


def test_owner_who_deducts_vat_compares_a_margin_car_with_its_values_as_given():
    data = golden_input("polo-total-loss")
    data["rates"]["owner_deducts_vat"] = True
    data["vehicle"]["margin_scheme"] = True
    total_loss = calculate(parse(data)).total_loss
    assert total_loss.compared == D("4178.59")  # the subtotal excl. VAT
    assert total_loss.threshold == D("4650.00") - D("950.00") == D("3700.00")
    assert total_loss.economic_total_loss is True
    assert total_loss.repair_ratio == D("0.90")  # 4,178.59 / 4,650.00


@pytest.mark.parametrize("margin_scheme", [False, True])
def test_a_private_owner_compares_incl_vat_on_both_sides_margin_car_or_not(margin_scheme):
    data = golden_input("polo-total-loss")
    data["vehicle"]["margin_scheme"] = margin_scheme
    total_loss = calculate(parse(data)).total_loss
    assert total_loss.compared == D("5056.09")  # total incl. VAT
    assert total_loss.threshold == D("3700.00")
    assert total_loss.repair_ratio == D("1.09")  # 5,056.09 / 4,650.00


def test_compared_value_takes_the_vat_out_only_for_a_vat_car_of_an_owner_who_reclaims_it():
    calc = parse(golden_input("polo-business-total-loss"))
    vehicle, rates = calc.vehicle, calc.rates
    assert arithmetic.compared_value(D("4650.00"), vehicle, rates) == D("3842.98")
    assert arithmetic.compared_value(D("0.01"), vehicle, rates) == D("0.01")
    margin_car = replace(vehicle, margin_scheme=True)
    assert arithmetic.compared_value(D("4650.00"), margin_car, rates) == D("4650.00")
    private = replace(rates, owner_deducts_vat=False)
    assert arithmetic.compared_value(D("4650.00"), vehicle, private) == D("4650.00")
