"""A calcengine estimate as the rows of a small table, in Dutch notation, for a lesson."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import calcengine
from calcengine.formatting import format_money, format_number

LABOUR_NAMES = {
    "body": "Plaatwerk",
    "mechanical": "Mechanisch",
    "electrical": "Elektrisch / HV",
}


@dataclass(frozen=True)
class Row:
    label: str
    detail: str = ""
    amount: str = ""
    emphasis: bool = False


@dataclass(frozen=True)
class WorkedExampleTable:
    vehicle: str
    units_per_hour: int
    rows: list[Row] = field(default_factory=list)
    total_loss: list[Row] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str = ""


def _labour_detail(units: str, hours: str, units_per_hour: int, rate: str | None = None) -> str:
    detail = f"{format_number(units)} AE = {format_number(hours)} uur ({units_per_hour} AE per uur)"
    return f"{detail} × {format_money(rate)}" if rate else detail


def worked_example_table(raw_input: str) -> WorkedExampleTable:
    """The calculation of `raw_input` (schadecalc/1 JSON text) laid out for a lesson."""
    try:
        data = calcengine.loads(raw_input)
        result = calcengine.estimate(data)
    except calcengine.InputError as exc:
        return WorkedExampleTable(vehicle="", units_per_hour=0, error=str(exc))

    vehicle = data["vehicle"]
    units_per_hour = int(vehicle["units_per_hour"])
    rows: list[Row] = []
    for category, name in LABOUR_NAMES.items():
        labour = result["labour"][category]
        if Decimal(labour["units"]):
            rows.append(
                Row(
                    f"Arbeid {name.lower()}",
                    _labour_detail(
                        labour["units"], labour["hours"], units_per_hour, labour["rate"]
                    ),
                    format_money(labour["amount"]),
                )
            )
    paint = result["paint"]
    if Decimal(paint["units"]):
        rows.append(
            Row(
                "Arbeid spuitwerk",
                _labour_detail(paint["units"], paint["hours"], units_per_hour),
                format_money(paint["labour_amount"]),
            )
        )
        rows.append(Row("Lakmateriaal", "", format_money(paint["material_amount"])))
    parts = result["parts"]
    if Decimal(parts["gross"]):
        rows.append(
            Row(
                "Onderdelen",
                f"bruto {format_money(parts['gross'])} − korting {format_money(parts['discount'])}",
                format_money(parts["net"]),
            )
        )
    for key, label in (
        ("small_materials", "Kleinmateriaal"),
        ("subcontract", "Werk derden (incl. opslag)"),
        ("sundries", "Diversen"),
        ("disposal", "Afvalverwerking"),
    ):
        if Decimal(result[key]):
            rows.append(Row(label, "", format_money(result[key])))
    rows.append(Row("Subtotaal excl. btw", "", format_money(result["subtotal_excl_vat"]), True))
    rows.append(
        Row("Btw", f"{format_number(data['rates']['vat_percent'])} %", format_money(result["vat"]))
    )
    rows.append(Row("Totaal incl. btw", "", format_money(result["total_incl_vat"]), True))
    rows.append(Row("Geschatte reparatieduur", f"{result['repair_days']} werkdagen"))

    loss = result["total_loss"]
    compared_label = (
        "Herstelkosten excl. btw (eigenaar verrekent btw)"
        if data["rates"].get("owner_deducts_vat")
        else "Herstelkosten incl. btw"
    )
    value_detail = ""
    if loss.get("depreciation_percent") is not None:
        value_detail = (
            f"nieuwwaarde {format_money(vehicle['new_value'])} − "
            f"{format_number(loss['depreciation_percent'])} % afschrijving (afschrijvingstabel)"
        )
    total_loss = [
        Row("Waarde voor schade", value_detail, format_money(loss["value_before_damage"])),
        Row("Restwaarde (hoogste bod)", "", format_money(vehicle["residual_value"])),
        Row("Grens: waarde voor schade − restwaarde", "", format_money(loss["threshold"])),
        Row(compared_label, "", format_money(loss["compared"])),
        Row(
            "Economisch total loss?",
            f"herstelkosten zijn {format_number(Decimal(loss['repair_ratio']) * 100, places=0)} % van de waarde voor schade",
            "ja" if loss["economic_total_loss"] else "nee",
            True,
        ),
    ]
    description = " ".join(
        str(vehicle.get(key, "")) for key in ("make", "model", "variant")
    ).strip()
    return WorkedExampleTable(
        vehicle=description,
        units_per_hour=units_per_hour,
        rows=rows,
        total_loss=total_loss,
        warnings=[warning["message"] for warning in result["warnings"]],
    )
