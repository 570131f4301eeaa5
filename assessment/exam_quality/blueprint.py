"""A form's coverage of its blueprint (toetsmatrijs; issue #15, item 4).

The foundation's blueprint says, per dimension of the competence profile, which keys an exam
must cover and with what weight: work processes ("1.1"…"1.4"), knowledge items (their slugs)
and competence areas (their keys); `assessment.scoring.competence` owns all three. A form's
items each carry a weight and the profile keys they show (`extract.matrix_from_results` gives
them). Per dimension:

- the **required** share of a key is its blueprint weight over the dimension's total weight;
- the **covered** share is the weight of the items that show the key over the weight of all
  the form's items; an item showing several keys of one dimension splits its weight equally
  among them, so the covered shares of a dimension add up to the share of the form that shows
  that dimension at all (the rest is `unmapped`);
- only the dimensions the blueprint names are compared;
- a **gap** is a required key covered less than required by more than the tolerance (default
  `TOLERANCE`); a required key not covered at all is `missing`; a key covered but not in the
  blueprint is `unrequired`.

Weights are exact (`Decimal`); shares are rounded half up to four decimals, as the scoring
result shows its fractions (`rules.FRACTION_QUANTUM`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.scoring.competence import AREA_KEYS, KNOWLEDGE, WORK_PROCESSES
from assessment.scoring.rules import FRACTION_QUANTUM
from calcengine.formatting import to_decimal

from .matrix import ExamQualityInputError

#: The blueprint's dimensions and the keys each allows (the profile's own).
DIMENSIONS: dict[str, frozenset[str]] = {
    "work_processes": frozenset(WORK_PROCESSES),
    "knowledge": frozenset(KNOWLEDGE),
    "competence_areas": frozenset(AREA_KEYS.values()),
}

#: How far (as a share of the form) a key may fall short of its required share before it is a
#: gap: five percentage points. A default of this module, not a published rule; the caller
#: (the foundation's setting) may pass another.
TOLERANCE = Decimal("0.05")


class CoverageStatus(models.TextChoices):
    COVERED = "covered", _("gedekt")
    UNDER = "under", _("te weinig gedekt")
    MISSING = "missing", _("ontbreekt")
    UNREQUIRED = "unrequired", _("niet gevraagd")


@dataclass(frozen=True)
class FormItem:
    """An item of the form: its key, weight (≥ 0) and profile keys per dimension."""

    key: str
    weight: Any
    profile: Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class KeyCoverage:
    dimension: str
    key: str
    required: Decimal
    covered: Decimal
    status: CoverageStatus

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(0), self.required - self.covered)


@dataclass(frozen=True)
class Coverage:
    keys: tuple[KeyCoverage, ...]
    unmapped: Mapping[str, Decimal]

    @property
    def gaps(self) -> tuple[KeyCoverage, ...]:
        """Required keys covered too little or not at all."""
        return tuple(
            entry
            for entry in self.keys
            if entry.status in (CoverageStatus.UNDER, CoverageStatus.MISSING)
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "keys": [
                {
                    "dimension": entry.dimension,
                    "key": entry.key,
                    "required": str(entry.required),
                    "covered": str(entry.covered),
                    "status": entry.status.value,
                }
                for entry in self.keys
            ],
            "gaps": [f"{entry.dimension}:{entry.key}" for entry in self.gaps],
            "unmapped": {dimension: str(share) for dimension, share in self.unmapped.items()},
        }


def _share(part: Decimal, whole: Decimal) -> Decimal:
    if whole == 0:
        return Decimal(0).quantize(FRACTION_QUANTUM)
    return (part / whole).quantize(FRACTION_QUANTUM, ROUND_HALF_UP)


def coverage_errors(
    blueprint: Mapping[str, Mapping[str, Any]], items: Sequence[FormItem]
) -> list[str]:
    """Why the blueprint or the items are refused: an unknown dimension or profile key, a
    weight that is no number or negative, a dimension whose weights add up to 0, no items or
    items of total weight 0."""
    errors: list[str] = []
    for dimension, weights in blueprint.items():
        if dimension not in DIMENSIONS:
            errors.append(f"toetsmatrijs: onbekende dimensie '{dimension}'")
            continue
        total = Decimal(0)
        for key, weight in weights.items():
            if key not in DIMENSIONS[dimension]:
                errors.append(
                    f"toetsmatrijs: '{key}' is geen sleutel van {dimension} in het profiel"
                )
            number = to_decimal(weight)
            if number is None or number < 0:
                errors.append(
                    f"toetsmatrijs: gewicht van {dimension} '{key}' moet een getal ≥ 0 zijn, "
                    f"niet {weight!r}"
                )
            else:
                total += number
        if weights and total == 0:
            errors.append(f"toetsmatrijs: de gewichten van {dimension} tellen op tot 0")
    if not items:
        errors.append("de toetsvorm heeft geen items")
    total_weight = Decimal(0)
    for item in items:
        number = to_decimal(item.weight)
        if number is None or number < 0:
            errors.append(
                f"item '{item.key}': gewicht moet een getal ≥ 0 zijn, niet {item.weight!r}"
            )
        else:
            total_weight += number
        for dimension, keys in item.profile.items():
            allowed = DIMENSIONS.get(dimension)
            if allowed is None:
                errors.append(f"item '{item.key}': onbekende dimensie '{dimension}'")
                continue
            for key in keys:
                if key not in allowed:
                    errors.append(
                        f"item '{item.key}': '{key}' is geen sleutel van {dimension} in het profiel"
                    )
    if items and total_weight == 0 and not errors:
        errors.append("de gewichten van de items tellen op tot 0")
    return errors


def coverage(
    blueprint: Mapping[str, Mapping[str, Any]],
    items: Iterable[FormItem],
    *,
    tolerance: Decimal = TOLERANCE,
) -> Coverage:
    """Per blueprint key its required and covered share and status, keys the form covers
    without being asked for, and per dimension the share of the form that shows none of its
    keys. Raises `ExamQualityInputError` with every refusal (`coverage_errors`)."""
    item_list = list(items)
    errors = coverage_errors(blueprint, item_list)
    if errors:
        raise ExamQualityInputError(errors)
    total_weight = sum((Decimal(str(item.weight)) for item in item_list), Decimal(0))
    entries: list[KeyCoverage] = []
    unmapped: dict[str, Decimal] = {}
    for dimension in DIMENSIONS:
        if dimension not in blueprint:
            continue
        required_weights = {
            key: Decimal(str(weight)) for key, weight in (blueprint.get(dimension) or {}).items()
        }
        required_total = sum(required_weights.values(), Decimal(0))
        covered_weights: dict[str, Decimal] = {}
        without = Decimal(0)
        for item in item_list:
            keys = sorted(set(item.profile.get(dimension) or ()))
            weight = Decimal(str(item.weight))
            if not keys:
                without += weight
                continue
            for key in keys:
                covered_weights[key] = covered_weights.get(key, Decimal(0)) + weight / len(keys)
        unmapped[dimension] = _share(without, total_weight)
        for key in sorted(set(required_weights) | set(covered_weights)):
            required = _share(required_weights.get(key, Decimal(0)), required_total)
            covered = _share(covered_weights.get(key, Decimal(0)), total_weight)
            if key not in required_weights or required == 0:
                if covered == 0:
                    continue
                status = CoverageStatus.UNREQUIRED
            elif covered == 0:
                status = CoverageStatus.MISSING
            elif required - covered > tolerance:
                status = CoverageStatus.UNDER
            else:
                status = CoverageStatus.COVERED
            entries.append(KeyCoverage(dimension, key, required, covered, status))
    return Coverage(tuple(entries), unmapped)
