"""Refuses, with 400, a request whose path, query string, headers, cookies or Basic-auth
credentials hold a NUL character: no text column can store one, and on PostgreSQL a lookup with
it (a search, Wagtail's `html_path`, a Basic-auth username, a session cookie) ended in a 500.

Under /api/ the answer is in the API's error shape; elsewhere Django's 400 page. Request bodies
are checked where they are read: JSON by `schadeplatform.json_guard`, form fields by Django's
`CharField` (it refuses NUL itself).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterator

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

from .api_errors import error_data
from .error_views import is_api_request

NUL = "\x00"


def _places(request: HttpRequest) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of the request outside its body."""
    yield "path", request.path_info
    for key, values in request.GET.lists():
        yield key, key
        for value in values:
            yield key, value
    for key, value in request.META.items():
        if key.startswith("HTTP_") or key in ("CONTENT_TYPE", "QUERY_STRING"):
            yield key, str(value)
    for key, value in request.COOKIES.items():
        yield key, f"{key}={value}"
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _space, credentials = authorization.partition(" ")
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(credentials.strip(), validate=False)
        except (binascii.Error, ValueError):
            return
        yield "Authorization", decoded.decode("latin-1")


def holds_nul(request: HttpRequest) -> str | None:
    """Where the first NUL is, or None."""
    for where, text in _places(request):
        if NUL in text:
            return where
    return None


class RefuseUnstorableInput:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = holds_nul(request)
        if where is None:
            return self.get_response(request)
        message = _("Het verzoek bevat een teken dat niet kan worden verwerkt (U+0000).")
        if is_api_request(request):
            path = where if where in request.GET and NUL not in where else ""
            return JsonResponse(error_data(message, path), status=400)
        return defaults.bad_request(request, ValueError(message))
