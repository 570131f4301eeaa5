"""The exam-form API under /api/v1/assessment/exam-forms/ (issue #15, item 7): forms with
their coverage and item analysis, blueprints (the exam board), a judge's Angoff estimates,
closing a study and adopting its cut score (the exam board).

The same rules as the pages (`assessment.exam_forms`): a form the user may not see answers
404; an action on a visible object the user may not take answers 403. Errors are
`{"errors": [{"path", "message"}]}`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schadeplatform.api_schema import API_ERRORS

from . import exam_forms
from .apis import error_response
from .exam_form_presenters import study_summary
from .models import AngoffStudy, Blueprint, ExamForm


def _form_for(request: Request, pk: int) -> ExamForm:
    found = None if request.user.is_trainee else exam_forms.form_for(request.user, pk)
    if found is None:
        raise NotFound(_("Deze examenvorm bestaat niet."))
    return found


def _study_for(request: Request, pk: int) -> AngoffStudy:
    found = None if request.user.is_trainee else exam_forms.study_for(request.user, pk)
    if found is None:
        raise NotFound(_("Deze Angoff-sessie bestaat niet."))
    return found


def _board_or_404(request: Request) -> None:
    if not exam_forms.may_manage(request.user):
        raise NotFound(_("Niet gevonden."))


class ExamFormSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cohort = serializers.CharField(source="cohort.name")
    case = serializers.CharField(source="case_version.case.title")
    case_version = serializers.IntegerField(source="case_version.number")
    blueprint = serializers.CharField(source="blueprint.title", allow_null=True, default=None)
    cut_score = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    cut_score_adopted_at = serializers.DateTimeField(allow_null=True)


def form_detail_data(form: ExamForm) -> dict[str, Any]:
    items = exam_forms.form_items(form)
    found = exam_forms.form_coverage(form, items)
    analysed = exam_forms.form_item_analysis(form)
    return {
        **ExamFormSummarySerializer(form).data,
        "items": [{"key": item.key, "label": item.label, "kind": item.kind} for item in items],
        "coverage": found.coverage.to_json() if found.coverage else None,
        "coverage_errors": list(found.errors),
        "graded": analysed.graded,
        "item_analysis": analysed.analysis.to_json() if analysed.analysis else None,
        "item_analysis_errors": list(analysed.errors),
    }


class ExamFormListApi(APIView):
    """The exam forms the user sees: the exam board all, an assessor those of their cohorts."""

    @extend_schema(
        operation_id="assessment_exam_forms",
        summary="Examenvormen",
        responses={200: ExamFormSummarySerializer(many=True), 404: API_ERRORS},
    )
    def get(self, request: Request) -> Response:
        if not exam_forms.may_read_forms(request.user):
            raise NotFound(_("Niet gevonden."))
        forms = exam_forms.forms_visible_to(request.user).order_by("cohort__name", "pk")
        return Response(ExamFormSummarySerializer(forms, many=True).data)


class ExamFormDetailApi(APIView):
    """A form with its items, blueprint coverage and item analysis (with Cronbach's alpha)."""

    @extend_schema(
        operation_id="assessment_exam_form",
        summary="Examenvorm met dekking en itemanalyse",
        responses={200: OpenApiTypes.OBJECT, 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(form_detail_data(_form_for(request, pk)))


@extend_schema_serializer(component_name="Blueprint")
class BlueprintSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(max_length=200, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    published = serializers.BooleanField(required=False, default=False)
    weights = serializers.JSONField(
        help_text="Per dimensie (work_processes, knowledge, competence_areas) sleutel → gewicht."
    )


class BlueprintListApi(APIView):
    """The blueprints (the exam board): list and create."""

    @extend_schema(
        operation_id="assessment_blueprints",
        summary="Toetsmatrijzen",
        responses={200: BlueprintSerializer(many=True), 404: API_ERRORS},
    )
    def get(self, request: Request) -> Response:
        _board_or_404(request)
        return Response(
            BlueprintSerializer(exam_forms.blueprints_for(request.user), many=True).data
        )

    @extend_schema(
        operation_id="assessment_blueprint_create",
        summary="Toetsmatrijs aanmaken",
        request=BlueprintSerializer,
        responses={201: BlueprintSerializer, 400: API_ERRORS, 404: API_ERRORS},
    )
    def post(self, request: Request) -> Response:
        _board_or_404(request)
        serializer = BlueprintSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            blueprint = exam_forms.blueprint_save(by=request.user, **serializer.validated_data)
        except exam_forms.ExamFormError as exc:
            return error_response(exc)
        return Response(BlueprintSerializer(blueprint).data, status=status.HTTP_201_CREATED)


class BlueprintDetailApi(APIView):
    """One blueprint (the exam board): read, change, delete (only while no form uses it)."""

    def _blueprint(self, request: Request, pk: int) -> Blueprint:
        _board_or_404(request)
        found = exam_forms.blueprint_for(request.user, pk)
        if found is None:
            raise NotFound(_("Deze toetsmatrijs bestaat niet."))
        return found

    @extend_schema(
        operation_id="assessment_blueprint",
        summary="Toetsmatrijs",
        responses={200: BlueprintSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(BlueprintSerializer(self._blueprint(request, pk)).data)

    @extend_schema(
        operation_id="assessment_blueprint_update",
        summary="Toetsmatrijs wijzigen",
        request=BlueprintSerializer,
        responses={200: BlueprintSerializer, 400: API_ERRORS, 404: API_ERRORS},
    )
    def put(self, request: Request, pk: int) -> Response:
        blueprint = self._blueprint(request, pk)
        serializer = BlueprintSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            blueprint = exam_forms.blueprint_save(
                by=request.user, blueprint=blueprint, **serializer.validated_data
            )
        except exam_forms.ExamFormError as exc:
            return error_response(exc)
        return Response(BlueprintSerializer(blueprint).data)

    @extend_schema(
        operation_id="assessment_blueprint_delete",
        summary="Toetsmatrijs verwijderen",
        responses={204: None, 400: API_ERRORS, 404: API_ERRORS},
    )
    def delete(self, request: Request, pk: int) -> Response:
        blueprint = self._blueprint(request, pk)
        try:
            exam_forms.blueprint_delete(blueprint=blueprint, by=request.user)
        except exam_forms.ExamFormError as exc:
            return error_response(exc)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AngoffStudyDetailApi(APIView):
    """A study (the exam board, or one of its judges): status, result, the user's estimates."""

    @extend_schema(
        operation_id="assessment_angoff_study",
        summary="Angoff-sessie",
        responses={200: OpenApiTypes.OBJECT, 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        study = _study_for(request, pk)
        return Response(_study_data(study, request))


def _study_data(study: AngoffStudy, request: Request) -> dict[str, Any]:
    summary = study_summary(study)
    return {
        "id": study.pk,
        "form": study.form_id,
        "status": study.status,
        "judges": list(study.judges.order_by("username").values_list("username", flat=True)),
        "result": study.result or None,
        "cut_score_percent": summary["cut_score_percent"],
        "own_judgements": {
            key: str(value) for key, value in exam_forms.judgements_of(study, request.user).items()
        },
    }


class AngoffJudgementsApi(APIView):
    """A judge's estimates for the items (item key → probability 0..1; a blank leaves one out)."""

    @extend_schema_serializer(component_name="AngoffJudgementsInput")
    class InputSerializer(serializers.Serializer):
        probabilities = serializers.DictField(child=serializers.CharField(allow_blank=True))

    @extend_schema(
        operation_id="assessment_angoff_judgements",
        summary="Angoff-schattingen van een beoordelaar",
        request=InputSerializer,
        responses={
            200: OpenApiTypes.OBJECT,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def put(self, request: Request, pk: int) -> Response:
        study = _study_for(request, pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            exam_forms.angoff_judgements_save(
                study=study,
                judge=request.user,
                probabilities=serializer.validated_data["probabilities"],
            )
        except exam_forms.ExamFormError as exc:
            return error_response(exc)
        return Response(_study_data(study, request))


class AngoffStudyCloseApi(APIView):
    """Close a study and compute its cut score (the exam board)."""

    @extend_schema(
        operation_id="assessment_angoff_close",
        summary="Angoff-sessie sluiten",
        request=None,
        responses={
            200: OpenApiTypes.OBJECT,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        study = _study_for(request, pk)
        try:
            study = exam_forms.angoff_study_close(study=study, by=request.user)
        except exam_forms.ExamFormError as exc:
            return error_response(exc)
        return Response(_study_data(study, request))


class CutScoreAdoptApi(APIView):
    """Adopt a closed study's cut score on its form (the exam board)."""

    @extend_schema(
        operation_id="assessment_angoff_adopt",
        summary="Cesuur vaststellen",
        request=None,
        responses={
            200: ExamFormSummarySerializer,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        study = _study_for(request, pk)
        try:
            form = exam_forms.cut_score_adopt(study=study, by=request.user)
        except exam_forms.ExamFormError as exc:
            return error_response(exc)
        return Response(ExamFormSummarySerializer(form).data)
