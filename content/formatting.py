"""Dutch notation for figures shown in lessons: "€ 1.234,56", "12,5", "21 %"."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def number_nl(value: Decimal | int | str, places: int | None = None) -> str:
    """A number with a comma for decimals and a dot between thousands ("1.234,5").

    `places` fixes the number of decimals (rounded half up); without it the value keeps its own.
    """
    number = Decimal(str(value))
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
    return f"{sign}{result},{fraction}" if fraction else f"{sign}{result}"


def money_nl(value: Decimal | str) -> str:
    """ "€ 1.234,56" (always two decimals)."""
    return f"€ {number_nl(value, places=2)}"
