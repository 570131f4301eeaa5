"""Dutch names for the codes of a calculation (operations, paint modes, part sources, sensors,
labour categories) and for the fields and totals that a version's diff lists (calculation-spec
§5, §7).

The codes and their Dutch labels are the tables of `calcengine.schema`, which marks the labels
for extraction (`gettext_noop`) without importing Django; here, at the Django edge, each table
becomes a `TextChoices` whose labels are translated (`gettext_lazy`), as
`assessment.models.LineVerdict` does for the scoring package's verdicts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

from django.db import models
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from calcengine.formatting import format_number, to_decimal
from calcengine.schema import (
    LABOUR_CATEGORY_TABLE,
    OPERATION,
    OPERATION_TABLE,
    PAINT_MODE_TABLE,
    PART_SOURCE_TABLE,
    SENSOR_TABLE,
)

from .lines import editable_fields


class _Coded(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def label(self) -> str: ...


def _text_choices(name: str, table: Iterable[_Coded]) -> type[models.TextChoices]:
    """A `TextChoices` of the table's codes with their labels translated."""
    members = [(row.code.upper(), (row.code, gettext_lazy(row.label))) for row in table]
    # The functional Enum API, which django-stubs does not describe.
    return models.TextChoices(name, members)  # type: ignore[call-overload]


Operation = _text_choices("Operation", OPERATION_TABLE)
PaintMode = _text_choices("PaintMode", PAINT_MODE_TABLE)
PartSource = _text_choices("PartSource", PART_SOURCE_TABLE)
Sensor = _text_choices("Sensor", SENSOR_TABLE)
LabourCategory = _text_choices("LabourCategory", LABOUR_CATEGORY_TABLE)

# Code → translated label, in the tables' order (a calculation program's order).
OPERATION_LABELS: dict[str, Promise] = dict(Operation.choices)  # type: ignore[arg-type]
PAINT_MODE_LABELS: dict[str, Promise] = dict(PaintMode.choices)  # type: ignore[arg-type]
PART_SOURCE_LABELS: dict[str, Promise] = dict(PartSource.choices)  # type: ignore[arg-type]
SENSOR_LABELS: dict[str, Promise] = dict(Sensor.choices)  # type: ignore[arg-type]
LABOUR_LABELS: dict[str, Promise] = dict(LabourCategory.choices)  # type: ignore[arg-type]


def editor_table() -> dict[str, Any]:
    """The operations table as the editor's JavaScript reads it (`json_script`): per operation
    its label and the fields a trainee edits on its line, and the paint modes and part sources
    with their labels, translated for the current language."""
    return {
        "operations": [
            {
                "code": op.code,
                "label": str(OPERATION_LABELS[op.code]),
                "fields": editable_fields({"operation": op.code}),
                "add_fields": add_fields(op.code),
                "needs_paint": op.needs_paint,
            }
            for op in OPERATION_TABLE
        ],
        "paint_modes": [{"code": c, "label": str(label)} for c, label in PAINT_MODE_LABELS.items()],
        "part_sources": [
            {"code": c, "label": str(label)} for c, label in PART_SOURCE_LABELS.items()
        ],
        # A field's Dutch name for every path an error may name (`field_label`), so that the
        # script never shows `unit_price` or `repair_units` to a trainee.
        "field_labels": {field: str(label) for field, label in FIELD_LABELS.items()},
        # The paint level a line switched to paint-only work gets (catalogue.switch_operation).
        "switch_paint_mode": SWITCH_PAINT_MODE,
    }


def add_fields(operation: str) -> dict[str, bool]:
    """Which fields of the add form an operation uses, so that a value typed for another
    operation (a repair time, a paint level, a price) is not sent with it: the catalogue's
    prefill (`calcengine.catalogue.prefill_line`) refuses repair time on anything but a repair,
    and source, quantity and price on anything but a replace."""
    kind = OPERATION.get(operation)
    if kind is None:
        return dict.fromkeys(ADD_FIELDS, False)
    return {
        "paint_mode": kind.takes_paint,
        # Repair is the one part operation whose time the caller gives (catalogue.lines).
        "repair_units": kind.carries_labour and kind.judges_repair and not kind.buys_part,
        "part_source": kind.buys_part,
        "quantity": kind.buys_part,
        "unit_price": kind.buys_part,
    }


ADD_FIELDS = ("paint_mode", "repair_units", "part_source", "quantity", "unit_price")
# A line switched in place to paint-only work that had no paint level gets surface paint (AZT
# level II): painting a panel that needs no filler (`catalogue.switch_operation`, the script).
SWITCH_PAINT_MODE = "surface"


FIELD_LABELS = {
    "code": _("code"),
    "description": _("omschrijving"),
    "operation": _("bewerking"),
    "labour_category": _("arbeidssoort"),
    "labour_units": _("arbeid (AE)"),
    "paint": _("lakwerk"),
    "part_group": _("onderdeelgroep"),
    "unit_price": _("prijs per stuk"),
    "quantity": _("aantal"),
    "part_source": _("herkomst"),
    "amount": _("bedrag"),
    "sensor": _("sensor"),
    "adas_sensors": _("ADAS-sensoren"),
    "hv_zone": _("HV-zone"),
    "repair_allowed": _("herstel toegestaan"),
    # The add form's fields (the prefill API's request), which its refusals name.
    "part_code": _("onderdeel of werkcode"),
    "repair_units": _("hersteltijd (AE)"),
    "paint_mode": _("lakniveau"),
    "paint.mode": _("lakniveau"),
    "paint.units": _("lak (AE)"),
    "line_id": _("regelnummer"),
    "version": _("versie"),
    "lines": _("regels"),
}
_FIELD_NAME = re.compile(r"\b(" + "|".join(re.escape(f) for f in FIELD_LABELS if "_" in f) + r")\b")


