"""Dutch names for the codes of a calculation (operations, paint modes, part sources, sensors,
labour categories) and for the fields and totals that a version's diff lists (calculation-spec
§5, §7).

The codes and their Dutch labels are the tables of `calcengine.schema`, which marks the labels
for extraction (`gettext_noop`) without importing Django; here, at the Django edge, each table
becomes a `TextChoices` whose labels are translated (`gettext_lazy`), as
`assessment.models.LineVerdict` does for the scoring package's verdicts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from calcengine.schema import (
    LABOUR_CATEGORY_TABLE,
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
            }
            for op in OPERATION_TABLE
        ],
        "paint_modes": [{"code": c, "label": str(label)} for c, label in PAINT_MODE_LABELS.items()],
        "part_sources": [
            {"code": c, "label": str(label)} for c, label in PART_SOURCE_LABELS.items()
        ],
    }


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
}
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
        return f"{mode}, {value.get('units', '')} AE"
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
