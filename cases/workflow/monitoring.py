"""1.3 Bewaken van het schadedossier: supplements, informing the customer, the final calculation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from cases.models import Attempt
from cases.timeline import EventKind

from .approval import _payer_decides, _submit_calculation, _submitted
from .machine import (
    Happened,
    S,
    StepResult,
    _advance,
    _last,
    _require,
    _text,
    _transition,
)


def attempt_submit_supplement(
    *, attempt: Attempt, by: Any, draft_version: int | None = None
) -> Attempt:
    def step(a: Attempt) -> StepResult:
        version = _submit_calculation(a, by=by, kind="supplement", draft_version=draft_version)
        decision, answer = _payer_decides(a, version, kind="supplement")
        return StepResult(
            [
                _submitted("supplement", version),
                _submitted("supplement", version, EventKind.SUPPLEMENT_SUBMITTED),
                answer,
            ],
            to_status=S.IN_REPAIR if decision.approved else S.SUPPLEMENT_PENDING,
        )

    return _transition(attempt=attempt, by=by, move="submit_supplement", step=step)


def attempt_inform_customer(*, attempt: Attempt, by: Any, topic: str, message: str) -> Attempt:
    def step(a: Attempt) -> StepResult:
        _require(topic in ("progress", "change"), _("Kies het onderwerp: voortgang of wijziging."))
        data = {"topic": topic, "message": _text(message, _("wat u de klant vertelt"))}
        return StepResult([Happened(EventKind.CUSTOMER_INFORMED, data)])

    return _transition(attempt=attempt, by=by, move="inform_customer", step=step)


def attempt_submit_final(*, attempt: Attempt, by: Any, draft_version: int | None = None) -> Attempt:
    def step(a: Attempt) -> StepResult:
        version = _submit_calculation(a, by=by, kind="final", draft_version=draft_version)
        started = _last(a, EventKind.REPAIR_STARTED)
        if started is not None:
            days = int((version.output or {}).get("repair_days") or 0)
            _advance(a, started.simulated_date + dt.timedelta(days=days))
        decision, answer = _payer_decides(a, version, kind="final")
        return StepResult(
            [
                _submitted("final", version),
                _submitted("final", version, EventKind.FINAL_CALCULATION_SUBMITTED),
                answer,
            ],
            to_status=S.FINAL_SUBMITTED if decision.approved else S.IN_REPAIR,
        )

    return _transition(attempt=attempt, by=by, move="submit_final", step=step)


def attempt_submit_late_supplement(
    *, attempt: Attempt, by: Any, draft_version: int | None = None
) -> Attempt:
    """Parts added after the final calculation go in as a supplement to it (1.3)."""

    def step(a: Attempt) -> StepResult:
        version = _submit_calculation(a, by=by, kind="supplement", draft_version=draft_version)
        _decision, answer = _payer_decides(a, version, kind="final")
        answer.data["late_supplement"] = True
        return StepResult(
            [
                _submitted("late_supplement", version),
                _submitted("late_supplement", version, EventKind.LATE_SUPPLEMENT_SUBMITTED),
                answer,
            ]
        )

    return _transition(attempt=attempt, by=by, move="submit_late_supplement", step=step)
