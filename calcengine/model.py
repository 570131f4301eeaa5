"""The engine's plain data: the parsed input and the computed estimate (calculation-spec §1, §5).

Frozen dataclasses holding `Decimal`s, so a parsed calculation can be shared and cached
without anyone changing it underneath another reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

# The operations whose `sensor` counts as that sensor's calibration (§1.3, §3, §8).
from calcengine.schema import CALIBRATING_OPERATIONS

T = TypeVar("T")


def build(cls: type[T], fields: dict[str, Any]) -> T:
    """An instance of the frozen dataclass `cls` from fields already checked, without `__init__`.

    A frozen dataclass's `__init__` sets every field through `object.__setattr__`; for the 17
    fields of a `Line` that costs more than validating the line, and an estimate has up to
    2,000 lines. The engine makes the input, the lines and the estimate with its parts this
    way, which is why those classes have no slots: this works only for fields that live in
    `__dict__`. `fields` must hold every field and becomes that `__dict__`, so the caller must
    not keep using it.
    """
    instance = object.__new__(cls)
    object.__setattr__(instance, "__dict__", fields)
    return instance


@dataclass(frozen=True)
class Paint:
    """A line's paint work: AZT level (`mode`) and the panel's base paint units (§1.3)."""

    mode: str
    units: Decimal


@dataclass(frozen=True)
class Line:
    """One calculation line, with defaults resolved (§1.3).

    `labour_category` is `None` for operations that carry no labour (paint, subcontract,
    sundry) unless the input names one. `sensor` is the sensor a `calibrate` line covers, or
    that a `subcontract` line has a specialist calibrate (§1.3, §3; `None` when the line names
    none); `covers_sensor` reads it for both. `assess` is kept raw for the scoring contract.
    """

    id: str
    code: str
    description: str
    operation: str
    labour_category: str | None
    labour_units: Decimal
    paint: Paint | None
    part_group: str | None
    unit_price: Decimal | None
    quantity: Decimal
    part_source: str
    amount: Decimal | None
    sensor: str | None
    adas_sensors: tuple[str, ...]
    hv_zone: bool
    repair_allowed: bool
    assess: Any = None

    @property
    def covers_sensor(self) -> str | None:
        """The sensor whose calibration this line is (§3): a `calibrate` line's `sensor`, or
        the `sensor` a `subcontract` line has a specialist calibrate; `None` otherwise."""
        if self.operation in CALIBRATING_OPERATIONS:
            return self.sensor
        return None


@dataclass(frozen=True)
class Vehicle:
    """The damaged vehicle (§1.1). `margin_scheme` (default false) marks a margin car, whose
    value and residual hold no VAT an owner who reclaims VAT could take out (§2.11)."""

    make: str
    model: str
    variant: str
    vin: str | None
    first_registration: date
    mileage_km: int
    powertrain: str
    paint_type: str
    units_per_hour: int
    value_before_damage: Decimal | None
    new_value: Decimal | None
    residual_value: Decimal
    adas: tuple[str, ...]
    margin_scheme: bool = False


@dataclass(frozen=True, slots=True)
class Band:
    """One band of a new-value scheme: months `from_month`..`to_month` inclusive (§1.2)."""

    from_month: int
    to_month: int
    percent_per_month: Decimal


@dataclass(frozen=True)
class Rates:
    """The client's rate set (§1.2). Percentages are kept as written ("21" is 21 %)."""

    labour: Mapping[str, Decimal]
    paint_setup_hours: Decimal
    paint_mode_factor: Mapping[str, Decimal]
    paint_type_labour_factor: Mapping[str, Decimal]
    paint_material_per_hour: Decimal
    paint_type_material_factor: Mapping[str, Decimal]
    parts_discount: Mapping[str, Decimal]
    used_parts_discount: Decimal
    small_materials_percent: Decimal
    small_materials_cap: Decimal
    subcontract_markup_percent: Decimal
    disposal_fee: Decimal
    vat_percent: Decimal
    owner_deducts_vat: bool
    productive_hours_per_day: Decimal
    new_value_scheme: tuple[Band, ...] | None


@dataclass(frozen=True)
class CalculationInput:
    """A whole, validated `schadecalc/1` input (§1). `decisions` and the top-level `assess`
    belong to the scoring contract: never read here, kept raw for scoring (§4)."""

    spec: str
    damage_date: date | None
    vehicle: Vehicle
    rates: Rates
    lines: tuple[Line, ...]
    decisions: Any = None
    assess: Any = None


@dataclass(frozen=True)
class LabourResult:
    """Labour of one category (§2.1): exact units and hours, the rate and the rounded amount."""

    units: Decimal
    hours: Decimal
    rate: Decimal
    amount: Decimal


@dataclass(frozen=True)
class PaintResult:
    """Paint labour units P, exact paint hours and the two paint amounts (§2.2, §2.3)."""

    units: Decimal
    hours: Decimal
    labour_amount: Decimal
    material_amount: Decimal


@dataclass(frozen=True)
class PartsResult:
    """Sums of the rounded per-line part figures (§2.4)."""

    gross: Decimal
    discount: Decimal
    net: Decimal


@dataclass(frozen=True)
class TotalLoss:
    """The economic total-loss comparison (§2.11, §2.12).

    `value_before_damage` is the amount incl. VAT (§5); `compared`, `threshold` and
    `repair_ratio` are on the comparison's one VAT basis (§2.11).
    """

    value_before_damage: Decimal
    depreciation_percent: Decimal | None
    compared: Decimal
    threshold: Decimal
    economic_total_loss: bool
    repair_ratio: Decimal


@dataclass(frozen=True)
class LineResult:
    """A line's share: labour units it carries, paint units after the mode factor, parts net."""

    id: str
    labour_units: Decimal
    paint_units: Decimal
    parts_net: Decimal


@dataclass(frozen=True, slots=True)
class Warning:
    """A finding that does not stop the calculation (§3); the name is the contract's own."""

    code: str
    line_id: str | None
    message: str


@dataclass(frozen=True)
class Estimate:
    """Every computed quantity of §2 and the findings of §3, exact until `to_json` shows them.

    `labour` maps each category (body, mechanical, electrical) to its `LabourResult`.
    """

    spec: str
    labour: Mapping[str, LabourResult]
    paint: PaintResult
    parts: PartsResult
    small_materials: Decimal
    subcontract: Decimal
    sundries: Decimal
    disposal: Decimal
    subtotal_excl_vat: Decimal
    vat: Decimal
    total_incl_vat: Decimal
    repair_days: int
    total_loss: TotalLoss
    lines: tuple[LineResult, ...]
    warnings: tuple[Warning, ...]
