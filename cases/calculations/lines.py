"""Applying the edits of the server-rendered lines form (the path without JavaScript) to lines.

Pure functions on plain data. The trainee's typed values are kept exactly as typed (after the
Dutch decimal comma becomes a point): a draft may be invalid, and the engine, not this module,
says what is wrong with it, so nothing typed is lost or silently "corrected".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from calcengine.schema import MAX_LINES, OPERATION
from schadeplatform import json_guard

# The hidden field that carries the lines the form was rendered from.
LINES_FIELD = "lines_json"


def normalise_number(text: str) -> str:
    """A typed number in contract notation: "1.234,56" → "1234.56", "2,5" → "2.5", "€ 12" → "12".

    With a comma present the comma is the decimal mark and points are thousands separators (Dutch);
    without one the text is taken as it is. Anything else is kept as typed for the engine to refuse.
    """
    value = text.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    return value


def parse_lines_json(text: str) -> list[Any]:
    """The lines the form was rendered from (the hidden field `lines_json`), read through the
    platform's one JSON guard and limits, as the API reads its body; raises `JsonRefused` with
    the field named when they cannot be taken."""
    value = json_guard.loads(text or "[]", path=LINES_FIELD)
    if not isinstance(value, list):
        raise json_guard.JsonRefused(
            [{"path": LINES_FIELD, "message": _("De regels moeten een lijst zijn.")}]
        )
    check_lines(value, path=LINES_FIELD)
    return value


def check_lines(lines: list[Any], *, path: str = "lines") -> None:
    """Refuse (`JsonRefused`) lines that may not be stored: more than the engine takes, or
    text no database can hold (the typed values are checked here too, after `apply_edits`)."""
    if len(lines) > MAX_LINES:
        message = _("Een calculatie heeft hoogstens %(max)s regels; deze heeft er %(count)s.") % {
            "max": MAX_LINES,
            "count": len(lines),
        }
        raise json_guard.JsonRefused([{"path": path, "message": message}])
    json_guard.check(lines, path=path)


def field_name(index: int, field: str) -> str:
    return f"line-{index}-{field}"


def editable_fields(line: Mapping[str, Any]) -> dict[str, bool]:
    """Which fields a trainee edits on this line, as a calculation program shows them in its
    table: what its operation carries, by the operations table (`calcengine.schema`). The
    editor's JavaScript gets the same answer per operation (`labels.editor_table`)."""
    operation = line.get("operation")
    kind = OPERATION.get(operation) if isinstance(operation, str) else None
    if kind is None:
        return dict.fromkeys(EDITABLE_FIELDS, False)
    return {
        "labour_units": kind.carries_labour,
        "paint": kind.takes_paint,
        "unit_price": kind.buys_part,
        "quantity": kind.buys_part,
        "part_source": kind.buys_part,
        "amount": kind.takes_amount,
    }


EDITABLE_FIELDS = ("labour_units", "paint", "unit_price", "quantity", "part_source", "amount")


def apply_edits(lines: list[Any], data: Mapping[str, str]) -> list[Any]:
    """`lines` with the form's typed values applied; lines that are not objects pass unchanged."""
    edited: list[Any] = []
    for index, line in enumerate(lines):
        if not isinstance(line, dict):
            edited.append(line)
            continue
        line = dict(line)
        fields = editable_fields(line)

        for field in ("labour_units", "unit_price", "amount"):
            value = _typed(data, index, field)
            if fields[field] and value is not None:
                line[field] = normalise_number(value)
        quantity = _typed(data, index, "quantity")
        if fields["quantity"] and quantity is not None:
            quantity = normalise_number(quantity)
            if quantity in ("", "1"):
                line.pop("quantity", None)
            else:
                line["quantity"] = quantity
        source = _typed(data, index, "part_source")
        if fields["part_source"] and source is not None:
            if source in ("", "oem"):
                line.pop("part_source", None)
            else:
                line["part_source"] = source
        mode = _typed(data, index, "paint_mode")
        units = _typed(data, index, "paint_units")
        if fields["paint"] and mode is not None:
            if mode == "":
                line.pop("paint", None)
            else:
                old = line.get("paint") if isinstance(line.get("paint"), dict) else {}
                paint_units = normalise_number(units) if units is not None else old.get("units", "")
                line["paint"] = {"mode": mode, "units": paint_units}
        edited.append(line)
    return edited


def _typed(data: Mapping[str, str], index: int, field: str) -> str | None:
    value = data.get(field_name(index, field))
    return None if value is None else str(value)


def remove_line(lines: list[Any], index: int) -> list[Any]:
    return [line for i, line in enumerate(lines) if i != index]
