"""Reads of the published learning content: coverage of the competence profile, search, and
who may open a document.

Only live pages without view restrictions count as published (`published_lessons` and
`published_case_briefs`, declared with the page models): a trainee sees nothing else, and
coverage must not be flattered by drafts or by assessor-only material.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from wagtail.models import BaseViewRestriction, Page, ReferenceIndex

from content.models import (
    CompetenceArea,
    KnowledgeItem,
    TradeOff,
    WorkProcess,
)
from content.models.pages import published_case_briefs, published_lessons
from content.search_query import search_text

TAG_FIELDS = ("work_processes", "knowledge_items", "competence_areas", "trade_offs")


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


def search_learning_content(query: str) -> list[Page]:
    """Published, public lessons and case briefs matching `query` (Wagtail search)."""
    query = search_text(query).strip()
    if not query:
        return []
    results: list[Page] = []
    for queryset in (published_lessons(), published_case_briefs()):
        results.extend(queryset.search(query, order_by_relevance=True))
    return results


def _restrictions_pass(restrictions, request, *, passwords: bool = False) -> bool:
    """Login and group restrictions the request passes, and with `passwords` password ones too
    (a collection's password is Wagtail's own form; a page's is entered on the page)."""
    checked = (BaseViewRestriction.LOGIN, BaseViewRestriction.GROUPS)
    if passwords:
        checked = (*checked, BaseViewRestriction.PASSWORD)
    return all(
        restriction.accept_request(request)
        for restriction in restrictions
        if restriction.restriction_type in checked
    )


def document_open_to(document, request) -> bool:
    """Whether the request may download the document: it passes the privacy of the document's
    collection and, when the document is used on pages only, that of at least one of them.

    A document linked only from the assessor-only module is assessor-only material: Wagtail
    itself would serve it to anyone who has its link. Wagtail's reference index says where a
    document is used (kept up to date by a task when a page is saved); a document used nowhere
    or outside pages keeps its collection's privacy only.
    """
    if not _restrictions_pass(document.collection.get_view_restrictions(), request):
        return False
    page_type = ContentType.objects.get_for_model(Page)
    uses = ReferenceIndex.get_references_to(document)
    if not uses.exists() or uses.exclude(base_content_type=page_type).exists():
        return True
    page_ids = {int(pk) for pk in uses.values_list("object_id", flat=True)}
    return any(
        _restrictions_pass(page.get_view_restrictions(), request, passwords=True)
        for page in Page.objects.filter(pk__in=page_ids)
    )
