"""What the engine computes for a set of panel answers: one `paint` line per painted panel in a
minimal `schadecalc/1` input with the drill's catalogue vehicle and rate set, read back from the
engine's output (`lines[].paint_units`, `paint.units`). The paint formula stays the engine's
(calculation-spec §2.2); nothing here multiplies a factor.

An overlap's deduction is taken off the base units of the pair's second panel (never below 0),
as a calculation program lowers the time on that panel's line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import calcengine
from calcengine.catalogue import get_rate_set, vehicle_block
from calcengine.schema import PAINT_OPERATION

from .scoring import LEVEL_NONE, PanelAnswer

# The engine needs a whole vehicle; these figures do not touch paint units (§2.2).
_FIRST_REGISTRATION = "2024-01-01"
_VALUE = "20000.00"


@dataclass(frozen=True)
class EngineUnits:
    per_panel: Mapping[str, Decimal]  # panel code → lines[].paint_units (0 when not painted)
    total: Decimal  # paint.units: after the setup time and the paint-type factor


def engine_units(
    *,
    vehicle_id: str,
    rate_set_id: str,
    panels: Sequence[tuple[str, str]],
    answers: Mapping[str, PanelAnswer],
    deductions: Mapping[tuple[str, str], Decimal | None],
) -> EngineUnits:
    """`panels` are (code, name) in drill order; `deductions` by (first code, second code)."""
    data = {
        "spec": calcengine.SPEC,
        "vehicle": vehicle_block(
            vehicle_id,
            first_registration=_FIRST_REGISTRATION,
            mileage_km=0,
            value_before_damage=_VALUE,
            residual_value="0.00",
        ),
        "rates": get_rate_set(rate_set_id).rates,
        "lines": paint_lines(panels=panels, answers=answers, deductions=deductions),
    }
    output = calcengine.estimate(data)
    per_line = {line["id"]: Decimal(line["paint_units"]) for line in output["lines"]}
    return EngineUnits(
        per_panel={code: per_line.get(code, Decimal(0)) for code, _name in panels},
        total=Decimal(output["paint"]["units"]),
    )


def paint_lines(
    *,
    panels: Sequence[tuple[str, str]],
    answers: Mapping[str, PanelAnswer],
    deductions: Mapping[tuple[str, str], Decimal | None],
) -> list[dict]:
    """The `schadecalc/1` lines for a set of panel answers: one paint-only line per painted
    panel, an overlap's deduction taken off the pair's second panel's base units."""
    lowered: dict[str, Decimal] = {}
    for (_first, second), deduction in deductions.items():
        if deduction:
            lowered[second] = lowered.get(second, Decimal(0)) + deduction
    lines = []
    for code, name in panels:
        answer = answers.get(code)
        if answer is None or answer.level in ("", LEVEL_NONE):
            continue
        units = max(Decimal(0), (answer.units or Decimal(0)) - lowered.get(code, Decimal(0)))
        lines.append(
            {
                "id": code,
                "code": code,
                "description": name[:200],
                "operation": PAINT_OPERATION,
                "paint": {"mode": answer.level, "units": str(units)},
            }
        )
    return lines
