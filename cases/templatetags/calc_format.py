"""Dutch number formatting for calculation figures: € 1.234,56 and 3,5.

The engine writes money and units as decimal strings; they are formatted from `Decimal`, never
through a float, so what the page shows is exactly what was computed.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

register = template.Library()


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, (bool, float)):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _group(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


def dutch_number(value: Any, places: int | None = None) -> str:
    """`1234.5` → `1.234,5`; with `places` the number is shown with that many decimals.

    Text that is no number is returned unchanged, so a typed mistake stays visible.
    """
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places))
    text = format(number, "f")
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, _, fraction = text.partition(".")
    return f"{sign}{_group(whole)}{',' + fraction if fraction else ''}"


@register.filter
def euro(value: Any) -> str:
    """Money: `"1234.56"` → `€ 1.234,56`; `"-12"` → `€ -12,00`."""
    if _decimal(value) is None:
        return "" if value is None else str(value)
    return f"€\u00a0{dutch_number(value, 2)}"


@register.filter
def signed_euro(value: Any) -> str:
    """A change of money: `+€ 12,00`, `-€ 3,50`, `€ 0,00`."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    if number > 0:
        return f"+€\u00a0{dutch_number(number, 2)}"
    if number < 0:
        return f"-€\u00a0{dutch_number(-number, 2)}"
    return f"€\u00a0{dutch_number(number, 2)}"


@register.filter
def nlnum(value: Any) -> str:
    """Units and hours as Dutch numbers without forcing decimals: `"3.5"` → `3,5`."""
    return dutch_number(value)


@register.filter
def percent(value: Any) -> str:
    """A fraction as a percentage: `"0.43"` → `43 %`."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    return f"{dutch_number((number * 100).normalize())}\u00a0%"


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """`mapping[key]` in a template (labels by code), empty when absent."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
