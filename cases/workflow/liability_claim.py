"""Moves of a WA claim and of a contra-expertise (profile 1.3). (The owner's VAT status is asked
through the one customer-question catalogue: `ask_customer`, `cases.hv_questions.VAT_STATUS`.)

- `sign_assignment_of_claim` (1.3): the customer signs the akte van cessie, so that the shop
  claims the repair directly from the counterparty's WA insurer.
- `request_contra_expertise` (1.3): offered in every case once an expert has reported (the
  move's own requirement, `receive_expertise`); the shop that disagrees asks for a
  contra-expertise (tegenexpertise) on the customer's behalf. Where the case says the shop is
  right (`payer_rules.liability_claim.contra_expertise`) the outcome is the case's; anywhere
  else the contra-expert confirms the expert (`CONFIRMS_EXPERT`), and the check
  `contra_expertise_requested` counts the request as a mistake.
- `claim_loss_of_use` (1.3): gebruiksderving, days × an amount per day; the move computes the
  amount from what the trainee states, the assessment checks days and amount per day.
- `claim_loss_of_value` (1.3): waardevermindering, as the expert stated it.

The claim moves apply only to the cases that hold their facts (`cases.liability_claim`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cases.liability_claim import (
    SHOP_POSITIONS,
    claim_facts,
    is_liability_claim,
)
from cases.models import Attempt
from cases.timeline import EventKind

from .liability_forms import (
    AssignmentOfClaimForm,
    ContraExpertiseForm,
    LossOfUseForm,
    LossOfValueForm,
)
from .machine import Happened, S, Step, StepResult, _advance, _has, _money, _require, _text, move
from .registry import OPEN_STATES

# A contra-expertise where the case gives the shop no ground: the contra-expert agrees with the
# expert, and the request cost the customer (or the shop) time and money.
CONFIRMS_EXPERT = "confirms_expert"
CONFIRMS_EXPERT_REPORT = _lazy(
    "De tegenexpert komt tot dezelfde bevindingen als de expert: zijn rapport blijft staan. "
    "De kosten van de tegenexpertise worden niet vergoed."
)

# Claims are made once the repair is agreed: from approval to the final calculation.
CLAIM_STATES = (S.APPROVED, S.IN_REPAIR, S.SUPPLEMENT_PENDING, S.FINAL_SUBMITTED)


def _liability_claim(attempt: Attempt) -> bool:
    return is_liability_claim(attempt.case_version)


def _expert_reported(attempt: Attempt) -> bool:
    """Offered wherever an expert's report is in the dossier (any case: offering it only where
    the shop is right would give that away)."""
    return attempt.pk is None or _has(attempt, EventKind.EXPERTISE_DONE)


def _require_liability_claim(attempt: Attempt) -> None:
    _require(
        is_liability_claim(attempt.case_version),
        _("In deze casus is de tegenpartij niet aansprakelijk: er is geen WA-claim te maken."),
    )


@move(
    name="sign_assignment_of_claim",
    label=_lazy("Akte van cessie laten tekenen"),
    from_states=OPEN_STATES,
    form=AssignmentOfClaimForm,
    event_kind=EventKind.ASSIGNMENT_OF_CLAIM_SIGNED,
    applies=_liability_claim,
)
def attempt_sign_assignment_of_claim(
    *, attempt: Attempt, by: Any, signed_by: str, signed_on: dt.date, debtor: str
) -> Step:
    def step(a: Attempt) -> StepResult:
        _require_liability_claim(a)
        _require(
            not _has(a, EventKind.ASSIGNMENT_OF_CLAIM_SIGNED),
            _("De akte van cessie is al getekend en zit in het dossier."),
        )
        data = {
            "signed_by": _text(signed_by, _("wie de akte tekent")),
            "signed_on": signed_on.isoformat(),
            "debtor": _text(debtor, _("op wie de vordering is")),
        }
        return StepResult([Happened(EventKind.ASSIGNMENT_OF_CLAIM_SIGNED, data)])

    return step


@move(
    name="request_contra_expertise",
    label=_lazy("Tegenexpertise aanvragen"),
    from_states=(S.PREPARATION, S.APPROVED),
    form=ContraExpertiseForm,
    event_kind=EventKind.CONTRA_EXPERTISE_REQUESTED,
    too_early=_lazy(
        "Een tegenexpertise vraagt u aan na het rapport van de expert en vóór het herstel begint."
    ),
    # Offered once the expert's report is in the dossier (`applies`), which the step asks
    # again; not a `requires`: the report comes before these states, not in them.
    applies=_expert_reported,
)
def attempt_request_contra_expertise(
    *, attempt: Attempt, by: Any, part: str, shop_position: str, reasons: str
) -> Step:
    def step(a: Attempt) -> StepResult:
        _require(
            _has(a, EventKind.EXPERTISE_DONE),
            _("Wacht eerst het rapport van de expert af."),
        )
        _require(
            not _has(a, EventKind.CONTRA_EXPERTISE_REQUESTED),
            _("De tegenexpertise is al aangevraagd."),
        )
        _require(shop_position in SHOP_POSITIONS, _("Kies vervangen of herstellen."))
        requested = {
            "part": _text(part, _("het onderdeel")),
            "shop_position": shop_position,
            "reasons": _text(reasons, _("de onderbouwing")),
        }
        contra = claim_facts(a.case_version).get("contra_expertise")
        if isinstance(contra, dict):
            days = int(contra.get("days") or 0)
            outcome = str(contra.get("outcome") or "")
            report = str(contra.get("report") or "")
        else:
            days = int((a.case_version.payer_rules or {}).get("expertise_days") or 2)
            outcome = CONFIRMS_EXPERT
            report = str(CONFIRMS_EXPERT_REPORT)
        _advance(a, a.simulated_date + dt.timedelta(days=days))
        done = Happened(
            EventKind.CONTRA_EXPERTISE_DONE,
            {"days": days, "outcome": outcome, "report": report},
            actor_is_trainee=False,
            message=report,
        )
        return StepResult([Happened(EventKind.CONTRA_EXPERTISE_REQUESTED, requested), done])

    return step


@move(
    name="claim_loss_of_use",
    label=_lazy("Gebruiksderving claimen"),
    from_states=CLAIM_STATES,
    form=LossOfUseForm,
    event_kind=EventKind.LOSS_OF_USE_CLAIMED,
    too_early=_lazy("Gebruiksderving claimt u als het herstel is goedgekeurd."),
    applies=_liability_claim,
)
def attempt_claim_loss_of_use(*, attempt: Attempt, by: Any, days: int, day_amount: Decimal) -> Step:
    def step(a: Attempt) -> StepResult:
        _require_liability_claim(a)
        amount = Decimal(days) * Decimal(day_amount)
        data = {"days": days, "day_amount": _money(day_amount), "amount": _money(amount)}
        return StepResult([Happened(EventKind.LOSS_OF_USE_CLAIMED, data)])

    return step


@move(
    name="claim_loss_of_value",
    label=_lazy("Waardevermindering claimen"),
    from_states=CLAIM_STATES,
    form=LossOfValueForm,
    event_kind=EventKind.LOSS_OF_VALUE_CLAIMED,
    too_early=_lazy("Waardevermindering claimt u als het herstel is goedgekeurd."),
    applies=_liability_claim,
)
def attempt_claim_loss_of_value(*, attempt: Attempt, by: Any, amount: Decimal, basis: str) -> Step:
    def step(a: Attempt) -> StepResult:
        _require_liability_claim(a)
        data = {"amount": _money(amount), "basis": _text(basis, _("de grondslag"))}
        return StepResult([Happened(EventKind.LOSS_OF_VALUE_CLAIMED, data)])

    return step
