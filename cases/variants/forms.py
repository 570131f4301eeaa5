"""The practice variant's form: the paying party's rate set and the owner's VAT status, per
offered part an operation (none, repair, replace, paint), the paint level, the repair time and
the part source, and the work codes (calibrations, sundries). `answer()` gives the plain dict
`practice.submission_from` reads (and the attempt stores)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from calcengine.catalogue import get_vehicle, get_work_code, rate_sets

from ..calculations.labels import PAINT_MODE_LABELS, PART_SOURCE_LABELS
from .generate import Variant

OPERATIONS = [
    ("", _("geen werk")),
    ("repair", _("herstellen")),
    ("replace", _("vervangen")),
    ("paint", _("alleen spuiten")),
]


class PracticeVariantForm(forms.Form):
    rate_set = forms.ChoiceField(
        label=_("Tarieven (betaler)"),
        error_messages={
            "required": _("Kies de tarieven van de betaler."),
            "invalid_choice": _("Kies een tarievenset uit de lijst."),
        },
    )
    deducts_vat = forms.BooleanField(label=_("Eigenaar verrekent de btw"), required=False)

    def __init__(self, *args: Any, variant: Variant, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.variant = variant
        self.fields["rate_set"].choices = [("", _("— kies —"))] + [
            (r.id, r.name) for r in rate_sets()
        ]
        unit = get_vehicle(variant.parameters.vehicle_id).units_per_hour
        modes = [("", _("standaard")), *PAINT_MODE_LABELS.items()]
        sources = list(PART_SOURCE_LABELS.items())
        for index, _row in enumerate(variant.rows):
            self.fields[f"operation_{index}"] = forms.ChoiceField(
                label=_("Bewerking"),
                required=False,
                choices=OPERATIONS,
                error_messages={"invalid_choice": _("Kies een bewerking uit de lijst.")},
            )
            self.fields[f"mode_{index}"] = forms.ChoiceField(
                label=_("Lakniveau"),
                required=False,
                choices=modes,
                error_messages={"invalid_choice": _("Kies een lakniveau uit de lijst.")},
            )
            self.fields[f"units_{index}"] = forms.DecimalField(
                label=_("Hersteltijd (eenheden, %(unit)s per uur)") % {"unit": unit},
                required=False,
                min_value=0,
                max_digits=7,
                decimal_places=1,
                localize=True,
                error_messages={"invalid": _("Vul een getal in, bijv. 12 of 1,5.")},
            )
            self.fields[f"source_{index}"] = forms.ChoiceField(
                label=_("Herkomst"),
                required=False,
                choices=sources,
                error_messages={"invalid_choice": _("Kies een herkomst uit de lijst.")},
            )
        self.fields["work"] = forms.MultipleChoiceField(
            label=_("Overig werk"),
            required=False,
            choices=[(code, get_work_code(code).description) for code in variant.offered_work],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": _("Kies werk uit de lijst.")},
        )

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "row": row,
                "operation": self[f"operation_{index}"],
                "mode": self[f"mode_{index}"],
                "units": self[f"units_{index}"],
                "source": self[f"source_{index}"],
                "fields": [
                    self[f"{name}_{index}"] for name in ("operation", "mode", "units", "source")
                ],
            }
            for index, row in enumerate(self.variant.rows)
        ]

    def answer(self) -> dict[str, Any]:
        data = self.cleaned_data
        rows = {}
        for index, row in enumerate(self.variant.rows):
            units = data.get(f"units_{index}")
            rows[row.code] = {
                "operation": data.get(f"operation_{index}") or "",
                "paint_mode": data.get(f"mode_{index}") or "",
                "repair_units": format(units.normalize(), "f") if units is not None else "",
                "part_source": data.get(f"source_{index}") or "oem",
            }
        return {
            "rate_set": data.get("rate_set") or None,
            "deducts_vat": bool(data.get("deducts_vat")),
            "rows": rows,
            "work": list(data.get("work") or []),
        }

    def add_refusal(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            self.add_error(None if name == "__all__" else name, message)
