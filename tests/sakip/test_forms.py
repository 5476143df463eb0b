"""Form fields that read figures as planners type them, and the row form of editing grids (sakip.forms)."""

from decimal import Decimal

import pytest
from django import forms
from hypothesis import example, given, settings

from sakip.concurrency import Change, fingerprint
from sakip.forms import LocalizedDecimalField, MeasureField, MoneyField, RowForm, input_str
from sakip.grades import GRADE_SCALES
from sakip.numbers import NumberBounds, parse_localized
from tests.figures import largest, storable_decimals

D = Decimal
PROPERTY = settings(database=None, deadline=None, max_examples=200)


def error_of(field, text):
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(text)
    return caught.value


def assert_bilingual(message):
    """Indonesian first, then English, separated by " / "."""
    indonesian, sep, english = message.partition(" / ")
    assert sep and indonesian.strip() and english.strip(), message


# --- LocalizedDecimalField: reading ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.715", D("1715")),  # '.' groups thousands
        ("0,5", D("0.5")),  # ',' is the decimal comma
        ("0,5%", D("0.5")),
        ("0,5 %", D("0.5")),
        ("Rp 22.511.784.601,-", D("22511784601")),
        ("22511784601", D("22511784601")),
        ("1.234.567,89", D("1234567.89")),
        ("  1.715  ", D("1715")),
        ("-3,25", D("-3.25")),
    ],
)
def test_reads_figures_as_planners_type_them(text, expected):
    assert LocalizedDecimalField().clean(text) == expected


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_input_is_no_data(text):
    assert LocalizedDecimalField().clean(text) is None


def test_required_field_refuses_empty_input():
    with pytest.raises(forms.ValidationError):
        LocalizedDecimalField(required=True).clean("")


@pytest.mark.parametrize("text", ["1,2,3", "abc", "1e5", "12..5"])
def test_rejects_what_is_not_a_number_with_a_bilingual_message(text):
    error = error_of(LocalizedDecimalField(), text)
    assert error.code == "invalid"
    [message] = error.messages
    assert_bilingual(message)
    assert "Angka tidak valid" in message and "Invalid number" in message
    assert text in message  # the planner sees what they typed


def test_decimal_places_limit():
    field = LocalizedDecimalField(decimal_places=2)
    assert field.clean("1,25") == D("1.25")
    assert field.clean("1,2500") == D("1.25")  # trailing zeros are not significant places
    error = error_of(field, "1,255")
    assert error.code == "max_places"
    assert_bilingual(error.messages[0])
    assert "2" in error.messages[0]


def test_default_field_keeps_four_decimal_places():
    field = LocalizedDecimalField()
    assert field.clean("0,1234") == D("0.1234")
    assert error_of(field, "0,12345").code == "max_places"


def test_max_digits_limit():
    field = LocalizedDecimalField(max_digits=6, decimal_places=2)  # at most 4 digits before the comma
    assert field.clean("9.999,99") == D("9999.99")
    error = error_of(field, "10.000")
    assert error.code == "max_digits"
    assert_bilingual(error.messages[0])


def test_min_and_max_value():
    field = LocalizedDecimalField(min_value=D(0), max_value=D(1000))
    assert field.clean("0") == D(0)
    assert field.clean("1.000") == D(1000)
    low = error_of(field, "-0,5")
    assert low.code == "min_value"
    assert_bilingual(low.messages[0])
    high = error_of(field, "1.000,5")
    assert high.code == "max_value"
    assert_bilingual(high.messages[0])
    assert "1.000" in high.messages[0]  # the limit is shown in Indonesian format


# --- LocalizedDecimalField: showing stored values back ---------------------------------------------------


@pytest.mark.parametrize(
    "stored, shown",
    [
        (D("1715"), "1.715"),
        (D("0.5"), "0,5"),
        (D("1715.5000"), "1.715,5"),  # every significant decimal, no padding zeros
        (D("22511784601.00"), "22.511.784.601"),
        (D("-1234.25"), "-1.234,25"),
        (7, "7"),
        (None, ""),
        ("BB", "BB"),  # a letter grade unchanged
    ],
)
def test_input_str_shows_stored_figures_in_indonesian_format(stored, shown):
    assert input_str(stored) == shown


def test_prepare_value_renders_stored_decimal_in_the_input():
    field = LocalizedDecimalField()
    assert field.prepare_value(D("1234567.8900")) == "1.234.567,89"
    assert field.prepare_value("1.234,5") == "1.234,5"  # what the planner typed is shown back unchanged


@PROPERTY
@given(storable_decimals(NumberBounds(20, 4)))
@example(largest(NumberBounds(20, 4)))
@example(-largest(NumberBounds(20, 4)))
def test_measure_round_trip_through_the_input(number):
    field = LocalizedDecimalField()
    assert parse_localized(input_str(number)) == number
    assert field.clean(field.prepare_value(number)) == number


@PROPERTY
@given(storable_decimals(NumberBounds(18, 2), non_negative=True))
@example(largest(NumberBounds(18, 2)))
def test_money_round_trip_through_the_input(amount):
    field = MoneyField()
    assert parse_localized(input_str(amount)) == amount
    assert field.clean(field.prepare_value(amount)) == amount


# --- MoneyField, MeasureField ---------------------------------------------------------------------------


def test_money_field_reads_rupiah():
    assert MoneyField().clean("Rp 22.511.784.601,-") == D("22511784601")
    assert MoneyField().clean("1.500.000,50") == D("1500000.50")


def test_money_field_rejects_negative_amounts():
    error = error_of(MoneyField(), "-1.000")
    assert error.code == "min_value"
    assert_bilingual(error.messages[0])


