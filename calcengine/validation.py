"""From plain JSON data to a `CalculationInput`, refusing what cannot be computed (calculation-spec §1, §4).

Every problem is collected before anything is refused, so a trainee sees all of them at once;
each error names its field (`lines[3].unit_price`) and says in Dutch what is wrong.
"""

from __future__ import annotations

import decimal
import math
import re
from datetime import date
from decimal import Decimal
from typing import Any, cast

from calcengine import arithmetic
from calcengine.arithmetic import ONE, ZERO
from calcengine.errors import InputError
from calcengine.model import Band, CalculationInput, Line, Paint, Rates, Vehicle, build
from calcengine.schema import (
    BAND_FIELDS,
    CALIBRATE_WITHOUT_SENSOR,
    DEFAULT_LABOUR_CATEGORY,
    EMPTY_TEXT,
    LINE_FIELD_ORDER,
    LINE_FIELDS,
    LINE_LABOUR_CATEGORIES,
    MAX_AMOUNT_DECIMALS,
    MAX_DIGITS_BEFORE_POINT,
    MAX_LINES,
    MAX_TEXT_LENGTH,
    MISSING,
    NEGATIVE,
    NOT_A_NUMBER,
    NOT_BOOLEAN,
    NOT_DATE,
    NOT_INTEGER,
    NOT_LIST,
    NOT_OBJECT,
    NOT_POSITIVE,
    NOT_TEXT,
    OPERATION_TABLE,
    OPERATIONS,
    PAINT_FIELDS,
    PAINT_MODES,
    PAINT_TYPES,
    PART_GROUPS,
    PART_SOURCES,
    POWERTRAINS,
    RATE_FIELDS,
    RATE_LABOUR_CATEGORIES,
    REPAIR_WITHOUT_LABOUR,
    REQUIRED_BY_OPERATION,
    SPEC,
    TOO_LONG,
    TOO_MANY_DECIMALS,
    TOO_MANY_DIGITS,
    TOP_FIELDS,
    UNITS_PER_HOUR,
    VEHICLE_FIELDS,
)

# The problems found, each {"path": …, "message": …}, in the order they were found.
Errors = list[dict[str, str]]

# A decimal number as the spec writes it in a JSON string: "412.30", "10", "0.5".
_DECIMAL_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# 17 characters; I, O and Q are never used in a VIN (ISO 3779).
_VIN = re.compile(r"[A-HJ-NPR-Z0-9]{17}", re.ASCII)

# Rate sets and prices repeat the same few numbers; caching their conversion keeps parsing cheap.
# Only texts already found valid (a number, not negative, at most 12 digits before the point)
# are cached, so a hit needs no further check.
_TEXT_NUMBERS: dict[str, Decimal] = {}
_TEXT_NUMBERS_MAX = 4096


def parse(data: Any) -> CalculationInput:
    """Validate a `schadecalc/1` input (§1, §4) and return it as a `CalculationInput`.

    Raises `InputError` listing every problem found; nothing is computed from refused input.
    """
    errors: Errors = []
    if not isinstance(data, dict):
        raise InputError([{"path": "", "message": "De invoer moet een JSON-object zijn."}])
    _refuse_unknown(data, TOP_FIELDS, "", errors)

    spec = data.get("spec")
    if spec is None:
        errors.append({"path": "spec", "message": MISSING})
    elif spec != SPEC:
        shown = _quoted(spec) if type(spec) is str else repr(spec)
        errors.append(
            {"path": "spec", "message": f"Onbekende spec {shown}; verwacht wordt {SPEC!r}."}
        )

    damage_date_given = data.get("damage_date") is not None
    damage_date = _optional_date(data, "damage_date", "", errors)
    vehicle = _vehicle(data.get("vehicle", _ABSENT), errors)
    rates = _rates(data.get("rates", _ABSENT), errors)
    lines = _lines(data.get("lines", _ABSENT), errors)

    # Read from the raw vehicle and rate set, so that an unrelated error in either does not hide
    # this one (§4: all errors at once). An unreadable damage date is already reported; it is not
    # reported again as missing.
    raw_vehicle = data.get("vehicle")
    if (
        type(raw_vehicle) is dict
        and raw_vehicle.get("value_before_damage") is None
        and not (damage_date_given and damage_date is None)
    ):
        _check_value_from_scheme(
            raw_vehicle, data.get("rates"), vehicle, rates, damage_date, errors
        )

    if vehicle is not None and rates is not None:
        _check_compared_value(vehicle, rates, damage_date, errors)

    if errors:
        raise InputError(errors)
    assert vehicle is not None and rates is not None and lines is not None
    return build(
        CalculationInput,
        {
            "spec": SPEC,
            "damage_date": damage_date,
            "vehicle": vehicle,
            "rates": rates,
            "lines": lines,
            "decisions": data.get("decisions"),
            "assess": data.get("assess"),
        },
    )


