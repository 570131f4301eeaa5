"""What a `schadecalc/1` input may hold (calculation-spec §1) and the Dutch words for what is
wrong with it (§4): field names, enumerations, defaults and error messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SPEC = "schadecalc/1"
MAX_LINES = 2000
MAX_DIGITS_BEFORE_POINT = 12
# §4: a string longer than this is refused (a description a calculation program prints on one
# line); amounts summed as given carry at most this many decimals.
MAX_TEXT_LENGTH = 200
MAX_AMOUNT_DECIMALS = 2


def gettext_noop(text: str) -> str:
    """Marks a Dutch label for extraction (`makemessages` looks for this name) without
    importing Django: the text is returned unchanged, and the Django edge translates it
    (`cases.calculations.labels`, `gettext_lazy(label)`), as the `.po` files hold these msgids."""
    return text


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation of §1.3 with everything the platform knows of it. This table is the only
    place an operation is declared: the engine, the catalogue, the editor (its JavaScript through
    `json_script`), the labels, scoring and the printouts read it
    (`tests/calcengine/test_operations_table.py` keeps it so).

    - `label`: the name a calculation program shows ("Vervangen"), marked for translation;
      `name`: the same work inside a Dutch sentence ("waar de referentie herstellen rekent");
      `done`: what was done, after the part's name ("Motorkap hersteld"); `done_instead`: the
      same, set against another way of doing the job ("uitbesteed (werk derden) in plaats van
      zelf gekalibreerd").
    - `needs` and `optional`: the line fields of §1.3's table besides id, code, description and
      operation, `needs` in the order a missing one is reported; every property below reads them.
    - `default_labour_category`: §1.3; `None` for an operation that carries no labour.
    - `marked_up`: its amount takes the subcontract markup (§2.6); an amount without it is
      summed as given (§2.7).
    - `on_part`, `by_work_code`: the catalogue books it on a part of the vehicle, or with one of
      the shared work codes (remove/refit of a part, or measuring on the frame bench, does both).
    - `default_paint_mode`: the AZT level the catalogue paints a painted part at when the caller
      names none; `None` paints only when asked.
    - `damage_only`: work that only damage asks for, so that doing it to a part the case shows
      undamaged is a knock-out (scoring spec §6); a part is also removed and refitted to reach
      another.
    """

    code: str
    label: str
    name: str
    done: str
    done_instead: str
    needs: tuple[str, ...]
    optional: tuple[str, ...]
    default_labour_category: str | None
    marked_up: bool
    on_part: bool
    by_work_code: bool
    default_paint_mode: str | None
    damage_only: bool

    @property
    def carries_labour(self) -> bool:
        """Its `labour_units` count as labour (§2.1); other operations carry none."""
        return "labour_units" in self.needs

    @property
    def takes_amount(self) -> bool:
        """Its `amount` is money of the calculation (§2.6, §2.7)."""
        return "amount" in self.needs

    @property
    def needs_paint(self) -> bool:
        """Its line is paint work alone (§1.3)."""
        return "paint" in self.needs

    @property
    def takes_paint(self) -> bool:
        """It may carry paint work (§1.3)."""
        return "paint" in self.needs or "paint" in self.optional

    @property
    def buys_part(self) -> bool:
        """It buys a part: price, quantity, part source and discount (§2.4), disposal (§2.8)."""
        return "unit_price" in self.needs

    @property
    def needs_sensor(self) -> bool:
        """It names the sensor it calibrates (§1.3)."""
        return "sensor" in self.needs

    @property
    def may_name_sensor(self) -> bool:
        """It may name a sensor a specialist calibrates, which then counts as that sensor's
        calibration (§1.3, §3, §8)."""
        return "sensor" in self.optional

    @property
    def disturbs_sensors(self) -> bool:
        """The sensors its part lists (`adas_sensors`) must be calibrated after it (§1.3, §3)."""
        return "adas_sensors" in self.optional

    @property
    def judges_repair(self) -> bool:
        """It carries the manufacturer's `repair_allowed` (§1.3): the choice to repair or
        replace is made on it."""
        return "repair_allowed" in self.optional


