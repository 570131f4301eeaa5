"""A seed → one variant of a template: its parameters, the trainee's brief and the reference,
derived by rules from the template and computed by `calcengine`. Pure and deterministic
(`random.Random(seed)`): the same template version and seed give the same variant, so a
practice attempt stores only the template key, its version and the seed.

The rules that make the reference (cases/README.md, "Oefenvarianten"):
- the severity's work on the parts its roles find on the vehicle (`templates`), prefilled from
  the catalogue (`prefill_line`); a repair's time is the template's hours in the make's unit;
- a calibration for every fitted sensor that a line disturbs (`calibration_for`), critical for
  radar and camera, with the make-independent specialist's code as an equal alternative; HV
  safety when a line is in the HV zone of an HV vehicle;
- the part source of a replaced part from the customer's wish, the availability and what the
  paying party allows for this vehicle's age (`cases.payer.rules_for`, the one owner);
- the rates: the paying party's rate set, `owner_deducts_vat` by the owner's VAT status, so the
  engine's totals (incl. or excl. VAT) and its total-loss comparison follow the status;
- the decisions: the engine's total-loss verdict, the payer's expert rule, its used-parts rule;
- `assess`: the undamaged parts the brief names, the part sources the payer allows.
The engine must accept the reference with no warning but a total loss (`VariantRefused`).
"""

from __future__ import annotations

import functools
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace
from typing import Any

import calcengine
from calcengine.catalogue import (
    Part,
    VehicleModel,
    calibration_for,
    get_rate_set,
    get_vehicle,
    get_work_code,
    prefill_line,
    vehicle_block,
    vehicles,
    work_codes,
)
from calcengine.schema import (
    HV_SAFETY_OPERATION,
    PAINT_OPERATION,
    PART_SOURCES,
    REPAIR_OPERATION,
    REPLACE_OPERATION,
    SPEC,
    SPECIALIST_CALIBRATION_OPERATIONS,
    SUBCONTRACT_OPERATION,
)
from calcengine.warnings import ECONOMIC_TOTAL_LOSS

from .. import payer
from .templates import (
    AVAILABILITY,
    PAYERS,
    SEVERITIES,
    SOURCE_PRICE_SHARE,
    TEMPLATES,
    VAT_STATUSES,
    WISHES,
    Template,
    get_template,
)

# The day of the damage in every variant: the vehicle's age (and so the payer's used-parts rule)
# is counted to it. A fixed date keeps a variant the same whenever it is regenerated.
DAMAGE_DATE = date(2026, 3, 2)
# The car's value falls by this share per year of age around the demo case's value
# (vuistregel, geen openbare bron); the mileage by this many km per year.
VALUE_LOSS_PER_YEAR = Decimal("0.10")
KM_PER_YEAR = 15000
# Sensors whose calibration the reference makes critical (the demo cases: radar and camera
# knock out, a park-sensor teach-in does not).
CRITICAL_SENSORS = frozenset({"front_radar", "front_camera", "rear_radar"})
CUSTOMERS = (
    "mevrouw De Vries",
    "meneer Jansen",
    "mevrouw Bakker",
    "meneer El Idrissi",
    "mevrouw Visser",
    "meneer Smit",
    "mevrouw Öztürk",
    "meneer Mulder",
)
CENT = Decimal("0.01")


class VariantRefused(Exception):
    """The engine refused a generated reference, or warned about it (a template defect)."""


class StaleTemplate(Exception):
    """A stored variant names a template version that is no longer the template's."""


@dataclass(frozen=True)
class Parameters:
    template_key: str
    vehicle_id: str
    severity: str
    payer: str
    vat_status: str
    wish: str
    availability: str
    first_registration: date
    mileage_km: int
    value_before_damage: Decimal
    residual_value: Decimal
    customer: str

    @property
    def rate_set_id(self) -> str:
        return str(PAYERS[self.payer].rate_sets[self.vat_status])

    @property
    def owner_deducts_vat(self) -> bool:
        return self.vat_status == "btw_ondernemer"

    @property
    def age_years(self) -> int:
        return payer.vehicle_age_years(self.first_registration.isoformat(), DAMAGE_DATE)

    def key(self) -> tuple[Any, ...]:
        """What makes two variants the same case (the customer's name aside)."""
        return (
            self.template_key,
            self.vehicle_id,
            self.severity,
            self.payer,
            self.vat_status,
            self.wish,
            self.availability,
            self.first_registration,
        )


