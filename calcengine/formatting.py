"""Dutch notation for figures: "€ 1.234,56", "12,5", "43 %".

The one formatter for the whole platform (engine messages, scoring sentences, pages, PDFs,
CSV). It works from `Decimal` — never through a float — so what is shown is what was computed.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Python writes "1,234.5"; Dutch writes "1.234,5".
_TO_DUTCH = str.maketrans({",": ".", ".": ","})
_ONE = Decimal(1)
# The quantum for `places` decimals, built once: 0 → 1, 2 → 0.01.
_QUANTA = {places: _ONE.scaleb(-places) for places in range(7)}


def to_decimal(value: object) -> Decimal | None:
    """A finite Decimal from a Decimal, int or decimal string; None for anything else."""
    if type(value) is Decimal:  # the common case, which needs no conversion
        return value if value.is_finite() else None
    if value is None or value == "" or isinstance(value, (bool, float)):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def format_number(value: Decimal | int | str, places: int | None = None) -> str:
    """Comma for decimals and a dot between thousands ("1.234,5").

    With `places` the value is rounded half up to that many decimals; without, it keeps its
    significant decimals and trailing zeros are left out ("12,5", "250").
    """
    number = to_decimal(value)
    if number is None:
        raise ValueError(f"Geen getal: {value!r}")
    if places is not None:
        quantum = _QUANTA.get(places)
        if quantum is None:
            quantum = _ONE.scaleb(-places)
        # Rounding passed by position: parsing it as a keyword costs more than the rounding.
        number = number.quantize(quantum, ROUND_HALF_UP)
    elif number == number.to_integral_value():
        number = number.quantize(_ONE)
    else:
        number = number.normalize()
    if number.is_zero():
        number = abs(number)  # rounding may leave "-0,00", which reads as a loss
    # Below 1,000 there is no thousands separator, and str() is plain unless it shows an
    # exponent: only the decimal point changes, far cheaper than formatting with ",f".
    if number.adjusted() < 3:
        text = str(number)
        if "E" not in text:
            return text.replace(".", ",")
    return f"{number:,f}".translate(_TO_DUTCH)


def format_money(value: Decimal | int | str, *, separator: str = " ") -> str:
    """ "€ 1.234,56": always two decimals; `separator` is a no-break space in HTML."""
    return f"€{separator}{format_number(value, 2)}"


def format_percent(fraction: Decimal | int | str, places: int | None = None) -> str:
    """A fraction as a percentage: 0.43 → "43 %"."""
    number = to_decimal(fraction)
    if number is None:
        raise ValueError(f"Geen getal: {fraction!r}")
    return f"{format_number(number * 100, places)} %"