class _Absent:
    """A field that is not in the input at all (as opposed to one given as null)."""


_ABSENT = _Absent()


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _refuse_unknown(
    obj: dict[str, Any], allowed: frozenset[str], path: str, errors: Errors
) -> None:
    if allowed.issuperset(obj):
        return
    for key in obj:
        if key not in allowed:
            errors.append(
                {"path": _join(path, str(key)), "message": f"Onbekend veld {str(key)!r}."}
            )


def _object(raw: Any, path: str, errors: Errors) -> dict[str, Any] | None:
    if raw is _ABSENT or raw is None:
        errors.append({"path": path, "message": MISSING})
        return None
    if not isinstance(raw, dict):
        errors.append({"path": path, "message": NOT_OBJECT})
        return None
    return raw


def _number(raw: Any, path: str, errors: Errors, *, positive: bool = False) -> Decimal | None:
    """A non-negative decimal from a JSON string, integer or Decimal; `None` after an error."""
    value = _checked_number(raw, positive)
    if isinstance(value, str):
        errors.append({"path": path, "message": value})
        return None
    return value


def _line_number(
    raw: Any, index: int, key: str, errors: Errors, *, positive: bool = False
) -> Decimal | None:
    """`_number` for a line's field, whose path is only written for an error."""
    value = _checked_number(raw, positive)
    if isinstance(value, str):
        errors.append({"path": _line_path(index, key), "message": value})
        return None
    return value


# The smallest step an amount summed as given may take: a cent (§4).
_CENT_EXPONENT = -MAX_AMOUNT_DECIMALS
_CENT = Decimal(1).scaleb(_CENT_EXPONENT)


def has_too_many_decimals(value: Decimal) -> bool:
    """Whether `value` is not a whole number of cents: more than two decimals in an amount
    that is summed as given (§4). Trailing zeros do not count ("145.000" is 145.00)."""
    # An int: the value is finite, as `_checked_number` refuses NaN and infinity.
    exponent = cast(int, value.as_tuple().exponent)
    return exponent < _CENT_EXPONENT and value != value.quantize(_CENT)


def _amount(raw: Any, path: str, errors: Errors, *, positive: bool = False) -> Decimal | None:
    """`_number` for an amount summed as given (§4): at most two decimals."""
    value = _number(raw, path, errors, positive=positive)
    if value is not None and has_too_many_decimals(value):
        errors.append({"path": path, "message": TOO_MANY_DECIMALS})
        return None
    return value


def _checked_number(raw: Any, positive: bool) -> Decimal | str:
    """The decimal `_number` reads from `raw`, or the Dutch message that refuses it."""
    kind = type(raw)
    if kind is str:
        value = _TEXT_NUMBERS.get(raw)
        if value is None:
            # §4: no string longer than 200 characters, a number's text included.
            if len(raw) > MAX_TEXT_LENGTH:
                return TOO_LONG
            if _DECIMAL_TEXT.fullmatch(raw) is None:
                return NOT_A_NUMBER
            value = Decimal(raw)
    elif kind is int:
        value = Decimal(raw)
    elif kind is Decimal:
        if not raw.is_finite():
            return NOT_A_NUMBER
        value = raw
    elif isinstance(raw, float) or (isinstance(raw, int | Decimal) and not isinstance(raw, bool)):
        value = _from_other_number(raw)
        if value is None:
            return NOT_A_NUMBER
    else:
        return NOT_A_NUMBER

    if value.is_signed():
        if value:
            return NEGATIVE
        value = abs(value)
    if value and value.adjusted() >= MAX_DIGITS_BEFORE_POINT:
        return TOO_MANY_DIGITS
    if kind is str and len(raw) <= 40:
        if len(_TEXT_NUMBERS) >= _TEXT_NUMBERS_MAX:
            # Start afresh rather than keep the first texts ever seen: a submission repeats its
            # reference's numbers, and a batch of submissions their case's.
            _TEXT_NUMBERS.clear()
        _TEXT_NUMBERS[raw] = value
    if positive and not value:
        return NOT_POSITIVE
    return value


def _from_other_number(raw: float | int | Decimal) -> Decimal | None:
    """A float only through `str()` (§1: "converts exactly through str()"); no NaN or infinity."""
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return None
        return Decimal(str(raw))
    value = Decimal(raw)
    return value if value.is_finite() else None


