"""The calculation review's API: list and read exercises (never the key), save and submit a
review, read its feedback after submitting. One class per operation; errors in the API's one
shape `{"errors": [{"path", "message"}]}`, paths naming the body's fields (`lines[2].kind`)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schadeplatform.api_schema import API_ERRORS

from ..models import CalcReviewAnswer, CalcReviewExercise
from . import selectors, services
from .answers import MAX_CORRECTION, ROW_KINDS, stored
from .error_kinds import OMISSION_KINDS
from .scoring import RIGHT, WRONG, LineVerdict, MissingEntry


def _exercise(request: Request, pk: int) -> CalcReviewExercise:
    try:
        return selectors.exercise_for(request.user, pk)
    except CalcReviewExercise.DoesNotExist:
        raise NotFound(_("Deze rekencontrole bestaat niet.")) from None


class ExerciseSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    slug = serializers.CharField()
    title = serializers.CharField()
    case = serializers.CharField(source="case_version.case.slug")
    case_title = serializers.CharField(source="case_version.case.title")


class ReviewInputSerializer(serializers.Serializer):
    class LineSerializer(serializers.Serializer):
        line = serializers.CharField(help_text="Regelnummer, of 'tarieven' voor de tarieven.")
        verdict = serializers.ChoiceField(choices=[RIGHT, WRONG], required=False, allow_blank=True)
        kind = serializers.ChoiceField(choices=list(ROW_KINDS), required=False, allow_blank=True)
        correction = serializers.CharField(
            required=False, allow_blank=True, max_length=MAX_CORRECTION
        )

    class MissingSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=list(OMISSION_KINDS))
        correction = serializers.CharField(
            required=False, allow_blank=True, max_length=MAX_CORRECTION
        )

    lines = LineSerializer(many=True, required=False)
    missing = MissingSerializer(many=True, required=False)

    def review(self) -> tuple[dict[str, LineVerdict], list[MissingEntry]]:
        data = self.validated_data
        verdicts = {
            row["line"]: LineVerdict(
                row.get("verdict", ""), row.get("kind", ""), row.get("correction", "").strip()
            )
            for row in data.get("lines", [])
        }
        missing = [
            MissingEntry(row["kind"], row.get("correction", "").strip())
            for row in data.get("missing", [])
        ]
        return verdicts, missing


def _invalid(invalid: services.ReviewInvalid, body: Any) -> Response:
    lines = [str(row.get("line")) for row in (body.get("lines") or []) if isinstance(row, dict)]
    errors = []
    for where, which, field, message in invalid.errors:
        if where == "line" and str(which) in lines:
            path = f"lines[{lines.index(str(which))}].{field}"
        elif where == "line":
            path = "lines"
            message = _("Regel %(line)s: %(message)s") % {"line": which, "message": _(message)}
        else:
            path = f"missing[{which}].{field}"
        errors.append({"path": path, "message": _(message)})
    return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)


def _photos(exercise: CalcReviewExercise) -> list[dict[str, Any]]:
    return [
        {
            "id": photo.pk,
            "caption": photo.caption,
            "url": reverse(
                "cases:calc-review-photo", kwargs={"pk": exercise.pk, "photo_id": photo.pk}
            ),
        }
        for photo in selectors.photos(exercise)
    ]


class CalcReviewListApi(APIView):
    @extend_schema(
        operation_id="calc_review_list",
        summary="Rekencontroles (calculaties met fouten om na te kijken)",
        responses={200: ExerciseSummarySerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        exercises = selectors.exercises_open_to(request.user)
        return Response(ExerciseSummarySerializer(exercises, many=True).data)


class CalcReviewDetailApi(APIView):
    @extend_schema_serializer(component_name="CalcReviewDetail")
    class OutputSerializer(ExerciseSummarySerializer):
        instructions = serializers.CharField()

    @extend_schema(
        operation_id="calc_review_detail",
        summary="Een rekencontrole: casus, foto's en de calculatie (zonder antwoordsleutel)",
        responses={
            200: inline_serializer(
                name="CalcReviewTask",
                fields={
                    "exercise": OutputSerializer(),
                    "brief": serializers.DictField(),
                    "photos": serializers.ListField(child=serializers.DictField()),
                    "rows": serializers.ListField(child=serializers.DictField()),
                    "totals": serializers.DictField(),
                    "saved": serializers.DictField(),
                },
            ),
            404: API_ERRORS,
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        exercise = _exercise(request, pk)
        verdicts, missing = selectors.typed(request.user, exercise)
        return Response(
            {
                "exercise": self.OutputSerializer(exercise).data,
                "brief": selectors.brief(exercise),
                "photos": _photos(exercise),
                "rows": selectors.rows(exercise),
                "totals": selectors.totals(exercise),
                "saved": stored(verdicts, missing),
            }
        )


def _write(request: Request, pk: int, *, submit: bool) -> Any:
    exercise = _exercise(request, pk)
    serializer = ReviewInputSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    verdicts, missing = serializer.review()
    service = services.calc_review_submit if submit else services.calc_review_save
    try:
        return service(exercise=exercise, trainee=request.user, verdicts=verdicts, missing=missing)
    except services.NotATrainee:
        raise NotFound(_("Deze rekencontrole bestaat niet.")) from None
    except services.ReviewInvalid as invalid:
        return _invalid(invalid, request.data)


class CalcReviewSaveApi(APIView):
    @extend_schema(
        operation_id="calc_review_save",
        summary="Rekencontrole opslaan (nog niet inleveren)",
        request=ReviewInputSerializer,
        responses={
            200: inline_serializer(
                name="CalcReviewSaved", fields={"saved": serializers.DictField()}
            ),
            400: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def put(self, request: Request, pk: int) -> Response:
        answer = _write(request, pk, submit=False)
        if isinstance(answer, Response):
            return answer
        return Response({"saved": answer.answers})


def _feedback(answer: CalcReviewAnswer) -> dict[str, Any]:
    lessons = selectors.lessons_by_kind(answer)
    return {
        "id": answer.pk,
        "exercise": answer.exercise_id,
        "submitted_at": answer.submitted_at,
        "score": str(answer.score),
        "result": answer.result,
        "lessons": {
            kind: [{"title": lesson.title, "url": lesson.url} for lesson in found]
            for kind, found in lessons.items()
        },
    }


FeedbackSerializer = inline_serializer(
    name="CalcReviewFeedback",
    fields={
        "id": serializers.IntegerField(),
        "exercise": serializers.IntegerField(),
        "submitted_at": serializers.DateTimeField(),
        "score": serializers.DecimalField(max_digits=4, decimal_places=1),
        "result": serializers.DictField(),
        "lessons": serializers.DictField(),
    },
)


class CalcReviewSubmitApi(APIView):
    @extend_schema(
        operation_id="calc_review_submit",
        summary="Rekencontrole inleveren: score en uitleg per regel",
        request=ReviewInputSerializer,
        responses={201: FeedbackSerializer, 400: API_ERRORS, 404: API_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        answer = _write(request, pk, submit=True)
        if isinstance(answer, Response):
            return answer
        return Response(_feedback(answer), status=status.HTTP_201_CREATED)


class CalcReviewFeedbackApi(APIView):
    @extend_schema(
        operation_id="calc_review_feedback",
        summary="Uitslag van een ingeleverde rekencontrole (alleen uw eigen)",
        responses={200: FeedbackSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        try:
            answer = selectors.answer_for(request.user, pk)
        except CalcReviewAnswer.DoesNotExist:
            raise NotFound(_("Deze uitslag bestaat niet.")) from None
        return Response(_feedback(answer))
