"""Thin views: the search page and the coverage view in the Wagtail admin."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from content.permissions import can_view_coverage
from content.profile_labels import GROUP_TITLES
from content.selectors import coverage, search_learning_content


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """/leren/zoeken/?q=…: published, public lessons and case briefs."""
    query = request.GET.get("q", "")[:200]
    results = search_learning_content(query)
    page = Paginator(results, 20).get_page(request.GET.get("pagina"))
    return render(request, "content/search.html", {"query": query, "results": page})


class CoverageAdminView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "content/admin/coverage.html"
    page_title = _("Dekking competentieprofiel")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_coverage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = coverage()
        context["groups"] = [(GROUP_TITLES[name], rows) for name, rows in result.groups()]
        context["uncovered"] = result.uncovered()
        return context
