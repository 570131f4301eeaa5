"""The CASE 1.1 REST binding's paths (`/ims/case/v1p1/…`, no trailing slash, as the binding
spells them), mounted at /api/v1/case/ by content/api_urls.py (namespace `api:content_api`)."""

from django.urls import path

from content.case_framework import apis

BASE = "ims/case/v1p1/"

urlpatterns = [
    path(
        f"{BASE}CFPackages/<str:identifier>",
        apis.CasePackageGetApi.as_view(),
        name="case-package",
    ),
    path(f"{BASE}CFDocuments", apis.CaseDocumentsGetApi.as_view(), name="case-documents"),
    path(
        f"{BASE}CFDocuments/<str:identifier>",
        apis.CaseDocumentGetApi.as_view(),
        name="case-document",
    ),
    path(f"{BASE}CFItems/<str:identifier>", apis.CaseItemGetApi.as_view(), name="case-cfitem"),
    path(
        f"{BASE}CFAssociations/<str:identifier>",
        apis.CaseAssociationGetApi.as_view(),
        name="case-association",
    ),
    path(
        f"{BASE}CFItemAssociations/<str:identifier>",
        apis.CaseItemAssociationsGetApi.as_view(),
        name="case-item-associations",
    ),
]
