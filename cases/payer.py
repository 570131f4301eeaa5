"""The simulated paying party: pure rules over a submitted calculation and the case's rules.

Nothing here touches the database; the workflow hands in plain data (the `schadecalc/1` input, the
engine's output, the case's `payer_rules`/`rates_snapshot` and a few facts of the dossier) and
gets back a `PayerDecision`. The rules follow how Dutch paying parties check a calculation:

- the rates must be the agreed ones (the case's pinned rate set) — else rejected;
- an economic total loss is not repaired — rejected with the total-loss reason;
- above `expert_required_above` (or always, with `expert_required`) only after an expertise —
  else rejected "boven de goedkeuringslimiet zonder expertise";
- a missing ADAS calibration, missing HV safety work or a repair the manufacturer forbids —
  rejected with that reason;
- lines the policy does not pay (`not_paid_codes`) — rejected, naming the lines;
- used or imitation parts the policy does not allow — approved with a correction to OEM;
- at the final calculation (`check_parts_invoice`): every replaced part must be on the parts
  invoice (the parts ordered) at the invoiced price — else rejected.

The rules are the rate set's `RateRules` (calcengine/catalogue/rate_sets.py, the one owner of
approval limit, expert threshold, limit basis, part sources and calibration demand): `rules_for`
reads them for a case version. The version's `payer_rules` holds only what is the case's own
(see cases/README.md): name, cover casco|wa, own_risk, expert_required, check_parts_invoice,
expertise_days, not_paid_codes, estimating_costs — and, where this case's policy departs from
its rate set, a RateRules field as an override (read and checked as the rate set file's are).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from calcengine.catalogue import RateRules, get_rate_set
from calcengine.formatting import format_money
from calcengine.schema import operation_named

DEFAULT_EXPERTISE_DAYS = 3
DEFAULT_ESTIMATING_COSTS = Decimal("150.00")


def gettext_noop(text: str) -> str:
    """Marks a label for `makemessages` (which extracts this name) without importing Django:
    the label is translated where it is shown, as `calcengine.schema`'s labels are."""
    return text


class Outcome:
    APPROVED = "approved"
    APPROVED_WITH_CORRECTIONS = "approved_with_corrections"
    REJECTED = "rejected"


# The paying party's answer in words, per outcome: the decision event's message and the
# dossier's label for a stored outcome (translated where shown).
OUTCOME_LABELS = {
    Outcome.APPROVED: gettext_noop("Akkoord."),
    Outcome.APPROVED_WITH_CORRECTIONS: gettext_noop("Akkoord met correcties."),
    Outcome.REJECTED: gettext_noop("Afgewezen."),
}

# Reason codes the workflow answers with a move of its own (`Move.answers`).
ECONOMIC_TOTAL_LOSS = "ECONOMIC_TOTAL_LOSS"
EXPERTISE_REQUIRED = "EXPERTISE_REQUIRED"
PART_NOT_INVOICED = "PART_NOT_INVOICED"


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    line_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "line_id": self.line_id}


@dataclass(frozen=True)
class PayerDecision:
    outcome: str
    reasons: tuple[Finding, ...] = field(default_factory=tuple)
    corrections: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def approved(self) -> bool:
        return self.outcome != Outcome.REJECTED

    @property
    def total_loss(self) -> bool:
        return any(r.code == ECONOMIC_TOTAL_LOSS for r in self.reasons)

    def as_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "reasons": [r.as_dict() for r in self.reasons],
            "corrections": [c.as_dict() for c in self.corrections],
        }


