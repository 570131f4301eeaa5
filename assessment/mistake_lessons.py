"""From error to lesson: the profile items a mistake touches, and the published lessons tagged
with them (content app).

Verdict kinds and critical error kinds name their items in `assessment.scoring.competence`,
workflow checks in `assessment.workflow_checks.CHECKS`. Lessons are the content app's live
Wagtail lesson pages, found by the profile's ParentalManyToMany fields (knowledge_items,
work_processes, competence_areas, trade_offs).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from calcengine.schema import HIGH_VOLTAGE_POWERTRAINS
from content.models import LessonPage

from .scoring.competence import AREA_KEYS, CRITICAL_ITEMS, VERDICT_ITEMS
from .workflow_checks import CHECKS


@dataclass(frozen=True)
class ProfileItems:
    work_processes: frozenset[str] = field(default_factory=frozenset)
    competence_areas: frozenset[str] = field(default_factory=frozenset)
    knowledge: frozenset[str] = field(default_factory=frozenset)
    trade_offs: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(
            self.work_processes or self.competence_areas or self.knowledge or self.trade_offs
        )


def _items(mapping: dict[str, Any]) -> ProfileItems:
    return ProfileItems(
        work_processes=frozenset(mapping.get("work_processes", ())),
        competence_areas=frozenset(mapping.get("competence_areas", ())),
        knowledge=frozenset(mapping.get("knowledge", ())),
        trade_offs=frozenset(mapping.get("trade_offs", ())),
    )


def items_for_verdict(kind: str) -> ProfileItems:
    return _items(VERDICT_ITEMS.get(kind, {}))


def items_for_critical(kind: str) -> ProfileItems:
    return _items(CRITICAL_ITEMS.get(kind, {}))


def items_for_check(key: str) -> ProfileItems:
    if key not in CHECKS:
        return ProfileItems()
    _title, work_process, area, knowledge, trade_offs = CHECKS[key]
    return ProfileItems(
        work_processes=frozenset({work_process}),
        competence_areas=frozenset({area}),
        knowledge=frozenset(knowledge),
        trade_offs=frozenset(trade_offs),
    )


def lesson_models() -> list[type[LessonPage]]:
    """The page models whose live pages are lessons. Case briefs carry the same tags but are
    exercises, not lessons."""
    return [LessonPage]


def _query(model: type, items: ProfileItems) -> Q:
    names = {f.name for f in model._meta.get_fields()}
    query = Q(pk__in=[])
    # By the profile's stable keys only (scoring.competence owns them, the importer gives the
    # rows the same): a title edited in the admin must not break or invent a link.
    if "knowledge_items" in names and items.knowledge:
        query |= Q(knowledge_items__slug__in=sorted(items.knowledge))
    if "trade_offs" in names and items.trade_offs:
        query |= Q(trade_offs__slug__in=sorted(items.trade_offs))
    if "work_processes" in names and items.work_processes:
        query |= Q(work_processes__code__in=sorted(items.work_processes))
    if "competence_areas" in names and items.competence_areas:
        keys = sorted(AREA_KEYS[name] for name in items.competence_areas if name in AREA_KEYS)
        query |= Q(competence_areas__slug__in=keys)
    return query


@dataclass(frozen=True)
class Lesson:
    title: str
    url: str
    # For the PDF, where a relative link leads nowhere; a link is never fetched while rendering.
    full_url: str = ""


def _has_high_voltage(vehicle: Mapping[str, Any]) -> bool:
    return vehicle.get("powertrain") in HIGH_VOLTAGE_POWERTRAINS


# Knowledge items that only concern some vehicles: a lesson tagged with one is about those
# vehicles (the HV lesson carries "energieopslagsystemen") and is no answer to a mistake made on
# another vehicle, whatever else it shares with it (a petrol car's units are not an HV matter).
VEHICLE_BOUND_KNOWLEDGE: dict[str, Callable[[Mapping[str, Any]], bool]] = {
    "energieopslagsystemen": _has_high_voltage,
}


def _fits_vehicle(knowledge: set[str], vehicle: Mapping[str, Any] | None) -> bool:
    if vehicle is None:
        return True
    return all(
        applies(vehicle) for slug, applies in VEHICLE_BOUND_KNOWLEDGE.items() if slug in knowledge
    )


def lessons_for(
    items: ProfileItems, limit: int = 5, vehicle: Mapping[str, Any] | None = None
) -> list[Lesson]:
    """Published lessons about the mistake, most relevant first.

    A lesson is about a mistake when it teaches one of the mistake's own knowledge items or
    trade-offs (a shared work process or competence area alone is too broad: every calculation
    lesson is in 1.2), when it is in one of the mistake's work processes (where it names any),
    and when it fits the case's vehicle (`VEHICLE_BOUND_KNOWLEDGE`; `vehicle` is the case's
    vehicle as the calculation contract holds it, with `powertrain`). Ranked by how many of the
    mistake's items it teaches, then by title.
    """
    if not (items.knowledge or items.trade_offs):
        return []
    narrowed = ProfileItems(knowledge=items.knowledge, trade_offs=items.trade_offs)
    ranked: dict[int, tuple[int, Lesson]] = {}
    for model in lesson_models():
        pages = (
            model.objects.live()
            .public()
            .filter(_query(model, narrowed))
            .distinct()
            .prefetch_related("knowledge_items", "trade_offs", "work_processes")
        )
        for page in pages:
            knowledge = {item.slug for item in page.knowledge_items.all() if item.slug}
            trade_offs = {item.slug for item in page.trade_offs.all()}
            processes = {item.code for item in page.work_processes.all()}
            if processes and items.work_processes and not processes & items.work_processes:
                continue
            if not _fits_vehicle(knowledge, vehicle):
                continue
            shared = len(knowledge & items.knowledge) + len(trade_offs & items.trade_offs)
            url = page.get_url() or page.url_path
            full_url = page.get_full_url() or url
            ranked[page.pk] = (shared, Lesson(title=page.title, url=url, full_url=full_url))
    ordered = sorted(ranked.values(), key=lambda pair: (-pair[0], pair[1].title))
    return [lesson for _shared, lesson in ordered[:limit]]


@dataclass
class Mistake:
    kind: str
    label: str
    items: ProfileItems
    lessons: list[Lesson]


VERDICT_MISTAKES = {
    "alternative": "Andere bewerking dan de referentie (acceptabel alternatief)",
    "units_off": "Eenheden wijken af van de referentie",
    "wrong_operation": "Verkeerde bewerking",
    "missing": "Regel ontbreekt",
    "extra": "Overbodige regel",
}
CRITICAL_LABELS = {
    "missing_critical": "Kritieke regel ontbreekt",
    "wrong_operation_critical": "Kritieke regel met verkeerde bewerking",
    "repair_not_allowed": "Herstel waar de fabrikant dat niet toestaat",
    "adas_calibration_missing": "ADAS-kalibratie ontbreekt",
    "hv_safety_missing": "HV-veiligheid ontbreekt",
    "total_loss_decision": "Verkeerde total-lossbeslissing",
}


def mistakes_with_lessons(
    effective: dict, workflow_checks: list[dict], vehicle: Mapping[str, Any] | None = None
) -> list[Mistake]:
    """Every kind of mistake in a result, once, with the lessons that teach it on the case's
    `vehicle` (see `lessons_for`)."""
    mistakes: list[Mistake] = []
    seen: set[str] = set()
    for error in effective.get("critical_errors") or []:
        kind = error.get("kind")
        if kind and f"critical:{kind}" not in seen:
            seen.add(f"critical:{kind}")
            items = items_for_critical(kind)
            mistakes.append(
                Mistake(
                    kind,
                    CRITICAL_LABELS.get(kind, kind),
                    items,
                    lessons_for(items, vehicle=vehicle),
                )
            )
    for line in effective.get("lines") or []:
        kind = line.get("verdict")
        if kind in VERDICT_MISTAKES and f"verdict:{kind}" not in seen:
            seen.add(f"verdict:{kind}")
            items = items_for_verdict(kind)
            mistakes.append(
                Mistake(kind, VERDICT_MISTAKES[kind], items, lessons_for(items, vehicle=vehicle))
            )
    for check in workflow_checks or []:
        if check.get("applicable") and not check.get("passed"):
            items = items_for_check(check["key"])
            mistakes.append(
                Mistake(check["key"], check["title"], items, lessons_for(items, vehicle=vehicle))
            )
    return mistakes