@dataclass(frozen=True)
class FormRow:
    """A part the trainee's form offers (damaged or not: the brief tells which)."""

    code: str
    name: str
    paintable: bool
    repairable: bool


@dataclass(frozen=True)
class Variant:
    template_key: str
    template_version: int
    seed: int
    parameters: Parameters
    title: str
    brief: str
    reference: dict[str, Any]  # schadecalc/1 with `assess` and `decisions`; do not mutate
    output: dict[str, Any]  # the engine's output for the reference
    rows: tuple[FormRow, ...]
    offered_work: tuple[str, ...]


# ----------------------------------------------------------------------------- catalogue look-ups


def find_part(vehicle: VehicleModel, prefix: str, side: str = "") -> Part | None:
    """The first part of the vehicle whose name starts with `prefix` (and holds `side`)."""
    for part in vehicle.parts:
        if part.name.startswith(prefix) and side in part.name:
            return part
    return None


@functools.cache
def family(template_key: str) -> tuple[str, ...]:
    """The template's vehicle family: the catalogue vehicles on which every role finds a part."""
    template = get_template(template_key)
    return tuple(
        vehicle.id
        for vehicle in sorted(vehicles(), key=lambda v: v.id)
        if all(find_part(vehicle, role.prefix, role.side) for role in template.roles)
    )


# Per vehicle the demo case whose vehicle facts a variant starts from. Named, so that a new demo
# case of the same vehicle does not change the variants of a seed.
ANCHOR_CASES = {
    "bmw-3-g20": "bmw-3-windscreen-adas",
    "kia-niro-phev": "niro-phev-sill-structural",
    "mercedes-vito": "vito-van-fleet-rear",
    "peugeot-208": "peugeot-208-photo-intake",
    "renault-clio-5": "clio-door-private",
    "tesla-model-3": "model3-rear-ev",
    "toyota-yaris-cross-hev": "yaris-cross-hev-side",
    "vw-golf-8": "golf-front-low-speed",
    "vw-polo-6r": "polo-total-loss",
}


@functools.cache
def _anchors() -> dict[str, dict[str, Any]]:
    """Per vehicle id the vehicle facts of its `ANCHOR_CASES` demo case: first registration,
    mileage, value before damage and residual value. A case on the new-value scheme (no value
    before damage) gives its new value less `VALUE_LOSS_PER_YEAR` per year of age."""
    from ..demo import demo_cases

    cases = {case["slug"]: case for case in demo_cases()}
    found: dict[str, dict[str, Any]] = {}
    for vehicle_id, slug in ANCHOR_CASES.items():
        case = cases[slug]
        value = case.get("value_before_damage")
        if value is None:
            age = payer.vehicle_age_years(case["first_registration"], DAMAGE_DATE)
            value = str(Decimal(case["new_value"]) * (Decimal(1) - VALUE_LOSS_PER_YEAR) ** age)
        found[vehicle_id] = {**case, "value_before_damage": value}
    return found


def _build_years(vehicle: VehicleModel) -> tuple[int, int]:
    text = vehicle.build_years.replace("–", "-")
    first, _, last = text.partition("-")
    return int(first), int(last) if last.strip() else DAMAGE_DATE.year


def vehicle_facts(vehicle_id: str, rng: random.Random) -> tuple[date, int, Decimal, Decimal]:
    """First registration, mileage, value before damage and residual value: the demo case's
    vehicle made up to three years older or two younger (within its build years and before the
    damage date), its value and residual value moved by `VALUE_LOSS_PER_YEAR` per year."""
    anchor = _anchors()[vehicle_id]
    registered = date.fromisoformat(anchor["first_registration"])
    first, last = _build_years(get_vehicle(vehicle_id))
    last = min(last, DAMAGE_DATE.year - 1)
    shifts = [s for s in range(-3, 3) if first <= registered.year + s <= last]
    shift = rng.choice(shifts or [0])
    year = registered.year + shift
    when = registered.replace(year=year, day=min(registered.day, 28))
    factor = (Decimal(1) - VALUE_LOSS_PER_YEAR) ** -shift if shift else Decimal(1)
    value = (Decimal(anchor["value_before_damage"]) * factor).quantize(Decimal(50), ROUND_HALF_UP)
    residual = (Decimal(anchor["residual_value"]) * factor).quantize(Decimal(50), ROUND_HALF_UP)
    mileage = max(5000, int(anchor["mileage_km"]) - KM_PER_YEAR * shift + rng.randint(-4, 4) * 1000)
    return when, mileage, value.quantize(CENT), residual.quantize(CENT)


