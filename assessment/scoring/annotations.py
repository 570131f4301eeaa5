"""What the reference adds to a `schadecalc/1` input (scoring spec §1): `assess` and `decisions`.

`calcengine` passes both through unread, so they are checked here, with the same strictness
as the calculation contract: an unknown field, a wrong type or a value out of range refuses the
reference, with a path per error.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from .rules import (
    DECISION_KEYS,
    DEFAULT_ALTERNATIVE_CREDIT,
    DEFAULT_UNIT_TOLERANCE_PERCENT,
    HUNDRED,
    ONE,
    OPERATIONS,
    ZERO,
)

ASSESS_FIELDS = ("alternatives", "alternative_credit", "unit_tolerance_percent", "critical")


@dataclass(frozen=True, slots=True)
class Assess:
    """A reference line's `assess` object with its defaults filled in (§1)."""

    alternatives: frozenset[str] = frozenset()
    alternative_credit: Decimal = DEFAULT_ALTERNATIVE_CREDIT
    unit_tolerance: Decimal = DEFAULT_UNIT_TOLERANCE_PERCENT / HUNDRED
    critical: bool = False


DEFAULT_ASSESS = Assess()


def read_decimal(value: Any) -> Decimal | None:
    """A finite decimal from a JSON string or number, as the calculation spec §1 accepts them."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        # A float is taken only when its shortest repr is its exact value (calculation spec §1).
        exact = Decimal(value)
        if exact != Decimal(repr(value)):
            return None
        value = exact
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def read_assess(raw: Any, path: str) -> tuple[Assess, list[dict[str, str]]]:
    """The line's `assess` with defaults, and the errors that refuse it."""
    if raw is None:
        return DEFAULT_ASSESS, []
    if not isinstance(raw, Mapping):
        return DEFAULT_ASSESS, [{"path": path, "message": "assess moet een object zijn."}]
    errors: list[dict[str, str]] = []
    errors.extend(
        {"path": f"{path}.{key}", "message": f"Onbekend veld '{key}'."}
        for key in raw
        if key not in ASSESS_FIELDS
    )

    alternatives: frozenset[str] = frozenset()
    raw_alternatives = raw.get("alternatives", [])
    if not isinstance(raw_alternatives, list):
        errors.append(
            {"path": f"{path}.alternatives", "message": "alternatives moet een lijst zijn."}
        )
    else:
        for index, operation in enumerate(raw_alternatives):
            if operation not in OPERATIONS:
                errors.append(
                    {
                        "path": f"{path}.alternatives[{index}]",
                        "message": f"Onbekende bewerking '{operation}'.",
                    }
                )
        alternatives = frozenset(op for op in raw_alternatives if op in OPERATIONS)

    alternative_credit = DEFAULT_ALTERNATIVE_CREDIT
    if "alternative_credit" in raw:
        number = read_decimal(raw["alternative_credit"])
        if number is None or not ZERO <= number <= ONE:
            errors.append(
                {
                    "path": f"{path}.alternative_credit",
                    "message": "alternative_credit moet een getal van 0 tot en met 1 zijn.",
                }
            )
        else:
            alternative_credit = number

    tolerance_percent = DEFAULT_UNIT_TOLERANCE_PERCENT
    if "unit_tolerance_percent" in raw:
        number = read_decimal(raw["unit_tolerance_percent"])
        if number is None or not ZERO <= number <= HUNDRED:
            errors.append(
                {
                    "path": f"{path}.unit_tolerance_percent",
                    "message": "unit_tolerance_percent moet een percentage van 0 tot en met 100 zijn.",
                }
            )
        else:
            tolerance_percent = number

    critical = raw.get("critical", False)
    if not isinstance(critical, bool):
        errors.append({"path": f"{path}.critical", "message": "critical moet true of false zijn."})
        critical = False

    return (
        Assess(
            alternatives=alternatives,
            alternative_credit=alternative_credit,
            unit_tolerance=tolerance_percent / HUNDRED,
            critical=critical,
        ),
        errors,
    )


def read_decisions(raw: Any, path: str) -> tuple[dict[str, bool], list[dict[str, str]]]:
    """The stated decisions (§1), each a boolean; a decision left out is simply not stated."""
    if raw is None:
        return {}, []
    if not isinstance(raw, Mapping):
        return {}, [{"path": path, "message": "decisions moet een object zijn."}]
    decisions: dict[str, bool] = {}
    errors: list[dict[str, str]] = []
    for key, value in raw.items():
        if key not in DECISION_KEYS:
            errors.append({"path": f"{path}.{key}", "message": f"Onbekende beslissing '{key}'."})
        elif not isinstance(value, bool):
            errors.append({"path": f"{path}.{key}", "message": f"{key} moet true of false zijn."})
        else:
            decisions[key] = value
    return decisions, errors
