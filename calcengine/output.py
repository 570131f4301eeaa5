"""`to_json`: an `Estimate` as the output JSON of calculation-spec §5.

Money is shown with exactly two decimals; units in plain notation without trailing zeros;
hours quantized half up to 4 decimals, then trimmed. Showing never changes a computed amount:
every amount was computed from the exact figures before this module sees it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from calcengine.arithmetic import CONTEXT
from calcengine.model import Estimate

_CENT = Decimal("0.01")
_HOURS_STEP = Decimal("0.0001")


# Estimates repeat the same few figures (rates, "0", "0.00", common units); showing each once and
# reusing the text keeps the output cheap. Keyed by value, which is what the text depends on.
_SHOWN_MAX = 4096
_money_shown: dict[Decimal, str] = {}
_plain_shown: dict[Decimal, str] = {}


def money(amount: Decimal) -> str:
    """A money string with exactly two decimals ("412.30").

    Only a figure taken from the input as given can have more decimals (a labour `rate` of
    "72.505"; amounts summed as given are refused with more than two, §4); it is shown to the
    cent, half up.
    """
    text = _money_shown.get(amount)
    if text is None:
        text = str(amount.quantize(_CENT, ROUND_HALF_UP))
        if text == "-0.00":
            text = "0.00"
        if len(_money_shown) < _SHOWN_MAX:
            _money_shown[amount] = text
    return text


def plain(number: Decimal) -> str:
    """The exact decimal in plain notation, trailing zeros removed ("37", "3.5", never "1E+1")."""
    text = _plain_shown.get(number)
    if text is None:
        if number:
            text = format(number, "f")
            if "." in text:
                text = text.rstrip("0").rstrip(".")
        else:
            text = "0"
        if len(_plain_shown) < _SHOWN_MAX:
            _plain_shown[number] = text
    return text


def hours(number: Decimal) -> str:
    """Hours quantized half up to 4 decimals, then trimmed like units ("3.7", "0.8333")."""
    return plain(number.quantize(_HOURS_STEP, ROUND_HALF_UP))


def to_json(estimate: Estimate) -> dict[str, Any]:
    """The §5 output, JSON-ready (strings, ints, booleans, None), keys in the spec's order."""
    with localcontext(CONTEXT):
        return _to_json(estimate)


def _to_json(estimate: Estimate) -> dict[str, Any]:
    total_loss = estimate.total_loss
    return {
        "spec": estimate.spec,
        "labour": {
            category: {
                "units": plain(result.units),
                "hours": hours(result.hours),
                "rate": money(result.rate),
                "amount": money(result.amount),
            }
            for category, result in estimate.labour.items()
        },
        "paint": {
            "units": plain(estimate.paint.units),
            "hours": hours(estimate.paint.hours),
            "labour_amount": money(estimate.paint.labour_amount),
            "material_amount": money(estimate.paint.material_amount),
        },
        "parts": {
            "gross": money(estimate.parts.gross),
            "discount": money(estimate.parts.discount),
            "net": money(estimate.parts.net),
        },
        "small_materials": money(estimate.small_materials),
        "subcontract": money(estimate.subcontract),
        "sundries": money(estimate.sundries),
        "disposal": money(estimate.disposal),
        "subtotal_excl_vat": money(estimate.subtotal_excl_vat),
        "vat": money(estimate.vat),
        "total_incl_vat": money(estimate.total_incl_vat),
        "repair_days": estimate.repair_days,
        "total_loss": {
            "value_before_damage": money(total_loss.value_before_damage),
            "depreciation_percent": (
                None
                if total_loss.depreciation_percent is None
                else plain(total_loss.depreciation_percent)
            ),
            "compared": money(total_loss.compared),
            "threshold": money(total_loss.threshold),
            "economic_total_loss": total_loss.economic_total_loss,
            "repair_ratio": money(total_loss.repair_ratio),
        },
        "lines": _lines(estimate),
        "warnings": [
            {"code": warning.code, "line_id": warning.line_id, "message": warning.message}
            for warning in estimate.warnings
        ],
    }


def _lines(estimate: Estimate) -> list[dict[str, str]]:
    shown_money, shown_plain = money, plain
    return [
        {
            "id": line.id,
            "labour_units": shown_plain(line.labour_units),
            "paint_units": shown_plain(line.paint_units),
            "parts_net": shown_money(line.parts_net),
        }
        for line in estimate.lines
    ]
