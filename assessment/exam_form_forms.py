"""Forms of the exam-form pages (issue #15): a blueprint's weights, a new exam form, a new
Angoff study and a judge's estimates. Input only; the rules are `assessment.exam_forms`'s."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from . import exam_forms


def weight_field_name(dimension: str, key: str) -> str:
    return f"w__{dimension}__{key}"


class BlueprintForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    published = forms.BooleanField(
        label=_("Vastgesteld (te kiezen voor examenvormen)"), required=False
    )

    def __init__(self, *args: Any, profile: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections: list[dict[str, Any]] = []
        for dimension, keys in exam_forms.dimension_keys().items():
            names = []
            for key in keys:
                name = weight_field_name(dimension, key)
                label = exam_forms.key_label(dimension, key, profile) if profile else key
                # Text, not a number field: a Dutch "1,5" is kept as typed and read by the
                # service, which refuses what is no number with a Dutch message.
                self.fields[name] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=12,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
                )
                names.append(name)
            self.sections.append(
                {
                    "dimension": dimension,
                    "label": exam_forms.dimension_label(dimension),
                    "fields": [self[name] for name in names],
                }
            )

    @staticmethod
    def initial_for(blueprint: Any) -> dict[str, Any]:
        initial = {
            "title": blueprint.title,
            "description": blueprint.description,
            "published": blueprint.published,
        }
        for dimension, keys in (blueprint.weights or {}).items():
            for key, weight in (keys or {}).items():
                initial[weight_field_name(dimension, key)] = str(weight).replace(".", ",")
        return initial

    def weights(self) -> dict[str, dict[str, str]]:
        """The weights typed, blanks left out; the service validates them."""
        weights: dict[str, dict[str, str]] = {}
        for dimension, keys in exam_forms.dimension_keys().items():
            row = {}
            for key in keys:
                value = (self.cleaned_data.get(weight_field_name(dimension, key)) or "").strip()
                if value:
                    row[key] = value.replace(",", ".")
            if row:
                weights[dimension] = row
        return weights


class ExamFormForm(forms.Form):
    cohort = forms.ModelChoiceField(label=_("Examengroep"), queryset=None)
    case_version = forms.ModelChoiceField(label=_("Casusversie"), queryset=None)
    blueprint = forms.ModelChoiceField(label=_("Toetsmatrijs"), queryset=None, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from .models import Blueprint

        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = exam_forms.exam_cohorts()
        self.fields["case_version"].queryset = exam_forms.form_case_versions()
        self.fields["blueprint"].queryset = Blueprint.objects.filter(published=True)


class AngoffOpenForm(forms.Form):
    judges = forms.ModelMultipleChoiceField(
        label=_("Beoordelaars (minstens twee)"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["judges"].queryset = exam_forms.judge_candidates()
        self.fields["judges"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )


PROBABILITY_PREFIX = "p__"


def probabilities_from(data: Any, keys: list[str]) -> dict[str, str]:
    """The estimates typed on the judge's page (`p__<item key>`), as typed."""
    return {key: data.get(f"{PROBABILITY_PREFIX}{key}", "") for key in keys}
