"""The calibration API under /api/v1/assessment/calibration/ (issue #15, items 2 and 7).

An assessor lists the published sets, reads a set (an item's agreed grade only once they rated
it), rates an item and reads their own results; the exam board (`assessment.exam_board`) also
sees unpublished sets, creates and publishes sets and reads every result of a period. A set,
item or period the caller may not see answers 404; an action their role may not take 403.
Errors are `{"errors": [{"path", "message"}]}` with field paths.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schadeplatform.api_errors import error_data
from schadeplatform.api_schema import API_ERRORS

from . import calibration, calibration_sets
from .apis import error_response
from .exam_board import is_exam_board
from .models import CalibrationItem, CalibrationResult, CalibrationSet
from .rubric import AREAS


def _forbidden(message: str) -> Response:
    return Response(error_data(message), status=status.HTTP_403_FORBIDDEN)


def _calibration_user(request: Request) -> bool:
    return request.user.is_assessor or is_exam_board(request.user)


class CalibrationResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    assessor = serializers.CharField(source="assessor.username")
    calibration_set = serializers.IntegerField(source="calibration_set_id")
    period = serializers.CharField(source="period.name")
    items = serializers.IntegerField()
    icc = serializers.FloatField(
        allow_null=True, help_text="ICC(A,1) op de scores; null: niet gedefinieerd (zie details)."
    )
    kappa_quadratic = serializers.FloatField(
        allow_null=True, help_text="Kwadratisch gewogen kappa op de rubricniveaus; null: idem."
    )
    calibrated = serializers.BooleanField()
    details = serializers.DictField(
        help_text="icc_form, icc_ci95, icc_reason, kappa_reason, drempels, per item de scores."
    )
    computed_at = serializers.DateTimeField()


class CalibrationSetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    published = serializers.BooleanField()
    items = serializers.SerializerMethodField()

    def get_items(self, calibration_set: CalibrationSet) -> int:
        return len(calibration_set.items.all())


def _item_data(item: CalibrationItem, rating, show_agreed: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.pk,
        "position": item.position,
        "case": item.attempt.case_version.case.title,
        "rated": rating is not None,
        "rating": None,
        "agreed_score": None,
        "agreed_rubric": None,
    }
    if rating is not None:
        data["rating"] = {
            "score": str(rating.score),
            "rubric": rating.rubric,
            "comment": rating.comment,
        }
    if show_agreed or rating is not None:
        data["agreed_score"] = str(item.agreed_score)
        data["agreed_rubric"] = item.agreed_rubric
    return data


class CalibrationSetListApi(APIView):
    """The calibration sets the caller may see: published ones for an assessor, all for the
    exam board."""

    @extend_schema(
        operation_id="assessment_calibration_sets",
        summary="Kalibratiesets",
        responses={200: CalibrationSetSerializer(many=True), 404: API_ERRORS},
    )
    def get(self, request: Request) -> Response:
        if not _calibration_user(request):
            raise NotFound(_("Niet gevonden."))
        sets = calibration.sets_visible_to(request.user).prefetch_related("items")
        return Response(CalibrationSetSerializer(sets, many=True).data)


class CalibrationSetDetailApi(APIView):
    """A set with its items, the caller's own ratings in the current period and their result;
    an item's agreed grade once the caller rated it (the exam board always)."""

    @extend_schema_serializer(component_name="CalibrationSetDetail")
    class OutputSerializer(CalibrationSetSerializer):
        period = serializers.CharField(allow_null=True)
        entries = serializers.ListField(child=serializers.DictField())
        result = CalibrationResultSerializer(allow_null=True)

    @extend_schema(
        operation_id="assessment_calibration_set_detail",
        summary="Een kalibratieset",
        responses={200: OutputSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        found = calibration.set_for(request.user, pk)
        if found is None:
            raise NotFound(_("Deze set bestaat niet."))
        period = calibration.current_period()
        ratings = calibration.own_ratings(request.user, found, period)
        board = is_exam_board(request.user)
        items = found.items.select_related("attempt__case_version__case")
        result = None
        if period is not None:
            result = (
                CalibrationResult.objects.filter(
                    assessor=request.user, calibration_set=found, period=period
                )
                .select_related("assessor", "period")
                .first()
            )
        data = dict(CalibrationSetSerializer(found).data)
        data["period"] = period.name if period else None
        data["entries"] = [_item_data(item, ratings.get(item.pk), board) for item in items]
        data["result"] = CalibrationResultSerializer(result).data if result else None
        return Response(data)


class CalibrationRateApi(APIView):
    """Rate one item in the current period: a score 0–100 (one decimal) and a level 1–4 for
    every rubric area. A rating stands once given; the last item of a set computes the
    result."""

    @extend_schema_serializer(component_name="CalibrationRatingInput")
    class InputSerializer(serializers.Serializer):
        score = serializers.CharField(max_length=10, help_text="0–100, hoogstens één decimaal.")
        rubric = serializers.DictField(
            child=serializers.JSONField(),
            help_text="Competentiegebied → niveau 1–4: " + ", ".join(area.slug for area in AREAS),
        )
        comment = serializers.CharField(max_length=4000, allow_blank=True, required=False)

    @extend_schema_serializer(component_name="CalibrationRatingOutput")
    class OutputSerializer(serializers.Serializer):
        item = serializers.IntegerField()
        score = serializers.CharField()
        rubric = serializers.DictField(child=serializers.IntegerField())
        agreed_score = serializers.CharField()
        agreed_rubric = serializers.DictField(child=serializers.IntegerField())
        result = CalibrationResultSerializer(allow_null=True)

    @extend_schema(
        operation_id="assessment_calibration_rate",
        summary="Een kalibratiepoging beoordelen",
        request=InputSerializer,
        responses={
            201: OutputSerializer,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        item = calibration.item_for(request.user, pk)
        if item is None:
            raise NotFound(_("Dit item bestaat niet."))
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        try:
            rating = calibration.rating_give(
                item=item,
                by=request.user,
                score=values["score"],
                rubric=values["rubric"],
                comment=values.get("comment", ""),
            )
        except calibration.CalibrationError as exc:
            return error_response(exc)
        result = (
            CalibrationResult.objects.filter(
                assessor=request.user, calibration_set=item.calibration_set, period=rating.period
            )
            .select_related("assessor", "period")
            .first()
        )
        return Response(
            {
                "item": item.pk,
                "score": str(rating.score),
                "rubric": rating.rubric,
                "agreed_score": str(item.agreed_score),
                "agreed_rubric": item.agreed_rubric,
                "result": CalibrationResultSerializer(result).data if result else None,
            },
            status=status.HTTP_201_CREATED,
        )


class OwnCalibrationResultsApi(APIView):
    """The caller's own calibration results, every period (never another assessor's)."""

    @extend_schema(
        operation_id="assessment_calibration_results_own",
        summary="Mijn kalibratieresultaten",
        responses={200: CalibrationResultSerializer(many=True), 404: API_ERRORS},
    )
    def get(self, request: Request) -> Response:
        if not _calibration_user(request):
            raise NotFound(_("Niet gevonden."))
        results = calibration.own_results(request.user).select_related("assessor")
        return Response(CalibrationResultSerializer(results, many=True).data)


class PeriodCalibrationResultsApi(APIView):
    """Every assessor's calibration results in a period (the exam board only)."""

    @extend_schema(
        operation_id="assessment_calibration_results_period",
        summary="Alle kalibratieresultaten van een examenperiode",
        responses={200: CalibrationResultSerializer(many=True), 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        period = calibration.period_for(request.user, pk)
        if period is None:
            raise NotFound(_("Deze periode bestaat niet."))
        results = calibration.period_results(request.user, period).select_related("period")
        return Response(CalibrationResultSerializer(results, many=True).data)


class CalibrationSetCreateApi(APIView):
    """A new, unpublished set of submitted attempts with their agreed grades (the exam
    board)."""

    @extend_schema_serializer(component_name="CalibrationSetInput")
    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=200, allow_blank=True)
        description = serializers.CharField(allow_blank=True, required=False)
        items = serializers.ListField(
            child=serializers.DictField(),
            max_length=100,
            help_text="Per poging: attempt (id), agreed_score (0–100), agreed_rubric "
            "(competentiegebied → niveau 1–4).",
        )

    @extend_schema(
        operation_id="assessment_calibration_set_create",
        summary="Kalibratieset aanmaken",
        request=InputSerializer,
        responses={201: CalibrationSetSerializer, 400: API_ERRORS, 403: API_ERRORS},
    )
    def post(self, request: Request) -> Response:
        if not is_exam_board(request.user):
            return _forbidden(_("Alleen voor de examencommissie."))
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        items = []
        for entry in values["items"]:
            attempt = entry.get("attempt")
            valid_id = isinstance(attempt, int) and not isinstance(attempt, bool)
            items.append(
                calibration.ItemInput(
                    attempt if valid_id else 0,
                    entry.get("agreed_score"),
                    entry.get("agreed_rubric"),
                )
            )
        try:
            created = calibration_sets.calibration_set_create(
                by=request.user,
                title=values["title"],
                description=values.get("description", ""),
                items=items,
            )
        except calibration.CalibrationError as exc:
            return error_response(exc)
        created = CalibrationSet.objects.prefetch_related("items").get(pk=created.pk)
        return Response(CalibrationSetSerializer(created).data, status=status.HTTP_201_CREATED)


class CalibrationSetPublishApi(APIView):
    """Publish a set to the assessors (the exam board)."""

    @extend_schema(
        operation_id="assessment_calibration_set_publish",
        summary="Kalibratieset publiceren",
        request=None,
        responses={
            200: CalibrationSetSerializer,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        found = calibration.set_for(request.user, pk)
        if found is None:
            raise NotFound(_("Deze set bestaat niet."))
        if not is_exam_board(request.user):
            return _forbidden(_("Alleen voor de examencommissie."))
        try:
            calibration.calibration_set_publish(calibration_set=found, by=request.user)
        except calibration.CalibrationError as exc:
            return error_response(exc)
        return Response(CalibrationSetSerializer(found).data)
