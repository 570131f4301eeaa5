"""Sub-scores per work process and competence area (scoring spec §7).

A sub-score is the mean of the components mapped to it in `competence.COMPONENT_ITEMS`,
weighted as in the score (L 0.60, T 0.25, D 0.15), times 100: so work process 1.2, which all
three show, equals the unrounded score. Where the knock-outs map to it too (1.2, Organiseren en
uitvoeren: "volgt regels en procedures"), any critical error makes it 0, as it makes the
result onvoldoende. Items that no component maps to are None: a calculation cannot show them.
"""

from collections.abc import Mapping
from decimal import Decimal

from .competence import COMPETENCE_AREAS, COMPONENT_ITEMS, WORK_PROCESSES
from .result import Subscores
from .rules import COMPONENT_WEIGHTS, HUNDRED, ZERO

CRITICAL = "critical"


def _subscore(
    names: list[str], components: Mapping[str, Decimal], has_critical_error: bool
) -> Decimal | None:
    if not names:
        return None
    if CRITICAL in names and has_critical_error:
        return ZERO
    weighted = [name for name in names if name != CRITICAL]
    if not weighted:
        return HUNDRED
    total_weight = sum((COMPONENT_WEIGHTS[name] for name in weighted), ZERO)
    earned = sum((COMPONENT_WEIGHTS[name] * components[name] for name in weighted), ZERO)
    return HUNDRED * earned / total_weight


def _names_by_item() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """For each work process and each competence area, the components mapped to it."""
    by_process: dict[str, list[str]] = {code: [] for code in WORK_PROCESSES}
    by_area: dict[str, list[str]] = {area: [] for area in COMPETENCE_AREAS}
    for name, items in COMPONENT_ITEMS.items():
        for code in items["work_processes"]:
            by_process[code].append(name)
        for area in items["competence_areas"]:
            by_area[area].append(name)
    return by_process, by_area


# The mapping is fixed: read once, not per result.
_BY_PROCESS, _BY_AREA = _names_by_item()


def subscores(components: Mapping[str, Decimal], has_critical_error: bool) -> Subscores:
    """The sub-scores of the components `{"L": …, "T": …, "D": …}`, exact."""
    return Subscores(
        work_processes={
            code: _subscore(names, components, has_critical_error)
            for code, names in _BY_PROCESS.items()
        },
        competence_areas={
            area: _subscore(names, components, has_critical_error)
            for area, names in _BY_AREA.items()
        },
    )
