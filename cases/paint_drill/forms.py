"""The drill's answer form: per panel a level and base units, per overlap a deduction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import PAINT_LEVEL_CHOICES
from .scoring import LEVEL_NONE, PanelAnswer

UNITS_ERRORS = {
    "required": _("Vul de basis-lakeenheden in (0 als er niet gespoten wordt)."),
    "invalid": _("Vul een getal in, bijv. 19 of 9,5."),
    "min_value": _("Lakeenheden kunnen niet negatief zijn."),
    "max_value": _("Dat zijn meer lakeenheden dan een paneel heeft (ten hoogste 999)."),
    "max_decimal_places": _("Gebruik ten hoogste twee decimalen."),
    "max_digits": _("Vul een getal van ten hoogste drie cijfers voor de komma in."),
    "max_whole_digits": _("Vul een getal van ten hoogste drie cijfers voor de komma in."),
}


def _units_field(*, required: bool, label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=Decimal(999),
        max_digits=5,
        decimal_places=2,
        localize=True,
        error_messages=UNITS_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class PaintDrillForm(forms.Form):
    def __init__(self, *args: Any, panels: list[dict], overlaps: list[dict], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.panels, self.overlaps = panels, overlaps
        for panel in panels:
            self.fields[f"level_{panel['pk']}"] = forms.ChoiceField(
                label=_("Lakniveau"),
                choices=[("", _("— kies —")), *PAINT_LEVEL_CHOICES],
                error_messages={
                    "required": _("Kies een lakniveau (of geen spuitwerk)."),
                    "invalid_choice": _("Kies een lakniveau uit de lijst."),
                },
            )
            self.fields[f"units_{panel['pk']}"] = _units_field(
                required=False, label=_("Basis-lakeenheden")
            )
        for overlap in overlaps:
            self.fields[f"overlap_{overlap['pk']}"] = _units_field(
                required=False, label=_("Aftrek overlap (lakeenheden)")
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for panel in self.panels:
            level = cleaned.get(f"level_{panel['pk']}")
            name = f"units_{panel['pk']}"
            if (
                level
                and level != LEVEL_NONE
                and cleaned.get(name) is None
                and name not in self.errors
            ):
                self.add_error(name, UNITS_ERRORS["required"])
        return cleaned

    def rows(self) -> list[dict[str, Any]]:
        """The panels with their bound fields, for the template (a card per panel)."""
        return [
            {**panel, "level": self[f"level_{panel['pk']}"], "units": self[f"units_{panel['pk']}"]}
            for panel in self.panels
        ]

    def overlap_rows(self) -> list[dict[str, Any]]:
        return [{**o, "field": self[f"overlap_{o['pk']}"]} for o in self.overlaps]

    def answers(self) -> dict[str, PanelAnswer]:
        return {
            panel["code"]: PanelAnswer(
                level=self.cleaned_data[f"level_{panel['pk']}"],
                units=self.cleaned_data.get(f"units_{panel['pk']}") or Decimal(0),
            )
            for panel in self.panels
        }

    def deductions(self) -> dict[str, Decimal | None]:
        return {str(o["pk"]): self.cleaned_data.get(f"overlap_{o['pk']}") for o in self.overlaps}
