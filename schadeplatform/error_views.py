"""Error answers that fit the caller: JSON in the API's one shape under /api/, HTML elsewhere.

DRF's views answer their own errors (`schadeplatform.api_errors`). This module answers the rest
under /api/ in the same shape, `{"errors": [{"path", "message"}]}`:

- `ApiNotFoundView`: a path under /api/ that no API route matches (`-5` for an `<int:pk>`, a
  misspelt name). Mounted in schadeplatform/urls.py before Wagtail's page route, which matches
  any path and would answer an HTML page;
- `not_found`, `server_error` (handler404, handler500) and `csrf_failure` (CSRF_FAILURE_VIEW):
  what Django answers itself, for an error that no view handled. Pages keep Django's HTML.
  An error because the database cannot be reached (restarted, failed over: Django's
  `OperationalError`/`InterfaceError`) is not the server's fault but a moment's absence: 503
  with `Retry-After`, which the editor's autosave retries by itself (issue #17).
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.csrf import csrf_failure as html_csrf_failure
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from .api_errors import error_data

API_PREFIX = "/api/"


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _not_found_message() -> str:
    return _("Dit adres bestaat niet in de API.")


@extend_schema(exclude=True)
class ApiNotFoundView(APIView):
    """Every method on an unknown path under /api/: 404, to anyone (no login needed to learn
    that a path does not exist; the routes are public in the schema anyway)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        raise NotFound(_not_found_message())


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return JsonResponse(error_data(_not_found_message()), status=404)
    return defaults.page_not_found(request, exception)


#: Seconds a client is asked to wait before retrying while the database is away.
RETRY_AFTER_SECONDS = 5


def _database_unavailable() -> bool:
    """Whether the error being handled (handler500 runs inside Django's `except`) is the
    database's absence rather than a fault of the code."""
    return isinstance(sys.exc_info()[1], OperationalError | InterfaceError)


def _unavailable(request: HttpRequest) -> HttpResponse:
    if is_api_request(request):
        message = _(
            "De database is even niet bereikbaar. Probeer het over enkele seconden opnieuw."
        )
        response: HttpResponse = JsonResponse(error_data(message), status=503)
    else:
        # Without the request: its context processors would ask the absent database.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    if _database_unavailable():
        return _unavailable(request)
    if is_api_request(request):
        message = _("Er ging iets mis op de server. Probeer het later opnieuw.")
        return JsonResponse(error_data(message), status=500)
    return defaults.server_error(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if is_api_request(request):
        message = _("De CSRF-controle is mislukt: stuur het CSRF-token mee.")
        return JsonResponse(error_data(message), status=403)
    return html_csrf_failure(request, reason=reason)


def lockout(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a locked-out login (`AXES_LOCKOUT_CALLABLE`): the API's error shape
    under /api/, the page `registration/locked_out.html` elsewhere; status 429 both."""
    if is_api_request(request):
        message = _(
            "Er is te vaak een onjuist wachtwoord ingevoerd. Probeer het over een uur opnieuw of "
            "neem contact op met uw beheerder."
        )
        return JsonResponse(
            error_data(message, "username"), status=settings.AXES_HTTP_RESPONSE_CODE
        )
    return render(request, "registration/locked_out.html", status=settings.AXES_HTTP_RESPONSE_CODE)
