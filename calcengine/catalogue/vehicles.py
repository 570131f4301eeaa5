"""Vehicle-specific information (voertuigspecifieke informatie): models and their parts.

One JSON file per vehicle model in `calcengine/data/vehicles/`, read once. Every object handed
out is frozen, so a caller cannot change the catalogue under another caller; a case snapshots
what it uses together with the model's `version` and `tariff_date`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from calcengine.catalogue._data import (
    DATA_DIR,
    money_str,
    read_json,
    stored,
    to_date,
    to_decimal,
    to_money,
)
from calcengine.catalogue.errors import CatalogueError
from calcengine.schema import (
    HIGH_VOLTAGE_POWERTRAINS,
    LINE_LABOUR_CATEGORIES,
    PAINT_TYPES,
    PART_GROUPS,
    POWERTRAINS,
    SENSORS,
    UNITS_PER_HOUR,
)

ZONES = ("front", "side", "rear", "roof", "glass", "interior", "mechanical")
ZONE_NAMES = {
    "front": "Voorzijde",
    "side": "Zijkant",
    "rear": "Achterzijde",
    "roof": "Dak",
    "glass": "Beglazing",
    "interior": "Interieur",
    "mechanical": "Mechanisch",
}
# The calculation contract's codes, from `calcengine.schema`, which owns them.
LABOUR_CATEGORIES = LINE_LABOUR_CATEGORIES
BODY_TYPES = ("hatchback", "sedan", "estate", "suv", "mpv", "van")


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a vehicle model, with the manufacturer's times in the make's own unit.

    `paint_units` is the panel's base paint units (before the AZT paint-level factor), `None`
    for a part that is not painted. `remove_refit_units` is 0 for a welded part that cannot be
    taken off and refitted. `labour_category` is the labour rate the part's work is paid at.
    """

    code: str
    name: str
    zone: str
    part_group: str
    list_price: Decimal
    replace_units: Decimal
    remove_refit_units: Decimal
    paint_units: Decimal | None
    repair_allowed: bool
    adas_sensors: tuple[str, ...]
    hv_zone: bool
    labour_category: str = "body"


@dataclass(frozen=True, slots=True)
class VehicleModel:
    """A vehicle model as a calculation program shows it, at one tariff date.

    `work_units` holds the manufacturer's own time, in the make's unit, for a shared work code
    where it differs from the code's standard hours (`work_codes.work_units` reads it).
    """

    id: str
    make: str
    model: str
    variant: str
    body_type: str
    powertrain: str
    fuel: str
    paint_type: str
    paint_code: str
    units_per_hour: int
    adas: tuple[str, ...]
    tariff_date: date
    version: str
    parts: tuple[Part, ...] = field(repr=False)
    source: str = ""
    build_years: str = ""
    work_units: Mapping[str, Decimal] = field(
        default_factory=lambda: MappingProxyType({}), repr=False
    )
    # `parts` by code, made once: the engine looks a part up for every line it reads.
    _parts_by_code: Mapping[str, Part] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code = {part.code: part for part in reversed(self.parts)}  # the first one wins
        object.__setattr__(self, "_parts_by_code", by_code)

    @property
    def name(self) -> str:
        return f"{self.make} {self.model} {self.variant}"

    @property
    def high_voltage(self) -> bool:
        return self.powertrain in HIGH_VOLTAGE_POWERTRAINS

    def parts_by_zone(self) -> dict[str, tuple[Part, ...]]:
        """The parts grouped by zone, zones in `ZONES` order, parts in catalogue order."""
        return {zone: tuple(p for p in self.parts if p.zone == zone) for zone in ZONES}

    def part(self, code: str) -> Part:
        try:
            return self._parts_by_code[code]
        except KeyError:
            raise CatalogueError(
                f"Onderdeel {code!r} staat niet in de catalogus van {self.name}."
            ) from None

    def has_part(self, code: str) -> bool:
        return code in self._parts_by_code

    def reference(self) -> dict[str, str]:
        """What a case pins: which catalogue entry, at which version and tariff date."""
        return {"id": self.id, "version": self.version, "tariff_date": self.tariff_date.isoformat()}


def _choice(value: Any, allowed: tuple[Any, ...], *, where: str) -> Any:
    if value not in allowed:
        raise CatalogueError(f"{where}: {value!r} is geen van {', '.join(map(str, allowed))}")
    return value


def _units(value: Any, *, where: str) -> Decimal:
    units = to_decimal(stored(value, where=where), where=where)
    if units < 0:
        raise CatalogueError(f"{where}: arbeidseenheden mogen niet negatief zijn")
    return units


def _sensors(values: Any, *, where: str) -> tuple[str, ...]:
    return tuple(_choice(s, SENSORS, where=where) for s in values)


def _part(raw: dict[str, Any], *, where: str) -> Part:
    paint_units = raw["paint_units"]
    return Part(
        code=str(raw["code"]),
        name=str(raw["name"]),
        zone=_choice(raw["zone"], ZONES, where=f"{where}.zone"),
        part_group=_choice(raw["part_group"], PART_GROUPS, where=f"{where}.part_group"),
        list_price=to_money(
            stored(raw["list_price"], where=f"{where}.list_price"), where=f"{where}.list_price"
        ),
        replace_units=_units(raw["replace_units"], where=f"{where}.replace_units"),
        remove_refit_units=_units(raw["remove_refit_units"], where=f"{where}.remove_refit_units"),
        paint_units=None
        if paint_units is None
        else _units(paint_units, where=f"{where}.paint_units"),
        repair_allowed=bool(raw["repair_allowed"]),
        adas_sensors=_sensors(raw.get("adas_sensors", []), where=f"{where}.adas_sensors"),
        hv_zone=bool(raw.get("hv_zone", False)),
        labour_category=_choice(
            raw.get("labour_category", "body"), LABOUR_CATEGORIES, where=f"{where}.labour_category"
        ),
    )


