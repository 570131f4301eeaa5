"""What the reference adds to a `schadecalc/1` input (scoring spec §1): a line's `assess`, the
top-level `assess` and `decisions`.

`calcengine` passes all three through unread, so they are checked here, with the same
strictness as the calculation contract: an unknown field, a wrong type or a value out of range
refuses the reference, with a path per error. (A line's `critical_reason`, which the case admin
lets an editor write for the trainee to read, is accepted as text and not scored.)
"""

import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from .rules import (
    DECISION_KEYS,
    DEFAULT_ALTERNATIVE_CREDIT,
    DEFAULT_TOTAL_BAND_PERCENT,
    DEFAULT_UNIT_TOLERANCE_PERCENT,
    HUNDRED,
    ONE,
    OPERATIONS,
    PART_SOURCES,
    ZERO,
)

ASSESS_FIELDS = frozenset(
    (
        "alternatives",
        "alternative_credit",
        "part_sources",
        "unit_tolerance_percent",
        "critical",
        "critical_reason",
    )
)
ALTERNATIVE_FIELDS = frozenset(("operation", "code", "part_source", "credit"))
REFERENCE_ASSESS_FIELDS = frozenset(("undamaged", "part_sources_allowed", "total_band_percent"))

Error = dict[str, str]


class Alternative(NamedTuple):
    """One item of a line's `alternatives` (§1). `code` None: the reference line's own code;
    `part_source` None: any; `credit` None: the line's `alternative_credit`."""

    operation: str
    code: str | None = None
    part_source: str | None = None
    credit: Decimal | None = None


NO_ALTERNATIVES: tuple[Alternative, ...] = ()


class Assess(NamedTuple):
    """A reference line's `assess` object with its defaults filled in (§1). A named tuple, as
    `LineScore` is: immutable, and cheap to make for every annotated line.

    `part_sources` None means the line's own part source (§1's default), which only the line
    knows; `accepted_sources` resolves it.
    """

    alternatives: tuple[Alternative, ...] = NO_ALTERNATIVES
    alternative_credit: Decimal = DEFAULT_ALTERNATIVE_CREDIT
    part_sources: frozenset[str] | None = None
    unit_tolerance: Decimal = DEFAULT_UNIT_TOLERANCE_PERCENT / HUNDRED
    critical: bool = False

    def credit_of(self, alternative: Alternative) -> Decimal:
        """An alternative's own credit, else the line's `alternative_credit` (§1)."""
        return self.alternative_credit if alternative.credit is None else alternative.credit

    def same_code(self, code: str) -> tuple[Alternative, ...]:
        """The alternatives on the line's own code, in their order (§2 pass 1)."""
        return tuple(item for item in self.alternatives if item.code is None or item.code == code)

    def other_code(self, code: str) -> tuple[Alternative, ...]:
        """The alternatives naming another code, in their order (§2 pass 2)."""
        return tuple(
            item for item in self.alternatives if item.code is not None and item.code != code
        )

    def accepted_sources(self, own_source: str) -> frozenset[str]:
        """The part sources that earn full credit on a replace line (§1 `part_sources`)."""
        return frozenset((own_source,)) if self.part_sources is None else self.part_sources


DEFAULT_ASSESS = Assess()


class ReferenceAssess(NamedTuple):
    """The reference's top-level `assess` (§1) with its defaults: `part_sources_allowed` None
    means every source; the total band as fractions (5 % → 0.05)."""

    undamaged: frozenset[str] = frozenset()
    part_sources_allowed: frozenset[str] | None = None
    total_band: tuple[Decimal, Decimal] = (
        DEFAULT_TOTAL_BAND_PERCENT[0] / HUNDRED,
        DEFAULT_TOTAL_BAND_PERCENT[1] / HUNDRED,
    )


DEFAULT_REFERENCE_ASSESS = ReferenceAssess()


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


def _is_object(raw: Any) -> bool:
    return type(raw) is dict or isinstance(raw, Mapping)


def _unknown(raw: Mapping[str, Any], known: frozenset[str], path: str) -> list[Error]:
    if known.issuperset(raw):
        return []
    return [
        {"path": f"{path}.{key}", "message": f"Onbekend veld '{key}'."}
        for key in raw
        if key not in known
    ]


def _credit(raw: Any, path: str, name: str, errors: list[Error]) -> Decimal | None:
    number = read_decimal(raw)
    if number is None or not ZERO <= number <= ONE:
        errors.append({"path": path, "message": f"{name} moet een getal van 0 tot en met 1 zijn."})
        return None
    return number


def _text(raw: Any, path: str, name: str, errors: list[Error]) -> str | None:
    if type(raw) is not str or not raw.strip():
        errors.append({"path": path, "message": f"{name} moet een niet-lege tekst zijn."})
        return None
    return raw


def _part_source(raw: Any, path: str, errors: list[Error]) -> str | None:
    if raw not in PART_SOURCES:
        errors.append(
            {
                "path": path,
                "message": f"Onbekende herkomst '{raw}' (kies uit {', '.join(PART_SOURCES)}).",
            }
        )
        return None
    source: str = raw
    return source


def _part_sources(raw: Any, path: str, errors: list[Error]) -> frozenset[str] | None:
    """A non-empty list of known part sources."""
    if not isinstance(raw, list) or not raw:
        errors.append(
            {"path": path, "message": "Geef een lijst met minstens één herkomst van onderdelen."}
        )
        return None
    sources = [_part_source(item, f"{path}[{index}]", errors) for index, item in enumerate(raw)]
    return frozenset(source for source in sources if source is not None)


