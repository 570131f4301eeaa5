"""Reading JSON text into plain data whose numbers are exact (calculation-spec §1).

Numbers with a fraction or an exponent become `Decimal`, integers stay `int`; nothing ever
passes through a float. Input that no calculation could come from is refused here, before it
can cost time or memory: too large, nested too deep, NaN or Infinity, or numbers whose size is
absurd (1e999 has a thousand digits before the point).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from calcengine.errors import InputError

MAX_INPUT_BYTES = 10_000_000
MAX_DEPTH = 64
# Far beyond any amount the spec allows (12 digits before the point), yet small enough that
# Decimal arithmetic on such a number stays cheap.
MAX_EXPONENT = 99
# Longer integer literals would hit Python's int-conversion limit; no valid field needs them.
MAX_INT_DIGITS = 100


class _Refused:
    """Stands in for a number that `loads` refuses, so every such number can be reported."""

    __slots__ = ("message", "text")

    def __init__(self, text: str, message: str = "") -> None:
        self.text = text
        self.message = message


def loads(raw: str | bytes) -> Any:
    """Parse JSON text; refuse it with `InputError` (path `""` or the number's path) when unusable."""
    text = _text(raw)
    refused: list[_Refused] = []

    def parse_float(literal: str) -> Decimal | _Refused:
        value = Decimal(literal)
        if value and not -MAX_EXPONENT <= value.adjusted() <= MAX_EXPONENT:
            refused.append(_Refused(literal))
            return refused[-1]
        # §1: a JSON number with a fraction is accepted only if it converts exactly through
        # str(): one that a float reader would silently change is refused, not guessed at.
        if Decimal(str(float(literal))) != value:
            refused.append(_Refused(literal, _IMPRECISE))
            return refused[-1]
        return value

    def parse_int(literal: str) -> int | _Refused:
        if len(literal) > MAX_INT_DIGITS:
            refused.append(_Refused(literal))
            return refused[-1]
        return int(literal)

    def parse_constant(literal: str) -> _Refused:
        refused.append(_Refused(literal))
        return refused[-1]

    try:
        data = json.loads(
            text, parse_float=parse_float, parse_int=parse_int, parse_constant=parse_constant
        )
    except json.JSONDecodeError as exc:
        message = f"Ongeldige JSON op regel {exc.lineno}, kolom {exc.colno}: {_dutch(exc.msg)}."
        raise InputError([{"path": "", "message": message}]) from None
    except RecursionError:
        raise _too_deep() from None

    if text.count("[") + text.count("{") > MAX_DEPTH and _depth(data) > MAX_DEPTH:
        raise _too_deep()
    if refused:
        raise InputError(_refused_numbers(data))
    return data


def _text(raw: str | bytes) -> str:
    if isinstance(raw, bytes | bytearray):
        if len(raw) > MAX_INPUT_BYTES:
            raise _too_large()
        try:
            text = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as exc:
            message = f"De invoer is geen geldige UTF-8-tekst (byte {exc.start})."
            raise InputError([{"path": "", "message": message}]) from None
    elif isinstance(raw, str):
        text = raw
        # A character takes at most 4 bytes in UTF-8: only long texts need encoding to measure.
        if (
            len(text) > MAX_INPUT_BYTES // 4
            and len(text.encode("utf-8", "surrogatepass")) > MAX_INPUT_BYTES
        ):
            raise _too_large()
    else:
        raise InputError([{"path": "", "message": "De invoer moet JSON-tekst zijn."}])
    return text[1:] if text.startswith("\ufeff") else text


def _too_large() -> InputError:
    return InputError(
        [{"path": "", "message": f"De invoer is groter dan {MAX_INPUT_BYTES // 1_000_000} MB."}]
    )


def _too_deep() -> InputError:
    return InputError(
        [{"path": "", "message": f"De JSON is dieper genest dan {MAX_DEPTH} niveaus."}]
    )


def _depth(data: Any) -> int:
    """How deep objects and arrays nest in `data` (a scalar is depth 0)."""
    if type(data) is not dict and type(data) is not list:
        return 0
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > MAX_DEPTH:
                return deepest
        items = value.values() if type(value) is dict else value
        for item in items:
            if type(item) is dict or type(item) is list:
                stack.append((item, depth + 1))
    return deepest


_JSON_MESSAGES = {
    "Expecting value": "waarde verwacht",
    "Expecting property name enclosed in double quotes": "veldnaam tussen dubbele aanhalingstekens verwacht",
    "Expecting ':' delimiter": "':' verwacht",
    "Expecting ',' delimiter": "',' verwacht",
    "Extra data": "extra tekst na het JSON-document",
    "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
    "Invalid control character at": "ongeldig stuurteken in tekst",
    "Invalid \\escape": "ongeldige escape in tekst",
    "Invalid \\uXXXX escape": "ongeldige \\u-escape in tekst",
}


def _dutch(message: str) -> str:
    return _JSON_MESSAGES.get(message, message)


def _refused_numbers(data: Any) -> list[dict[str, str]]:
    """Every number `loads` refused, with its path, in document order."""
    found: list[dict[str, str]] = []

    def visit(value: Any, path: str) -> None:
        if type(value) is dict:
            for key, item in value.items():
                visit(item, f"{path}.{key}" if path else str(key))
        elif type(value) is list:
            for index, item in enumerate(value):
                visit(item, f"{path}[{index}]")
        elif type(value) is _Refused:
            found.append({"path": path, "message": value.message or _refused_message(value.text)})

    visit(data, "")
    return found


_IMPRECISE = (
    "Dit getal heeft meer cijfers dan een JSON-getal met komma exact kan dragen; "
    'schrijf het als tekst, bijvoorbeeld "0.1234567890123456789".'
)


def _refused_message(text: str) -> str:
    if text in ("NaN", "Infinity", "-Infinity"):
        return f"{text} is geen getal; geef een eindig getal."
    shown = text if len(text) <= 20 else text[:17] + "..."
    return f"Het getal {shown} is absurd groot of klein; geen bedrag of aantal heeft meer dan 12 cijfers voor de komma."