def _integer(raw: Any, path: str, errors: Errors) -> int | None:
    """A non-negative whole number; a decimal form such as "10" or 10.0 is accepted if whole."""
    if type(raw) is int:
        if raw < 0:
            errors.append({"path": path, "message": NEGATIVE})
            return None
        if raw >= 10**MAX_DIGITS_BEFORE_POINT:
            errors.append({"path": path, "message": TOO_MANY_DIGITS})
            return None
        return raw
    value = _number(raw, path, errors)
    if value is None:
        return None
    if value != value.to_integral_value():
        errors.append({"path": path, "message": NOT_INTEGER})
        return None
    return int(value)


def _text(raw: Any, path: str, errors: Errors, *, non_empty: bool = False) -> str | None:
    if type(raw) is not str:
        errors.append({"path": path, "message": NOT_TEXT})
        return None
    if non_empty and not raw.strip():
        errors.append({"path": path, "message": EMPTY_TEXT})
        return None
    if len(raw) > MAX_TEXT_LENGTH:
        errors.append({"path": path, "message": TOO_LONG})
        return None
    return raw


def _required_text(raw: Any, path: str, errors: Errors, *, non_empty: bool = False) -> str | None:
    if raw is None:
        errors.append({"path": path, "message": MISSING})
        return None
    return _text(raw, path, errors, non_empty=non_empty)


def _boolean(raw: Any, path: str, errors: Errors) -> bool | None:
    if raw is True or raw is False:
        return raw
    errors.append({"path": path, "message": NOT_BOOLEAN})
    return None


def _choice(raw: Any, path: str, errors: Errors, choices: tuple[str, ...], what: str) -> str | None:
    if type(raw) is str and raw in choices:
        return raw
    shown = _quoted(raw) if type(raw) is str else "een niet-tekst"
    errors.append(
        {"path": path, "message": f"Onbekende {what} {shown}; kies uit: {', '.join(choices)}."}
    )
    return None