@dataclass(frozen=True)
class OrderedPart:
    """One part on the (simulated) parts invoice: what the trainee ordered, at what price."""

    code: str
    quantity: Decimal
    unit_price: Decimal


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _normalised(value: Any) -> Any:
    """Rates compared by meaning: "72.5" and "72.50" are the same agreed rate."""
    if isinstance(value, dict):
        return {k: _normalised(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalised(v) for v in value]
    if isinstance(value, bool):
        return value
    number = _decimal(value) if isinstance(value, (str, int, float, Decimal)) else None
    if number is not None:
        return number.normalize()
    return value


class _CaseVersionLike(Protocol):
    rate_set_id: str
    payer_rules: dict[str, Any]


def rules_for(version: _CaseVersionLike) -> RateRules:
    """The paying party's rules for a case version: its rate set's, with the overrides its
    `payer_rules` states. Raises `CatalogueError` for an unknown rate set or a bad override."""
    return get_rate_set(version.rate_set_id).rules.overridden(
        version.payer_rules or {}, where="payer_rules"
    )


def limit_amount(output: dict[str, Any], rules: RateRules) -> Decimal:
    """The figure the limits apply to: the rules' `limit_basis` (excl. or incl. VAT)."""
    return Decimal(str(output.get(rules.limit_basis) or output["subtotal_excl_vat"]))


def expertise_required(
    output: dict[str, Any], rules: RateRules, case_rules: dict[str, Any]
) -> bool:
    """Whether this paying party wants an expert to see the damage before it approves: the case
    says so whatever the amount (`expert_required`), or the amount is above the threshold."""
    if case_rules.get("expert_required"):
        return True
    return rules.needs_expert(limit_amount(output, rules))


def expert_sender(cover: str) -> str:
    """Casco: the customer's own insurer sends the expert; WA: the insurer of the party at fault."""
    if cover == "wa":
        return "de WA-verzekeraar van de tegenpartij"
    return "de eigen verzekeraar (casco)"


def vehicle_age_years(first_registration: str | None, on: date) -> int:
    if not first_registration:
        return 0
    registered = date.fromisoformat(first_registration)
    years = on.year - registered.year
    if (on.month, on.day) < (registered.month, registered.day):
        years -= 1
    return max(years, 0)


def _rates_findings(calc_input: dict[str, Any], agreed_rates: dict[str, Any]) -> list[Finding]:
    if _normalised(calc_input.get("rates") or {}) == _normalised(agreed_rates or {}):
        return []
    return [
        Finding(
            "RATES_NOT_AGREED",
            "De calculatie gebruikt niet de afgesproken tarieven van deze betalende partij; "
            "reken met de tariefset van de opdrachtgever.",
        )
    ]


def _warning_findings(output: dict[str, Any], rules: RateRules) -> list[Finding]:
    findings = []
    for warning in output.get("warnings", []):
        code = warning.get("code")
        line_id = warning.get("line_id")
        if code == "ADAS_CALIBRATION_MISSING" and rules.calibration_required_after_adas_work:
            findings.append(
                Finding(
                    code,
                    f"Kalibratie van ADAS-sensoren ontbreekt (regel {line_id}): zonder kalibratie "
                    "keuren wij het herstel niet goed.",
                    line_id,
                )
            )
        elif code == "HV_SAFETY_MISSING":
            findings.append(
                Finding(
                    code,
                    "Het spanningsvrij maken van het hoogvoltsysteem ontbreekt in de calculatie.",
                    line_id,
                )
            )
        elif code == "REPAIR_NOT_ALLOWED":
            findings.append(
                Finding(
                    code,
                    f"Regel {line_id}: de fabrikant staat herstel van dit deel niet toe; "
                    "calculeer vervangen.",
                    line_id,
                )
            )
    return findings


def _not_paid_findings(calc_input: dict[str, Any], rules: dict[str, Any]) -> list[Finding]:
    not_paid = set(rules.get("not_paid_codes") or [])
    return [
        Finding(
            "NOT_COVERED",
            f"Regel {line.get('id')} ({line.get('description') or line.get('code')}) valt niet "
            "onder de dekking en wordt niet vergoed.",
            str(line.get("id")),
        )
        for line in calc_input.get("lines", [])
        if line.get("code") in not_paid
    ]


def _part_source_corrections(
    calc_input: dict[str, Any], rules: RateRules, on: date
) -> list[Finding]:
    age = vehicle_age_years((calc_input.get("vehicle") or {}).get("first_registration"), on)
    corrections = []
    for line in calc_input.get("lines", []):
        operation = operation_named(line.get("operation"))
        if operation is None or not operation.buys_part:
            continue
        source = line.get("part_source", "oem")
        if not rules.part_source_allowed(source, age):
            kind = "gebruikte" if source == "used" else "imitatie-"
            corrections.append(
                Finding(
                    "PART_SOURCE_NOT_ALLOWED",
                    f"Regel {line.get('id')}: {kind}onderdelen zijn volgens onze voorwaarden "
                    "niet toegestaan bij dit voertuig; wij vergoeden het origineel (OEM).",
                    str(line.get("id")),
                )
            )
    return corrections


def parts_invoice_findings(calc_input: dict[str, Any], invoice: list[OrderedPart]) -> list[Finding]:
    """Every calculated part must be on the parts invoice, at no more than the invoiced price."""
    invoiced: dict[str, OrderedPart] = {}
    for part in invoice:
        known = invoiced.get(part.code)
        quantity = part.quantity + (known.quantity if known else Decimal(0))
        invoiced[part.code] = OrderedPart(part.code, quantity, part.unit_price)
    findings = []
    for line in calc_input.get("lines", []):
        operation = operation_named(line.get("operation"))
        if operation is None or not operation.buys_part:
            continue
        code = line.get("code")
        on_invoice = invoiced.get(code)
        quantity = _decimal(line.get("quantity", 1)) or Decimal(1)
        price = _decimal(line.get("unit_price")) or Decimal(0)
        if on_invoice is None:
            findings.append(
                Finding(
                    PART_NOT_INVOICED,
                    f"Regel {line.get('id')}: onderdeel {code} staat niet op de onderdelenfactuur.",
                    str(line.get("id")),
                )
            )
        elif quantity > on_invoice.quantity or price > on_invoice.unit_price:
            findings.append(
                Finding(
                    "PART_INVOICE_MISMATCH",
                    f"Regel {line.get('id')}: aantal of prijs van onderdeel {code} wijkt af van "
                    f"de onderdelenfactuur ({format_money(on_invoice.unit_price)}).",
                    str(line.get("id")),
                )
            )
    return findings


def decide(
    *,
    kind: str,
    calc_input: dict[str, Any],
    output: dict[str, Any],
    rules: RateRules,
    case_rules: dict[str, Any],
    agreed_rates: dict[str, Any],
    expertise_done: bool,
    on: date,
    parts_invoice: list[OrderedPart] | None = None,
) -> PayerDecision:
    """The paying party's answer to a submitted calculation of `kind` precalc|supplement|final,
    by its `rules` (`rules_for(version)`) and the case's own `case_rules` (`payer_rules`)."""
    reasons: list[Finding] = []
    reasons += _rates_findings(calc_input, agreed_rates)
    if (output.get("total_loss") or {}).get("economic_total_loss"):
        reasons.append(
            Finding(
                ECONOMIC_TOTAL_LOSS,
                "De herstelkosten zijn hoger dan de waarde voor schade min de restwaarde: "
                "economisch total loss. Herstel wordt niet vergoed.",
            )
        )
    if not expertise_done and expertise_required(output, rules, case_rules):
        limit = rules.expert_required_above
        detail = (
            f" ({format_money(limit)})"
            if limit is not None and not case_rules.get("expert_required")
            else ""
        )
        reasons.append(
            Finding(
                EXPERTISE_REQUIRED,
                f"Boven de goedkeuringslimiet{detail} zonder expertise: vraag eerst een "
                "expertise aan.",
            )
        )
    reasons += _warning_findings(output, rules)
    reasons += _not_paid_findings(calc_input, case_rules)
    if kind == "final" and case_rules.get("check_parts_invoice", True):
        reasons += parts_invoice_findings(calc_input, parts_invoice or [])
    corrections = _part_source_corrections(calc_input, rules, on)
    if reasons:
        return PayerDecision(Outcome.REJECTED, tuple(reasons), tuple(corrections))
    if corrections:
        return PayerDecision(Outcome.APPROVED_WITH_CORRECTIONS, (), tuple(corrections))
    return PayerDecision(Outcome.APPROVED)


def expertise_days(rules: dict[str, Any]) -> int:
    days = rules.get("expertise_days", DEFAULT_EXPERTISE_DAYS)
    return int(days) if isinstance(days, int) and days >= 0 else DEFAULT_EXPERTISE_DAYS


def estimating_costs(rules: dict[str, Any]) -> Decimal:
    return _decimal(rules.get("estimating_costs")) or DEFAULT_ESTIMATING_COSTS
