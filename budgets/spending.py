"""The agency's whole budget (belanja OPD) and the quarterly progress of spending and work.

Pure functions on `Decimal` values, like `budgets/totals.py`: None means unknown and propagates, it never counts
as 0, and nothing is rounded here.

- The whole budget: total belanja is belanja operasi + belanja modal (Permendagri 90/2019), or, for older years,
  belanja tidak langsung + belanja langsung; belanja operasi is belanja pegawai + belanja barang dan jasa. A part
  typed by the planner is printed as typed and checked against the sum of its parts; a part not typed is the sum
  of its parts when every one of them is known.
- A realisation declared for a group of programs together stands for the realisation of those programs in the
  agency's total when their own figures are unknown.
- Progress per quarter: anggaran kas (planned spending), financial and physical progress, cumulative, as a share
  of the pagu, with the deviation from the plan and the national absorption milestones.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal, localcontext

from budgets.totals import CONTEXT, HUNDRED, effective_ceiling

__all__ = [
    "AMOUNT_FIELDS",
    "MILESTONES",
    "PART_DEPTH",
    "PART_ORDER",
    "Change",
    "PartAmounts",
    "PartResult",
    "QuarterProgress",
    "change",
    "children_of",
    "cumulative",
    "group_sum_mismatches",
    "progress",
    "quarter_totals",
    "spent_with_groups",
    "sum_of_parts",
    "weighted_physical",
    "whole_budget",
]

# Cumulative share of the pagu to be absorbed by the end of TW I, II, III and IV: the milestones the Pemda's
# budget monitoring (TEPRA) holds every agency to.
MILESTONES: tuple[Decimal, ...] = (Decimal(15), Decimal(40), Decimal(60), Decimal(90))

# The parts in print order, with their depth in the tree (0: total belanja).
PART_ORDER = ("total", "operating", "personnel", "goods", "capital", "indirect", "direct")
PART_DEPTH = {
    "total": 0,
    "operating": 1,
    "personnel": 2,
    "goods": 2,
    "capital": 1,
    "indirect": 1,
    "direct": 1,
}
# Which parts add up to which: the current structure, and the structure before Permendagri 90/2019.
CURRENT_TOTAL = ("operating", "capital")
LEGACY_TOTAL = ("indirect", "direct")
OPERATING = ("personnel", "goods")


@dataclass(frozen=True)
class PartAmounts:
    """The four amounts of one part of the budget as the APBD gives them."""

    ceiling_original: Decimal | None = None
    ceiling_rationalised: Decimal | None = None
    ceiling_revised: Decimal | None = None
    spent: Decimal | None = None

    @property
    def ceiling(self) -> Decimal | None:
        """The pagu spending is measured against (`budgets.totals.effective_ceiling`)."""
        return effective_ceiling(
            original=self.ceiling_original,
            rationalised=self.ceiling_rationalised,
            revised=self.ceiling_revised,
        )

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f) is None for f in AMOUNT_FIELDS)


AMOUNT_FIELDS = tuple(f.name for f in fields(PartAmounts))


@dataclass(frozen=True)
class PartResult:
    part: str
    amounts: PartAmounts  # as typed, or the sum of its parts when not typed
    computed: bool  # True: the sum of its parts, nothing typed
    parts: tuple[str, ...]  # the parts it is the sum of (those present)
    parts_sum: (
        PartAmounts | None
    )  # a typed part: the sum of its parts, to check it against; None without parts


def children_of(part: str, present: Iterable[str]) -> tuple[str, ...]:
    """The parts that add up to `part`, given the parts present in the year. Total belanja follows the structure
    whose parts are present (both present: the year mixes them, and the total is no sum of either)."""
    present = set(present)
    if part == "operating":
        return OPERATING
    if part != "total":
        return ()
    current = present & set(CURRENT_TOTAL) or present & set(OPERATING)
    legacy = present & set(LEGACY_TOTAL)
    if current and legacy:
        return ()
    return LEGACY_TOTAL if legacy else CURRENT_TOTAL


def sum_of_parts(parts: Sequence[PartAmounts]) -> PartAmounts:
    """Per amount, the exact sum of the parts when every part has it; None as soon as one part lacks it (an
    unknown part is unknown, not zero) or when there are no parts."""
    sums: dict[str, Decimal | None] = {}
    with localcontext(CONTEXT):
        for name in AMOUNT_FIELDS:
            values = [getattr(p, name) for p in parts]
            sums[name] = (
                sum((Decimal(v) for v in values), Decimal(0)) if values and None not in values else None
            )
    return PartAmounts(**sums)


def whole_budget(typed: Mapping[str, PartAmounts]) -> tuple[PartResult, ...]:
    """Every part worth printing, in print order: those typed, and those that are the sum of known parts.

    Belanja operasi is computed first, so that a total made of belanja operasi (from pegawai and barang dan
    jasa) and belanja modal is known too. A part is left out when it is neither typed nor computable."""
    present = {part for part, amounts in typed.items() if not amounts.is_empty}
    resolved: dict[str, PartResult] = {}
    for part in ("operating", "total"):  # the inner sum first
        parts = tuple(p for p in children_of(part, present | set(resolved)) if p in present or p in resolved)
        known = [resolved[p].amounts if p in resolved else typed[p] for p in parts]
        complete = children_of(part, present | set(resolved))
        total = sum_of_parts(known) if parts and len(parts) == len(complete) else None
        if part in present:
            resolved[part] = PartResult(part, typed[part], False, parts, total)
        elif total is not None and not total.is_empty:
            resolved[part] = PartResult(part, total, True, parts, None)
    for part in present - set(resolved):
        resolved[part] = PartResult(part, typed[part], False, (), None)
    return tuple(resolved[p] for p in PART_ORDER if p in resolved)


@dataclass(frozen=True)
class Change:
    """From the previous year to this one: the difference (this − previous) and it as a % of the previous."""

    previous: Decimal | None
    difference: Decimal | None
    percent: Decimal | None


def change(current: Decimal | None, previous: Decimal | None) -> Change:
    """None when either year is unknown; the percentage also when the previous year is zero."""
    if current is None or previous is None:
        return Change(previous, None, None)
    with localcontext(CONTEXT):
        difference = Decimal(current) - Decimal(previous)
        percent = difference * HUNDRED / Decimal(previous) if previous != 0 else None
    return Change(previous, difference, percent)


# --- realisation declared for a group of programs -----------------------------------------------------------
def spent_with_groups(
    programs: Sequence[tuple[Hashable, Decimal | None, Decimal | None]],
    groups: Sequence[tuple[frozenset[Hashable], Decimal | None]],
) -> Decimal | None:
    """The agency's realisation from its programs' (key, pagu, realisasi) and the realisations declared for
    groups of programs (keys, realisasi).

    A group with a known realisation stands for its programs (their own figures, if any, are not counted
    again: `group_sum_mismatches` checks that they agree). The other programs follow `totals.roll_up`: one with
    a pagu and an unknown realisation leaves the total unknown. None when nothing at all is known."""
    covered: set[Hashable] = set()
    known: list[Decimal] = []
    for keys, spent in groups:
        if spent is not None:
            covered |= keys
            known.append(Decimal(spent))
    for key, ceiling, spent in programs:
        if key in covered:
            continue
        if spent is None:
            if ceiling is not None:
                return None
            continue
        known.append(Decimal(spent))
    if not known:
        return None
    with localcontext(CONTEXT):
        return sum(known, Decimal(0))


def group_sum_mismatches(
    programs: Mapping[Hashable, Decimal | None],
    groups: Sequence[tuple[frozenset[Hashable], Decimal | None]],
) -> tuple[tuple[int, Decimal, Decimal], ...]:
    """(group index, declared, sum of its programs) for each group whose programs all have a known realisation
    that does not add up to the group's."""
    out = []
    with localcontext(CONTEXT):
        for index, (keys, spent) in enumerate(groups):
            values = [programs.get(k) for k in keys]
            if spent is None or not values or None in values:
                continue
            total = sum((Decimal(v) for v in values if v is not None), Decimal(0))
            if total != spent:
                out.append((index, Decimal(spent), total))
    return tuple(out)


