"""Hypothesis strategies for figures: the values a decimal column keeps exactly on every database."""

from decimal import Decimal

from hypothesis import strategies as st

from sakip.numbers import STORABLE_SIGNIFICANT_DIGITS, NumberBounds


@st.composite
def storable_decimals(draw, bounds: NumberBounds, *, non_negative: bool = False):
    """Any figure `storable_decimal` accepts for `bounds`: up to 15 significant digits, placed anywhere from the
    last decimal place the column keeps to the largest integer part it holds (so 9.999.999.999.999.990 and
    0,0001 both occur)."""
    digits = draw(st.integers(1, STORABLE_SIGNIFICANT_DIGITS))
    mantissa = draw(st.integers(0, 10**digits - 1))
    length = len(str(mantissa))
    exponent = draw(
        st.integers(-bounds.decimal_places, max(-bounds.decimal_places, bounds.integer_digits - length))
    )
    sign = 0 if non_negative else draw(st.sampled_from((0, 1)))
    value = Decimal(mantissa).scaleb(exponent)
    return -value if sign and value else value


def largest(bounds: NumberBounds) -> Decimal:
    """The largest figure a column keeps exactly: nines from its largest integer digit down to its last decimal
    place, at most 15 of them (then zeros)."""
    nines = min(STORABLE_SIGNIFICANT_DIGITS, bounds.integer_digits + bounds.decimal_places)
    return Decimal("9" * nines).scaleb(bounds.integer_digits - nines)
