"""The score after the assessor's line overrides: `rescore(result, overrides)`.

The assessor reviews the machine's result and may give a line another verdict, with a written
reason, and optionally an explicit credit. Those overrides are one more input of the scorer:
`rescore` takes the machine's result (its JSON, as a grade stores it) and the overrides, and
gives the effective result, with the same functions that made the machine's figures
(`components.py`: L with the extra-line reduction, the score, the pass mark, the points a line
costs; `critical.py`/`explain.py`: the knock-outs). Pure: no database, no Django.

What an override does to a reference line's credit (assessment/README.md, "Overrides"):

| override | credit |
|---|---|
| the machine's own verdict, no credit | the machine's |
| an explicit `credit` (0…1; with `alternative` or `units_off`) | that credit |
| `correct` | 1 |
| `alternative` | the line's `alternative_credit`, but never less than the machine's credit: accepting a way of working as an alternative does not take points the machine gave |
| `units_off` | the machine's credit if the machine said `units_off` too, else 0.75 (the middle of the units-off band) |
| `wrong_operation`, `missing` | 0 |

An extra line overridden to `correct` (the work was needed after all) no longer reduces L and no
longer counts as work on an undamaged part. A critical reference line overridden to `missing` or
`wrong_operation` gets that knock-out, one overridden to a verdict with credit loses it. The other
knock-outs (repair not allowed, the warnings, the total-loss decision, the rates, a part source
the payer forbids) are facts of the calculation that an override does not change; T and D do not
depend on line verdicts and stay as the machine computed them.

A result carries its `spec` and is re-scored under it: the formula of L, the score and the pass
mark are the same in `schadescore/1` and `/2`. A `/2` result stored with `exact=True` carries the
unrounded figures (`basis`); a `/1` result only its shown ones and `line_meta` (critical and
alternative credit per reference line), which serve as they did then.
"""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from .components import (
    extra_points_lost,
    extra_shares,
    final_score,
    is_passed,
    line_points_lost,
    lines_before_extra,
    lines_component,
)
from .explain import override_critical_message
from .result import CriticalKind, Verdict, quantize
from .rules import (
    DEFAULT_ALTERNATIVE_CREDIT,
    FRACTION_QUANTUM,
    ONE,
    POINTS_QUANTUM,
    PREVIOUS_SPEC,
    ZERO,
)
from .subscores import subscores

# The verdicts an assessor may give: a reference line any but `extra`; an extra line `correct`
# (the work was needed after all) or `extra`.
REFERENCE_VERDICTS = (
    Verdict.CORRECT,
    Verdict.ALTERNATIVE,
    Verdict.UNITS_OFF,
    Verdict.WRONG_OPERATION,
    Verdict.MISSING,
)
EXTRA_VERDICTS = (Verdict.CORRECT, Verdict.EXTRA)
# The verdicts whose credit is a judgment the assessor may state explicitly.
CREDIT_VERDICTS = (Verdict.ALTERNATIVE, Verdict.UNITS_OFF)
UNITS_OFF_DEFAULT_CREDIT = Decimal("0.75")


class Override(NamedTuple):
    """The assessor's verdict on a line, and an explicit credit (0…1) where one is given."""

    verdict: str
    credit: Decimal | None = None


def line_key(line: Mapping[str, Any]) -> str:
    """A result line's key: the reference line's id, or "extra:<trainee line id>"."""
    if line.get("reference_line_id") is not None:
        return str(line["reference_line_id"])
    return f"extra:{line.get('trainee_line_id')}"


def is_reference_line(line: Mapping[str, Any]) -> bool:
    return line.get("reference_line_id") is not None


def allowed_verdicts(line: Mapping[str, Any]) -> tuple[Verdict, ...]:
    """The verdicts an assessor may give this result line."""
    return REFERENCE_VERDICTS if is_reference_line(line) else EXTRA_VERDICTS


def credit_allowed(line: Mapping[str, Any], verdict: str) -> bool:
    """Whether an explicit credit may go with this verdict on this line."""
    return is_reference_line(line) and verdict in CREDIT_VERDICTS


def result_line(result: Mapping[str, Any], key: str) -> Mapping[str, Any] | None:
    """The result's line with this key, or None."""
    line: Mapping[str, Any]
    for line in result.get("lines") or ():
        if line_key(line) == key:
            return line
    return None


