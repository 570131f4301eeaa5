"""The case facts of a WA claim (the customer is the injured party; the counterparty's WA insurer
pays) and of an owner whose VAT status is found by asking, read from a case version, and what of
them a trainee may see at this point of the dossier.

A WA claim case states in `payer_rules.liability_claim` (cases/demo_cases/README.md):
- `disputed_part`, `shop_position` (`replace`|`repair`): the part the shop and the WA insurer's
  expert disagree on, and what the shop says;
- `expert_report`, `expert_position`: what the WA insurer's expert reports (shown to the trainee
  once the expertise is done);
- `contra_expertise` `{days, outcome, report}`: what the contra-expert (tegenexpert) finds (shown
  once the trainee asked for it);
- `loss_of_use` `{day_amount, days}`: gebruiksderving, the expert's amount per day and the repair
  days (the engine's `repair_days` of the reference final calculation; a test holds that);
- `loss_of_value`: waardevermindering as the expert states it.

The customer's kind and VAT deduction (`customer.kind`, `customer.deducts_vat`) are shown in the
brief, in every case, once the trainee asked the catalogue's VAT-status question
(`ask_customer`, `cases.hv_questions.VAT_STATUS`). A case whose total-loss verdict the owner's
VAT status decides says so in `customer.vat_status_question` `{answer}` (the customer's own
words); the check `owner_vat_status_asked` applies there.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from calcengine.schema import REPAIR_OPERATION, REPLACE_OPERATION

from .timeline import EventKind

# What the shop says of the disputed part: replace it or repair it.
SHOP_POSITIONS = (REPLACE_OPERATION, REPAIR_OPERATION)


def claim_facts(version: Any) -> dict[str, Any]:
    """The case's WA-claim facts (empty for any other case)."""
    facts = (getattr(version, "payer_rules", None) or {}).get("liability_claim")
    return facts if isinstance(facts, dict) else {}


def is_liability_claim(version: Any) -> bool:
    return bool(claim_facts(version))


def has_contra_expertise(version: Any) -> bool:
    return isinstance(claim_facts(version).get("contra_expertise"), dict)


def loss_of_use_norm(version: Any) -> tuple[Decimal, int] | None:
    """(amount per day, days) of the case's loss of use, or None when the case has none."""
    norm = claim_facts(version).get("loss_of_use")
    if not isinstance(norm, dict):
        return None
    return Decimal(str(norm["day_amount"])), int(norm["days"])


def loss_of_value(version: Any) -> Decimal | None:
    amount = claim_facts(version).get("loss_of_value")
    return None if amount in (None, "") else Decimal(str(amount))


def vat_status_question(version: Any) -> dict[str, str] | None:
    """The case's note that the owner's VAT status decides it (the customer's answer), or None."""
    question = (getattr(version, "customer", None) or {}).get("vat_status_question")
    return question if isinstance(question, dict) and question.get("answer") else None


def asks_vat_status(event: Any) -> bool:
    """Whether an accepted event is the customer being asked the VAT-status question."""
    from .hv_questions import VAT_STATUS

    return (
        not event.refused
        and event.kind == EventKind.CUSTOMER_ASKED
        and (event.data or {}).get("question_key") == VAT_STATUS
    )


def _done(attempt: Any, kind: str) -> bool:
    return attempt.events.filter(kind=kind, refused=False).exists()


def vat_status_known(attempt: Any) -> bool:
    """Whether the trainee may see the customer's kind and VAT deduction: once asked, in every
    case (a brief that showed it only where it matters would give the case away)."""
    from .hv_questions import VAT_STATUS

    return attempt.events.filter(
        kind=EventKind.CUSTOMER_ASKED, refused=False, data__question_key=VAT_STATUS
    ).exists()


def liability_claim_brief(attempt: Any) -> dict[str, Any] | None:
    """The WA-claim part of the trainee's brief: the expert's report once the expertise is done,
    the contra-expert's once asked for. Never the model answers (amounts to claim, positions)."""
    version = attempt.case_version
    facts = claim_facts(version)
    if not facts:
        return None
    brief: dict[str, Any] = {"expert_report": None, "contra_expertise_report": None}
    if _done(attempt, EventKind.EXPERTISE_DONE):
        brief["expert_report"] = str(facts.get("expert_report") or "")
    if _done(attempt, EventKind.CONTRA_EXPERTISE_DONE):
        brief["contra_expertise_report"] = str(
            (facts.get("contra_expertise") or {}).get("report") or ""
        )
    return brief
