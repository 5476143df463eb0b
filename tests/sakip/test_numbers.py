"""Reading and printing figures the way Indonesian planners write them (sakip.numbers)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip.numbers import (
    CANONICAL_DECIMAL_RE,
    NumberFormatError,
    canonical_str,
    decimal_places,
    figure_with_places,
    format_number,
    format_percent,
    format_rupiah,
    parse_canonical,
    parse_localized,
    report_str,
    round_half_up,
    typed_places,
)

NBSP = "\u00a0"
PROPERTY = settings(database=None, deadline=None, max_examples=200)
decimals = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), allow_nan=False, allow_infinity=False, places=6
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.715", Decimal("1715")),
        ("0,5%", Decimal("0.5")),
        ("0,5 %", Decimal("0.5")),
        ("Rp 22.511.784.601,-", Decimal("22511784601")),
        ("Rp. 1.000.000", Decimal("1000000")),
        ("rp5.000.-", Decimal("5000")),
        ("22511784601", Decimal("22511784601")),
        ("22.511.784.601", Decimal("22511784601")),
        ("-3,25", Decimal("-3.25")),
        ("-Rp 1.000", Decimal("-1000")),
        ("Rp -1.000,-", Decimal("-1000")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("1.234,56", Decimal("1234.56")),
        ("1,5", Decimal("1.5")),
        ("0.5", Decimal("0.5")),
        ("22.73", Decimal("22.73")),
        ("1.5", Decimal("1.5")),
        ("0.500", Decimal("0.5")),  # a thousands group never starts with 0
        (" 314,00\u00a0% ", Decimal("314")),
        ("0", Decimal("0")),
    ],
)
def test_parse_localized_reads_what_planners_type(text, expected):
    assert parse_localized(text) == expected


@pytest.mark.parametrize(
    "text", ["1,2,3", "abc", "1.23.4", "12,34,56", "--1", "1,234.56", "1.2345,6", "-", "-Rp", "-Rp-1", "1e5"]
)
def test_parse_localized_rejects_ambiguous_or_garbled_figures(text):
    with pytest.raises(NumberFormatError) as excinfo:
        parse_localized(text)
    message = str(excinfo.value)
    assert message.startswith("Angka tidak valid")
    assert " / Invalid number" in message
    assert repr(text) in message


@pytest.mark.parametrize("text", [None, "", "   ", "Rp", "%"])
def test_parse_localized_empty_cell_is_no_data(text):
    assert parse_localized(text) is None


def test_parse_localized_takes_excel_cell_numbers_as_they_are():
    assert parse_localized(1715) == Decimal("1715")
    assert parse_localized(0.1) == Decimal("0.1")  # through its repr, not the binary float
    assert parse_localized(Decimal("22.73")) == Decimal("22.73")
    with pytest.raises(NumberFormatError):
        parse_localized(True)
    with pytest.raises(NumberFormatError):
        parse_localized(float("nan"))


def test_parse_canonical_accepts_json_numbers_and_plain_decimal_strings():
    assert parse_canonical(None) is None
    assert parse_canonical(1715) == Decimal("1715")
    assert parse_canonical(0.5) == Decimal("0.5")
    assert parse_canonical("22511784601") == Decimal("22511784601")
    assert parse_canonical("-3.25") == Decimal("-3.25")
    assert parse_canonical("1.715") == Decimal("1.715")  # canonical: the point is a decimal point


@pytest.mark.parametrize(
    "value", ["1.715,5", "1,5", "Rp 1000", "50%", " 1", "1\n", "+1", "1.", ".5", "1e3", ""]
)
def test_parse_canonical_rejects_localized_text_and_names_the_expected_form(value):
    with pytest.raises(NumberFormatError) as excinfo:
        parse_canonical(value)
    message = str(excinfo.value)
    assert "tidak dalam bentuk kanonik" in message
    assert "is not canonical" in message
    assert "titik desimal, tanpa pemisah ribuan, tanpa Rp/%" in message


def test_parse_canonical_message_matches_the_spec_example():
    with pytest.raises(NumberFormatError) as excinfo:
        parse_canonical("1.715,5")
    assert str(excinfo.value) == (
        "Angka '1.715,5' tidak dalam bentuk kanonik: tulis seperti \"1715.5\" "
        "(titik desimal, tanpa pemisah ribuan, tanpa Rp/%). / "
        "Number '1.715,5' is not canonical: write it like \"1715.5\" "
        "(decimal point, no thousands separators, no Rp/%)."
    )


def test_parse_canonical_rejects_booleans_and_other_types():
    for value in (True, False, [1], {"a": 1}, float("inf")):
        with pytest.raises(NumberFormatError):
            parse_canonical(value)


def test_canonical_regex_is_the_documented_form():
    assert CANONICAL_DECIMAL_RE.pattern == r"^-?[0-9]+(\.[0-9]+)?$"


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("2.675", 2, "2.68"),
        ("0.005", 2, "0.01"),
        ("0.0049", 2, "0.00"),
        ("-2.675", 2, "-2.68"),
        ("103.32", 0, "103"),
        ("90.995", 2, "91.00"),
        ("23.525", 2, "23.53"),
    ],
)
def test_round_half_up_rounds_ties_up_like_printed_reports(value, places, expected):
    assert str(round_half_up(Decimal(value), places)) == expected


@pytest.mark.parametrize(("text", "places"), [("103", 0), ("73.55", 2), ("100.00", 2), ("-0.5", 1)])
def test_decimal_places_of_a_declared_figure(text, places):
    assert decimal_places(text) == places


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (Decimal("1234567.891"), {}, "1.234.567,89"),
        (Decimal("314"), {}, "314,00"),
        (Decimal("-1234.5"), {}, "-1.234,50"),
        (Decimal("0.005"), {}, "0,01"),
        (Decimal("-0.001"), {}, "0,00"),
        (Decimal("1234567.891"), {"grouping": False}, "1234567,89"),
        (Decimal("1715"), {"places": 0}, "1.715"),
        (1715, {"places": 0}, "1.715"),
        (None, {}, "\u2013"),
        ("B", {}, "B"),
    ],
)
def test_format_number_in_indonesian_notation(value, kwargs, expected):
    assert format_number(value, **kwargs) == expected


def test_format_percent_and_rupiah():
    assert format_percent(Decimal("314")) == f"314,00{NBSP}%"
    assert format_percent(Decimal("72.14777946")) == f"72,15{NBSP}%"
    assert format_percent(None) == "\u2013"
    assert format_rupiah(Decimal("22511784601")) == f"Rp{NBSP}22.511.784.601"
    assert format_rupiah(Decimal("999.5")) == f"Rp{NBSP}1.000"
    assert format_rupiah(Decimal("-1288801400")) == f"-Rp{NBSP}1.288.801.400"
    assert format_rupiah(None) == "\u2013"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1.5700"), "1.57"),
        (Decimal("100.0000"), "100"),
        (Decimal("0E-4"), "0"),
        (Decimal("-0"), "0"),
        (Decimal("1E+3"), "1000"),
        (Decimal("22511784601"), "22511784601"),
        (None, None),
    ],
)
def test_canonical_str_for_the_json_exporter(value, expected):
    assert canonical_str(value) == expected


def test_report_str_rounds_to_two_places():
    assert report_str(Decimal("314")) == "314.00"
    assert report_str(Decimal("0.5")) == "0.50"
    assert report_str(Decimal("116.363636")) == "116.36"
    assert report_str(Decimal("-0.001")) == "0.00"
    assert report_str(None) is None
    assert report_str("B") == "B"


@PROPERTY
@given(decimals)
def test_canonical_round_trip_is_exact(value):
    assert parse_canonical(canonical_str(value)) == value


@PROPERTY
@given(decimals, st.integers(min_value=0, max_value=4))
def test_displayed_figures_parse_back_to_the_displayed_value(value, places):
    shown = round_half_up(value, places)
    assert parse_localized(format_number(value, places)) == shown
    assert parse_localized(format_number(value, places, grouping=False)) == shown
    assert parse_localized(format_percent(value, places)) == shown


@PROPERTY
@given(decimals)
def test_rupiah_parses_back(value):
    assert parse_localized(format_rupiah(value)) == round_half_up(value, 0)


# --- found by mutation testing (docs/testing.md) ---------------------------------------------------------
@pytest.mark.parametrize(
    ("read", "value", "shown"),
    [
        (parse_localized, "12,3,4", "'12,3,4'"),
        (parse_localized, Decimal("NaN"), "Decimal('NaN')"),
        (parse_localized, float("inf"), "inf"),
        (parse_localized, True, "True"),
        (parse_localized, ["1"], "['1']"),
        (parse_canonical, ["1"], "['1']"),
        (canonical_str, "1.5", "'1.5'"),
        (format_number, ["1"], "['1']"),
    ],
)
def test_a_refused_figure_is_named_in_the_message(read, value, shown):
    """The planner (or the import's row/column message) sees which value was refused."""
    with pytest.raises(NumberFormatError) as refused:
        read(value)
    assert f"Angka tidak valid: {shown} —" in str(refused.value)
    assert f"Invalid number: {shown} —" in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("22,5", "22.5"),  # the localized form is read and its canonical form suggested
        ("Rp 1.715", "1715"),
        ("%", "1715.5"),  # nothing to suggest from: the example
        ("abc", "1715.5"),
    ],
)
def test_a_non_canonical_figure_gets_its_canonical_form_suggested(typed, suggestion):
    with pytest.raises(NumberFormatError) as refused:
        parse_canonical(typed)
    assert f'write it like "{suggestion}"' in str(refused.value)
    assert f'tulis seperti "{suggestion}"' in str(refused.value)


