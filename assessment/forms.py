from django import forms
from django.utils.translation import gettext_lazy as _

from .recompute import REFERENCE_VERDICTS, VERDICT_LABELS
from .rubric import AREAS, LEVEL_LABELS, LEVELS

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

    def rubric(self) -> dict[str, int | None]:
        return {
            area.slug: int(value)
            if (value := self.cleaned_data.get(f"rubric_{area.slug}"))
            else None
            for area in AREAS
        }

    def rubric_fields(self):
        return [(area, self[f"rubric_{area.slug}"]) for area in AREAS]


class OverrideForm(forms.Form):
    line_key = forms.CharField(widget=forms.HiddenInput, max_length=80)
    new_verdict = forms.ChoiceField(
        label=_("Nieuw oordeel"),
        choices=[(v, VERDICT_LABELS[v]) for v in (*REFERENCE_VERDICTS, "extra")],
    )
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        error_messages={"required": _("Geef een reden voor het aangepaste oordeel.")},
    )


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van de correctie"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Geef een reden voor de correctie.")},
    )
