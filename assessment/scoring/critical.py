"""The knock-outs (kritieke fouten) of scoring spec §6.

Each finding is one error: one per critical reference line, one per trainee repair line, one
per warning of the trainee's calculation. They are listed in the order of §6's table, and within
a kind in line order.
"""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from calcengine.model import Estimate, Line, Warning

from .annotations import Assess
from .explain import critical_message
from .result import CriticalError, CriticalKind
from .rules import TOTAL_LOSS_DECISION, ZERO

# Calculation spec §3 warning codes that become a knock-out when only the trainee has them.
WARNING_KINDS = {
    "ADAS_CALIBRATION_MISSING": CriticalKind.ADAS_CALIBRATION_MISSING,
    "HV_SAFETY_MISSING": CriticalKind.HV_SAFETY_MISSING,
}

WarningKey = tuple[str, str]


def _key(warning: Warning) -> WarningKey:
    """A warning known by what it warns about: its code and its message, which names the
    uncalibrated sensor (or the powertrain). Not by line: the engine puts an ADAS warning on the
    first line listing the sensor, which depends on each calculation's line order."""
    return (warning.code, warning.message)


def warning_keys(estimate: Estimate) -> frozenset[WarningKey]:
    """A calculation's knock-out warnings, by `_key`."""
    return frozenset(
        _key(warning) for warning in estimate.warnings if warning.code in WARNING_KINDS
    )


def critical_line_errors(
    pairs: Iterable[tuple[Line, Line | None, Assess, Decimal | None]],
) -> tuple[list[CriticalError], list[CriticalError]]:
    """`missing_critical` and `wrong_operation_critical`: a critical reference line with no
    trainee line, or matched with `op = 0`. Both carry the reference line's id."""
    missing: list[CriticalError] = []
    wrong: list[CriticalError] = []
    for reference, trainee, assess, op in pairs:
        if not assess.critical:
            continue
        if trainee is None:
            kind = CriticalKind.MISSING_CRITICAL
            missing.append(
                CriticalError(kind, reference.id, critical_message(kind, reference=reference))
            )
        elif op is not None and op <= ZERO:
            kind = CriticalKind.WRONG_OPERATION_CRITICAL
            wrong.append(
                CriticalError(
                    kind, reference.id, critical_message(kind, reference=reference, line=trainee)
                )
            )
    return missing, wrong


def repair_not_allowed_errors(
    trainee_lines: Sequence[Line], forbidden_codes: frozenset[str]
) -> list[CriticalError]:
    """A trainee `repair` line on a part whose repair is forbidden, by its own `repair_allowed`
    or by the reference line with the same code (`forbidden_codes`). One per trainee line."""
    kind = CriticalKind.REPAIR_NOT_ALLOWED
    return [
        CriticalError(kind, line.id, critical_message(kind, line=line))
        for line in trainee_lines
        if line.operation == "repair" and (not line.repair_allowed or line.code in forbidden_codes)
    ]


def warning_errors(
    trainee_estimate: Estimate, reference_keys: frozenset[WarningKey]
) -> list[CriticalError]:
    """`adas_calibration_missing` / `hv_safety_missing`: each such warning of the trainee's
    calculation that the reference's calculation does not have
    (one error per warning: per uncalibrated sensor, as the engine warns). ADAS first, then HV.
    """
    found: list[CriticalError] = []
    for warning in trainee_estimate.warnings:
        kind = WARNING_KINDS.get(warning.code)
        if kind is None:
            continue
        if _key(warning) not in reference_keys:
            found.append(
                CriticalError(kind, warning.line_id, critical_message(kind, warning=warning))
            )
    order = list(WARNING_KINDS.values())
    return sorted(found, key=lambda error: order.index(error.kind))


def total_loss_errors(
    decisions: Mapping[str, tuple[bool, bool | None]],
) -> list[CriticalError]:
    """`total_loss_decision`: the trainee's economic total-loss decision differs from the
    reference's."""
    compared = decisions.get(TOTAL_LOSS_DECISION)
    if compared is None or compared[0] == compared[1]:
        return []
    kind = CriticalKind.TOTAL_LOSS_DECISION
    return [CriticalError(kind, None, critical_message(kind, decisions=compared))]
