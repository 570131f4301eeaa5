"""The API under /api/v1/: each app contributes its `api_urls`; the schema documents them all."""

from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

api_v1_patterns = [
    path("", include("schadeplatform.accounts.api_urls")),
    path("", include("content.api_urls")),
    path("", include("cases.api_urls")),
    path("", include("assessment.api_urls")),
]

urlpatterns = [
    path("api/v1/", include((api_v1_patterns, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
]
