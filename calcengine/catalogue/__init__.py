"""The catalogue a calculation program looks things up in: vehicles, work codes, rate sets.

Pure data, read once from `calcengine/data/` (see its README for sources and versioning), and
handed out frozen. `prefill_line` and `vehicle_block` turn catalogue entries into pieces of a
`schadecalc/1` input.
"""

from calcengine.catalogue.errors import CatalogueError
from calcengine.catalogue.lines import prefill_line
from calcengine.catalogue.rate_sets import KINDS, RateRules, RateSet, get_rate_set, rate_sets
from calcengine.catalogue.vehicles import (
    ZONE_NAMES,
    ZONES,
    Part,
    VehicleModel,
    find_vehicles,
    get_vehicle,
    vehicle_block,
    vehicles,
)
from calcengine.catalogue.work_codes import (
    WorkCode,
    calibration_for,
    get_work_code,
    work_codes,
    work_units,
)
from calcengine.schema import PAINT_MODES, PART_SOURCES

__all__ = [
    "KINDS",
    "PAINT_MODES",
    "PART_SOURCES",
    "ZONES",
    "ZONE_NAMES",
    "CatalogueError",
    "Part",
    "RateRules",
    "RateSet",
    "VehicleModel",
    "WorkCode",
    "calibration_for",
    "find_vehicles",
    "get_rate_set",
    "get_vehicle",
    "get_work_code",
    "prefill_line",
    "rate_sets",
    "vehicle_block",
    "vehicles",
    "work_codes",
    "work_units",
]
