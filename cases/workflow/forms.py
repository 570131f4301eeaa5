"""One small form per move of the claim workflow, named by the move's declaration (`@move(form=…)`
in the step modules). The page and the API validate with the same form through one move service
(`cases.services.attempt_move`), so a move takes the same input whichever way it arrives;
`move_kwargs()` are the keyword arguments of the move's function (the form holds no rule of the
workflow). Kept apart from `cases.forms` so that the step modules can name their form without an
import cycle (`cases.forms` is imported by the admin before the workflow)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from calcengine.catalogue import ZONE_NAMES, ZONES
from cases.calculations.selectors import draft_for
from cases.final_inspection import split_lines
from cases.models import Attempt, AttemptPhotoStage

from .dates import date_in_window, window_message


def _zone_choices() -> list[tuple[str, str]]:
    return [(zone, ZONE_NAMES.get(zone, zone)) for zone in ZONES]


class AmountField(forms.DecimalField):
    """A euro amount as a Dutch user types it ("1.234,56", "€ 450") or as JSON sends it ("450.00").

    A text box, not Django's `<input type="number">`: a number box refuses "1.234,56" and "€"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.replace("€", "").replace(" ", "").strip()
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
        return super().to_python(value)


class MoveForm(forms.Form):
    def __init__(self, *args: Any, attempt: Attempt, **kwargs: Any) -> None:
        self.attempt = attempt
        super().__init__(*args, **kwargs)
        # Every date of a move within a sane window of the simulated date (a field error).
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.validators = [*field.validators, self._date_in_window]

    def _date_in_window(self, value: Any) -> None:
        simulated_date = self.attempt.simulated_date
        if value is not None and not date_in_window(value, simulated_date):
            raise forms.ValidationError(window_message(simulated_date), code="date_window")

    def move_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class NoInputForm(MoveForm):
    pass


class CalculationSubmitForm(MoveForm):
    # The editor's draft version the trainee saw; a newer draft refuses the submit (stale tab).
    draft_version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, attempt: Attempt, **kwargs: Any) -> None:
        super().__init__(*args, attempt=attempt, **kwargs)
        if not self.is_bound:
            self.fields["draft_version"].initial = draft_for(attempt).version


class CreateDossierForm(MoveForm):
    customer_name = forms.CharField(label=_("Naam klant"), max_length=200)
    license_plate = forms.CharField(label=_("Kenteken"), max_length=16)
    insurer = forms.CharField(label=_("Verzekeraar"), max_length=200)
    policy_number = forms.CharField(label=_("Polisnummer"), max_length=64, required=False)
    cover = forms.ChoiceField(
        label=_("Dekking"),
        choices=[("casco", _("Casco")), ("wa", _("WA (tegenpartij aansprakelijk)"))],
    )