def _quoted(text: str) -> str:
    """A value quoted for a message, cut short: the message must stay readable."""
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _date(raw: Any, path: str, errors: Errors) -> date | None:
    if type(raw) is str and _DATE_TEXT.fullmatch(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    errors.append({"path": path, "message": NOT_DATE})
    return None


def _optional_date(obj: dict[str, Any], key: str, path: str, errors: Errors) -> date | None:
    raw = obj.get(key)
    if raw is None:
        return None
    return _date(raw, _join(path, key), errors)


def _texts(raw: Any, path: str, errors: Errors) -> tuple[str, ...]:
    if raw is None:
        return ()
    if type(raw) is not list:
        errors.append({"path": path, "message": NOT_LIST})
        return ()
    for index, item in enumerate(raw):
        if type(item) is not str or not item:
            errors.append({"path": f"{path}[{index}]", "message": "Moet een niet-lege tekst zijn."})
        elif len(item) > MAX_TEXT_LENGTH:
            errors.append({"path": f"{path}[{index}]", "message": TOO_LONG})
    return tuple(raw)


def _vehicle(raw: Any, errors: Errors) -> Vehicle | None:
    path = "vehicle"
    obj = _object(raw, path, errors)
    if obj is None:
        return None
    count = len(errors)
    _refuse_unknown(obj, VEHICLE_FIELDS, path, errors)

    def required(key: str) -> Any:
        value = obj.get(key)
        if value is None:
            errors.append({"path": f"{path}.{key}", "message": MISSING})
            return _ABSENT
        return value

    texts = {}
    for key in ("make", "model", "variant"):
        value = required(key)
        if value is not _ABSENT:
            texts[key] = _text(value, f"{path}.{key}", errors)

    vin = obj.get("vin")
    if vin is not None and (type(vin) is not str or _VIN.fullmatch(vin) is None):
        errors.append(
            {
                "path": f"{path}.vin",
                "message": "Ongeldig VIN: 17 tekens, alleen hoofdletters en cijfers, zonder I, O en Q.",
            }
        )

    first_registration = required("first_registration")
    if first_registration is not _ABSENT:
        first_registration = _date(first_registration, f"{path}.first_registration", errors)
    mileage = required("mileage_km")
    if mileage is not _ABSENT:
        mileage = _integer(mileage, f"{path}.mileage_km", errors)
    powertrain = required("powertrain")
    if powertrain is not _ABSENT:
        powertrain = _choice(powertrain, f"{path}.powertrain", errors, POWERTRAINS, "aandrijving")
    paint_type = required("paint_type")
    if paint_type is not _ABSENT:
        paint_type = _choice(paint_type, f"{path}.paint_type", errors, PAINT_TYPES, "laksoort")
    units_per_hour = required("units_per_hour")
    if units_per_hour is not _ABSENT:
        units_per_hour = _integer(units_per_hour, f"{path}.units_per_hour", errors)
        if units_per_hour is not None and units_per_hour not in UNITS_PER_HOUR:
            errors.append(
                {
                    "path": f"{path}.units_per_hour",
                    "message": "Het aantal arbeidseenheden per uur moet 10, 12 of 100 zijn.",
                }
            )
    value_before_damage = obj.get("value_before_damage")
    if value_before_damage is not None:
        value_before_damage = _amount(
            value_before_damage, f"{path}.value_before_damage", errors, positive=True
        )
    new_value = obj.get("new_value")
    if new_value is not None:
        new_value = _amount(new_value, f"{path}.new_value", errors)
    residual_value = required("residual_value")
    if residual_value is not _ABSENT:
        residual_value = _amount(residual_value, f"{path}.residual_value", errors)
    margin_scheme = obj.get("margin_scheme")
    if margin_scheme is None:
        margin_scheme = False
    else:
        margin_scheme = _boolean(margin_scheme, f"{path}.margin_scheme", errors)
    adas = _texts(obj.get("adas"), f"{path}.adas", errors)

    if len(errors) > count:
        return None
    return build(
        Vehicle,
        {
            "make": texts["make"],
            "model": texts["model"],
            "variant": texts["variant"],
            "vin": vin,
            "first_registration": first_registration,
            "mileage_km": mileage,
            "powertrain": powertrain,
            "paint_type": paint_type,
            "units_per_hour": units_per_hour,
            "value_before_damage": value_before_damage,
            "new_value": new_value,
            "residual_value": residual_value,
            "adas": adas,
            "margin_scheme": margin_scheme,
        },
    )


# The names each rate map may hold, as sets, built once.
_RATE_MAP_NAMES: dict[tuple[str, ...], frozenset[str]] = {
    keys: frozenset(keys)
    for keys in (RATE_LABOUR_CATEGORIES, PAINT_MODES, PAINT_TYPES, PART_GROUPS)
}


def _rate_map(
    obj: dict[str, Any], key: str, keys: tuple[str, ...], errors: Errors
) -> dict[str, Decimal]:
    path = f"rates.{key}"
    raw = _object(obj.get(key, _ABSENT), path, errors)
    if raw is None:
        return {}
    _refuse_unknown(raw, _RATE_MAP_NAMES[keys], path, errors)
    result = {}
    for name in keys:
        number = _rate_number(raw, name, path, errors)
        if number is not None:
            result[name] = number
    return result


def _rate_number(
    obj: dict[str, Any], key: str, path: str, errors: Errors, *, positive: bool = False
) -> Decimal | None:
    """The number `obj[key]` of the rate set at `path`, `None` after an error. A text already
    read elsewhere needs no check, nor its path; the cache holds zero too, which a positive rate
    must not be."""
    value = obj.get(key)
    if value is None:
        errors.append({"path": f"{path}.{key}", "message": MISSING})
        return None
    known = _TEXT_NUMBERS.get(value) if type(value) is str else None
    if known is not None and (known or not positive):
        return known
    return _number(value, f"{path}.{key}", errors, positive=positive)


def _rates(raw: Any, errors: Errors) -> Rates | None:
    path = "rates"
    obj = _object(raw, path, errors)
    if obj is None:
        return None
    count = len(errors)
    _refuse_unknown(obj, RATE_FIELDS, path, errors)

    def number(key: str, *, positive: bool = False) -> Decimal | None:
        return _rate_number(obj, key, path, errors, positive=positive)

    def amount(key: str) -> Decimal | None:
        """A rate summed as given (§4): at most two decimals."""
        value = number(key)
        if value is not None and has_too_many_decimals(value):
            errors.append({"path": f"{path}.{key}", "message": TOO_MANY_DECIMALS})
            return None
        return value

    labour = _rate_map(obj, "labour", RATE_LABOUR_CATEGORIES, errors)
    paint_setup_hours = number("paint_setup_hours")
    paint_mode_factor = _rate_map(obj, "paint_mode_factor", PAINT_MODES, errors)
    paint_type_labour_factor = _rate_map(obj, "paint_type_labour_factor", PAINT_TYPES, errors)
    paint_material_per_hour = number("paint_material_per_hour")
    paint_type_material_factor = _rate_map(obj, "paint_type_material_factor", PAINT_TYPES, errors)
    parts_discount = _rate_map(obj, "parts_discount", PART_GROUPS, errors)
    used_parts_discount = number("used_parts_discount")
    small_materials_percent = number("small_materials_percent")
    small_materials_cap = amount("small_materials_cap")
    subcontract_markup_percent = number("subcontract_markup_percent")
    disposal_fee = amount("disposal_fee")
    vat_percent = number("vat_percent")
    owner_deducts_vat = obj.get("owner_deducts_vat")
    if owner_deducts_vat is None:
        errors.append({"path": f"{path}.owner_deducts_vat", "message": MISSING})
    else:
        owner_deducts_vat = _boolean(owner_deducts_vat, f"{path}.owner_deducts_vat", errors)
    productive_hours_per_day = number("productive_hours_per_day", positive=True)
    scheme = _scheme(obj.get("new_value_scheme"), errors)

    if len(errors) > count:
        return None
    return build(
        Rates,
        {
            "labour": labour,
            "paint_setup_hours": paint_setup_hours,
            "paint_mode_factor": paint_mode_factor,
            "paint_type_labour_factor": paint_type_labour_factor,
            "paint_material_per_hour": paint_material_per_hour,
            "paint_type_material_factor": paint_type_material_factor,
            "parts_discount": parts_discount,
            "used_parts_discount": used_parts_discount,
            "small_materials_percent": small_materials_percent,
            "small_materials_cap": small_materials_cap,
            "subcontract_markup_percent": subcontract_markup_percent,
            "disposal_fee": disposal_fee,
            "vat_percent": vat_percent,
            "owner_deducts_vat": owner_deducts_vat,
            "productive_hours_per_day": productive_hours_per_day,
            "new_value_scheme": scheme,
        },
    )


def _scheme(raw: Any, errors: Errors) -> tuple[Band, ...] | None:
    """The new-value scheme's bands: months counted from 1, inclusive and consecutive (§1.2)."""
    path = "rates.new_value_scheme"
    if raw is None:
        return None
    if type(raw) is not list:
        errors.append({"path": path, "message": NOT_LIST})
        return None
    bands = []
    expected_from: int | None = 1
    for index, item in enumerate(raw):
        band_path = f"{path}[{index}]"
        obj = _object(item, band_path, errors)
        if obj is None:
            expected_from = None
            continue
        _refuse_unknown(obj, BAND_FIELDS, band_path, errors)
        values: dict[str, Any] = {}
        for key in ("from_month", "to_month", "percent_per_month"):
            value = obj.get(key)
            if value is None:
                errors.append({"path": f"{band_path}.{key}", "message": MISSING})
            elif key == "percent_per_month":
                values[key] = _number(value, f"{band_path}.{key}", errors)
            else:
                values[key] = _integer(value, f"{band_path}.{key}", errors)
        start, end = values.get("from_month"), values.get("to_month")
        if start is not None and expected_from is not None and start != expected_from:
            errors.append(
                {
                    "path": f"{band_path}.from_month",
                    "message": f"De banden moeten aansluiten vanaf maand 1: deze band moet beginnen bij maand {expected_from}.",
                }
            )
        if start is not None and end is not None and end < start:
            errors.append(
                {
                    "path": f"{band_path}.to_month",
                    "message": "to_month mag niet vóór from_month liggen.",
                }
            )
        expected_from = end + 1 if end is not None else None
        if None not in (start, end, values.get("percent_per_month")) and len(values) == 3:
            bands.append(
                Band(values["from_month"], values["to_month"], values["percent_per_month"])
            )
    return tuple(bands) if bands or not raw else None


def _lines(raw: Any, errors: Errors) -> tuple[Line, ...] | None:
    if raw is _ABSENT or raw is None:
        errors.append({"path": "lines", "message": MISSING})
        return None
    if type(raw) is not list:
        errors.append({"path": "lines", "message": NOT_LIST})
        return None
    if len(raw) <= MAX_LINES:
        # Most inputs are valid: read every line, then compare the ids at once. Only when
        # something is wrong are the lines read again, one by one, so that every error is
        # reported in line order.
        found: list[dict[str, str]] = []
        # Without an error in `found`, no line is None.
        read = cast(list[Line], [_line(item, index, found) for index, item in enumerate(raw)])
        if not found and len({line.id for line in read}) == len(read):
            return tuple(read)
    count = len(errors)
    if len(raw) > MAX_LINES:
        errors.append(
            {
                "path": "lines",
                "message": f"Een calculatie heeft hoogstens {MAX_LINES:,} regels; deze heeft er {len(raw):,}.".replace(
                    ",", "."
                ),
            }
        )
    lines = []
    first_index: dict[str, int] = {}
    for index, item in enumerate(raw):
        line = _line(item, index, errors)
        if line is not None:
            lines.append(line)
            line_id: Any = line.id
        else:
            line_id = item.get("id") if type(item) is dict else None
            if type(line_id) is not str:
                continue
        seen = first_index.setdefault(line_id, index)
        if seen != index:
            errors.append(
                {
                    "path": f"lines[{index}].id",
                    "message": f"Regel-id {line_id!r} komt al voor bij lines[{seen}]; elk id moet uniek zijn.",
                }
            )
    if len(errors) > count:
        return None
    return tuple(lines)


# A line's fields before the input's are merged over them: every field absent (None, as
# `raw.get` reads an absent field), in the order of `Line`.
_ABSENT_LINE_FIELDS = dict.fromkeys(LINE_FIELD_ORDER)
# The fields most lines hold; a line with no other field takes the defaults of the rest.
_COMMON_LINE_FIELDS = frozenset(
    (
        "id",
        "code",
        "description",
        "operation",
        "labour_category",
        "labour_units",
        "paint",
        "part_group",
        "unit_price",
        "assess",
    )
)
_OPTIONAL_DEFAULTS = {
    "quantity": ONE,
    "part_source": "oem",
    "adas_sensors": (),
    "hv_zone": False,
    "repair_allowed": True,
}


# A tuple, not a set: an operation that is not a string (already refused) must not raise.
_SUMMED_AMOUNT_OPERATIONS = tuple(op.code for op in OPERATION_TABLE if op.takes_amount)
_MAX_TEXT = MAX_TEXT_LENGTH  # a module global is read faster than an imported name's chain


def _line(raw: Any, index: int, errors: Errors) -> Line | None:
    """One line (§1.3). Tuned: a 60-line estimate must parse well within a millisecond, so
    the common case (a string in a known field) is checked inline, every path string is only
    built for an error, and the line's fields are the input's merged over absent ones, checked
    and converted in place, then kept as the `Line`'s own `__dict__`."""
    if type(raw) is not dict:
        errors.append({"path": f"lines[{index}]", "message": NOT_OBJECT})
        return None
    count = len(errors)
    common = _COMMON_LINE_FIELDS.issuperset(raw)  # then known too, as these are a subset
    if not common and not LINE_FIELDS.issuperset(raw):
        _refuse_unknown(raw, LINE_FIELDS, f"lines[{index}]", errors)
    fields = {**_ABSENT_LINE_FIELDS, **raw}
    numbers = _TEXT_NUMBERS

    line_id = fields["id"]
    if type(line_id) is not str or not line_id or line_id.isspace() or len(line_id) > _MAX_TEXT:
        _required_text(line_id, _line_path(index, "id"), errors, non_empty=True)
    code = fields["code"]
    if type(code) is not str or not code or code.isspace() or len(code) > _MAX_TEXT:
        _required_text(code, _line_path(index, "code"), errors, non_empty=True)
    description = fields["description"]
    if type(description) is not str or len(description) > _MAX_TEXT:
        _required_text(description, _line_path(index, "description"), errors)
    operation = fields["operation"]
    required = REQUIRED_BY_OPERATION.get(operation) if type(operation) is str else None
    if required is None:
        if operation is None:
            errors.append({"path": _line_path(index, "operation"), "message": MISSING})
        else:
            _choice(operation, _line_path(index, "operation"), errors, OPERATIONS, "bewerking")
    else:
        for key in required:
            if fields[key] is None:
                _missing_for_operation(operation, key, index, errors)

    labour_category = fields["labour_category"]
    if labour_category is None:
        if required is not None:
            fields["labour_category"] = DEFAULT_LABOUR_CATEGORY.get(operation)
    elif labour_category not in LINE_LABOUR_CATEGORIES:
        _choice(
            labour_category,
            _line_path(index, "labour_category"),
            errors,
            LINE_LABOUR_CATEGORIES,
            "arbeidscategorie (lakwerk gaat altijd via paint)",
        )

    given_units = fields["labour_units"]
    labour_units: Decimal | None
    if given_units is None:
        labour_units = ZERO
    elif type(given_units) is not str or (labour_units := numbers.get(given_units)) is None:
        labour_units = _line_number(given_units, index, "labour_units", errors)
    fields["labour_units"] = labour_units
    # A missing labour_units on a repair is already reported by the operation's needs.
    if (
        operation == "repair"
        and given_units is not None
        and labour_units is not None
        and not labour_units
    ):
        errors.append({"path": _line_path(index, "labour_units"), "message": REPAIR_WITHOUT_LABOUR})

    given_paint = fields["paint"]
    if given_paint is not None:
        fields["paint"] = _paint(given_paint, index, errors)

    part_group = fields["part_group"]
    if part_group is not None and part_group not in PART_GROUPS:
        _choice(part_group, _line_path(index, "part_group"), errors, PART_GROUPS, "onderdeelgroep")
    unit_price = fields["unit_price"]
    if unit_price is not None:
        if type(unit_price) is not str or (price := numbers.get(unit_price)) is None:
            price = _line_number(unit_price, index, "unit_price", errors)
        fields["unit_price"] = price

    if common:
        fields.update(_OPTIONAL_DEFAULTS)
    else:
        _optional_fields(fields, index, errors)

    if len(errors) > count:
        return None
    return build(Line, fields)


def _optional_fields(fields: dict[str, Any], index: int, errors: Errors) -> None:
    """The line fields after `unit_price` (§1.3), checked and converted in `fields`, or their
    defaults where absent."""
    quantity = fields["quantity"]
    if quantity is None:
        fields["quantity"] = ONE
    else:
        fields["quantity"] = _line_number(quantity, index, "quantity", errors, positive=True)
    part_source = fields["part_source"]
    if part_source is None:
        fields["part_source"] = "oem"
    elif part_source not in PART_SOURCES:
        _choice(
            part_source,
            _line_path(index, "part_source"),
            errors,
            PART_SOURCES,
            "herkomst van het onderdeel",
        )
    amount = fields["amount"]
    if amount is not None:
        if type(amount) is not str or (value := _TEXT_NUMBERS.get(amount)) is None:
            value = _line_number(amount, index, "amount", errors)
        # Summed as given on a sundry or subcontract line: whole cents only (§4). On another
        # operation the amount counts nowhere (see the README), so any decimals do.
        if (
            value is not None
            and fields["operation"] in _SUMMED_AMOUNT_OPERATIONS
            and has_too_many_decimals(value)
        ):
            errors.append({"path": _line_path(index, "amount"), "message": TOO_MANY_DECIMALS})
            value = None
        fields["amount"] = value
    sensor = fields["sensor"]
    if sensor is not None and (
        type(sensor) is not str or not sensor or sensor.isspace() or len(sensor) > _MAX_TEXT
    ):
        _text(sensor, _line_path(index, "sensor"), errors, non_empty=True)
    adas_sensors = fields["adas_sensors"]
    fields["adas_sensors"] = (
        ()
        if adas_sensors is None
        else _texts(adas_sensors, _line_path(index, "adas_sensors"), errors)
    )
    hv_zone = fields["hv_zone"]
    if hv_zone is None:
        fields["hv_zone"] = False
    elif hv_zone is not False and hv_zone is not True:
        _boolean(hv_zone, _line_path(index, "hv_zone"), errors)
    repair_allowed = fields["repair_allowed"]
    if repair_allowed is None:
        fields["repair_allowed"] = True
    elif repair_allowed is not True and repair_allowed is not False:
        _boolean(repair_allowed, _line_path(index, "repair_allowed"), errors)


def _line_path(index: int, key: str) -> str:
    return f"lines[{index}].{key}"


def _missing_for_operation(operation: str, key: str, index: int, errors: Errors) -> None:
    if operation == "repair":
        message = REPAIR_WITHOUT_LABOUR
    elif key == "sensor":
        message = CALIBRATE_WITHOUT_SENSOR
    else:
        message = MISSING
    errors.append({"path": _line_path(index, key), "message": message})


# Paint objects are immutable and most panels repeat a few (mode, units) pairs: reuse them.
_PAINTS: dict[tuple[str, str], Paint] = {}
_PAINTS_MAX = 4096


def _paint(raw: Any, index: int, errors: Errors) -> Paint | None:
    if type(raw) is dict and len(raw) == 2:
        mode, units = raw.get("mode"), raw.get("units")
        if type(mode) is str and type(units) is str:
            known = _PAINTS.get((mode, units))
            if known is not None:
                return known
    if type(raw) is not dict:
        errors.append({"path": _line_path(index, "paint"), "message": NOT_OBJECT})
        return None
    if not PAINT_FIELDS.issuperset(raw):
        _refuse_unknown(raw, PAINT_FIELDS, _line_path(index, "paint"), errors)
    mode = raw.get("mode")
    if mode is None:
        errors.append({"path": _line_path(index, "paint.mode"), "message": MISSING})
    elif mode not in PAINT_MODES:
        mode = _choice(mode, _line_path(index, "paint.mode"), errors, PAINT_MODES, "lakniveau")
    units = raw.get("units")
    if units is None:
        errors.append({"path": _line_path(index, "paint.units"), "message": MISSING})
    elif type(units) is not str or (units := _TEXT_NUMBERS.get(units)) is None:
        units = _line_number(raw.get("units"), index, "paint.units", errors)
    if mode is None or units is None:
        return None
    paint = build(Paint, {"mode": mode, "units": units})
    given_units = raw.get("units")
    if type(given_units) is str and len(given_units) <= 40 and len(_PAINTS) < _PAINTS_MAX:
        _PAINTS[mode, given_units] = paint
    return paint


def _check_value_from_scheme(
    raw_vehicle: dict[str, Any],
    raw_rates: Any,
    vehicle: Vehicle | None,
    rates: Rates | None,
    damage_date: date | None,
    errors: Errors,
) -> None:
    """Refuse when value_before_damage is absent and §2.12 cannot compute it.

    Works from the raw vehicle and rate set where either was refused for another reason."""
    path = "vehicle.value_before_damage"
    raw_scheme = raw_rates.get("new_value_scheme") if type(raw_rates) is dict else None
    missing = []
    if raw_vehicle.get("new_value") is None:
        missing.append("vehicle.new_value")
    if damage_date is None:
        missing.append("damage_date")
    if raw_scheme is None or raw_scheme == []:
        missing.append("rates.new_value_scheme")
    if missing:
        errors.append(
            {
                "path": path,
                "message": "Geen waarde voor schade: geef value_before_damage, of laat hem berekenen uit de nieuwwaarderegeling; daarvoor ontbreekt "
                + ", ".join(missing)
                + ".",
            }
        )
        return
    first_registration: date | None
    if vehicle is not None and rates is not None:
        first_registration = vehicle.first_registration
        new_value, scheme = vehicle.new_value, rates.new_value_scheme
    else:
        # Read again without reporting: an unreadable field is already reported where it is
        # checked.
        unreported: list[dict[str, str]] = []
        first_registration = _date(raw_vehicle.get("first_registration"), "", unreported)
        new_value = _number(raw_vehicle["new_value"], "", unreported)
        scheme = _scheme(raw_scheme, unreported)
        if unreported:
            return
    if first_registration is None or new_value is None or not scheme or damage_date is None:
        return
    age = arithmetic.age_months(first_registration, damage_date)
    last_month = scheme[-1].to_month
    if age < 0:
        errors.append(
            {
                "path": path,
                "message": "De schadedatum ligt vóór de datum eerste toelating; de waarde voor schade is niet te berekenen.",
            }
        )
    elif age > last_month:
        errors.append(
            {
                "path": path,
                "message": f"Het voertuig is {age} maanden oud; de nieuwwaarderegeling loopt tot maand {last_month}. Geef value_before_damage.",
            }
        )
    else:
        depreciation = arithmetic.depreciation_percent(age, scheme)
        try:
            value = arithmetic.value_from_new_value(new_value, depreciation)
        except decimal.InvalidOperation:
            value = ZERO  # a depreciation of more than 28 digits leaves nothing either
        if value <= 0:
            errors.append(
                {
                    "path": path,
                    "message": f"De nieuwwaarderegeling schrijft {depreciation} % af; er blijft geen waarde voor schade over. Geef value_before_damage.",
                }
            )


def _check_compared_value(
    vehicle: Vehicle, rates: Rates, damage_date: date | None, errors: Errors
) -> None:
    """Refuse a value before damage that is 0.00 once its VAT is taken out (§2.11): the repair
    ratio divides by it. Only an absurd VAT rate gets there (0.01 at 21 % is still 0.01)."""
    value = vehicle.value_before_damage
    if value is None:
        scheme = rates.new_value_scheme
        if damage_date is None or vehicle.new_value is None or not scheme:
            return  # reported by `_check_value_from_scheme`
        age = arithmetic.age_months(vehicle.first_registration, damage_date)
        if not 0 <= age <= scheme[-1].to_month:
            return
        try:
            value = arithmetic.value_from_new_value(
                vehicle.new_value, arithmetic.depreciation_percent(age, scheme)
            )
        except decimal.InvalidOperation:
            return
        if value <= 0:
            return
    if arithmetic.compared_value(value, vehicle, rates) <= 0:
        errors.append(
            {
                "path": "vehicle.value_before_damage",
                "message": "Zonder btw blijft er van de waarde voor schade niets over; "
                "de total-lossvergelijking is niet te maken.",
            }
        )
