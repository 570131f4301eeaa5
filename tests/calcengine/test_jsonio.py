"""Reading JSON text: exact numbers, and hostile documents refused with a clear error."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from calcengine import MAX_INPUT_BYTES, InputError, estimate, loads


def _refusal(raw: str | bytes) -> list[dict[str, str]]:
    with pytest.raises(InputError) as caught:
        loads(raw)
    return caught.value.errors


def test_fractions_become_decimals_and_integers_stay_int():
    data = loads('{"a": 412.30, "b": 10, "c": 1e2, "d": "0.1"}')
    assert data == {"a": Decimal("412.30"), "b": 10, "c": Decimal("1E+2"), "d": "0.1"}
    assert type(data["a"]) is Decimal
    assert type(data["b"]) is int


def test_bytes_with_a_byte_order_mark_are_read():
    assert loads(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}


def test_invalid_json_is_refused_with_its_place_in_dutch():
    errors = _refusal('{"spec": "schadecalc/1",\n "lines": [}')
    assert errors == [
        {"path": "", "message": "Ongeldige JSON op regel 2, kolom 12: waarde verwacht."}
    ]


def test_invalid_utf8_is_refused():
    assert "UTF-8" in _refusal(b'{"a": "\xff"}')[0]["message"]


def test_input_over_10_mb_is_refused_before_parsing():
    raw = b'{"padding": "' + b"x" * MAX_INPUT_BYTES + b'"}'
    started = time.perf_counter()
    errors = _refusal(raw)
    assert time.perf_counter() - started < 1
    assert errors == [{"path": "", "message": "De invoer is groter dan 10 MB."}]


def test_text_over_10_mb_is_refused():
    assert _refusal(" " * (MAX_INPUT_BYTES + 1))[0]["message"] == "De invoer is groter dan 10 MB."


@pytest.mark.parametrize("depth", [65, 5_000, 1_000_000])
def test_deeply_nested_json_is_refused(depth: int):
    errors = _refusal("[" * depth + "]" * depth)
    assert errors == [{"path": "", "message": "De JSON is dieper genest dan 64 niveaus."}]


def test_nesting_of_64_is_accepted():
    data = loads("[" * 64 + "]" * 64)
    for _ in range(63):
        data = data[0]
    assert data == []


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert loads('{"a": "' + "[" * 100 + '"}') == {"a": "[" * 100}


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_with_their_path(literal: str):
    errors = _refusal('{"lines": [{"unit_price": ' + literal + "}]}")
    assert errors[0]["path"] == "lines[0].unit_price"
    assert f"{literal} is geen getal" in errors[0]["message"]


@pytest.mark.parametrize("literal", ["1e999", "-1e999", "1e-999", "1" * 5000, "1.5e99999999"])
def test_absurd_numbers_are_refused_with_their_path_not_a_traceback(literal: str):
    started = time.perf_counter()
    errors = _refusal('{"vehicle": {"new_value": ' + literal + "}}")
    assert time.perf_counter() - started < 1
    assert errors[0]["path"] == "vehicle.new_value"
    assert "absurd" in errors[0]["message"]


def test_every_refused_number_is_reported():
    errors = _refusal('{"a": [NaN, 1, Infinity], "b": 1e999}')
    assert [error["path"] for error in errors] == ["a[0]", "a[2]", "b"]


def test_non_text_is_refused():
    assert _refusal(12)[0]["path"] == ""  # type: ignore[arg-type]


def test_number_of_13_digits_is_refused_by_the_contract_not_by_the_reader():
    data = loads('{"x": 1234567890123.5}')
    assert data["x"] == Decimal("1234567890123.5")
    with pytest.raises(InputError) as caught:
        estimate({"spec": "schadecalc/1", "vehicle": {"new_value": data["x"]}})
    assert {
        "path": "vehicle.new_value",
        "message": "Heeft meer dan 12 cijfers voor de komma.",
    } in caught.value.errors


@pytest.mark.parametrize("literal", ["412.3", "0.1", "1e2", "412.30", "0.30000000000000004"])
def test_json_number_with_a_fraction_that_survives_str_is_read_exactly(literal: str):
    assert loads('{"x": ' + literal + "}") == {"x": Decimal(literal)}


def test_json_number_that_a_float_would_change_is_refused_with_its_path():
    errors = _refusal('{"lines": [{"unit_price": 0.1234567890123456789}]}')
    assert errors[0]["path"] == "lines[0].unit_price"
    assert "schrijf het als tekst" in errors[0]["message"]
