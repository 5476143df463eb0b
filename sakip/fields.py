"""`FigureField`: the decimal column of every figure (targets, realisations, money, survey totals).

A `DecimalField` that
- accepts only what both databases give back unchanged (`sakip.numbers.storable_decimal`): its validator
  refuses the rest in `full_clean` (the admin, model forms), and its form field is the planners'
  `LocalizedDecimalField` with the column's bounds and the unit marks that belong to it;
- never fails a read. On SQLite Django rounds what it reads to 15 significant digits and then quantizes it in
  the field's `context`; a value stored before these bounds existed (9999999999999999 reads back as 1E+16,
  17 digits, too many for max_digits=20 with 4 places) raised `decimal.InvalidOperation` in every page that
  read it. The context used for that quantize is wide enough for any stored figure, so such a value is shown
  (and refused when the planner saves it again) instead of breaking the agency. `manage.py check_figures`
  lists them.

Its `deconstruct` names `models.DecimalField`: the column is the same, so no migration follows from it.
"""

from __future__ import annotations

from decimal import Context

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property

from .forms import LocalizedDecimalField
from .numbers import ANY_UNIT, NumberBounds, NumberFormatError, storable_decimal

# Wide enough to quantize any figure a DecimalField could have written (Django itself never checks max_digits
# on save), so a read never raises; display rounding has its own wide context (sakip.numbers).
_READ_CONTEXT = Context(prec=80)


class FigureField(models.DecimalField):
    def __init__(self, *args, units=ANY_UNIT, minimum=None, **kwargs):
        self.units = frozenset(units)
        self.minimum = minimum  # the form field's lower bound; the database keeps its own CHECK constraints
        super().__init__(*args, **kwargs)

    @property
    def bounds(self) -> NumberBounds:
        return NumberBounds.of(self)

    @cached_property
    def context(self):
        return _READ_CONTEXT

    def to_python(self, value):
        if isinstance(value, float):  # as DecimalField does, within the column's precision
            value = Context(prec=self.max_digits).create_decimal_from_float(value)
        return super().to_python(value)

    @cached_property
    def validators(self):
        return [*super().validators, self._storable]

    def _storable(self, value):
        try:
            storable_decimal(value, self.bounds)
        except NumberFormatError as error:
            raise ValidationError(str(error), code=getattr(error, "code", "invalid")) from error

    def formfield(self, form_class=None, choices_form_class=None, **kwargs):
        defaults = {"bounds": self.bounds, "units": self.units, "min_value": self.minimum}
        # DecimalField.formfield would pass max_digits/decimal_places and Django's own form class.
        return models.Field.formfield(
            self,
            form_class=form_class or LocalizedDecimalField,
            choices_form_class=choices_form_class,
            **{**defaults, **kwargs},
        )

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs
