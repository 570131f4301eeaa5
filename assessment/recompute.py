"""The score after the assessor's line overrides (assessment/README.md, "Overrides").

Pure: the machine's result JSON and `{line_key: new_verdict}` in, the effective lines, components,
critical errors, score and pass/fail out. Without overrides the machine's figures stand as they
are; with overrides L is recomputed from the line weights and credits of the result:

- a reference line overridden to `correct` earns credit 1, to `alternative` the line's
  alternative credit, to `units_off` the machine's credit if the machine said units_off too
  (else 0.75, the middle of the units_off band), to `wrong_operation` or `missing` 0;
- an extra line overridden to `correct` (the work was needed after all) no longer reduces L;
- a critical reference line overridden to `missing`/`wrong_operation` gets the knock-out, and
  one overridden to a verdict with credit loses it; other knock-outs (repair not allowed,
  warnings, total-loss decision) are facts of the calculation that an override does not change.
T and D do not depend on line verdicts and stay as the machine computed them.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .scoring.rules import COMPONENT_WEIGHTS, HUNDRED, PASS_MARK

REFERENCE_VERDICTS = ("correct", "alternative", "units_off", "wrong_operation", "missing")
EXTRA_VERDICTS = ("correct", "extra")
VERDICT_LABELS = {
    "correct": "juist",
    "alternative": "acceptabel alternatief",
    "units_off": "eenheden wijken af",
    "wrong_operation": "verkeerde bewerking",
    "missing": "ontbreekt",
    "extra": "overbodig",
}
UNITS_OFF_DEFAULT_CREDIT = Decimal("0.75")
ZERO = Decimal(0)
ONE = Decimal(1)
LINE_POINTS = HUNDRED * COMPONENT_WEIGHTS["L"]
FOUR_PLACES = Decimal("0.0001")
TWO_PLACES = Decimal("0.01")
ONE_PLACE = Decimal("0.1")


def line_key(line: dict[str, Any]) -> str:
    if line.get("reference_line_id") is not None:
        return str(line["reference_line_id"])
    return f"extra:{line.get('trainee_line_id')}"


def allowed_verdicts(line: dict[str, Any]) -> tuple[str, ...]:
    return REFERENCE_VERDICTS if line.get("reference_line_id") is not None else EXTRA_VERDICTS


def _dec(value: Any, default: Decimal = ZERO) -> Decimal:
    if value is None:
        return default
    return Decimal(str(value))


def _credit(line: dict, verdict: str, meta: dict) -> Decimal:
    if verdict == line["machine_verdict"]:
        return _dec(line.get("credit"))
    if verdict == "correct":
        return ONE
    if verdict == "alternative":
        return _dec(meta.get("alternative_credit"), Decimal("0.5"))
    if verdict == "units_off":
        return UNITS_OFF_DEFAULT_CREDIT
    return ZERO


def recompute(machine: dict[str, Any], overrides: dict[str, str]) -> dict[str, Any]:
    """The effective result: `lines` (each with `machine_verdict`, `verdict`, `overridden`,
    `points_lost`), `components`, `critical_errors`, `score` (str) and `passed`."""
    lines = machine.get("lines") or []
    meta_by_line = machine.get("line_meta") or {}
    components = dict(machine.get("components") or {})
    relevant = {key: verdict for key, verdict in overrides.items() if key}
    effective_lines = []
    for line in lines:
        key = line_key(line)
        verdict = relevant.get(key, line["verdict"])
        effective_lines.append(
            {
                **line,
                "key": key,
                "machine_verdict": line["verdict"],
                "verdict": verdict,
                "overridden": key in relevant and verdict != line["verdict"],
            }
        )
    if not any(line["overridden"] for line in effective_lines):
        for line in effective_lines:
            line["points_lost"] = line.get("points_lost")
        return {
            "lines": effective_lines,
            "components": components,
            "critical_errors": list(machine.get("critical_errors") or []),
            "score": str(machine.get("score")),
            "passed": bool(machine.get("passed")),
            "overridden": False,
        }

    reference_lines = [
        line for line in effective_lines if line.get("reference_line_id") is not None
    ]
    extra_lines = [line for line in effective_lines if line.get("reference_line_id") is None]
    weight_sum = sum((_dec(line.get("weight")) for line in reference_lines), ZERO)
    credits = {
        line["key"]: _credit(line, line["verdict"], meta_by_line.get(line["key"], {}))
        for line in reference_lines
    }
    before_extra = (
        sum((_dec(line.get("weight")) * credits[line["key"]] for line in reference_lines), ZERO)
        / weight_sum
        if weight_sum > ZERO
        else ONE
    )
    reduction = min(
        ONE,
        sum((_dec(line.get("weight")) for line in extra_lines if line["verdict"] == "extra"), ZERO),
    )
    lines_component = before_extra * (ONE - reduction)
    for line in reference_lines:
        lost = (
            LINE_POINTS * _dec(line.get("weight")) * (ONE - credits[line["key"]]) / weight_sum
            if weight_sum > ZERO
            else ZERO
        )
        line["points_lost"] = str(lost.quantize(TWO_PLACES, rounding=ROUND_HALF_UP))
        line["credit"] = str(credits[line["key"]].quantize(FOUR_PLACES, rounding=ROUND_HALF_UP))
    for line in extra_lines:
        lost = (
            LINE_POINTS * before_extra * _dec(line.get("weight"))
            if line["verdict"] == "extra"
            else ZERO
        )
        line["points_lost"] = str(lost.quantize(TWO_PLACES, rounding=ROUND_HALF_UP))

    total = _dec(components.get("T"))
    decided = _dec(components.get("D"))
    raw = HUNDRED * (
        COMPONENT_WEIGHTS["L"] * lines_component
        + COMPONENT_WEIGHTS["T"] * total
        + COMPONENT_WEIGHTS["D"] * decided
    )
    score = raw.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
    components["L"] = str(lines_component.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP))

    critical = _critical_errors(machine, effective_lines)
    return {
        "lines": effective_lines,
        "components": components,
        "critical_errors": critical,
        "score": str(score),
        "passed": score >= PASS_MARK and not critical,
        "overridden": True,
    }


def _critical_errors(machine: dict, lines: list[dict]) -> list[dict]:
    meta_by_line = machine.get("line_meta") or {}
    by_key = {line["key"]: line for line in lines}
    errors = []
    line_kinds = ("missing_critical", "wrong_operation_critical")
    for error in machine.get("critical_errors") or []:
        if error.get("kind") in line_kinds:
            line = by_key.get(str(error.get("line_id")))
            if line is not None and line["overridden"]:
                continue  # re-derived below from the overridden verdict
        errors.append(error)
    for line in lines:
        if not line["overridden"] or line.get("reference_line_id") is None:
            continue
        if not meta_by_line.get(line["key"], {}).get("critical"):
            continue
        if line["verdict"] == "missing":
            kind = "missing_critical"
        elif line["verdict"] == "wrong_operation":
            kind = "wrong_operation_critical"
        else:
            continue
        errors.append(
            {
                "kind": kind,
                "line_id": line["reference_line_id"],
                "message": f"Kritieke regel {line.get('code')}: door de beoordelaar als "
                f"'{VERDICT_LABELS[line['verdict']]}' beoordeeld.",
            }
        )
    return errors
