"""The workshop day's API: list and read days (never the reference), submit a plan, read its
verdict. One class per operation; errors in the API's one shape `{"errors": [{"path",
"message"}]}`, paths naming the body's fields (`dossiers[2].told_day`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schadeplatform.api_schema import API_ERRORS

from ..models import WorkshopDay, WorkshopDayAnswer
from . import selectors, services
from .forms import NOTE_MAX
from .scoring import (
    COLLEAGUE_CHOICES,
    DEPARTMENTS,
    LATER,
    DossierPlan,
    Plan,
    told_day_problem,
)


def _day(request: Request, pk: int) -> WorkshopDay:
    try:
        return selectors.day_for(request.user, pk)
    except WorkshopDay.DoesNotExist:
        raise NotFound(_("Deze werkplaatsdag bestaat niet.")) from None


class DaySummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    slug = serializers.CharField()
    title = serializers.CharField()


def _day_field(*, latest: int) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=0,
        max_value=latest,
        allow_null=True,
        required=False,
        help_text="0 = maandag … 4 = vrijdag; leeg = niet deze week.",
    )


class PlanInputSerializer(serializers.Serializer):
    class DossierSerializer(serializers.Serializer):
        class StartSerializer(serializers.Serializer):
            plaatwerk = _day_field(latest=LATER - 1)
            spuiterij = _day_field(latest=LATER - 1)
            montage = _day_field(latest=LATER - 1)

        key = serializers.CharField()
        start = StartSerializer(required=False)
        replacement_car = serializers.BooleanField(required=False, default=False)
        ask_insurer = serializers.BooleanField(required=False, default=False)
        call_customer = serializers.BooleanField(required=False, default=False)
        told_day = _day_field(latest=LATER)
        note = serializers.CharField(
            required=False, allow_blank=True, max_length=NOTE_MAX, default=""
        )

        def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
            problem = told_day_problem(attrs["call_customer"], attrs.get("told_day"))
            if problem:
                raise serializers.ValidationError({"told_day": [_(problem)]})
            return attrs

    dossiers = DossierSerializer(many=True)
    colleague = serializers.ChoiceField(choices=[code for code, _label in COLLEAGUE_CHOICES])

    def validate_dossiers(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        known = set(self.context["keys"])
        seen: set[str] = set()
        errors: list[Any] = []
        for row in rows:
            if row["key"] not in known:
                errors.append({"key": [_("Onbekend dossier.")]})
            elif row["key"] in seen:
                errors.append({"key": [_("Dit dossier staat er twee keer in.")]})
            else:
                errors.append({})
            seen.add(row["key"])
        if any(errors):
            raise serializers.ValidationError(errors)
        return rows

    def plan(self) -> Plan:
        data = self.validated_data
        return Plan(
            dossiers={
                row["key"]: DossierPlan(
                    start={dep: row.get("start", {}).get(dep) for dep in DEPARTMENTS},
                    replacement_car=row["replacement_car"],
                    ask_insurer=row["ask_insurer"],
                    call_customer=row["call_customer"],
                    told_day=row.get("told_day"),
                    note=row["note"].strip(),
                )
                for row in data["dossiers"]
            },
            colleague=data["colleague"],
        )


FeedbackSerializer = inline_serializer(
    name="WorkshopDayFeedback",
    fields={
        "id": serializers.IntegerField(),
        "day": serializers.IntegerField(),
        "submitted_at": serializers.DateTimeField(),
        "score": serializers.IntegerField(),
        "passed": serializers.BooleanField(),
        "plan": serializers.DictField(),
        "result": serializers.DictField(),
    },
)


def _feedback(answer: WorkshopDayAnswer) -> dict[str, Any]:
    return {
        "id": answer.pk,
        "day": answer.day_id,
        "submitted_at": answer.submitted_at,
        "score": answer.score,
        "passed": answer.passed,
        "plan": answer.plan,
        "result": answer.result,
    }


class WorkshopDayListApi(APIView):
    @extend_schema(
        operation_id="workshop_day_list",
        summary="Werkplaatsdagen om te plannen",
        responses={200: DaySummarySerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        days = selectors.days_open_to(request.user)
        return Response(DaySummarySerializer(days, many=True).data)


class WorkshopDayDetailApi(APIView):
    @extend_schema(
        operation_id="workshop_day_detail",
        summary="Een werkplaatsdag: rooster, berichten en dossiers (zonder referentie)",
        responses={
            200: inline_serializer(
                name="WorkshopDayTask",
                fields={
                    "day": DaySummarySerializer(),
                    "briefing": serializers.CharField(),
                    "task": serializers.DictField(),
                },
            ),
            404: API_ERRORS,
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        day = _day(request, pk)
        task = selectors.task_of(day)
        task = {**task, "day_names": list(task["day_names"])}
        return Response(
            {"day": DaySummarySerializer(day).data, "briefing": day.briefing, "task": task}
        )


class WorkshopDaySubmitApi(APIView):
    @extend_schema(
        operation_id="workshop_day_submit",
        summary="Planning inleveren: oordeel per eis, score en de referentie",
        request=PlanInputSerializer,
        responses={201: FeedbackSerializer, 400: API_ERRORS, 404: API_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        day = _day(request, pk)
        if not getattr(request.user, "is_trainee", False):
            raise NotFound(_("Deze werkplaatsdag bestaat niet."))
        keys = [d["key"] for d in day.setup["dossiers"]]
        serializer = PlanInputSerializer(data=request.data, context={"keys": keys})
        serializer.is_valid(raise_exception=True)
        answer = services.workshop_day_submit(day=day, trainee=request.user, plan=serializer.plan())
        return Response(_feedback(answer), status=status.HTTP_201_CREATED)


class WorkshopDayFeedbackApi(APIView):
    @extend_schema(
        operation_id="workshop_day_feedback",
        summary="Uitslag van een ingeleverde planning (alleen uw eigen)",
        responses={200: FeedbackSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        try:
            answer = selectors.answer_for(request.user, pk)
        except WorkshopDayAnswer.DoesNotExist:
            raise NotFound(_("Deze uitslag bestaat niet.")) from None
        return Response(_feedback(answer))
