"""Per-line figures for printouts and pages: an addition to the engine's Python API, outside the
§5 output JSON (which stays exactly as calculation-spec §5 writes it).

The contract prices some money per line and some per calculation. Per line (§2.4, §2.6, §2.7):
a replace line's parts gross, discount and net, a subcontract line's amount with the markup, a
sundry's amount. Per calculation only: labour (`round2` of a category's summed hours × rate,
§2.1), paint labour and paint material (`round2` of the summed paint hours, §2.2, §2.3), small
materials (§2.5) and disposal (§2.8). A per-line share of labour or paint money is therefore
no figure of the contract — rounding each share to the cent need not add up to the category's
amount — so a line carries its labour units and exact hours, and its paint units, but no
labour or paint money. Whoever prints lines prints these figures and the calculation's totals;
the two add up exactly (`tests/calcengine/test_line_amounts.py`).

Every figure comes from the functions of `calcengine.arithmetic`, the ones `calculate` uses.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from calcengine import arithmetic as a
from calcengine.model import CalculationInput, Line
from calcengine.schema import AMOUNT_OPERATIONS, MARKED_UP_OPERATIONS, PART_BUYING_OPERATIONS


@dataclass(frozen=True)
class LineAmounts:
    """The figures of one line (§2), in the input's order; amounts exact `Decimal`s already
    rounded where the spec writes `round2`, every other figure exact.

    `labour_category` is `None` for a line that carries no labour units. `amount` is the money the
    line itself adds to `subtotal_excl_vat` (`line_amount`).
    """

    id: str
    operation: str
    labour_category: str | None
    labour_units: Decimal
    labour_hours: Decimal
    paint_units: Decimal
    parts_gross: Decimal
    parts_discount: Decimal
    parts_net: Decimal
    subcontract: Decimal
    sundry: Decimal
    amount: Decimal


def line_labour_hours(line: Line, units_per_hour: int) -> Decimal:
    """The line's labour hours: its labour units (`arithmetic.line_labour_units`, §2.1) over
    `units_per_hour`, the exact quotient. A category's `hours[c]` is the sum of its units over
    `units_per_hour` (§2.1), so its lines' hours add up to it up to the 28th digit; money is
    priced on the category's hours, never on these."""
    return a.labour_hours(a.line_labour_units(line), units_per_hour)


def line_parts(line: Line, fractions: Mapping[str, Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """(gross, discount, net) of a line that buys a part, a replace line (§2.4: `gross =
    round2(unit_price × quantity)`, `discount = round2(gross × pct)`, `net = gross − discount`,
    from `arithmetic.part_amounts`); zeros for every other operation, whose `unit_price` counts
    nowhere. `fractions` is `arithmetic.discount_fractions(rates)`."""
    if line.operation not in PART_BUYING_OPERATIONS:
        return a.ZERO, a.ZERO, a.ZERO
    gross, discount = a.part_amounts(line, fractions)
    return gross, discount, gross - discount


def line_subcontract(line: Line, markup: Decimal) -> Decimal:
    """A subcontract line's amount with the handling markup, `round2(amount × (1 +
    subcontract_markup_percent))` (§2.6, `arithmetic.marked_up_amount`); 0 for other lines.
    The calculation's `subcontract` is the sum of these. `markup` is `arithmetic.markup_factor`."""
    if line.operation not in MARKED_UP_OPERATIONS or line.amount is None:
        return a.ZERO  # validation demands the amount of these operations (§1.3)
    return a.marked_up_amount(line.amount, markup)


def line_sundry(line: Line) -> Decimal:
    """A sundry line's `amount` as given (§2.7): an operation that takes an amount without the
    subcontract markup; 0 for other lines."""
    if line.operation not in AMOUNT_OPERATIONS or line.operation in MARKED_UP_OPERATIONS:
        return a.ZERO
    return line.amount or a.ZERO  # validation demands the amount (§1.3)


def line_amount(parts_net: Decimal, subcontract: Decimal, sundry: Decimal) -> Decimal:
    """The money a line adds to `subtotal_excl_vat` itself (§2.9): its parts net, marked-up
    subcontract or sundry. Labour, paint labour, paint material, small materials and disposal
    are priced per calculation (§2.1–§2.3, §2.5, §2.8) and added once."""
    return parts_net + subcontract + sundry


def line_amounts(calc: CalculationInput) -> tuple[LineAmounts, ...]:
    """Every line's `LineAmounts`, in input order, in the engine's decimal context (§5).

    For every valid input: Σ `parts_gross`, `parts_discount`, `parts_net`, `subcontract`,
    `sundry` equal the estimate's `parts.gross`, `parts.discount`, `parts.net`, `subcontract`,
    `sundries`; Σ `labour_units` per category equals `labour[c].units`; and `paint_units` is the
    output's `lines[].paint_units`.
    """
    with decimal.localcontext(a.CONTEXT):
        return tuple(_line_amounts(calc))


def _line_amounts(calc: CalculationInput) -> list[LineAmounts]:
    rates, units_per_hour = calc.rates, calc.vehicle.units_per_hour
    fractions = a.discount_fractions(rates)
    markup = a.markup_factor(rates)
    result = []
    for line in calc.lines:
        units = a.line_labour_units(line)
        gross, discount, net = line_parts(line, fractions)
        subcontract = line_subcontract(line, markup)
        sundry = line_sundry(line)
        result.append(
            LineAmounts(
                id=line.id,
                operation=line.operation,
                labour_category=line.labour_category if units else None,
                labour_units=units,
                labour_hours=line_labour_hours(line, units_per_hour),
                paint_units=a.line_paint_units(line, rates),
                parts_gross=gross,
                parts_discount=discount,
                parts_net=net,
                subcontract=subcontract,
                sundry=sundry,
                amount=line_amount(net, subcontract, sundry),
            )
        )
    return result
