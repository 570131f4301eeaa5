"""Dutch names for the codes of a calculation (operations, paint modes, part sources, labour
categories) and for the fields and totals that a version's diff lists (calculation-spec §5, §7)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

# The operations in the order a calculation program offers them, with their Dutch names.
OPERATION_LABELS = {
    "replace": _("Vervangen"),
    "repair": _("Herstellen"),
    "remove_refit": _("Demonteren/monteren"),
    "paint": _("Spuiten"),
    "calibrate": _("Kalibreren (ADAS)"),
    "hv_safety": _("HV-veiligstellen"),
    "subcontract": _("Werk derden"),
    "sundry": _("Diversen"),
}
PAINT_MODE_LABELS = {
    "new": _("Nieuw onderdeel (niveau I)"),
    "surface": _("Oppervlak (niveau II)"),
    "repair_minor": _("Herstel ≤ 50% (niveau III)"),
    "repair_major": _("Herstel > 50% (niveau IV)"),
    "blend": _("Inspuiten"),
}
PART_SOURCE_LABELS = {
    "oem": _("Origineel (OEM)"),
    "used": _("Gebruikt / demontage"),
    "aftermarket": _("Imitatie"),
}
LABOUR_LABELS = {
    "body": _("Plaatwerk"),
    "paint": _("Spuitwerk"),
    "mechanical": _("Mechanisch"),
    "electrical": _("Elektrisch/HV"),
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