_PART_WORK = ("paint", "adas_sensors", "hv_zone")
# In the order a calculation program offers them (§1.3).
OPERATION_TABLE = (
    Operation(
        code="replace",
        label=gettext_noop("Vervangen"),
        name="vervangen",
        done="vervangen",
        done_instead="vervangen",
        needs=("part_group", "unit_price", "labour_units"),
        optional=("quantity", "part_source", "repair_allowed", *_PART_WORK),
        default_labour_category="body",
        marked_up=False,
        on_part=True,
        by_work_code=False,
        default_paint_mode="new",
        damage_only=True,
    ),
    Operation(
        code="repair",
        label=gettext_noop("Herstellen"),
        name="herstellen",
        done="hersteld",
        done_instead="hersteld",
        needs=("labour_units",),
        optional=("repair_allowed", *_PART_WORK),
        default_labour_category="body",
        marked_up=False,
        on_part=True,
        by_work_code=False,
        default_paint_mode="repair_minor",
        damage_only=True,
    ),
    Operation(
        code="remove_refit",
        label=gettext_noop("Demonteren/monteren"),
        name="demonteren en monteren",
        done="gedemonteerd en gemonteerd",
        done_instead="gedemonteerd en gemonteerd",
        needs=("labour_units",),
        optional=_PART_WORK,
        default_labour_category="body",
        marked_up=False,
        on_part=True,
        by_work_code=True,
        default_paint_mode=None,
        damage_only=False,
    ),
    Operation(
        code="paint",
        label=gettext_noop("Spuiten"),
        name="spuiten",
        done="gespoten",
        done_instead="gespoten",
        needs=("paint",),
        optional=(),
        default_labour_category=None,
        marked_up=False,
        on_part=True,
        by_work_code=False,
        default_paint_mode=None,
        damage_only=True,
    ),
    Operation(
        code="calibrate",
        label=gettext_noop("Kalibreren (ADAS)"),
        name="kalibreren",
        done="gekalibreerd",
        done_instead="zelf gekalibreerd",
        needs=("labour_units", "sensor"),
        optional=(),
        default_labour_category="electrical",
        marked_up=False,
        on_part=False,
        by_work_code=True,
        default_paint_mode=None,
        damage_only=False,
    ),
    Operation(
        code="hv_safety",
        # §1.3 gives two Dutch names; this one is what the manufacturers' procedures, the
        # warning (HV_SAFETY_MISSING), the payer and the cases say.
        label=gettext_noop("Spanningsvrij maken (HV)"),
        name="spanningsvrij maken",
        done="spanningsvrij gemaakt",
        done_instead="zelf spanningsvrij gemaakt",
        needs=("labour_units",),
        optional=(),
        default_labour_category="electrical",
        marked_up=False,
        on_part=False,
        by_work_code=True,
        default_paint_mode=None,
        damage_only=False,
    ),
    Operation(
        code="subcontract",
        label=gettext_noop("Werk derden"),
        name="werk derden",
        done="als werk derden opgenomen",
        done_instead="uitbesteed (werk derden)",
        needs=("amount",),
        optional=("sensor",),
        default_labour_category=None,
        marked_up=True,
        on_part=False,
        by_work_code=True,
        default_paint_mode=None,
        damage_only=False,
    ),
    Operation(
        code="sundry",
        label=gettext_noop("Diversen"),
        name="diversen",
        done="als diversen opgenomen",
        done_instead="als diversen opgenomen",
        needs=("amount",),
        optional=(),
        default_labour_category=None,
        marked_up=False,
        on_part=False,
        by_work_code=True,
        default_paint_mode=None,
        damage_only=False,
    ),
)
OPERATION = {operation.code: operation for operation in OPERATION_TABLE}
OPERATIONS = tuple(OPERATION)


def operation_named(value: object) -> Operation | None:
    """The table's row for a raw line's `operation`; `None` for an unknown name or a value that
    is no string (a draft or an authored reference may hold anything)."""
    return OPERATION.get(value) if isinstance(value, str) else None


def operations_where(test: Callable[[Operation], bool]) -> frozenset[str]:
    """The names of the operations for which `test` holds, for a fast `in` per line."""
    return frozenset(operation.code for operation in OPERATION_TABLE if test(operation))


LABOUR_OPERATIONS = operations_where(lambda op: op.carries_labour)
AMOUNT_OPERATIONS = operations_where(lambda op: op.takes_amount)
MARKED_UP_OPERATIONS = operations_where(lambda op: op.marked_up)
PAINT_OPERATIONS = operations_where(lambda op: op.takes_paint)
PART_BUYING_OPERATIONS = operations_where(lambda op: op.buys_part)
SENSOR_NAMING_OPERATIONS = operations_where(lambda op: op.needs_sensor)
SPECIALIST_CALIBRATION_OPERATIONS = operations_where(lambda op: op.may_name_sensor)
# A calibrate line's `sensor`, or the sensor a subcontract line has a specialist calibrate.
CALIBRATING_OPERATIONS = operations_where(lambda op: op.needs_sensor or op.may_name_sensor)
SENSOR_DISTURBING_OPERATIONS = operations_where(lambda op: op.disturbs_sensors)
REPAIR_JUDGED_OPERATIONS = operations_where(lambda op: op.judges_repair)
ON_PART_OPERATIONS = operations_where(lambda op: op.on_part)
WORK_CODE_OPERATIONS = operations_where(lambda op: op.by_work_code)
DAMAGE_ONLY_OPERATIONS = operations_where(lambda op: op.damage_only)


