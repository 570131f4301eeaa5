"""The credit of one reference line and its weight (scoring spec §3)."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from calcengine.arithmetic import discount_fractions, markup_factor, part_amounts
from calcengine.model import Line, Rates, Vehicle

from .annotations import Assess
from .rules import (
    AMOUNT_OPERATIONS,
    CREDIT_BASE,
    CREDIT_UNIT_SHARE,
    LABOUR_OPERATIONS,
    MARKED_UP_OPERATIONS,
    ONE,
    PART_BUYING_OPERATIONS,
    SENSOR_NAMING_OPERATIONS,
    UNIT_ZERO_CREDIT_DEVIATION,
    WEIGHT_FLOOR,
    ZERO,
)


class Figure(NamedTuple):
    """One compared figure of a matched line: `labour`, `paint` or `amount` (§3).

    `deviation` is None when paint is compared but one line has none or another mode: then
    `u` is 0 without a deviation to show. A named tuple, as `LineScore` is: immutable, and
    cheap to make for every compared figure.
    """

    kind: str
    reference: Decimal | None
    trainee: Decimal | None
    deviation: Decimal | None
    u: Decimal
    reference_mode: str | None = None
    trainee_mode: str | None = None


def operation_credit(reference: Line, trainee: Line, assess: Assess) -> tuple[Decimal, bool]:
    """`op` of §3 for a trainee line with the reference line's code, and whether it comes from
    the alternative rule (the verdict `alternative`).

    - The reference's operation: 1; but on a replace line with a part source (absent: OEM) not
      in the line's `part_sources`, the credit of the first same-code replace alternative
      naming that source, else `alternative_credit`; and on a calibrate line of another
      sensor, 0 (another sensor was calibrated).
    - A same-code alternative's operation (its part source fitting where it names one): the
      first such alternative's credit.
    - Otherwise 0.
    """
    operation = trainee.operation
    if operation == reference.operation:
        if operation in PART_BUYING_OPERATIONS:
            source = trainee.part_source
            if source not in assess.accepted_sources(reference.part_source):
                for alternative in assess.same_code(reference.code):
                    if alternative.operation == operation and alternative.part_source == source:
                        return assess.credit_of(alternative), True
                return assess.alternative_credit, True
        elif operation in SENSOR_NAMING_OPERATIONS and trainee.sensor != reference.sensor:
            return ZERO, False
        return ONE, False
    if assess.alternatives:
        for alternative in assess.same_code(reference.code):
            if alternative.operation == operation and (
                alternative.part_source is None or alternative.part_source == trainee.part_source
            ):
                return assess.credit_of(alternative), True
    return ZERO, False


def unit_deviation(reference: Decimal, trainee: Decimal) -> Decimal:
    """`d = |trainee − reference| / reference` (§3); against a reference figure of 0 it is 0
    when the trainee's is 0 too, else 1."""
    if reference == ZERO:
        return ZERO if trainee == ZERO else ONE
    return abs(trainee - reference) / reference


def unit_credit(deviation: Decimal, tolerance: Decimal) -> Decimal:
    """`u(d)` of §3: 1 within the tolerance (its edge included), 0 from a deviation of 0.5,
    linear in between.

    The tolerance is tested first, so a tolerance of 50 % or more gives full credit up to it.
    """
    if deviation <= tolerance:
        return ONE
    if deviation >= UNIT_ZERO_CREDIT_DEVIATION:
        return ZERO
    return (UNIT_ZERO_CREDIT_DEVIATION - deviation) / (UNIT_ZERO_CREDIT_DEVIATION - tolerance)


def _compared(
    kind: str,
    reference: Decimal,
    trainee: Decimal,
    tolerance: Decimal,
    reference_mode: str | None = None,
    trainee_mode: str | None = None,
) -> Figure:
    deviation = unit_deviation(reference, trainee)
    return Figure(
        kind,
        reference,
        trainee,
        deviation,
        unit_credit(deviation, tolerance),
        reference_mode,
        trainee_mode,
    )


