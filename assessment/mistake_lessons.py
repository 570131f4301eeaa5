"""From error to lesson: the profile items a mistake touches, and the published lessons tagged
with them (content app).

Verdict kinds and critical error kinds name their items in `assessment.scoring.competence`,
workflow checks in `assessment.workflow_checks.CHECKS`. Lessons are the content app's live
Wagtail lesson pages, found by the profile's ParentalManyToMany fields (knowledge_items,
work_processes, competence_areas, trade_offs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

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


def lessons_for(items: ProfileItems, limit: int = 5) -> list[Lesson]:
    """Published lessons tagged with any of the items, most specific tags first (knowledge
    items and trade-offs before the broad work process / competence area)."""
    if not items:
        return []
    lessons: dict[int, tuple[int, Lesson]] = {}
    for model in lesson_models():
        for rank, narrowed in enumerate(
            (
                ProfileItems(knowledge=items.knowledge, trade_offs=items.trade_offs),
                ProfileItems(work_processes=items.work_processes),
                ProfileItems(competence_areas=items.competence_areas),
            )
        ):
            if not narrowed:
                continue
            pages = (
                model.objects.live()
                .public()
                .filter(_query(model, narrowed))
                .distinct()
                .order_by("title")[: limit * 2]
            )
            for page in pages:
                url = page.get_url() or page.url_path
                full_url = page.get_full_url() or url
                if page.pk not in lessons:
                    lessons[page.pk] = (
                        rank,
                        Lesson(title=page.title, url=url, full_url=full_url),
                    )
    ordered = sorted(lessons.values(), key=lambda pair: (pair[0], pair[1].title))
    return [lesson for _rank, lesson in ordered[:limit]]


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


def mistakes_with_lessons(effective: dict, workflow_checks: list[dict]) -> list[Mistake]:
    """Every kind of mistake in a result, once, with the lessons that teach it."""
    mistakes: list[Mistake] = []
    seen: set[str] = set()
    for error in effective.get("critical_errors") or []:
        kind = error.get("kind")
        if kind and f"critical:{kind}" not in seen:
            seen.add(f"critical:{kind}")
            items = items_for_critical(kind)
            mistakes.append(
                Mistake(kind, CRITICAL_LABELS.get(kind, kind), items, lessons_for(items))
            )
    for line in effective.get("lines") or []:
        kind = line.get("verdict")
        if kind in VERDICT_MISTAKES and f"verdict:{kind}" not in seen:
            seen.add(f"verdict:{kind}")
            items = items_for_verdict(kind)
            mistakes.append(Mistake(kind, VERDICT_MISTAKES[kind], items, lessons_for(items)))
    for check in workflow_checks or []:
        if check.get("applicable") and not check.get("passed"):
            items = items_for_check(check["key"])
            mistakes.append(Mistake(check["key"], check["title"], items, lessons_for(items)))
    return mistakes
