"""API routes of the workshop day, included from `cases.api_urls` (api:cases_api)."""

from django.urls import path

from . import apis

urlpatterns = [
    path("workshop-days/", apis.WorkshopDayListApi.as_view(), name="workshop-day-list"),
    path(
        "workshop-days/<int:pk>/", apis.WorkshopDayDetailApi.as_view(), name="workshop-day-detail"
    ),
    path(
        "workshop-days/<int:pk>/plan/",
        apis.WorkshopDaySubmitApi.as_view(),
        name="workshop-day-submit",
    ),
    path(
        "workshop-day-plans/<int:pk>/",
        apis.WorkshopDayFeedbackApi.as_view(),
        name="workshop-day-feedback",
    ),
]
