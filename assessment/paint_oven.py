"""The paint oven's temperature limit of a high-voltage vehicle (issue #16 item 3): where the
case's manufacturer information limits the drying temperature at the car (the traction battery
is not cooled while the car is in the workshop), the work order must tell the paint shop so.

A case declares the limit on one of its `vsi_notes` as `max_paint_temperature_c` (whole degrees
Celsius); the check applies when the case's reference pre-calculation paints something. The
work order (`create_work_order`, its `instructions`) passes when it names a drying temperature
at or below the limit or a low-temperature method (infrared on the panel, a low-temperature
programme, air drying, painting a part off the car), and names no temperature above the limit.

How a temperature is read (review of issue #16, finding 6), within its clause (split at ; : , .
newline, "maar", "want"):
- directly after a cap word ("niet boven", "niet hoger dan", "max.", "maximaal", "hoogstens",
  "hooguit", "tot", "onder") it is a cap: at or below the limit it keeps the car within it, above
  the limit it fails ("niet boven 60 °C" allows 60 °C);
- after a word saying the part is off the car ("los", "buiten de auto", "gedemonteerd", "van de
  auto af") it is exempt: a removed part may dry on the normal programme;
- after a negation ("niet", "geen", "nooit", "verboden", "zonder") with no "en", "maar", "dus",
  "daarna" or other temperature in between, it is forbidden and does not count
  ("niet in het ovenprogramma van 60 °C");
- any other temperature is what the order asks: above the limit it fails.
A method word counts only where no negation precedes it in its scope ("geen infrarood nodig"
names no method).

Pure functions on the case version and the timeline; `workflow_checks` wraps them as the
check `paint_oven_limit`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from assessment.calculation_checks import Verdict
from cases.timeline import EventKind

LIMIT_KEY = "max_paint_temperature_c"
# A temperature in degrees Celsius as a work order writes it: "49 °C", "49°C", "45 graden".
_TEMPERATURE = re.compile(r"(?<!\d)(\d{2,3})(?:[.,](\d+))?\s*(?:°\s*c\b|℃|graden\b)", re.IGNORECASE)
# Words that name a drying method which keeps the car itself cool.
LOW_TEMPERATURE_METHODS = (
    "infrarood",
    "kortegolf",
    "ir-droging",
    "ir-droger",
    "ir-lamp",
    "lage temperatuur",
    "lage-temperatuur",
    "laag programma",
    "low bake",
    "low-bake",
    "luchtdrog",
    "los spuiten",
    "los gespoten",
    "buiten de auto",
)
_METHOD = re.compile("|".join(map(re.escape, LOW_TEMPERATURE_METHODS)) + r"|\bir\b")
# Words saying the part is off the car: a temperature after them in the clause is exempt.
_OFF_CAR = re.compile(r"\blos\b|\blosgenomen\b|buiten de auto|gedemonteerd|van de auto af")
# A cap word directly before a temperature: the most the order allows.
_CAP_BEFORE = re.compile(
    r"(?:\bniet\s+(?:boven|hoger\s+dan|meer\s+dan|warmer\s+dan)|\bmax(?:imaal|imum)?"
    r"|\bhoogstens|\bhooguit|\btot(?:\s+en\s+met)?|\bonder|\bbeneden|\blager\s+dan|[<≤])"
    r"\s*(?:de\s+|een\s+)?$"
)
_NEGATIONS = re.compile(r"\b(niet|geen|nooit|verboden|zonder)\b")
# Words that end a negation's reach within a clause.
_SCOPE_ENDS = re.compile(r"\b(en|dus|daarna)\b")
# Clause ends: ; : newline, a full stop or a comma (not a decimal comma), "maar", "want".
_CLAUSES = re.compile(r"[;:\n]|\.\s|,(?!\d)|\b(?:maar|want)\b")
# Abbreviations whose full stop does not end a clause.
_ABBREVIATIONS = re.compile(r"\b(max|min|ca|bijv|incl|excl)\.")

CAP, EXEMPT, FORBIDDEN, ASKED = "cap", "exempt", "forbidden", "asked"


def oven_limit(case: Any) -> int | None:
    """The case's drying-temperature limit in °C, from its manufacturer information."""
    for note in getattr(case, "vsi_notes", None) or []:
        if isinstance(note, dict) and isinstance(note.get(LIMIT_KEY), int):
            return note[LIMIT_KEY]
    return None


