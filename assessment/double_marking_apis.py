"""The double-marking API under /api/v1/assessment/ (issue #15, items 1 and 7).

- `GET/PUT cohorts/{id}/marking-policy/`: an exam cohort's marking policy, for the exam board
  (`assessment.exam_board`) alone; an assessor or trainee gets 403, a cohort not in exam mode
  or unknown 404.
- `GET attempts/{id}/marking/`: an exam attempt's marking history and agreed grade, for the
  exam board and the assessors of the attempt's cohort (blind-filtered as the page: while the
  agreed grade is not determined an assessor sees no figures and no names); anyone else 404.

Errors are `{"errors": [{"path", "message"}]}` with field paths. The trainee is named by the
candidate code until the result is released.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
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

from . import double_marking, selectors
from .apis import AgreedGradeSerializer
from .exam_board import is_exam_board
from .models import AgreementRule, MarkingPolicy


class MarkingPolicySerializer(serializers.Serializer):
    cohort = serializers.IntegerField(source="cohort_id")
    markers = serializers.IntegerField(min_value=1, max_value=3)
    agreement_rule = serializers.ChoiceField(choices=AgreementRule.choices)
    escalation_points = serializers.DecimalField(max_digits=4, decimal_places=1)
    escalate_on_pass_fail = serializers.BooleanField()
    moderation_sample_percent = serializers.IntegerField(min_value=0, max_value=100)
    default = serializers.SerializerMethodField(
        help_text="Waar: de groep heeft geen eigen beleid en volgt het standaardbeleid."
    )

    def get_default(self, policy: MarkingPolicy) -> bool:
        return policy.pk is None


def _forbidden() -> Response:
    return Response(
        error_data(_("Alleen de examencommissie beheert dit beleid.")),
        status=status.HTTP_403_FORBIDDEN,
    )


def _typed(data: Any) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The policy as sent, typed, and the errors of fields that are missing or no value of
    their type (path = the field's name)."""
    errors: list[dict[str, str]] = []
    typed: dict[str, Any] = {}
    if not isinstance(data, dict):
        return typed, [{"path": "", "message": _("Stuur een object.")}]

    def integer(name: str) -> None:
        value = data.get(name)
        if isinstance(value, bool) or not isinstance(value, int):
            errors.append({"path": name, "message": _("Geef een geheel getal.")})
        else:
            typed[name] = value

    integer("markers")
    rule = data.get("agreement_rule")
    if not isinstance(rule, str):
        errors.append({"path": "agreement_rule", "message": _("Kies een geldige regel.")})
    else:
        typed["agreement_rule"] = rule
    try:
        points = Decimal(str(data.get("escalation_points")))
        if not points.is_finite():
            raise InvalidOperation
        typed["escalation_points"] = points
    except InvalidOperation:
        errors.append({"path": "escalation_points", "message": _("Geef een getal.")})
    flag = data.get("escalate_on_pass_fail")
    if not isinstance(flag, bool):
        errors.append({"path": "escalate_on_pass_fail", "message": _("Geef true of false.")})
    else:
        typed["escalate_on_pass_fail"] = flag
    integer("moderation_sample_percent")
    return typed, errors


class MarkingPolicyApi(APIView):
    """An exam cohort's marking policy (the exam board)."""

    @extend_schema_serializer(component_name="MarkingPolicyInput")
    class InputSerializer(serializers.Serializer):
        markers = serializers.IntegerField(min_value=1, max_value=3)
        agreement_rule = serializers.ChoiceField(choices=AgreementRule.choices)
        escalation_points = serializers.DecimalField(max_digits=4, decimal_places=1)
        escalate_on_pass_fail = serializers.BooleanField()
        moderation_sample_percent = serializers.IntegerField(min_value=0, max_value=100)

    def _cohort(self, request: Request, cohort_id: int):
        cohort = double_marking.policy_cohort_for(request.user, cohort_id)
        if cohort is None:
            raise NotFound(_("Deze examengroep bestaat niet."))
        return cohort

    @extend_schema(
        operation_id="assessment_marking_policy",
        summary="Beoordelingsbeleid van een examengroep",
        responses={200: MarkingPolicySerializer, 403: API_ERRORS, 404: API_ERRORS},
    )
    def get(self, request: Request, cohort_id: int) -> Response:
        if not is_exam_board(request.user):
            return _forbidden()
        cohort = self._cohort(request, cohort_id)
        return Response(MarkingPolicySerializer(double_marking.policy_for(cohort)).data)

    @extend_schema(
        operation_id="assessment_marking_policy_update",
        summary="Beoordelingsbeleid van een examengroep vastleggen",
        request=InputSerializer,
        responses={
            200: MarkingPolicySerializer,
            400: API_ERRORS,
            403: API_ERRORS,
            404: API_ERRORS,
        },
    )
    def put(self, request: Request, cohort_id: int) -> Response:
        if not is_exam_board(request.user):
            return _forbidden()
        cohort = self._cohort(request, cohort_id)
        typed, errors = _typed(request.data)
        if not errors:
            errors = double_marking.policy_refusals(
                markers=typed["markers"],
                agreement_rule=typed["agreement_rule"],
                escalation_points=typed["escalation_points"],
                sample_percent=typed["moderation_sample_percent"],
            )
        if errors:
            return Response({"errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        policy = double_marking.policy_save(
            cohort=cohort,
            by=request.user,
            markers=typed["markers"],
            agreement_rule=typed["agreement_rule"],
            escalation_points=typed["escalation_points"],
            escalate_on_pass_fail=typed["escalate_on_pass_fail"],
            moderation_sample_percent=typed["moderation_sample_percent"],
        )
        return Response(MarkingPolicySerializer(policy).data)


class MarkingEventSerializer(serializers.Serializer):
    kind = serializers.CharField()
    what = serializers.CharField()
    at = serializers.DateTimeField()
    role = serializers.CharField()
    actor = serializers.SerializerMethodField()
    detail = serializers.CharField()

    def get_actor(self, event: dict[str, Any]) -> str | None:
        actor = event["actor"]
        return actor.username if actor is not None else None


class AttemptMarkingApi(APIView):
    """An exam attempt's marking history and agreed grade."""

    @extend_schema_serializer(component_name="AttemptMarking")
    class OutputSerializer(serializers.Serializer):
        attempt = serializers.IntegerField()
        candidate = serializers.CharField(
            help_text="De kandidaatcode; na de vrijgave de gebruikersnaam van de cursist."
        )
        policy = MarkingPolicySerializer()
        agreed = AgreedGradeSerializer(allow_null=True)
        events = MarkingEventSerializer(many=True)

    @extend_schema(
        operation_id="assessment_attempt_marking",
        summary="Beoordelingsverloop en vastgesteld cijfer van een examenpoging",
        responses={200: OutputSerializer, 404: API_ERRORS},
    )
    def get(self, request: Request, attempt_id: int) -> Response:
        attempt = double_marking.attempt_for_history(request.user, attempt_id)
        if attempt is None:
            raise NotFound(_("Deze poging bestaat niet."))
        data = {
            "attempt": attempt.pk,
            "candidate": selectors.trainee_label_of(attempt, username=True),
            "policy": double_marking.policy_of_attempt(attempt),
            "agreed": double_marking.agreed_of(attempt),
            "events": double_marking.history(attempt, request.user),
        }
        return Response(self.OutputSerializer(data).data)
