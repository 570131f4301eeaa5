"""Turning "this part, this operation" into a prefilled `schadecalc/1` line (calculation-spec §1.3).

The line carries exactly the fields its operation allows in the contract, filled from the
catalogue: the OEM list price and the manufacturer's times in the make's unit, the panel's base
paint units, the sensors to recalibrate and whether the high-voltage system must be made safe.
What the catalogue cannot know (how long a repair takes, the paint level) the caller gives.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from calcengine.catalogue._data import money_str, to_decimal, to_money, units_str
from calcengine.catalogue.errors import CatalogueError
from calcengine.catalogue.vehicles import Part, VehicleModel, get_vehicle
from calcengine.catalogue.work_codes import WorkCode, get_work_code, is_work_code, work_units
from calcengine.schema import (
    DEFAULT_PART_SOURCE,
    OPERATION,
    PAINT_MODES,
    PART_SOURCES,
    Operation,
)

# Dents are driven out of sheet metal and plastic is welded or filled; a lamp, a window or a
# steering part is replaced, never "repaired" in a calculation.
REPAIRABLE_GROUPS = frozenset({"body", "trim"})
# Repair is the one part operation whose time the catalogue cannot know: the caller gives it
# (`repair_units`), and only a repairable group is offered it.
_REPAIR = "repair"
_SOURCES_NAMED = f"{', '.join(PART_SOURCES[:-1])} of {PART_SOURCES[-1]}"


def prefill_line(
    vehicle_id: str,
    part_code: str,
    operation: str,
    *,
    line_id: str,
    paint_mode: str | None = None,
    repair_units: Decimal | str | int | None = None,
    part_source: str = "oem",
    quantity: int = 1,
    unit_price: Decimal | str | int | None = None,
) -> dict[str, Any]:
    """A line for `operation` on `part_code` of the vehicle, ready for a `schadecalc/1` input.

    - replace: part group, list price (or `unit_price`, for a used or aftermarket part),
      replace units, and paint (`paint_mode`, default `new`) when the part is painted;
    - repair: `repair_units` (required) and paint (default `repair_minor`) when painted; a part
      the manufacturer forbids repairing still gets its line, marked `repair_allowed: false`,
      so that the engine warns (REPAIR_NOT_ALLOWED) instead of the mistake going unseen;
    - remove_refit: remove/refit units, paint only when `paint_mode` is given;
    - paint: `paint_mode` (required) on the panel's base paint units;
    - calibrate, hv_safety, subcontract, sundry (and remove_refit work such as MEAS-FRAME):
      from the shared work codes, labour in the vehicle's unit.

    Raises `CatalogueError` (Dutch message) for an unknown vehicle, part or code and for an
    operation or option that does not fit the part.
    """
    vehicle = get_vehicle(vehicle_id)
    if not isinstance(line_id, str) or not line_id:
        raise CatalogueError("Een regel heeft een id (tekst) nodig.")
    if operation not in OPERATION:
        raise CatalogueError(f"Onbekende bewerking {operation!r}.")
    kind = OPERATION[operation]
    if part_source not in PART_SOURCES:
        raise CatalogueError(f"Onbekende herkomst {part_source!r} ({_SOURCES_NAMED}).")
    if paint_mode is not None and paint_mode not in PAINT_MODES:
        raise CatalogueError(f"Onbekend lakniveau {paint_mode!r}.")
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
        raise CatalogueError(f"Aantal moet een geheel getal groter dan 0 zijn ({quantity!r}).")
    if not kind.buys_part and (
        part_source != DEFAULT_PART_SOURCE or quantity != 1 or unit_price is not None
    ):
        raise CatalogueError("Herkomst, aantal en prijs horen alleen bij vervangen.")
    if operation != _REPAIR and repair_units is not None:
        raise CatalogueError("Herstelarbeid (repair_units) hoort alleen bij herstellen.")

    if vehicle.has_part(part_code):
        part = vehicle.part(part_code)
        if not kind.on_part:
            raise CatalogueError(
                f"{part.name} ({part.code}) is een onderdeel: {kind.name} "
                "gaat met een werkcode, niet met een onderdeelnummer."
            )
        return _part_line(
            vehicle,
            part,
            kind,
            line_id=line_id,
            paint_mode=paint_mode,
            repair_units=repair_units,
            part_source=part_source,
            quantity=quantity,
            unit_price=unit_price,
        )
    if is_work_code(part_code):
        if paint_mode is not None:
            raise CatalogueError(f"Werkcode {part_code} heeft geen lakwerk.")
        return _work_line(vehicle, get_work_code(part_code), operation, line_id=line_id)
    raise CatalogueError(
        f"Code {part_code!r} is geen onderdeel van {vehicle.name} en geen werkcode."
    )


def _paint(part: Part, mode: str) -> dict[str, str]:
    if part.paint_units is None:
        raise CatalogueError(f"{part.name} ({part.code}) wordt niet gespoten.")
    return {"mode": mode, "units": units_str(part.paint_units)}


def _part_line(
    vehicle: VehicleModel,
    part: Part,
    kind: Operation,
    *,
    line_id: str,
    paint_mode: str | None,
    repair_units: Decimal | str | int | None,
    part_source: str,
    quantity: int,
    unit_price: Decimal | str | int | None,
) -> dict[str, Any]:
    line: dict[str, Any] = {
        "id": line_id,
        "code": part.code,
        "description": part.name,
        "operation": kind.code,
    }
    if kind.buys_part:
        price = part.list_price if unit_price is None else to_money(unit_price, where="prijs")
        line["part_group"] = part.part_group
        line["unit_price"] = money_str(price)
    if kind.carries_labour:
        line["labour_units"] = units_str(_part_units(part, kind, repair_units))
    if kind.buys_part:
        if quantity != 1:
            line["quantity"] = str(quantity)
        if part_source != DEFAULT_PART_SOURCE:
            line["part_source"] = part_source
    if kind.needs_paint:
        if paint_mode is None:
            raise CatalogueError(f"Spuiten van {part.name} vraagt een lakniveau (paint_mode).")
        line["paint"] = _paint(part, paint_mode)
    elif kind.takes_paint:
        # A painted part is painted at the operation's default level unless the caller names
        # one; an operation without a default (remove/refit) paints only when asked.
        mode = paint_mode or kind.default_paint_mode
        asked = paint_mode is not None or (
            kind.default_paint_mode is not None and part.paint_units is not None
        )
        if asked and mode is not None:
            line["paint"] = _paint(part, mode)

    if kind.carries_labour and part.labour_category != "body":
        line["labour_category"] = part.labour_category
    if kind.disturbs_sensors and part.adas_sensors:
        line["adas_sensors"] = list(part.adas_sensors)
    if "hv_zone" in kind.optional and part.hv_zone:
        line["hv_zone"] = True
    # The contract has `repair_allowed` on the lines that choose between repair and replace.
    if kind.judges_repair and not part.repair_allowed:
        line["repair_allowed"] = False
    return line


def _part_units(part: Part, kind: Operation, repair_units: Decimal | str | int | None) -> Decimal:
    """The labour units of a part line: the manufacturer's replace or remove/refit time, or the
    repair time the caller gives (for a dent in a repairable panel)."""
    if kind.code == _REPAIR:
        if part.part_group not in REPAIRABLE_GROUPS:
            raise CatalogueError(f"{part.name} ({part.code}) wordt vervangen, niet hersteld.")
        if repair_units is None:
            raise CatalogueError(
                f"Herstellen van {part.name} vraagt de hersteltijd in eenheden (repair_units)."
            )
        units = to_decimal(repair_units, where="hersteltijd")
        if units <= 0:
            raise CatalogueError("De hersteltijd moet groter dan 0 zijn.")
        return units
    if kind.buys_part:
        return part.replace_units
    if part.remove_refit_units <= 0:
        raise CatalogueError(
            f"{part.name} ({part.code}) is vastgelast en kan niet los gedemonteerd worden."
        )
    return part.remove_refit_units


def _offered(part: Part, kind: Operation) -> bool:
    """Whether the part allows `kind`'s prefill, as `_part_units` and `_paint` would refuse it."""
    if kind.code == _REPAIR:
        return part.part_group in REPAIRABLE_GROUPS
    if kind.needs_paint:
        return part.paint_units is not None
    if kind.buys_part:
        return True
    return part.remove_refit_units > 0