# --- progress per quarter -----------------------------------------------------------------------------------
def cumulative(quarters: Sequence[Decimal | None]) -> tuple[Decimal | None, ...]:
    """Running totals of per-quarter amounts; unknown from the first unknown quarter on."""
    out: list[Decimal | None] = []
    running: Decimal | None = Decimal(0)
    with localcontext(CONTEXT):
        for value in quarters:
            running = None if running is None or value is None else running + Decimal(value)
            out.append(running)
    return tuple(out)


def quarter_totals(
    lines: Sequence[tuple[Decimal | None, Sequence[Decimal | None]]],
) -> tuple[Decimal | None, ...]:
    """Per quarter, the sum over the lines' (pagu, four quarterly amounts): unknown when a line with a pagu
    lacks the quarter's amount, or when no line has one."""
    out: list[Decimal | None] = []
    with localcontext(CONTEXT):
        for k in range(4):
            values = [(ceiling, quarters[k]) for ceiling, quarters in lines]
            if any(c is not None and v is None for c, v in values) or all(v is None for _, v in values):
                out.append(None)
            else:
                out.append(sum((Decimal(v) for _, v in values if v is not None), Decimal(0)))
    return tuple(out)


def weighted_physical(lines: Sequence[tuple[Decimal | None, Decimal | None]]) -> Decimal | None:
    """Physical progress of several lines: their (pagu, physical %) averaged with the pagu as weight. None when
    a line with a pagu has no physical figure, or when the pagu add up to zero or nothing."""
    weighted = Decimal(0)
    total = Decimal(0)
    with localcontext(CONTEXT):
        for ceiling, physical in lines:
            if ceiling is None:
                continue
            if physical is None:
                return None
            weighted += Decimal(ceiling) * Decimal(physical)
            total += Decimal(ceiling)
        return weighted / total if total else None


