"""Coverage of the competence profile per item: where it is practised and by what it is
assessed (issue #16, item 5). The data of the coverage page and its API.

- **Geoefend in** (practised in): the published cases tagged with the item (the case's own
  tags, from its JSON), the live public lessons tagged with it, and the published exercises
  whose type declares it (`ASSESSES`) or that are tagged with it (a paint drill's knowledge
  items).
- **Beoordeeld door** (assessed by): the sources of `assessment.coverage.sources` that declare
  the item and are in use: a workflow check or a part of the calculation's grade that can fire
  on at least one published case, an exercise type with a published exercise, the rubric on any
  published case. A source that declares the item but that nothing published makes fire is
  listed apart ("gedeclareerd, niet in gebruik"); it does not assess.
- An item without any source in use is **title-only** (`ProfileCoverage.title_only`).

The core task is assessed through its work processes: its row lists the sources of any of them
and is title-only while one of its work processes is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessment.scoring.competence import AREA_KEYS, KNOWLEDGE, TRADE_OFFS, WORK_PROCESSES
from cases.models import CaseVersion
from cases.selectors import latest_published_versions
from content.models import CoreTask
from content.models.pages import published_case_briefs, published_lessons
from content.profile_labels import GROUP_TITLES, profile_labels

from .sources import (
    ASSESSING_MODULES,
    EXERCISE,
    KIND_LABELS,
    Source,
    all_sources,
    case_sources,
    module_instances,
)

# Group of the view → the sources' item kind and the content rows' tag field.
GROUPS = (
    ("work_processes", "work_processes", "work_processes"),
    ("knowledge_items", "knowledge", "knowledge_items"),
    ("competence_areas", "competence_areas", "competence_areas"),
    ("trade_offs", "trade_offs", "trade_offs"),
)
TAG_FIELDS = tuple(tag_field for _group, _kind, tag_field in GROUPS)

CASE = "case"
LESSON = "lesson"
PRACTICE_LABELS = {CASE: _("Casus"), LESSON: _("Les"), EXERCISE: _("Oefening")}


@dataclass(frozen=True)
class Practice:
    kind: str  # CASE, LESSON or EXERCISE
    title: str
    url: str | None

    @property
    def kind_label(self) -> str:
        return str(PRACTICE_LABELS[self.kind])


@dataclass(frozen=True)
class Assessment:
    """A source that declares the item, with where it fires: `uses` published cases or
    exercises (0: declared but not in use)."""

    source: Source
    uses: int
    url: str | None

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.source.kind])


@dataclass
class ItemCoverage:
    group: str
    key: str  # the stable key: "1.2", a slug; "core:<code>" for the core task
    code: str  # as the profile numbers it: "1.2", "K07"; a slug for areas and trade-offs
    title: str
    practised_in: list[Practice] = field(default_factory=list)
    assessed_by: list[Assessment] = field(default_factory=list)  # sources in use
    declared_unused: list[Assessment] = field(default_factory=list)
    depends_on: tuple[str, ...] = ()  # the core task: its work processes' keys

    @property
    def title_only(self) -> bool:
        return not self.assessed_by


@dataclass
class ProfileCoverage:
    groups: list[tuple[str, str, list[ItemCoverage]]]  # (group key, title, items)

    def items(self) -> list[ItemCoverage]:
        return [item for _key, _title, items in self.groups for item in items]

    def title_only(self) -> list[ItemCoverage]:
        return [item for item in self.items() if item.title_only]


def _published_versions() -> list[CaseVersion]:
    """The latest published version of every case, with the case's tags."""
    return latest_published_versions(*(f"case__{name}" for name in TAG_FIELDS))


def _tag_keys(obj: Any, tag_field: str) -> set[str]:
    """The profile keys of an object's tags in one group (prefetched rows)."""
    if tag_field == "work_processes":
        return {row.code for row in obj.work_processes.all()}
    return {row.slug for row in getattr(obj, tag_field).all() if row.slug}


def _page_url(page: Any, request: Any) -> str | None:
    return page.get_url(request)


