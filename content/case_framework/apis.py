"""The CASE 1.1 REST binding's read endpoints for the competence profile: public, read-only.

The profile is public information (the foundation publishes it; `GET /api/v1/competence-profile/`
is public too), so anyone may read it, without logging in. Each answer carries an ETag (a hash
of its body) and Last-Modified (its newest `lastChangeDateTime`); a matching If-None-Match
answers 304. An unknown or malformed identifier answers 404 in CASE's imsx_StatusInfo shape.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import datetime
from typing import Any

from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from content.case_framework import documents, openapi
from content.case_framework.framework import Framework
from content.case_framework.links import CaseLinks
from content.case_framework.selectors import framework_load

CACHE_SECONDS = 300
TAGS = ["CASE 1.1"]
IDENTIFIER = OpenApiParameter(
    "identifier",
    str,
    OpenApiParameter.PATH,
    description="De sourcedId (UUID) van het object.",
)
NOT_FOUND = OpenApiResponse(openapi.StatusInfoSerializer, description="Onbekend object.")


def _not_found(identifier: str, what: str) -> Response:
    try:
        uuid.UUID(identifier)
    except ValueError:
        minor, description = "invalid_uuid", _("Invalid UUID: %(id)s is geen UUID.")
    else:
        minor, description = "unknownobject", _("Unknown Object: geen %(what)s met id %(id)s.")
    body = documents.status_info(
        description % {"id": identifier, "what": what}, field="sourcedId", minor=minor
    )
    return Response(body, status=status.HTTP_404_NOT_FOUND)


def _conditional(request: Request, data: dict[str, Any], changed: datetime) -> Response:
    body = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    etag = quote_etag(hashlib.sha256(body).hexdigest()[:32])
    headers = {
        "ETag": etag,
        "Last-Modified": http_date(changed.timestamp()),
        "Cache-Control": f"public, max-age={CACHE_SECONDS}",
    }
    asked = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
    if etag in asked or "*" in asked:
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(data, headers=headers)


def _described(operation_id: str, summary: str, answer: Any, *, by_identifier: bool = True):
    """The OpenAPI description every CASE read endpoint shares (public, tagged "CASE 1.1", a
    404 in CASE's shape where an identifier is asked); an endpoint names only its operation,
    summary and answer."""
    responses = {200: answer, 404: NOT_FOUND} if by_identifier else {200: answer}
    return extend_schema_view(
        get=extend_schema(
            operation_id=operation_id,
            tags=TAGS,
            parameters=[IDENTIFIER] if by_identifier else None,
            responses=responses,
            summary=summary,
        )
    )


# The CASE read endpoints' one shape (a comment, not a docstring: drf-spectacular would make a
# docstring every operation's description): `found` gives the document for `identifier` and its
# last change, or None for an identifier it does not know (404 naming `kind`); every answer is
# conditional (`_conditional`).
class CaseGetApi(APIView):
    permission_classes = [permissions.AllowAny]
    kind = ""

    def found(
        self, framework: Framework, links: CaseLinks, identifier: str
    ) -> tuple[dict[str, Any], datetime] | None:
        raise NotImplementedError

    def get(self, request: Request, identifier: str = "") -> Response:
        found = self.found(framework_load(), CaseLinks(request), identifier)
        if found is None:
            return _not_found(identifier, self.kind)
        return _conditional(request, *found)


@_described(
    "case_cfpackage_get",
    "Het competentieprofiel als CASE-pakket (CFPackage)",
    openapi.PackageSerializer,
)
class CasePackageGetApi(CaseGetApi):
    kind = "CFPackage"

    def found(self, framework, links, identifier):
        if identifier != framework.identifier:
            return None
        return documents.cf_package(framework, links), framework.document_changed


@_described(
    "case_cfdocuments_list",
    "Alle CFDocuments (het ene competentieprofiel)",
    openapi.DocumentSetSerializer,
    by_identifier=False,
)
class CaseDocumentsGetApi(CaseGetApi):
    def found(self, framework, links, identifier):
        return {
            "CFDocuments": [documents.cf_document(framework, links)]
        }, framework.document_changed

    def get(self, request: Request, identifier: str = "") -> Response:
        response = super().get(request, identifier)
        response["X-Total-Count"] = "1"
        return response


@_described(
    "case_cfdocument_get",
    "Het CFDocument van het competentieprofiel",
    openapi.DocumentSerializer,
)
class CaseDocumentGetApi(CaseGetApi):
    kind = "CFDocument"

    def found(self, framework, links, identifier):
        if identifier != framework.identifier:
            return None
        return documents.cf_document(framework, links), framework.document_changed


@_described("case_cfitem_get", "Eén item van het profiel (CFItem)", openapi.ItemSerializer)
class CaseItemGetApi(CaseGetApi):
    kind = "CFItem"

    def found(self, framework, links, identifier):
        item = framework.item(identifier)
        if item is None:
            return None
        return documents.cf_item(framework, item, links), item.changed


@_described(
    "case_cfassociation_get",
    "Eén verband tussen items (CFAssociation)",
    openapi.AssociationSerializer,
)
class CaseAssociationGetApi(CaseGetApi):
    kind = "CFAssociation"

    def found(self, framework, links, identifier):
        association = framework.association(identifier)
        if association is None:
            return None
        return documents.cf_association(framework, association, links), association.changed


@_described(
    "case_cfitemassociations_get",
    "Een item met al zijn verbanden (CFItemAssociations)",
    openapi.AssociationSetSerializer,
)
class CaseItemAssociationsGetApi(CaseGetApi):
    kind = "CFItem"

    def found(self, framework, links, identifier):
        item = framework.item(identifier)
        if item is None:
            return None
        changed = max(
            [item.changed] + [a.changed for a in framework.associations_of(item.identifier)]
        )
        return documents.cf_item_associations(framework, item, links), changed
