"""The coverage page: per item of the profile, where it is practised and what assesses it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .access import can_view_profile_coverage
from .selectors import exercise_modules, profile_coverage


@login_required
@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    if not can_view_profile_coverage(request.user):
        raise PermissionDenied
    result = profile_coverage(request=request)
    return render(
        request,
        "assessment/coverage/coverage.html",
        {
            "coverage": result,
            "title_only": result.title_only(),
            "modules": exercise_modules(),
        },
    )
