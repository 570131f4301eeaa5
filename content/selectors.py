"""Reads of the published learning content: coverage of the competence profile, search, and
who may open a document.

Only live pages without view restrictions count as published (`published_lessons` and
`published_case_briefs`, declared with the page models): a trainee sees nothing else, and
coverage must not be flattered by drafts or by assessor-only material.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.models import BaseViewRestriction, Page, ReferenceIndex, TaskState

from assessment.coverage.sources import (
    PROFILE_TAG_FIELDS,
    checks_applying,
    critical_kinds_possible,
)
from assessment.scoring.competence import (
    AREA_KEYS,
    COMPONENT_ITEMS,
    CRITICAL_ITEMS,
    VERDICT_ITEMS,
)
from assessment.workflow_checks import CHECKS
from cases.models import Case, CaseVersion
from cases.selectors import latest_published_versions
from content.models import (
    CompetenceArea,
    KnowledgeItem,
    TradeOff,
    WorkProcess,
)
from content.models.pages import published_case_briefs, published_lessons
from content.search_query import search_text

TAG_FIELDS = PROFILE_TAG_FIELDS


@dataclass
class CoverageRow:
    kind: str  # "work_process" | "knowledge_item" | "competence_area" | "trade_off"
    code: str
    title: str
    lessons: list[Page] = field(default_factory=list)
    case_briefs: list[Page] = field(default_factory=list)
    # Published cases that exercise the item (`case_profile_items`), not only their briefs' tags.
    cases: list[Case] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.lessons or self.case_briefs or self.cases)


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


# What a case exercises, by the profile's stable keys: work processes by number, the others by
# slug (the keys of assessment.scoring.competence and of the imported rows).
CaseItems = dict[str, set[str]]


def _add(found: CaseItems, mapping) -> None:
    """The items of one entry of the scoring's tables (COMPONENT_ITEMS, VERDICT_ITEMS,
    CRITICAL_ITEMS): areas there are named by their name, here by their key."""
    found["work_processes"].update(mapping.get("work_processes", ()))
    found["competence_areas"].update(
        AREA_KEYS[name] for name in mapping.get("competence_areas", ()) if name in AREA_KEYS
    )
    found["knowledge_items"].update(mapping.get("knowledge", ()))
    found["trade_offs"].update(mapping.get("trade_offs", ()))


def case_profile_items(case: Case, version: CaseVersion) -> CaseItems:
    """The profile items a case exercises: its own tags, what grading its reference calculation
    scores (the components L, T, D and the lines done right; the knock-outs its lines and
    vehicle make possible) and the workflow checks its facts make apply.

    The tables are the scoring's (`assessment.scoring.competence`) and the checks'
    (`assessment.workflow_checks.CHECKS`); which apply to a case is read from its reference
    lines and facts as the scorer and the checks read them: a critical line, a line whose repair
    is forbidden, ADAS sensors on a line or the vehicle, an HV powertrain, HV facts, hidden
    damage, a delivery checklist.
    """
    found: CaseItems = {name: set() for name in TAG_FIELDS}
    found["work_processes"].update(p.code for p in case.work_processes.all())
    found["knowledge_items"].update(k.slug for k in case.knowledge_items.all() if k.slug)
    found["competence_areas"].update(a.slug for a in case.competence_areas.all())
    found["trade_offs"].update(t.slug for t in case.trade_offs.all())

    # Which knock-outs and checks can fire on the case: one owner, the coverage registry.
    if any(
        (reference or {}).get("lines")
        for reference in (version.reference_precalc, version.reference_final)
    ):
        for component in ("L", "T", "D"):
            _add(found, COMPONENT_ITEMS[component])
        _add(found, VERDICT_ITEMS["correct"])
    critical = critical_kinds_possible(version)
    if critical:
        _add(found, COMPONENT_ITEMS["critical"])
    for kind in critical:
        _add(found, CRITICAL_ITEMS[kind])
    for key in checks_applying(version):
        _title, process, area, knowledge, trade_offs = CHECKS[key]
        _add(
            found,
            {
                "work_processes": (process,),
                "competence_areas": (area,),
                "knowledge": knowledge,
                "trade_offs": trade_offs,
            },
        )
    return found


def published_cases_with_items() -> list[tuple[Case, CaseItems]]:
    """Every case with a published version, with what its latest published version exercises."""
    versions = latest_published_versions(*(f"case__{name}" for name in TAG_FIELDS))
    return [(v.case, case_profile_items(v.case, v)) for v in versions]


def coverage() -> Coverage:
    """For every item of the profile, the published lessons and case briefs tagged with it and
    the published cases that exercise it (`case_profile_items`)."""
    lessons = list(published_lessons().prefetch_related(*TAG_FIELDS))
    briefs = list(published_case_briefs().prefetch_related(*TAG_FIELDS))
    cases = published_cases_with_items()

    def rows(kind: str, tag_field: str, items, code_of, title_of) -> list[CoverageRow]:
        key_of = (lambda i: i.code) if tag_field == "work_processes" else (lambda i: i.slug)
        result = []
        for item in items:
            result.append(
                CoverageRow(
                    kind=kind,
                    code=code_of(item),
                    title=title_of(item),
                    lessons=[p for p in lessons if item in getattr(p, tag_field).all()],
                    case_briefs=[p for p in briefs if item in getattr(p, tag_field).all()],
                    cases=[case for case, found in cases if key_of(item) in found[tag_field]],
                )
            )
        return result

    return Coverage(
        work_processes=rows(
            "work_process",
            "work_processes",
            WorkProcess.objects.all(),
            lambda i: i.code,
            lambda i: i.label,
        ),
        knowledge_items=rows(
            "knowledge_item",
            "knowledge_items",
            KnowledgeItem.objects.all(),
            lambda i: i.code,
            lambda i: i.label,
        ),
        competence_areas=rows(
            "competence_area",
            "competence_areas",
            CompetenceArea.objects.all(),
            lambda i: i.slug,
            lambda i: i.label,
        ),
        trade_offs=rows(
            "trade_off",
            "trade_offs",
            TradeOff.objects.all(),
            lambda i: i.slug,
            lambda i: i.label,
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


# ---------------------------------------------------------------------------------------------
# The publishing workflow: what comes after a review step


def review_next_step(page: Page, user) -> str | None:
    """After `user` approved a step of `page`'s running workflow: which step that was, the next
    one, and which group takes it ("Redactionele toets goedgekeurd. Volgende stap: Vaststelling
    door de groep Vaststellers …"). None when the user approved no step of the workflow in
    progress, or the workflow is over (the page is published or rejected)."""
    state = page.current_workflow_state
    if state is None or state.current_task_state is None:
        return None
    done = (
        TaskState.objects.filter(
            workflow_state=state, status=TaskState.STATUS_APPROVED, finished_by=user
        )
        .select_related("task")
        .order_by("-finished_at", "-pk")
        .first()
    )
    if done is None:
        return None
    step = state.current_task_state.task.specific
    groups = [group.name for group in getattr(step, "groups", Group.objects.none()).all()]
    return _(
        "„%(title)s”: %(done)s goedgekeurd. Volgende stap: %(step)s door de groep %(groups)s. "
        "Pas na de vaststelling wordt de pagina gepubliceerd."
    ) % {
        "title": page.get_admin_display_title(),
        "done": done.task.name,
        "step": step.name,
        "groups": " / ".join(groups) or _("(geen groep ingesteld)"),
    }
