"""API routes of the claim workflow (namespace api:cases_api), plus the calculation editor's."""

from django.urls import include, path

from . import apis

app_name = "cases_api"

urlpatterns = [
    path("cases/", apis.CaseListApi.as_view(), name="case-list"),
    path("cases/<slug:slug>/attempts/", apis.AttemptStartApi.as_view(), name="attempt-start"),
    path("attempts/", apis.AttemptListApi.as_view(), name="attempt-list"),
    path("attempts/<int:pk>/", apis.AttemptDetailApi.as_view(), name="attempt-detail"),
    path("attempts/<int:pk>/timeline/", apis.AttemptTimelineApi.as_view(), name="attempt-timeline"),
    path(
        "attempts/<int:pk>/moves/<slug:move>/",
        apis.AttemptMoveApi.as_view(),
        name="attempt-move",
    ),
    path("attempts/<int:pk>/photos/", apis.AttemptPhotoUploadApi.as_view(), name="attempt-photos"),
    path("", include("cases.calculations.api_urls")),
    path("", include("cases.calc_review.api_urls")),
    path("", include("cases.workshop_day.api_urls")),
]
