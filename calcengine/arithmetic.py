"""One function per calculated quantity of calculation-spec §2, each citing its rule.

Everything is exact `Decimal` arithmetic in Python's default context (28 significant digits);
the only rounding is `round2`, applied exactly where the spec writes it. Rates and factors come
from the rate set, never from this module.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from calcengine.model import Band, Line, Rates, Vehicle
from calcengine.schema import (
    LABOUR_OPERATIONS,
    LINE_LABOUR_CATEGORIES,
    PART_BUYING_OPERATIONS,
    SENSOR_DISTURBING_OPERATIONS,
)

# Python's default decimal context (§5: 28 significant digits), fixed here rather than taken
# from the caller's thread, whose context another library may have changed.
CONTEXT = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)

# From the operations table (`calcengine.schema`): the categories a line's labour counts in,
# the operations that carry labour (§2.1), and those after which a part's sensors need calibrating.
LABOUR_CATEGORIES = LINE_LABOUR_CATEGORIES
CALIBRATED_OPERATIONS = SENSOR_DISTURBING_OPERATIONS


def round2(x: Decimal) -> Decimal:
    """`round2(x)`: `x` quantized to cents, half up (§2, "Rounding")."""
    return x.quantize(CENT, ROUND_HALF_UP)


def percent(p: Decimal) -> Decimal:
    """A percentage as the fraction it acts as: `p / 100` (§2, "Rounding")."""
    return p / HUNDRED


def line_labour_units(line: Line) -> Decimal:
    """The labour units a line carries: its `labour_units` for an operation that carries labour
    (`LABOUR_OPERATIONS`: replace, repair, remove_refit, calibrate, hv_safety), zero for the
    others (§2.1). It is the line's labour,
    never multiplied by `quantity` (two clips take the labour the line states)."""
    return line.labour_units if line.operation in LABOUR_OPERATIONS else ZERO


def labour_units(lines: Iterable[Line], category: str) -> Decimal:
    """`units[c]`: the sum of the labour units of every labour line of category `c` (§2.1)."""
    return sum(
        (line_labour_units(line) for line in lines if line.labour_category == category), ZERO
    )


def labour_hours(units: Decimal, units_per_hour: int) -> Decimal:
    """`hours[c] = units[c] / units_per_hour`, the exact quotient (§2.1)."""
    return units / units_per_hour


def labour_amount(hours: Decimal, rate: Decimal) -> Decimal:
    """`labour_amount[c] = round2(hours[c] × rates.labour[c])` (§2.1)."""
    return round2(hours * rate)


def line_paint_units(line: Line, rates: Rates) -> Decimal:
    """A line's paint units after the mode factor: `units × paint_mode_factor[mode]` (§2.2, §5)."""
    if line.paint is None:
        return ZERO
    return line.paint.units * rates.paint_mode_factor[line.paint.mode]


def has_paint_work(line_units: Iterable[Decimal]) -> bool:
    """Whether the calculation has paint work: the lines' paint units sum above 0 (`P > 0` of
    §2.2, before setup). It adds the setup (§1.2, §2.2) and the drying day (§2.10)."""
    return sum(line_units, ZERO) > 0


def paint_units(line_units: Iterable[Decimal], vehicle: Vehicle, rates: Rates) -> Decimal:
    """`P` (§2.2): the lines' paint units summed; when positive, plus the setup
    (`paint_setup_hours × units_per_hour`); then times `paint_type_labour_factor[paint_type]`."""
    total = sum(line_units, ZERO)
    if total > 0:
        total += rates.paint_setup_hours * vehicle.units_per_hour
    return total * rates.paint_type_labour_factor[vehicle.paint_type]


def paint_hours(units: Decimal, units_per_hour: int) -> Decimal:
    """`paint_hours = P / units_per_hour`, exact (§2.2)."""
    return units / units_per_hour


def paint_labour_amount(hours: Decimal, rates: Rates) -> Decimal:
    """`round2(paint_hours × rates.labour.paint)` (§2.2)."""
    return round2(hours * rates.labour["paint"])


def paint_material_amount(hours: Decimal, vehicle: Vehicle, rates: Rates) -> Decimal:
    """`round2(paint_hours × paint_material_per_hour × paint_type_material_factor[paint_type])`
    (§2.3)."""
    return round2(
        hours * rates.paint_material_per_hour * rates.paint_type_material_factor[vehicle.paint_type]
    )


USED_PARTS = "used_parts"


def discount_key(line: Line) -> str:
    """Which discount applies (§2.4): the part group for OEM parts, `USED_PARTS` otherwise."""
    if line.part_source == "oem":
        return line.part_group or "other"
    return USED_PARTS


def discount_fractions(rates: Rates) -> dict[str, Decimal]:
    """Every parts discount of the rate set as a fraction, keyed as `discount_key` (§2.4)."""
    fractions = {group: percent(pct) for group, pct in rates.parts_discount.items()}
    fractions[USED_PARTS] = percent(rates.used_parts_discount)
    return fractions


def part_amounts(line: Line, fractions: Mapping[str, Decimal]) -> tuple[Decimal, Decimal]:
    """A replace line's `gross = round2(unit_price × quantity)` and `discount = round2(gross ×
    pct)` (§2.4), `pct` from `discount_fractions`; its net is `gross − discount`."""
    # Validation demands a unit price on a replace line (REQUIRED_BY_OPERATION).
    gross = round2(line.unit_price * line.quantity)  # type: ignore[operator]
    return gross, round2(gross * fractions[discount_key(line)])


