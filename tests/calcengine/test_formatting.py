"""The platform's one Dutch notation for figures (engine messages, pages, PDFs, CSV)."""

from decimal import Decimal

import pytest

from calcengine.formatting import format_money, format_number, format_percent


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        ("1130", None, "1.130"),
        ("2.35", None, "2,35"),
        (Decimal("250.00"), None, "250"),
        (Decimal("672.50"), None, "672,5"),
        (Decimal("1E+3"), None, "1.000"),
        ("1234567.891", 2, "1.234.567,89"),
        ("12.25", 1, "12,3"),
        ("0.005", 2, "0,01"),
        ("-1234.5", 2, "-1.234,50"),
    ],
)
def test_numbers_use_a_comma_for_decimals_and_dots_between_thousands(value, places, shown):
    assert format_number(value, places) == shown


def test_rounding_is_half_up_not_bankers():
    assert format_number("0.125", 2) == "0,13"
    assert format_number("2.5", 0) == "3"


def test_a_negative_amount_that_rounds_to_zero_shows_no_sign():
    assert format_number("-0.001", 2) == "0,00"


def test_money_has_the_euro_sign_and_two_decimals():
    assert format_money("1234.5") == "€ 1.234,50"
    assert format_money("-0.005") == "€ -0,01"
    assert format_money(Decimal("3449.61"), separator="\u00a0") == "€\u00a03.449,61"


def test_a_fraction_is_shown_as_a_percentage():
    assert format_percent("0.43") == "43 %"
    assert format_percent(Decimal("0.1234"), 1) == "12,3 %"


@pytest.mark.parametrize("value", [None, "", "veel", 1.5, True])
def test_anything_but_a_decimal_is_refused(value):
    with pytest.raises(ValueError):
        format_number(value)