# ------------------------------------------------------------------------------------ parameters


def parameters_for(template: Template, seed: int) -> Parameters:
    rng = random.Random(f"{template.key}:{template.version}:{seed}")
    vehicle_id = rng.choice(family(template.key))
    severity = rng.choice(sorted(SEVERITIES))
    payer_key = rng.choice(sorted(PAYERS))
    vat_status = rng.choice(sorted(PAYERS[payer_key].rate_sets))
    wish = rng.choice(sorted(WISHES))
    availability = rng.choice(sorted(AVAILABILITY))
    registered, mileage, value, residual = vehicle_facts(vehicle_id, rng)
    return Parameters(
        template_key=template.key,
        vehicle_id=vehicle_id,
        severity=severity,
        payer=payer_key,
        vat_status=vat_status,
        wish=wish,
        availability=availability,
        first_registration=registered,
        mileage_km=mileage,
        value_before_damage=value,
        residual_value=residual,
        customer=rng.choice(CUSTOMERS),
    )


def rules_of(params: Parameters) -> Any:
    """The paying party's rules for the variant, through `cases.payer.rules_for`."""
    return payer.rules_for(SimpleNamespace(rate_set_id=params.rate_set_id, payer_rules={}))


def rates_of(rate_set_id: str, owner_deducts_vat: bool) -> dict[str, Any]:
    """A catalogue rate set's `schadecalc/1` rates with the owner's VAT status."""
    rates = get_rate_set(rate_set_id).rates
    rates["owner_deducts_vat"] = owner_deducts_vat
    return rates


def part_price(part: Part, source: str) -> Decimal:
    """The price of the part from `source`: its list price times `SOURCE_PRICE_SHARE`."""
    return (part.list_price * SOURCE_PRICE_SHARE[source]).quantize(CENT, ROUND_HALF_UP)


def _sources(params: Parameters, rules: Any, *, first_replaced: bool, oem_only: bool) -> list[str]:
    """The part sources of a replaced part, the reference's own first: by the customer's wish,
    the availability (the first new part) and what the payer allows at the vehicle's age."""
    allowed = [s for s in PART_SOURCES if rules.part_source_allowed(s, params.age_years)]
    if oem_only or params.wish == "origineel":
        return ["oem"]
    cheaper = [s for s in ("used", "aftermarket") if s in allowed]
    if params.availability == "oem_levertijd" and first_replaced:
        fast = [s for s in ("aftermarket", "used") if s in allowed]
        if fast:
            return [fast[0], "oem"]
    if params.wish == "voordelig" and cheaper:
        return [cheaper[0], "oem"]
    return ["oem", *[s for s in allowed if s != "oem"]]


# ----------------------------------------------------------------------------------- the variant


def _units(hours: Decimal, vehicle: VehicleModel) -> str:
    units = (hours * vehicle.units_per_hour).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return format(units.normalize(), "f")


def _reference_lines(template: Template, params: Parameters, vehicle: VehicleModel) -> list[dict]:
    rules = rules_of(params)
    lines: list[dict[str, Any]] = []

    def next_id() -> str:
        return str(len(lines) + 1)

    replaced = 0
    for work in template.severities[params.severity]:
        role = template.role(work.role)
        part = find_part(vehicle, role.prefix, role.side)
        assert part is not None  # the family holds only vehicles where every role resolves
        if work.operation == REPLACE_OPERATION:
            sources = _sources(params, rules, first_replaced=replaced == 0, oem_only=work.oem_only)
            replaced += 1
            source = sources[0]
            line = prefill_line(
                vehicle.id,
                part.code,
                REPLACE_OPERATION,
                line_id=next_id(),
                part_source=source,
                unit_price=None if source == "oem" else part_price(part, source),
            )
            if sources != [source]:
                line["assess"] = {"part_sources": sources}
        elif work.operation == REPAIR_OPERATION:
            mode = work.paint_mode if part.paint_units is not None else None
            line = prefill_line(
                vehicle.id,
                part.code,
                REPAIR_OPERATION,
                line_id=next_id(),
                paint_mode=mode,
                repair_units=_units(work.repair_hours or Decimal(1), vehicle),
            )
            line["assess"] = {
                "alternatives": [REPLACE_OPERATION],
                "alternative_credit": "0.5",
                "unit_tolerance_percent": "15",
            }
        else:  # paint
            if part.paint_units is None:
                continue  # an unpainted part (black plastic): nothing to blend
            line = prefill_line(
                vehicle.id,
                part.code,
                PAINT_OPERATION,
                line_id=next_id(),
                paint_mode=work.paint_mode,
            )
        lines.append(line)

    disturbed: list[str] = []
    for line in lines:
        for sensor in line.get("adas_sensors", ()):
            if sensor in vehicle.adas and sensor not in disturbed:
                disturbed.append(sensor)
    for sensor in disturbed:
        code = calibration_for(sensor)
        line = prefill_line(vehicle.id, code.code, code.operation, line_id=next_id())
        if sensor in CRITICAL_SENSORS:
            line["assess"] = {
                "critical": True,
                "critical_reason": (
                    "Na demonteren of vervangen van een onderdeel met deze sensor schrijft de "
                    "fabrikant kalibratie voor; zonder kalibratie meten de rijhulpsystemen "
                    "verkeerd, ook zonder storingslampje."
                ),
            }
            specialist = specialist_code(sensor)
            if specialist:
                line["assess"]["alternatives"] = [
                    {"code": specialist, "operation": SUBCONTRACT_OPERATION, "credit": "1"}
                ]
        lines.append(line)
    if vehicle.high_voltage and any(line.get("hv_zone") for line in lines):
        lines.append(prefill_line(vehicle.id, "HV-SAFE", HV_SAFETY_OPERATION, line_id=next_id()))
    for code in template.work_codes[params.severity]:
        lines.append(
            prefill_line(vehicle.id, code, get_work_code(code).operation, line_id=next_id())
        )
    return lines


