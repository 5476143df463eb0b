"""Rules of the target grids that need no database: whether a Rencana Aksi matches the year's target.

Pure functions on values (a `Decimal`, a letter grade, or None), so the page render and the live htmx check
give the same warning for the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, Decimal

from django.utils.translation import gettext as _

from sakip.forms import input_str
from sakip.grades import GradeError
from sakip.numbers import EMPTY, decimal_places

from .achievement import Value, annual_from_quarters


def _show(value: Value) -> str:
    return EMPTY if value is None else input_str(value)


def same_measure(a: Value, b: Value) -> bool:
    """Whether two targets are the same figure: 85 is 85,0; "bb" is "BB"; a grade is never a number."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a.strip().upper() == b.strip().upper()
    return Decimal(a) == Decimal(b)


def quarter_target_warning(quarters: Sequence[Value], annual: Value, mode: str) -> str | None:
    """A warning when the TW I–IV targets do not give the annual target, else None.

    `increment`: the quarters must add up to the year; `level`: TW IV is the year's reading. Nothing is
    compared while the year has no target or no quarter is planned yet: there is nothing to contradict.
    A mismatch is a warning, not an error: some signed plans really do differ.
    """
    if annual is None or all(q is None for q in quarters):
        return None
    if mode == "increment":
        try:
            total = annual_from_quarters(quarters, "increment")
        except GradeError:
            return _("Nilai huruf tidak dapat dijumlahkan per triwulan.")
        if isinstance(annual, str) or not same_measure(total, annual):
            return _("Jumlah TW I–IV (%(total)s) ≠ target tahunan (%(annual)s)") % {
                "total": _show(total),
                "annual": _show(annual),
            }
        return None
    if mode != "level":
        raise ValueError(f"Mode triwulan tidak dikenal: {mode!r}. / Unknown quarter mode: {mode!r}.")
    last = quarters[3] if len(quarters) == 4 else None
    if last is None or not same_measure(last, annual):
        return _("TW IV (%(last)s) ≠ target tahunan (%(annual)s)") % {
            "last": _show(last),
            "annual": _show(annual),
        }
    return None


def quarter_proposal(annual: Value, mode: str) -> tuple[Value, Value, Value, Value] | None:
    """Rencana Aksi quarters proposed from the year's target (a proposal the planner confirms or edits), such
    that `quarter_target_warning` has nothing to say: `increment` splits the target in four at its own precision,
    the remainder in TW IV (325 → 81, 81, 81, 82); `level` aims at the target in every quarter (a reading, and a
    grade, is not split). None without a target."""
    if annual is None:
        return None
    if isinstance(annual, str) or mode == "level":
        return (annual, annual, annual, annual)
    if mode != "increment":
        raise ValueError(f"Mode triwulan tidak dikenal: {mode!r}. / Unknown quarter mode: {mode!r}.")
    annual = Decimal(annual)
    step = Decimal(1).scaleb(-decimal_places(annual.normalize()))
    part = (annual / 4).quantize(step, rounding=ROUND_DOWN)
    return (part, part, part, annual - 3 * part)
