"""`calculate`: a validated input to its `Estimate` (calculation-spec §2, §3)."""

from __future__ import annotations

import decimal

from calcengine import arithmetic as a
from calcengine.errors import InputError
from calcengine.model import (
    CalculationInput,
    Estimate,
    LabourResult,
    LineResult,
    PaintResult,
    PartsResult,
    TotalLoss,
    build,
)
from calcengine.schema import (
    AMOUNT_OPERATIONS,
    LABOUR_OPERATIONS,
    MARKED_UP_OPERATIONS,
    PART_BUYING_OPERATIONS,
)
from calcengine.warnings import findings

TOO_LARGE = (
    "De bedragen worden te groot om tot op de cent te rekenen (meer dan 28 cijfers); "
    "controleer prijzen, aantallen en arbeidseenheden."
)


def calculate(calc: CalculationInput) -> Estimate:
    """Compute every quantity of §2 and the warnings of §3; pure and deterministic.

    Raises `InputError` (path "") only when sums of numbers that each passed validation grow
    beyond the 28 significant digits of Python's default decimal context (2,000 lines of
    a trillion each), where no amount can be rounded to the cent any more.
    """
    try:
        with decimal.localcontext(a.CONTEXT):
            return _calculate(calc)
    except decimal.InvalidOperation:
        raise InputError([{"path": "", "message": TOO_LARGE}]) from None


def _calculate(calc: CalculationInput) -> Estimate:
    vehicle, rates, lines = calc.vehicle, calc.rates, calc.lines
    upw = vehicle.units_per_hour

    line_results = []
    labour_units = dict.fromkeys(a.LABOUR_CATEGORIES, a.ZERO)
    line_paint_units = []
    gross = discount = subcontract = sundries = a.ZERO
    # Each percentage as a fraction once per calculation rather than once per line.
    discount_fractions = a.discount_fractions(rates)
    markup = a.markup_factor(rates)
    mode_factor = rates.paint_mode_factor
    # Locals: this loop runs once per line, up to 2,000 times per estimate.
    zero, labour_operations = a.ZERO, LABOUR_OPERATIONS
    # What the operations table says a line's operation adds: a part (§2.4), an amount with the
    # subcontract markup (§2.6), or else an amount as given (§2.7).
    part_buying, marked_up, amount_operations = (
        PART_BUYING_OPERATIONS,
        MARKED_UP_OPERATIONS,
        AMOUNT_OPERATIONS,
    )
    part_amounts = a.part_amounts
    for line in lines:
        operation = line.operation
        units = line.labour_units if operation in labour_operations else zero
        if units:
            # A line with labour units has a labour category (validation, §1.3).
            labour_units[line.labour_category] += units  # type: ignore[index]
        line_paint = line.paint
        if line_paint is None:
            painted = zero
        else:
            painted = line_paint.units * mode_factor[line_paint.mode]
            line_paint_units.append(painted)
        net = zero
        if operation in part_buying:
            line_gross, line_discount = part_amounts(line, discount_fractions)
            net = line_gross - line_discount
            gross += line_gross
            discount += line_discount
        elif operation in marked_up:
            # Validation demands an amount on these operations (REQUIRED_BY_OPERATION).
            subcontract += a.marked_up_amount(line.amount, markup)  # type: ignore[arg-type]
        elif operation in amount_operations:
            sundries += line.amount  # type: ignore[operator]
        line_results.append(
            build(
                LineResult,
                {"id": line.id, "labour_units": units, "paint_units": painted, "parts_net": net},
            )
        )

    labour = {}
    for category in a.LABOUR_CATEGORIES:
        hours = a.labour_hours(labour_units[category], upw)
        rate = rates.labour[category]
        labour[category] = build(
            LabourResult,
            {
                "units": labour_units[category],
                "hours": hours,
                "rate": rate,
                "amount": a.labour_amount(hours, rate),
            },
        )

    paint_units = a.paint_units(line_paint_units, vehicle, rates)
    paint_hours = a.paint_hours(paint_units, upw)
    paint = build(
        PaintResult,
        {
            "units": paint_units,
            "hours": paint_hours,
            "labour_amount": a.paint_labour_amount(paint_hours, rates),
            "material_amount": a.paint_material_amount(paint_hours, vehicle, rates),
        },
    )
    parts = build(PartsResult, {"gross": gross, "discount": discount, "net": gross - discount})
    small_materials = a.small_materials(labour["body"].amount, paint.labour_amount, rates)
    disposal = a.disposal(lines, rates)
    subtotal = (
        labour["body"].amount
        + labour["mechanical"].amount
        + labour["electrical"].amount
        + paint.labour_amount
        + paint.material_amount
        + parts.net
        + small_materials
        + subcontract
        + sundries
        + disposal
    )
    vat = a.vat(subtotal, rates)
    total = subtotal + vat
    days = a.repair_days(
        sum(labour_units.values(), a.ZERO),
        paint_units,
        bool(lines),
        vehicle,
        rates,
        paint_work=a.has_paint_work(line_paint_units),
    )

    total_loss = _total_loss(calc, subtotal, total)
    return build(
        Estimate,
        {
            "spec": calc.spec,
            "labour": labour,
            "paint": paint,
            "parts": parts,
            "small_materials": small_materials,
            "subcontract": subcontract,
            "sundries": sundries,
            "disposal": disposal,
            "subtotal_excl_vat": subtotal,
            "vat": vat,
            "total_incl_vat": total,
            "repair_days": days,
            "total_loss": total_loss,
            "lines": tuple(line_results),
            "warnings": findings(lines, vehicle, total_loss),
        },
    )


def _total_loss(
    calc: CalculationInput, subtotal: decimal.Decimal, total: decimal.Decimal
) -> TotalLoss:
    """§2.11 with the value before damage as given, or from the new-value scheme (§2.12).

    The comparison is made on one VAT basis (`a.compared_value`); the value before damage
    reported stays the amount incl. VAT (§2.11, §5).
    """
    vehicle, rates = calc.vehicle, calc.rates
    value = vehicle.value_before_damage
    depreciation = None
    if value is None:
        # Validation refuses an input whose scheme cannot compute the value (§2.12).
        assert calc.damage_date is not None and vehicle.new_value is not None
        assert rates.new_value_scheme is not None
        age = a.age_months(vehicle.first_registration, calc.damage_date)
        depreciation = a.depreciation_percent(age, rates.new_value_scheme)
        value = a.value_from_new_value(vehicle.new_value, depreciation)
    compared = a.compared_amount(subtotal, total, rates)
    value_compared = a.compared_value(value, vehicle, rates)
    threshold = a.total_loss_threshold(
        value_compared, a.compared_value(vehicle.residual_value, vehicle, rates)
    )
    return build(
        TotalLoss,
        {
            "value_before_damage": value,
            "depreciation_percent": depreciation,
            "compared": compared,
            "threshold": threshold,
            "economic_total_loss": a.is_economic_total_loss(compared, threshold),
            "repair_ratio": a.repair_ratio(compared, value_compared),
        },
    )
