"""1.3 Bewaken van het schadedossier: supplements, informing the customer, the final calculation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cases.models import Attempt
from cases.timeline import EventKind

from .approval import _payer_decides, _submit_calculation, _submitted
from .forms import CalculationSubmitForm, InformCustomerForm
from .machine import (
    Happened,
    S,
    Step,
    StepResult,
    _advance,
    _last,
    _require,
    _text,
    move,
)
from .registry import OPEN_STATES


@move(
    name="submit_supplement",
    label=_lazy("Suppletie aanbieden"),
    from_states=(S.SUPPLEMENT_PENDING,),
    form=CalculationSubmitForm,
    event_kind=EventKind.SUPPLEMENT_SUBMITTED,
    to_states=(S.IN_REPAIR, S.SUPPLEMENT_PENDING),
    too_early=_lazy(
        "Een suppletie biedt u aan wanneer tijdens het herstel verborgen schade is gevonden."
    ),
    submits="supplement",
    advances=True,
)
def attempt_submit_supplement(
    *, attempt: Attempt, by: Any, draft_version: int | None = None
) -> Step:
    def step(a: Attempt) -> StepResult:
        version = _submit_calculation(a, by=by, kind="supplement", draft_version=draft_version)
        decision, answer = _payer_decides(a, version, kind="supplement")
        return StepResult(
            [_submitted("supplement", version, EventKind.SUPPLEMENT_SUBMITTED), answer],
            to_status=S.IN_REPAIR if decision.approved else S.SUPPLEMENT_PENDING,
        )

    return step


@move(
    name="inform_customer",
    label=_lazy("Klant informeren"),
    from_states=OPEN_STATES,
    form=InformCustomerForm,
    event_kind=EventKind.CUSTOMER_INFORMED,
)
def attempt_inform_customer(*, attempt: Attempt, by: Any, topic: str, message: str) -> Step:
    def step(a: Attempt) -> StepResult:
        _require(topic in ("progress", "change"), _("Kies het onderwerp: voortgang of wijziging."))
        data = {"topic": topic, "message": _text(message, _("wat u de klant vertelt"))}
        return StepResult([Happened(EventKind.CUSTOMER_INFORMED, data)])

    return step


@move(
    name="submit_final",
    label=_lazy("Eindcalculatie aanbieden"),
    from_states=(S.IN_REPAIR,),
    form=CalculationSubmitForm,
    event_kind=EventKind.FINAL_CALCULATION_SUBMITTED,
    to_states=(S.FINAL_SUBMITTED, S.IN_REPAIR),
    too_early=_lazy(
        "De eindcalculatie biedt u aan als het herstel loopt en alle suppleties zijn goedgekeurd."
    ),
    submits="final",
    advances=True,
)
def attempt_submit_final(*, attempt: Attempt, by: Any, draft_version: int | None = None) -> Step:
    def step(a: Attempt) -> StepResult:
        version = _submit_calculation(a, by=by, kind="final", draft_version=draft_version)
        started = _last(a, EventKind.REPAIR_STARTED)
        if started is not None:
            days = int((version.output or {}).get("repair_days") or 0)
            _advance(a, started.simulated_date + dt.timedelta(days=days))
        decision, answer = _payer_decides(a, version, kind="final")
        return StepResult(
            [_submitted("final", version, EventKind.FINAL_CALCULATION_SUBMITTED), answer],
            to_status=S.FINAL_SUBMITTED if decision.approved else S.IN_REPAIR,
        )

    return step


@move(
    name="submit_late_supplement",
    label=_lazy("Suppletie na eindcalculatie aanbieden"),
    from_states=(S.FINAL_SUBMITTED,),
    form=CalculationSubmitForm,
    event_kind=EventKind.LATE_SUPPLEMENT_SUBMITTED,
    too_early=_lazy(
        "Een suppletie na de eindcalculatie kan pas als de eindcalculatie is goedgekeurd."
    ),
)
def attempt_submit_late_supplement(
    *, attempt: Attempt, by: Any, draft_version: int | None = None
) -> Step:
    """Parts added after the final calculation go in as a supplement to it (1.3)."""

    def step(a: Attempt) -> StepResult:
        version = _submit_calculation(a, by=by, kind="supplement", draft_version=draft_version)
        _decision, answer = _payer_decides(a, version, kind="final")
        answer.data["late_supplement"] = True
        return StepResult(
            [_submitted("late_supplement", version, EventKind.LATE_SUPPLEMENT_SUBMITTED), answer]
        )

    return step
