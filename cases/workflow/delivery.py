"""1.4 Afleveren: the final visual inspection and the delivery."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cases.models import Attempt
from cases.timeline import EventKind

from .forms import DeliverForm, FinalInspectionForm
from .machine import (
    Happened,
    S,
    Step,
    StepResult,
    _last,
    _require,
    _text,
    move,
)


@move(
    name="final_inspection",
    label=_lazy("Optische eindcontrole"),
    from_states=(S.FINAL_SUBMITTED,),
    form=FinalInspectionForm,
    event_kind=EventKind.FINAL_INSPECTION_DONE,
    too_early=_lazy("De optische eindcontrole volgt na goedkeuring van de eindcalculatie."),
)
def attempt_final_inspection(
    *, attempt: Attempt, by: Any, checked: list[int], notes: str = ""
) -> Step:
    def step(a: Attempt) -> StepResult:
        items = list(a.case_version.delivery_checklist or [])
        chosen = set(checked or [])
        _require(all(0 <= i < len(items) for i in chosen), _("Onbekend punt op de checklist."))
        answers = [{"item": item, "ok": i in chosen} for i, item in enumerate(items)]
        data = {
            "checklist": answers,
            "complete": all(x["ok"] for x in answers),
            "notes": (notes or "").strip(),
        }
        return StepResult([Happened(EventKind.FINAL_INSPECTION_DONE, data)])

    return step


@move(
    name="deliver_vehicle",
    label=_lazy("Voertuig afleveren"),
    from_states=(S.FINAL_SUBMITTED,),
    form=DeliverForm,
    event_kind=EventKind.VEHICLE_DELIVERED,
    to_states=(S.DELIVERED,),
    too_early=_lazy("Afleveren kan pas nadat de eindcalculatie is ingediend en goedgekeurd."),
    # The step also asks that the inspection was complete (every point of the checklist).
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
) -> Step:
    def step(a: Attempt) -> StepResult:
        inspection = _last(a, EventKind.FINAL_INSPECTION_DONE)
        _require(
            inspection is not None and inspection.data.get("complete"),
            _("Voer eerst de optische eindcontrole volledig uit (alle punten van de checklist)."),
        )
        data: dict[str, Any] = {"explanation": _text(explanation, _("uw toelichting op het werk"))}
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