def compared_figures(reference: Line, trainee: Line, tolerance: Decimal) -> tuple[Figure, ...]:
    """The figures §3 compares for a matched pair.

    - labour units, when the reference line has labour units;
    - base paint units, when either line has paint; another mode or no paint on one side is
      `u = 0`;
    - the amount, when the reference line is subcontract or sundry (a trainee line without an
      amount counts as 0). The line's unit tolerance applies to the amount as well: §3 gives one
      `u(d)` for every compared figure.
    """
    figures: list[Figure] = []
    if reference.labour_units > ZERO:
        figures.append(_compared("labour", reference.labour_units, trainee.labour_units, tolerance))
    ref_paint, trainee_paint = reference.paint, trainee.paint
    if ref_paint is not None and trainee_paint is not None and ref_paint.mode == trainee_paint.mode:
        figures.append(
            _compared(
                "paint",
                ref_paint.units,
                trainee_paint.units,
                tolerance,
                ref_paint.mode,
                trainee_paint.mode,
            )
        )
    elif ref_paint is not None or trainee_paint is not None:
        figures.append(
            Figure(
                "paint",
                None if ref_paint is None else ref_paint.units,
                None if trainee_paint is None else trainee_paint.units,
                None,
                ZERO,
                None if ref_paint is None else ref_paint.mode,
                None if trainee_paint is None else trainee_paint.mode,
            )
        )
    if reference.operation in AMOUNT_OPERATIONS:
        figures.append(
            _compared("amount", reference.amount or ZERO, trainee.amount or ZERO, tolerance)
        )
    return tuple(figures)


def units_credit(figures: tuple[Figure, ...]) -> Decimal:
    """`u` of a line (§3): the mean of its compared figures, 1 when none is compared."""
    if not figures:
        return ONE
    if len(figures) == 1:
        return figures[0].u
    return sum((figure.u for figure in figures), ZERO) / len(figures)


def line_credit(op: Decimal, u: Decimal) -> Decimal:
    """`credit_i = op × (0.5 + 0.5 × u)` when `op > 0`, else 0 (§3)."""
    if op <= ZERO:
        return ZERO
    return op * (CREDIT_BASE + CREDIT_UNIT_SHARE * u)


@dataclass(frozen=True, slots=True)
class Costing:
    """The reference's vehicle and rates as `line_cost` reads them, looked up once per reference
    rather than once per line."""

    units_per_hour: int
    labour: Mapping[str, Decimal]
    paint_rate: Decimal
    paint_mode_factor: Mapping[str, Decimal]
    paint_type_labour_factor: Decimal
    discount_fractions: Mapping[str, Decimal]
    markup_factor: Decimal


def costing(vehicle: Vehicle, rates: Rates) -> Costing:
    """`Costing` at the given (the reference's) vehicle and rates."""
    return Costing(
        units_per_hour=vehicle.units_per_hour,
        labour=rates.labour,
        paint_rate=rates.labour["paint"],
        paint_mode_factor=rates.paint_mode_factor,
        paint_type_labour_factor=rates.paint_type_labour_factor[vehicle.paint_type],
        discount_fractions=discount_fractions(rates),
        markup_factor=markup_factor(rates),
    )


def line_cost(line: Line, at: Costing) -> Decimal:
    """A line's cost at the given (the reference's) vehicle and rates, exact and unrounded (§3).

    Parts net is the calculation spec's (§2.4: gross and discount rounded per line); labour is
    `labour_units / units_per_hour × rate of its category`; paint is `units × mode factor ×
    paint-type labour factor / units_per_hour × paint rate`, without the once-per-calculation
    setup time and without paint material, which belong to no line; subcontract is the amount
    with the markup, unrounded; sundry the amount.
    """
    cost = ZERO
    operation = line.operation
    if operation in PART_BUYING_OPERATIONS:
        gross, discount = part_amounts(line, at.discount_fractions)
        cost += gross - discount
    if line.labour_category is not None and operation in LABOUR_OPERATIONS:
        cost += line.labour_units / at.units_per_hour * at.labour[line.labour_category]
    paint = line.paint
    if paint is not None:
        cost += (
            paint.units
            * at.paint_mode_factor[paint.mode]
            * at.paint_type_labour_factor
            / at.units_per_hour
            * at.paint_rate
        )
    if operation in MARKED_UP_OPERATIONS:
        cost += (line.amount or ZERO) * at.markup_factor
    elif operation in AMOUNT_OPERATIONS:
        cost += line.amount or ZERO
    return cost


def line_weight(cost: Decimal, reference_subtotal: Decimal) -> Decimal:
    """`w_i = max(cost_i / reference subtotal, 0.02)` (§3); the floor alone when the reference
    subtotal is 0, where no share can be taken."""
    if reference_subtotal <= ZERO:
        return WEIGHT_FLOOR
    share = cost / reference_subtotal
    return WEIGHT_FLOOR if share < WEIGHT_FLOOR else share  # as max(share, floor), without a call
