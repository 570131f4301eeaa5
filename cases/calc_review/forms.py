"""The review form: per row (the rates, every line) goed/fout, the kind of error and the
correction; then up to `MISSING_SLOTS` entries of missing work. What a review needs before it is
submitted is `answers.problems` (the API reads the same), shown on the fields it names."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .answers import MAX_CORRECTION, MISSING_SLOTS, ROW_KINDS, problems
from .error_kinds import ERROR_KIND, OMISSION_KINDS
from .scoring import RIGHT, WRONG, LineVerdict, MissingEntry

SAVE, SUBMIT = "save", "submit"


def _kinds(codes: tuple[str, ...]) -> list[tuple[str, Any]]:
    return [("", _("— soort fout —")), *((code, _(ERROR_KIND[code].label)) for code in codes)]


class CalcReviewForm(forms.Form):
    def __init__(
        self, *args: Any, rows: list[dict[str, Any]], submitting: bool = False, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.rows, self.submitting = rows, submitting
        for row in rows:
            anchor = row["anchor"]
            self.fields[f"verdict_{anchor}"] = forms.ChoiceField(
                label=_("Oordeel"),
                required=False,
                choices=[(RIGHT, _("goed")), (WRONG, _("fout"))],
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Kies goed of fout.")},
            )
            self.fields[f"kind_{anchor}"] = forms.ChoiceField(
                label=_("Soort fout"),
                required=False,
                choices=_kinds(ROW_KINDS),
                error_messages={"invalid_choice": _("Kies een soort fout uit de lijst.")},
            )
            self.fields[f"correction_{anchor}"] = forms.CharField(
                label=_("Correctie"),
                required=False,
                max_length=MAX_CORRECTION,
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )
        for index in range(MISSING_SLOTS):
            self.fields[f"missing_kind_{index}"] = forms.ChoiceField(
                label=_("Soort ontbrekend werk"),
                required=False,
                choices=_kinds(OMISSION_KINDS),
                error_messages={"invalid_choice": _("Kies een soort uit de lijst.")},
            )
            self.fields[f"missing_correction_{index}"] = forms.CharField(
                label=_("Wat ontbreekt (correctie)"),
                required=False,
                max_length=MAX_CORRECTION,
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        verdicts, missing = self.verdicts(), self.missing()
        anchors = [row["anchor"] for row in self.rows]
        for where, which, field, message in problems(
            anchors, verdicts, missing, submitting=self.submitting
        ):
            name = f"{field}_{which}" if where == "line" else f"missing_{field}_{which}"
            if name in self.fields:
                self.add_error(name, gettext(message))
            else:
                self.add_error(None, gettext(message))
        return cleaned

    def verdicts(self) -> dict[str, LineVerdict]:
        data = self.cleaned_data
        return {
            row["anchor"]: LineVerdict(
                data.get(f"verdict_{row['anchor']}") or "",
                data.get(f"kind_{row['anchor']}") or "",
                (data.get(f"correction_{row['anchor']}") or "").strip(),
            )
            for row in self.rows
        }

    def missing(self) -> list[MissingEntry]:
        data = self.cleaned_data
        return [
            MissingEntry(
                data.get(f"missing_kind_{i}") or "",
                (data.get(f"missing_correction_{i}") or "").strip(),
            )
            for i in range(MISSING_SLOTS)
            if data.get(f"missing_kind_{i}") or (data.get(f"missing_correction_{i}") or "").strip()
        ]

    def bound_rows(self) -> list[dict[str, Any]]:
        return [
            {
                **row,
                "verdict": self[f"verdict_{row['anchor']}"],
                "kind": self[f"kind_{row['anchor']}"],
                "correction": self[f"correction_{row['anchor']}"],
            }
            for row in self.rows
        ]

    def missing_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "number": i + 1,
                "kind": self[f"missing_kind_{i}"],
                "correction": self[f"missing_correction_{i}"],
            }
            for i in range(MISSING_SLOTS)
        ]


def initial_from(verdicts: dict[str, LineVerdict], missing: list[MissingEntry]) -> dict[str, Any]:
    """The form's initial values from a saved review."""
    initial: dict[str, Any] = {}
    for anchor, given in verdicts.items():
        initial[f"verdict_{anchor}"] = given.verdict
        initial[f"kind_{anchor}"] = given.kind
        initial[f"correction_{anchor}"] = given.correction
    for index, entry in enumerate(missing[:MISSING_SLOTS]):
        initial[f"missing_kind_{index}"] = entry.kind
        initial[f"missing_correction_{index}"] = entry.correction
    return initial
