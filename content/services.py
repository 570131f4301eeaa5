"""Writes of the content app: the profile import, the page tree's skeleton, the editorial
groups and workflow, and the workflow's review actions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageViewRestriction,
    Site,
    Task,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from content import profile_english, profile_seed
from content.models import (
    ColleagueReviewTask,
    CompetenceArea,
    CompetenceProfilePage,
    CoreTask,
    KnowledgeItem,
    LearningIndexPage,
    ProfileSection,
    SiteRootPage,
    TradeOff,
    WorkProcess,
)

SEED_NAME = "bcp-schademanager-2022.txt"
SNAPSHOT_PATH = Path(__file__).resolve().parent / "data" / "competence_profile.json"

EDITORS_GROUP = "Redacteuren"
APPROVERS_GROUP = "Vaststellers"
ASSESSORS_GROUP = "Beoordelaars"
WORKFLOW_NAME = "Redactie en vaststelling"
REVIEW_TASK_NAME = "Redactionele toets"
ADOPTION_TASK_NAME = "Vaststelling"

PROFILE_MODELS = (CoreTask, WorkProcess, KnowledgeItem, CompetenceArea, TradeOff, ProfileSection)


def default_seed_path() -> Path:
    return Path(settings.SHARED_DIR) / "seed" / SEED_NAME


def competence_profile_data(*, seed_path: Path | None = None) -> tuple[dict[str, Any], str]:
    """The parsed profile and where it came from: the seed text, else the committed snapshot."""
    path = seed_path or default_seed_path()
    if path.is_file():
        return profile_seed.parse(path.read_text(encoding="utf-8")), str(path)
    if seed_path is not None:
        raise FileNotFoundError(f"Seedbestand niet gevonden: {seed_path}")
    return json.loads(SNAPSHOT_PATH.read_text(encoding="utf-8")), str(SNAPSHOT_PATH)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    source: str


def _upsert(model, lookup: dict[str, Any], values: dict[str, Any], counts: dict[str, int]):
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model.objects.create(**lookup, **values)
        counts["created"] += 1
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
        counts["updated"] += 1
    else:
        counts["unchanged"] += 1
    return instance


@transaction.atomic
def competence_profile_import(*, data: dict[str, Any], source: str = "") -> ImportResult:
    """Create or update every item of the profile from parsed data; running it twice changes
    nothing. Items are matched by their code (slug, key), so editors' rows keep their ids and the
    lessons, cases and grades that point at them."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    core_tasks = {}
    for task in data["core_tasks"]:
        core_tasks[task["code"]] = _upsert(
            CoreTask,
            {"code": task["code"]},
            {
                "title": task["title"],
                "title_en": profile_english.CORE_TASKS.get(task["code"], ""),
                "sort_order": task["sort_order"],
            },
            counts,
        )
    for process in data["work_processes"]:
        _upsert(
            WorkProcess,
            {"code": process["code"]},
            {
                "core_task": core_tasks[process["core_task"]],
                "title": process["title"],
                "title_en": profile_english.WORK_PROCESSES.get(process["code"], ""),
                "description": process["description"],
                "result": process["result"],
                "sort_order": process["sort_order"],
            },
            counts,
        )
    for item in data["knowledge_items"]:
        _upsert(
            KnowledgeItem,
            {"code": item["code"]},
            {
                "slug": item.get("slug"),
                "title": item["title"],
                "title_en": profile_english.KNOWLEDGE_ITEMS.get(item.get("slug") or "", ""),
                "sort_order": item["sort_order"],
            },
            counts,
        )
    for area in data["competence_areas"]:
        _upsert(
            CompetenceArea,
            {"slug": area["slug"]},
            {
                "name": area["name"],
                "name_en": profile_english.COMPETENCE_AREAS.get(area["slug"], ""),
                "description": area["description"],
                "sort_order": area["sort_order"],
            },
            counts,
        )
    for trade_off in data["trade_offs"]:
        _upsert(
            TradeOff,
            {"slug": trade_off["slug"]},
            {
                "title": trade_off["title"],
                "title_en": profile_english.TRADE_OFFS.get(trade_off["slug"], ""),
                "sort_order": trade_off["sort_order"],
            },
            counts,
        )
    for section in data["sections"]:
        _upsert(
            ProfileSection,
            {"key": section["key"]},
            {
                "title": section["title"],
                "body": section["body"],
                "sort_order": section["sort_order"],
            },
            counts,
        )
    return ImportResult(source=source, **counts)


# --- the page tree -----------------------------------------------------------------------------


def _publish(page: Page, *, user=None) -> None:
    page.save_revision(user=user, log_action=False).publish(user=user, log_action=False)


def _child(parent: Page, model, *, slug: str, defaults: dict[str, Any]) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, **defaults)
    parent.add_child(instance=page)
    _publish(page)
    return page


@transaction.atomic
def site_tree_ensure() -> LearningIndexPage:
    """The default Site points at a SiteRootPage with the learning index at /leren/ below it.

    Wagtail's own "Welcome" page from its migrations is removed when it is still empty.
    """
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    site_root = SiteRootPage.objects.first()
    if site_root is None:
        slug = "platform"
        while root.get_children().filter(slug=slug).exists():
            slug += "-1"
        site_root = SiteRootPage(title="Schademanager-platform", slug=slug)
        root.add_child(instance=site_root)
        _publish(site_root)
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=site_root,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    else:
        if not site.site_name:
            # Wagtail's own migration made the default Site without a name; the CMS would call
            # the platform "localhost".
            site.site_name = settings.WAGTAIL_SITE_NAME
            site.save(update_fields=["site_name"])
        if site.root_page_id != site_root.pk:
            old_root = site.root_page
            site.root_page = site_root
            site.save()
            if (
                type(old_root.specific) is Page
                and old_root.depth == 2
                and not old_root.get_children().exists()
            ):
                old_root.delete()
    return _child(
        site_root,
        LearningIndexPage,
        slug="leren",
        defaults={
            "title": "Leren",
            "intro": (
                "<p>Lessen en casussen voor de schademanager, gebouwd op het "
                "beroepscompetentieprofiel Schademanager (2022).</p>"
            ),
        },
    )


def profile_page_ensure(*, learning_index: LearningIndexPage) -> CompetenceProfilePage:
    return _child(
        learning_index,
        CompetenceProfilePage,
        slug="competentieprofiel",
        defaults={
            "title": "Beroepscompetentieprofiel Schademanager",
            "intro": (
                "<p>Het beroepscompetentieprofiel beschrijft wat een vakvolwassen schademanager "
                "doet en kan. Het is vastgesteld door de Stichting Branchenormering Schadeherstel "
                "op 7 juli 2022. Elke les en elke casus op dit platform verwijst naar de "
                "onderdelen hieronder.</p>"
            ),
        },
    )


# --- groups, permissions and the publishing workflow ----------------------------------------


def _permissions(*codenames: str) -> list[Permission]:
    found = []
    for full in codenames:
        app_label, codename = full.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def _snippet_permissions(*actions: str) -> list[Permission]:
    perms = []
    for model in PROFILE_MODELS:
        content_type = ContentType.objects.get_for_model(model)
        for action in actions:
            perms.append(
                Permission.objects.get(
                    content_type=content_type, codename=f"{action}_{model._meta.model_name}"
                )
            )
    return perms


@dataclass(frozen=True)
class EditorialSetup:
    editors: Group
    approvers: Group
    assessors: Group
    workflow: Workflow