def _alternative(raw: Any, path: str, errors: list[Error]) -> Alternative | None:
    """An operation name, or `{operation, code?, part_source?, credit?}` (§1)."""
    if not _is_object(raw):
        if raw in OPERATIONS:
            return Alternative(raw)
        errors.append({"path": path, "message": f"Onbekende bewerking '{raw}'."})
        return None
    before = len(errors)
    errors.extend(_unknown(raw, ALTERNATIVE_FIELDS, path))
    operation = raw.get("operation")
    if operation is None:
        errors.append({"path": f"{path}.operation", "message": "Dit veld ontbreekt."})
    elif operation not in OPERATIONS:
        errors.append(
            {"path": f"{path}.operation", "message": f"Onbekende bewerking '{operation}'."}
        )
    code = raw.get("code")
    if code is not None:
        code = _text(code, f"{path}.code", "code", errors)
    part_source = raw.get("part_source")
    if part_source is not None:
        part_source = _part_source(part_source, f"{path}.part_source", errors)
    credit = raw.get("credit")
    if credit is not None:
        credit = _credit(credit, f"{path}.credit", "credit", errors)
    if len(errors) > before:
        return None
    return Alternative(operation, code, part_source, credit)


def read_assess(raw: Any, path: str) -> tuple[Assess, list[Error]]:
    """The line's `assess` with defaults, and the errors that refuse it."""
    if raw is None:
        return DEFAULT_ASSESS, []
    if not _is_object(raw):
        return DEFAULT_ASSESS, [{"path": path, "message": "assess moet een object zijn."}]
    errors = _unknown(raw, ASSESS_FIELDS, path)

    alternatives = NO_ALTERNATIVES
    if "alternatives" in raw:
        raw_alternatives = raw["alternatives"]
        if not isinstance(raw_alternatives, list):
            errors.append(
                {"path": f"{path}.alternatives", "message": "alternatives moet een lijst zijn."}
            )
        else:
            read = [
                _alternative(item, f"{path}.alternatives[{index}]", errors)
                for index, item in enumerate(raw_alternatives)
            ]
            alternatives = tuple(item for item in read if item is not None)

    alternative_credit = DEFAULT_ALTERNATIVE_CREDIT
    if "alternative_credit" in raw:
        number = _credit(
            raw["alternative_credit"], f"{path}.alternative_credit", "alternative_credit", errors
        )
        if number is not None:
            alternative_credit = number

    part_sources = None
    if "part_sources" in raw:
        part_sources = _part_sources(raw["part_sources"], f"{path}.part_sources", errors)

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

    if "critical_reason" in raw and type(raw["critical_reason"]) is not str:
        errors.append(
            {"path": f"{path}.critical_reason", "message": "critical_reason moet tekst zijn."}
        )

    return (
        Assess(
            alternatives=alternatives,
            alternative_credit=alternative_credit,
            part_sources=part_sources,
            unit_tolerance=tolerance,
            critical=critical,
        ),
        errors,
    )


def read_reference_assess(raw: Any, path: str) -> tuple[ReferenceAssess, list[Error]]:
    """The reference's top-level `assess` (§1) with defaults, and the errors that refuse it."""
    if raw is None:
        return DEFAULT_REFERENCE_ASSESS, []
    if not _is_object(raw):
        return DEFAULT_REFERENCE_ASSESS, [{"path": path, "message": "assess moet een object zijn."}]
    errors = _unknown(raw, REFERENCE_ASSESS_FIELDS, path)

    undamaged: frozenset[str] = frozenset()
    if "undamaged" in raw:
        codes = raw["undamaged"]
        if not isinstance(codes, list):
            errors.append(
                {"path": f"{path}.undamaged", "message": "undamaged moet een lijst zijn."}
            )
        else:
            read = [
                _text(code, f"{path}.undamaged[{index}]", "Een code", errors)
                for index, code in enumerate(codes)
            ]
            undamaged = frozenset(code for code in read if code is not None)

    allowed = None
    if "part_sources_allowed" in raw:
        allowed = _part_sources(raw["part_sources_allowed"], f"{path}.part_sources_allowed", errors)

    band = DEFAULT_REFERENCE_ASSESS.total_band
    if "total_band_percent" in raw:
        raw_band = raw["total_band_percent"]
        numbers = (
            [read_decimal(item) for item in raw_band]
            if isinstance(raw_band, list) and len(raw_band) == 2
            else [None]
        )
        if None in numbers or not ZERO <= numbers[0] <= numbers[1]:  # type: ignore[operator]
            errors.append(
                {
                    "path": f"{path}.total_band_percent",
                    "message": (
                        "total_band_percent moet twee percentages [a, b] zijn, met 0 ≤ a ≤ b."
                    ),
                }
            )
        else:
            band = (numbers[0] / HUNDRED, numbers[1] / HUNDRED)  # type: ignore[operator]

    return ReferenceAssess(undamaged, allowed, band), errors


def read_decisions(raw: Any, path: str) -> tuple[dict[str, bool], list[Error]]:
    """The stated decisions (§1), each a boolean; a decision left out is simply not stated."""
    if raw is None:
        return {}, []
    if not _is_object(raw):
        return {}, [{"path": path, "message": "decisions moet een object zijn."}]
    decisions: dict[str, bool] = {}
    errors: list[Error] = []
    for key, value in raw.items():
        if key not in DECISION_KEYS:
            errors.append({"path": f"{path}.{key}", "message": f"Onbekende beslissing '{key}'."})
        elif not isinstance(value, bool):
            errors.append({"path": f"{path}.{key}", "message": f"{key} moet true of false zijn."})
        else:
            decisions[key] = value
    return decisions, errors