def part_operations(part: Part) -> list[str]:
    """The operations a calculation program offers for this part, in the table's order: a
    repair only of a repairable group, a remove/refit only of a part that comes loose, paint
    only of a painted part; always replacing it."""
    return [kind.code for kind in OPERATION.values() if kind.on_part and _offered(part, kind)]


def _work_line(
    vehicle: VehicleModel, work: WorkCode, operation: str, *, line_id: str
) -> dict[str, Any]:
    if operation != work.operation:
        raise CatalogueError(
            f"Werkcode {work.code} is {OPERATION[work.operation].name}, "
            f"niet {OPERATION[operation].name}."
        )
    if not work.fits(vehicle.powertrain):
        raise CatalogueError(
            f"Werkcode {work.code} ({work.description}) past niet bij aandrijving "
            f"{vehicle.powertrain} van {vehicle.name}."
        )
    line: dict[str, Any] = {
        "id": line_id,
        "code": work.code,
        "description": work.description,
        "operation": operation,
    }
    if work.amount is not None:
        line["amount"] = money_str(work.amount)
        # A specialist's calibration names its sensor, so that it counts as one (§1.3, §3).
        if work.sensor is not None:
            line["sensor"] = work.sensor
        return line
    line["labour_units"] = units_str(work_units(vehicle, work))
    if work.sensor is not None:
        line["sensor"] = work.sensor
    if work.labour_category is not None:
        line["labour_category"] = work.labour_category
    return line
