"""Template filters for Dutch figures (`{% load dutch %}`), on top of calcengine.formatting.

Text that is no number is shown unchanged, so a typed mistake stays visible.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

from calcengine.formatting import format_money, format_number, format_percent, to_decimal

register = template.Library()

NBSP = "\u00a0"


def _unchanged(value: Any) -> str:
    return "" if value is None else str(value)


@register.filter
def euro(value: Any) -> str:
    """`"1234.56"` → `€ 1.234,56`."""
    if to_decimal(value) is None:
        return _unchanged(value)
    return format_money(value, separator=NBSP)


@register.filter
def signed_euro(value: Any) -> str:
    """A change of money: `+€ 12,00`, `-€ 3,50`, `€ 0,00`."""
    number = to_decimal(value)
    if number is None:
        return _unchanged(value)
    sign = "+" if number > 0 else "-" if number < 0 else ""
    return sign + format_money(abs(number), separator=NBSP)


@register.filter
def nl_number(value: Any, places: Any = "-") -> str:
    """`12.25|nl_number:1` → `12,3`; without places (or `"-"`) the value's own decimals."""
    if to_decimal(value) is None:
        return _unchanged(value)
    return format_number(value, None if places in ("-", None) else int(places))


@register.filter
def input_number(value: Any) -> str:
    """A stored decimal as a Dutch input field shows it: `"512.00"` → `512,00`, no thousands
    dots (the field is read back by `normalise_number`); anything else unchanged."""
    text = _unchanged(value)
    if to_decimal(text) is None or "." not in text:
        return text
    return text.replace(".", ",")


@register.filter
def percent(value: Any, places: Any = "-") -> str:
    """A fraction as a percentage: `"0.43"` → `43 %`; `|percent:1` → `43,0 %`."""
    if to_decimal(value) is None:
        return _unchanged(value)
    return format_percent(value, None if places in ("-", None) else int(places)).replace(" ", NBSP)


@register.filter
def km(value: Any) -> str:
    """A distance in whole kilometres: `74800` → `74.800 km`."""
    if to_decimal(value) is None:
        return _unchanged(value)
    return f"{format_number(value, 0)}{NBSP}km"


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """`mapping[key]` in a template (labels by code); empty when absent."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""


@register.filter
def positive(value: Any) -> bool:
    """True for a number above zero (`"0.00"` and empty are not)."""
    number = to_decimal(value)
    return number is not None and number > 0


@register.filter
def negate(value: Any) -> Any:
    """`126.40` → `-126.40`, for a deduction shown as a negative amount."""
    number = to_decimal(value)
    return None if number is None else -number


@register.filter
def nl_date(value: Any) -> str:
    """A date (or an ISO date as a calculation document holds it) as dd-mm-jjjj."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return _unchanged(value)