def test_round_half_up_defaults_to_two_places_and_takes_any_stored_size():
    assert round_half_up(Decimal("1.005")) == Decimal("1.01")
    # 30 significant digits: more than Python's default context holds.
    big = Decimal("123456789012345678901234567.895")
    assert round_half_up(big, 2) == Decimal("123456789012345678901234567.90")


@pytest.mark.parametrize(
    ("value", "places"),
    [(Decimal("73.55"), 2), (Decimal("103"), 0), (Decimal("1E+2"), 0), (Decimal("100.00"), 2)],
)
def test_decimal_places_of_a_decimal(value, places):
    assert decimal_places(value) == places


def test_zero_rupiah_has_no_minus_sign():
    assert format_rupiah(Decimal(0)) == f"Rp{NBSP}0"
    assert format_rupiah(Decimal("0.4")) == f"Rp{NBSP}0"
    assert format_rupiah(Decimal("-0.4")) == f"Rp{NBSP}0"


@pytest.mark.parametrize(
    ("typed", "places"),
    [
        ("0,10", 2),
        ("0.10", 2),
        ("1.715", 0),
        ("34,6667", 4),
        ("100,00%", 2),
        ("", None),
        ("BB", None),
        ("x1", None),
    ],
)
def test_typed_places_counts_the_decimals_as_typed(typed, places):
    assert typed_places(typed) == places


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        ("0.1", 2, "0.10"),
        ("0.1000", 2, "0.10"),
        ("88", 0, "88"),
        ("88.0000", None, "88"),
        ("0.125", 1, "0.125"),
    ],
)
def test_figure_with_places_pads_to_the_typed_decimals_and_never_cuts(value, places, text):
    assert figure_with_places(Decimal(value), places) == text