def _vehicle(raw: dict[str, Any], *, where: str) -> VehicleModel:
    try:
        parts = tuple(_part(p, where=f"{where}.parts[{i}]") for i, p in enumerate(raw["parts"]))
        vehicle = VehicleModel(
            id=str(raw["id"]),
            make=str(raw["make"]),
            model=str(raw["model"]),
            variant=str(raw["variant"]),
            body_type=_choice(raw["body_type"], BODY_TYPES, where=f"{where}.body_type"),
            powertrain=_choice(raw["powertrain"], POWERTRAINS, where=f"{where}.powertrain"),
            fuel=str(raw["fuel"]),
            paint_type=_choice(raw["paint_type"], PAINT_TYPES, where=f"{where}.paint_type"),
            paint_code=str(raw["paint_code"]),
            units_per_hour=_choice(
                raw["units_per_hour"], UNITS_PER_HOUR, where=f"{where}.units_per_hour"
            ),
            adas=_sensors(raw["adas"], where=f"{where}.adas"),
            tariff_date=to_date(raw["tariff_date"], where=f"{where}.tariff_date"),
            version=str(raw["version"]),
            parts=parts,
            source=str(raw.get("source", "")),
            build_years=str(raw.get("build_years", "")),
            work_units=MappingProxyType(
                {
                    str(code): _units(units, where=f"{where}.work_units.{code}")
                    for code, units in raw.get("work_units", {}).items()
                }
            ),
        )
    except KeyError as missing:
        raise CatalogueError(f"{where}: veld {missing} ontbreekt") from None
    codes = [p.code for p in parts]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise CatalogueError(f"{where}: dubbele onderdeelcodes {', '.join(duplicates)}")
    return vehicle


@functools.cache
def _catalogue() -> dict[str, VehicleModel]:
    found: dict[str, VehicleModel] = {}
    for path in sorted((DATA_DIR / "vehicles").glob("*.json")):
        vehicle = _vehicle(read_json(path), where=path.name)
        if vehicle.id != path.stem:
            raise CatalogueError(
                f"{path.name}: id {vehicle.id!r} hoort gelijk te zijn aan de bestandsnaam"
            )
        found[vehicle.id] = vehicle
    return found


def vehicles() -> list[VehicleModel]:
    """Every vehicle model, ordered by make, model and variant."""
    return sorted(_catalogue().values(), key=lambda v: (v.make, v.model, v.variant))


def get_vehicle(vehicle_id: str) -> VehicleModel:
    try:
        return _catalogue()[vehicle_id]
    except KeyError:
        raise CatalogueError(f"Voertuig {vehicle_id!r} staat niet in de catalogus.") from None


def find_vehicles(query: str) -> list[VehicleModel]:
    """Models whose id, make, model and variant together contain every word of `query`.

    Case-insensitive; an empty query finds every model, as the calculation program's
    vehicle selection starts from the full list.
    """
    words = query.casefold().split()
    return [
        v
        for v in vehicles()
        if all(word in f"{v.id} {v.make} {v.model} {v.variant}".casefold() for word in words)
    ]


def vehicle_block(
    vehicle_id: str,
    *,
    vin: str | None = None,
    first_registration: date | str,
    mileage_km: int,
    value_before_damage: Decimal | str | int | None = None,
    new_value: Decimal | str | int | None = None,
    residual_value: Decimal | str | int,
    adas: list[str] | tuple[str, ...] | None = None,
    margin_scheme: bool = False,
) -> dict[str, Any]:
    """A `schadecalc/1` `vehicle` object (calculation-spec §1.1) for one case of this model.

    The model supplies make, model, variant, powertrain, paint type, labour unit and the ADAS
    it is fitted with (unless the case's own `adas` differs); the case supplies the rest.
    Money is written as strings with two decimals. `margin_scheme` (a margin car, §1.1, §2.11)
    is written only when true, as the contract's default is false.
    """
    vehicle = get_vehicle(vehicle_id)
    if isinstance(mileage_km, bool) or not isinstance(mileage_km, int) or mileage_km < 0:
        raise CatalogueError(f"Kilometerstand moet een geheel getal ≥ 0 zijn ({mileage_km!r}).")
    block: dict[str, Any] = {
        "make": vehicle.make,
        "model": vehicle.model,
        "variant": vehicle.variant,
    }
    if vin is not None:
        block["vin"] = vin
    block["first_registration"] = to_date(
        first_registration, where="datum eerste toelating"
    ).isoformat()
    block["mileage_km"] = mileage_km
    block["powertrain"] = vehicle.powertrain
    block["paint_type"] = vehicle.paint_type
    block["units_per_hour"] = vehicle.units_per_hour
    if value_before_damage is not None:
        block["value_before_damage"] = money_str(
            to_money(value_before_damage, where="waarde voor schade")
        )
    if new_value is not None:
        block["new_value"] = money_str(to_money(new_value, where="nieuwwaarde"))
    block["residual_value"] = money_str(to_money(residual_value, where="restwaarde"))
    if not isinstance(margin_scheme, bool):
        raise CatalogueError(f"Marge-auto moet true of false zijn ({margin_scheme!r}).")
    if margin_scheme:
        block["margin_scheme"] = True
    block["adas"] = list(vehicle.adas if adas is None else _sensors(adas, where="adas"))
    return block
