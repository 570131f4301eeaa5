"""The forms of the WA-claim moves (`liability_claim.py`): one per move, as in `forms.py`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import AmountField, MoveForm


class AssignmentOfClaimForm(MoveForm):
    signed_by = forms.CharField(label=_("Getekend door (naam klant)"), max_length=200)
    signed_on = forms.DateField(
        label=_("Datum ondertekening"), widget=forms.DateInput(attrs={"type": "date"})
    )
    debtor = forms.CharField(label=_("Vordering op (WA-verzekeraar tegenpartij)"), max_length=200)


class ContraExpertiseForm(MoveForm):
    part = forms.CharField(label=_("Onderdeel waarover u het niet eens bent"), max_length=200)
    shop_position = forms.ChoiceField(
        label=_("Standpunt van het herstelbedrijf"),
        choices=[("replace", _("vervangen")), ("repair", _("herstellen"))],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(label=_("Onderbouwing"), widget=forms.Textarea(attrs={"rows": 3}))


class LossOfUseForm(MoveForm):
    days = forms.IntegerField(label=_("Aantal dagen"), min_value=1, max_value=365)
    day_amount = AmountField(
        label=_("Bedrag per dag (€)"), max_digits=8, decimal_places=2, min_value=0
    )


class LossOfValueForm(MoveForm):
    amount = AmountField(
        label=_("Waardevermindering (€)"), max_digits=12, decimal_places=2, min_value=0
    )
    basis = forms.CharField(label=_("Grondslag (wie stelde het bedrag vast)"), max_length=300)
