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
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
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


class CaseApi(APIView):
    permission_classes = [permissions.AllowAny]

    def framework(self) -> tuple[Framework, CaseLinks]:
        return framework_load(), CaseLinks(self.request)


class CasePackageGetApi(CaseApi):
    @extend_schema(
        operation_id="case_cfpackage_get",
        tags=TAGS,
        parameters=[IDENTIFIER],
        responses={200: openapi.PackageSerializer, 404: NOT_FOUND},
        summary="Het competentieprofiel als CASE-pakket (CFPackage)",
    )
    def get(self, request: Request, identifier: str) -> Response:
        framework, links = self.framework()
        if identifier != framework.identifier:
            return _not_found(identifier, "CFPackage")
        data = documents.cf_package(framework, links)
        return _conditional(request, data, framework.document_changed)


class CaseDocumentsGetApi(CaseApi):
    @extend_schema(
        operation_id="case_cfdocuments_list",
        tags=TAGS,
        responses={200: openapi.DocumentSetSerializer},
        summary="Alle CFDocuments (het ene competentieprofiel)",
    )
    def get(self, request: Request) -> Response:
        framework, links = self.framework()
        data = {"CFDocuments": [documents.cf_document(framework, links)]}
        response = _conditional(request, data, framework.document_changed)
        response["X-Total-Count"] = "1"
        return response


class CaseDocumentGetApi(CaseApi):
    @extend_schema(
        operation_id="case_cfdocument_get",
        tags=TAGS,
        parameters=[IDENTIFIER],
        responses={200: openapi.DocumentSerializer, 404: NOT_FOUND},
        summary="Het CFDocument van het competentieprofiel",
    )
    def get(self, request: Request, identifier: str) -> Response:
        framework, links = self.framework()
        if identifier != framework.identifier:
            return _not_found(identifier, "CFDocument")
        data = documents.cf_document(framework, links)
        return _conditional(request, data, framework.document_changed)


class CaseItemGetApi(CaseApi):
    @extend_schema(
        operation_id="case_cfitem_get",
        tags=TAGS,
        parameters=[IDENTIFIER],
        responses={200: openapi.ItemSerializer, 404: NOT_FOUND},
        summary="Eén item van het profiel (CFItem)",
    )
    def get(self, request: Request, identifier: str) -> Response:
        framework, links = self.framework()
        item = framework.item(identifier)
        if item is None:
            return _not_found(identifier, "CFItem")
        return _conditional(request, documents.cf_item(framework, item, links), item.changed)


class CaseAssociationGetApi(CaseApi):
    @extend_schema(
        operation_id="case_cfassociation_get",
        tags=TAGS,
        parameters=[IDENTIFIER],
        responses={200: openapi.AssociationSerializer, 404: NOT_FOUND},
        summary="Eén verband tussen items (CFAssociation)",
    )
    def get(self, request: Request, identifier: str) -> Response:
        framework, links = self.framework()
        association = framework.association(identifier)
        if association is None:
            return _not_found(identifier, "CFAssociation")
        data = documents.cf_association(framework, association, links)
        return _conditional(request, data, association.changed)


class CaseItemAssociationsGetApi(CaseApi):
    @extend_schema(
        operation_id="case_cfitemassociations_get",
        tags=TAGS,
        parameters=[IDENTIFIER],
        responses={200: openapi.AssociationSetSerializer, 404: NOT_FOUND},
        summary="Een item met al zijn verbanden (CFItemAssociations)",
    )
    def get(self, request: Request, identifier: str) -> Response:
        framework, links = self.framework()
        item = framework.item(identifier)
        if item is None:
            return _not_found(identifier, "CFItem")
        data = documents.cf_item_associations(framework, item, links)
        changed = max(
            [item.changed] + [a.changed for a in framework.associations_of(item.identifier)]
        )
        return _conditional(request, data, changed)
