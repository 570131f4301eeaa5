"""The catalogue as the editor shows it: vehicles, parts by zone, work codes, prefilled lines.

Plain dicts of strings for templates and the API; the figures stay strings as the contract
writes them, so nothing passes through a float. `calcengine.catalogue` stays the source.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from calcengine.arithmetic import round2
from calcengine.catalogue import (
    ZONE_NAMES,
    ZONES,
    CatalogueError,
    Part,
    VehicleModel,
    get_vehicle,
    prefill_line,
    work_codes,
)
from calcengine.catalogue.lines import part_operations

from .exceptions import CalculationError

WORK_GROUP_LABEL = _("Werkzaamheden")


class PrefillRefused(CalculationError):
    """The catalogue cannot make the asked line; `errors` name the request field."""


def _plain(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def part_dict(part: Part) -> dict[str, Any]:
    return {
        "code": part.code,
        "name": part.name,
        "zone": part.zone,
        "part_group": part.part_group,
        "list_price": str(round2(part.list_price)),
        "replace_units": _plain(part.replace_units),
        "remove_refit_units": _plain(part.remove_refit_units),
        "paint_units": _plain(part.paint_units),
        "repair_allowed": part.repair_allowed,
        "adas_sensors": list(part.adas_sensors),
        "hv_zone": part.hv_zone,
        "labour_category": part.labour_category,
        "operations": part_operations(part),
    }


def vehicle_dict(vehicle: VehicleModel) -> dict[str, Any]:
    return {
        "id": vehicle.id,
        "name": vehicle.name,
        "make": vehicle.make,
        "model": vehicle.model,
        "variant": vehicle.variant,
        "body_type": vehicle.body_type,
        "powertrain": vehicle.powertrain,
        "paint_type": vehicle.paint_type,
        "units_per_hour": vehicle.units_per_hour,
        "adas": list(vehicle.adas),
        "tariff_date": vehicle.tariff_date.isoformat(),
        "version": vehicle.version,
    }


def zones_with_parts(vehicle: VehicleModel) -> list[dict[str, Any]]:
    """Every zone in `ZONES` order with its Dutch name and parts (possibly none)."""
    by_zone = vehicle.parts_by_zone()
    return [
        {"zone": zone, "name": ZONE_NAMES[zone], "parts": [part_dict(p) for p in by_zone[zone]]}
        for zone in ZONES
    ]


def work_codes_for(vehicle: VehicleModel) -> list[dict[str, Any]]:
    """The work codes (calibrations, HV safety, subcontract, sundries) that fit the vehicle."""
    return [
        {
            "code": code.code,
            "description": code.description,
            "operation": code.operation,
            "sensor": code.sensor,
        }
        for code in work_codes()
        if code.fits(vehicle.powertrain)
    ]


def catalogue_for(vehicle_id: str) -> dict[str, Any]:
    """What the editor's part selection needs for one vehicle; raises `CatalogueError`."""
    vehicle = get_vehicle(vehicle_id)
    return {
        "vehicle": vehicle_dict(vehicle),
        "zones": zones_with_parts(vehicle),
        "work_codes": work_codes_for(vehicle),
    }


def _error_path(message: str) -> str:
    """Which request field a catalogue refusal is about; its messages name no field themselves."""
    lowered = message.casefold()
    if "hersteltijd" in lowered or "herstelarbeid" in lowered:
        return "repair_units"
    if "lakniveau" in lowered or "gespoten" in lowered or "lakwerk" in lowered:
        return "paint_mode"
    if "herkomst" in lowered:
        return "part_source"
    if "aantal" in lowered:
        return "quantity"
    if (
        lowered.startswith("code ")
        or "niet in de catalogus" in lowered
        or "bestaat niet" in lowered
    ):
        return "part_code"
    if "bewerking" in lowered or lowered.startswith("werkcode") or "met een werkcode" in lowered:
        return "operation"
    return "part_code"


def prefill(
    vehicle_id: str,
    *,
    part_code: str,
    operation: str,
    line_id: str,
    paint_mode: str | None = None,
    repair_units: str | None = None,
    part_source: str = "oem",
    quantity: int = 1,
    unit_price: str | None = None,
) -> dict[str, Any]:
    """`calcengine.catalogue.prefill_line` with its refusal turned into `PrefillRefused`."""
    try:
        return prefill_line(
            vehicle_id,
            part_code,
            operation,
            line_id=line_id,
            paint_mode=paint_mode or None,
            repair_units=repair_units or None,
            part_source=part_source or "oem",
            quantity=quantity,
            unit_price=unit_price or None,
        )
    except CatalogueError as exc:
        message = str(exc)
        raise PrefillRefused([{"path": _error_path(message), "message": message}]) from exc


def next_line_id(lines: list[Any]) -> str:
    """A line id not yet used: one more than the highest numeric id (ids are strings)."""
    highest = 0
    for line in lines:
        if isinstance(line, dict) and str(line.get("id", "")).isdigit():
            highest = max(highest, int(line["id"]))
    return str(highest + 1)
