"""The assessment API, mounted under /api/v1/ (namespace api:assessment_api)."""

from django.urls import path

from . import apis, calibration_apis, double_marking_apis, exam_form_apis, statistics_apis
from .coverage import apis as coverage_apis

app_name = "assessment_api"

urlpatterns = [
    path("assessment/queue/", apis.AssessmentQueueApi.as_view(), name="queue"),
    path("assessment/coverage/", coverage_apis.ProfileCoverageGetApi.as_view(), name="coverage"),
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
    # Agreement statistics and cohort analytics (issue #15, items 3, 6, 7): statistics_apis
    path(
        "assessment/cohorts/<int:cohort_id>/agreement/",
        statistics_apis.CohortAgreementApi.as_view(),
        name="cohort-agreement",
    ),
    path(
        "assessment/cohorts/<int:cohort_id>/agreement/<slug:criterion>.csv",
        statistics_apis.CohortAgreementRatingsCsvApi.as_view(),
        name="cohort-agreement-ratings-csv",
    ),
    path(
        "assessment/calibration/sets/<int:set_id>/agreement/",
        statistics_apis.CalibrationSetAgreementApi.as_view(),
        name="calibration-set-agreement",
    ),
    path(
        "assessment/calibration/sets/<int:set_id>/agreement/<slug:criterion>.csv",
        statistics_apis.CalibrationAgreementRatingsCsvApi.as_view(),
        name="calibration-set-agreement-ratings-csv",
    ),
    path(
        "assessment/cohorts/<int:cohort_id>/analytics/",
        statistics_apis.CohortAnalyticsApi.as_view(),
        name="cohort-analytics",
    ),
    path(
        "assessment/cohorts/<int:cohort_id>/analytics/<slug:part>.csv",
        statistics_apis.CohortAnalyticsCsvApi.as_view(),
        name="cohort-analytics-csv",
    ),
    # Double and triple marking (issue #15, item 1): assessment.double_marking_apis
    path(
        "assessment/cohorts/<int:cohort_id>/marking-policy/",
        double_marking_apis.MarkingPolicyApi.as_view(),
        name="marking-policy",
    ),
    path(
        "assessment/attempts/<int:attempt_id>/marking/",
        double_marking_apis.AttemptMarkingApi.as_view(),
        name="attempt-marking",
    ),
    # Calibration of assessors (issue #15, item 2): assessment.calibration_apis
    path(
        "assessment/calibration/sets/",
        calibration_apis.CalibrationSetListApi.as_view(),
        name="calibration-set-list",
    ),
    path(
        "assessment/calibration/sets/create/",
        calibration_apis.CalibrationSetCreateApi.as_view(),
        name="calibration-set-create",
    ),
    path(
        "assessment/calibration/sets/<int:pk>/",
        calibration_apis.CalibrationSetDetailApi.as_view(),
        name="calibration-set-detail",
    ),
    path(
        "assessment/calibration/sets/<int:pk>/publish/",
        calibration_apis.CalibrationSetPublishApi.as_view(),
        name="calibration-set-publish",
    ),
    path(
        "assessment/calibration/items/<int:pk>/rating/",
        calibration_apis.CalibrationRateApi.as_view(),
        name="calibration-rate",
    ),
    path(
        "assessment/calibration/results/",
        calibration_apis.OwnCalibrationResultsApi.as_view(),
        name="calibration-results-own",
    ),
    path(
        "assessment/calibration/periods/<int:pk>/results/",
        calibration_apis.PeriodCalibrationResultsApi.as_view(),
        name="calibration-results-period",
    ),
    # Exam forms, blueprints and Angoff studies (issue #15, items 4, 5, 7).
    path("assessment/exam-forms/", exam_form_apis.ExamFormListApi.as_view(), name="exam-form-list"),
    path(
        "assessment/exam-forms/<int:pk>/",
        exam_form_apis.ExamFormDetailApi.as_view(),
        name="exam-form-detail",
    ),
    path(
        "assessment/exam-forms/blueprints/",
        exam_form_apis.BlueprintListApi.as_view(),
        name="blueprint-list",
    ),
    path(
        "assessment/exam-forms/blueprints/<int:pk>/",
        exam_form_apis.BlueprintDetailApi.as_view(),
        name="blueprint-detail",
    ),
    path(
        "assessment/exam-forms/angoff/<int:pk>/",
        exam_form_apis.AngoffStudyDetailApi.as_view(),
        name="angoff-study",
    ),
    path(
        "assessment/exam-forms/angoff/<int:pk>/judgements/",
        exam_form_apis.AngoffJudgementsApi.as_view(),
        name="angoff-judgements",
    ),
    path(
        "assessment/exam-forms/angoff/<int:pk>/close/",
        exam_form_apis.AngoffStudyCloseApi.as_view(),
        name="angoff-close",
    ),
    path(
        "assessment/exam-forms/angoff/<int:pk>/adopt/",
        exam_form_apis.CutScoreAdoptApi.as_view(),
        name="angoff-adopt",
    ),
]