def test_money_field_rejects_three_decimals():
    error = error_of(MoneyField(), "1.000,505")
    assert error.code == "max_places"
    assert_bilingual(error.messages[0])


def test_measure_field_with_grade_scale_accepts_letter_grades():
    field = MeasureField(grade_scale="akip")
    assert field.clean("bb") == "BB"
    assert field.clean(" A ") == "A"
    for grade in GRADE_SCALES["akip"]:
        assert field.clean(grade.lower()) == grade


def test_measure_field_with_grade_scale_rejects_unknown_letters_bilingually():
    error = error_of(MeasureField(grade_scale="akip"), "Z")
    assert error.code == "invalid_grade"
    [message] = error.messages
    assert_bilingual(message)
    assert "'Z'" in message and "BB" in message  # names the letter and the letters allowed


def test_measure_field_with_grade_scale_still_accepts_numbers():
    field = MeasureField(grade_scale="akip")
    assert field.clean("12,5") == D("12.5")
    assert field.clean("") is None


def test_measure_field_without_grade_scale_refuses_letters():
    error = error_of(MeasureField(), "B")
    assert error.code == "invalid"
    assert_bilingual(error.messages[0])


# --- RowForm -------------------------------------------------------------------------------------------


class TargetRow(RowForm):
    value_fields = ("target", "budget")
    target = MeasureField(label="Target")
    budget = MoneyField(label="Pagu")


STORED = {"target": D("1715.5"), "budget": D("22511784601")}


def row(submitted, *, stored, seen):
    """A bound row as the browser posts it: the planner's inputs plus the version of what they saw."""
    data = {f"r7-{name}": text for name, text in submitted.items()}
    data["r7-version"] = fingerprint(seen)
    return TargetRow(data, stored=stored, prefix="r7")


def test_unbound_row_shows_stored_values_and_their_version():
    form = TargetRow(None, stored=STORED, prefix="r7")
    assert form["target"].value() == "1.715,5"
    assert form["budget"].value() == "22.511.784.601"
    assert form["version"].value() == fingerprint(STORED)
    assert 'type="hidden"' in str(form["version"]) and 'name="r7-version"' in str(form["version"])


def test_row_left_as_seen_is_unchanged():
    form = row({"target": "1.715,5", "budget": "Rp 22.511.784.601,-"}, stored=STORED, seen=STORED)
    assert form.is_valid(), form.errors
    assert form.change() is Change.UNCHANGED


def test_row_changed_by_the_planner_only_is_saved():
    form = row({"target": "1.800", "budget": "22.511.784.601"}, stored=STORED, seen=STORED)
    assert form.is_valid(), form.errors
    assert form.submitted() == {"target": D(1800), "budget": D("22511784601")}
    assert form.change() is Change.SAVE


def test_row_changed_by_both_users_differently_is_a_conflict():
    now = {**STORED, "target": D("1750")}  # another planner saved 1.750 meanwhile
    form = row({"target": "1.800", "budget": "22.511.784.601"}, stored=now, seen=STORED)
    assert form.is_valid(), form.errors
    assert form.change() is Change.CONFLICT


def test_conflicting_row_resubmitted_is_a_deliberate_overwrite():
    now = {**STORED, "target": D("1750")}
    form = row({"target": "1.800", "budget": "22.511.784.601"}, stored=now, seen=STORED)
    assert form.is_valid() and form.change() is Change.CONFLICT
    form.mark_conflict()
    assert form.conflict
    assert form["version"].value() == fingerprint(now)  # the re-rendered row carries the new version
    again = TargetRow(form.data, stored=now, prefix="r7")
    assert again.is_valid(), again.errors
    assert again.change() is Change.SAVE
    assert not again.conflict


def test_conflicting_row_keeps_the_planners_inputs():
    now = {**STORED, "target": D("1750")}
    form = row({"target": "1.800", "budget": "22.511.784.601"}, stored=now, seen=STORED)
    form.is_valid()
    form.mark_conflict()
    assert form["target"].value() == "1.800"


def test_stored_values_list_labels_and_indonesian_figures():
    now = {"target": D("1750.25"), "budget": D("22511784601.00")}
    form = TargetRow(None, stored=now, prefix="r7")
    assert form.stored_values == [("Target", "1.750,25"), ("Pagu", "22.511.784.601")]
    assert form.stored_display("target") == "1.750,25"


def test_stored_values_show_missing_data_as_empty():
    form = TargetRow(None, stored={"target": None, "budget": D(0)}, prefix="r7")
    assert form.stored_values == [("Target", ""), ("Pagu", "0")]


def test_stored_display_of_a_choice_field_is_its_label():
    class StatusRow(RowForm):
        value_fields = ("status",)
        status = forms.ChoiceField(label="Status", choices=[("draft", "Konsep"), ("final", "Final")])

    form = StatusRow(None, stored={"status": "draft"}, prefix="r1")
    assert form.stored_values == [("Status", "Konsep")]


def test_stored_values_label_defaults_to_the_field_name():
    class PlainRow(RowForm):
        value_fields = ("target",)
        target = MeasureField()

    form = PlainRow(None, stored={"target": D(1)}, prefix="r1")
    assert form.stored_values == [("Target", "1")]  # as the form's own <label> shows it


def test_untouched_blank_text_field_over_null_is_not_a_change():
    class NoteRow(RowForm):
        value_fields = ("target", "note")
        target = MeasureField(label="Target")
        note = forms.CharField(label="Catatan", required=False)

    stored = {"target": D(5), "note": None}
    form = NoteRow(
        {"r1-target": "5", "r1-note": "", "r1-version": fingerprint(stored)}, stored=stored, prefix="r1"
    )
    assert form.is_valid(), form.errors
    assert form.change() is Change.UNCHANGED
