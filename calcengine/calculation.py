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
    zero, labour_operations = a.ZERO, a.LABOUR_OPERATIONS
    part_amounts = a.part_amounts
    for line in lines:
        operation = line.operation
        units = line.labour_units if operation in labour_operations else zero
        if units:
            labour_units[line.labour_category] += units
        paint = line.paint
        if paint is None:
            painted = zero
        else:
            painted = paint.units * mode_factor[paint.mode]
            line_paint_units.append(painted)
        net = zero
        if operation == "replace":
            line_gross, line_discount = part_amounts(line, discount_fractions)
            net = line_gross - line_discount
            gross += line_gross
            discount += line_discount
        elif operation == "subcontract":
            subcontract += a.marked_up_amount(line.amount, markup)
        elif operation == "sundry":
            sundries += line.amount
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


def _total_loss(calc: CalculationInput, subtotal, total) -> TotalLoss:
    """§2.11 with the value before damage as given, or from the new-value scheme (§2.12).

    The comparison is made on one VAT basis (`a.compared_value`); the value before damage
    reported stays the amount incl. VAT (§2.11, §5).
    """
    vehicle, rates = calc.vehicle, calc.rates
    value = vehicle.value_before_damage
    depreciation = None
    if value is None:
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
