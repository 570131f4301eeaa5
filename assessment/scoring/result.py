"""The result of scoring one calculation (scoring spec §7) and its JSON form.

The dataclasses hold exact Decimals; `to_json` shows them rounded half up, to 1 decimal for the
score and sub-scores, 4 for components and line fractions (as expected.json states them) and
2 for points. `to_json(exact=True)` adds the exact values (`basis`) that `rescoring.rescore`
starts from after the assessor's overrides.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from .rules import FRACTION_QUANTUM, ONE, POINTS_QUANTUM, SCORE_QUANTUM, SPEC, ZERO


class Verdict(StrEnum):
    """A line's verdict (§7), see README.md for the precise rule of each."""

    CORRECT = "correct"
    ALTERNATIVE = "alternative"
    UNITS_OFF = "units_off"
    WRONG_OPERATION = "wrong_operation"
    MISSING = "missing"
    EXTRA = "extra"


class CriticalKind(StrEnum):
    """The knock-outs of §6, in the order of its table (and of the result's list)."""

    MISSING_CRITICAL = "missing_critical"
    WRONG_OPERATION_CRITICAL = "wrong_operation_critical"
    REPAIR_NOT_ALLOWED = "repair_not_allowed"
    ADAS_CALIBRATION_MISSING = "adas_calibration_missing"
    HV_SAFETY_MISSING = "hv_safety_missing"
    TOTAL_LOSS_DECISION = "total_loss_decision"
    RATES_DIFFER = "rates_differ"
    PART_SOURCE_NOT_ALLOWED = "part_source_not_allowed"
    UNDAMAGED_PART_WORKED = "undamaged_part_worked"


def quantize(value: Decimal | None, quantum: Decimal) -> str | None:
    """The value rounded half up to `quantum`, as a string."""
    if value is None:
        return None
    # Rounding passed by position: parsing it as a keyword costs more than the rounding.
    return str(value.quantize(quantum, ROUND_HALF_UP))


# Most lines are right: their figures are the shared constants 1 and 0, shown ready-made.
_ONE_FRACTION = str(ONE.quantize(FRACTION_QUANTUM))
_ZERO_FRACTION = str(ZERO.quantize(FRACTION_QUANTUM))
_ZERO_POINTS = str(ZERO.quantize(POINTS_QUANTUM))


def _fraction(value: Decimal | None) -> str | None:
    """`quantize(value, FRACTION_QUANTUM)`, in one call: a result shows four per line."""
    if value is ONE:
        return _ONE_FRACTION
    if value is ZERO:
        return _ZERO_FRACTION
    if value is None:
        return None
    return str(value.quantize(FRACTION_QUANTUM, ROUND_HALF_UP))


def round_score(value: Decimal) -> Decimal:
    """`round(x, 1)` half up, as §7 writes it (never Python's banker's `round`)."""
    return value.quantize(SCORE_QUANTUM, ROUND_HALF_UP)


