"""Form fields that read figures as planners type them, and the row form every editing grid is made of.

`LocalizedDecimalField` accepts "1.715", "0,5", "0,5%", "Rp 22.511.784.601,-" and "22511784601" (through
`sakip.numbers.parse_localized`) and shows stored values back in Indonesian format, so a value survives a
round trip unchanged. Errors are Indonesian first, then English, and appear next to the field.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from .concurrency import Change, classify, fingerprint
from .dates import DateFormatError, format_date, parse_date
from .grades import GRADE_SCALES, GradeError, grade_value
from .numbers import (
    ANY_UNIT,
    PERCENT,
    RUPIAH,
    NumberBounds,
    NumberBoundsError,
    NumberFormatError,
    canonical_str,
    format_number,
    parse_localized,
    storable_decimal,
)


def input_str(value: Decimal | int | str | None) -> str:
    """A stored figure as it is typed back: Indonesian separators, every significant decimal kept."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    text = canonical_str(value)
    places = len(text.partition(".")[2])
    return format_number(Decimal(text), places)


def row_id(text: str) -> int | None:
    """A row id sent as text (a hand-edited query string, a checkbox's value): None unless plain ASCII digits that
    fit a database id. "²" is a digit to `isdigit()` but not to `int()`, and `int()` refuses 4.300 digits."""
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    return int(text)


class DecimalInput(forms.TextInput):
    def __init__(self, attrs=None):
        base = {"inputmode": "decimal", "autocomplete": "off", "class": "form-control form-control-sm num"}
        super().__init__({**base, **(attrs or {})})


class PlannerDateInput(forms.TextInput):
    """A text field for a date as planners type it, which static/js/dates.js gives a calendar button: the browser's
    own date picker, whose choice is written into the field as "3 Januari 2022". Without JavaScript it is the text
    field alone. The button's and the calendar's names come translated in data attributes."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"class": "form-control", "placeholder": "3 Januari 2022", "autocomplete": "off"}
        super().__init__({**base, **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        labels = {"data-date-picker": _("Pilih dari kalender"), "data-date-picker-calendar": _("Kalender")}
        return super().get_context(name, value, {**labels, **(attrs or {})})


class PlannerDateField(forms.Field):
    """A date typed as planners write it ("3 Januari 2022", "03/01/2022", "2022-01-03": `sakip.dates`), shown
    back as "3 Januari 2022"."""

    widget = PlannerDateInput

    def prepare_value(self, value: Any) -> Any:
        return format_date(value) if isinstance(value, datetime.date) else value

    def to_python(self, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.date):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return parse_date(str(value))
        except DateFormatError as error:
            raise forms.ValidationError(str(error), code="invalid") from error


class WholeNumberField(forms.IntegerField):
    """A whole number typed in a form (a year, an order), refused in both languages: Django's own messages say it
    in one, and on SQLite nothing else stops a year of 9999999999999999 (its integer columns have no range)."""

    default_error_messages = {
        "invalid": "Isi bilangan bulat (tanpa koma atau huruf). / Enter a whole number (no decimals or letters).",
        "min_value": "Tidak boleh kurang dari %(limit_value)s. / Must not be less than %(limit_value)s.",
        "max_value": "Tidak boleh lebih dari %(limit_value)s. / Must not be more than %(limit_value)s.",
        "required": "Wajib diisi. / Required.",
    }


class LocalizedDecimalField(forms.Field):
    """A figure as planners type it, kept only when its column gives it back unchanged on every database.

    `bounds` are the column's (`model_bounds(Model, "field")`, or `max_digits`/`decimal_places`), checked by
    `sakip.numbers.storable_decimal`; `units` are the marks that belong to the figure (RUPIAH, PERCENT, NO_UNIT).
    """

    widget = DecimalInput
    default_error_messages = {
        "min_value": "Tidak boleh kurang dari %(limit)s. / Must not be less than %(limit)s.",
        "max_value": "Tidak boleh lebih dari %(limit)s. / Must not be more than %(limit)s.",
    }

    def __init__(
        self,
        *,
        bounds: NumberBounds | None = None,
        max_digits: int = 20,
        decimal_places: int = 4,
        units: Iterable[str] = ANY_UNIT,
        min_value: Decimal | None = None,
        max_value: Decimal | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("required", False)
        self.bounds = bounds or NumberBounds(max_digits, decimal_places)
        self.units = frozenset(units)
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)

    @property
    def decimal_places(self) -> int:
        return self.bounds.decimal_places

    def prepare_value(self, value):
        return input_str(value) if isinstance(value, Decimal | int) else value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = parse_localized(value, units=self.units)
        except NumberFormatError as error:
            raise forms.ValidationError(str(error), code="invalid") from error
        if number is None:
            return None
        return self.checked(number)

    def checked(self, number: Decimal) -> Decimal:
        try:
            number = storable_decimal(number, self.bounds)
        except NumberBoundsError as error:
            raise forms.ValidationError(str(error), code=error.code) from error
        except NumberFormatError as error:
            raise forms.ValidationError(str(error), code="invalid") from error
        if self.min_value is not None and number < self.min_value:
            raise forms.ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"limit": input_str(self.min_value)},
            )
        if self.max_value is not None and number > self.max_value:
            raise forms.ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit": input_str(self.max_value)},
            )
        return number


def period_error(
    start: int, end: int, *, document: str, document_en: str, max_years: int, taken: Callable[[], bool]
) -> tuple[str, str] | None:
    """What is wrong with a plan's period (a Renstra, an RPJMD), as (field, message): the end before the start, too
    many years, or a plan of the same owner with this period and revision already (`taken`, asked last)."""
    if end < start:
        return (
            "end_year",
            "Tahun akhir tidak boleh sebelum tahun awal. / The end year must not precede the start year.",
        )
    if end - start + 1 > max_years:
        return (
            "end_year",
            f"{document} paling lama {max_years} tahun. / {document_en} spans at most {max_years} years.",
        )
    if taken():
        return (
            "revision",
            f"Sudah ada {document} dengan periode dan revisi ini. / "
            f"{document_en} with this period and revision already exists.",
        )
    return None


def model_bounds(model: type[Model], name: str) -> NumberBounds:
    """The bounds of the column a form field edits, read from its model field."""
    return NumberBounds.of(model._meta.get_field(name))


class MoneyField(LocalizedDecimalField):
    """Rupiah: two decimals at most, never negative (a pagu or a spending below zero means nothing), "Rp" but
    no "%"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("bounds", NumberBounds(18, 2))
        super().__init__(units=RUPIAH, min_value=Decimal(0), **kwargs)


