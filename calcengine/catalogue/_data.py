"""Reading the catalogue's JSON files and the small conversions they all share.

The files hold money and labour units as strings ("389.60", "115"); they are read with
`parse_float=Decimal` as well, so that a stray JSON number with a fraction can never become a
float on its way to the engine.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from calcengine.catalogue.errors import CatalogueError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CENT = Decimal("0.01")


def read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle, parse_float=Decimal)


def to_decimal(value: Any, *, where: str) -> Decimal:
    """A Decimal from a data-file string or integer; floats are refused, never rounded."""
    if isinstance(value, (bool, float)):
        raise CatalogueError(f"{where}: geen geldig getal ({value!r})")
    if isinstance(value, Decimal):
        return value
    try:
        result = Decimal(str(value)) if isinstance(value, (int, str)) else None
    except InvalidOperation:
        result = None
    if result is None or not result.is_finite():
        raise CatalogueError(f"{where}: geen geldig getal ({value!r})")
    return result


def stored(value: Any, *, where: str) -> Any:
    """A figure as a data file must store it: a string or an integer, not a JSON fraction.

    `read_json` turns a fraction into a Decimal, so a Decimal here means the file wrote
    `389.6` where the catalogue's convention (and the contract's) is `"389.60"`.
    """
    if isinstance(value, Decimal):
        raise CatalogueError(f'{where}: schrijf getallen als tekst ("389.60"), niet als {value}')
    return value


def to_money(value: Any, *, where: str) -> Decimal:
    """An amount with at most two decimals, refused rather than silently rounded."""
    amount = to_decimal(value, where=where)
    if amount < 0:
        raise CatalogueError(f"{where}: een bedrag mag niet negatief zijn ({value!r})")
    if amount != amount.quantize(CENT):
        raise CatalogueError(f"{where}: een bedrag heeft hoogstens twee decimalen ({value!r})")
    return amount.quantize(CENT)


def to_date(value: Any, *, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CatalogueError(f"{where}: geen geldige datum JJJJ-MM-DD ({value!r})") from None


def money_str(amount: Decimal) -> str:
    """Money as the contract writes it: a string with exactly two decimals."""
    return str(amount.quantize(CENT))


def units_str(units: Decimal) -> str:
    """Labour units as the contract writes them: plain notation, no trailing zeros ("115", "4.8")."""
    text = format(units.normalize(), "f")
    return "0" if text in ("-0", "0") else text
