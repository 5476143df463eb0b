"""Derived figures of the organisation profile (BAB I and the risk annex): the total and each line's share of a
staff table, the totals of the sarana-prasarana table, and a risk's level.

Pure functions on int and `Decimal` values; None means "cannot compute" and is never counted as 0. Nothing is
rounded here: reports round half-up when displaying (sakip.numbers).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext

__all__ = ["StaffLine", "StaffTable", "facility_totals", "risk_level", "staff_table"]

HUNDRED = Decimal(100)
CONTEXT = Context(prec=28)  # the same digits whatever the caller's context


@dataclass(frozen=True)
class StaffLine:
    label: str
    count: int
    share: Decimal | None  # percent of the table's total; None when the total is 0


@dataclass(frozen=True)
class StaffTable:
    lines: tuple[StaffLine, ...]
    total: int


def share(part: int, whole: int) -> Decimal | None:
    """`part` as a percentage of `whole`; None when `whole` is 0 (no share of nothing)."""
    if whole == 0:
        return None
    with localcontext(CONTEXT):
        return Decimal(part) * HUNDRED / Decimal(whole)


def staff_table(lines: Sequence[tuple[str, int]]) -> StaffTable:
    """A staff table (per golongan, education, status or unit) from its (label, count) lines, in their order:
    each line with its share of the total, and the total."""
    total = sum(count for _label, count in lines)
    return StaffTable(tuple(StaffLine(label, count, share(count, total)) for label, count in lines), total)


def facility_totals(
    lines: Iterable[tuple[int | None, Decimal | None]],
) -> tuple[int | None, Decimal | None]:
    """(total quantity, total value) of sarana-prasarana lines given as (quantity, value); each total is None
    when no line gives that figure, so a table that lists no value prints no "Rp 0"."""
    quantities, values = [], []
    for quantity, value in lines:
        if quantity is not None:
            quantities.append(quantity)
        if value is not None:
            values.append(value)
    with localcontext(CONTEXT):
        total_value = sum(values, Decimal(0)) if values else None
    return (sum(quantities) if quantities else None), total_value


def risk_level(likelihood: int | None, severity: int | None) -> int | None:
    """The risk level (skor status) printed in SPIP risk forms: likelihood score × impact score; None when
    either score is missing."""
    if likelihood is None or severity is None:
        return None
    return likelihood * severity
