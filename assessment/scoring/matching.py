"""Which trainee line answers which reference line (scoring spec §2)."""

from collections.abc import Sequence
from dataclasses import dataclass

from calcengine.model import Line


@dataclass(frozen=True, slots=True)
class Matching:
    """Each reference line's trainee line (None: missing), and the extra trainee lines.

    `chosen` follows the reference's line order, `extra` the trainee's.
    """

    chosen: tuple[Line | None, ...]
    extra: tuple[Line, ...]


def match_lines(reference: Sequence[Line], trainee: Sequence[Line]) -> Matching:
    """Match by `code` (§2): of several trainee lines with one code, the one with the reference's
    operation wins, else the first in the trainee's order; the others are extra lines.

    The spec has one reference line per code in mind. When a reference repeats a code, its lines
    take the trainee lines of that code in turn by the same rule: first every reference line
    that finds an unused trainee line with its own operation, then the rest in order take the
    first unused ones. With a single reference line per code this is exactly §2.
    """
    by_code = {line.code: line for line in trainee}
    if len(by_code) == len(trainee):
        reference_codes = {line.code for line in reference}
        if len(reference_codes) == len(reference):
            # One line per code on both sides, the common case: the rule has nothing to choose.
            return Matching(
                chosen=tuple([by_code.get(line.code) for line in reference]),
                extra=tuple([line for line in trainee if line.code not in reference_codes]),
            )

    # Each code's trainee lines not yet taken, in the trainee's order.
    unused: dict[str, list[Line]] = {}
    for line in trainee:
        unused.setdefault(line.code, []).append(line)

    chosen: list[Line | None] = [None] * len(reference)
    without_own_operation: list[int] = []
    for index, ref_line in enumerate(reference):
        candidates = unused.get(ref_line.code)
        if not candidates:
            continue
        for position, candidate in enumerate(candidates):
            if candidate.operation == ref_line.operation:
                chosen[index] = candidates.pop(position)
                break
        else:
            without_own_operation.append(index)
    for index in without_own_operation:
        candidates = unused.get(reference[index].code)
        if candidates:
            chosen[index] = candidates.pop(0)

    taken = {id(line) for line in chosen if line is not None}
    return Matching(
        chosen=tuple(chosen),
        extra=tuple(line for line in trainee if id(line) not in taken),
    )
