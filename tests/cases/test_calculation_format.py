"""Dutch number formatting of calculation figures, and reading Dutch typed numbers."""

import pytest

from cases.calculations.labels import errors_by_line
from cases.calculations.lines import apply_edits, normalise_number
from schadeplatform.templatetags.dutch import euro, input_number, nl_number, percent, signed_euro


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1234.56", "€\u00a01.234,56"),
        ("0.5", "€\u00a00,50"),
        ("1234567", "€\u00a01.234.567,00"),
        ("-12", "€\u00a0-12,00"),
        ("veel", "veel"),
        (None, ""),
    ],
)
def test_money_is_shown_the_dutch_way(value, shown):
    assert euro(value) == shown


def test_changes_carry_their_sign():
    assert (signed_euro("12.5"), signed_euro("-3.5"), signed_euro("0.00")) == (
        "+€\u00a012,50",
        "-€\u00a03,50",
        "€\u00a00,00",
    )


def test_units_and_ratios():
    assert (nl_number("3.5"), nl_number("1150"), nl_number("12345.25")) == (
        "3,5",
        "1.150",
        "12.345,25",
    )
    assert (percent("0.43"), percent("0.5"), percent("1.25")) == (
        "43\u00a0%",
        "50\u00a0%",
        "125\u00a0%",
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1.234,56", "1234.56"),
        ("2,5", "2.5"),
        ("€ 12", "12"),
        ("412.30", "412.30"),
        ("abc", "abc"),
        ("", ""),
    ],
)
def test_typed_numbers_are_read_with_the_dutch_decimal_comma(typed, stored):
    assert normalise_number(typed) == stored


def test_clearing_the_paint_mode_removes_the_paint_and_oem_is_the_default_source():
    lines = [
        {
            "id": "1",
            "operation": "replace",
            "unit_price": "10.00",
            "part_source": "used",
            "paint": {"mode": "new", "units": "10"},
        }
    ]
    edited = apply_edits(
        lines, {"line-0-paint_mode": "", "line-0-part_source": "oem", "line-0-quantity": "1"}
    )
    assert edited == [{"id": "1", "operation": "replace", "unit_price": "10.00"}]
    assert lines[0]["part_source"] == "used", "the input is not changed in place"


def test_engine_errors_are_split_by_line():
    per_line, other = errors_by_line(
        [
            {"path": "lines[2].unit_price", "message": "fout"},
            {"path": "lines[0]", "message": "regel"},
            {"path": "vehicle.vin", "message": "vin"},
        ]
    )
    # issue #14: a field's Dutch name, never its internal one
    assert per_line == {2: ["Prijs per stuk: fout"], 0: ["regel"]}
    assert other == [{"path": "vehicle.vin", "message": "vin"}]


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("512.00", "512,00"),
        ("1234.5", "1234,5"),
        ("12", "12"),
        ("abc", "abc"),
        ("1.2.3", "1.2.3"),
        ("", ""),
        (None, ""),
    ],
)
def test_an_input_field_shows_a_stored_decimal_with_a_comma_and_reads_it_back(stored, shown):
    # when
    text = input_number(stored)
    # then: Dutch in the field, and what the field sends back is the stored decimal again
    assert text == shown
    if stored and shown != stored:
        assert normalise_number(text) == stored
