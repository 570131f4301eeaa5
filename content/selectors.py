"""Reads of the competence profile and of the published learning content.

Only live pages without view restrictions count as published here: a trainee sees nothing
else, and coverage must not be flattered by drafts or by assessor-only material.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from wagtail.models import Page

from content.models import (
    CaseBriefPage,
    CompetenceArea,
    CoreTask,
    KnowledgeItem,
    LessonPage,
    ProfileSection,
    TradeOff,
    WorkProcess,
)

TAG_FIELDS = ("work_processes", "knowledge_items", "competence_areas", "trade_offs")


def competence_profile() -> dict[str, Any]:
    """The whole profile as plain data, in the profile's order (the API and the profile page)."""
    core_tasks = CoreTask.objects.prefetch_related(
        Prefetch("work_processes", queryset=WorkProcess.objects.order_by("sort_order", "code"))
    )
    return {
        "core_tasks": [
            {
                "code": task.code,
                "title": task.title,
                "work_processes": [
                    {
                        "code": process.code,
                        "title": process.title,
                        "description": process.description,
                        "result": process.result,
                    }
                    for process in task.work_processes.all()
                ],
            }
            for task in core_tasks
        ],
        "knowledge_items": [
            {"code": item.code, "slug": item.slug, "title": item.title}
            for item in KnowledgeItem.objects.all()
        ],
        "competence_areas": [
            {"slug": area.slug, "name": area.name, "description": area.description}
            for area in CompetenceArea.objects.all()
        ],
        "trade_offs": [
            {"slug": trade_off.slug, "title": trade_off.title}
            for trade_off in TradeOff.objects.all()
        ],
        "sections": [
            {"key": section.key, "title": section.title, "body": section.body}
            for section in ProfileSection.objects.all()
        ],
    }


def published_lessons() -> QuerySet[LessonPage]:
    return LessonPage.objects.live().public().order_by("path")


def published_case_briefs() -> QuerySet[CaseBriefPage]:
    return CaseBriefPage.objects.live().public().order_by("path")


@dataclass
class CoverageRow:
    kind: str  # "work_process" | "knowledge_item" | "competence_area" | "trade_off"
    code: str
    title: str
    lessons: list[Page] = field(default_factory=list)
    case_briefs: list[Page] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.lessons or self.case_briefs)


@dataclass
class Coverage:
    work_processes: list[CoverageRow]
    knowledge_items: list[CoverageRow]
    competence_areas: list[CoverageRow]
    trade_offs: list[CoverageRow]

    def groups(self) -> list[tuple[str, list[CoverageRow]]]:
        return [
            ("work_processes", self.work_processes),
            ("knowledge_items", self.knowledge_items),
            ("competence_areas", self.competence_areas),
            ("trade_offs", self.trade_offs),
        ]

    def uncovered(self) -> list[CoverageRow]:
        return [row for _name, rows in self.groups() for row in rows if not row.covered]


def coverage() -> Coverage:
    """For every item of the profile, the published lessons and case briefs tagged with it."""
    lessons = list(published_lessons().prefetch_related(*TAG_FIELDS))
    briefs = list(published_case_briefs().prefetch_related(*TAG_FIELDS))

    def rows(kind: str, tag_field: str, items, code_of, title_of) -> list[CoverageRow]:
        result = []
        for item in items:
            result.append(
                CoverageRow(
                    kind=kind,
                    code=code_of(item),
                    title=title_of(item),
                    lessons=[p for p in lessons if item in getattr(p, tag_field).all()],
                    case_briefs=[p for p in briefs if item in getattr(p, tag_field).all()],
                )
            )
        return result

    return Coverage(
        work_processes=rows(
            "work_process",
            "work_processes",
            WorkProcess.objects.all(),
            lambda i: i.code,
            lambda i: i.title,
        ),
        knowledge_items=rows(
            "knowledge_item",
            "knowledge_items",
            KnowledgeItem.objects.all(),
            lambda i: i.code,
            lambda i: i.title,
        ),
        competence_areas=rows(
            "competence_area",
            "competence_areas",
            CompetenceArea.objects.all(),
            lambda i: i.slug,
            lambda i: i.name,
        ),
        trade_offs=rows(
            "trade_off",
            "trade_offs",
            TradeOff.objects.all(),
            lambda i: i.slug,
            lambda i: i.title,
        ),
    )


def lessons_by_work_process() -> dict[str, list[LessonPage]]:
    """Work process code → its published lessons, for the profile page."""
    result: dict[str, list[LessonPage]] = {}
    for lesson in published_lessons().prefetch_related("work_processes"):
        for process in lesson.work_processes.all():
            result.setdefault(process.code, []).append(lesson)
    return result


def search_learning_content(query: str) -> list[Page]:
    """Published, public lessons and case briefs matching `query` (Wagtail search)."""
    query = query.strip()
    if not query:
        return []
    results: list[Page] = []
    for queryset in (published_lessons(), published_case_briefs()):
        results.extend(queryset.search(query, order_by_relevance=True))
    return results
