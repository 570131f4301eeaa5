"""The form that adds a line without JavaScript: zone → part (or work code) → operation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .catalogue import WORK_GROUP_LABEL
from .labels import OPERATION_LABELS, PAINT_MODE_LABELS, PART_SOURCE_LABELS
from .lines import normalise_number


class AddLineForm(forms.Form):
    prefix = "add"

    part_code = forms.ChoiceField(label=_("Onderdeel of werkcode"))
    operation = forms.ChoiceField(label=_("Bewerking"), choices=list(OPERATION_LABELS.items()))
    paint_mode = forms.ChoiceField(
        label=_("Lakniveau"),
        required=False,
        choices=[("", _("standaard / geen")), *list(PAINT_MODE_LABELS.items())],
    )
    repair_units = forms.CharField(
        label=_("Hersteltijd (AE)"),
        required=False,
        max_length=20,
        help_text=_("Alleen bij herstellen: de tijd in arbeidseenheden van het merk."),
    )
    part_source = forms.ChoiceField(
        label=_("Herkomst"), choices=list(PART_SOURCE_LABELS.items()), initial="oem"
    )
    quantity = forms.IntegerField(label=_("Aantal"), min_value=1, max_value=999, initial=1)
    unit_price = forms.CharField(
        label=_("Prijs per stuk (€)"),
        required=False,
        max_length=20,
        help_text=_("Leeg = catalogusprijs; invullen voor een gebruikt of imitatie-onderdeel."),
    )

    def __init__(
        self, *args: Any, catalogue: dict[str, Any] | None, zone: str | None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        choices: list[Any] = []
        if catalogue is not None:
            # Without a zone picked the whole catalogue is offered, grouped by zone; with one,
            # the parts of that zone view (left and right are views of the side zone).
            groups = (
                [g for g in catalogue["views"] if g["zone"] == zone] if zone else catalogue["zones"]
            )
            for group in groups:
                if group["parts"]:
                    choices.append(
                        (
                            group["name"],
                            [(p["code"], f"{p['name']} ({p['code']})") for p in group["parts"]],
                        )
                    )
            choices.append(
                (
                    str(WORK_GROUP_LABEL),
                    [
                        (w["code"], f"{w['description']} ({w['code']})")
                        for w in catalogue["work_codes"]
                    ],
                )
            )
        self.fields["part_code"].choices = choices

    def clean_repair_units(self) -> str:
        return normalise_number(self.cleaned_data.get("repair_units") or "")

    def clean_unit_price(self) -> str:
        return normalise_number(self.cleaned_data.get("unit_price") or "")