def _decimal(value: Any, default: Decimal = ZERO) -> Decimal:
    return default if value is None else Decimal(str(value))


def _as_override(value: Override | str) -> Override:
    return Override(value) if isinstance(value, str) else value


class _Line:
    """A result line with its exact figures, as the stored result gives them."""

    __slots__ = (
        "alt",
        "cost",
        "credit",
        "critical",
        "data",
        "key",
        "override",
        "verdict",
        "weight",
    )

    def __init__(
        self, data: Mapping[str, Any], meta: Mapping[str, Any], override: Override | None
    ) -> None:
        basis = data.get("basis") or {}
        self.data = data
        self.key = line_key(data)
        self.override: Override | None = override
        self.verdict = data["verdict"] if override is None else override.verdict
        self.weight = _decimal(basis.get("weight", data.get("weight")))
        self.credit = _decimal(basis.get("credit", data.get("credit")))
        self.critical = bool(basis.get("critical", meta.get("critical", False)))
        self.alt = _decimal(
            basis.get("alternative_credit", meta.get("alternative_credit")),
            DEFAULT_ALTERNATIVE_CREDIT,
        )
        cost = basis.get("cost")
        self.cost = None if cost is None else Decimal(cost)

    @property
    def overridden(self) -> bool:
        override = self.override
        return override is not None and (
            override.verdict != self.data["verdict"] or override.credit is not None
        )


def effective_credit(
    machine_verdict: str,
    machine_credit: Decimal,
    alternative_credit: Decimal,
    override: Override | None,
) -> Decimal:
    """A reference line's credit after the assessor's override (see the module's table)."""
    if override is None or (override.verdict == machine_verdict and override.credit is None):
        return machine_credit
    if override.credit is not None:
        return override.credit
    verdict = override.verdict
    if verdict == Verdict.CORRECT:
        return ONE
    if verdict == Verdict.ALTERNATIVE:
        return max(machine_credit, alternative_credit)
    if verdict == Verdict.UNITS_OFF:
        return machine_credit if machine_verdict == Verdict.UNITS_OFF else UNITS_OFF_DEFAULT_CREDIT
    return ZERO


def _critical_errors(
    result: Mapping[str, Any], reference: list[_Line], extra: list[_Line]
) -> list[dict[str, Any]]:
    """The knock-outs after the overrides, in §6's order (see the module docstring)."""
    machine_errors = list(result.get("critical_errors") or ())
    line_kinds: dict[str, str] = {
        Verdict.MISSING: str(CriticalKind.MISSING_CRITICAL),
        Verdict.WRONG_OPERATION: str(CriticalKind.WRONG_OPERATION_CRITICAL),
    }
    # The machine's line knock-outs follow its critical lines with those verdicts, in order.
    queued = {
        kind: [error for error in machine_errors if error.get("kind") == kind]
        for kind in line_kinds.values()
    }
    by_kind: dict[str, list[dict[str, Any]]] = {kind: [] for kind in line_kinds.values()}
    for line in reference:
        if not line.critical:
            continue
        machine_kind = line_kinds.get(line.data["verdict"])
        machine_error = (
            queued[machine_kind].pop(0) if machine_kind and queued[machine_kind] else None
        )
        kind = line_kinds.get(line.verdict)
        if kind is None:
            continue
        if machine_error is not None and kind == machine_kind:
            by_kind[kind].append(machine_error)
            continue
        trainee_id = line.data.get("trainee_line_id")
        keyed_on_trainee = (
            kind == CriticalKind.WRONG_OPERATION_CRITICAL
            and trainee_id is not None
            and result.get("spec") != PREVIOUS_SPEC  # /1 put it on the reference line
        )
        by_kind[kind].append(
            {
                "kind": kind,
                "line_id": trainee_id if keyed_on_trainee else line.data["reference_line_id"],
                "message": override_critical_message(kind, line.data.get("code", "")),
            }
        )
    needed_after_all = {
        line.data.get("trainee_line_id") for line in extra if line.verdict == Verdict.CORRECT
    }
    rest = [
        error
        for error in machine_errors
        if error.get("kind") not in by_kind
        and not (
            error.get("kind") == CriticalKind.UNDAMAGED_PART_WORKED
            and error.get("line_id") in needed_after_all
        )
    ]
    return [
        *by_kind[line_kinds[Verdict.MISSING]],
        *by_kind[line_kinds[Verdict.WRONG_OPERATION]],
        *rest,
    ]


