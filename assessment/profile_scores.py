"""Sub-scores of a grade per work process (1.1–1.4) and competence area, out of 100.

Each item's sub-score is the mean of the sources that speak to it (assessment/README.md):
the machine's sub-score (recomputed after overrides), the share of the applicable workflow
checks mapped to it that passed, and — for competence areas — the assessor's rubric level
(`rubric.level_to_score`). An item that no source speaks to is None.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .rubric import AREAS, level_of_score, level_to_score
from .scoring.competence import COMPETENCE_AREAS, WORK_PROCESSES
from .scoring.subscores import subscores as machine_subscores

ONE_PLACE = Decimal("0.1")


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def grade_subscores(
    effective: dict[str, Any], workflow_checks: list[dict], rubric: dict[str, int]
) -> dict[str, dict[str, Decimal | None]]:
    components = {name: Decimal(str(effective["components"][name])) for name in ("L", "T", "D")}
    machine = machine_subscores(components, bool(effective["critical_errors"]))
    sources: dict[str, dict[str, list[Decimal]]] = {
        "work_processes": {code: [] for code in WORK_PROCESSES},
        "competence_areas": {area: [] for area in COMPETENCE_AREAS},
    }
    for code, value in machine.work_processes.items():
        if value is not None:
            sources["work_processes"][code].append(value)
    for area, value in machine.competence_areas.items():
        if value is not None:
            sources["competence_areas"][area].append(value)
    for group, attribute in (
        ("work_processes", "work_process"),
        ("competence_areas", "competence_area"),
    ):
        counted: dict[str, list[bool]] = {}
        for check in workflow_checks:
            if check.get("applicable"):
                counted.setdefault(check[attribute], []).append(bool(check.get("passed")))
        for item, results in counted.items():
            if item in sources[group]:
                sources[group][item].append(Decimal(100) * sum(results) / len(results))
    for area in AREAS:
        level = (rubric or {}).get(area.slug)
        if level:
            sources["competence_areas"][area.name].append(Decimal(level_to_score(level)))
    return {
        group: {item: _mean(values) for item, values in items.items()}
        for group, items in sources.items()
    }


def level_of(score: Decimal | None) -> int | None:
    """A sub-score as a level 1–4 of the rubric's scale (`rubric.level_of_score`, the one
    owner of the levels and their floors)."""
    return level_of_score(score)
