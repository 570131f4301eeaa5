"""A calcengine estimate as the rows of a small table, in Dutch notation, for a lesson."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import calcengine
from calcengine.arithmetic import compared_value
from calcengine.formatting import format_money, format_number
from cases.calc_review.injection import clean_reference
from cases.demo_files import demo_case

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


def case_calculation(
    slug: str,
    kind: str = "reference_precalc",
    *,
    vehicle: dict[str, Any] | None = None,
    rates: dict[str, Any] | None = None,
    remove: tuple[str, ...] = (),
    lines: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A `schadecalc/1` input built from demo case `slug`'s `kind` reference, without the
    scoring annotations: `vehicle` and `rates` change single fields (a lesson's "what if the
    owner reclaims VAT"), `remove` drops line ids, `lines` replaces the lines (another damage on
    the case's vehicle, at the case's rates)."""
    # The demo cases are the one owner of their vehicles, rates and reference lines; a lesson's
    # worked example on a case is computed from that file, never typed out again.
    reference = demo_case(slug)[kind]
    if lines is not None:
        reference = {**reference, "lines": lines}
    data = clean_reference(reference)
    data["vehicle"].update(vehicle or {})
    data["rates"].update(rates or {})
    data["lines"] = [line for line in data["lines"] if line["id"] not in remove]
    return data


def case_calculation_text(slug: str, kind: str = "reference_precalc", **changes: Any) -> str:
    """`case_calculation` as the JSON text a worked-example block holds."""
    return json.dumps(case_calculation(slug, kind, **changes), indent=2, ensure_ascii=False)


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
    # Both sides of the comparison on one VAT basis (calculation-spec §2.11): for an owner who
    # reclaims VAT on a VAT car, the values are shown excl. VAT, as the engine compares them.
    parsed = calcengine.parse(data)
    value_shown = compared_value(Decimal(loss["value_before_damage"]), parsed.vehicle, parsed.rates)
    residual_shown = compared_value(
        Decimal(vehicle["residual_value"]), parsed.vehicle, parsed.rates
    )
    basis = ""
    if value_shown != Decimal(loss["value_before_damage"]):
        basis = " excl. btw"
        value_detail = "; ".join(
            part
            for part in (value_detail, f"incl. btw {format_money(loss['value_before_damage'])}")
            if part
        )
    elif data["rates"].get("owner_deducts_vat"):
        value_detail = "marge-auto: geen btw in de waarde om terug te vragen"
    residual_detail = (
        f"incl. btw {format_money(vehicle['residual_value'])}" if basis == " excl. btw" else ""
    )
    total_loss = [
        Row(f"Waarde voor schade{basis}", value_detail, format_money(value_shown)),
        Row(f"Restwaarde (hoogste bod){basis}", residual_detail, format_money(residual_shown)),
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