def rescore(result: Mapping[str, Any], overrides: Mapping[str, Override | str]) -> dict[str, Any]:
    """The effective result of the machine's `result` (JSON) after `overrides` (line key →
    `Override`, or a bare verdict).

    Each line gains `key`, `machine_verdict`, `machine_credit`, `overridden` and
    `override_credit`; its `verdict`, `credit` and `points_lost` are the effective ones. The
    result gains `overridden`. Without an override that changes anything, the machine's figures
    stand exactly as they are.
    """
    meta = result.get("line_meta") or {}
    relevant = {key: _as_override(value) for key, value in overrides.items() if key}
    lines = [
        _Line(data, meta.get(line_key(data), {}), relevant.get(line_key(data)))
        for data in result.get("lines") or ()
    ]
    reference = [line for line in lines if is_reference_line(line.data)]
    extra = [line for line in lines if not is_reference_line(line.data)]
    changed = any(line.overridden for line in lines)

    credits = [
        effective_credit(line.data["verdict"], line.credit, line.alt, line.override)
        for line in reference
    ]
    basis = result.get("basis") or {}
    components = dict(result.get("components") or {})
    if not changed:
        score, passed = str(result.get("score")), bool(result.get("passed"))
        critical = list(result.get("critical_errors") or ())
        shown_subscores = result.get("subscores")
        points = {id(line): line.data.get("points_lost") for line in lines}
    else:
        weights = [line.weight for line in reference]
        weight_sum = sum(weights, ZERO)
        before = lines_before_extra(weights, credits)
        still_extra = [line for line in extra if line.verdict == Verdict.EXTRA]
        if "reference_subtotal" in basis and all(line.cost is not None for line in extra):
            _, reduction, shares = extra_shares(
                [line.cost for line in still_extra if line.cost is not None],
                Decimal(basis["reference_subtotal"]),
            )
        else:
            # A result without its exact figures (schadescore/1): each extra line's shown share
            # (its cost / S, unless the cap applied), capped again as §3 caps the reduction.
            shares = [line.weight for line in still_extra]
            reduction = min(ONE, sum(shares, ZERO))
        share_of = {id(line): share for line, share in zip(still_extra, shares, strict=True)}
        lines_value = lines_component(before, reduction)
        total = _decimal(basis.get("T", components.get("T")))
        decided = _decimal(basis.get("D", components.get("D")))
        critical = _critical_errors(result, reference, extra)
        rounded = final_score(lines_value, total, decided)
        score, passed = str(rounded), is_passed(rounded, bool(critical))
        components["L"] = quantize(lines_value, FRACTION_QUANTUM)
        shown_subscores = subscores(
            {"L": lines_value, "T": total, "D": decided}, bool(critical)
        ).to_json()
        points = {
            id(line): quantize(line_points_lost(line.weight, weight_sum, credit), POINTS_QUANTUM)
            for line, credit in zip(reference, credits, strict=True)
        }
        points.update(
            {
                id(line): quantize(
                    extra_points_lost(before, share_of[id(line)]) if id(line) in share_of else ZERO,
                    POINTS_QUANTUM,
                )
                for line in extra
            }
        )

    credit_of = {id(line): credit for line, credit in zip(reference, credits, strict=True)}
    effective_lines = []
    for line in lines:
        data = line.data
        credit = credit_of.get(id(line))
        override = line.override
        effective_lines.append(
            {
                **data,
                "key": line.key,
                "machine_verdict": data["verdict"],
                "machine_credit": data.get("credit"),
                "verdict": line.verdict,
                "credit": data.get("credit")
                if credit is None or not line.overridden
                else quantize(credit, FRACTION_QUANTUM),
                "points_lost": points[id(line)],
                "overridden": line.overridden,
                "override_credit": (
                    None
                    if override is None or override.credit is None
                    else quantize(override.credit, FRACTION_QUANTUM)
                ),
            }
        )
    effective = {
        key: value for key, value in result.items() if key not in ("lines", "basis", "line_meta")
    }
    effective.update(
        {
            "spec": result.get("spec", PREVIOUS_SPEC),
            "score": score,
            "passed": passed,
            "components": components,
            "critical_errors": critical,
            "lines": effective_lines,
            "overridden": changed,
        }
    )
    if shown_subscores is not None:
        effective["subscores"] = shown_subscores
    return effective
