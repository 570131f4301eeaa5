"""1.1 Asking the customer, in any case (`ask_customer`: the one customer-question catalogue,
`cases.hv_questions`, with the VAT-status question), and the intake of an HV vehicle: the
trainee asks the customer and inspects the intake photos, and records each HV fact found with its
source before judging whether the vehicle may be parked safely (`intake.record_hv_judgement`).
The case's answers are revealed only by asking; the facts themselves are never in the briefing.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cases.hv import HV_FACT_LABELS
from cases.hv_findings import asked_questions
from cases.hv_questions import HV_QUESTIONS, customer_answer, intake_photo_files, parse_source
from cases.models import Attempt
from cases.timeline import EventKind

from .forms import AskCustomerForm, HvFactForm
from .machine import Happened, S, Step, StepResult, _require, move


def _has_high_voltage(attempt: Attempt) -> bool:
    return bool(attempt.case_version.is_hv)


def _require_hv(attempt: Attempt) -> None:
    _require(
        attempt.case_version.is_hv,
        _("Dit voertuig heeft geen hoogvoltsysteem; HV-vragen en -feiten zijn niet nodig."),
    )


@move(
    name="ask_customer",
    label=_lazy("Klant een vraag stellen"),
    from_states=(S.INTAKE, S.PREPARATION),
    form=AskCustomerForm,
    event_kind=EventKind.CUSTOMER_ASKED,
    too_early=_lazy("Vragen aan de klant stelt u bij de intake en de voorbereiding."),
)
def attempt_ask_customer(*, attempt: Attempt, by: Any, question: str) -> Step:
    def step(a: Attempt) -> StepResult:
        asked = HV_QUESTIONS.get(question or "")
        _require(asked is not None, _("Kies een vraag uit de lijst."))
        data = {
            "question_key": asked.key,
            "question": str(asked.text),
            "answer": customer_answer(a.case_version, asked.key),
        }
        return StepResult([Happened(EventKind.CUSTOMER_ASKED, data, message=data["answer"])])

    return step


@move(
    name="record_hv_fact",
    label=_lazy("HV-feit vastleggen"),
    from_states=(S.INTAKE,),
    form=HvFactForm,
    event_kind=EventKind.HV_FACT_RECORDED,
    applies=_has_high_voltage,
)
def attempt_record_hv_fact(
    *, attempt: Attempt, by: Any, fact: str, present: bool, source: str
) -> Step:
    def step(a: Attempt) -> StepResult:
        _require_hv(a)
        _require(fact in HV_FACT_LABELS, _("Kies een HV-feit uit de lijst."))
        parsed = parse_source(source)
        _require(parsed is not None, _("Kies de bron: een vraag aan de klant of een foto."))
        photos = dict(intake_photo_files(a.case_version))
        if "question" in parsed:
            _require(
                parsed["question"] in HV_QUESTIONS,
                _("Kies een vraag uit de lijst."),
            )
            _require(
                parsed["question"] in asked_questions(a.events.order_by("pk")),
                _("Die vraag heeft u de klant nog niet gesteld: stel hem eerst."),
            )
            source_text = str(_("klant: %(q)s") % {"q": HV_QUESTIONS[parsed["question"]].text})
        else:
            _require(parsed["photo"] in photos, _("Kies een foto van de intake."))
            source_text = str(_("foto: %(c)s") % {"c": photos[parsed["photo"]] or parsed["photo"]})
        data = {
            "fact": fact,
            "present": bool(present),
            "source": parsed,
            "source_text": source_text,
        }
        return StepResult([Happened(EventKind.HV_FACT_RECORDED, data)])

    return step
