"""1.4 Afleveren: the final visual inspection and the delivery."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cases.final_inspection import split_lines
from cases.models import Attempt
from cases.timeline import EventKind

from .forms import DeliverForm, FinalInspectionForm, ReworkForm
from .machine import (
    Happened,
    S,
    Step,
    StepResult,
    _advance,
    _last,
    _money,
    _require,
    _text,
    missing_requirements,
    move,
)

# The workshop's rework takes a simulated day (the case gives no other figure).
REWORK_DAYS = 1


def _invoice_basis(a: Attempt) -> dict[str, Any]:
    """The figures of the invoice: the engine's output of the last approved final calculation
    (or late supplement after it), which the trainee's own calculation editor showed."""
    approved = a.events.filter(
        kind=EventKind.PAYER_DECISION,
        refused=False,
        data__kind="final",
        data__outcome__in=("approved", "approved_with_corrections"),
    ).order_by("pk")
    decision = approved.last()
    number = (decision.data or {}).get("version_number") if decision else None
    version = a.calculation_versions.filter(number=number).first() if number else None
    output = (version.output or {}) if version else {}
    return {
        "version_number": number,
        **{k: output.get(k) for k in ("subtotal_excl_vat", "vat", "total_incl_vat")},
    }


def _invoice_explained(
    a: Attempt, customer_pays: Decimal | None, payer_pays: Decimal | None, explanation: str
) -> dict[str, Any]:
    _require(
        customer_pays is not None and payer_pays is not None,
        _("De klant vraagt wat hij betaalt: vul in wat de klant en wat de verzekeraar betaalt."),
    )
    return {
        "customer_pays": _money(customer_pays),
        "payer_pays": _money(payer_pays),
        "explanation": _text(explanation, _("uw uitleg van de factuur")),
        **_invoice_basis(a),
    }


@move(
    name="final_inspection",
    label=_lazy("Optische eindcontrole"),
    from_states=(S.FINAL_SUBMITTED,),
    form=FinalInspectionForm,
    event_kind=EventKind.FINAL_INSPECTION_DONE,
    too_early=_lazy("De optische eindcontrole volgt na goedkeuring van de eindcalculatie."),
)
def attempt_final_inspection(
    *,
    attempt: Attempt,
    by: Any,
    items: list[str] | str,
    findings: list[str] | str | None = None,
    notes: str = "",
) -> Step:
    """The trainee's own final-inspection list and what they found; the case's list is hidden
    and scored by the assessment (`cases.final_inspection`), never written into the event."""

    def step(a: Attempt) -> StepResult:
        own = split_lines(items)
        _require(bool(own), _("Schrijf uw eindcontrolelijst: minstens één controlepunt."))
        data = {
            "items": own,
            "findings": split_lines(findings),
            "notes": (notes or "").strip(),
        }
        return StepResult([Happened(EventKind.FINAL_INSPECTION_DONE, data)])

    return step


@move(
    name="rework",
    label=_lazy("Terug naar herstel (nawerk)"),
    from_states=(S.FINAL_SUBMITTED,),
    form=ReworkForm,
    event_kind=EventKind.REWORK_DONE,
    too_early=_lazy("Nawerk volgt op een bevinding bij de optische eindcontrole."),
    requires=("final_inspection",),
    redoes=("final_inspection",),
    phrase=_lazy("de optische eindcontrole"),
)
def attempt_rework(*, attempt: Attempt, by: Any, work: str) -> Step:
    """Send the findings of the last inspection back to the workshop with what to do; the
    workshop does it (a day) and the vehicle is inspected again before delivery."""

    def step(a: Attempt) -> StepResult:
        inspection = _last(a, EventKind.FINAL_INSPECTION_DONE)
        sent = list((inspection.data or {}).get("findings") or []) if inspection else []
        _require(
            bool(sent),
            _("Noteer eerst bij de optische eindcontrole wat er nog hersteld moet worden."),
        )
        _advance(a, a.simulated_date + dt.timedelta(days=REWORK_DAYS))
        data = {"work": _text(work, _("het nawerk")), "findings": sent}
        return StepResult([Happened(EventKind.REWORK_DONE, data)])

    return step


@move(
    name="deliver_vehicle",
    label=_lazy("Voertuig afleveren"),
    from_states=(S.FINAL_SUBMITTED,),
    form=DeliverForm,
    event_kind=EventKind.VEHICLE_DELIVERED,
    to_states=(S.DELIVERED,),
    too_early=_lazy("Afleveren kan pas nadat de eindcalculatie is ingediend en goedgekeurd."),
    # The step also asks for an inspection after the last rework; open findings do not stop
    # the delivery (delivering with one is the mistake the assessment scores).
    requires=("final_inspection",),
    advances=True,
)
def attempt_deliver_vehicle(
    *,
    attempt: Attempt,
    by: Any,
    explanation: str,
    answers: list[str] | None = None,
    replacement_odometer_in: int | None = None,
    customer_pays: Decimal | None = None,
    payer_pays: Decimal | None = None,
    invoice_explanation: str = "",
) -> Step:
    def step(a: Attempt) -> StepResult:
        _require(
            not missing_requirements(a, "deliver_vehicle"),
            _("Voer na het nawerk opnieuw de optische eindcontrole uit."),
        )
        data: dict[str, Any] = {"explanation": _text(explanation, _("uw toelichting op het werk"))}
        if (a.case_version.customer or {}).get("invoice_question"):
            data["invoice"] = _invoice_explained(a, customer_pays, payer_pays, invoice_explanation)
        handed = _last(a, EventKind.REPLACEMENT_CAR_HANDED_OVER)
        if handed is not None:
            out = int(handed.data.get("odometer_out", 0))
            _require(
                isinstance(replacement_odometer_in, int) and replacement_odometer_in >= out,
                _("Noteer de kilometerstand van de vervangende auto bij inname (minstens %(out)s).")
                % {"out": out},
            )
            data["replacement_odometer_in"] = replacement_odometer_in
            data["replacement_km_driven"] = replacement_odometer_in - out
        events = [Happened(EventKind.VEHICLE_DELIVERED, data)]
        last_questions = list((a.case_version.customer or {}).get("last_questions") or [])
        if last_questions:
            given = list(answers or [])
            _require(
                len(given) >= len(last_questions)
                and all((x or "").strip() for x in given[: len(last_questions)]),
                _("Beantwoord de laatste vragen van de klant."),
            )
            events.append(
                Happened(
                    EventKind.CUSTOMER_QUESTIONS_ANSWERED,
                    {
                        "answers": [
                            {
                                "question": q.get("question", "")
                                if isinstance(q, dict)
                                else str(q),
                                "answer": given[i].strip(),
                            }
                            for i, q in enumerate(last_questions)
                        ]
                    },
                )
            )
        return StepResult(events, to_status=S.DELIVERED)

    return step