class LineScore(NamedTuple):
    """One reference line (matched or missing) or one extra trainee line.

    For an extra line `op`, `u` and `credit` are None and `weight` is its cost as a share of the
    reference subtotal (the share by which it reduces L); for a missing line `op` and `u` are
    None and `credit` is 0.

    A named tuple rather than a frozen dataclass: as immutable, made in half the time, and a
    single object for the garbage collector to track (a result has one per line, and a batch
    scores thousands of lines).
    """

    code: str
    reference_line_id: str | None
    trainee_line_id: str | None
    verdict: Verdict
    op: Decimal | None
    u: Decimal | None
    credit: Decimal | None
    weight: Decimal
    points_lost: Decimal
    explanation: str
    # What a re-score after the assessor's overrides needs (`rescoring.py`): a reference line's
    # `critical` and `alternative_credit` (§1), an extra line's cost at the reference's rates.
    critical: bool = False
    alternative_credit: Decimal | None = None
    cost: Decimal | None = None

    def basis(self) -> dict[str, Any]:
        """The exact figures behind the shown ones, for a re-score (`ScoreResult.to_json`)."""
        if self.reference_line_id is None:
            return {"weight": str(self.weight), "cost": str(self.cost)}
        return {
            "weight": str(self.weight),
            "credit": str(self.credit),
            "critical": self.critical,
            "alternative_credit": str(self.alternative_credit),
        }

    def to_json(self) -> dict[str, Any]:
        op, u, credit, points = self.op, self.u, self.credit, self.points_lost
        return {
            "code": self.code,
            "reference_line_id": self.reference_line_id,
            "trainee_line_id": self.trainee_line_id,
            # str() of a StrEnum is its value, and far cheaper than `.value`.
            "verdict": str(self.verdict),
            # Most lines are right, with op, u and credit all the constant 1: no call for those.
            "op": _ONE_FRACTION if op is ONE else _fraction(op),
            "u": _ONE_FRACTION if u is ONE else _fraction(u),
            "credit": _ONE_FRACTION if credit is ONE else _fraction(credit),
            "weight": str(self.weight.quantize(FRACTION_QUANTUM, ROUND_HALF_UP)),
            "points_lost": (
                _ZERO_POINTS
                if points is ZERO
                else str(points.quantize(POINTS_QUANTUM, ROUND_HALF_UP))
            ),
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class CriticalError:
    """A knock-out (§6). `line_id` is the reference's line for `missing_critical` and
    `wrong_operation_critical`, the trainee's for the kinds found in the trainee's calculation,
    and None for `total_loss_decision`."""

    kind: CriticalKind
    line_id: str | None
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": str(self.kind), "line_id": self.line_id, "message": self.message}


@dataclass(frozen=True, slots=True)
class Components:
    """L, T and D (§3–§5), exact."""

    L: Decimal
    T: Decimal
    D: Decimal

    def to_json(self) -> dict[str, str | None]:
        return {
            "L": quantize(self.L, FRACTION_QUANTUM),
            "T": quantize(self.T, FRACTION_QUANTUM),
            "D": quantize(self.D, FRACTION_QUANTUM),
        }


@dataclass(frozen=True, slots=True)
class Subscores:
    """Sub-scores out of 100, per work process and per competence area (§7); None where a
    calculation shows nothing (those come from the workflow's checks and the assessor)."""

    work_processes: Mapping[str, Decimal | None]
    competence_areas: Mapping[str, Decimal | None]

    def to_json(self) -> dict[str, dict[str, str | None]]:
        return {
            "work_processes": {
                key: quantize(value, SCORE_QUANTUM) for key, value in self.work_processes.items()
            },
            "competence_areas": {
                key: quantize(value, SCORE_QUANTUM) for key, value in self.competence_areas.items()
            },
        }


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """Everything §7 lists, with the figures that lead to it.

    `lines_before_extra` is L before the over-calculation reduction, `extra_reduction` the
    reduction's factor `min(1, extra_cost / reference subtotal)`, `reference_total` the `R` of
    §4 (the reference subtotal adjusted for pass-2 matches), `total_deviation` its `dev`.
    `decisions` maps each decision asked to (reference, trainee).
    """

    score: Decimal
    passed: bool
    components: Components
    critical_errors: tuple[CriticalError, ...]
    lines: tuple[LineScore, ...]
    subscores: Subscores
    reference_subtotal: Decimal
    trainee_subtotal: Decimal
    total_deviation: Decimal
    lines_before_extra: Decimal
    extra_cost: Decimal
    extra_reduction: Decimal
    decisions: Mapping[str, tuple[bool, bool | None]]
    reference_total: Decimal | None = None

    def to_json(self, *, exact: bool = False) -> dict[str, Any]:
        """The result's JSON (§8). `exact` adds a `basis` with the unrounded figures that a
        re-score after the assessor's overrides starts from (a stored grade keeps it), to the
        result and to each line."""
        data: dict[str, Any] = {
            "spec": SPEC,
            "score": str(self.score),
            "passed": self.passed,
            "components": self.components.to_json(),
            "critical_errors": [error.to_json() for error in self.critical_errors],
            "lines": [line.to_json() for line in self.lines],
            "subscores": self.subscores.to_json(),
        }
        if exact:
            for shown, line in zip(data["lines"], self.lines, strict=True):
                shown["basis"] = line.basis()
            data["basis"] = {
                "L": str(self.components.L),
                "T": str(self.components.T),
                "D": str(self.components.D),
                "lines_before_extra": str(self.lines_before_extra),
                "reference_subtotal": str(self.reference_subtotal),
                "extra_cost": str(self.extra_cost),
            }
        return data
