"""API routes of the calculation review, included from `cases.api_urls` (api:cases_api)."""

from django.urls import path

from . import apis

urlpatterns = [
    path("calc-reviews/", apis.CalcReviewListApi.as_view(), name="calc-review-list"),
    path("calc-reviews/<int:pk>/", apis.CalcReviewDetailApi.as_view(), name="calc-review-detail"),
    path(
        "calc-reviews/<int:pk>/answer/", apis.CalcReviewSaveApi.as_view(), name="calc-review-save"
    ),
    path(
        "calc-reviews/<int:pk>/submit/",
        apis.CalcReviewSubmitApi.as_view(),
        name="calc-review-submit",
    ),
    path(
        "calc-review-answers/<int:pk>/",
        apis.CalcReviewFeedbackApi.as_view(),
        name="calc-review-feedback",
    ),
]
