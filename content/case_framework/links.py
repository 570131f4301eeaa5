"""The URLs of the CASE objects: each object's `uri` points at its own endpoint.

`cfitem_url` is what the Open Badges alignments (`targetUrl`) and the xAPI activity ids use for a
profile item (notes/issue18.md); it needs the site's origin, from a request or given as text.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from rest_framework.request import Request

NAMESPACE = "api:content_api"
# The CFItem route (kwarg `identifier`), by the name agreed in notes/issue18.md.
CFITEM_ROUTE = f"{NAMESPACE}:case-cfitem"


def _origin(request_or_base: HttpRequest | Request | str | None) -> str:
    """`https://host` of a request, or a base URL given as text (`WAGTAILADMIN_BASE_URL` when
    None: a task without a request)."""
    if request_or_base is None:
        request_or_base = settings.WAGTAILADMIN_BASE_URL
    if isinstance(request_or_base, str):
        return request_or_base.rstrip("/")
    return request_or_base.build_absolute_uri("/").rstrip("/")


def case_url(request_or_base, route: str, identifier: str | None = None) -> str:
    kwargs = {"identifier": identifier} if identifier is not None else {}
    return _origin(request_or_base) + reverse(f"{NAMESPACE}:{route}", kwargs=kwargs)


def cfitem_url(request_or_base: HttpRequest | Request | str | None, identifier: str) -> str:
    """The absolute URL of a profile item's CFItem:
    `cfitem_url(request, identifier("work_process", "1.2"))`."""
    return case_url(request_or_base, "case-cfitem", identifier)


class CaseLinks:
    """The URLs of one answer's objects, all on the same origin."""

    def __init__(self, request_or_base) -> None:
        self.origin = _origin(request_or_base)

    def _url(self, route: str, identifier: str) -> str:
        return self.origin + reverse(f"{NAMESPACE}:{route}", kwargs={"identifier": identifier})

    def package(self, identifier: str) -> str:
        return self._url("case-package", identifier)

    def document(self, identifier: str) -> str:
        return self._url("case-document", identifier)

    def item(self, identifier: str) -> str:
        return self._url("case-cfitem", identifier)

    def association(self, identifier: str) -> str:
        return self._url("case-association", identifier)
