"""The assessment API under /api/v1/assessment/: the queue (submissions), grades (start,
detail, autosave, overrides, sign-off, correction, re-score), results, reports and progress.

One class per operation. Objects the user may not know exist answer 404; actions the user
may not take on an object they can see answer 403. Errors are `{"errors": [{"path",
"message"}]}`; a stale autosave answers 409 with the stored grade and what was sent.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from schadeplatform import private_files
from schadeplatform.accounts.models import User
from schadeplatform.api_schema import API_ERRORS

from . import exports, override_preview, selectors, services
from .errors import Refused
from .marking import STEP_MOVES, grades_release
from .models import Grade, LineVerdict, Report, ReportKind, ReportStatus
from .rubric import AREAS, REMARK_MAX_LENGTH


def error_response(exc: Refused) -> Response:
    """The API's answer to a refused action of the assessment app (`assessment.errors`): its
    errors, with its status (400, 403 for `Forbidden`, 429 for `services.RateLimited`)."""
    return Response({"errors": exc.errors}, status=exc.http_status)


def _grade_for(request: Request, pk: int) -> Grade:
    grade = selectors.grade_for_assessor(request.user, pk)
    if grade is None:
        raise NotFound(_("Deze beoordeling bestaat niet."))
    return grade


class GradeSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    role = serializers.CharField()
    version = serializers.IntegerField()
    status = serializers.CharField()
    assessor = serializers.CharField(source="assessor.username")
    score = serializers.DecimalField(max_digits=4, decimal_places=1)
    passed = serializers.BooleanField()
    signed_at = serializers.DateTimeField(allow_null=True)
    spec = serializers.CharField(help_text="De beoordelingsspecificatie van de machinescore.")
    marking_state = serializers.CharField(
        help_text="Fase in de beoordelingsworkflow (assessment.models.MarkingState)."
    )
    released_at = serializers.DateTimeField(allow_null=True)


class OverrideSerializer(serializers.Serializer):
    line_key = serializers.CharField()
    original_verdict = serializers.CharField()
    new_verdict = serializers.CharField()
    credit = serializers.DecimalField(
        max_digits=5, decimal_places=4, allow_null=True, help_text="Eigen krediet 0–1, of leeg."
    )
    reason = serializers.CharField()
    by = serializers.CharField(source="by.username")
    at = serializers.DateTimeField()


class GradeDetailSerializer(GradeSummarySerializer):
    attempt = serializers.IntegerField(source="attempt_id")
    revision = serializers.IntegerField()
    rubric = serializers.DictField(child=serializers.IntegerField())
    rubric_remarks = serializers.DictField(child=serializers.CharField())
    comment = serializers.CharField()
    correction_reason = serializers.CharField()
    supersedes = serializers.IntegerField(source="supersedes_id", allow_null=True)
    machine_result = serializers.DictField()
    workflow_checks = serializers.ListField(child=serializers.DictField())
    effective = serializers.SerializerMethodField()
    overrides = serializers.SerializerMethodField()

    def get_effective(self, grade: Grade) -> dict[str, Any]:
        return selectors.effective_result(grade)

    def get_overrides(self, grade: Grade) -> list[dict[str, Any]]:
        return OverrideSerializer(selectors.overrides_history(grade), many=True).data


class AssessmentQueueApi(APIView):
    """The assessor's submissions: attempts of their own cohorts and their grading state."""

    @extend_schema_serializer(component_name="AssessmentQueueRow")
    class OutputSerializer(serializers.Serializer):
        attempt = serializers.IntegerField(source="attempt.pk")
        trainee = serializers.CharField(
            source="trainee_username",
            help_text="Gebruikersnaam van de cursist; in examenmodus tot de vrijgave de "
            "kandidaatcode.",
        )
        case = serializers.CharField(source="attempt.case_title")
        cohort = serializers.CharField(source="attempt.cohort.name", allow_null=True)
        submitted_at = serializers.DateTimeField(source="attempt.submitted_at")
        exam = serializers.BooleanField()
        state = serializers.CharField()
        marking_state = serializers.CharField()
        correction_open = serializers.BooleanField()
        can_start = serializers.BooleanField()
        my_grade = serializers.IntegerField(source="my_grade.pk", allow_null=True)
        releasable_grade = serializers.IntegerField(source="releasable.pk", allow_null=True)
        allocated_to = serializers.CharField(source="allocated_to.username", allow_null=True)

    @extend_schema(
        operation_id="assessment_queue",
        summary="Wachtrij van ingeleverde pogingen (eigen groepen)",
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        rows = selectors.assessment_queue(request.user)
        # OutputSerializer's shape (the schema says so), made directly: its fields per row were
        # a fifth of the API's CPU on an exam queue (issue #17); a test holds the two equal.
        return Response([queue_row_data(row) for row in rows])


_SUBMITTED_AT = serializers.DateTimeField()


def queue_row_data(row: selectors.QueueRow) -> dict:
    """One row of `AssessmentQueueApi` as its OutputSerializer gives it."""
    attempt = row.attempt
    return {
        "attempt": attempt.pk,
        "trainee": row.trainee_username,
        "case": attempt.case_title,
        "cohort": attempt.cohort.name if attempt.cohort is not None else None,
        "submitted_at": _SUBMITTED_AT.to_representation(attempt.submitted_at),
        "exam": row.exam,
        "state": str(row.state),
        "marking_state": str(row.marking_state),
        "correction_open": row.correction_open,
        "can_start": row.can_start,
        "my_grade": row.my_grade.pk if row.my_grade is not None else None,
        "releasable_grade": row.releasable.pk if row.releasable is not None else None,
        "allocated_to": row.allocated_to.username if row.allocated_to is not None else None,
    }


class GradeStartApi(APIView):
    """Open (or create) the caller's grade of a submitted attempt."""

    @extend_schema(
        operation_id="assessment_grade_start",
        summary="Beoordeling starten of openen",
        request=None,
        responses={
            201: GradeDetailSerializer,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def post(self, request: Request, attempt_id: int) -> Response:
        attempt = selectors.attempt_for_assessor(request.user, attempt_id)
        if attempt is None:
            raise NotFound(_("Deze poging bestaat niet."))
        try:
            grade = services.grade_start(attempt=attempt, by=request.user)
        except services.AssessmentError as exc:
            return error_response(exc)
        return Response(GradeDetailSerializer(grade).data, status=status.HTTP_201_CREATED)


class GradeDetailApi(APIView):
    """GET a grade (blind rule in exam mode); PATCH autosaves its rubric and comment."""

    @extend_schema_serializer(component_name="GradeAutosaveInput")
    class UpdateInputSerializer(serializers.Serializer):
        revision = serializers.IntegerField(
            min_value=1, help_text="De revisie waarop de wijziging is gebaseerd."
        )
        rubric = serializers.DictField(
            child=serializers.IntegerField(allow_null=True),
            required=False,
            help_text="{gebied: 1–4}; gebieden: " + ", ".join(a.slug for a in AREAS),
        )
        comment = serializers.CharField(required=False, allow_blank=True, max_length=20000)
        remarks = serializers.DictField(
            child=serializers.CharField(allow_blank=True, max_length=REMARK_MAX_LENGTH),
            required=False,
            help_text="{gebied: opmerking bij het criterium}",
        )

    StaleSerializer = inline_serializer(
        name="GradeStale",
        fields={
            "errors": serializers.ListField(child=serializers.DictField()),
            "current": GradeDetailSerializer(),
            "submitted": serializers.DictField(),
        },
    )

    @extend_schema(
        operation_id="assessment_grade_detail",
        summary="Beoordeling lezen",
        responses={200: GradeDetailSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(GradeDetailSerializer(_grade_for(request, pk)).data)

    @extend_schema(
        operation_id="assessment_grade_autosave",
        summary="Beoordeling tussentijds opslaan (rubric, eindoordeel)",
        request=UpdateInputSerializer,
        responses={
            200: GradeDetailSerializer,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
            409: StaleSerializer,
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        grade = _grade_for(request, pk)
        serializer = self.UpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            grade = services.grade_autosave(
                grade=grade,
                by=request.user,
                revision=data["revision"],
                rubric=data.get("rubric"),
                comment=data.get("comment"),
                remarks=data.get("remarks"),
            )
        except services.StaleGrade as exc:
            return Response(
                {
                    "errors": exc.errors,
                    "current": GradeDetailSerializer(exc.current).data,
                    "submitted": exc.submitted,
                },
                status=status.HTTP_409_CONFLICT,
            )
        except services.AssessmentError as exc:
            return error_response(exc)
        return Response(GradeDetailSerializer(grade).data)


def _credit_field() -> serializers.CharField:
    # Taken as given (a JSON number or a decimal string) and checked by the service
    # (`services.validate_override`, path "credit"), the one owner of the credit rule.
    return serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        max_length=40,
        help_text="Krediet van de regel, 0–1 (0.75 = 75 %), alleen bij 'alternative' of "
        "'units_off'; leeg: het krediet van het oordeel.",
    )


class LineOverrideCreateApi(APIView):
    """Override one line's verdict with a reason (the machine's verdict is kept); `credit`
    sets the line's credit directly."""

    @extend_schema_serializer(component_name="LineOverrideInput")
    class InputSerializer(serializers.Serializer):
        line_key = serializers.CharField(
            max_length=80, help_text='Referentieregel-id of "extra:<regel-id>".'
        )
        new_verdict = serializers.ChoiceField(choices=LineVerdict.choices)
        credit = _credit_field()
        reason = serializers.CharField(max_length=4000, allow_blank=True)

    @extend_schema(
        operation_id="assessment_line_override_create",
        summary="Oordeel van een regel aanpassen",
        request=InputSerializer,
        responses={
            201: GradeDetailSerializer,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        grade = _grade_for(request, pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.line_override_create(
                grade=grade, by=request.user, **override_arguments(serializer.validated_data)
            )
        except services.AssessmentError as exc:
            return error_response(exc)
        grade.refresh_from_db()
        return Response(GradeDetailSerializer(grade).data, status=status.HTTP_201_CREATED)


def override_arguments(data: dict[str, Any]) -> dict[str, Any]:
    """The service's keyword arguments; `credit` only when one was given."""
    arguments = {key: data[key] for key in ("line_key", "new_verdict", "reason")}
    if data.get("credit") not in (None, ""):
        arguments["credit"] = data["credit"]
    return arguments


class OverridePreviewApi(APIView):
    """What an override would do to the line's points and the grade's score, before it is
    saved (nothing is stored). Only the grade's own assessor, on a draft."""

    @extend_schema_serializer(component_name="OverridePreviewInput")
    class InputSerializer(serializers.Serializer):
        line_key = serializers.CharField(
            max_length=80, help_text='Referentieregel-id of "extra:<regel-id>".'
        )
        new_verdict = serializers.ChoiceField(choices=LineVerdict.choices)
        credit = _credit_field()

    @extend_schema_serializer(component_name="OverridePreview")
    class OutputSerializer(serializers.Serializer):
        line_key = serializers.CharField()
        verdict = serializers.CharField()
        label = serializers.CharField()
        credit = serializers.CharField(allow_null=True, help_text="Krediet van de regel, 0–1.")
        points_lost = serializers.CharField(help_text="Punten die de regel kost (van de 100).")
        score = serializers.CharField(help_text="De score na deze aanpassing.")
        passed = serializers.BooleanField()
        components = serializers.DictField()
        critical_errors = serializers.ListField(child=serializers.DictField())

    @extend_schema(
        operation_id="assessment_override_preview",
        summary="Vooraf zien wat een aangepast oordeel doet (niets wordt opgeslagen)",
        request=InputSerializer,
        responses={200: OutputSerializer, 400: API_ERRORS, 404: API_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        grade = _grade_for(request, pk)
        if grade.assessor_id != request.user.pk:
            # Another assessor may read the grade, but this tool is for its own assessor only.
            raise NotFound(_("Deze beoordeling bestaat niet."))
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            effect = override_preview.preview(
                grade,
                line_key=data["line_key"],
                new_verdict=data["new_verdict"],
                credit=data.get("credit") or None,
            )
        except services.AssessmentError as exc:
            return error_response(exc)
        return Response(self.OutputSerializer(effect).data)


class GradeSignApi(APIView):
    """Sign the grade: it is final and can only be corrected as a new version."""

    @extend_schema(
        operation_id="assessment_grade_sign",
        summary="Beoordeling ondertekenen",
        request=None,
        responses={
            200: GradeDetailSerializer,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        grade = _grade_for(request, pk)
        try:
            grade = services.grade_sign(grade=grade, by=request.user)
        except services.AssessmentError as exc:
            return error_response(exc)
        grade.refresh_from_db()
        return Response(GradeDetailSerializer(grade).data)


class GradeMarkApi(APIView):
    """A marker's step in the marking workflow on their own draft (complete, review, reopen)."""

    @extend_schema_serializer(component_name="GradeMarkInput")
    class InputSerializer(serializers.Serializer):
        move = serializers.ChoiceField(choices=list(STEP_MOVES))

    @extend_schema(
        operation_id="assessment_grade_mark",
        summary="Stap in de beoordelingsworkflow",
        request=InputSerializer,
        responses={
            200: GradeDetailSerializer,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        grade = _grade_for(request, pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            grade = services.grade_mark(
                grade=grade, by=request.user, move=serializer.validated_data["move"]
            )
        except services.AssessmentError as exc:
            return error_response(exc)
        grade.refresh_from_db()
        return Response(GradeDetailSerializer(grade).data)


class GradeReleaseApi(APIView):
    """Release a signed final grade to the trainee (klaar voor vrijgave → vrijgegeven)."""

    @extend_schema(
        operation_id="assessment_grade_release",
        summary="Beoordeling vrijgeven aan de cursist",
        request=None,
        responses={200: GradeDetailSerializer, 400: API_ERRORS, 404: API_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        grade = _grade_for(request, pk)
        try:
            grade = services.grade_release(grade=grade, by=request.user)
        except services.AssessmentError as exc:
            return error_response(exc)
        grade.refresh_from_db()
        return Response(GradeDetailSerializer(grade).data)


class GradesBulkReleaseApi(APIView):
    """Release several grades in one request; each is checked on its own (released or refused
    with its reason, a grade the caller may not see as not found)."""

    @extend_schema_serializer(component_name="GradesBulkReleaseInput")
    class InputSerializer(serializers.Serializer):
        grades = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
            min_length=1,
            max_length=200,
        )

    @extend_schema_serializer(component_name="GradesBulkReleaseOutput")
    class OutputSerializer(serializers.Serializer):
        released = serializers.ListField(child=serializers.IntegerField())
        refused = serializers.ListField(
            child=inline_serializer(
                name="GradeReleaseRefusal",
                fields={"grade": serializers.IntegerField(), "message": serializers.CharField()},
            )
        )

    @extend_schema(
        operation_id="assessment_grades_release",
        summary="Meerdere beoordelingen tegelijk vrijgeven",
        request=InputSerializer,
        responses={200: OutputSerializer, 400: API_ERRORS, 403: API_ERRORS},
    )
    def post(self, request: Request) -> Response:
        if not request.user.is_assessor:
            return Response(
                {"errors": [{"path": "", "message": _("Alleen beoordelaars geven vrij.")}]},
                status=status.HTTP_403_FORBIDDEN,
            )
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome = grades_release(grade_ids=serializer.validated_data["grades"], by=request.user)
        return Response(
            {
                "released": [grade.pk for grade in outcome.released],
                "refused": [{"grade": pk, "message": message} for pk, message in outcome.refused],
            }
        )


class MarkerAllocationApi(APIView):
    """Marker allocation (Moodle's): several attempts at once, each to a marker of its cohort
    or to nobody (`marker: null`). Needs the permission `assessment.change_markerallocation`;
    each attempt is checked on its own (allocated or refused with its reason, an attempt the
    caller may not see as not found)."""

    @extend_schema_serializer(component_name="MarkerAllocationInput")
    class InputSerializer(serializers.Serializer):
        allocations = serializers.ListField(
            child=inline_serializer(
                name="MarkerAllocationItem",
                fields={
                    "attempt": serializers.IntegerField(min_value=1, max_value=2**31 - 1),
                    "marker": serializers.IntegerField(
                        min_value=1,
                        max_value=2**31 - 1,
                        allow_null=True,
                        help_text="De beoordelaar (gebruiker-id), of null: niet toegewezen.",
                    ),
                },
            ),
            min_length=1,
            max_length=200,
        )

    @extend_schema_serializer(component_name="MarkerAllocationOutput")
    class OutputSerializer(serializers.Serializer):
        allocated = serializers.ListField(
            child=inline_serializer(
                name="MarkerAllocated",
                fields={
                    "attempt": serializers.IntegerField(),
                    "marker": serializers.CharField(
                        allow_null=True, help_text="Gebruikersnaam, of null: niet toegewezen."
                    ),
                },
            )
        )
        refused = serializers.ListField(
            child=inline_serializer(
                name="MarkerAllocationRefusal",
                fields={"attempt": serializers.IntegerField(), "message": serializers.CharField()},
            )
        )

    @extend_schema(
        operation_id="assessment_allocations",
        summary="Pogingen toewijzen aan beoordelaars",
        request=InputSerializer,
        responses={200: OutputSerializer, 400: API_ERRORS, 403: API_ERRORS},
    )
    def post(self, request: Request) -> Response:
        if not services.may_allocate(request.user):
            return Response(
                {"errors": [{"path": "", "message": _("U mag geen beoordelaars toewijzen.")}]},
                status=status.HTTP_403_FORBIDDEN,
            )
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        items = serializer.validated_data["allocations"]
        outcome = services.allocations_set(
            allocations=[(item["attempt"], item["marker"]) for item in items], by=request.user
        )
        return Response(
            {
                "allocated": [
                    {"attempt": attempt.pk, "marker": marker.username if marker else None}
                    for attempt, marker in outcome.allocated
                ],
                "refused": [{"attempt": pk, "message": message} for pk, message in outcome.refused],
            }
        )


class GradeCorrectApi(APIView):
    """Start a correction of a signed grade: a new draft version with the reason."""

    @extend_schema_serializer(component_name="GradeCorrectionInput")
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=4000, allow_blank=True)

    @extend_schema(
        operation_id="assessment_grade_correct",
        summary="Correctie op een ondertekende beoordeling",
        request=InputSerializer,
        responses={
            201: GradeDetailSerializer,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        grade = _grade_for(request, pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            correction = services.grade_correct(
                grade=grade, by=request.user, reason=serializer.validated_data["reason"]
            )
        except services.AssessmentError as exc:
            return error_response(exc)
        return Response(GradeDetailSerializer(correction).data, status=status.HTTP_201_CREATED)


class GradeRescoreApi(APIView):
    """Score a grade again under the current scoring spec (scoring spec §9): a new draft
    version beside it, which stays exactly as it was (a signed grade never changes)."""

    @extend_schema_serializer(component_name="GradeRescoreInput")
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=4000, allow_blank=True)

    @extend_schema_serializer(component_name="GradeRescore")
    class OutputSerializer(GradeDetailSerializer):
        overrides_not_carried = serializers.SerializerMethodField(
            help_text="Regels waarvan het aangepaste oordeel niet is overgenomen (de machine "
            "oordeelt er nu anders over): opnieuw beoordelen."
        )

        def get_overrides_not_carried(self, grade: Grade) -> list[str]:
            event = grade.events.filter(kind="rescore").order_by("pk").last()
            return list((event.data if event else {}).get("overrides_not_carried") or [])

    @extend_schema(
        operation_id="assessment_grade_rescore",
        summary="Beoordeling opnieuw berekenen volgens de huidige specificatie (nieuwe versie)",
        request=InputSerializer,
        responses={
            201: OutputSerializer,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        grade = _grade_for(request, pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            rescored = services.grade_rescore(
                grade=grade, by=request.user, reason=serializer.validated_data["reason"]
            )
        except services.AssessmentError as exc:
            return error_response(exc)
        return Response(self.OutputSerializer(rescored).data, status=status.HTTP_201_CREATED)


class AgreedGradeSerializer(serializers.Serializer):
    score = serializers.DecimalField(max_digits=4, decimal_places=1)
    passed = serializers.BooleanField()
    cut_score = serializers.DecimalField(max_digits=4, decimal_places=1)
    method = serializers.CharField()
    method_label = serializers.CharField(source="get_method_display")
    explanation = serializers.CharField()
    basis = serializers.IntegerField(source="basis_id")
    grades = serializers.SerializerMethodField()
    determined_at = serializers.DateTimeField()

    def get_grades(self, agreed) -> list[int]:
        return sorted(grade.pk for grade in agreed.grades.all())


class AttemptResultApi(APIView):
    """The final grade of an attempt. Trainees: own attempt, once signed; the reference lines
    and verdicts only outside exam mode."""

    @extend_schema_serializer(component_name="AttemptResult")
    class OutputSerializer(serializers.Serializer):
        attempt = serializers.IntegerField()
        grade = serializers.IntegerField()
        exam = serializers.BooleanField()
        score = serializers.DecimalField(max_digits=4, decimal_places=1)
        passed = serializers.BooleanField()
        signed_at = serializers.DateTimeField()
        assessor = serializers.CharField()
        rubric = serializers.DictField(child=serializers.IntegerField())
        comment = serializers.CharField()
        subscores = serializers.DictField()
        workflow_checks = serializers.ListField(child=serializers.DictField())
        components = serializers.DictField(required=False)
        critical_errors = serializers.ListField(child=serializers.DictField(), required=False)
        lines = serializers.ListField(
            child=serializers.DictField(),
            required=False,
            help_text="Regels met oordeel, uitleg en de referentieregel; nooit in examenmodus.",
        )
        agreed = AgreedGradeSerializer(
            allow_null=True,
            help_text="Examenmodus: het vastgestelde cijfer en hoe het tot stand kwam.",
        )

    @extend_schema(
        operation_id="assessment_attempt_result",
        summary="Resultaat van een poging",
        responses={200: OutputSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, attempt_id: int) -> Response:
        result = selectors.result_for(request.user, attempt_id)
        if result is None:
            raise NotFound(_("Er is (nog) geen resultaat."))
        grade = result.grade
        data: dict[str, Any] = {
            "attempt": result.attempt.pk,
            "grade": grade.pk,
            "exam": result.exam,
            "score": result.score,
            "passed": result.passed,
            "agreed": result.agreed,
            "signed_at": grade.signed_at,
            "assessor": grade.assessor.get_full_name() or grade.assessor.username,
            "rubric": grade.rubric,
            "comment": grade.comment,
            "subscores": _stringify(result.subscores),
            "workflow_checks": grade.workflow_checks,
        }
        if result.show_details:
            data["components"] = result.effective["components"]
            data["critical_errors"] = result.effective["critical_errors"]
            data["lines"] = [
                {k: v for k, v in row.items() if k != "trainee_line"}
                for row in selectors.side_by_side(grade, result.effective)
            ]
        # Through the serializer, so the figures have the types the schema states.
        return Response(self.OutputSerializer(data).data)


def _stringify(subscores: dict) -> dict:
    return {
        group: {key: (None if value is None else str(value)) for key, value in items.items()}
        for group, items in subscores.items()
    }


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    pages = serializers.IntegerField(allow_null=True)
    requested_at = serializers.DateTimeField()
    rendered_at = serializers.DateTimeField(allow_null=True)
    download = serializers.SerializerMethodField()

    def get_download(self, report: Report) -> str | None:
        from django.urls import reverse

        if report.status != ReportStatus.RENDERED:
            return None
        return reverse("api:assessment_api:report-download", kwargs={"pk": report.pk})


class ReportRequestApi(APIView):
    """Ask for a PDF: the assessment report of a signed grade, or a calculation printout.
    Asked twice, it is rendered once (the same report comes back)."""

    @extend_schema_serializer(component_name="ReportRequestInput")
    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=ReportKind.choices)
        grade = serializers.IntegerField(required=False)
        calculation_version = serializers.IntegerField(required=False)

    @extend_schema(
        operation_id="assessment_report_request",
        summary="Rapport (PDF) aanvragen",
        request=InputSerializer,
        responses={202: ReportSerializer, 400: API_ERRORS, 404: API_ERRORS},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["kind"] == ReportKind.ASSESSMENT:
            subject = selectors.grade_for_report(request.user, data.get("grade") or 0)
        else:
            subject = selectors.calculation_version_for(
                request.user, data.get("calculation_version") or 0
            )
        if subject is None:
            raise NotFound(_("Dit rapport bestaat niet."))
        try:
            report = services.report_request(kind=data["kind"], subject=subject, by=request.user)
        except services.RateLimited as exc:
            response = error_response(exc)
            response["Retry-After"] = str(exc.retry_after)
            return response
        except services.AssessmentError as exc:
            return error_response(exc)
        # The rendering ran on commit (immediate backend) or is queued (database backend).
        report.refresh_from_db()
        return Response(ReportSerializer(report).data, status=status.HTTP_202_ACCEPTED)


def _report_for(request: Request, pk: int) -> Report:
    report = selectors.report_for(request.user, pk)
    if report is None:
        raise NotFound(_("Dit rapport bestaat niet."))
    return report


class ReportDetailApi(APIView):
    @extend_schema(
        operation_id="assessment_report_detail",
        summary="Status van een rapport",
        responses={200: ReportSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(ReportSerializer(_report_for(request, pk)).data)


class ReportDownloadApi(APIView):
    @extend_schema(
        operation_id="assessment_report_download",
        summary="Rapport downloaden (PDF)",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            404: API_ERRORS,
            409: API_ERRORS,
        },
    )
    def get(self, request: Request, pk: int):
        report = _report_for(request, pk)
        if report.status != ReportStatus.RENDERED:
            return Response(
                {"errors": [{"path": "status", "message": _("Het rapport wordt nog gemaakt.")}]},
                status=status.HTTP_409_CONFLICT,
            )
        return pdf_response(report)


def pdf_response(report: Report) -> HttpResponse:
    """The report's PDF from private storage; callers have checked `selectors.report_for`."""
    return private_files.serve(report.file, as_attachment=True, content_type="application/pdf")


class ProgressSerializer(serializers.Serializer):
    trainee = serializers.CharField()
    work_processes = serializers.DictField()
    competence_areas = serializers.DictField()


def progress_data(trainee: User, progress: selectors.Progress) -> dict[str, Any]:
    def group(name: str) -> dict[str, Any]:
        latest = progress.latest(name)
        return {
            key: {
                "series": [{"at": at.isoformat(), "score": str(value)} for at, value in values],
                "latest": None if latest[key]["score"] is None else str(latest[key]["score"]),
                "level": latest[key]["level"],
            }
            for key, values in progress.series(name).items()
        }

    return {
        "trainee": trainee.username,
        "work_processes": group("work_processes"),
        "competence_areas": group("competence_areas"),
    }


class TraineeProgressApi(APIView):
    """Progress per work process and competence area of a trainee the user may see (the
    trainee themself, or the assessors of their cohorts)."""

    @extend_schema(
        operation_id="assessment_progress_trainee",
        summary="Voortgang van een cursist per werkproces en competentiegebied",
        responses={200: ProgressSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, trainee_id: int | None = None) -> Response:
        trainee = request.user if trainee_id is None else User.objects.filter(pk=trainee_id).first()
        if trainee is None:
            raise NotFound(_("Deze cursist bestaat niet."))
        progress = selectors.progress_of_trainee(request.user, trainee)
        if progress is None:
            raise NotFound(_("Deze cursist bestaat niet."))
        return Response(progress_data(trainee, progress))


class OwnProgressApi(TraineeProgressApi):
    """The signed-in trainee's own progress."""

    @extend_schema(
        operation_id="assessment_progress_own",
        summary="Eigen voortgang per werkproces en competentiegebied",
        responses={200: ProgressSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request) -> Response:
        return super().get(request, None)


class CohortGradesCsvApi(APIView):
    """The cohort's final grades as CSV (assessors of the cohort only)."""

    @extend_schema(
        operation_id="assessment_cohort_grades_csv",
        summary="Cijfers van een groep (CSV)",
        responses={(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR), 404: API_ERRORS},
    )
    def get(self, request: Request, cohort_id: int) -> HttpResponse:
        cohort = selectors.cohort_for_assessor(request.user, cohort_id)
        if cohort is None:
            raise Http404
        return exports.cohort_grades_response(request.user, cohort)
