"""Forms of the calibration pages (`assessment.calibration_views`). They only collect what was
typed: every rule is checked by `assessment.calibration`, whose errors (paths `score`,
`rubric.<area>`, `items[i].…`) are put on the fields here."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from content.profile_labels import profile_labels

from .calibration import ItemInput
from .forms import LEVEL_CHOICES
from .rubric import AREAS


class CalibrationRatingForm(forms.Form):
    """Score (a decimal comma is fine), a level per rubric area, a comment."""

    score = forms.CharField(label=_("Score (0–100)"), max_length=10, required=False)
    comment = forms.CharField(
        label=_("Toelichting (optioneel)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = profile_labels()
        for area in AREAS:
            self.fields[f"rubric_{area.slug}"] = forms.ChoiceField(
                label=labels.area(area.slug), choices=LEVEL_CHOICES, required=False
            )

    def area_fields(self) -> list:
        return [self[f"rubric_{area.slug}"] for area in AREAS]

    def rubric(self) -> dict[str, int | str]:
        values: dict[str, int | str] = {}
        for area in AREAS:
            value = self.cleaned_data.get(f"rubric_{area.slug}") or ""
            values[area.slug] = int(value) if value.isdigit() else value
        return values

    def add_service_errors(self, errors: list[dict[str, str]]) -> None:
        for error in errors:
            path = error.get("path", "")
            if path.startswith("rubric.") and f"rubric_{path[7:]}" in self.fields:
                self.add_error(f"rubric_{path[7:]}", error["message"])
            elif path in ("score", "comment"):
                self.add_error(path, error["message"])
            else:
                self.add_error(None, error["message"])


class ExamPeriodForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120, required=False)
    starts_on = forms.DateField(
        label=_("Begint op"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Eindigt op"), widget=forms.DateInput(attrs={"type": "date"}))
    icc_threshold = forms.DecimalField(
        label=_("Drempel ICC (scores)"), max_digits=3, decimal_places=2, required=False
    )
    kappa_threshold = forms.DecimalField(
        label=_("Drempel gewogen kappa (rubricniveaus)"),
        max_digits=3,
        decimal_places=2,
        required=False,
    )

    def add_service_errors(self, errors: list[dict[str, str]]) -> None:
        for error in errors:
            field = error.get("path", "")
            self.add_error(field if field in self.fields else None, error["message"])


class CalibrationSetForm(forms.Form):
    """A new set: its title and description, and one line per attempt:
    `poging-id; score; niveaus` with the levels in the rubric's order, e.g. `12; 74,5; 3 3 2 3`."""

    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    items = forms.CharField(
        label=_("Pogingen met vastgesteld cijfer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Eén regel per poging: pogingnummer; score; de vier rubricniveaus in de volgorde "
            "hieronder, bijvoorbeeld: 12; 74,5; 3 3 2 3"
        ),
    )

    def item_inputs(self):
        """The lines as `calibration.ItemInput`s; a line that cannot be read becomes an input
        that the service refuses with its path (`items[i]…`)."""
        inputs = []
        for line in (self.cleaned_data.get("items") or "").splitlines():
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(";")]
            attempt = int(parts[0]) if parts and parts[0].isdigit() else 0
            score = parts[1] if len(parts) > 1 else ""
            levels = parts[2].split() if len(parts) > 2 else []
            rubric = {
                area.slug: int(level) if level.isdigit() else level
                for area, level in zip(AREAS, levels, strict=False)
            }
            inputs.append(ItemInput(attempt, score, rubric))
        return inputs

    def add_service_errors(self, errors: list[dict[str, str]]) -> None:
        for error in errors:
            path = error.get("path", "")
            if path.startswith("items["):
                index = int(path[6 : path.index("]")])
                self.add_error(
                    "items",
                    _("Regel %(line)s: %(message)s")
                    % {"line": index + 1, "message": error["message"]},
                )
            elif path in ("title", "items"):
                self.add_error(path, error["message"])
            else:
                self.add_error(None, error["message"])
