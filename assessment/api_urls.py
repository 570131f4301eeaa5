"""The assessment API, mounted under /api/v1/ (namespace api:assessment_api)."""

from django.urls import path

from . import apis

app_name = "assessment_api"

urlpatterns = [
    path("assessment/queue/", apis.AssessmentQueueApi.as_view(), name="queue"),
    path(
        "assessment/attempts/<int:attempt_id>/grades/",
        apis.GradeStartApi.as_view(),
        name="grade-start",
    ),
    path(
        "assessment/attempts/<int:attempt_id>/result/",
        apis.AttemptResultApi.as_view(),
        name="attempt-result",
    ),
    path("assessment/grades/<int:pk>/", apis.GradeDetailApi.as_view(), name="grade-detail"),
    path(
        "assessment/grades/<int:pk>/overrides/",
        apis.LineOverrideCreateApi.as_view(),
        name="grade-override",
    ),
    path(
        "assessment/grades/<int:pk>/override-preview/",
        apis.OverridePreviewApi.as_view(),
        name="grade-override-preview",
    ),
    path("assessment/grades/<int:pk>/sign/", apis.GradeSignApi.as_view(), name="grade-sign"),
    path("assessment/grades/<int:pk>/marking/", apis.GradeMarkApi.as_view(), name="grade-mark"),
    path(
        "assessment/grades/<int:pk>/release/", apis.GradeReleaseApi.as_view(), name="grade-release"
    ),
    path("assessment/grades/release/", apis.GradesBulkReleaseApi.as_view(), name="grades-release"),
    path("assessment/allocations/", apis.MarkerAllocationApi.as_view(), name="allocations"),
    path(
        "assessment/grades/<int:pk>/correction/",
        apis.GradeCorrectApi.as_view(),
        name="grade-correct",
    ),
    path(
        "assessment/grades/<int:pk>/rescore/",
        apis.GradeRescoreApi.as_view(),
        name="grade-rescore",
    ),
    path("assessment/reports/", apis.ReportRequestApi.as_view(), name="report-request"),
    path("assessment/reports/<int:pk>/", apis.ReportDetailApi.as_view(), name="report-detail"),
    path(
        "assessment/reports/<int:pk>/download/",
        apis.ReportDownloadApi.as_view(),
        name="report-download",
    ),
    path("assessment/progress/", apis.OwnProgressApi.as_view(), name="progress-own"),
    path(
        "assessment/progress/<int:trainee_id>/",
        apis.TraineeProgressApi.as_view(),
        name="progress-trainee",
    ),
    path(
        "assessment/cohorts/<int:cohort_id>/grades.csv",
        apis.CohortGradesCsvApi.as_view(),
        name="cohort-grades-csv",
    ),
]
