"""1.1 Intake: the dossier, the visible damage, the customer, HV safety, the estimate and the repair order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from calcengine.arithmetic import round2
from cases.hv import asks_judgement
from cases.hv_findings import recorded_facts
from cases.models import Attempt, HvJudgement
from cases.timeline import EventKind

from .dates import date_in_window, window_message
from .forms import (
    AdviceForm,
    AnswerQuestionForm,
    CreateDossierForm,
    CustomerWishesForm,
    FirstEstimateForm,
    HvJudgementForm,
    RecordDamageForm,
    RepairOrderForm,
    UpsellForm,
)
from .machine import (
    Happened,
    S,
    Step,
    StepResult,
    _has,
    _money,
    _require,
    _text,
    missing_phrases,
    move,
)
from .registry import OPEN_STATES


def _asks_hv_judgement(attempt: Attempt) -> bool:
    return asks_judgement(attempt.case_version)


@move(
    name="create_dossier",
    label=_lazy("Schadedossier aanmaken"),
    from_states=(S.INTAKE,),
    form=CreateDossierForm,
    event_kind=EventKind.DOSSIER_CREATED,
    phrase=_lazy("het schadedossier aanmaken"),
)
def attempt_create_dossier(
    *,
    attempt: Attempt,
    by: Any,
    customer_name: str,
    license_plate: str,
    insurer: str,
    policy_number: str = "",
    cover: str,
) -> Step:
    def step(a: Attempt) -> StepResult:
        _require(cover in ("casco", "wa"), _("Kies de dekking: casco of WA."))
        a.customer_name = _text(customer_name, _("de naam van de klant"))
        a.license_plate = _text(license_plate, _("het kenteken")).upper()
        a.insurer = _text(insurer, _("de verzekeraar"))
        a.policy_number = (policy_number or "").strip()
        a.cover = cover
        data = {
            "customer_name": a.customer_name,
            "license_plate": a.license_plate,
            "vin": (a.case_version.vehicle_snapshot or {}).get("vin", ""),
            "insurer": a.insurer,
            "policy_number": a.policy_number,
            "cover": cover,
            "updated": _has(a, EventKind.DOSSIER_CREATED),
        }
        return StepResult([Happened(EventKind.DOSSIER_CREATED, data)])

    return step


@move(
    name="record_damage",
    label=_lazy("Zichtbare schade opnemen"),
    from_states=(S.INTAKE,),
    form=RecordDamageForm,
    event_kind=EventKind.DAMAGE_RECORDED,
    phrase=_lazy("de zichtbare schade opnemen"),
)
def attempt_record_damage(*, attempt: Attempt, by: Any, zones: list[str], description: str) -> Step:
    from calcengine.catalogue import ZONES

    def step(a: Attempt) -> StepResult:
        chosen = list(dict.fromkeys(zones or []))
        _require(bool(chosen), _("Kies ten minste één schadezone."))
        unknown = [z for z in chosen if z not in ZONES]
        _require(not unknown, _("Onbekende schadezone: %(zones)s.") % {"zones": ", ".join(unknown)})
        a.damage_zones = chosen
        a.damage_description = _text(description, _("een omschrijving van de zichtbare schade"))
        return StepResult(
            [
                Happened(
                    EventKind.DAMAGE_RECORDED,
                    {"zones": chosen, "description": a.damage_description},
                )
            ]
        )

    return step


@move(
    name="record_customer_wishes",
    label=_lazy("Wensen klant vastleggen"),
    from_states=(S.INTAKE,),
    form=CustomerWishesForm,
    event_kind=EventKind.CUSTOMER_WISHES_RECORDED,
)
def attempt_record_customer_wishes(*, attempt: Attempt, by: Any, wishes: str) -> Step:
    def step(a: Attempt) -> StepResult:
        a.customer_wishes = _text(wishes, _("de wensen van de klant"))
        return StepResult(
            [Happened(EventKind.CUSTOMER_WISHES_RECORDED, {"wishes": a.customer_wishes})]
        )

    return step


@move(
    name="signal_upsell",
    label=_lazy("Meerwerk signaleren"),
    from_states=(S.INTAKE,),
    form=UpsellForm,
    event_kind=EventKind.UPSELL_SIGNALLED,
)
def attempt_signal_upsell(*, attempt: Attempt, by: Any, description: str) -> Step:
    def step(a: Attempt) -> StepResult:
        a.upsell_note = _text(description, _("het meerwerk dat u signaleert"))
        return StepResult([Happened(EventKind.UPSELL_SIGNALLED, {"description": a.upsell_note})])

    return step


@move(
    name="answer_customer_question",
    label=_lazy("Vraag van de klant beantwoorden"),
    from_states=OPEN_STATES,
    form=AnswerQuestionForm,
    event_kind=EventKind.CUSTOMER_QUESTION_ANSWERED,
)
def attempt_answer_customer_question(
    *, attempt: Attempt, by: Any, question_index: int, answer: str
) -> Step:
    def step(a: Attempt) -> StepResult:
        questions = (a.case_version.customer or {}).get("questions") or []
        _require(
            isinstance(question_index, int) and 0 <= question_index < len(questions),
            _("Kies een vraag van de klant."),
        )
        data = {
            "index": question_index,
            "question": questions[question_index].get("question", ""),
            "answer": _text(answer, _("uw antwoord")),
        }
        return StepResult([Happened(EventKind.CUSTOMER_QUESTION_ANSWERED, data)])

    return step


@move(
    name="give_advice",
    label=_lazy("Advies geven"),
    from_states=(S.INTAKE,),
    form=AdviceForm,
    event_kind=EventKind.ADVICE_GIVEN,
)
def attempt_give_advice(*, attempt: Attempt, by: Any, advice: str) -> Step:
    def step(a: Attempt) -> StepResult:
        a.advice = _text(advice, _("uw advies"))
        return StepResult([Happened(EventKind.ADVICE_GIVEN, {"advice": a.advice})])

    return step


@move(
    name="record_hv_judgement",
    label=_lazy("HV-veiligheid beoordelen"),
    from_states=(S.INTAKE,),
    form=HvJudgementForm,
    event_kind=EventKind.HV_JUDGEMENT_RECORDED,
    applies=_asks_hv_judgement,
    phrase=_lazy("de HV-veiligheid beoordelen"),
)
def attempt_record_hv_judgement(
    *,
    attempt: Attempt,
    by: Any,
    judgement: str,
    safe_to_park: bool,
    safe_to_work: bool,
    reasons: str,
) -> Step:
    def step(a: Attempt) -> StepResult:
        _require(
            asks_judgement(a.case_version),
            _("Dit voertuig heeft geen hoogvoltsysteem; een HV-beoordeling is niet nodig."),
        )
        _require(
            judgement in HvJudgement.values,
            _("Kies: veilig stallen, quarantaine of geen hoogvoltsysteem."),
        )
        _require(
            not (judgement == "quarantine" and safe_to_work),
            _("Een voertuig in quarantaine is niet veilig om aan te werken."),
        )
        a.hv_judgement = judgement
        a.hv_reasons = _text(reasons, _("de redenen voor uw oordeel"))
        data = {
            "judgement": judgement,
            "safe_to_park": bool(safe_to_park),
            "safe_to_work": bool(safe_to_work),
            "reasons": a.hv_reasons,
            # The facts the trainee had found when judging (cases.workflow.hv_intake).
            "facts": recorded_facts(a.events.order_by("pk")),
        }
        return StepResult([Happened(EventKind.HV_JUDGEMENT_RECORDED, data)])

    return step


@move(
    name="record_first_estimate",
    label=_lazy("Eerste inschatting duur en kosten"),
    from_states=(S.INTAKE,),
    form=FirstEstimateForm,
    event_kind=EventKind.FIRST_ESTIMATE_RECORDED,
    phrase=_lazy("een eerste inschatting van duur en kosten maken"),
)
def attempt_record_first_estimate(
    *, attempt: Attempt, by: Any, amount: Decimal, repair_days: int
) -> Step:
    def step(a: Attempt) -> StepResult:
        _require(amount is not None and amount > 0, _("Geef een geschat bedrag groter dan nul."))
        _require(
            isinstance(repair_days, int) and 0 < repair_days <= 365,
            _("Geef een reparatieduur in werkdagen (1 tot 365)."),
        )
        a.estimate_amount = round2(Decimal(amount))
        a.estimate_days = repair_days
        data = {"amount": _money(a.estimate_amount), "repair_days": repair_days}
        return StepResult([Happened(EventKind.FIRST_ESTIMATE_RECORDED, data)])

    return step


@move(
    name="receive_repair_order",
    label=_lazy("Reparatieopdracht ontvangen en inplannen"),
    from_states=(S.INTAKE,),
    form=RepairOrderForm,
    event_kind=EventKind.REPAIR_ORDER_RECEIVED,
    to_states=(S.PREPARATION,),
    too_early=_lazy("De reparatieopdracht is al ontvangen."),
    requires=(
        "create_dossier",
        "record_damage",
        "record_hv_judgement",
        "record_first_estimate",
    ),
    advances=True,
)
def attempt_receive_repair_order(*, attempt: Attempt, by: Any, planned_date: dt.date) -> Step:
    """The customer gives the repair order; it is planned subject to the payer's approval (1.1)."""

    def step(a: Attempt) -> StepResult:
        missing = missing_phrases(a, "receive_repair_order")
        _require(
            not missing,
            _("Rond eerst de intake af: %(missing)s.") % {"missing": missing},
        )
        _require(
            planned_date is not None and planned_date >= a.simulated_date,
            _("Plan de reparatie op of na de huidige datum (%(date)s).")
            % {"date": a.simulated_date.strftime("%d-%m-%Y")},
        )
        _require(date_in_window(planned_date, a.simulated_date), window_message(a.simulated_date))
        a.planned_date = planned_date
        return StepResult(
            [
                Happened(EventKind.REPAIR_ORDER_RECEIVED, {"subject_to_approval": True}),
                Happened(
                    EventKind.REPAIR_PLANNED,
                    {"planned_date": planned_date.isoformat(), "subject_to_approval": True},
                ),
            ],
            to_status=S.PREPARATION,
        )

    return step
