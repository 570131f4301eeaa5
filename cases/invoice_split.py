"""Who pays what of the shop's invoice: the customer's share and the paying party's, from the
engine's output of the approved calculation and the case's payer facts. Pure, no database.

The shop invoices incl. VAT. The rule (cases/README.md "Delivery: the invoice explained", with
its sources):
- casco: the customer bears the own risk (`payer_rules.own_risk`, eigen risico);
- a VAT-registered business that deducts the VAT (`customer.deducts_vat`) is compensated
  excl. VAT, so it also pays the VAT on the invoice and reclaims it in its VAT return;
- the paying party pays the rest: the invoice excl. VAT minus the own risk for a VAT-deducting
  business, the invoice incl. VAT minus the own risk otherwise.
Under WA (the other party's liability insurer pays) there is no own risk of the customer.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from calcengine.arithmetic import round2

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class InvoiceSplit:
    total_incl_vat: Decimal
    subtotal_excl_vat: Decimal
    vat: Decimal
    own_risk: Decimal
    vat_to_customer: bool
    customer_pays: Decimal
    payer_pays: Decimal


def _amount(value: Any) -> Decimal:
    try:
        return round2(Decimal(str(value if value not in (None, "") else "0")))
    except InvalidOperation:
        return ZERO


def own_risk_of(payer_rules: dict[str, Any] | None) -> Decimal:
    """The customer's own risk: the policy's under casco, none under WA."""
    rules = payer_rules or {}
    if rules.get("cover") == "wa":
        return ZERO
    return _amount(rules.get("own_risk"))


def invoice_split(
    *, output: dict[str, Any], payer_rules: dict[str, Any] | None, customer: dict[str, Any] | None
) -> InvoiceSplit:
    """The shares of the invoice whose figures are the engine's `output` (rule: module doc)."""
    total = _amount(output.get("total_incl_vat"))
    subtotal = _amount(output.get("subtotal_excl_vat"))
    vat = _amount(output.get("vat"))
    vat_to_customer = bool((customer or {}).get("deducts_vat"))
    compensated = subtotal if vat_to_customer else total
    own_risk = min(own_risk_of(payer_rules), compensated)
    customer_pays = own_risk + (vat if vat_to_customer else ZERO)
    return InvoiceSplit(
        total_incl_vat=total,
        subtotal_excl_vat=subtotal,
        vat=vat,
        own_risk=own_risk,
        vat_to_customer=vat_to_customer,
        customer_pays=customer_pays,
        payer_pays=total - customer_pays,
    )
