"""From error to lesson: the profile items a mistake touches, and the published lessons tagged
with them (content app).

Verdict kinds and critical error kinds name their items in `assessment.scoring.competence`,
workflow checks in `assessment.workflow_checks.CHECKS`. Lessons are the content app's live
Wagtail pages that carry the profile's ParentalManyToMany fields (knowledge_items,
work_processes, competence_areas, trade_offs); the lookup finds them by those fields, so it
works whatever the page models are called and yields nothing while they do not exist yet.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Q

from .scoring.competence import CRITICAL_ITEMS, KNOWLEDGE, TRADE_OFFS, VERDICT_ITEMS
from .workflow_checks import CHECKS

logger = logging.getLogger(__name__)

TAG_FIELDS = ("knowledge_items", "work_processes", "competence_areas", "trade_offs")
# Knowledge items are coded K01…K21 in the profile's order (content.KnowledgeItem).
KNOWLEDGE_CODES = {slug: f"K{index:02d}" for index, slug in enumerate(KNOWLEDGE, start=1)}


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


def lesson_models() -> list[type]:
    """The content app's page models that carry the profile tags."""
    try:
        from wagtail.models import Page

        config = apps.get_app_config("content")
    except (LookupError, ImportError):
        return []
    found = []
    for model in config.get_models():
        if not issubclass(model, Page):
            continue
        names = {f.name for f in model._meta.get_fields()}
        if names & set(TAG_FIELDS):
            found.append(model)
    # Case briefs carry the same tags but are exercises, not lessons: the lesson model wins.
    lessons = [model for model in found if model.__name__ == "LessonPage"]
    return lessons or found


def _query(model: type, items: ProfileItems) -> Q:
    names = {f.name for f in model._meta.get_fields()}
    query = Q(pk__in=[])
    if "knowledge_items" in names and items.knowledge:
        codes = [KNOWLEDGE_CODES[k] for k in items.knowledge if k in KNOWLEDGE_CODES]
        titles = [KNOWLEDGE[k] for k in items.knowledge if k in KNOWLEDGE]
        query |= Q(knowledge_items__code__in=codes) | Q(knowledge_items__title__in=titles)
    if "trade_offs" in names and items.trade_offs:
        titles = [TRADE_OFFS[k] for k in items.trade_offs if k in TRADE_OFFS]
        query |= Q(trade_offs__slug__in=list(items.trade_offs)) | Q(trade_offs__title__in=titles)
    if "work_processes" in names and items.work_processes:
        query |= Q(work_processes__code__in=list(items.work_processes))
    if "competence_areas" in names and items.competence_areas:
        query |= Q(competence_areas__name__in=list(items.competence_areas))
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
            try:
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
            except Exception:  # the content app is being built alongside; never break a result
                logger.exception("Lessen opzoeken mislukt voor %s", model.__name__)
                return []
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
