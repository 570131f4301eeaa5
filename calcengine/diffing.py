"""`diff`: what changed between two versions of one calculation (calculation-spec §7).

A supplement (suppletie) or final calculation is shown to the paying party as the lines added,
removed and changed against the earlier version, and the change of every total.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from calcengine.calculation import calculate
from calcengine.errors import InputError
from calcengine.model import Estimate, Line
from calcengine.output import money, plain
from calcengine.schema import LINE_FIELD_ORDER
from calcengine.validation import parse

# The input fields of a line, in the spec's order; `assess` belongs to scoring, not to the claim.
LINE_FIELDS = tuple(field for field in LINE_FIELD_ORDER if field not in ("id", "assess"))
_MONEY_FIELDS = frozenset({"unit_price", "amount"})


def diff(old: Any, new: Any) -> dict[str, Any]:
    """Compare two `schadecalc/1` inputs (plain data, e.g. from `loads`) of one calculation.

    Returns::

        {
          "lines": {
            "added":   [{"id": "9", "code": ..., <every field of the line>}, ...],
            "removed": [{"id": "4", ...}, ...],
            "changed": [{"id": "2", "changes": {"unit_price": {"old": "412.30", "new": "389.60"}}}]
          },
          "totals": {
            "subtotal_excl_vat": {"old": "2850.92", "new": "3012.40", "change": "161.48"},
            ...
          }
        }

    Lines are matched by `id`: `added` in the new input's order, `removed` and `changed` in the
    old input's order. A line's fields are shown as in the output (money with two decimals,
    units plain; `paint` as `{"mode", "units"}`, absent optional fields as their default);
    a field changes when its value changes, so "10" and "10.0" are equal. `totals` holds every
    money total of the output, each with old, new and `change = new − old`, in output order,
    whether or not it changed.

    Raises `InputError` when either input is refused; paths start with `old.` or `new.`.
    """
    errors: list[dict[str, str]] = []
    parsed = []
    for name, data in (("old", old), ("new", new)):
        try:
            parsed.append(parse(data))
        except InputError as exc:
            errors.extend(
                {"path": f"{name}.{e['path']}" if e["path"] else name, "message": e["message"]}
                for e in exc.errors
            )
    if errors:
        raise InputError(errors)
    before, after = parsed
    return {
        "lines": _line_changes(before.lines, after.lines),
        "totals": _total_changes(calculate(before), calculate(after)),
    }


def _shown(field: str, value: Any) -> Any:
    if isinstance(value, Decimal):
        # A unit price with more than two decimals (a clip at "0.125") is shown exactly.
        # An int: an input's numbers are finite (validation refuses NaN and infinity).
        if field in _MONEY_FIELDS and cast(int, value.as_tuple().exponent) >= -2:
            return money(value)
        return plain(value)
    if field == "paint" and value is not None:
        return {"mode": value.mode, "units": plain(value.units)}
    if isinstance(value, tuple):
        return list(value)
    return value


def _fields(line: Line) -> dict[str, Any]:
    return {"id": line.id} | {field: _shown(field, getattr(line, field)) for field in LINE_FIELDS}


def _line_changes(old: tuple[Line, ...], new: tuple[Line, ...]) -> dict[str, list[Any]]:
    old_by_id = {line.id: line for line in old}
    new_by_id = {line.id: line for line in new}
    changed = []
    for line in old:
        other = new_by_id.get(line.id)
        if other is None:
            continue
        changes = {
            field: {
                "old": _shown(field, getattr(line, field)),
                "new": _shown(field, getattr(other, field)),
            }
            for field in LINE_FIELDS
            if getattr(line, field) != getattr(other, field)
        }
        if changes:
            changed.append({"id": line.id, "changes": changes})
    return {
        "added": [_fields(line) for line in new if line.id not in old_by_id],
        "removed": [_fields(line) for line in old if line.id not in new_by_id],
        "changed": changed,
    }


def _totals(estimate: Estimate) -> dict[str, Decimal]:
    return {
        "labour.body": estimate.labour["body"].amount,
        "labour.mechanical": estimate.labour["mechanical"].amount,
        "labour.electrical": estimate.labour["electrical"].amount,
        "paint.labour_amount": estimate.paint.labour_amount,
        "paint.material_amount": estimate.paint.material_amount,
        "parts.gross": estimate.parts.gross,
        "parts.discount": estimate.parts.discount,
        "parts.net": estimate.parts.net,
        "small_materials": estimate.small_materials,
        "subcontract": estimate.subcontract,
        "sundries": estimate.sundries,
        "disposal": estimate.disposal,
        "subtotal_excl_vat": estimate.subtotal_excl_vat,
        "vat": estimate.vat,
        "total_incl_vat": estimate.total_incl_vat,
    }


def _total_changes(old: Estimate, new: Estimate) -> dict[str, dict[str, str]]:
    before, after = _totals(old), _totals(new)
    return {
        name: {
            "old": money(before[name]),
            "new": money(after[name]),
            "change": money(after[name] - before[name]),
        }
        for name in before
    }
