"""The exam board's form for a cohort's marking policy (issue #15, item 1). Input only: the
rules (which combinations are allowed) are `assessment.double_marking.policy_refusals`."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .double_marking import policy_refusals
from .models import AgreementRule, MarkingPolicy

MARKER_CHOICES = [("1", "1"), ("2", "2"), ("3", "3")]


class MarkingPolicyForm(forms.Form):
    markers = forms.TypedChoiceField(
        label=_("Aantal beoordelaars (blind)"), choices=MARKER_CHOICES, coerce=int
    )
    agreement_rule = forms.ChoiceField(
        label=_("Regel voor het vastgestelde cijfer"), choices=AgreementRule.choices
    )
    # Text, not a number field: a Dutch "7,5" is kept as typed and read here.
    escalation_points = forms.CharField(
        label=_("Escalatie bij een verschil van meer dan (punten)"), max_length=8
    )
    escalate_on_pass_fail = forms.BooleanField(
        label=_("Escalatie bij een verschillend oordeel voldoende/onvoldoende"), required=False
    )
    moderation_sample_percent = forms.IntegerField(
        label=_("Steekproef voor moderatie (% van de niet-geëscaleerde pogingen)"),
        min_value=0,
        max_value=100,
    )

    @classmethod
    def initial_for(cls, policy: MarkingPolicy) -> dict[str, Any]:
        return {
            "markers": str(policy.markers),
            "agreement_rule": policy.agreement_rule,
            "escalation_points": str(policy.escalation_points).replace(".", ","),
            "escalate_on_pass_fail": policy.escalate_on_pass_fail,
            "moderation_sample_percent": policy.moderation_sample_percent,
        }

    def clean_escalation_points(self) -> Decimal:
        text = (self.cleaned_data.get("escalation_points") or "").strip().replace(",", ".")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(_("Vul een getal in, bijvoorbeeld 10 of 7,5.")) from None
        if not value.is_finite():
            raise forms.ValidationError(_("Vul een getal in, bijvoorbeeld 10 of 7,5."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        for error in policy_refusals(
            markers=data["markers"],
            agreement_rule=data["agreement_rule"],
            escalation_points=data["escalation_points"],
            sample_percent=data["moderation_sample_percent"],
        ):
            self.add_error(
                error["path"] if error["path"] in self.fields else None, error["message"]
            )
        return data
