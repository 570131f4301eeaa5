"""calcengine: the pure-Python damage calculation engine (contract `schadecalc/1`).

No Django, DRF or Wagtail here: plain data in, plain data out. See README.md in this package.
"""

from __future__ import annotations

from typing import Any

from calcengine.arithmetic import round2
from calcengine.calculation import calculate
from calcengine.diffing import diff
from calcengine.errors import InputError
from calcengine.jsonio import MAX_DEPTH, MAX_INPUT_BYTES, loads
from calcengine.line_amounts import LineAmounts, line_amounts
from calcengine.model import CalculationInput, Estimate
from calcengine.output import to_json
from calcengine.schema import SPEC
from calcengine.validation import parse


def estimate(data: Any) -> dict[str, Any]:
    """The §5 output for a `schadecalc/1` input (plain data): `to_json(calculate(parse(data)))`."""
    return to_json(calculate(parse(data)))


__all__ = [
    "MAX_DEPTH",
    "MAX_INPUT_BYTES",
    "SPEC",
    "CalculationInput",
    "Estimate",
    "InputError",
    "LineAmounts",
    "calculate",
    "diff",
    "estimate",
    "line_amounts",
    "loads",
    "parse",
    "round2",
    "to_json",
]