def the_operation_where(test: Callable[[Operation], bool]) -> str:
    """The name of the one operation for which `test` holds; a table in which none or several
    hold fails at import, so a named operation below never silently means another."""
    codes = [operation.code for operation in OPERATION_TABLE if test(operation)]
    if len(codes) != 1:
        raise LookupError(f"Expected exactly one operation, the table gives {codes}.")
    return codes[0]


# The operations other modules name one by one (a builder that writes a replace line, a
# variant's HV work, a lesson's repair lines): each picked here by what only it does, so that
# no module but this one spells an operation. Where a property decides, test the property
# (`OPERATION[code].buys_part`, `code in PART_BUYING_OPERATIONS`) rather than a name.
REPLACE_OPERATION = the_operation_where(lambda op: op.buys_part)
REPAIR_OPERATION = the_operation_where(lambda op: op.judges_repair and not op.buys_part)
# The one work on a part that an undamaged part gets too: removed to reach another.
REMOVE_REFIT_OPERATION = the_operation_where(lambda op: op.on_part and not op.damage_only)
PAINT_OPERATION = the_operation_where(lambda op: op.needs_paint)
SUBCONTRACT_OPERATION = the_operation_where(lambda op: op.marked_up)
# No property of §1.3 sets de-energising apart from the other labour off a part (calibrate
# differs only by its sensor): named by its code, here where it is declared.
HV_SAFETY_OPERATION = OPERATION["hv_safety"].code

DEFAULT_LABOUR_CATEGORY = {
    op.code: op.default_labour_category
    for op in OPERATION_TABLE
    if op.default_labour_category is not None
}
# What each operation needs besides id, code, description and operation (§1.3).
REQUIRED_BY_OPERATION = {op.code: op.needs for op in OPERATION_TABLE}


@dataclass(frozen=True, slots=True)
class Choice:
    """A code of the contract with its Dutch names: `label` as a form or table shows it
    (marked for translation), `name` inside a Dutch sentence."""

    code: str
    label: str
    name: str


def _codes(table: tuple[Choice, ...]) -> tuple[str, ...]:
    return tuple(choice.code for choice in table)


@dataclass(frozen=True, slots=True)
class LabourCategory:
    """A labour category (§1.2, §1.3): `on_line` when a line may name it; paint work is always
    category `paint` through the line's `paint` (§1.3)."""

    code: str
    label: str
    on_line: bool


LABOUR_CATEGORY_TABLE = (
    LabourCategory("body", gettext_noop("Plaatwerk"), on_line=True),
    LabourCategory("paint", gettext_noop("Spuitwerk"), on_line=False),
    LabourCategory("mechanical", gettext_noop("Mechanisch"), on_line=True),
    LabourCategory("electrical", gettext_noop("Elektrisch/HV"), on_line=True),
)
LINE_LABOUR_CATEGORIES = tuple(c.code for c in LABOUR_CATEGORY_TABLE if c.on_line)
RATE_LABOUR_CATEGORIES = tuple(c.code for c in LABOUR_CATEGORY_TABLE)
# The AZT paint levels (§1.3).
PAINT_MODE_TABLE = (
    Choice("new", gettext_noop("Nieuw onderdeel (niveau I)"), "nieuw deel (niveau I)"),
    Choice("surface", gettext_noop("Oppervlak (niveau II)"), "oppervlak (niveau II)"),
    Choice(
        "repair_minor",
        gettext_noop("Herstel ≤ 50% (niveau III)"),
        "herstel tot de helft (niveau III)",
    ),
    Choice(
        "repair_major",
        gettext_noop("Herstel > 50% (niveau IV)"),
        "herstel meer dan de helft (niveau IV)",
    ),
    Choice("blend", gettext_noop("Inspuiten"), "inspuiten"),
)
PAINT_MODES = _codes(PAINT_MODE_TABLE)
# Where a replaced part comes from (§1.3); `name` reads "vervangen door een gebruikt onderdeel".
PART_SOURCE_TABLE = (
    Choice("oem", gettext_noop("Origineel (OEM)"), "origineel (OEM)"),
    Choice("used", gettext_noop("Gebruikt / demontage"), "gebruikt"),
    Choice("aftermarket", gettext_noop("Imitatie"), "imitatie"),
)
PART_SOURCES = _codes(PART_SOURCE_TABLE)
DEFAULT_PART_SOURCE = "oem"
# The driver-assistance sensors the catalogue knows (a line's `sensor` is free text, §1.3).
SENSOR_TABLE = (
    Choice("front_camera", gettext_noop("Frontcamera"), "frontcamera"),
    Choice("front_radar", gettext_noop("Frontradar"), "frontradar"),
    Choice("rear_radar", gettext_noop("Radar achter"), "radar achter"),
    Choice("park_sensors", gettext_noop("Parkeersensoren"), "parkeersensoren"),
    Choice("lidar", gettext_noop("Lidar"), "lidar"),
)
SENSORS = _codes(SENSOR_TABLE)
PAINT_TYPES = ("solid", "metallic", "pearl")
# The powertrains (§1.1), named as a Dutch calculation program names them.
POWERTRAIN_TABLE = (
    Choice("ICE", gettext_noop("Verbrandingsmotor"), "verbrandingsmotor"),
    Choice("HEV", gettext_noop("Hybride (HEV)"), "hybride"),
    Choice("PHEV", gettext_noop("Plug-in hybride (PHEV)"), "plug-in hybride"),
    Choice("BEV", gettext_noop("Elektrisch (BEV)"), "elektrisch"),
    Choice("FCEV", gettext_noop("Waterstof (FCEV)"), "waterstof"),
)
POWERTRAINS = _codes(POWERTRAIN_TABLE)
# High-voltage vehicles (§1.1): they need HV safety where a line is in an HV zone (§3).
HIGH_VOLTAGE_POWERTRAINS = frozenset({"HEV", "PHEV", "BEV", "FCEV"})
PART_GROUPS = ("body", "mechanical", "electrical", "glass", "trim", "other")
UNITS_PER_HOUR = (10, 12, 100)

