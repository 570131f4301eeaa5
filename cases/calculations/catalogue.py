"""The catalogue as the editor shows it: vehicles, parts by zone, work codes, prefilled lines.

Plain dicts of strings for templates and the API; the figures stay strings as the contract
writes them, so nothing passes through a float. `calcengine.catalogue` stays the source.
"""

from __future__ import annotations

import re
from collections.abc import Collection
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
from calcengine.schema import PAINT_MODES, operation_named

from .exceptions import CalculationError
from .labels import SWITCH_PAINT_MODE, add_fields, readable_message
from .outline import SIDE_ZONE, VIEW_NAMES, part_side, zone_views

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


def work_codes_for(
    vehicle: VehicleModel, sensors: Collection[str] | None = None
) -> list[dict[str, Any]]:
    """The work codes (calibrations, HV safety, subcontract, sundries) that fit the vehicle.

    With `sensors` (the case's vehicle's `adas`, calculation-spec §1.1), a code that calibrates
    a sensor (its own or a specialist's, `sensor`) is offered only for a sensor the vehicle has:
    no lidar calibration for a Tesla. The contract itself does not refuse such a line (§4 has
    no such refusal, and §3 only warns about sensors the vehicle has), so this is what the
    editor offers, not a rule on the draft.
    """
    return [
        {
            "code": code.code,
            "description": code.description,
            "operation": code.operation,
            "sensor": code.sensor,
        }
        for code in work_codes()
        if code.fits(vehicle.powertrain)
        and (sensors is None or code.sensor is None or code.sensor in sensors)
    ]


def catalogue_for(vehicle_id: str, *, sensors: Collection[str] | None = None) -> dict[str, Any]:
    """What the editor's part selection needs for one vehicle; raises `CatalogueError`.

    `zones` are the catalogue's zones; `views` adds the editor's left and right views of the
    side zone (`outline.zone_views`). `sensors` limits the calibrations (`work_codes_for`).
    """
    vehicle = get_vehicle(vehicle_id)
    zones = zones_with_parts(vehicle)
    return {
        "vehicle": vehicle_dict(vehicle),
        "zones": zones,
        "views": zone_views(zones),
        "work_codes": work_codes_for(vehicle, sensors),
    }


def case_sensors(case_version: Any) -> list[str]:
    """The sensors the case's vehicle is fitted with (its `vehicle_snapshot.adas`, §1.1)."""
    adas = (case_version.vehicle_snapshot or {}).get("adas") or []
    return [sensor for sensor in adas if isinstance(sensor, str)]


def catalogue_for_case(case_version: Any) -> dict[str, Any]:
    """The catalogue of the case's vehicle as the editor offers it: calibrations only of the
    sensors the case's vehicle has. Raises `CatalogueError` for a vehicle not in the catalogue."""
    return catalogue_for(case_version.vehicle_id, sensors=case_sensors(case_version))


# Type-ahead: at most this many results, and a query shorter than this finds nothing (one
# letter matches half the catalogue).
SEARCH_LIMIT = 20
SEARCH_MIN_LENGTH = 2
_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def _compact(text: str) -> str:
    """A part number as typed in any notation: "5H0 807-221" and "5h0807221" compare equal."""
    return _NOT_ALNUM.sub("", text.casefold())


def search_catalogue(catalogue: dict[str, Any], query: str) -> list[dict[str, Any]]:
    """Parts and work codes of `catalogue` (`catalogue_for`) that `query` finds: every word of
    it in the name (or description), or the query as (the start of) a part number in any
    notation. Part-number hits first, then name hits, each in catalogue order."""
    text = query.strip()[:100]
    words = text.casefold().split()
    compact = _compact(text)
    if len(text) < SEARCH_MIN_LENGTH:
        return []
    by_code, by_name = [], []
    entries = [
        {
            "kind": "part",
            "code": part["code"],
            "name": part["name"],
            "zone": part["zone"],
            # A side part names its side, as the outline does ("Linkerzijde").
            "zone_name": str(VIEW_NAMES[part_side(part["name"]) or part["zone"]])
            if part["zone"] == SIDE_ZONE
            else str(VIEW_NAMES[part["zone"]]),
            "list_price": part["list_price"],
            "operations": part["operations"],
        }
        for group in catalogue["zones"]
        for part in group["parts"]
    ] + [
        {
            "kind": "work",
            "code": work["code"],
            "name": work["description"],
            "zone": None,
            "zone_name": str(WORK_GROUP_LABEL),
            "list_price": None,
            "operations": [work["operation"]],
        }
        for work in catalogue["work_codes"]
    ]
    for entry in entries:
        if compact and _compact(entry["code"]).startswith(compact):
            by_code.append(entry)
        elif words and all(word in entry["name"].casefold() for word in words):
            by_name.append(entry)
    return (by_code + by_name)[:SEARCH_LIMIT]


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
        # The path from the catalogue's own words; the trainee reads the field's Dutch name.
        raise PrefillRefused(
            [{"path": _error_path(message), "message": readable_message(message)}]
        ) from exc


def switch_operation(vehicle_id: str, line: dict[str, Any], operation: str) -> dict[str, Any]:
    """The line booked with another operation on the same part or work code, in place: the same
    id, the catalogue's figures and the new operation's defaults (its paint level), as a new
    line of that operation would get. What the catalogue cannot know is taken from the line: a
    paint-only line keeps the line's paint level (surface paint, AZT level II, when it had
    none), and a repair takes the line's labour units as its repair time. Raises
    `PrefillRefused` as `prefill` does."""
    kind = operation_named(operation)
    mode = None
    if kind is not None and kind.needs_paint:
        paint = line.get("paint") if isinstance(line.get("paint"), dict) else {}
        mode = paint.get("mode") if paint.get("mode") in PAINT_MODES else SWITCH_PAINT_MODE
    units = line.get("labour_units")
    return prefill(
        vehicle_id,
        part_code=str(line.get("code", "")),
        operation=operation,
        line_id=str(line.get("id", "")),
        paint_mode=mode,
        repair_units=str(units) if add_fields(operation)["repair_units"] and units else None,
    )


def next_line_id(lines: list[Any]) -> str:
    """A line id not yet used: one more than the highest numeric id (ids are strings)."""
    highest = 0
    for line in lines:
        if isinstance(line, dict) and str(line.get("id", "")).isdigit():
            highest = max(highest, int(line["id"]))
    return str(highest + 1)
