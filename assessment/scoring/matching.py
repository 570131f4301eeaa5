"""Which trainee line answers which reference line (scoring spec §2): three passes, each over
the reference lines in input order, each taking the first trainee line (in the trainee's order)
not matched yet."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from calcengine.model import Line

from .annotations import Assess
from .rules import (
    SENSOR_NAMING_OPERATIONS,
    SPECIALIST_CALIBRATION_OPERATIONS,
    SUBCONTRACTED_CALIBRATION_CREDIT,
)

# The pass that matched a reference line (§2).
SAME_CODE = 1  # the reference's code with its operation or a same-code alternative's
OTHER_CODE = 2  # an alternative with another code, or a specialist's calibration of the sensor
ANY_OPERATION = 3  # the reference's code with an operation nothing accepts (op = 0)


@dataclass(frozen=True, slots=True)
class Matching:
    """Each reference line's trainee line (None: missing), the pass that matched it, and for a
    pass-2 match the `op` it earns (the alternative's credit, or 1 for a specialist's
    calibration); the extra trainee lines.

    `chosen`, `passes` and `other_code_op` follow the reference's line order, `extra` the
    trainee's.
    """

    chosen: tuple[Line | None, ...]
    passes: tuple[int | None, ...]
    other_code_op: tuple[Decimal | None, ...]
    extra: tuple[Line, ...]


def match_lines(
    reference: Sequence[Line], assess: Sequence[Assess], trainee: Sequence[Line]
) -> Matching:
    """Match the trainee's lines to the reference's (§2), `assess[i]` annotating `reference[i]`.

    1. Same code, fitting operation: the first trainee line with the reference line's code and
       operation; else, per same-code alternative in order, the first with that code and the
       alternative's operation (operation only: §3 looks at the part source).
    2. Another code: per alternative with another code in order, the first trainee line with
       that code and operation (and part source, where the alternative names one; and the same
       `sensor` for a calibrate reference line); then, for a calibrate reference line, the
       first subcontract trainee line naming the same sensor (credit 1, listed or not).
    3. Same code, any operation: the first trainee line with the reference line's code.
    """
    count = len(reference)
    taken = [False] * len(trainee)
    by_code: dict[str, list[int]] = {}
    for position, line in enumerate(trainee):
        by_code.setdefault(line.code, []).append(position)

    chosen: list[Line | None] = [None] * count
    passes: list[int | None] = [None] * count
    other_code_op: list[Decimal | None] = [None] * count

    def first(
        code: str,
        operation: str | None = None,
        part_source: str | None = None,
        sensor: str | None = None,
    ) -> int:
        for position in by_code.get(code, ()):
            if taken[position]:
                continue
            line = trainee[position]
            if operation is not None and line.operation != operation:
                continue
            if part_source is not None and line.part_source != part_source:
                continue
            if sensor is not None and line.sensor != sensor:
                continue
            return position
        return -1

    def take(index: int, position: int, match_pass: int) -> None:
        taken[position] = True
        chosen[index] = trainee[position]
        passes[index] = match_pass

    # Pass 1: same code, the reference's operation or a same-code alternative's.
    for index, (ref_line, line_assess) in enumerate(zip(reference, assess, strict=True)):
        position = first(ref_line.code, ref_line.operation)
        if position < 0 and line_assess.alternatives:
            for alternative in line_assess.same_code(ref_line.code):
                position = first(ref_line.code, alternative.operation)
                if position >= 0:
                    break
        if position >= 0:
            take(index, position, SAME_CODE)

    # Pass 2: another code.
    subcontracted: list[int] | None = None
    for index, (ref_line, line_assess) in enumerate(zip(reference, assess, strict=True)):
        if chosen[index] is not None:
            continue
        calibrate = ref_line.operation in SENSOR_NAMING_OPERATIONS
        sensor = ref_line.sensor if calibrate else None
        for alternative in line_assess.other_code(ref_line.code):
            assert alternative.code is not None
            position = first(
                alternative.code, alternative.operation, alternative.part_source, sensor
            )
            if position >= 0:
                take(index, position, OTHER_CODE)
                other_code_op[index] = line_assess.credit_of(alternative)
                break
        if chosen[index] is None and calibrate and sensor is not None:
            if subcontracted is None:
                subcontracted = [
                    position
                    for position, line in enumerate(trainee)
                    if line.operation in SPECIALIST_CALIBRATION_OPERATIONS
                    and line.sensor is not None
                ]
            for position in subcontracted:
                if not taken[position] and trainee[position].sensor == sensor:
                    take(index, position, OTHER_CODE)
                    other_code_op[index] = SUBCONTRACTED_CALIBRATION_CREDIT
                    break

    # Pass 3: same code, any operation (it earns op = 0).
    for index, ref_line in enumerate(reference):
        if chosen[index] is None:
            position = first(ref_line.code)
            if position >= 0:
                take(index, position, ANY_OPERATION)

    return Matching(
        chosen=tuple(chosen),
        passes=tuple(passes),
        other_code_op=tuple(other_code_op),
        extra=tuple(line for position, line in enumerate(trainee) if not taken[position]),
    )
