"""Demo content: the competence profile, the page tree, the editorial workflow and the seeded
lessons and case briefs. Idempotent: pages are found by slug and left alone once they exist, so
running it twice (or after editors changed a page) changes nothing.

Seeded pages are published directly, without the workflow: they are the foundation's starting
material, and the workflow applies to every change made after that.
"""

from __future__ import annotations

from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from content.demo_content.lessons import ASSESSOR_MODULE, CASE_BRIEFS, MODULES
from content.demo_content.lessons_case_reports import with_case_report_lessons
from content.demo_content.lessons_claims import with_claim_lessons
from content.demo_content.lessons_delivery import with_delivery_lessons
from content.demo_content.lessons_hail_ev import with_hail_ev_lessons
from content.demo_content.lessons_topics import with_topic_lessons
from content.demo_content.lessons_workshop_day import with_workshop_day_lessons
from content.models import (
    CaseBriefIndexPage,
    CaseBriefPage,
    CompetenceArea,
    KnowledgeItem,
    LearningIndexPage,
    LearningModulePage,
    LessonPage,
    TradeOff,
    WorkProcess,
)
from content.services import (
    APPROVERS_GROUP,
    ASSESSORS_GROUP,
    EDITORS_GROUP,
    assessors_only_restrict,
    competence_profile_data,
    competence_profile_import,
    editorial_setup_ensure,
    profile_page_ensure,
    site_tree_ensure,
)

GROUP_MEMBERS = {
    "redacteur1": EDITORS_GROUP,
    "redacteur2": EDITORS_GROUP,
    "admin": APPROVERS_GROUP,
    "beoordelaar1": ASSESSORS_GROUP,
    "coordinator1": ASSESSORS_GROUP,
}


def _stream(blocks: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Demo block data to StreamField values."""
    result = []
    for block_type, value in blocks:
        if block_type == "worked_example":
            value = {
                "title": value["title"],
                "introduction": value["introduction"],
                # Computed from a demo case's file when lessons.py is read
                # (content.worked_example.case_calculation_text), never typed out.
                "calculation_input": value["calculation_input"],
                "explanation": value["explanation"],
            }
        result.append((block_type, value))
    return result


def _tag(page, spec: dict[str, Any]) -> None:
    page.work_processes.set(WorkProcess.objects.filter(code__in=spec["work_processes"]))
    page.knowledge_items.set(KnowledgeItem.objects.filter(code__in=spec["knowledge_items"]))
    page.competence_areas.set(CompetenceArea.objects.filter(slug__in=spec["competence_areas"]))
    page.trade_offs.set(TradeOff.objects.filter(slug__in=spec["trade_offs"]))


def _existing(parent, slug: str):
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


def _add(parent, page, spec: dict[str, Any] | None = None, case_briefs=None) -> None:
    parent.add_child(instance=page)
    if spec is not None:
        _tag(page, spec)
    if case_briefs is not None:
        page.case_briefs.set(case_briefs)
    page.save_revision(log_action=False).publish(log_action=False)


def _case_briefs(learning_index: LearningIndexPage) -> dict[str, CaseBriefPage]:
    index = _existing(learning_index, "casussen")
    if index is None:
        index = CaseBriefIndexPage(
            title="Casussen",
            slug="casussen",
            intro=(
                "<p>Elke casus is een echte schade om zelf te calculeren. Lees de introductie, "
                "bereid je voor met de lessen en start de casus.</p>"
            ),
        )
        _add(learning_index, index)
    briefs = {}
    for spec in CASE_BRIEFS:
        brief = _existing(index, spec["slug"])
        if brief is None:
            brief = CaseBriefPage(
                title=spec["title"],
                slug=spec["slug"],
                case_slug=spec["case_slug"],
                summary=spec["summary"],
                body=_stream(spec["body"]),
            )
            _add(index, brief, spec)
        briefs[spec["slug"]] = brief
    return briefs


def _module(learning_index, spec: dict[str, Any], briefs: dict[str, CaseBriefPage]):
    module = _existing(learning_index, spec["slug"])
    if module is None:
        module = LearningModulePage(title=spec["title"], slug=spec["slug"], intro=spec["intro"])
        _add(learning_index, module)
    for lesson_spec in spec["lessons"]:
        if _existing(module, lesson_spec["slug"]) is not None:
            continue
        lesson = LessonPage(
            title=lesson_spec["title"],
            slug=lesson_spec["slug"],
            summary=lesson_spec["summary"],
            duration_minutes=lesson_spec["minutes"],
            body=_stream(lesson_spec["body"]),
        )
        _add(
            module,
            lesson,
            lesson_spec,
            case_briefs=[briefs[slug] for slug in lesson_spec["case_briefs"]],
        )
    return module


def load(stdout: TextIO) -> None:
    data, source = competence_profile_data()
    result = competence_profile_import(data=data, source=source)
    learning_index = site_tree_ensure()
    profile_page_ensure(learning_index=learning_index)
    editorial_setup_ensure(learning_index=learning_index)

    briefs = _case_briefs(learning_index)
    modules = with_delivery_lessons(with_workshop_day_lessons(with_topic_lessons(MODULES)))
    modules = with_claim_lessons(modules)
    modules = with_hail_ev_lessons(modules)
    for spec in with_case_report_lessons(modules):
        _module(learning_index, spec, briefs)
    assessor_module = _module(learning_index, ASSESSOR_MODULE, briefs)
    assessors_only_restrict(page=assessor_module)

    user_model = get_user_model()
    for username, group_name in GROUP_MEMBERS.items():
        user = user_model.objects.filter(username=username).first()
        if user is not None:
            user.groups.add(Group.objects.get(name=group_name))

    lessons = LessonPage.objects.live().count()
    stdout.write(
        f"Competentieprofiel uit {source} ({result.created} nieuw); leeromgeving op "
        f"{learning_index.url}: {lessons} lessen, {len(briefs)} casusintroducties.\n"
    )