def measure_units(kind: str | None) -> frozenset[str]:
    """The unit marks a target or realisation may carry: "Rp" only for currency indicators, "%" for the rest
    (a percent indicator's "85%"; any other kind's figure has no mark, and "%" there is harmless shorthand)."""
    return RUPIAH if kind == "currency" else PERCENT


class MeasureField(LocalizedDecimalField):
    """A target or realisation: a number, or a letter grade ("BB") for indicators measured in grades."""

    def __init__(self, *, grade_scale: str | None = None, kind: str | None = None, **kwargs: Any) -> None:
        self.grade_scale = grade_scale
        kwargs.setdefault("units", measure_units(kind))
        super().__init__(**kwargs)

    def to_python(self, value):
        if self.grade_scale is not None and isinstance(value, str) and value.strip().isalpha():
            try:
                grade_value(value, self.grade_scale)
            except GradeError as error:
                raise forms.ValidationError(str(error), code="invalid_grade") from error
            return value.strip().upper()
        return super().to_python(value)


def grade_choices(scale: str) -> list[str]:
    return list(GRADE_SCALES[scale])


class RowForm(forms.Form):
    """One row of an editing grid, e.g. one indicator's realisation for a quarter.

    `stored` holds the values in the database now; `version` echoes the fingerprint of the values the planner
    saw when the grid was rendered. `change()` says whether saving this row is a no-op, a write or a conflict.
    Subclasses declare their editable fields and list them in `value_fields`.
    """

    value_fields: tuple[str, ...] = ()
    # Bound: request.POST (a QueryDict) or, in tests, a dict; unbound: Django's empty MultiValueDict. All are
    # dicts, which `mark_conflict` relies on to copy and change them (the stubs only promise a Mapping).
    data: dict[str, Any]
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, stored: dict[str, Any], **kwargs: Any
    ) -> None:
        self.stored = stored
        super().__init__(data, initial=stored, **kwargs)
        self.conflict = False

    def get_initial_for_field(self, field, field_name):
        # Computed when rendered, after a subclass has settled its `value_fields`.
        if field_name == "version":
            return self.stored_fingerprint()
        return super().get_initial_for_field(field, field_name)

    def stored_fingerprint(self) -> str:
        return fingerprint({name: self.stored.get(name) for name in self.value_fields})

    def submitted(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.value_fields}

    def change(self) -> Change:
        stored = {name: self.stored.get(name) for name in self.value_fields}
        return classify(self.cleaned_data.get("version", ""), self.submitted(), stored)

    def mark_conflict(self):
        """Show the stored values beside the planner's, and accept the next save as a deliberate overwrite."""
        self.conflict = True
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = self.stored_fingerprint()

    def stored_display(self, name):
        value = self.stored.get(name)
        choices = getattr(self.fields.get(name), "choices", None)
        if choices:
            return dict(choices).get(value, value)
        return input_str(value)

    @property
    def stored_values(self):
        """(label, value) of what is stored now: shown beside a conflicting row."""
        return [(self[n].label, self.stored_display(n)) for n in self.value_fields if n in self.fields]
