"""What a `schadecalc/1` input may hold (calculation-spec §1) and the Dutch words for what is
wrong with it (§4): field names, enumerations, defaults and error messages."""

from __future__ import annotations

SPEC = "schadecalc/1"
MAX_LINES = 2000
MAX_DIGITS_BEFORE_POINT = 12
# §4: a string longer than this is refused (a description a calculation program prints on one
# line); amounts summed as given carry at most this many decimals.
MAX_TEXT_LENGTH = 200
MAX_AMOUNT_DECIMALS = 2

OPERATIONS = (
    "replace",
    "repair",
    "remove_refit",
    "paint",
    "calibrate",
    "hv_safety",
    "subcontract",
    "sundry",
)
LINE_LABOUR_CATEGORIES = ("body", "mechanical", "electrical")
RATE_LABOUR_CATEGORIES = ("body", "paint", "mechanical", "electrical")
PAINT_MODES = ("new", "surface", "repair_minor", "repair_major", "blend")
PAINT_TYPES = ("solid", "metallic", "pearl")
POWERTRAINS = ("ICE", "HEV", "PHEV", "BEV", "FCEV")
PART_GROUPS = ("body", "mechanical", "electrical", "glass", "trim", "other")
PART_SOURCES = ("oem", "used", "aftermarket")
UNITS_PER_HOUR = (10, 12, 100)

DEFAULT_LABOUR_CATEGORY = {
    "replace": "body",
    "repair": "body",
    "remove_refit": "body",
    "calibrate": "electrical",
    "hv_safety": "electrical",
}
# What each operation needs besides id, code, description and operation (§1.3).
REQUIRED_BY_OPERATION = {
    "replace": ("part_group", "unit_price", "labour_units"),
    "repair": ("labour_units",),
    "remove_refit": ("labour_units",),
    "paint": ("paint",),
    "calibrate": ("labour_units", "sensor"),
    "hv_safety": ("labour_units",),
    "subcontract": ("amount",),
    "sundry": ("amount",),
}

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