@functools.cache
def _specialists() -> dict[str, str]:
    return {
        code.sensor: code.code
        for code in work_codes()
        if code.operation in SPECIALIST_CALIBRATION_OPERATIONS and code.sensor
    }


def specialist_code(sensor: str) -> str | None:
    """The work code of a specialist's (subcontracted) calibration of `sensor`, if any."""
    return _specialists().get(sensor)


def _brief(template: Template, params: Parameters, vehicle: VehicleModel, output: dict) -> str:
    payer_context = PAYERS[params.payer]
    damage = []
    for work in template.severities[params.severity]:
        role = template.role(work.role)
        part = find_part(vehicle, role.prefix, role.side)
        if part is not None and not (
            work.operation == PAINT_OPERATION and part.paint_units is None
        ):
            damage.append(f"- {part.name}: {work.damage}.")
    undamaged = [
        part.name
        for key in template.undamaged
        if (part := find_part(vehicle, template.role(key).prefix, template.role(key).side))
    ]
    value = format(params.value_before_damage, ",.2f").replace(",", "X").replace(".", ",")
    value = value.replace("X", ".")
    lines = [
        f"{params.customer[:1].upper()}{params.customer[1:]} komt aan de balie met een {vehicle.name} "
        f"(eerste toelating {params.first_registration.strftime('%d-%m-%Y')}, "
        + f"{params.mileage_km:,}".replace(",", ".")
        + f" km). De auto {template.situation} ({SEVERITIES[params.severity]}).",
        "",
        "Wat u bij de schadeopname vaststelt:",
        *damage,
        f"- Onbeschadigd: {', '.join(undamaged)}.",
        "",
        payer_context.sentence,
        f"De eigenaar is {VAT_STATUSES[params.vat_status]}.",
        WISHES[params.wish],
        AVAILABILITY[params.availability],
        f"De waarde voor schade is volgens de koerslijst € {value}.",
        "",
        "Maak de voorcalculatie: kies de tarieven van de betaler en de btw-situatie van de "
        "eigenaar, de bewerkingen op de juiste onderdelen, de herkomst van de onderdelen en het "
        "werk dat de fabrikant na deze bewerkingen voorschrijft.",
    ]
    return "\n".join(lines)


def _rows(template: Template, vehicle: VehicleModel) -> tuple[FormRow, ...]:
    rows = []
    for role in template.roles:
        part = find_part(vehicle, role.prefix, role.side)
        if part is not None:
            rows.append(
                FormRow(
                    code=part.code,
                    name=part.name,
                    paintable=part.paint_units is not None,
                    repairable=part.part_group in ("body", "trim"),
                )
            )
    return tuple(rows)


def offered_work(template: Template, vehicle: VehicleModel) -> tuple[str, ...]:
    """The work codes the trainee's form offers: every fitted sensor's calibration and its
    specialist's code, HV safety on an HV vehicle, the template's other work."""
    codes: list[str] = []
    for sensor in vehicle.adas:
        codes.append(calibration_for(sensor).code)
        if specialist := specialist_code(sensor):
            codes.append(specialist)
    if vehicle.high_voltage:
        codes.append("HV-SAFE")
    codes += [c for c in template.offered_work if c not in codes]
    return tuple(codes)


