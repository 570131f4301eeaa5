"""The profile's rows as a CASE framework: five queries, whatever the profile's size."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from assessment.scoring.competence import AREA_KEYS
from assessment.workflow_checks import CHECKS
from content.case_framework.framework import (
    PROFILE_ADOPTED,
    Framework,
    FrameworkItem,
    framework_build,
)
from content.case_identifiers import KEY_FIELDS, document_identifier, row_identifier
from content.models.profile import (
    CompetenceArea,
    CoreTask,
    KnowledgeItem,
    TradeOff,
    WorkProcess,
)

# A row that was never edited in the admin has no revision and so no date of its own: it is
# the profile as the foundation adopted it (content/README.md, "The profile as CASE 1.1").
ADOPTED_AT = datetime.combine(PROFILE_ADOPTED, time(), tzinfo=ZoneInfo("Europe/Amsterdam"))


def _changed(row) -> datetime:
    revision = row.latest_revision
    return revision.created_at.astimezone(UTC) if revision else ADOPTED_AT.astimezone(UTC)


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def framework_load() -> Framework:
    """The profile's core tasks, work processes, knowledge items, competence areas and
    trade-offs as a framework, in the profile's order."""
    document = document_identifier()
    core_tasks = list(CoreTask.objects.select_related("latest_revision"))
    task_ids = {task.pk: row_identifier("core_task", task) for task in core_tasks}
    first_task = next(iter(task_ids.values()), None) or document
    items: list[FrameworkItem] = []
    keys: dict[tuple[str, str], str] = {}

    def add(kind, row, *, code, title, title_en, notes, parent):
        item_id = row_identifier(kind, row)
        if item_id is None:
            return
        keys[(kind, getattr(row, KEY_FIELDS[kind]))] = item_id
        items.append(
            FrameworkItem(
                identifier=item_id,
                kind=kind,
                code=code,
                title=title,
                title_en=title_en,
                notes=notes,
                sort_order=row.sort_order,
                changed=_changed(row),
                parent=parent,
            )
        )

    for task in core_tasks:
        add(
            "core_task",
            task,
            code=task.code,
            title=task.title,
            title_en=task.title_en,
            notes="",
            parent=document,
        )
    for process in WorkProcess.objects.select_related("latest_revision"):
        add(
            "work_process",
            process,
            code=process.code,
            title=process.title,
            title_en=process.title_en,
            notes=_paragraphs(
                process.description, f"Resultaat:\n{process.result}" if process.result else ""
            ),
            parent=task_ids.get(process.core_task_id) or first_task,
        )
    # The profile lists its knowledge items and competence areas under core task 1, the only
    # one; should a profile have more, they stay under the first.
    for knowledge in KnowledgeItem.objects.select_related("latest_revision"):
        add(
            "knowledge_item",
            knowledge,
            code=knowledge.code,
            title=knowledge.title,
            title_en=knowledge.title_en,
            notes="",
            parent=first_task,
        )
    for area in CompetenceArea.objects.select_related("latest_revision"):
        add(
            "competence_area",
            area,
            code=area.slug,
            title=area.name,
            title_en=area.name_en,
            notes=area.description,
            parent=first_task,
        )
    for trade_off in TradeOff.objects.select_related("latest_revision"):
        add(
            "trade_off",
            trade_off,
            code=trade_off.slug,
            title=trade_off.title,
            title_en=trade_off.title_en,
            notes="",
            parent=document,
        )
    # The checks name a competence area by its name (the profile's words); its key is the slug.
    checks = {
        key: (title, process, AREA_KEYS.get(area, area), knowledge, trade_offs)
        for key, (title, process, area, knowledge, trade_offs) in CHECKS.items()
    }
    return framework_build(
        items, keys=keys, checks=checks, fallback_changed=ADOPTED_AT.astimezone(UTC)
    )