def reference_paints(case: Any) -> bool:
    lines = (getattr(case, "reference_precalc", None) or {}).get("lines") or []
    return any(isinstance(line, dict) and line.get("paint") for line in lines)


def applies_to_case(case: Any) -> bool:
    """The case half of the check: a stated limit and paint work in the reference."""
    return oven_limit(case) is not None and reference_paints(case)


def _clauses(text: str) -> list[str]:
    return _CLAUSES.split(_ABBREVIATIONS.sub(r"\1", text.lower()))


def _negated(before: str) -> bool:
    """Whether a negation reaches the end of `before` (no scope end after it)."""
    ends = list(_SCOPE_ENDS.finditer(before))
    return bool(_NEGATIONS.search(before[ends[-1].end() :] if ends else before))


def _unnegated(pattern: re.Pattern[str], clause: str) -> bool:
    """Whether `pattern` occurs in the clause where no negation reaches it."""
    return any(not _negated(clause[: m.start()]) for m in pattern.finditer(clause))


def _temperatures(text: str) -> list[tuple[Decimal, str]]:
    """Every temperature in the text with how the order uses it (CAP, EXEMPT, FORBIDDEN, ASKED)."""
    found = []
    for clause in _clauses(text):
        since = 0  # a negation's reach ends at the previous temperature
        for match in _TEMPERATURE.finditer(clause):
            before = clause[: match.start()]
            if _unnegated(_OFF_CAR, before):
                kind = EXEMPT
            elif _CAP_BEFORE.search(before):
                kind = CAP
            elif _negated(before[since:]):
                kind = FORBIDDEN
            else:
                kind = ASKED
            found.append((Decimal(f"{match.group(1)}.{match.group(2) or 0}"), kind))
            since = match.end()
    return found


def _degrees(value: Decimal) -> str:
    """A temperature as Dutch writes it: "60", "49,5"."""
    return f"{value.normalize():f}".replace(".", ",")


def _names_a_method(text: str) -> bool:
    return any(
        _unnegated(_METHOD, clause) or _unnegated(_OFF_CAR, clause) for clause in _clauses(text)
    )


def judge_instructions(text: str, limit: int) -> Verdict:
    """Whether work-order instructions keep the car within `limit` °C (always applicable)."""
    temperatures = _temperatures(text or "")
    too_hot = sorted({t for t, kind in temperatures if kind == ASKED and t > limit})
    if too_hot:
        return (
            True,
            False,
            f"De werkorder laat drogen op {_degrees(too_hot[-1])} °C; de fabrikant staat aan de "
            f"auto niet meer dan {limit} °C toe (HV-accu).",
        )
    caps_above = sorted({t for t, kind in temperatures if kind == CAP and t > limit})
    if caps_above:
        return (
            True,
            False,
            f"De werkorder noemt {_degrees(caps_above[-1])} °C als grens; de fabrikant staat aan "
            f"de auto niet meer dan {limit} °C toe (HV-accu).",
        )
    within = any(kind in (CAP, ASKED) and t <= limit for t, kind in temperatures)
    if within or _names_a_method(text or ""):
        return (
            True,
            True,
            f"De werkorder houdt de droogtemperatuur aan de auto binnen de grens van de "
            f"fabrikant (max. {limit} °C).",
        )
    if temperatures:
        return (
            True,
            False,
            f"De werkorder verbiedt een temperatuur maar noemt geen droogtemperatuur of "
            f"-methode binnen de grens: de fabrikant staat aan de auto niet meer dan {limit} °C "
            f"toe (HV-accu).",
        )
    return (
        True,
        False,
        f"De werkorder zegt niets over de droogtemperatuur: de fabrikant staat aan de auto niet "
        f"meer dan {limit} °C toe, het gewone ovenprogramma is te heet voor de HV-accu.",
    )


def judge(case: Any, events: Sequence[Any]) -> Verdict:
    """(applicable, passed, explanation) of the check on an attempt's timeline."""
    limit = oven_limit(case)
    if limit is None or not reference_paints(case):
        return False, True, "Geen temperatuurgrens voor het lakwerk in deze casus."
    orders = [
        event
        for event in events
        if event.kind == EventKind.WORK_ORDER_CREATED and not getattr(event, "refused", False)
    ]
    if not orders:
        return False, True, "Nog geen werkorder in dit dossier."
    text = "\n".join(str((event.data or {}).get("instructions") or "") for event in orders)
    return judge_instructions(text, limit)