def small_materials(body_amount: Decimal, paint_amount: Decimal, rates: Rates) -> Decimal:
    """`min(round2((labour_amount.body + paint_labour_amount) × small_materials_percent),
    small_materials_cap)` (§2.5)."""
    return min(
        round2((body_amount + paint_amount) * percent(rates.small_materials_percent)),
        rates.small_materials_cap,
    )


def markup_factor(rates: Rates) -> Decimal:
    """`1 + subcontract_markup_percent` as a factor (§2.6)."""
    return ONE + percent(rates.subcontract_markup_percent)


def marked_up_amount(amount: Decimal, factor: Decimal) -> Decimal:
    """`round2(amount × (1 + subcontract_markup_percent))`, the factor from `markup_factor`
    (§2.6)."""
    return round2(amount * factor)


def disposal(lines: Iterable[Line], rates: Rates) -> Decimal:
    """`disposal_fee` when at least one part is replaced (a replace line), else 0 (§2.8)."""
    if any(line.operation in PART_BUYING_OPERATIONS for line in lines):
        return rates.disposal_fee
    return ZERO


def vat(subtotal: Decimal, rates: Rates) -> Decimal:
    """`vat = round2(subtotal_excl_vat × vat_percent)` (§2.9)."""
    return round2(subtotal * percent(rates.vat_percent))


def repair_days(
    labour_units_total: Decimal,
    paint_units_total: Decimal,
    has_lines: bool,
    vehicle: Vehicle,
    rates: Rates,
    *,
    paint_work: bool,
) -> int:
    """Working days (§2.10): `ceil((Σ hours + paint_hours) / productive_hours_per_day)`, plus 1
    when there is paint work (`has_paint_work`, the same test that adds the setup, so a
    paint-type labour factor of 0 still leaves the drying day); 0 without lines.

    Every hour figure shares the divisor `units_per_hour`, so the ceiling is taken of the exact
    fraction `units / (units_per_hour × productive_hours_per_day)`: a sum of 28-digit quotients
    such as 10/12 + 74/12 could otherwise land a hair above a whole day.
    """
    if not has_lines:
        return 0
    numerator = labour_units_total + paint_units_total
    denominator = vehicle.units_per_hour * rates.productive_hours_per_day
    whole, remainder = divmod(numerator, denominator)
    days = int(whole) + (1 if remainder else 0)
    if paint_work:
        days += 1
    return days


def age_months(first_registration: date, damage_date: date) -> int:
    """Whole months from first registration to the damage date (§2.12): `year difference × 12
    + month difference`, minus 1 when the damage date's day of the month is smaller than the
    registration's. As the spec's example has it, a short month does not count its last day as
    the registration's day: 2024-01-31 → 2024-02-29 is 0 months.
    -1 when the damage date lies before the first registration.
    """
    if damage_date < first_registration:
        return -1
    months = (damage_date.year - first_registration.year) * 12 + (
        damage_date.month - first_registration.month
    )
    if damage_date.day < first_registration.day:
        months -= 1
    return months


def depreciation_percent(age: int, scheme: Iterable[Band]) -> Decimal:
    """`Σ over bands of (months 1..age inside the band) × percent_per_month` (§2.12)."""
    total = ZERO
    for band in scheme:
        months = min(age, band.to_month) - band.from_month + 1
        if months > 0:
            total += months * band.percent_per_month
    return total


def value_from_new_value(new_value: Decimal, depreciation: Decimal) -> Decimal:
    """`value_before_damage = round2(new_value × (1 − depreciation_percent))` (§2.12)."""
    return round2(new_value * (ONE - percent(depreciation)))


def compared_amount(subtotal: Decimal, total: Decimal, rates: Rates) -> Decimal:
    """`compared` (§2.11): `subtotal_excl_vat` when the owner reclaims VAT
    (`owner_deducts_vat`), else `total_incl_vat`."""
    return subtotal if rates.owner_deducts_vat else total


def compared_value(amount_incl_vat: Decimal, vehicle: Vehicle, rates: Rates) -> Decimal:
    """The vehicle's value or residual (given incl. VAT, §1.1) on the VAT basis of `compared`
    (§2.11, amended §8): for an owner who reclaims VAT and a VAT car (`margin_scheme` false)
    `round2(amount / (1 + vat_percent))`; as given for a private owner (incl. VAT on both
    sides) and for a margin car (no VAT in it to take out)."""
    if rates.owner_deducts_vat and not vehicle.margin_scheme:
        return round2(amount_incl_vat / (ONE + percent(rates.vat_percent)))
    return amount_incl_vat


def total_loss_threshold(value_before_damage: Decimal, residual_value: Decimal) -> Decimal:
    """`threshold = value − residual` (§2.11), both already on the comparison's VAT basis
    (`compared_value`)."""
    return value_before_damage - residual_value


def is_economic_total_loss(compared: Decimal, threshold: Decimal) -> bool:
    """`economic_total_loss = compared > threshold` (§2.11)."""
    return compared > threshold


def repair_ratio(compared: Decimal, value_before_damage: Decimal) -> Decimal:
    """`repair_ratio = round2(compared / value)` (§2.11), `value` on the comparison's VAT
    basis (`compared_value`)."""
    return round2(compared / value_before_damage)