# `decisions` and `assess` belong to the scoring contract: known here, never read (§4).
TOP_FIELDS = frozenset({"spec", "damage_date", "vehicle", "rates", "lines", "decisions", "assess"})
VEHICLE_FIELDS = frozenset(
    {
        "make",
        "model",
        "variant",
        "vin",
        "first_registration",
        "mileage_km",
        "powertrain",
        "paint_type",
        "units_per_hour",
        "value_before_damage",
        "new_value",
        "residual_value",
        "margin_scheme",
        "adas",
    }
)
RATE_FIELDS = frozenset(
    {
        "labour",
        "paint_setup_hours",
        "paint_mode_factor",
        "paint_type_labour_factor",
        "paint_material_per_hour",
        "paint_type_material_factor",
        "parts_discount",
        "used_parts_discount",
        "small_materials_percent",
        "small_materials_cap",
        "subcontract_markup_percent",
        "disposal_fee",
        "vat_percent",
        "owner_deducts_vat",
        "productive_hours_per_day",
        "new_value_scheme",
    }
)
# In the spec's order (§1.3), which diffs and printouts follow.
LINE_FIELD_ORDER = (
    "id",
    "code",
    "description",
    "operation",
    "labour_category",
    "labour_units",
    "paint",
    "part_group",
    "unit_price",
    "quantity",
    "part_source",
    "amount",
    "sensor",
    "adas_sensors",
    "hv_zone",
    "repair_allowed",
    "assess",
)
LINE_FIELDS = frozenset(LINE_FIELD_ORDER)
PAINT_FIELDS = frozenset({"mode", "units"})
BAND_FIELDS = frozenset({"from_month", "to_month", "percent_per_month"})

MISSING = "Dit veld is verplicht maar ontbreekt."
NOT_A_NUMBER = 'Moet een getal zijn: een tekst als "412.30" of een geheel getal.'
NEGATIVE = "Mag niet negatief zijn."
TOO_MANY_DIGITS = f"Heeft meer dan {MAX_DIGITS_BEFORE_POINT} cijfers voor de komma."
TOO_MANY_DECIMALS = (
    f"Een bedrag dat zo wordt opgeteld heeft hoogstens {MAX_AMOUNT_DECIMALS} decimalen "
    "(hele centen)."
)
TOO_LONG = f"Een tekst heeft hoogstens {MAX_TEXT_LENGTH} tekens."
NOT_POSITIVE = "Moet groter dan 0 zijn."
NOT_TEXT = "Moet een tekst zijn."
EMPTY_TEXT = "Mag niet leeg zijn."
NOT_BOOLEAN = "Moet true of false zijn."
NOT_INTEGER = "Moet een geheel getal zijn."
NOT_OBJECT = "Moet een object zijn ({...})."
NOT_LIST = "Moet een lijst zijn ([...])."
NOT_DATE = "Geen geldige datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2024-03-14."
REPAIR_WITHOUT_LABOUR = "Herstellen vereist arbeidseenheden (labour_units > 0)."
CALIBRATE_WITHOUT_SENSOR = (
    "Een kalibratieregel vereist het veld sensor: welke sensor wordt gekalibreerd."
)