def profile_coverage(
    *, request: Any = None, sources: Sequence[Source] | None = None
) -> ProfileCoverage:
    """Every item of the profile with where it is practised and what assesses it. `sources`
    replaces the registry (a test's fake registry)."""
    sources = list(all_sources() if sources is None else sources)
    versions = _published_versions()
    briefs = {page.case_slug: page for page in published_case_briefs() if page.case_slug}
    lessons = list(published_lessons().prefetch_related(*TAG_FIELDS))

    # Where each source fires: the published cases (checks, the calculation, the rubric) and
    # the published exercises of its type.
    fires: dict[str, int] = {}
    for version in versions:
        for key in set(case_sources(version)):
            fires[key] = fires.get(key, 0) + 1
    exercises: list[tuple[Source, list[Any]]] = []
    for source in sources:
        module = source.module
        if module is not None and module.kind == EXERCISE:
            instances = module_instances(module)
            fires[source.key] = fires.get(source.key, 0) + len(instances)
            exercises.append((source, instances))

    def case_url(version: CaseVersion) -> str | None:
        brief = briefs.get(version.case.slug)
        return _page_url(brief, request) if brief is not None else None

    def exercise_url(source: Source, instance: Any) -> str | None:
        module = source.module
        if module is None:
            return None
        if module.detail_url is not None and getattr(instance, "pk", None) is not None:
            return reverse(module.detail_url, args=[instance.pk])
        return reverse(module.list_url) if module.list_url else None

    def source_url(source: Source) -> str | None:
        module = source.module
        return reverse(module.list_url) if module is not None and module.list_url else None

    def row(group: str, item_kind: str, tag_field: str, key: str, code: str, title: str):
        item = ItemCoverage(group=group, key=key, code=code, title=title)
        item.practised_in += [
            Practice(CASE, version.case.title, case_url(version))
            for version in versions
            if key in _tag_keys(version.case, tag_field)
        ]
        item.practised_in += [
            Practice(EXERCISE, str(instance.title), exercise_url(source, instance))
            for source, instances in exercises
            for instance in instances
            if source.declares(item_kind, key) or _tagged(instance, tag_field, key)
        ]
        item.practised_in += [
            Practice(LESSON, lesson.title, _page_url(lesson, request))
            for lesson in lessons
            if key in _tag_keys(lesson, tag_field)
        ]
        for source in sources:
            if source.declares(item_kind, key):
                found = Assessment(source, fires.get(source.key, 0), source_url(source))
                (item.assessed_by if found.uses else item.declared_unused).append(found)
        return item

    labels = profile_labels()
    groups: list[tuple[str, str, list[ItemCoverage]]] = []
    processes = [
        row(
            "work_processes",
            "work_processes",
            "work_processes",
            code,
            code,
            labels.work_process(code),
        )
        for code in WORK_PROCESSES
    ]
    groups.append(
        ("work_processes", str(GROUP_TITLES["work_processes"]), _core_tasks(processes) + processes)
    )
    groups.append(
        (
            "knowledge_items",
            str(GROUP_TITLES["knowledge_items"]),
            [
                row(
                    "knowledge_items",
                    "knowledge",
                    "knowledge_items",
                    slug,
                    *_split_code(labels.knowledge_item(slug)),
                )
                for slug in KNOWLEDGE
            ],
        )
    )
    groups.append(
        (
            "competence_areas",
            str(GROUP_TITLES["competence_areas"]),
            [
                row(
                    "competence_areas",
                    "competence_areas",
                    "competence_areas",
                    slug,
                    slug,
                    labels.area(slug),
                )
                for slug in AREA_KEYS.values()
            ],
        )
    )
    groups.append(
        (
            "trade_offs",
            str(GROUP_TITLES["trade_offs"]),
            [
                row("trade_offs", "trade_offs", "trade_offs", slug, slug, title)
                for slug, title in TRADE_OFFS.items()
            ],
        )
    )
    return ProfileCoverage(groups=groups)


def _split_code(label: str) -> tuple[str, str]:
    """ "K07 Heeft kennis van wielophanging." → ("K07", "Heeft kennis van wielophanging.")."""
    code, _space, title = label.partition(" ")
    return code, title


def _tagged(instance: Any, tag_field: str, key: str) -> bool:
    """An exercise tagged with the item (only where its model has the tag field)."""
    meta = getattr(instance, "_meta", None)
    if meta is None or not any(f.name == tag_field for f in meta.get_fields()):
        return False
    return key in _tag_keys(instance, tag_field)


def _core_tasks(processes: list[ItemCoverage]) -> list[ItemCoverage]:
    """The core task: assessed through its work processes (all four)."""
    core = CoreTask.objects.order_by("sort_order", "code").first()
    code = core.code if core is not None else "1"
    title = core.label if core is not None else "Managen van het schadeherstelproces"
    item = ItemCoverage(
        group="work_processes",
        key=f"core:{code}",
        code=code,
        title=str(title),
        depends_on=tuple(process.key for process in processes),
    )
    seen: dict[str, Practice] = {}
    for process in processes:
        for practice in process.practised_in:
            seen.setdefault(f"{practice.kind}:{practice.title}", practice)
    item.practised_in = list(seen.values())
    if all(not process.title_only for process in processes):
        by_key: dict[str, Assessment] = {}
        for process in processes:
            for found in process.assessed_by:
                by_key.setdefault(found.source.key, found)
        item.assessed_by = list(by_key.values())
    return [item]


def exercise_modules() -> list[str]:
    """The import paths of the scored modules the registry reads (for the page's footnote)."""
    return [entry.module for entry in ASSESSING_MODULES]


__all__: list[str] = [
    "Assessment",
    "ItemCoverage",
    "Practice",
    "ProfileCoverage",
    "exercise_modules",
    "profile_coverage",
]
