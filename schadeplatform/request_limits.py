"""Limits every request meets before a view runs: the size of its body and an idle session.

- `RequestBodyLimitMiddleware` refuses a request whose declared body (`Content-Length`) is
  larger than `REQUEST_BODY_MAX_BYTES` with 413, before anything reads the body (it sits before
  the session and CSRF middleware; CSRF reads a form post's body). Under /api/ the answer is in
  the API's error shape, elsewhere a short Dutch page. Django's own limits still apply to what
  passes: `DATA_UPLOAD_MAX_MEMORY_SIZE` (the non-file part) and `FILE_UPLOAD_MAX_MEMORY_SIZE`
  (larger files spool to a temporary file); a body without `Content-Length` (chunked) is not
  read at all by Django under WSGI.
- `SessionIdleTimeoutMiddleware` ends a logged-in session after `SESSION_IDLE_TIMEOUT` seconds
  without a request. It notes the time of the last request in the session at most once a
  minute, which also saves the session and so renews its expiry (`SESSION_COOKIE_AGE` is the
  same number): the server forgets an idle session on its own, and a busy user (autosave every
  few seconds) pays one session write a minute, not one per request.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .api_errors import error_data
from .error_views import is_api_request

LAST_SEEN_KEY = "_last_seen"
RENEW_EVERY_SECONDS = 60


def declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class RequestBodyLimitMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.REQUEST_BODY_MAX_BYTES
        if declared_length(request) > limit:
            return self.too_large(request, limit)
        return self.get_response(request)

    @staticmethod
    def too_large(request: HttpRequest, limit: int) -> HttpResponse:
        message = _("Het verzoek is te groot (maximaal %(size)s).") % {
            "size": filesizeformat(limit)
        }
        if is_api_request(request):
            response = JsonResponse(error_data(message), status=413)
        else:
            # No base template: the session and user are not loaded yet at this point.
            html = render_to_string("request_too_large.html", {"message": message})
            response = HttpResponse(html, status=413)
        # The client may still be sending; it must not reuse this connection for the rest.
        response["Connection"] = "close"
        return response


class SessionIdleTimeoutMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_TIMEOUT:
                logout(request)  # flushes the session: the request goes on as a visitor
            elif last_seen is None or now - int(last_seen) >= RENEW_EVERY_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