@dataclass(frozen=True)
class QuarterProgress:
    """Progress at the end of one quarter, cumulative, as % of the pagu."""

    quarter: int
    milestone: Decimal  # the share of the pagu to be absorbed by now (MILESTONES)
    planned: Decimal | None  # anggaran kas up to this quarter (Rp)
    planned_pct: Decimal | None
    spent: Decimal | None  # realisation up to this quarter (Rp)
    financial_pct: Decimal | None
    financial_deviation: Decimal | None  # financial % − planned %
    physical_pct: Decimal | None
    physical_deviation: Decimal | None  # physical % − planned %
    milestone_gap: Decimal | None  # financial % − milestone: below zero, behind the national milestone

    @property
    def meets_milestone(self) -> bool | None:
        return None if self.milestone_gap is None else self.milestone_gap >= 0


def _share(amount: Decimal | None, ceiling: Decimal | None) -> Decimal | None:
    if amount is None or ceiling is None or ceiling == 0:
        return None
    return Decimal(amount) * HUNDRED / Decimal(ceiling)


def _minus(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a - b


def progress(
    ceiling: Decimal | None,
    planned: Sequence[Decimal | None],
    spent: Sequence[Decimal | None],
    physical: Sequence[Decimal | None],
) -> tuple[QuarterProgress, ...]:
    """The four quarters' progress from the pagu, the per-quarter anggaran kas and realisation (amounts of the
    quarter, summed here) and the cumulative physical %.

    The plan of a quarter is the anggaran kas up to it; the physical progress is held to the same plan (work
    is expected to advance with the money planned for it). Deviations are realised − planned, in points."""
    planned_cum, spent_cum = cumulative(planned), cumulative(spent)
    out = []
    with localcontext(CONTEXT):
        for k, milestone in enumerate(MILESTONES):
            planned_pct = _share(planned_cum[k], ceiling)
            financial_pct = _share(spent_cum[k], ceiling)
            typed_physical = physical[k]
            physical_pct = None if typed_physical is None else Decimal(typed_physical)
            out.append(
                QuarterProgress(
                    quarter=k + 1,
                    milestone=milestone,
                    planned=planned_cum[k],
                    planned_pct=planned_pct,
                    spent=spent_cum[k],
                    financial_pct=financial_pct,
                    financial_deviation=_minus(financial_pct, planned_pct),
                    physical_pct=physical_pct,
                    physical_deviation=_minus(physical_pct, planned_pct),
                    milestone_gap=_minus(financial_pct, milestone),
                )
            )
    return tuple(out)
