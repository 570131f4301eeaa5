"""Work that is not a part: calibrations, HV safety, measuring, subcontracted work, sundries.

Times are kept in hours in `calcengine/data/work_codes.json` because the codes are shared by
every make; a line gets them in the vehicle's own labour unit (`units(units_per_hour)`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from calcengine.catalogue._data import (
    DATA_DIR,
    read_json,
    stored,
    to_date,
    to_decimal,
    to_money,
)
from calcengine.catalogue.errors import CatalogueError
from calcengine.catalogue.vehicles import LABOUR_CATEGORIES, VehicleModel
from calcengine.schema import OPERATION, OPERATION_TABLE, POWERTRAINS, SENSORS

# From the operations table: which operations a work code books, and which of them carry
# labour (a standard time) or an amount.
WORK_OPERATIONS = tuple(op.code for op in OPERATION_TABLE if op.by_work_code)
LABOUR_OPERATIONS = tuple(op for op in WORK_OPERATIONS if OPERATION[op].carries_labour)
AMOUNT_OPERATIONS = tuple(op for op in WORK_OPERATIONS if OPERATION[op].takes_amount)


@dataclass(frozen=True, slots=True)
class WorkCode:
    """A standard operation with its standard time (`hours`) or amount.

    `sensor`: the sensor a `calibrate` code calibrates, or that a `subcontract` code has a
    specialist calibrate (a dealer, a glass company; calculation-spec §1.3), which counts as
    that sensor's calibration (§3). `powertrains` limits a code to the vehicles it fits (HV safety on high-voltage vehicles);
    empty means every vehicle. `aliases` are older spellings a lookup also accepts.
    """

    code: str
    description: str
    operation: str
    hours: Decimal | None
    amount: Decimal | None
    sensor: str | None
    labour_category: str | None
    powertrains: tuple[str, ...]
    aliases: tuple[str, ...]
    tariff_date: date
    version: str

    def units(self, units_per_hour: int) -> Decimal:
        """The standard time in the make's labour unit (hours × units per hour)."""
        if self.hours is None:
            raise CatalogueError(f"Werkcode {self.code} heeft geen arbeidstijd.")
        return self.hours * units_per_hour

    def fits(self, powertrain: str) -> bool:
        return not self.powertrains or powertrain in self.powertrains


def _work_code(raw: dict[str, Any], *, where: str, tariff_date: date, version: str) -> WorkCode:
    operation = raw["operation"]
    if operation not in WORK_OPERATIONS:
        raise CatalogueError(f"{where}: onbekende bewerking {operation!r}")
    hours = stored(raw.get("hours"), where=f"{where}.hours")
    hours = None if hours is None else to_decimal(hours, where=f"{where}.hours")
    amount = stored(raw.get("amount"), where=f"{where}.amount")
    amount = None if amount is None else to_money(amount, where=f"{where}.amount")
    if (operation in LABOUR_OPERATIONS) != (hours is not None):
        raise CatalogueError(f"{where}: arbeid hoort bij {', '.join(LABOUR_OPERATIONS)}")
    if (operation in AMOUNT_OPERATIONS) != (amount is not None):
        raise CatalogueError(f"{where}: een bedrag hoort bij {', '.join(AMOUNT_OPERATIONS)}")
    sensor = raw.get("sensor")
    kind = OPERATION[operation]
    if kind.needs_sensor != (sensor is not None) and not kind.may_name_sensor:
        raise CatalogueError(f"{where}: een kalibratie noemt precies één bekende sensor")
    if sensor is not None and sensor not in SENSORS:
        raise CatalogueError(f"{where}: onbekende sensor {sensor!r}")
    category = raw.get("labour_category")
    if category is not None and category not in LABOUR_CATEGORIES:
        raise CatalogueError(f"{where}: onbekende arbeidssoort {category!r}")
    powertrains = tuple(raw.get("powertrains", ()))
    if any(p not in POWERTRAINS for p in powertrains):
        raise CatalogueError(f"{where}: onbekende aandrijving in {powertrains!r}")
    return WorkCode(
        code=str(raw["code"]),
        description=str(raw["description"]),
        operation=operation,
        hours=hours,
        amount=amount,
        sensor=sensor,
        labour_category=category,
        powertrains=powertrains,
        aliases=tuple(raw.get("aliases", ())),
        tariff_date=tariff_date,
        version=version,
    )


@functools.cache
def _work_codes() -> dict[str, WorkCode]:
    raw = read_json(DATA_DIR / "work_codes.json")
    tariff_date = to_date(raw["tariff_date"], where="work_codes.json tariff_date")
    version = str(raw["version"])
    found: dict[str, WorkCode] = {}
    for i, item in enumerate(raw["work_codes"]):
        code = _work_code(
            item, where=f"work_codes.json[{i}]", tariff_date=tariff_date, version=version
        )
        for name in (code.code, *code.aliases):
            if name in found:
                raise CatalogueError(f"work_codes.json: code {name!r} komt twee keer voor")
            found[name] = code
    return found


def work_codes() -> list[WorkCode]:
    """Every work code once, in file order."""
    return list({id(c): c for c in _work_codes().values()}.values())


def get_work_code(code: str) -> WorkCode:
    """The work code named `code` or one of its aliases."""
    try:
        return _work_codes()[code]
    except KeyError:
        raise CatalogueError(f"Werkcode {code!r} bestaat niet.") from None


def is_work_code(code: str) -> bool:
    return code in _work_codes()


def work_units(vehicle: VehicleModel, work: WorkCode) -> Decimal:
    """The labour of `work` on `vehicle` in the make's unit: the manufacturer's own time where
    the vehicle file gives one (`VehicleModel.work_units`), else the standard hours × the
    make's units per hour."""
    own = vehicle.work_units.get(work.code)
    return own if own is not None else work.units(vehicle.units_per_hour)


def calibration_for(sensor: str) -> WorkCode:
    """The calibration that covers `sensor`, as `ADAS_CALIBRATION_MISSING` asks for one."""
    for code in work_codes():
        if OPERATION[code.operation].needs_sensor and code.sensor == sensor:
            return code
    raise CatalogueError(f"Geen kalibratie bekend voor sensor {sensor!r}.")
