"""Every refusal of calculation-spec §4: one test per kind, each naming the field in Dutch."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from calcengine import InputError, estimate, parse
from tests.calcengine.inputs import golden_input, line


def _errors(data: Any) -> list[dict[str, str]]:
    with pytest.raises(InputError) as caught:
        parse(data)
    return caught.value.errors


def _only_error(data: Any) -> dict[str, str]:
    errors = _errors(data)
    assert len(errors) == 1, errors
    return errors[0]


def test_unknown_spec_is_refused():
    data = golden_input()
    data["spec"] = "schadecalc/2"
    error = _only_error(data)
    assert error["path"] == "spec"
    assert "Onbekende spec" in error["message"]


def test_missing_required_field_is_refused_with_its_path():
    data = golden_input()
    del data["vehicle"]["make"]
    assert _only_error(data) == {
        "path": "vehicle.make",
        "message": "Dit veld is verplicht maar ontbreekt.",
    }


def test_missing_line_code_is_refused_with_its_path():
    data = golden_input()
    del data["lines"][2]["code"]
    assert _only_error(data)["path"] == "lines[2].code"


@pytest.mark.parametrize(
    ("where", "path"),
    [
        ((), "colour"),
        (("vehicle",), "vehicle.colour"),
        (("rates",), "rates.colour"),
        (("rates", "labour"), "rates.labour.colour"),
        (("rates", "parts_discount"), "rates.parts_discount.colour"),
        (("lines", 0), "lines[0].colour"),
        (("lines", 0, "paint"), "lines[0].paint.colour"),
    ],
)
def test_unknown_field_is_refused_at_every_level(where: tuple, path: str):
    data = golden_input()
    target = data
    for key in where:
        target = target[key]
    target["colour"] = "rood"
    error = _only_error(data)
    assert error["path"] == path
    assert error["message"] == "Onbekend veld 'colour'."


def test_unknown_field_in_a_scheme_band_is_refused():
    data = golden_input("model3-rear-ev")
    data["rates"]["new_value_scheme"][1]["colour"] = "rood"
    assert _only_error(data)["path"] == "rates.new_value_scheme[1].colour"


def test_assess_and_decisions_belong_to_scoring_and_are_accepted():
    data = golden_input()
    data["lines"][0]["assess"] = {"critical": True, "alternatives": ["repair"]}
    data["decisions"] = {"economic_total_loss": False}
    calc = parse(data)
    assert calc.lines[0].assess == {"critical": True, "alternatives": ["repair"]}
    assert calc.decisions == {"economic_total_loss": False}


def test_missing_key_of_a_rate_map_is_refused_with_its_path():
    data = golden_input()
    del data["rates"]["parts_discount"]["glass"]
    assert _only_error(data) == {
        "path": "rates.parts_discount.glass",
        "message": "Dit veld is verplicht maar ontbreekt.",
    }


@pytest.mark.parametrize(
    "value", ["abc", "12,50", "1e3", " 12", "NaN", "Infinity", "1_000", True, [], {}]
)
def test_non_number_where_a_number_belongs_is_refused(value: Any):
    data = golden_input()
    data["lines"][0]["unit_price"] = value
    error = _only_error(data)
    assert error["path"] == "lines[0].unit_price"
    assert "Moet een getal zijn" in error["message"]


@pytest.mark.parametrize(
    ("index", "field"), [(0, "unit_price"), (7, "amount"), (0, "labour_units")]
)
def test_negative_price_amount_or_units_is_refused(index: int, field: str):
    data = golden_input()
    data["lines"][index][field] = "-1.00"
    assert _only_error(data) == {
        "path": f"lines[{index}].{field}",
        "message": "Mag niet negatief zijn.",
    }


def test_negative_paint_units_are_refused():
    data = golden_input()
    data["lines"][0]["paint"]["units"] = "-5"
    assert _only_error(data)["path"] == "lines[0].paint.units"


@pytest.mark.parametrize("quantity", ["0", 0, "-1"])
def test_quantity_of_zero_or_less_is_refused(quantity: Any):
    data = golden_input()
    data["lines"][1]["quantity"] = quantity
    error = _only_error(data)
    assert error["path"] == "lines[1].quantity"
    assert error["message"] in ("Moet groter dan 0 zijn.", "Mag niet negatief zijn.")


@pytest.mark.parametrize("value", ["1234567890123.00", 1234567890123, Decimal("1E+13")])
def test_number_with_more_than_12_digits_before_the_point_is_refused(value: Any):
    data = golden_input()
    data["vehicle"]["value_before_damage"] = value
    assert _only_error(data) == {
        "path": "vehicle.value_before_damage",
        "message": "Heeft meer dan 12 cijfers voor de komma.",
    }


def test_number_with_12_digits_before_the_point_is_accepted():
    data = golden_input()
    data["vehicle"]["value_before_damage"] = "999999999999.99"
    assert parse(data).vehicle.value_before_damage == Decimal("999999999999.99")


def test_leading_zeros_are_not_digits_before_the_point():
    data = golden_input()
    data["vehicle"]["value_before_damage"] = "0000000000021450.00"
    assert parse(data).vehicle.value_before_damage == Decimal("21450.00")


@pytest.mark.parametrize("units_per_hour", [60, 0, "11", 10.5])
def test_units_per_hour_other_than_10_12_or_100_is_refused(units_per_hour: Any):
    data = golden_input()
    data["vehicle"]["units_per_hour"] = units_per_hour
    error = _only_error(data)
    assert error["path"] == "vehicle.units_per_hour"
    assert "10, 12 of 100" in error["message"] or "geheel getal" in error["message"]


@pytest.mark.parametrize("labour_units", [None, "0", 0])
def test_repair_without_labour_is_refused_with_its_path(labour_units: Any):
    data = golden_input()
    if labour_units is None:
        del data["lines"][3]["labour_units"]
    else:
        data["lines"][3]["labour_units"] = labour_units
    assert _only_error(data) == {
        "path": "lines[3].labour_units",
        "message": "Herstellen vereist arbeidseenheden (labour_units > 0).",
    }


@pytest.mark.parametrize(
    ("where", "path", "value", "word"),
    [
        (("lines", 0), "lines[0].operation", "weld", "bewerking"),
        (("vehicle",), "vehicle.paint_type", "matt", "laksoort"),
        (("lines", 0, "paint"), "lines[0].paint.mode", "polish", "lakniveau"),
        (("vehicle",), "vehicle.powertrain", "diesel", "aandrijving"),
        (("lines", 0), "lines[0].part_group", "wheels", "onderdeelgroep"),
        (("lines", 0), "lines[0].part_source", "refurbished", "herkomst"),
        (("lines", 0), "lines[0].labour_category", "paint", "arbeidscategorie"),
    ],
)
def test_unknown_enumerated_value_is_refused(where: tuple, path: str, value: str, word: str):
    data = golden_input()
    target = data
    for key in where:
        target = target[key]
    target[path.rsplit(".", 1)[1]] = value
    error = _only_error(data)
    assert error["path"] == path
    assert word in error["message"]
    assert repr(value) in error["message"]


def test_calibrate_line_without_sensor_is_refused():
    data = golden_input()
    del data["lines"][5]["sensor"]
    error = _only_error(data)
    assert error["path"] == "lines[5].sensor"
    assert "kalibratieregel vereist het veld sensor" in error["message"]


def test_duplicate_line_id_is_refused_on_the_later_line():
    data = golden_input()
    data["lines"][4]["id"] = "2"
    error = _only_error(data)
    assert error["path"] == "lines[4].id"
    assert "'2' komt al voor bij lines[1]" in error["message"]


def test_more_than_2000_lines_are_refused():
    data = golden_input()
    data["lines"] = [line(id=str(index), code=f"C{index}") for index in range(2001)]
    error = _only_error(data)
    assert error["path"] == "lines"
    assert "hoogstens 2.000 regels" in error["message"]


def test_2000_lines_are_accepted():
    data = golden_input()
    data["lines"] = [line(id=str(index), code=f"C{index}") for index in range(2000)]
    assert len(parse(data).lines) == 2000


@pytest.mark.parametrize(
    ("where", "field", "value"),
    [
        ((), "damage_date", "2024-02-30"),
        (("vehicle",), "first_registration", "16-04-2021"),
        (("vehicle",), "first_registration", "2021-4-16"),
        (("vehicle",), "first_registration", 20210416),
    ],
)
def test_date_that_does_not_parse_is_refused(where: tuple, field: str, value: Any):
    data = golden_input()
    target = data
    for key in where:
        target = target[key]
    target[field] = value
    error = _only_error(data)
    assert error["path"] == ".".join((*where, field))
    assert "Geen geldige datum" in error["message"]


@pytest.mark.parametrize(
    "vin",
    [
        "WVWZZZCDZMW12345",
        "WVWZZZCDZMW1234567",
        "WVWZZZCDZMI123456",
        "WVWZZZCDZMO123456",
        "WVWZZZCDZMQ123456",
        "wvwzzzcdzmw123456",
    ],
)
def test_invalid_vin_is_refused(vin: str):
    data = golden_input()
    data["vehicle"]["vin"] = vin
    error = _only_error(data)
    assert error["path"] == "vehicle.vin"
    assert "Ongeldig VIN" in error["message"]


def test_absent_vin_is_accepted():
    data = golden_input()
    del data["vehicle"]["vin"]
    assert parse(data).vehicle.vin is None


def test_value_before_damage_without_a_way_to_compute_it_is_refused():
    data = golden_input()
    del data["vehicle"]["value_before_damage"]
    error = _only_error(data)
    assert error["path"] == "vehicle.value_before_damage"
    assert "vehicle.new_value" in error["message"]
    assert "damage_date" in error["message"]
    assert "rates.new_value_scheme" in error["message"]


def test_age_beyond_the_last_band_of_the_scheme_is_refused():
    data = golden_input("model3-rear-ev")
    data["damage_date"] = "2027-02-03"  # 60 months: the last band still covers it
    assert parse(data).damage_date.year == 2027
    data["damage_date"] = "2027-03-03"  # 61 months
    error = _only_error(data)
    assert error["path"] == "vehicle.value_before_damage"
    assert "61 maanden" in error["message"]


def test_value_that_cannot_be_computed_is_reported_beside_other_vehicle_errors():
    # §4: all errors at once; an invalid VIN must not hide the missing value before damage.
    data = golden_input()
    del data["vehicle"]["value_before_damage"]
    data["vehicle"]["vin"] = "TOO-SHORT"
    assert [error["path"] for error in _errors(data)] == [
        "vehicle.vin",
        "vehicle.value_before_damage",
    ]


def test_age_beyond_the_scheme_is_reported_beside_an_error_in_the_rates():
    # §4: all errors at once, also when the rate set holding the scheme has another error.
    data = golden_input("model3-rear-ev")
    data["damage_date"] = "2027-03-03"  # 61 months, the scheme ends at 60
    del data["rates"]["vat_percent"]
    assert [error["path"] for error in _errors(data)] == [
        "rates.vat_percent",
        "vehicle.value_before_damage",
    ]


def test_unreadable_field_of_the_scheme_is_not_reported_twice():
    data = golden_input("model3-rear-ev")
    data["vehicle"]["first_registration"] = "03-02-2022"
    data["rates"]["new_value_scheme"][2]["percent_per_month"] = "veel"
    assert [error["path"] for error in _errors(data)] == [
        "vehicle.first_registration",
        "rates.new_value_scheme[2].percent_per_month",
    ]


def test_damage_before_first_registration_cannot_use_the_scheme():
    data = golden_input("model3-rear-ev")
    data["damage_date"] = "2021-12-31"
    assert _only_error(data)["path"] == "vehicle.value_before_damage"


def test_scheme_bands_must_be_consecutive_from_month_1():
    data = golden_input("model3-rear-ev")
    data["rates"]["new_value_scheme"][1]["from_month"] = 14
    error = _only_error(data)
    assert error["path"] == "rates.new_value_scheme[1].from_month"
    assert "maand 13" in error["message"]


def test_zero_productive_hours_per_day_is_refused():
    data = golden_input()
    data["rates"]["productive_hours_per_day"] = "0"
    assert _only_error(data) == {
        "path": "rates.productive_hours_per_day",
        "message": "Moet groter dan 0 zijn.",
    }


def test_every_error_is_reported_at_once_in_document_order():
    data = golden_input()
    data["spec"] = "x"
    data["vehicle"]["vin"] = "TOO-SHORT"
    data["rates"]["labour"]["body"] = "veel"
    data["lines"][0]["unit_price"] = "-3"
    data["lines"][3]["labour_units"] = "0"
    data["lines"][5]["operation"] = "weld"
    assert [error["path"] for error in _errors(data)] == [
        "spec",
        "vehicle.vin",
        "rates.labour.body",
        "lines[0].unit_price",
        "lines[3].labour_units",
        "lines[5].operation",
    ]


def test_refused_input_computes_nothing():
    data = golden_input()
    data["lines"][0]["unit_price"] = "gratis"
    with pytest.raises(InputError) as caught:
        estimate(data)
    assert caught.value.errors == [
        {
            "path": "lines[0].unit_price",
            "message": 'Moet een getal zijn: een tekst als "412.30" of een geheel getal.',
        }
    ]


@pytest.mark.parametrize("document", [None, [], "x", 3])
def test_document_that_is_not_an_object_is_refused_whole(document: Any):
    assert _only_error(document)["path"] == ""


def test_missing_lines_is_refused():
    data = golden_input()
    del data["lines"]
    assert _only_error(data) == {
        "path": "lines",
        "message": "Dit veld is verplicht maar ontbreekt.",
    }


def test_line_that_is_not_an_object_is_refused():
    data = golden_input()
    data["lines"][2] = "Grille"
    assert _only_error(data) == {"path": "lines[2]", "message": "Moet een object zijn ({...})."}


def test_non_boolean_flag_is_refused():
    data = golden_input()
    data["lines"][0]["hv_zone"] = "yes"
    assert _only_error(data) == {"path": "lines[0].hv_zone", "message": "Moet true of false zijn."}


def test_float_is_accepted_through_its_str():
    data = golden_input()
    data["lines"][0]["unit_price"] = 389.6
    data["vehicle"]["mileage_km"] = 61230
    assert parse(data).lines[0].unit_price == Decimal("389.6")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_float_is_refused(value: float):
    data = golden_input()
    data["lines"][0]["unit_price"] = value
    assert _only_error(data)["path"] == "lines[0].unit_price"


def test_non_integer_mileage_is_refused():
    data = golden_input()
    data["vehicle"]["mileage_km"] = "61230.5"
    assert _only_error(data) == {
        "path": "vehicle.mileage_km",
        "message": "Moet een geheel getal zijn.",
    }


def test_optional_fields_are_checked_even_when_a_required_one_is_missing():
    data = golden_input()
    del data["lines"][1]["id"]
    data["lines"][1]["quantity"] = "veel"
    assert [error["path"] for error in _errors(data)] == ["lines[1].id", "lines[1].quantity"]


def test_line_given_as_null_fields_uses_the_defaults():
    data = golden_input()
    data["lines"][1] |= {"quantity": None, "part_source": None, "hv_zone": None, "vin": None}
    del data["lines"][1]["vin"]
    parsed = parse(data).lines[1]
    assert (parsed.quantity, parsed.part_source, parsed.hv_zone) == (Decimal(1), "oem", False)


def test_sums_beyond_28_digits_are_refused_not_crashed():
    data = golden_input()
    data["lines"] = [
        line(
            id=str(index),
            code=str(index),
            operation="replace",
            part_group="body",
            unit_price="999999999999.99",
            quantity="999999999999",
        )
        for index in range(2000)
    ]
    with pytest.raises(InputError) as caught:
        estimate(data)
    assert caught.value.errors[0]["path"] == ""
    assert "te groot" in caught.value.errors[0]["message"]


# --- the amendments of 2026-12 (calculation-spec §8) ----------------------------------------


def test_top_level_assess_belongs_to_scoring_and_is_ignored():
    # given
    data = golden_input()
    plain = estimate(golden_input())
    data["assess"] = {"undamaged": ["5H0821105"], "part_sources_allowed": ["oem"]}
    # when
    calc = parse(data)
    # then: accepted, kept raw for scoring, and changes no figure
    assert calc.assess == data["assess"]
    assert estimate(data) == plain


def _with_text(where: tuple, key: str, text: str) -> dict[str, Any]:
    data = golden_input()
    target = data
    for step in where:
        target = target[step]
    target[key] = text
    return data


TEXT_FIELDS = [
    (("vehicle",), "make", "vehicle.make"),
    (("vehicle",), "model", "vehicle.model"),
    (("vehicle",), "variant", "vehicle.variant"),
    (("lines", 0), "id", "lines[0].id"),
    (("lines", 0), "code", "lines[0].code"),
    (("lines", 0), "description", "lines[0].description"),
    (("lines", 5), "sensor", "lines[5].sensor"),
]


@pytest.mark.parametrize(("where", "key", "path"), TEXT_FIELDS)
def test_a_string_of_200_characters_is_accepted(where: tuple, key: str, path: str):
    parse(_with_text(where, key, "x" * 200))


@pytest.mark.parametrize(("where", "key", "path"), TEXT_FIELDS)
def test_a_string_of_201_characters_is_refused_with_its_path(where: tuple, key: str, path: str):
    error = _only_error(_with_text(where, key, "x" * 201))
    assert error == {"path": path, "message": "Een tekst heeft hoogstens 200 tekens."}


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (("vehicle", "adas"), "vehicle.adas[1]"),
        (("lines", 0, "adas_sensors"), "lines[0].adas_sensors[1]"),
    ],
)
def test_a_sensor_name_of_201_characters_in_a_list_is_refused(where: tuple, path: str):
    data = golden_input()
    target = data
    for step in where:
        target = target[step]
    target[1] = "s" * 201
    assert _only_error(data)["path"] == path


def test_a_number_written_in_more_than_200_characters_is_refused():
    data = golden_input()
    data["lines"][0]["labour_units"] = "1." + "0" * 199  # 201 characters
    assert _only_error(data) == {
        "path": "lines[0].labour_units",
        "message": "Een tekst heeft hoogstens 200 tekens.",
    }
    data["lines"][0]["labour_units"] = "1." + "0" * 198  # 200 characters: the number 1
    assert parse(data).lines[0].labour_units == 1


def test_a_long_description_no_longer_buys_a_printout_of_thousands_of_pages():
    data = golden_input()
    data["lines"][0]["description"] = "Voorbumper " * 100_000
    assert _only_error(data)["path"] == "lines[0].description"


AMOUNTS = [
    (("lines", 7), "amount", "lines[7].amount"),  # a sundry
    (("rates",), "disposal_fee", "rates.disposal_fee"),
    (("rates",), "small_materials_cap", "rates.small_materials_cap"),
    (("vehicle",), "value_before_damage", "vehicle.value_before_damage"),
    (("vehicle",), "residual_value", "vehicle.residual_value"),
    (("vehicle",), "new_value", "vehicle.new_value"),
]


@pytest.mark.parametrize(("where", "key", "path"), AMOUNTS)
def test_an_amount_summed_as_given_with_two_decimals_is_accepted(where, key, path):
    parse(_with_text(where, key, "18.45"))


@pytest.mark.parametrize(("where", "key", "path"), AMOUNTS)
def test_an_amount_summed_as_given_with_three_decimals_is_refused_with_its_path(where, key, path):
    error = _only_error(_with_text(where, key, "18.455"))
    assert error["path"] == path
    assert "hoogstens 2 decimalen" in error["message"]


def test_a_subcontract_amount_with_three_decimals_is_refused():
    data = golden_input("golf-calibration-subcontracted")
    data["lines"][2]["amount"] = "145.001"
    assert _only_error(data)["path"] == "lines[2].amount"


@pytest.mark.parametrize("amount", ["18.400", Decimal("18.4000"), 18.4, "18.40"])
def test_trailing_zeros_are_no_decimals_of_an_amount(amount: Any):
    data = golden_input()
    data["lines"][7]["amount"] = amount
    assert parse(data).lines[7].amount == Decimal("18.40")


def test_a_json_number_amount_with_three_decimals_is_refused():
    data = golden_input()
    data["lines"][7]["amount"] = Decimal("18.405")
    assert _only_error(data)["path"] == "lines[7].amount"


def test_other_numbers_keep_their_decimals():
    data = golden_input()
    data["lines"][0]["unit_price"] = "389.605"  # rounded by §2.4 (round2 of gross)
    data["lines"][0]["labour_units"] = "115.125"
    data["rates"]["labour"]["body"] = "72.505"
    data["lines"][2]["amount"] = "0.125"  # on a replace line the amount counts nowhere
    parse(data)


def test_a_subcontract_line_may_name_the_sensor_it_calibrates():
    data = golden_input("golf-calibration-subcontracted")
    line_ = parse(data).lines[2]
    assert (line_.operation, line_.sensor, line_.covers_sensor) == (
        "subcontract",
        "front_radar",
        "front_radar",
    )
    assert parse(golden_input("model3-rear-ev")).lines[6].covers_sensor is None


@pytest.mark.parametrize(
    ("sensor", "message"),
    [("", "Mag niet leeg zijn."), ("  ", "Mag niet leeg zijn."), (3, "Moet een tekst zijn.")],
)
def test_a_subcontract_lines_sensor_is_validated_like_a_calibrate_lines(sensor, message):
    data = golden_input("golf-calibration-subcontracted")
    data["lines"][2]["sensor"] = sensor
    data["lines"][3]["sensor"] = sensor
    assert _errors(data) == [
        {"path": "lines[2].sensor", "message": message},
        {"path": "lines[3].sensor", "message": message},
    ]


@pytest.mark.parametrize("margin_scheme", [True, False, None])
def test_margin_scheme_is_an_optional_boolean_defaulting_to_false(margin_scheme):
    data = golden_input("polo-business-total-loss")
    data["vehicle"]["margin_scheme"] = margin_scheme
    assert parse(data).vehicle.margin_scheme is bool(margin_scheme)
    del data["vehicle"]["margin_scheme"]
    assert parse(data).vehicle.margin_scheme is False


@pytest.mark.parametrize("margin_scheme", ["true", 1, "ja"])
def test_margin_scheme_that_is_not_a_boolean_is_refused(margin_scheme):
    data = golden_input("polo-business-total-loss")
    data["vehicle"]["margin_scheme"] = margin_scheme
    assert _only_error(data) == {
        "path": "vehicle.margin_scheme",
        "message": "Moet true of false zijn.",
    }


def test_a_value_with_nothing_left_once_its_vat_is_taken_out_is_refused():
    data = golden_input("polo-business-total-loss")
    data["rates"]["vat_percent"] = "300"
    data["vehicle"]["value_before_damage"] = "0.01"  # 0.01 / 4 = 0.0025 → 0.00
    data["vehicle"]["residual_value"] = "0"
    assert _only_error(data)["path"] == "vehicle.value_before_damage"
    data["vehicle"]["margin_scheme"] = True  # nothing to take out: computed
    assert estimate(data)["total_loss"]["value_before_damage"] == "0.01"
