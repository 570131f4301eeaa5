"""The paying party and the expert: submitting the pre-calculation, the expertise, total loss and WOK."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cases import payer
from cases.expert_reasons import EXPERT_REASONS
from cases.models import Attempt
from cases.timeline import EventKind

from .forms import CalculationSubmitForm, NoInputForm, RequestExpertForm, TotalLossForm, WokForm
from .machine import (
    Happened,
    MoveRefused,
    S,
    Step,
    StepResult,
    _advance,
    _events,
    _has,
    _last,
    _money,
    _require,
    _text,
    move,
)

_NO_EXPERTISE_REQUESTED = _lazy("Er is geen expertise aangevraagd waarop u kunt wachten.")


def _submit_calculation(a: Attempt, *, by: Any, kind: str, draft_version: int | None):
    from cases.calculations.exceptions import CalculationError
    from cases.calculations.services import calculation_submit

    try:
        return calculation_submit(attempt=a, kind=kind, by=by, expected_version=draft_version)
    except CalculationError as exc:
        raise MoveRefused(exc.message, errors=exc.errors) from exc


def _parts_invoice(a: Attempt) -> list[payer.OrderedPart]:
    parts = []
    for event in _events(a, EventKind.PARTS_ORDERED):
        for part in event.data.get("parts", []):
            parts.append(
                payer.OrderedPart(
                    code=part["code"],
                    quantity=Decimal(str(part.get("quantity", 1))),
                    unit_price=Decimal(str(part.get("unit_price", "0"))),
                )
            )
    return parts


def _payer_decides(
    a: Attempt, version: Any, *, kind: str, expertise_done: bool | None = None
) -> tuple[payer.PayerDecision, Happened]:
    cv = a.case_version
    if expertise_done is None:
        expertise_done = _has(a, EventKind.EXPERTISE_DONE)
    decision = payer.decide(
        kind=kind,
        calc_input=version.input,
        output=version.output,
        rules=payer.rules_for(cv),
        case_rules=cv.payer_rules or {},
        agreed_rates=cv.rates_snapshot or {},
        expertise_done=expertise_done,
        on=a.simulated_date,
        parts_invoice=_parts_invoice(a),
    )
    data = {"kind": kind, "version_number": version.number, **decision.as_dict()}
    message = _(payer.OUTCOME_LABELS[decision.outcome])
    return decision, Happened(
        EventKind.PAYER_DECISION, data, actor_is_trainee=False, message=message
    )


def _submitted(
    kind: str, version: Any, event_kind: str = EventKind.CALCULATION_SUBMITTED
) -> Happened:
    return Happened(
        event_kind,
        {
            "kind": kind,
            "version_number": version.number,
            "total": (version.output or {}).get("total_incl_vat"),
            "subtotal_excl_vat": (version.output or {}).get("subtotal_excl_vat"),
        },
    )


@move(
    name="submit_precalc",
    label=_lazy("Voorcalculatie aanbieden"),
    from_states=(S.PREPARATION,),
    form=CalculationSubmitForm,
    event_kind=EventKind.CALCULATION_SUBMITTED,
    to_states=(S.APPROVED, S.PREPARATION),
    too_early=_lazy(
        "De voorcalculatie biedt u aan in de werkvoorbereiding, nadat de reparatieopdracht is ontvangen."
    ),
    submits="precalc",
    advances=True,
)
def attempt_submit_precalc(*, attempt: Attempt, by: Any, draft_version: int | None = None) -> Step:
    def step(a: Attempt) -> StepResult:
        version = _submit_calculation(a, by=by, kind="precalc", draft_version=draft_version)
        decision, answer = _payer_decides(a, version, kind="precalc")
        return StepResult(
            [_submitted("precalc", version), answer],
            to_status=S.APPROVED if decision.approved else S.PREPARATION,
        )

    return step


@move(
    name="request_expert",
    label=_lazy("Expertise aanvragen"),
    from_states=(S.PREPARATION, S.SUPPLEMENT_PENDING),
    form=RequestExpertForm,
    event_kind=EventKind.EXPERT_REQUESTED,
    to_states=(S.AWAITING_EXPERTISE,),
    too_early=_lazy(
        "Een expertise vraagt u aan vóór de goedkeuring van de (voor)calculatie of suppletie."
    ),
    answers=(payer.EXPERTISE_REQUIRED,),
)
def attempt_request_expert(
    *, attempt: Attempt, by: Any, reason: str = "", reason_code: str = ""
) -> Step:
    """Casco: the own insurer sends the expert; WA: the insurer of the party at fault. The
    trainee states why (`reason_code`, cases.expert_reasons; the form requires it, scored by
    the assessment's `expert_requested`)."""

    def step(a: Attempt) -> StepResult:
        _require(
            not reason_code or reason_code in EXPERT_REASONS,
            _("Kies een reden voor de expertise uit de lijst."),
        )
        rules = a.case_version.payer_rules or {}
        cover = a.cover or rules.get("cover", "casco")
        days = payer.expertise_days(rules)
        a.expertise_due_date = a.simulated_date + dt.timedelta(days=days)
        data = {
            "cover": cover,
            "sent_by": payer.expert_sender(cover),
            "expected_date": a.expertise_due_date.isoformat(),
            "reason": (reason or "").strip(),
            "reason_code": reason_code or "",
            "return_to": a.status,
        }
        return StepResult(
            [Happened(EventKind.EXPERT_REQUESTED, data)], to_status=S.AWAITING_EXPERTISE
        )

    return step


@move(
    name="receive_expertise",
    label=_lazy("Expertiserapport verwerken"),
    from_states=(S.AWAITING_EXPERTISE,),
    form=NoInputForm,
    event_kind=EventKind.EXPERTISE_DONE,
    to_states=(S.PREPARATION, S.APPROVED, S.SUPPLEMENT_PENDING, S.IN_REPAIR),
    too_early=_NO_EXPERTISE_REQUESTED,
    advances=True,
)
def attempt_receive_expertise(*, attempt: Attempt, by: Any) -> Step:
    """The expertise takes simulated days; the expert's report lets the payer decide again."""

    def step(a: Attempt) -> StepResult:
        requested = _last(a, EventKind.EXPERT_REQUESTED)
        _require(requested is not None, str(_NO_EXPERTISE_REQUESTED))
        _advance(a, a.expertise_due_date)
        total_loss = a.case_version.is_total_loss
        report = (
            _("De expert stelt vast dat het voertuig economisch total loss is.")
            if total_loss
            else _("De expert heeft de schade opgenomen; herstel is mogelijk.")
        )
        days = (a.simulated_date - requested.simulated_date).days
        events = [
            Happened(
                EventKind.EXPERTISE_DONE,
                {"days": days, "total_loss": total_loss, "report": report},
                actor_is_trainee=False,
                message=report,
            )
        ]
        return_to = requested.data.get("return_to", S.PREPARATION)
        to_status = return_to
        # The payer re-reads the calculation it was waiting on, now with the expert's report.
        kind = "supplement" if return_to == S.SUPPLEMENT_PENDING else "precalc"
        version = a.calculation_versions.filter(kind=kind).order_by("-number").first()
        if version is not None and not total_loss:
            decision, answer = _payer_decides(a, version, kind=kind, expertise_done=True)
            events.append(answer)
            if decision.approved:
                to_status = S.APPROVED if kind == "precalc" else S.IN_REPAIR
        a.expertise_due_date = None
        return StepResult(events, to_status=to_status)

    return step


@move(
    name="advise_total_loss",
    label=_lazy("Total-loss-advies geven"),
    from_states=(S.INTAKE, S.PREPARATION),
    form=TotalLossForm,
    event_kind=EventKind.TOTAL_LOSS_ADVISED,
    to_states=(S.TOTAL_LOSS,),
    too_early=_lazy(
        "Total-loss-advies geeft u bij de intake of de werkvoorbereiding, vóór het herstel."
    ),
    answers=(payer.ECONOMIC_TOTAL_LOSS,),
)
def attempt_advise_total_loss(
    *, attempt: Attempt, by: Any, advice: str, charge_estimating_costs: bool = False
) -> Step:
    """The repair does not go ahead; a vehicle not repaired after an expertise is charged
    the estimating costs (begrotingskosten)."""

    def step(a: Attempt) -> StepResult:
        snapshot = a.case_version.vehicle_snapshot or {}
        events = [
            Happened(
                EventKind.TOTAL_LOSS_ADVISED,
                {
                    "advice": _text(advice, _("uw advies aan de klant")),
                    "value_before_damage": snapshot.get("value_before_damage"),
                    "residual_value": snapshot.get("residual_value"),
                },
            )
        ]
        if charge_estimating_costs:
            expertise = _has(a, EventKind.EXPERTISE_DONE)
            events.append(
                Happened(
                    EventKind.ESTIMATING_COSTS_CHARGED,
                    {
                        "amount": _money(payer.estimating_costs(a.case_version.payer_rules or {})),
                        "charged_to": "payer" if expertise else "customer",
                        "after_expertise": expertise,
                    },
                )
            )
        return StepResult(events, to_status=S.TOTAL_LOSS)

    return step


@move(
    name="report_wok",
    label=_lazy("WOK-status nagaan en klant informeren"),
    from_states=(
        S.INTAKE,
        S.PREPARATION,
        S.AWAITING_EXPERTISE,
        S.APPROVED,
        S.IN_REPAIR,
        S.SUPPLEMENT_PENDING,
    ),
    form=WokForm,
    event_kind=EventKind.WOK_REPORTED,
)
def attempt_report_wok(*, attempt: Attempt, by: Any, reason: str) -> Step:
    """Severe structural damage: the car is registered as "wacht op keuren" (WOK) with the RDW,
    but not by the body shop: the insurer's expert (or the police, or the RDW) reports it. The
    shop checks that the expert has reported it and tells the customer that the car may not be
    driven until the RDW has inspected it after the repair. The move and its event keep their
    stored names (`report_wok`, `wok_reported`): events are read long after they were written."""

    def step(a: Attempt) -> StepResult:
        _require(
            not _has(a, EventKind.WOK_REPORTED), _("Het nagaan van de WOK-melding is al gedaan.")
        )
        return StepResult(
            [Happened(EventKind.WOK_REPORTED, {"reason": _text(reason, _("de reden"))})]
        )

    return step