def variant_for(template_key: str, seed: int, version: int | None = None) -> Variant:
    """The variant of the template for `seed`; `version` (a stored attempt's) must be the
    template's current version (`StaleTemplate` otherwise)."""
    template = get_template(template_key)
    if version is not None and version != template.version:
        raise StaleTemplate(f"{template_key} v{version} (nu v{template.version})")
    return _variant(template_key, seed)


@functools.lru_cache(maxsize=1024)
def _variant(template_key: str, seed: int) -> Variant:
    template = get_template(template_key)
    params = parameters_for(template, seed)
    vehicle = get_vehicle(params.vehicle_id)
    reference: dict[str, Any] = {
        "spec": SPEC,
        "vehicle": vehicle_block(
            vehicle.id,
            first_registration=params.first_registration,
            mileage_km=params.mileage_km,
            value_before_damage=params.value_before_damage,
            residual_value=params.residual_value,
        ),
        "rates": rates_of(params.rate_set_id, params.owner_deducts_vat),
        "lines": _reference_lines(template, params, vehicle),
    }
    try:
        output = calcengine.estimate(reference)
    except calcengine.InputError as refused:
        raise VariantRefused(f"{template_key}/{seed}: {refused.errors}") from refused
    warnings = [w["code"] for w in output["warnings"] if w["code"] != ECONOMIC_TOTAL_LOSS]
    if warnings:
        raise VariantRefused(f"{template_key}/{seed}: {warnings}")
    rules = rules_of(params)
    reference["decisions"] = {
        "economic_total_loss": bool(output["total_loss"]["economic_total_loss"]),
        "expert_required": payer.expertise_required(output, rules, {}),
        "used_parts_allowed": rules.used_parts_allowed_for(params.age_years),
    }
    reference["assess"] = {
        "undamaged": [
            part.code
            for key in template.undamaged
            if (part := find_part(vehicle, template.role(key).prefix, template.role(key).side))
        ],
        "part_sources_allowed": [
            s for s in PART_SOURCES if rules.part_source_allowed(s, params.age_years)
        ],
    }
    band = total_band(reference, vehicle, Decimal(output["subtotal_excl_vat"]))
    if band is not None:
        reference["assess"]["total_band_percent"] = band
    return Variant(
        template_key=template_key,
        template_version=template.version,
        seed=seed,
        parameters=params,
        title=f"{template.title}: {vehicle.name}",
        brief=_brief(template, params, vehicle, output),
        reference=reference,
        output=output,
        rows=_rows(template, vehicle),
        offered_work=offered_work(template, vehicle),
    )


def total_band(
    reference: dict[str, Any], vehicle: VehicleModel, subtotal: Decimal
) -> list[str] | None:
    """Where the reference accepts several part sources, two right answers differ in total: the
    band of scoring §4 then starts above the largest such difference (all accepted parts the
    cheapest, or all the dearest, as the Yaris demo case widens its band), else the default."""
    choices = [
        (line, line["assess"]["part_sources"])
        for line in reference["lines"]
        if len((line.get("assess") or {}).get("part_sources", ())) > 1
    ]
    if not choices:
        return None
    deviation = Decimal(0)
    for pick in (min, max):
        lines = []
        for line in reference["lines"]:
            line = {k: v for k, v in line.items() if k != "assess"}
            for chosen, sources in choices:
                if chosen["id"] == line["id"]:
                    part = vehicle.part(line["code"])
                    source = pick(sources, key=lambda s: part_price(part, s))
                    line["unit_price"] = format(part_price(part, source), "f")
                    if source == "oem":
                        line.pop("part_source", None)
                    else:
                        line["part_source"] = source
            lines.append(line)
        other = Decimal(calcengine.estimate({**reference, "lines": lines})["subtotal_excl_vat"])
        deviation = max(deviation, abs(other - subtotal) / subtotal * 100)
    low = max(Decimal(5), deviation.to_integral_value(rounding="ROUND_CEILING") + 1)
    return [str(low), str(low + 20)]


def template_keys() -> tuple[str, ...]:
    return tuple(sorted(TEMPLATES))


def library(count: int, *, start: int = 0) -> Iterable[Variant]:
    """`count` variants across the library: seeds from `start`, the templates in turn."""
    keys = template_keys()
    for index in range(start, start + count):
        yield variant_for(keys[index % len(keys)], index // len(keys))
