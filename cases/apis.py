"""The claim workflow's API: cases, attempts (start, detail, timeline), moves and photos.

One class per operation. A move is made through the same service as on the dossier page
(`cases.services.attempt_move`, which reads the input with the move's declared form), so the two
ways in cannot drift apart; its errors come out in the API's one shape
`{"errors": [{"path", "message"}]}`. A move the workflow refuses answers 409.
Nothing here serialises a reference calculation or an expected decision: the case comes out
only through `selectors.trainee_brief`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from assessment.selectors import trainee_label_of
from schadeplatform.api_schema import API_ERRORS

from . import selectors, services
from . import workflow as wf
from .models import Attempt
from .ownership import NotYourAttempt, ensure_owner
from .photo_views import photo_url
from .timeline_actor import actor_namer


def _attempt(request: Request, pk: int) -> Attempt:
    try:
        return selectors.attempt_for(request.user, pk)
    except Attempt.DoesNotExist:
        raise NotFound(_("Dit dossier bestaat niet.")) from None


def _not_yours() -> NotFound:
    # An attempt the user may read but not act on answers as one they may not see.
    return NotFound(_("Dit dossier bestaat niet."))


def _own_attempt(request: Request, pk: int) -> Attempt:
    attempt = _attempt(request, pk)
    try:
        ensure_owner(attempt=attempt, by=request.user)
    except NotYourAttempt:
        raise _not_yours() from None
    return attempt


class AttemptSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    case = serializers.CharField(source="case_version.case.slug")
    case_title = serializers.CharField(source="case_version.case.title")
    case_version = serializers.IntegerField(source="case_version.number")
    trainee = serializers.SerializerMethodField(
        help_text="Gebruikersnaam; een beoordelaar ziet in examenmodus tot de vrijgave de "
        "kandidaatcode."
    )
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    simulated_date = serializers.DateField()
    started_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)

    def get_trainee(self, attempt: Attempt) -> str:
        request = self.context.get("request")
        viewer = request.user if request is not None else None
        return trainee_label_of(attempt, username=True, viewer=viewer)


class AttemptDetailSerializer(AttemptSummarySerializer):
    available_moves = serializers.SerializerMethodField()
    brief = serializers.SerializerMethodField()
    intake = serializers.SerializerMethodField()

    def get_available_moves(self, attempt: Attempt) -> list[str]:
        request = self.context.get("request")
        if request is None or attempt.trainee_id != request.user.pk:
            return []
        return list(wf.available_moves(attempt))

    def get_brief(self, attempt: Attempt) -> dict[str, Any]:
        return selectors.trainee_brief(attempt)

    def get_intake(self, attempt: Attempt) -> dict[str, Any]:
        return {
            "customer_name": attempt.customer_name,
            "license_plate": attempt.license_plate,
            "insurer": attempt.insurer,
            "policy_number": attempt.policy_number,
            "cover": attempt.cover,
            "damage_zones": attempt.damage_zones,
            "damage_description": attempt.damage_description,
            "customer_wishes": attempt.customer_wishes,
            "upsell_note": attempt.upsell_note,
            "advice": attempt.advice,
            "hv_judgement": attempt.hv_judgement,
            "hv_reasons": attempt.hv_reasons,
            "estimate_amount": str(attempt.estimate_amount) if attempt.estimate_amount else None,
            "estimate_days": attempt.estimate_days,
            "planned_date": attempt.planned_date,
            "expertise_due_date": attempt.expertise_due_date,
            "parts_expected_date": attempt.parts_expected_date,
        }


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    old_status = serializers.CharField()
    new_status = serializers.CharField()
    actor = serializers.SerializerMethodField(
        help_text="Gebruikersnaam; de cursist heet voor een beoordelaar in examenmodus tot de "
        "vrijgave naar de kandidaatcode. Leeg bij een gesimuleerde stap."
    )
    occurred_at = serializers.DateTimeField()
    simulated_date = serializers.DateField()
    data = serializers.DictField()
    refused = serializers.BooleanField()
    message = serializers.CharField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, event) -> str | None:
        # `name_actor` (`timeline_actor.actor_namer`) is given by the view: one per timeline.
        return self.context["name_actor"](event)


class CaseListApi(APIView):
    @extend_schema_serializer(component_name="CaseListItem")
    class OutputSerializer(serializers.Serializer):
        slug = serializers.CharField()
        title = serializers.CharField()
        summary = serializers.CharField()
        version = serializers.IntegerField(source="latest_published_number")

    @extend_schema(
        operation_id="case_list",
        summary="Gepubliceerde casussen",
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        cases = selectors.cases_open_to(request.user)
        return Response(self.OutputSerializer(cases, many=True).data)


class AttemptListApi(APIView):
    @extend_schema(
        operation_id="attempt_list",
        summary="Schadedossiers die u mag zien",
        responses={200: AttemptSummarySerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        # What `trainee_label_of` reads, loaded for all attempts at once (constant queries).
        attempts = (
            selectors.attempts_visible_to(request.user)
            .select_related("moderation", "agreed_grade")
            .prefetch_related("grades")
            .order_by("-started_at")
        )
        serializer = AttemptSummarySerializer(attempts, many=True, context={"request": request})
        return Response(serializer.data)


class AttemptStartApi(APIView):
    @extend_schema_serializer(component_name="AttemptStartInput")
    class InputSerializer(serializers.Serializer):
        cohort = serializers.IntegerField(
            required=False,
            allow_null=True,
            help_text=(
                "De groep waarin de poging wordt gemaakt; verplicht wanneer meer dan één van "
                "uw groepen deze casus aanbiedt. Een examencasus start alleen in een examengroep."
            ),
        )

    @extend_schema(
        operation_id="attempt_start",
        summary="Casus starten (of het open dossier van deze casus teruggeven)",
        request=InputSerializer,
        responses={201: AttemptDetailSerializer, 400: API_ERRORS, 404: API_ERRORS},
    )
    def post(self, request: Request, slug: str) -> Response:
        case = selectors.cases_open_to(request.user).filter(slug=slug).first()
        if case is None:
            raise NotFound(_("Deze casus bestaat niet."))
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            attempt = services.attempt_start(
                trainee=request.user, case=case, cohort=serializer.validated_data.get("cohort")
            )
        except services.CaseNotAvailable as exc:
            raise NotFound(str(exc)) from None
        except services.CohortChoiceNeeded as exc:
            return Response({"errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST)
        data = AttemptDetailSerializer(attempt, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


class AttemptDetailApi(APIView):
    @extend_schema(
        operation_id="attempt_detail",
        summary="Schadedossier (zonder referentiegegevens)",
        responses={200: AttemptDetailSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        attempt = _attempt(request, pk)
        return Response(AttemptDetailSerializer(attempt, context={"request": request}).data)


class AttemptTimelineApi(APIView):
    @extend_schema(
        operation_id="attempt_timeline",
        summary="Tijdlijn van het dossier",
        responses={200: EventSerializer(many=True), 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        attempt = _attempt(request, pk)
        context = {"name_actor": actor_namer(attempt, request.user, username=True)}
        return Response(
            EventSerializer(selectors.timeline(attempt), many=True, context=context).data
        )


class AttemptMoveApi(APIView):
    """Make one move; the input fields are those of the move's form (see cases/README.md)."""

    @extend_schema(
        operation_id="attempt_move",
        summary="Een stap in het schadedossier zetten",
        request=inline_serializer(name="AttemptMoveInput", fields={}),
        responses={
            200: AttemptDetailSerializer,
            400: API_ERRORS,
            404: API_ERRORS,
            409: OpenApiResponse(API_ERRORS, description="De stap is geweigerd (en vastgelegd)."),
        },
    )
    def post(self, request: Request, pk: int, move: str) -> Response:
        attempt = _own_attempt(request, pk)
        # A move that takes a file has its own upload endpoint (multipart, the photo answered).
        declared = wf.REGISTRY.get(move)
        if declared is None or declared.upload:
            raise NotFound(_("Deze stap bestaat niet."))
        try:
            attempt = services.attempt_move(
                attempt=attempt, by=request.user, move=move, data=request.data
            )
        except services.MoveInputInvalid as invalid:
            return Response({"errors": invalid.errors}, status=status.HTTP_400_BAD_REQUEST)
        except wf.MoveRefused as refused:
            return Response({"errors": refused.errors}, status=status.HTTP_409_CONFLICT)
        except NotYourAttempt:
            raise _not_yours() from None
        return Response(AttemptDetailSerializer(attempt, context={"request": request}).data)


class AttemptPhotoUploadApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema_serializer(component_name="AttemptPhoto")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(source="pk")
        zone = serializers.CharField()
        stage = serializers.CharField()
        annotation = serializers.CharField()
        # The checked serving view's address: the files themselves have no public URL.
        image = serializers.SerializerMethodField()
        thumbnail = serializers.SerializerMethodField()

        def get_image(self, photo) -> str:
            return photo_url(photo)

        def get_thumbnail(self, photo) -> str:
            return photo_url(photo, thumbnail=True)

    @extend_schema(
        operation_id="attempt_photo_upload",
        summary="Foto toevoegen (JPEG, PNG of WebP; EXIF wordt verwijderd)",
        request={
            "multipart/form-data": inline_serializer(
                name="AttemptPhotoInput",
                fields={
                    "image": serializers.FileField(),
                    "zone": serializers.CharField(required=False),
                    "annotation": serializers.CharField(required=False),
                    "stage": serializers.CharField(required=False),
                },
            )
        },
        responses={
            201: OutputSerializer,
            400: API_ERRORS,
            404: API_ERRORS,
            409: API_ERRORS,
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        attempt = _own_attempt(request, pk)
        try:
            photo = services.attempt_move(
                attempt=attempt,
                by=request.user,
                move="add_photo",
                data=request.data,
                files=request.FILES,
                input_first=True,
            )
        except services.MoveInputInvalid as invalid:
            return Response({"errors": invalid.errors}, status=status.HTTP_400_BAD_REQUEST)
        except NotYourAttempt:
            raise _not_yours() from None
        except wf.MoveRefused as refused:
            code = (
                status.HTTP_400_BAD_REQUEST
                if refused.errors and refused.errors[0]["path"] == "image"
                else status.HTTP_409_CONFLICT
            )
            return Response({"errors": refused.errors}, status=code)
        return Response(self.OutputSerializer(photo).data, status=status.HTTP_201_CREATED)
