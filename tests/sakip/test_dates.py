"""Dates as planners type them (sakip.dates): every form below gives the same date; nonsense is refused in both
languages."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.dates import DateFormatError, format_date, parse_date, parse_month, stored_date_display
from sakip.forms import PlannerDateField

DAY = datetime.date(2022, 1, 3)


@pytest.mark.parametrize(
    "typed",
    ["3 Januari 2022", "03 januari 2022", "3 Jan 2022", "3 Jan. 2022", "3 January 2022", " 3  Januari  2022 ",
     "03/01/2022", "3/1/2022", "03-01-2022", "03.01.2022", "2022-01-03", "2022/1/3"],
)  # fmt: skip
def test_every_usual_form_is_the_same_day(typed):
    assert parse_date(typed) == DAY


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("31 Februari 2022", ["tidak ada di kalender", "not a calendar date"]),
        ("3 Djanuari 2022", ["tidak dikenal", "Unknown month"]),
        ("01/13/2022", ["tidak ada di kalender", "not a calendar date"]),  # day first: there is no month 13
        ("kemarin", ["bukan tanggal", "is not a date"]),
    ],
)
def test_what_is_no_date_is_refused_in_both_languages(typed, words):
    with pytest.raises(DateFormatError) as refused:
        parse_date(typed)
    assert all(word in str(refused.value) for word in words)


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2999, 12, 31)))
def test_a_printed_date_reads_back(day):
    assert parse_date(format_date(day)) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d/%m/%Y")) == day


def test_the_form_field_shows_the_date_as_printed_and_refuses_nonsense():
    field = PlannerDateField(required=False)
    assert field.clean("03/01/2022") == DAY and field.clean("") is None
    assert field.prepare_value(DAY) == "3 Januari 2022"
    with pytest.raises(Exception, match="bukan tanggal"):
        field.clean("kemarin")


def test_the_date_field_stays_a_text_field_and_names_its_calendar_button_in_the_users_language():
    """The calendar button is added by static/js/dates.js; without it the planner types into a plain text field."""
    from django.utils import translation

    field = PlannerDateField(required=False)
    with translation.override("en"):
        html = field.widget.render("signed_on", field.prepare_value(DAY))
    assert 'type="text"' in html and 'value="3 Januari 2022"' in html
    assert (
        'data-date-picker="Pick from the calendar"' in html and 'data-date-picker-calendar="Calendar"' in html
    )
    assert 'placeholder="3 Januari 2022"' in html


@pytest.mark.parametrize(
    "typed, month",
    [("Januari 2022", (2022, 1)), ("jan. 2022", (2022, 1)), ("01/2022", (2022, 1)), ("2022-12", (2022, 12))],
)
def test_a_month_typed_as_planners_write_it(typed, month):
    assert parse_month(typed) == month


@pytest.mark.parametrize("typed", ["13/2022", "Smarch 2022", "2022"])
def test_what_is_no_month_is_refused(typed):
    with pytest.raises(DateFormatError):
        parse_month(typed)


@pytest.mark.parametrize(
    "stored, shown",
    [
        ("2022-01-03", "3 Januari 2022"),
        ("2021-12", "Desember 2021"),
        (" 2021-02-28 ", "28 Februari 2021"),
        ("2021-02-31", None),  # not on the calendar: never guessed
        ("2021-13", None),
        ("awal tahun", None),
        ("", None),
    ],
)
def test_a_stored_date_or_month_is_shown_as_printed_and_anything_else_is_not_guessed(stored, shown):
    assert stored_date_display(stored) == shown
