"""The plan form: per dossier the start day of each department, a replacement car, the calls
(the insurer for approval; the customer, with the day told) and a call note; the answer to the
colleague. Only what cannot be read (a call without a day, a day without a call) is refused;
a plan that breaks a constraint is accepted and judged (`scoring`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .scoring import (
    COLLEAGUE_CHOICES,
    DAY_NAMES,
    DEPARTMENTS,
    LATER,
    DossierPlan,
    Plan,
    told_day_problem,
)

NOTE_MAX = 500
NOT_THIS_WEEK = ("", _("— niet deze week —"))
DAY_CHOICES = [(str(i), name) for i, name in enumerate(DAY_NAMES)]
TOLD_CHOICES = [("", _("— kies een dag —")), *DAY_CHOICES, (str(LATER), _("volgende week"))]
DEPARTMENT_LABELS = {
    "plaatwerk": _("Plaatwerk begint"),
    "spuiterij": _("Spuiterij begint"),
    "montage": _("Montage begint"),
}
CHOICE_ERRORS = {"invalid_choice": _("Kies een dag uit de lijst.")}


class WorkshopPlanForm(forms.Form):
    colleague = forms.ChoiceField(
        label=_("Wat doet u met de vraag van Sanne aan de balie?"),
        choices=[(code, _(label)) for code, label in COLLEAGUE_CHOICES],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat u met de vraag van uw collega doet."),
            "invalid_choice": _("Kies een van de antwoorden."),
        },
    )

    def __init__(self, *args: Any, dossiers: list[dict[str, Any]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.dossiers = dossiers
        for d in dossiers:
            key = d["key"]
            for dep in d["planned_departments"]:
                self.fields[f"start_{key}_{dep}"] = forms.ChoiceField(
                    label=DEPARTMENT_LABELS[dep],
                    choices=[NOT_THIS_WEEK, *DAY_CHOICES],
                    required=False,
                    error_messages=CHOICE_ERRORS,
                )
            self.fields[f"car_{key}"] = forms.BooleanField(
                label=_("Vervangende auto"), required=False
            )
            self.fields[f"insurer_{key}"] = forms.BooleanField(
                label=_("Verzekeraar bellen: akkoord vragen"), required=False
            )
            self.fields[f"call_{key}"] = forms.BooleanField(
                label=_("Klant bellen over de opleverdag"), required=False
            )
            self.fields[f"told_{key}"] = forms.ChoiceField(
                label=_("Dag die u de klant noemt"),
                choices=TOLD_CHOICES,
                required=False,
                error_messages=CHOICE_ERRORS,
            )
            self.fields[f"note_{key}"] = forms.CharField(
                label=_("Wat zegt u? (notitie, niet gescoord)"),
                required=False,
                max_length=NOTE_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "max_length": _("Houd de notitie kort: ten hoogste %(limit_value)d tekens.")
                },
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for d in self.dossiers:
            key = d["key"]
            if f"told_{key}" in self.errors:
                continue
            told = cleaned.get(f"told_{key}")
            problem = told_day_problem(
                bool(cleaned.get(f"call_{key}")), int(told) if told else None
            )
            if problem:
                self.add_error(f"told_{key}", _(problem))
        return cleaned

    def cards(self) -> list[dict[str, Any]]:
        """The dossiers with their bound fields, for the template (a card per dossier)."""
        return [
            {
                **d,
                "starts": [self[f"start_{d['key']}_{dep}"] for dep in d["planned_departments"]],
                "checks": [self[f"{name}_{d['key']}"] for name in ("car", "insurer", "call")],
                "told": self[f"told_{d['key']}"],
                "note": self[f"note_{d['key']}"],
            }
            for d in self.dossiers
        ]

    def plan(self) -> Plan:
        data = self.cleaned_data

        def day(value: str | None) -> int | None:
            return int(value) if value not in (None, "") else None

        return Plan(
            dossiers={
                d["key"]: DossierPlan(
                    start={dep: day(data.get(f"start_{d['key']}_{dep}")) for dep in DEPARTMENTS},
                    replacement_car=bool(data.get(f"car_{d['key']}")),
                    ask_insurer=bool(data.get(f"insurer_{d['key']}")),
                    call_customer=bool(data.get(f"call_{d['key']}")),
                    told_day=day(data.get(f"told_{d['key']}")),
                    note=(data.get(f"note_{d['key']}") or "").strip(),
                )
                for d in self.dossiers
            },
            colleague=data["colleague"],
        )
