"""A dossier's planning hours per department, from its calculation by the engine (pure Python).

The engine gives exact labour hours per category (calculation-spec §2.1) and paint hours
(§2.2). The workshop plans in departments: plaatwerk takes the body hours, the spuiterij the
paint hours, montage the mechanical and electrical/HV hours. A planner rounds each up to the
next half hour (`round_up_half_hour`): a job is never planned shorter than the calculation says.
"""

from __future__ import annotations

import json
from decimal import ROUND_CEILING, Decimal
from typing import Any

from calcengine import calculate, loads, parse
from calcengine.model import Estimate

# Which of the engine's labour categories each department carries out.
DEPARTMENT_CATEGORIES = {
    "plaatwerk": ("body",),
    "spuiterij": (),  # the paint hours, a result of their own (§2.2)
    "montage": ("mechanical", "electrical"),
}
HALF = Decimal("0.5")


def round_up_half_hour(hours: Decimal) -> Decimal:
    """Up to the next half hour: 4.2 → 4.5, 6.0 → 6.0, 8.004 → 8.5."""
    return ((hours / HALF).to_integral_value(rounding=ROUND_CEILING) * HALF).quantize(
        Decimal("0.1")
    )


def department_hours_of(result: Estimate) -> dict[str, Decimal]:
    """The engine's exact hours per department (not yet rounded)."""
    hours = {
        department: sum((result.labour[c].hours for c in categories), Decimal(0))
        for department, categories in DEPARTMENT_CATEGORIES.items()
    }
    hours["spuiterij"] = result.paint.hours
    return hours


def planning_hours(calculation: dict[str, Any]) -> dict[str, Decimal]:
    """A `schadecalc/1` calculation's planning hours per department, rounded up to the half
    hour."""
    result = calculate(parse(loads(json.dumps(calculation))))
    return {dep: round_up_half_hour(h) for dep, h in department_hours_of(result).items()}