def field_label(path: str) -> str:
    """The Dutch name of the field an error path names: `lines[3].unit_price` → "Prijs per
    stuk", `paint.units` → "Lak (AE)", `repair_units` → "Hersteltijd (AE)"; "" for a path that
    names no field (a whole line) or one without a label."""
    rest = re.sub(r"^lines\[\d+\]\.?", "", path or "")
    while rest:
        if rest in FIELD_LABELS:
            return str(capfirst(FIELD_LABELS[rest]))
        rest = rest.rpartition(".")[0]
    return ""


def readable_message(message: str) -> str:
    """A message with every internal field name in it (`labour_units`, `repair_units`, ...)
    replaced by its Dutch label: the engine's and the catalogue's messages name some."""
    return _FIELD_NAME.sub(lambda match: str(FIELD_LABELS[match.group(1)]), message)


def readable_error(error: dict[str, str]) -> str:
    """An error as the editor shows it: "Prijs per stuk: Mag niet negatief zijn."."""
    label = field_label(error.get("path", ""))
    message = readable_message(error.get("message", ""))
    return f"{label}: {message}" if label else message


TOTAL_LABELS = {
    "labour.body": _("Arbeid plaatwerk"),
    "labour.mechanical": _("Arbeid mechanisch"),
    "labour.electrical": _("Arbeid elektrisch/HV"),
    "paint.labour_amount": _("Arbeid spuitwerk"),
    "paint.material_amount": _("Lakmateriaal"),
    "parts.gross": _("Onderdelen bruto"),
    "parts.discount": _("Korting onderdelen"),
    "parts.net": _("Onderdelen netto"),
    "small_materials": _("Kleinmateriaal"),
    "subcontract": _("Werk derden"),
    "sundries": _("Diversen"),
    "disposal": _("Afvalverwerking"),
    "subtotal_excl_vat": _("Subtotaal excl. btw"),
    "vat": _("Btw"),
    "total_incl_vat": _("Totaal incl. btw"),
}


def units_text(value: Any) -> str:
    """Labour units as read: `12.5` → `12,5 AE` (`LU` in English)."""
    number = to_decimal(value)
    shown = format_number(number) if number is not None else str(value)
    return f"{shown} {_('AE')}"


def shown_value(field: str, value: Any) -> str:
    """A diff value as the trainee reads it: Dutch names for codes, "—" for absent."""
    if value is None or value == "":
        return "—"
    if field == "operation":
        return str(OPERATION_LABELS.get(value, value))
    if field == "part_source":
        return str(PART_SOURCE_LABELS.get(value, value))
    if field == "sensor" and isinstance(value, str):
        return str(SENSOR_LABELS.get(value, value))
    if field == "adas_sensors" and isinstance(value, list):
        shown = (SENSOR_LABELS.get(v, v) if isinstance(v, str) else v for v in value)
        return ", ".join(str(v) for v in shown) or "—"
    if field == "paint" and isinstance(value, dict):
        mode = PAINT_MODE_LABELS.get(value.get("mode"), value.get("mode"))
        return f"{mode}, {units_text(value.get('units', ''))}"
    if isinstance(value, bool):
        return str(_("ja")) if value else str(_("nee"))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def diff_for_display(
    version_input: dict[str, Any], diff: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The version's diff with line names and Dutch labels, for the versions page."""
    if diff is None:
        return None
    by_id = {
        line.get("id"): line for line in version_input.get("lines", []) if isinstance(line, dict)
    }
    changed = []
    for entry in diff["lines"]["changed"]:
        line = by_id.get(entry["id"], {})
        changed.append(
            {
                "id": entry["id"],
                "code": line.get("code", ""),
                "description": line.get("description", ""),
                "changes": [
                    {
                        "label": FIELD_LABELS.get(field, field),
                        "old": shown_value(field, change["old"]),
                        "new": shown_value(field, change["new"]),
                    }
                    for field, change in entry["changes"].items()
                ],
            }
        )
    totals = [
        {"key": key, "label": TOTAL_LABELS.get(key, key), **values}
        for key, values in diff["totals"].items()
        if values["change"] != "0.00" or key == "total_incl_vat"
    ]
    return {
        "added": diff["lines"]["added"],
        "removed": diff["lines"]["removed"],
        "changed": changed,
        "totals": totals,
    }


def errors_by_line(
    errors: list[dict[str, str]],
) -> tuple[dict[int, list[str]], list[dict[str, str]]]:
    """The engine's errors split into those of a line (by index, each as the trainee reads
    it: the field's Dutch name, never its internal one) and the rest."""
    per_line: dict[int, list[str]] = {}
    other: list[dict[str, str]] = []
    for error in errors:
        path = error.get("path", "")
        if path.startswith("lines[") and "]" in path:
            index_text = path[len("lines[") : path.index("]")]
            if index_text.isdigit():
                per_line.setdefault(int(index_text), []).append(readable_error(error))
                continue
        other.append(error)
    return per_line, other
