"""The calculation editor's API: draft (read, autosave), preview, submitted versions, catalogue.

One class per operation, except the draft resource, which answers GET (read) and PUT (save) on
one URL because DRF routes one class per URL; each method has its own serializers and schema.
Errors are always `{"errors": [{"path", "message"}]}`; the engine's paths (`lines[3].unit_price`)
pass through unchanged. A refused save (stale version) answers 409 with `current_version`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
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

from calcengine.catalogue import CatalogueError, find_vehicles, get_vehicle
from calcengine.schema import MAX_LINES, OPERATIONS, PAINT_MODES, PART_SOURCES
from cases.models import Attempt, CalculationDraft, CalculationVersion
from cases.ownership import NotYourAttempt, ensure_owner
from schadeplatform.api_schema import API_ERRORS

from . import selectors, services
from .catalogue import (
    PrefillRefused,
    catalogue_for,
    catalogue_for_case,
    prefill,
    search_catalogue,
    vehicle_dict,
)
from .exceptions import CalculationError, CalculationLocked, StaleDraft

StaleSerializer = inline_serializer(
    name="CalculationStale",
    fields={
        "errors": serializers.ListField(child=serializers.DictField()),
        "current_version": serializers.IntegerField(),
    },
)
ESTIMATE_HELP = (
    "De uitkomst van calcengine (schadecalc/1 §5) of null wanneer de regels nog niet "
    "doorgerekend kunnen worden; dan staan de redenen in errors."
)

AMOUNTS_HELP = (
    "Per regel de bedragen van calcengine.line_amounts (onderdelen bruto, korting, netto, werk "
    "derden, diversen, bedrag van de regel, arbeid in AE en uren); leeg wanneer errors gevuld is."
)
PLAUSIBILITY_HELP = (
    "Aannemelijkheidssignalen per regel ({line_id, index, field, code, message}): een tijd ver "
    "boven de catalogus, een prijs ver van de catalogusprijs, absurde eenheden. Ze blokkeren niets."
)


def _attempt_for_view(request: Request, pk: int) -> Attempt:
    try:
        return selectors.attempt_for_calculation_view(request.user, pk)
    except Attempt.DoesNotExist:
        raise NotFound(_("Deze poging bestaat niet.")) from None


def _attempt_and_draft_for_view(request: Request, pk: int) -> tuple[Attempt, CalculationDraft]:
    try:
        return selectors.attempt_and_draft_for_calculation_view(request.user, pk)
    except Attempt.DoesNotExist:
        raise NotFound(_("Deze poging bestaat niet.")) from None


def _attempt_for_edit(request: Request, pk: int) -> Attempt:
    attempt = _attempt_for_view(request, pk)
    try:
        # Only the attempt's own trainee writes (draft_save checks it again); anyone else who
        # may read the attempt is answered as for an attempt they may not see.
        ensure_owner(attempt=attempt, by=request.user)
    except NotYourAttempt:
        raise NotFound(_("Deze poging bestaat niet.")) from None
    return attempt


def _errors(exc: CalculationError, code: int = status.HTTP_400_BAD_REQUEST) -> Response:
    return Response({"errors": exc.errors}, status=code)


class _LineField(serializers.DictField):
    """One line object, taken as it is: DictField's own child validation runs a field per key
    (an autosave's 8 lines, ~60 runs: 6 % of its CPU, issue #17) and, its child being
    unvalidated, returns the same `{str(key): value}` that this does."""

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.fail("not_a_dict", input_type=type(data).__name__)
        return {str(key): value for key, value in data.items()}


class LinesField(serializers.ListField):
    """A list of line objects; their content is the engine's to judge, not the serializer's."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(child=_LineField(), max_length=MAX_LINES, **kwargs)


_UPDATED_AT = serializers.DateTimeField(allow_null=True)


def calculation_draft_data(user: Any, attempt: Attempt, draft: CalculationDraft) -> dict:
    """The draft as `CalculationDraftApi.OutputSerializer` gives it, made directly: the stored
    lines and the preview are plain JSON already, and passing them through the serializer's
    fields again was a fifth of a calculation read's function calls (issue #17; the autosave
    answers its preview the same way). A test holds the two equal."""
    return {
        "attempt": attempt.pk,
        "version": draft.version,
        "lines": draft.lines,
        "editable": selectors.can_edit_calculation(user, attempt),
        "updated_at": _UPDATED_AT.to_representation(draft.updated_at),
        **services.calculation_preview(attempt=attempt, lines=draft.lines),
    }


class CalculationDraftApi(APIView):
    """GET: the attempt's draft with a live estimate. PUT: autosave with a version check."""

    @extend_schema_serializer(component_name="CalculationDraft")
    class OutputSerializer(serializers.Serializer):
        attempt = serializers.IntegerField()
        version = serializers.IntegerField()
        lines = serializers.ListField(child=serializers.DictField())
        editable = serializers.BooleanField()
        updated_at = serializers.DateTimeField(allow_null=True)
        estimate = serializers.DictField(allow_null=True, help_text=ESTIMATE_HELP)
        errors = serializers.ListField(child=serializers.DictField())
        line_amounts = serializers.ListField(child=serializers.DictField(), help_text=AMOUNTS_HELP)
        plausibility = serializers.ListField(
            child=serializers.DictField(), help_text=PLAUSIBILITY_HELP
        )

    @extend_schema_serializer(component_name="CalculationDraftSave")
    class SaveInputSerializer(serializers.Serializer):
        version = serializers.IntegerField(
            min_value=0, help_text="De versie waarop de wijziging is gebaseerd."
        )
        lines = LinesField()

    @extend_schema_serializer(component_name="CalculationDraftSaved")
    class SaveOutputSerializer(serializers.Serializer):
        version = serializers.IntegerField()
        estimate = serializers.DictField(allow_null=True, help_text=ESTIMATE_HELP)
        errors = serializers.ListField(child=serializers.DictField())
        line_amounts = serializers.ListField(child=serializers.DictField(), help_text=AMOUNTS_HELP)
        plausibility = serializers.ListField(
            child=serializers.DictField(), help_text=PLAUSIBILITY_HELP
        )

    @extend_schema(
        operation_id="calculation_draft_detail",
        summary="Conceptcalculatie lezen",
        responses={200: OutputSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        attempt, draft = _attempt_and_draft_for_view(request, pk)
        return Response(calculation_draft_data(request.user, attempt, draft))

    @extend_schema(
        operation_id="calculation_draft_save",
        summary="Conceptcalculatie opslaan (autosave)",
        request=SaveInputSerializer,
        responses={
            200: SaveOutputSerializer,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
            409: OpenApiResponse(
                StaleSerializer,
                description="Intussen elders opgeslagen: niets overschreven; de client houdt zijn regels.",
            ),
        },
    )
    def put(self, request: Request, pk: int) -> Response:
        attempt = _attempt_for_edit(request, pk)
        serializer = self.SaveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            draft = services.draft_save(
                attempt=attempt,
                lines=serializer.validated_data["lines"],
                expected_version=serializer.validated_data["version"],
                by=request.user,
            )
        except StaleDraft as exc:
            return Response(
                {"errors": exc.errors, "current_version": exc.current_version},
                status=status.HTTP_409_CONFLICT,
            )
        except CalculationLocked as exc:
            return _errors(exc, status.HTTP_403_FORBIDDEN)
        preview = services.calculation_preview(attempt=attempt, lines=draft.lines)
        # The answer is SaveOutputSerializer's shape (the schema says so); the preview's values
        # are plain JSON already, so it is answered as it is: passing every line's amounts
        # through the serializer's fields again was ~4 % of an autosave's CPU (issue #17).
        return Response({"version": draft.version, **preview})


class CalculationEstimateApi(APIView):
    """A preview of lines on the attempt's case; nothing is saved."""

    @extend_schema_serializer(component_name="CalculationEstimateInput")
    class InputSerializer(serializers.Serializer):
        lines = LinesField()

    @extend_schema_serializer(component_name="CalculationEstimate")
    class OutputSerializer(serializers.Serializer):
        estimate = serializers.DictField(allow_null=True, help_text=ESTIMATE_HELP)
        errors = serializers.ListField(child=serializers.DictField())
        line_amounts = serializers.ListField(child=serializers.DictField(), help_text=AMOUNTS_HELP)
        plausibility = serializers.ListField(
            child=serializers.DictField(), help_text=PLAUSIBILITY_HELP
        )

    @extend_schema(
        operation_id="calculation_estimate",
        summary="Calculatie doorrekenen zonder op te slaan",
        request=InputSerializer,
        responses={200: OutputSerializer, 400: API_ERRORS, 404: API_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        attempt = _attempt_for_view(request, pk)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        preview = services.calculation_preview(
            attempt=attempt, lines=serializer.validated_data["lines"]
        )
        return Response(self.OutputSerializer(preview).data)


@extend_schema_serializer(component_name="CalculationVersionSummary")
class _VersionSummarySerializer(serializers.Serializer):
    number = serializers.IntegerField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    submitted_at = serializers.DateTimeField()
    total_incl_vat = serializers.CharField(allow_null=True)
    has_diff = serializers.SerializerMethodField()

    def get_has_diff(self, version: CalculationVersion) -> bool:
        return version.diff is not None


class CalculationVersionListApi(APIView):
    """The submitted versions of the attempt's calculation, oldest first."""

    OutputSerializer = _VersionSummarySerializer

    @extend_schema(
        operation_id="calculation_version_list",
        summary="Ingediende calculatieversies",
        responses={200: _VersionSummarySerializer(many=True), 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        attempt = _attempt_for_view(request, pk)
        versions = selectors.versions_for(attempt)
        return Response(self.OutputSerializer(versions, many=True).data)


class CalculationVersionDetailApi(APIView):
    """One submitted version: its input, the engine's output and the diff with the previous one."""

    @extend_schema_serializer(component_name="CalculationVersionDetail")
    class OutputSerializer(_VersionSummarySerializer):
        input = serializers.JSONField()
        output = serializers.JSONField()
        diff = serializers.JSONField(allow_null=True)

    @extend_schema(
        operation_id="calculation_version_detail",
        summary="Eén ingediende calculatieversie met verschil",
        responses={200: OutputSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int, number: int) -> Response:
        attempt = _attempt_for_view(request, pk)
        try:
            version = selectors.version_for(attempt, number)
        except CalculationVersion.DoesNotExist:
            raise NotFound(_("Deze calculatieversie bestaat niet.")) from None
        return Response(self.OutputSerializer(version).data)


class CatalogueVehicleListApi(APIView):
    """Vehicle models in the catalogue whose name holds every word of `q`."""

    @extend_schema_serializer(component_name="CatalogueVehicle")
    class OutputSerializer(serializers.Serializer):
        id = serializers.CharField()
        name = serializers.CharField()
        make = serializers.CharField()
        model = serializers.CharField()
        variant = serializers.CharField()
        body_type = serializers.CharField()
        powertrain = serializers.CharField()
        paint_type = serializers.CharField()
        units_per_hour = serializers.IntegerField()
        adas = serializers.ListField(child=serializers.CharField())
        tariff_date = serializers.CharField()
        version = serializers.CharField()

    @extend_schema(
        operation_id="catalogue_vehicle_list",
        summary="Voertuigen in de catalogus zoeken",
        parameters=[
            OpenApiParameter("q", str, description="Zoekwoorden (merk, model, uitvoering)")
        ],
        responses={200: OutputSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        query = request.query_params.get("q", "")[:200]
        found = [vehicle_dict(v) for v in find_vehicles(query)]
        return Response(self.OutputSerializer(found, many=True).data)


class CatalogueVehiclePartsApi(APIView):
    """A vehicle's parts grouped by zone, and the work codes that fit it."""

    @extend_schema_serializer(component_name="CatalogueVehicleParts")
    class OutputSerializer(serializers.Serializer):
        vehicle = serializers.DictField()
        zones = serializers.ListField(child=serializers.DictField())
        work_codes = serializers.ListField(child=serializers.DictField())

    @extend_schema(
        operation_id="catalogue_vehicle_parts",
        summary="Onderdelen per zone en werkcodes van een voertuig",
        responses={200: OutputSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, vehicle_id: str) -> Response:
        try:
            data = catalogue_for(vehicle_id)
        except CatalogueError as exc:
            raise NotFound(str(exc)) from None
        return Response(self.OutputSerializer(data).data)


class CatalogueLinePrefillApi(APIView):
    """A `schadecalc/1` line for one operation on a part or work code, filled from the catalogue."""

    @extend_schema_serializer(component_name="CatalogueLinePrefill")
    class InputSerializer(serializers.Serializer):
        line_id = serializers.CharField(max_length=64)
        part_code = serializers.CharField(max_length=64)
        operation = serializers.ChoiceField(choices=list(OPERATIONS))
        paint_mode = serializers.ChoiceField(
            choices=list(PAINT_MODES), required=False, allow_null=True, allow_blank=True
        )
        repair_units = serializers.DecimalField(
            max_digits=12, decimal_places=4, required=False, allow_null=True, min_value=0
        )
        part_source = serializers.ChoiceField(choices=list(PART_SOURCES), default="oem")
        quantity = serializers.IntegerField(min_value=1, max_value=999, default=1)
        unit_price = serializers.DecimalField(
            max_digits=12, decimal_places=2, required=False, allow_null=True, min_value=0
        )

    @extend_schema(
        operation_id="catalogue_line_prefill",
        summary="Regel vullen uit de catalogus",
        request=InputSerializer,
        responses={
            200: OpenApiResponse(description="De gevulde schadecalc/1-regel."),
            400: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def post(self, request: Request, vehicle_id: str) -> Response:
        try:
            get_vehicle(vehicle_id)
        except CatalogueError as exc:
            raise NotFound(str(exc)) from None
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            line = prefill(
                vehicle_id,
                part_code=data["part_code"],
                operation=data["operation"],
                line_id=data["line_id"],
                paint_mode=data.get("paint_mode") or None,
                repair_units=_text(data.get("repair_units")),
                part_source=data["part_source"],
                quantity=data["quantity"],
                unit_price=_text(data.get("unit_price")),
            )
        except PrefillRefused as exc:
            return _errors(exc)
        return Response(line)


def _case_catalogue(attempt: Attempt) -> dict[str, Any]:
    try:
        return catalogue_for_case(attempt.case_version)
    except CatalogueError as exc:
        raise NotFound(str(exc)) from None


class CalculationCatalogueApi(APIView):
    """The catalogue of the attempt's vehicle as the editor offers it: parts by zone and by
    the editor's zone views (left and right side apart), and the work codes that fit the
    vehicle, calibrations only of the sensors it has."""

    @extend_schema_serializer(component_name="CalculationCatalogue")
    class OutputSerializer(serializers.Serializer):
        vehicle = serializers.DictField()
        zones = serializers.ListField(child=serializers.DictField())
        views = serializers.ListField(child=serializers.DictField())
        work_codes = serializers.ListField(child=serializers.DictField())

    @extend_schema(
        operation_id="calculation_catalogue",
        summary="Catalogus van het voertuig van de casus",
        responses={200: OutputSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        attempt = _attempt_for_view(request, pk)
        return Response(self.OutputSerializer(_case_catalogue(attempt)).data)


class CalculationPartSearchApi(APIView):
    """Type-ahead over the attempt's vehicle catalogue: parts by name or part number, and the
    work codes the editor offers (`catalogue.search_catalogue`)."""

    @extend_schema_serializer(component_name="CalculationPartSearch")
    class OutputSerializer(serializers.Serializer):
        query = serializers.CharField()
        results = serializers.ListField(child=serializers.DictField())

    @extend_schema(
        operation_id="calculation_part_search",
        summary="Onderdeel zoeken op naam of onderdeelnummer",
        parameters=[
            OpenApiParameter(
                "q", str, description="Naam (woorden) of (begin van het) onderdeelnummer"
            )
        ],
        responses={200: OutputSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, pk: int) -> Response:
        attempt = _attempt_for_view(request, pk)
        query = request.query_params.get("q", "")[:100]
        results = search_catalogue(_case_catalogue(attempt), query)
        return Response(self.OutputSerializer({"query": query, "results": results}).data)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
