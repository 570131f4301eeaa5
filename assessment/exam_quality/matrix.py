"""The response matrix of an exam form: candidates in rows, items in columns, each cell the
credit a candidate earned on an item (a fraction 0..1, or points up to the item's maximum).

A cell may be empty (`None` / NaN): the item did not apply to that attempt, as a workflow check
that does not apply "counts for nothing" (assessment/README.md). Empty cells count neither for
nor against a candidate in the item analysis (`items.item_analysis`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


class ExamQualityInputError(ValueError):
    """Input on which an exam-quality statistic is not defined; `errors` says why, one Dutch
    sentence each (as `assessment.agreement.AgreementInputError`)."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = list(errors)


@dataclass(frozen=True)
class Item:
    """One item of a form: a stable `key` (`line:<reference line id>`, `check:<check key>`),
    a readable `label`, its `kind` (`line` or `check`), the credit that counts as full
    (`maximum`), and what the extractor knows of it: its weight in the score (`weight`, a
    reference line's `w_i`; `None` for a check, which carries none) and the profile keys it
    shows (`profile`: dimension → keys, as `blueprint.coverage` reads them)."""

    key: str
    label: str
    kind: str = "item"
    maximum: float = 1.0
    weight: Any = None
    profile: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ResponseMatrix:
    """`values[c][i]`: candidate `candidates[c]`'s credit on `items[i]`, or NaN (empty)."""

    candidates: tuple[str, ...]
    items: tuple[Item, ...]
    values: Any  # numpy.ndarray of float, candidates × items

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.candidates), len(self.items)


def response_matrix(
    rows: Sequence[Sequence[float | None]],
    *,
    items: Sequence[Item | str] | None = None,
    candidates: Sequence[str] | None = None,
) -> ResponseMatrix:
    """A checked `ResponseMatrix` from rows of cells (`None` or NaN: empty).

    `items` default to `item 1`, `item 2`, … with maximum 1; `candidates` to `1`, `2`, ….
    Refuses (`ExamQualityInputError`, every refusal at once) rows of unequal length, cells that
    are not numbers or lie outside 0..maximum, and duplicate item keys.
    """
    import numpy as np

    width = len(rows[0]) if rows else len(items or ())
    given = list(items) if items is not None else [f"item {n}" for n in range(1, width + 1)]
    item_list = [item if isinstance(item, Item) else Item(str(item), str(item)) for item in given]
    names = (
        list(candidates) if candidates is not None else [str(n) for n in range(1, len(rows) + 1)]
    )
    errors: list[str] = []
    keys = [item.key for item in item_list]
    for key in sorted({key for key in keys if keys.count(key) > 1}):
        errors.append(f"item '{key}' komt {keys.count(key)} keer voor")
    if len(names) != len(rows):
        errors.append(f"{len(names)} kandidaten genoemd voor {len(rows)} rijen")
    for item in item_list:
        if not (isinstance(item.maximum, int | float) and math.isfinite(item.maximum)):
            errors.append(f"item '{item.key}': het maximum is geen getal")
        elif item.maximum <= 0:
            errors.append(f"item '{item.key}': het maximum moet groter dan 0 zijn")
    values = np.full((len(rows), len(item_list)), np.nan)
    for row_number, row in enumerate(rows):
        name = names[row_number] if row_number < len(names) else str(row_number + 1)
        if len(row) != len(item_list):
            errors.append(
                f"kandidaat '{name}': {len(row)} cellen, verwacht {len(item_list)} (één per item)"
            )
            continue
        for column, (cell, item) in enumerate(zip(row, item_list, strict=True)):
            if cell is None:
                continue
            try:
                number = float(cell)
            except (TypeError, ValueError):
                errors.append(f"kandidaat '{name}', item '{item.key}': geen getal: {cell!r}")
                continue
            if math.isnan(number):
                continue
            if not (0 <= number <= item.maximum):
                errors.append(
                    f"kandidaat '{name}', item '{item.key}': {cell} ligt buiten "
                    f"0 tot en met {item.maximum:g}"
                )
                continue
            values[row_number, column] = number
    if errors:
        raise ExamQualityInputError(errors)
    return ResponseMatrix(tuple(names), tuple(item_list), values)