class RecordDamageForm(MoveForm):
    zones = forms.MultipleChoiceField(
        label=_("Schadezones"), choices=_zone_choices, widget=forms.CheckboxSelectMultiple
    )
    description = forms.CharField(
        label=_("Omschrijving zichtbare schade"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CustomerWishesForm(MoveForm):
    wishes = forms.CharField(
        label=_("Wensen van de klant"), widget=forms.Textarea(attrs={"rows": 2})
    )


class UpsellForm(MoveForm):
    description = forms.CharField(
        label=_("Gesignaleerd meerwerk"), widget=forms.Textarea(attrs={"rows": 2})
    )


class AnswerQuestionForm(MoveForm):
    question_index = forms.TypedChoiceField(label=_("Vraag"), coerce=int)
    answer = forms.CharField(label=_("Uw antwoord"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, attempt: Attempt, **kwargs: Any) -> None:
        super().__init__(*args, attempt=attempt, **kwargs)
        questions = (attempt.case_version.customer or {}).get("questions") or []
        self.fields["question_index"].choices = [
            (i, (q or {}).get("question", "")) for i, q in enumerate(questions)
        ]


class AdviceForm(MoveForm):
    advice = forms.CharField(
        label=_("Advies aan de klant"), widget=forms.Textarea(attrs={"rows": 3})
    )


class HvJudgementForm(MoveForm):
    judgement = forms.ChoiceField(
        label=_("Oordeel"),
        choices=[
            ("safe", _("Veilig stallen op een aparte plek en observeren")),
            ("quarantine", _("Quarantaine en batterijspecialist")),
            ("not_hv", _("Geen hoogvoltsysteem (bijv. 48V-mild hybride): gewoon stallen")),
        ],
        widget=forms.RadioSelect,
    )
    safe_to_park = forms.BooleanField(label=_("Veilig om te stallen"), required=False)
    safe_to_work = forms.BooleanField(label=_("Veilig om aan te werken"), required=False)
    reasons = forms.CharField(label=_("Onderbouwing"), widget=forms.Textarea(attrs={"rows": 2}))


class FirstEstimateForm(MoveForm):
    amount = AmountField(
        label=_("Geschatte kosten (€, incl. btw)"), max_digits=12, decimal_places=2, min_value=0
    )
    repair_days = forms.IntegerField(
        label=_("Geschatte reparatieduur (werkdagen)"), min_value=1, max_value=365
    )


class RepairOrderForm(MoveForm):
    planned_date = forms.DateField(
        label=_("Inplannen op (onder voorbehoud van goedkeuring)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class RequestExpertForm(MoveForm):
    reason_code = forms.ChoiceField(label=_("Waarom een expertise?"))
    reason = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, attempt: Attempt, **kwargs: Any) -> None:
        from cases.expert_reasons import EXPERT_REASONS

        super().__init__(*args, attempt=attempt, **kwargs)
        self.fields["reason_code"].choices = [("", "—"), *EXPERT_REASONS.items()]


class TotalLossForm(MoveForm):
    advice = forms.CharField(
        label=_("Advies aan de klant"), widget=forms.Textarea(attrs={"rows": 3})
    )
    charge_estimating_costs = forms.BooleanField(
        label=_("Begrotingskosten in rekening brengen"), required=False
    )


class WokForm(MoveForm):
    reason = forms.CharField(
        label=_("Constructieschade, melding door de expert en uitleg aan de klant"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReplacementTransportForm(MoveForm):
    kind = forms.ChoiceField(
        label=_("Vervangend vervoer"),
        choices=[
            ("replacement_car", _("Vervangende auto")),
            ("public_transport", _("Vergoeding openbaar vervoer")),
            ("none", _("Niet nodig")),
        ],
    )
    day_price = AmountField(label=_("Dagprijs (€)"), max_digits=12, decimal_places=2, min_value=0)
    start_date = forms.DateField(label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(
        label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"})
    )


class SubcontractForm(MoveForm):
    supplier = forms.CharField(label=_("Leverancier"), max_length=200)
    description = forms.CharField(label=_("Werk"), max_length=300)
    quote_amount = AmountField(
        label=_("Offertebedrag (€, excl. btw)"), max_digits=12, decimal_places=2, min_value=0
    )


class VsiForm(MoveForm):
    note = forms.CharField(
        label=_("Notitie"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class WorkOrderForm(MoveForm):
    instructions = forms.CharField(
        label=_("Instructies voor de werkplaats"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReceiveVehicleForm(MoveForm):
    odometer = forms.IntegerField(label=_("Kilometerstand"), min_value=0)


class ReceptionCheckForm(MoveForm):
    new_damage_found = forms.BooleanField(label=_("Nieuwe schade gevonden"), required=False)
    notes = forms.CharField(
        label=_("Bevindingen"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class HandOverCarForm(MoveForm):
    odometer_out = forms.IntegerField(
        label=_("Kilometerstand vervangende auto bij uitgifte"), min_value=0
    )
    fuel_level = forms.CharField(label=_("Brandstof/laadniveau"), max_length=40, required=False)


class InformCustomerForm(MoveForm):
    topic = forms.ChoiceField(
        label=_("Onderwerp"),
        choices=[("progress", _("Voortgang")), ("change", _("Wijziging van de afspraken"))],
    )
    message = forms.CharField(
        label=_("Wat vertelt u de klant?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class LinesField(forms.CharField):
    """Free lines, one per line as typed, or a JSON list of strings (the API)."""

    widget = forms.Textarea(attrs={"rows": 6})

    def to_python(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            value = "\n".join(str(v) for v in value)
        return super().to_python(value)

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value)
        return split_lines(text)


class FinalInspectionForm(MoveForm):
    # The trainee's own list: the case's list stays hidden until the attempt is delivered.
    items = LinesField(
        label=_("Uw eindcontrolelijst (één controlepunt per regel)"),
        help_text=_("Wat heeft u voor de aflevering gecontroleerd en geregeld?"),
        max_length=4000,
    )
    findings = LinesField(
        label=_("Bevindingen (één per regel; leeg als u niets vond)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notes = forms.CharField(
        label=_("Opmerkingen"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReworkForm(MoveForm):
    work = forms.CharField(
        label=_("Nawerk: wat laat u de werkplaats doen?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeliverForm(MoveForm):
    explanation = forms.CharField(
        label=_("Toelichting op de uitgevoerde werkzaamheden"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    replacement_odometer_in = forms.IntegerField(
        label=_("Kilometerstand vervangende auto bij inname"), min_value=0, required=False
    )
    # Asked when the case's customer asks what they pay (`customer.invoice_question`); the
    # workflow refuses a delivery without them there, in Dutch.
    customer_pays = AmountField(
        label=_("De klant betaalt (€)"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    payer_pays = AmountField(
        label=_("De verzekeraar betaalt (€)"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    invoice_explanation = forms.CharField(
        label=_("Uitleg van de factuur aan de klant"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, attempt: Attempt, **kwargs: Any) -> None:
        super().__init__(*args, attempt=attempt, **kwargs)
        if not (attempt.case_version.customer or {}).get("invoice_question"):
            for name in ("customer_pays", "payer_pays", "invoice_explanation"):
                del self.fields[name]
        questions = (attempt.case_version.customer or {}).get("last_questions") or []
        for i, question in enumerate(questions):
            text = question.get("question", "") if isinstance(question, dict) else str(question)
            # Optional here: the workflow refuses a delivery with unanswered questions, in Dutch.
            self.fields[f"answer_{i}"] = forms.CharField(
                label=_("Antwoord op: %(q)s") % {"q": text},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def move_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        answers = []
        i = 0
        while f"answer_{i}" in data:
            answers.append(data.pop(f"answer_{i}"))
            i += 1
        # The API may send the answers as one list instead of answer_0, answer_1, …
        listed = self.data.get("answers") if hasattr(self.data, "get") else None
        if isinstance(listed, list) and not any(answers):
            answers = [str(a) for a in listed]
        data["answers"] = answers
        return data


class PhotoForm(MoveForm):
    image = forms.FileField(label=_("Foto (JPEG, PNG of WebP)"))
    zone = forms.ChoiceField(label=_("Zone"), choices=[("", "—"), *_zone_choices()], required=False)
    annotation = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    stage = forms.ChoiceField(
        label=_("Moment"), choices=AttemptPhotoStage.choices, initial="intake", required=False
    )

    def clean_stage(self) -> str:
        return self.cleaned_data.get("stage") or AttemptPhotoStage.INTAKE

    def move_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["upload"] = data.pop("image")
        return data


class AskCustomerForm(MoveForm):
    """A question from the customer-question catalogue (`cases.hv_questions`)."""

    question = forms.ChoiceField(label=_("Vraag aan de klant"))

    def __init__(self, *args: Any, attempt: Attempt, **kwargs: Any) -> None:
        from cases.hv_questions import HV_QUESTIONS

        super().__init__(*args, attempt=attempt, **kwargs)
        self.fields["question"].choices = [(q.key, q.text) for q in HV_QUESTIONS.values()]


class YesNoField(forms.TypedChoiceField):
    """The words yes/no on the page; a JSON true/false from the API means the same."""

    def to_python(self, value: Any) -> str:
        if value is True or value in ("true", "True"):
            return "yes"
        if value is False or value in ("false", "False"):
            return "no"
        return super().to_python(value)


class HvFactForm(MoveForm):
    """One HV fact as the trainee found it, and where: a question asked or an intake photo."""

    fact = forms.ChoiceField(label=_("HV-feit"))
    present = YesNoField(
        label=_("Bevinding"),
        choices=[("yes", _("ja")), ("no", _("nee"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    source = forms.ChoiceField(label=_("Bron"))

    def __init__(self, *args: Any, attempt: Attempt, **kwargs: Any) -> None:
        from cases.hv import HV_FACT_LABELS
        from cases.hv_questions import HV_QUESTIONS, intake_photo_files

        super().__init__(*args, attempt=attempt, **kwargs)
        self.fields["fact"].choices = list(HV_FACT_LABELS.items())
        self.fields["source"].choices = [
            (
                _("Antwoord van de klant"),
                [(f"question:{q.key}", q.text) for q in HV_QUESTIONS.values() if q.hv],
            ),
            (
                _("Foto"),
                [
                    (f"photo:{name}", caption or name)
                    for name, caption in intake_photo_files(attempt.case_version)
                ],
            ),
        ]


class HvReleaseForm(MoveForm):
    released_by = forms.CharField(label=_("Vrijgegeven door (naam)"), max_length=200)
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[
            ("hv_expert", _("HV-deskundige")),
            ("battery_specialist", _("Accuspecialist")),
        ],
    )
    findings = forms.CharField(
        label=_("Bevindingen (metingen, toestand accu)"), widget=forms.Textarea(attrs={"rows": 2})
    )
