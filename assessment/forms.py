from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from content.profile_labels import profile_labels

from .models import LineVerdict
from .rubric import AREAS, LEVEL_LABELS, LEVELS, REMARK_MAX_LENGTH

LEVEL_CHOICES = [("", "–"), *[(str(level), f"{level} – {LEVEL_LABELS[level]}") for level in LEVELS]]


class GradeForm(forms.Form):
    """Rubric and final comment; `revision` is the optimistic lock of the autosave."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    comment = forms.CharField(
        label=_("Eindoordeel"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for area in AREAS:
            self.fields[f"rubric_{area.slug}"] = forms.ChoiceField(
                label=area.name, choices=LEVEL_CHOICES, required=False
            )
            self.fields[f"remark_{area.slug}"] = forms.CharField(
                label=_("Opmerking bij %(area)s") % {"area": area.name},
                required=False,
                max_length=REMARK_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def remarks(self) -> dict[str, str]:
        return {area.slug: self.cleaned_data.get(f"remark_{area.slug}") or "" for area in AREAS}

    def rubric_grid(self) -> list[dict]:
        """The rubric as Moodle's grid: per criterion (competence area) its levels as
        clickable cells (radio buttons: one Tab stop per row, arrow keys between levels) with
        their descriptors, the chosen one, and the remark field."""
        rows = []
        labels = profile_labels()
        for area in AREAS:
            field = self[f"rubric_{area.slug}"]
            chosen = str(field.value() or "")
            rows.append(
                {
                    "area": area,
                    # the area's name in the active language
                    "label": labels.area(area.slug),
                    "name": field.html_name,
                    "field": field,
                    "remark": self[f"remark_{area.slug}"],
                    "levels": [
                        {
                            "level": level,
                            "label": LEVEL_LABELS[level],
                            "descriptor": area.descriptors[level],
                            "checked": chosen == str(level),
                            "id": f"rubric-{area.slug}-{level}",
                        }
                        for level in LEVELS
                    ],
                }
            )
        return rows

    def rubric(self) -> dict[str, int | None]:
        return {
            area.slug: int(value)
            if (value := self.cleaned_data.get(f"rubric_{area.slug}"))
            else None
            for area in AREAS
        }

    def rubric_fields(self):
        return [(area, self[f"rubric_{area.slug}"]) for area in AREAS]


HUNDRED = Decimal(100)
CREDIT_RANGE_MESSAGE = _("Het krediet moet een percentage van 0 tot en met 100 zijn.")


class PercentField(forms.DecimalField):
    """A percentage as a Dutch assessor types it ("75", "62,5", "62,5 %"). A text box: a number
    box refuses the comma."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("%", "").replace(" ", "").replace(",", ".")
        return super().to_python(value)


class OverrideForm(forms.Form):
    line_key = forms.CharField(widget=forms.HiddenInput, max_length=80)
    new_verdict = forms.ChoiceField(
        label=_("Nieuw oordeel"),
        choices=LineVerdict.choices,
    )
    credit_percent = PercentField(
        label=_("Krediet (%)"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        help_text=_("Leeg: het krediet dat bij het oordeel hoort."),
        error_messages={
            "invalid": CREDIT_RANGE_MESSAGE,
            "min_value": CREDIT_RANGE_MESSAGE,
            "max_value": CREDIT_RANGE_MESSAGE,
            "max_digits": CREDIT_RANGE_MESSAGE,
            "max_whole_digits": CREDIT_RANGE_MESSAGE,
            "max_decimal_places": _("Het krediet heeft hoogstens 2 decimalen."),
        },
    )
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        error_messages={"required": _("Geef een reden voor het aangepaste oordeel.")},
    )

    def credit(self) -> Decimal | None:
        """The line's credit (0–1) from the typed percentage, or None for the verdict's own."""
        percent = self.cleaned_data.get("credit_percent")
        return None if percent is None else percent / HUNDRED

    def override_arguments(self) -> dict:
        """The service's keyword arguments; `credit` only when one was typed."""
        arguments = {key: self.cleaned_data[key] for key in ("line_key", "new_verdict", "reason")}
        if (credit := self.credit()) is not None:
            arguments["credit"] = credit
        return arguments


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van de correctie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Geef een reden voor de correctie.")},
    )


class RescoreForm(forms.Form):
    """The reason for scoring a grade again under the current scoring spec (`grade_rescore`)."""

    reason = forms.CharField(
        label=_("Reden van de herberekening"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        error_messages={"required": _("Geef een reden voor de herberekening.")},
    )

    def __init__(self, *args, **kwargs):
        # Its own ids: the correction form's reason can be on the same page.
        kwargs.setdefault("auto_id", "id_rescore_%s")
        super().__init__(*args, **kwargs)
