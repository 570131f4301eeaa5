"""The API of the agreement statistics and the cohort analytics (issue #15, item 7), under
/api/v1/assessment/: the same selectors, figures and authorization as the pages
(`statistics_views`). A cohort or set the user may not see answers 404."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from content.profile_labels import profile_labels
from schadeplatform.api_schema import API_ERRORS

from . import cohort_analytics, statistics
from .statistics_views import csv_response


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        raise NotFound(_("Deze parameter bestaat niet.")) from None


def _cohort(request: Request, cohort_id: int):
    found = statistics.cohort_for_statistics(request.user, cohort_id)
    if found is None:
        raise NotFound(_("Deze groep bestaat niet."))
    return found


def _criterion(key: str) -> statistics.Criterion:
    found = statistics.criterion(key)
    if found is None:
        raise NotFound(_("Dit criterium bestaat niet."))
    return found


def _assessor(request: Request):
    try:
        return statistics.ratings_assessor(request.user, _int(request.query_params.get("assessor")))
    except statistics.NotVisible:
        raise NotFound(_("Deze beoordelaar bestaat niet.")) from None


class AgreementFiguresSerializer(serializers.Serializer):
    subjects = serializers.IntegerField()
    raters = serializers.IntegerField()
    icc = serializers.DictField(
        required=False,
        help_text="ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k: value, ci95, band (Koo & Li), reason.",
    )
    kappa = serializers.FloatField(required=False)
    kappa_linear = serializers.FloatField(required=False)
    kappa_quadratic = serializers.FloatField(required=False)
    fleiss_kappa = serializers.FloatField(required=False)
    bands = serializers.DictField(required=False, help_text="Landis & Koch bands of the kappas.")


class AssessorAgreementSerializer(serializers.Serializer):
    assessor = serializers.CharField()
    subjects = serializers.IntegerField()
    mean_difference = serializers.FloatField(help_text="Mean of (rating − agreed grade).")
    z = serializers.FloatField(allow_null=True)
    flag = serializers.CharField(allow_null=True, help_text="streng, mild or null.")
    agreement = AgreementFiguresSerializer(allow_null=True)
    errors = serializers.ListField(child=serializers.CharField())


class CriterionAgreementSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="score, or a rubric area's slug.")
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["score", "level"])
    agreement = AgreementFiguresSerializer(
        allow_null=True, help_text="What `manage.py agreement_stats` prints for the design."
    )
    errors = serializers.ListField(child=serializers.CharField())
    assessors = AssessorAgreementSerializer(many=True)
    bias_errors = serializers.ListField(child=serializers.CharField())


class AgreementSerializer(serializers.Serializer):
    subjects = serializers.IntegerField()
    ratings_read = serializers.IntegerField()
    criteria = CriterionAgreementSerializer(many=True)


CSV_RESPONSES = {(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR), 404: API_ERRORS}
ASSESSOR_PARAMETER = OpenApiParameter(
    "assessor",
    int,
    description="An assessor's own ratings beside the agreed grades (rater `vastgesteld`); "
    "an assessor may name only themself. Without it: the design.",
)


class CohortAgreementApi(APIView):
    """Agreement of a cohort's markers per criterion, and per assessor against the agreed
    grades (the cohort's assessors: only their own row; the exam board: every row)."""

    @extend_schema(
        operation_id="assessment_cohort_agreement",
        summary="Overeenstemming tussen beoordelaars van een groep",
        responses={200: AgreementSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, cohort_id: int) -> Response:
        cohort = _cohort(request, cohort_id)
        return Response(
            statistics.statistics_data(statistics.cohort_agreement(request.user, cohort))
        )


class CohortAgreementRatingsCsvApi(APIView):
    """The ratings behind a criterion's figures, in the format of `manage.py agreement_stats`."""

    @extend_schema(
        operation_id="assessment_cohort_agreement_ratings_csv",
        summary="Beoordelingen achter de overeenstemming van een groep (CSV)",
        parameters=[ASSESSOR_PARAMETER],
        responses=CSV_RESPONSES,
    )
    def get(self, request: Request, cohort_id: int, criterion: str) -> HttpResponse:
        cohort = _cohort(request, cohort_id)
        crit = _criterion(criterion)
        assessor = _assessor(request)
        if assessor is None:
            ratings = statistics.cohort_design_ratings(cohort, crit)
        else:
            ratings = statistics.cohort_assessor_ratings(cohort, crit, assessor)
        return csv_response(
            statistics.ratings_csv(crit.kind, ratings),
            f"overeenstemming-{slugify(cohort.name)}-{crit.key}.csv",
        )


def _calibration(request: Request, set_id: int):
    found = statistics.calibration_set_for_statistics(request.user, set_id)
    if found is None:
        raise NotFound(_("Deze kalibratieset bestaat niet."))
    try:
        _periods, period = statistics.chosen_period(found, _int(request.query_params.get("period")))
    except statistics.NotVisible:
        raise NotFound(_("Deze examenperiode bestaat niet.")) from None
    return found, period


PERIOD_PARAMETER = OpenApiParameter(
    "period", int, description="The exam period; without it the newest one with ratings."
)


class CalibrationSetAgreementApi(APIView):
    """Agreement on a calibration set per criterion: the set's design (exam board) and each
    assessor against the agreed grades (an assessor: only their own row)."""

    @extend_schema(
        operation_id="assessment_calibration_set_agreement",
        summary="Overeenstemming op een kalibratieset",
        parameters=[PERIOD_PARAMETER],
        responses={200: AgreementSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, set_id: int) -> Response:
        calibration_set, period = _calibration(request, set_id)
        stats = statistics.calibration_agreement(request.user, calibration_set, period)
        return Response(statistics.statistics_data(stats))


class CalibrationAgreementRatingsCsvApi(APIView):
    """The ratings behind a calibration set's figures, in the command's format."""

    @extend_schema(
        operation_id="assessment_calibration_set_agreement_ratings_csv",
        summary="Beoordelingen achter de overeenstemming op een kalibratieset (CSV)",
        parameters=[PERIOD_PARAMETER, ASSESSOR_PARAMETER],
        responses=CSV_RESPONSES,
    )
    def get(self, request: Request, set_id: int, criterion: str) -> HttpResponse:
        calibration_set, period = _calibration(request, set_id)
        crit = _criterion(criterion)
        assessor = _assessor(request)
        if assessor is None and not statistics.may_download_design(request.user, calibration=True):
            raise NotFound(_("Deze beoordelingen bestaan niet."))
        ratings = statistics.calibration_ratings(calibration_set, period, crit, assessor)
        return csv_response(
            statistics.ratings_csv(crit.kind, ratings),
            f"kalibratie-{calibration_set.pk}-{crit.key}.csv",
        )


CASE_VERSION_PARAMETER = OpenApiParameter(
    "case_version", int, description="The case version; without it the most attempted one."
)


def _case_version(request: Request, cohort):
    try:
        _versions, version = cohort_analytics.chosen_case_version(
            cohort, _int(request.query_params.get("case_version"))
        )
    except LookupError:
        raise NotFound(_("Deze casusversie bestaat niet in deze groep.")) from None
    if version is None:
        raise NotFound(_("Deze groep heeft nog geen ingeleverde pogingen."))
    return version


class CohortAnalyticsSerializer(serializers.Serializer):
    case_version = serializers.IntegerField()
    heat_map = serializers.DictField(
        help_text="attempts, error_kinds, rows (line, code, description, counts per error "
        "kind, total; most errors first), checks_failed, profile_items."
    )
    time_on_task = serializers.DictField(
        help_text="attempts, phases (status, label, attempts, q1/median/q3 in minutes)."
    )
    step_order = serializers.DictField(
        help_text="attempts, deviating, share, deviations (status, move, label, attempts)."
    )


class CohortAnalyticsApi(APIView):
    """A cohort's analytics for one case version: the heat map of missed reference lines and
    error kinds with the profile items they touch, time on task per phase, steps out of the
    expected order. Totals only: no trainee is named."""

    @extend_schema(
        operation_id="assessment_cohort_analytics",
        summary="Analyse van een groep per casus",
        parameters=[CASE_VERSION_PARAMETER],
        responses={200: CohortAnalyticsSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, cohort_id: int) -> Response:
        cohort = _cohort(request, cohort_id)
        version = _case_version(request, cohort)
        heat = cohort_analytics.heat_map(cohort, version, profile_labels())
        flow = cohort_analytics.workflow(cohort, version)
        return Response({"case_version": version.pk, **cohort_analytics.analytics_data(heat, flow)})


class CohortAnalyticsCsvApi(APIView):
    """One part of the analytics as CSV: `heatmap`, `tijd` (time on task) or `volgorde`
    (step order)."""

    @extend_schema(
        operation_id="assessment_cohort_analytics_csv",
        summary="Analyse van een groep (CSV)",
        parameters=[CASE_VERSION_PARAMETER],
        responses=CSV_RESPONSES,
    )
    def get(self, request: Request, cohort_id: int, part: str) -> HttpResponse:
        if part not in cohort_analytics.CSV_PARTS:
            raise NotFound(_("Dit deel van de analyse bestaat niet."))
        cohort = _cohort(request, cohort_id)
        version = _case_version(request, cohort)
        text = cohort_analytics.analytics_csv(cohort, version, part)
        return csv_response(text, f"analyse-{slugify(cohort.name)}-{version.pk}-{part}.csv")