@transaction.atomic
def editorial_setup_ensure(*, learning_index: Page) -> EditorialSetup:
    """Groups Redacteuren, Vaststellers and Beoordelaars, their permissions, and the workflow
    "Redactie en vaststelling" (a colleague editor's review, then adoption) on the learning tree.

    Editors get no `publish_page`: their changes go live only when an approver adopts them in
    the workflow's last step (approvers hold `publish_page`, which Wagtail checks on adoption).
    """
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    approvers, _ = Group.objects.get_or_create(name=APPROVERS_GROUP)
    assessors, _ = Group.objects.get_or_create(name=ASSESSORS_GROUP)

    editors.permissions.add(
        *_permissions("wagtailadmin.access_admin"),
        *_snippet_permissions("add", "change"),
    )
    approvers.permissions.add(*_permissions("wagtailadmin.access_admin"))
    page_perms = {
        editors: ("add_page", "change_page"),
        # Wagtail publishes the adopted revision as the user who approves the last step.
        approvers: ("change_page", "publish_page"),
    }
    for group, codenames in page_perms.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=learning_index,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    collection = Collection.get_first_root_node()
    for codename in ("add_image", "choose_image", "add_document", "choose_document"):
        app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
        GroupCollectionPermission.objects.get_or_create(
            group=editors,
            collection=collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    adoption = GroupApprovalTask.objects.filter(name=ADOPTION_TASK_NAME).first()
    if adoption is None:
        adoption = GroupApprovalTask.objects.create(name=ADOPTION_TASK_NAME)
    for order, (task, group) in enumerate(
        ((_colleague_review_task_ensure(name=REVIEW_TASK_NAME), editors), (adoption, approvers))
    ):
        task.groups.set([group])
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task=task, defaults={"sort_order": order}
        )
    WorkflowPage.objects.update_or_create(page=learning_index, defaults={"workflow": workflow})
    return EditorialSetup(
        editors=editors, approvers=approvers, assessors=assessors, workflow=workflow
    )


def _colleague_review_task_ensure(*, name: str) -> ColleagueReviewTask:
    """The review task as a `ColleagueReviewTask`; an installation set up before that type
    existed has a plain `GroupApprovalTask` of that name, which becomes one in place (same id,
    groups, workflow position and in-progress reviews)."""
    task = ColleagueReviewTask.objects.filter(name=name).first()
    if task is not None:
        return task
    plain = GroupApprovalTask.objects.filter(name=name).first()
    if plain is None:
        return ColleagueReviewTask.objects.create(name=name)
    content_type = ContentType.objects.get_for_model(ColleagueReviewTask)
    # raw=True writes only the subclass's own table row, as loaddata does: the Task and
    # GroupApprovalTask rows already exist.
    ColleagueReviewTask(
        groupapprovaltask_ptr_id=plain.pk, id=plain.pk, name=plain.name, active=plain.active
    ).save_base(raw=True)
    Task.objects.filter(pk=plain.pk).update(content_type=content_type)
    return ColleagueReviewTask.objects.get(pk=plain.pk)


def assessors_only_restrict(*, page: Page) -> PageViewRestriction:
    """Page privacy: only Beoordelaars and Redacteuren (and superusers) may view this subtree."""
    restriction = PageViewRestriction.objects.filter(
        page=page, restriction_type=PageViewRestriction.GROUPS
    ).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
    restriction.groups.set(Group.objects.filter(name__in=(ASSESSORS_GROUP, EDITORS_GROUP)))
    return restriction


# --- workflow actions --------------------------------------------------------------------------


class WorkflowActionRefused(PermissionDenied):
    """The user may not take this action on the page's current workflow step."""


@transaction.atomic
def page_submit_for_review(*, page: Page, user) -> WorkflowState:
    """Save the page's current state as a revision and start its workflow (as "Ter beoordeling")."""
    page = Page.objects.select_for_update().get(pk=page.pk).specific
    workflow = page.get_workflow()
    if workflow is None:
        raise WorkflowActionRefused("Voor deze pagina is geen werkstroom ingesteld.")
    if page.workflow_in_progress:
        raise WorkflowActionRefused("Deze pagina is al ingediend.")
    page.save_revision(user=user)
    return workflow.start(page, user)


@transaction.atomic
def page_review_act(*, page: Page, user, action: str, comment: str = "") -> WorkflowState:
    """Approve or reject the page's current workflow step, if the step offers `user` that action
    (a member of the step's group; at the review step not the editor who submitted the page).

    Approving the last step publishes the submitted revision; rejecting leaves the page
    unpublished and the workflow at "Wijzigingen gevraagd".
    """
    page = Page.objects.select_for_update().get(pk=page.pk).specific
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        raise WorkflowActionRefused("Deze pagina staat niet in een werkstroom.")
    task_state: TaskState = state.current_task_state
    task = task_state.task.specific
    allowed = {name for name, _label, _modal in task.get_actions(page, user)}
    if action not in allowed:
        raise WorkflowActionRefused("U mag deze stap van de werkstroom niet afhandelen.")
    task.on_action(task_state, user, action, comment=comment)
    state.refresh_from_db()
    return state
