"""The knock-outs (kritieke fouten) of scoring spec §6.

Each finding is one error: one per critical reference line, per trainee line, per warning of the
trainee's calculation; one for the total-loss decision and one for the rates. They are listed in
the order of §6's table (`CriticalKind`'s order), and within a kind in line order. `line_id` is
the trainee's line where there is one, else the reference's, else null.
"""

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from calcengine.model import Estimate, Line, Rates

from .explain import critical_message
from .result import CriticalError, CriticalKind
from .rules import (
    DEFAULT_PART_SOURCE,
    PART_BUYING_OPERATIONS,
    TOTAL_LOSS_DECISION,
    UNDAMAGED_WORK_OPERATIONS,
    ZERO,
)

# Calculation spec §3 warning codes that become a knock-out when only the trainee has them.
WARNING_KINDS = {
    "ADAS_CALIBRATION_MISSING": CriticalKind.ADAS_CALIBRATION_MISSING,
    "HV_SAFETY_MISSING": CriticalKind.HV_SAFETY_MISSING,
}
KIND_ORDER = {kind: index for index, kind in enumerate(CriticalKind)}


def warning_codes(estimate: Estimate) -> frozenset[str]:
    """The codes among a calculation's warnings that §6 looks at."""
    return frozenset(warning.code for warning in estimate.warnings if warning.code in WARNING_KINDS)


def missing_critical_error(reference: Line) -> CriticalError:
    """`missing_critical`: a critical reference line without a trainee line (the reference's
    line id: there is no trainee line)."""
    kind = CriticalKind.MISSING_CRITICAL
    return CriticalError(kind, reference.id, critical_message(kind, reference=reference))


def wrong_operation_critical_error(reference: Line, trainee: Line) -> CriticalError:
    """`wrong_operation_critical`: a critical reference line matched with `op = 0`, on the
    trainee's line."""
    kind = CriticalKind.WRONG_OPERATION_CRITICAL
    return CriticalError(
        kind, trainee.id, critical_message(kind, reference=reference, line=trainee)
    )


def critical_line_errors(
    pairs: Iterable[tuple[Line, Line | None, Decimal | None]],
) -> tuple[list[CriticalError], list[CriticalError]]:
    """`missing_critical` and `wrong_operation_critical` over the critical reference lines,
    each given with its trainee line (None: missing) and `op`, in the reference's order."""
    missing: list[CriticalError] = []
    wrong: list[CriticalError] = []
    for reference, trainee, op in pairs:
        if trainee is None:
            missing.append(missing_critical_error(reference))
        elif op is not None and op <= ZERO:
            wrong.append(wrong_operation_critical_error(reference, trainee))
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
    trainee_estimate: Estimate,
    reference_codes: frozenset[str],
    line_order: Mapping[str, int],
) -> list[CriticalError]:
    """`adas_calibration_missing`, then `hv_safety_missing`: one per warning of the trainee's
    calculation whose code is not among the reference calculation's warnings (§6: by code; the
    engine warns once per uncalibrated sensor), in the trainee's line order."""
    found: list[tuple[int, int, CriticalError]] = []
    for warning in trainee_estimate.warnings:
        kind = WARNING_KINDS.get(warning.code)
        if kind is None or warning.code in reference_codes:
            continue
        position = line_order.get(warning.line_id, len(line_order)) if warning.line_id else -1
        found.append(
            (
                KIND_ORDER[kind],
                position,
                CriticalError(kind, warning.line_id, critical_message(kind, warning=warning)),
            )
        )
    found.sort(key=lambda item: (item[0], item[1]))
    return [error for _, _, error in found]


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


def _differences(
    reference: Any, trainee: Any, path: str, found: list[tuple[str, Any, Any]]
) -> None:
    """Where two parsed rate values differ (§6 `rates_differ`): a field on one side only, a
    number not equal as a decimal (calcengine has made every number a Decimal, so "62.5",
    "62.50" and 62.5 are equal), a boolean, a list by length and element by element."""
    if reference is None or trainee is None:
        if reference is not trainee:
            found.append((path, reference, trainee))
        return
    if isinstance(reference, bool) or isinstance(trainee, bool):
        if reference is not trainee:
            found.append((path, reference, trainee))
        return
    if isinstance(reference, Mapping) and isinstance(trainee, Mapping):
        for key in reference:
            if key not in trainee:
                found.append((f"{path}.{key}", reference[key], None))
            else:
                _differences(reference[key], trainee[key], f"{path}.{key}", found)
        found.extend(
            (f"{path}.{key}", None, trainee[key]) for key in trainee if key not in reference
        )
        return
    if isinstance(reference, list | tuple) and isinstance(trainee, list | tuple):
        if len(reference) != len(trainee):
            found.append((path, reference, trainee))
            return
        for index, (left, right) in enumerate(zip(reference, trainee, strict=True)):
            _differences(left, right, f"{path}[{index}]", found)
        return
    if dataclasses.is_dataclass(reference) and type(reference) is type(trainee):
        for item in dataclasses.fields(reference):
            _differences(
                getattr(reference, item.name),
                getattr(trainee, item.name),
                f"{path}.{item.name}" if path else item.name,
                found,
            )
        return
    if reference != trainee:
        found.append((path, reference, trainee))


def rate_differences(reference: Rates, trainee: Rates) -> list[tuple[str, Any, Any]]:
    """(path, reference value, trainee value) for each rate field that differs."""
    found: list[tuple[str, Any, Any]] = []
    # The common case first: equal as dataclasses (Decimals compare by value, a field absent on
    # one side is None on it) means nothing differs; only a difference is walked field by field.
    if reference is trainee or reference == trainee:
        return found
    _differences(reference, trainee, "", found)
    return found


def rates_errors(reference: Rates, trainee: Rates) -> list[CriticalError]:
    """`rates_differ`: the trainee calculated with other rates than the paying party's, as
    the reference states them. One error, line_id null."""
    differences = rate_differences(reference, trainee)
    if not differences:
        return []
    kind = CriticalKind.RATES_DIFFER
    return [CriticalError(kind, None, critical_message(kind, differences=differences))]


def part_source_errors(
    trainee_lines: Sequence[Line], allowed: frozenset[str] | None
) -> list[CriticalError]:
    """`part_source_not_allowed`: a trainee replace line whose part source (absent: OEM) the
    paying party does not accept. One per trainee line."""
    if allowed is None:
        return []
    kind = CriticalKind.PART_SOURCE_NOT_ALLOWED
    return [
        CriticalError(kind, line.id, critical_message(kind, line=line))
        for line in trainee_lines
        if line.operation in PART_BUYING_OPERATIONS
        and (line.part_source or DEFAULT_PART_SOURCE) not in allowed
    ]


def undamaged_work_errors(
    extra_lines: Sequence[Line], undamaged: frozenset[str]
) -> list[CriticalError]:
    """`undamaged_part_worked`: an extra trainee line replacing, repairing or painting a part
    that the case shows undamaged. One per trainee line."""
    if not undamaged:
        return []
    return [
        undamaged_work_error(line)
        for line in extra_lines
        if line.operation in UNDAMAGED_WORK_OPERATIONS and line.code in undamaged
    ]


def undamaged_work_error(line: Line) -> CriticalError:
    kind = CriticalKind.UNDAMAGED_PART_WORKED
    return CriticalError(kind, line.id, critical_message(kind, line=line))
