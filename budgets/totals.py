"""Budget figures: effective pagu, absorption, remaining (SILPA) and roll-ups (SPEC §2 Budget, §3 rulings).

Pure functions on `Decimal` values; None means unknown and propagates, it never counts as 0. Nothing is
rounded here: reports round half-up when displaying (sakip.numbers).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext

__all__ = ["BudgetFigures", "effective_ceiling", "efficiency", "figures", "roll_up", "spent_from_quarters"]

HUNDRED = Decimal(100)
# Same context whatever the caller uses, so the same data always gives the same digits.
CONTEXT = Context(prec=28)


def effective_ceiling(
    *, original: Decimal | None, rationalised: Decimal | None, revised: Decimal | None
) -> Decimal | None:
    """The pagu spending is measured against: perubahan, else rasionalisasi (the 2020–2021 COVID
    refocusing cut), else murni."""
    if revised is not None:
        return revised
    if rationalised is not None:
        return rationalised
    return original


@dataclass(frozen=True)
class BudgetFigures:
    """The five figures of a Realisasi Anggaran row: pagu, realisasi, serapan %, sisa, sisa %."""

    ceiling: Decimal | None
    spent: Decimal | None
    absorption: Decimal | None
    remaining: Decimal | None
    remaining_pct: Decimal | None


def figures(ceiling: Decimal | None, spent: Decimal | None) -> BudgetFigures:
    """Absorption = realisasi ÷ pagu × 100; sisa = pagu − realisasi (negative when overspent);
    sisa % = sisa ÷ pagu × 100. Percentages are None for a zero or unknown pagu."""
    absorption = remaining = remaining_pct = None
    with localcontext(CONTEXT):
        if ceiling is not None and spent is not None:
            remaining = Decimal(ceiling) - Decimal(spent)
            if ceiling != 0:
                absorption = Decimal(spent) * HUNDRED / Decimal(ceiling)
                remaining_pct = remaining * HUNDRED / Decimal(ceiling)
    return BudgetFigures(
        ceiling=ceiling, spent=spent, absorption=absorption, remaining=remaining, remaining_pct=remaining_pct
    )


def roll_up(
    children: Iterable[tuple[Decimal | None, Decimal | None]],
) -> tuple[Decimal | None, Decimal | None]:
    """(pagu, realisasi) of a parent from its children's (pagu, realisasi): sub-activities → activity →
    program → agency, or the programs linked to an objective.

    Pagu is the sum of the known ceilings (None if no child has one). Realisasi follows the SPEC §3 ruling
    that an unknown spending is unknown, not zero: if any child with a ceiling has unknown spending, so has
    the parent. Children with neither figure are ignored; None when no child has any spending.
    """
    ceilings: list[Decimal] = []
    spendings: list[Decimal] = []
    spending_unknown = False
    for ceiling, spent in children:
        if ceiling is not None:
            ceilings.append(Decimal(ceiling))
            if spent is None:
                spending_unknown = True
        if spent is not None:
            spendings.append(Decimal(spent))
    with localcontext(CONTEXT):
        total_ceiling = sum(ceilings, Decimal(0)) if ceilings else None
        total_spent = None if spending_unknown or not spendings else sum(spendings, Decimal(0))
    return total_ceiling, total_spent


def sum_known(values: Iterable[Decimal | None]) -> Decimal | None:
    """Sum of the known figures; None when none is known (an unfunded year is not Rp 0)."""
    known = [v for v in values if v is not None]
    with localcontext(CONTEXT):
        return sum(known, Decimal(0)) if known else None


def column_sums(rows: Sequence[Sequence[Decimal | None]], width: int) -> tuple[Decimal | None, ...]:
    """Per column, the sum of the known figures of the rows (a funding table's total row)."""
    return tuple(sum_known(row[k] for row in rows) for k in range(width))


def spent_from_quarters(quarters: Sequence[Decimal | None]) -> Decimal | None:
    """Annual spending from the four quarterly figures: the sum of the known ones (None if all unknown)."""
    known = [Decimal(q) for q in quarters if q is not None]
    if not known:
        return None
    with localcontext(CONTEXT):
        return sum(known, Decimal(0))


def efficiency(capaian: Decimal | None, absorption: Decimal | None) -> Decimal | None:
    """Efficiency index — our own metric, not a regulation's, and labelled as such in reports:
    capaian % of an objective ÷ absorption % of its programs' budget.

    Above 1 means more result per rupiah than planned (e.g. 314 % achieved with 72,15 % spent → 4,35).
    None when either figure is unknown or nothing was absorbed.
    """
    if capaian is None or absorption is None or absorption == 0:
        return None
    with localcontext(CONTEXT):
        return Decimal(capaian) / Decimal(absorption)
