"""The one rule of what a figure column keeps (`sakip.numbers.storable_decimal`) and the unit marks a field
accepts (`parse_localized(units=...)`): issue 16, point 2."""

from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sakip.numbers import (
    NO_UNIT,
    PERCENT,
    RUPIAH,
    NumberBounds,
    NumberBoundsError,
    NumberFormatError,
    parse_localized,
    storable_decimal,
)
from tests.figures import largest, storable_decimals

D = Decimal
MEASURE = NumberBounds(20, 4)
MONEY = NumberBounds(18, 2)
PROGRESS = NumberBounds(9, 4)
PROPERTY = settings(database=None, deadline=None, max_examples=300)


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("999999999999999", "999999999999999"),  # 15 nines
        ("9999999999999990", "9999999999999990"),  # 15 significant digits, 16 integer digits
        ("1E+15", "1000000000000000"),
        ("123456789012.346", "123456789012.346"),
        ("0.0001", "0.0001"),
        ("1.50000", "1.5"),  # trailing zeros hold no precision
        ("-0.00", "0"),
        ("-5.25", "-5.25"),
        ("0", "0"),
    ],
)
def test_a_figure_both_databases_keep_is_accepted_in_plain_form(value, kept):
    result = storable_decimal(D(value), MEASURE)
    assert result == D(kept) and str(result) == kept


@pytest.mark.parametrize(
    ("value", "bounds", "code", "words"),
    [
        ("9999999999999999", MEASURE, "significant_digits", "15 angka bermakna"),
        ("123456789012.3456", MEASURE, "significant_digits", "15 significant digits"),
        ("10000000000000000", MEASURE, "max_digits", "paling banyak 16 angka sebelum koma"),
        ("1E+30", MEASURE, "max_digits", "at most 16 digits before the decimal comma"),
        ("0.00001", MEASURE, "max_places", "Paling banyak 4 angka di belakang koma"),
        ("0.001", MONEY, "max_places", "At most 2 decimal places"),
        ("100000", PROGRESS, "max_digits", "at most 5 digits"),
        ("1.5", MEASURE.whole(), "max_places", "bilangan bulat"),
    ],
)
def test_a_figure_a_database_would_change_is_refused_with_a_bilingual_message(value, bounds, code, words):
    with pytest.raises(NumberBoundsError) as refused:
        storable_decimal(D(value), bounds)
    assert refused.value.code == code
    indonesian, _, english = str(refused.value).partition(" / ")
    assert indonesian and english
    assert words in str(refused.value)


@pytest.mark.parametrize("value", [D("NaN"), D("Infinity"), D("-Infinity"), D("sNaN")])
def test_non_finite_values_are_refused(value):
    with pytest.raises(NumberFormatError):
        storable_decimal(value, MEASURE)


@PROPERTY
@given(storable_decimals(MEASURE))
@example(largest(MEASURE))
@example(-largest(MEASURE))
def test_every_generated_figure_is_accepted_unchanged(value):
    assert storable_decimal(value, MEASURE) == value


@PROPERTY
@given(st.one_of(st.decimals(allow_nan=False, allow_infinity=False), storable_decimals(MEASURE)))
def test_an_accepted_figure_survives_the_sqlite_double_and_fits_the_column(value):
    """What Django's SQLite backend does on a read: the stored double, rounded to 15 significant digits, then
    quantized to the column's places within max_digits. An accepted figure comes back equal; nothing accepted
    can raise there."""
    from decimal import Context

    try:
        kept = storable_decimal(value, MEASURE)
    except NumberFormatError:
        return
    read = Context(prec=15).create_decimal_from_float(float(str(kept)))
    assert read.quantize(D("0.0001"), context=Context(prec=MEASURE.max_digits)) == kept


# --- units ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "units", "expected"),
    [
        ("Rp 22.511.784.601,-", RUPIAH, D("22511784601")),
        ("22.511.784.601,-", RUPIAH, D("22511784601")),
        ("85,5%", PERCENT, D("85.5")),
        ("-3,25 %", PERCENT, D("-3.25")),
        ("1.715", NO_UNIT, D("1715")),
    ],
)
def test_a_unit_that_belongs_to_the_field_is_read(text, units, expected):
    assert parse_localized(text, units=units) == expected


@pytest.mark.parametrize(
    ("text", "units", "words"),
    [
        ("0,5%", RUPIAH, "Tanda % tidak berlaku"),
        ("Rp -1", PERCENT, "Rp tidak berlaku di sini"),
        ("Rp 1.000", PERCENT, "not in rupiah"),
        ("1.000,-", PERCENT, "Rp tidak berlaku"),  # the rupiah way of writing an amount
        ("5%", NO_UNIT, "A % sign does not belong here"),
        ("Rp 5", NO_UNIT, "Rp does not belong here"),
    ],
)
def test_a_unit_that_does_not_belong_to_the_field_is_refused(text, units, words):
    with pytest.raises(NumberFormatError) as refused:
        parse_localized(text, units=units)
    assert words in str(refused.value) and " / " in str(refused.value)
