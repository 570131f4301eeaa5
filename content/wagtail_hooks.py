"""Wagtail admin: the profile as snippets, the coverage view, and 404 for private pages and
private documents."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page, PageViewRestriction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content import selectors, views
from content.models import (
    CompetenceArea,
    CoreTask,
    KnowledgeItem,
    ProfileSection,
    TradeOff,
    WorkProcess,
)
from content.models.workflow import NEXT_STEP_PARAM
from content.permissions import can_view_coverage


class CoreTaskViewSet(SnippetViewSet):
    model = CoreTask
    icon = "folder-open-inverse"
    list_display = ["code", "title"]


class WorkProcessViewSet(SnippetViewSet):
    model = WorkProcess
    icon = "list-ol"
    list_display = ["code", "title", "core_task"]


class KnowledgeItemViewSet(SnippetViewSet):
    model = KnowledgeItem
    icon = "snippet"
    list_display = ["code", "title"]


class CompetenceAreaViewSet(SnippetViewSet):
    model = CompetenceArea
    icon = "group"
    list_display = ["name", "slug"]


class TradeOffViewSet(SnippetViewSet):
    model = TradeOff
    icon = "resubmit"
    list_display = ["title", "slug"]


class ProfileSectionViewSet(SnippetViewSet):
    model = ProfileSection
    icon = "doc-full"
    list_display = ["title", "key"]


class CompetenceProfileViewSetGroup(SnippetViewSetGroup):
    items = (
        CoreTaskViewSet,
        WorkProcessViewSet,
        KnowledgeItemViewSet,
        CompetenceAreaViewSet,
        TradeOffViewSet,
        ProfileSectionViewSet,
    )
    menu_icon = "list-ul"
    menu_label = _("Competentieprofiel")
    menu_name = "competentieprofiel"


register_snippet(CompetenceProfileViewSetGroup)


@hooks.register("register_admin_urls")
def register_coverage_url():
    return [path("dekking/", views.CoverageAdminView.as_view(), name="content_coverage")]


class CoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_coverage(request.user)


@hooks.register("register_admin_menu_item")
def register_coverage_menu_item():
    return CoverageMenuItem(
        _("Dekking competentieprofiel"),
        reverse("content_coverage"),
        name="dekking-competentieprofiel",
        icon_name="tasks",
        order=250,
    )


@hooks.register("before_serve_page", order=-10)
def refuse_private_pages(page, request, serve_args, serve_kwargs):
    """Login- and group-restricted pages: a visitor goes to the platform's login page, and a
    logged-in user outside the groups gets 404, so assessor-only material is not revealed."""
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type not in (
            PageViewRestriction.LOGIN,
            PageViewRestriction.GROUPS,
        ):
            continue
        if restriction.accept_request(request):
            continue
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        raise Http404
    return None


@hooks.register("before_serve_document", order=-10)
def refuse_private_documents(document, request):
    """A document of a login- or group-restricted collection, or used only on pages the visitor
    may not see, answers as those pages do: a visitor goes to the platform's login page, and a
    logged-in user outside the groups gets 404 (Wagtail would send them to its login page, or,
    for a document used only on private pages, serve it to anyone)."""
    if selectors.document_open_to(document, request):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    raise Http404


# --- the publishing workflow: after a review step, say what is next and by whom --------------


@hooks.register("after_edit_page")
def say_next_step_after_approval_in_the_editor(request, page):
    """The edit view's "Goedkeuren" (save and approve) says only that the page was updated."""
    if request.POST.get("workflow-action-name") != "approve":
        return None
    message = selectors.review_next_step(page, request.user)
    if message:
        messages.info(request, message)
    return None


@hooks.register("construct_homepage_panels")
def say_next_step_after_approval_in_the_dialog(request, panels):
    """Wagtail's approval dialog goes on to the dashboard with the page's id (see
    ColleagueReviewTask.on_action); only a step this user approved is described."""
    page_id = request.GET.get(NEXT_STEP_PARAM, "")
    if not page_id.isdigit():
        return
    page = Page.objects.filter(pk=int(page_id)).first()
    message = selectors.review_next_step(page, request.user) if page else None
    if message:
        messages.info(request, message)


# --- the profile's items as checkboxes with a search box (content.widgets.ProfileTagsWidget) --


@hooks.register("insert_editor_js")
def profile_tags_js():
    return format_html('<script src="{}"></script>', static("content/admin/profile_tags.js"))


@hooks.register("insert_global_admin_css")
def profile_tags_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("content/admin/profile_tags.css")
    )
