"""What the reference adds to a `schadecalc/1` input (scoring spec §1): `assess` and `decisions`.

`calcengine` passes both through unread, so they are checked here, with the same strictness
as the calculation contract: an unknown field, a wrong type or a value out of range refuses the
reference, with a path per error.
"""

import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from .rules import (
    DECISION_KEYS,
    DEFAULT_ALTERNATIVE_CREDIT,
    DEFAULT_UNIT_TOLERANCE_PERCENT,
    HUNDRED,
    ONE,
    OPERATIONS,
    ZERO,
)

ASSESS_FIELDS = frozenset(
    ("alternatives", "alternative_credit", "unit_tolerance_percent", "critical")
)


NO_ALTERNATIVES: frozenset[str] = frozenset()


class Assess(NamedTuple):
    """A reference line's `assess` object with its defaults filled in (§1). A named tuple, as
    `LineScore` is: immutable, and cheap to make for every annotated line."""

    alternatives: frozenset[str] = NO_ALTERNATIVES
    alternative_credit: Decimal = DEFAULT_ALTERNATIVE_CREDIT
    unit_tolerance: Decimal = DEFAULT_UNIT_TOLERANCE_PERCENT / HUNDRED
    critical: bool = False


DEFAULT_ASSESS = Assess()


def read_decimal(value: Any) -> Decimal | None:
    """A finite decimal from a JSON string or number, as the calculation spec §1 accepts them."""
    if type(value) is str:  # the usual form, checked first
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        # Through str(), as calcengine takes a float (calculation spec §1: "converts exactly
        # through str()"): 0.7 is 0.7, not the binary fraction nearest to it.
        if not math.isfinite(value):
            return None
        return Decimal(str(value))
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
    if type(raw) is not dict and not isinstance(raw, Mapping):
        return DEFAULT_ASSESS, [{"path": path, "message": "assess moet een object zijn."}]
    errors: list[dict[str, str]] = []
    if not ASSESS_FIELDS.issuperset(raw):
        errors.extend(
            {"path": f"{path}.{key}", "message": f"Onbekend veld '{key}'."}
            for key in raw
            if key not in ASSESS_FIELDS
        )

    alternatives = NO_ALTERNATIVES
    if "alternatives" in raw:
        raw_alternatives = raw["alternatives"]
        if not isinstance(raw_alternatives, list):
            errors.append(
                {"path": f"{path}.alternatives", "message": "alternatives moet een lijst zijn."}
            )
        else:
            known = True
            for index, operation in enumerate(raw_alternatives):
                if operation not in OPERATIONS:
                    known = False
                    errors.append(
                        {
                            "path": f"{path}.alternatives[{index}]",
                            "message": f"Onbekende bewerking '{operation}'.",
                        }
                    )
            alternatives = frozenset(
                raw_alternatives if known else (op for op in raw_alternatives if op in OPERATIONS)
            )

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

    tolerance = DEFAULT_ASSESS.unit_tolerance
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
            tolerance = number / HUNDRED

    critical = raw.get("critical", False)
    if critical is not False and critical is not True:
        errors.append({"path": f"{path}.critical", "message": "critical moet true of false zijn."})
        critical = False

    return (
        Assess(
            alternatives=alternatives,
            alternative_credit=alternative_credit,
            unit_tolerance=tolerance,
            critical=critical,
        ),
        errors,
    )


def read_decisions(raw: Any, path: str) -> tuple[dict[str, bool], list[dict[str, str]]]:
    """The stated decisions (§1), each a boolean; a decision left out is simply not stated."""
    if raw is None:
        return {}, []
    if type(raw) is not dict and not isinstance(raw, Mapping):
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
