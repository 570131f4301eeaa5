"""Dutch number formatting for pages and PDFs: `€ 1.234,56`, `12,5`, `1.234`.

The figures come as Decimal or as the strings of the JSON contracts; they are never floats.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_nl(value, places: int | None = 2) -> str:
    """`1234.5` → `1.234,50` (places=2); places=None keeps the value's own decimals."""
    number = _decimal(value)
    if number is None:
        return "" if value is None else str(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    if fraction:
        result += "," + fraction
    return sign + result


@register.filter
def euro(value) -> str:
    """`1234.56` → `€ 1.234,56`; negative `€ -12,00`."""
    if _decimal(value) is None:
        return ""
    return "€\u00a0" + format_nl(value, 2)


@register.filter
def nl_number(value, places=1) -> str:
    """`12.25` → `12,3` (places=1); `nl_number:0` for whole numbers; `nl_number:"-"` as is."""
    if places == "-":
        return format_nl(value, None)
    return format_nl(value, int(places))


@register.filter
def percent(value, places=0) -> str:
    """A fraction `0.1234` → `12 %`."""
    number = _decimal(value)
    if number is None:
        return ""
    return format_nl(number * 100, int(places)) + "\u00a0%"


@register.filter
def get_item(mapping, key):
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def positive(value) -> bool:
    """True for a number above zero (`"0.00"` and empty are not)."""
    number = _decimal(value)
    return number is not None and number > 0


@register.filter
def negate(value):
    """`126.40` → `-126.40`, for a deduction shown as a negative amount."""
    number = _decimal(value)
    return None if number is None else -number
