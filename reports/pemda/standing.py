"""Where each agency of a Pemda stands in a year and quarter, and the Pemda's totals (pure: values in, values out).

Every figure is read off the agency's own report object, so the dashboard cannot disagree with the agency's
LKjIP: the capaian of each sasaran and its predicate, the indicators with a realisation for the quarter
(`todo_list`), the open consistency findings. The new rules live here:
- an agency's capaian is the mean of its sasaran's capaian (`achievement.objective_capaian`, uncapped: the
  Pemda's cap already applies per indicator inside each sasaran); the Pemda's is the mean of its agencies';
- absorption to date is the realisation up to the end of the quarter over the pagu, held against the quarter's
  national milestone (`spending.MILESTONES`); an agency that types only the year's realisation is read on it
  (marked "annual"); the Pemda's absorption is its total realisation over its total pagu, not a mean of shares.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from budgets import spending, totals
from indicators import achievement
from indicators.predicates import Band, PredicateScale
from reports.readmodel.checks import ERROR
from reports.readmodel.todo import todo_list
from reports.readmodel.types import Report
from review.workflow import State

QUARTERLY, ANNUAL = "quarterly", "annual"


@dataclass(frozen=True)
class ObjectiveMark:
    code: str
    statement: str
    capaian: Decimal | None
    predicate: Band | None


@dataclass(frozen=True)
class AgencyStanding:
    """One row of the dashboard. `has_report` is False when no Renstra of the agency covers the year."""

    pk: int
    code: str
    name: str
    short_name: str
    has_report: bool
    objectives: tuple[ObjectiveMark, ...] = ()
    capaian: Decimal | None = None
    predicate: Band | None = None
    ceiling: Decimal | None = None
    spent: Decimal | None = None  # realised up to the end of the quarter (or in the year, `basis` ANNUAL)
    absorption: Decimal | None = None
    basis: str = QUARTERLY
    milestone: Decimal = spending.MILESTONES[0]
    milestone_gap: Decimal | None = None  # absorption − milestone: below zero, behind
    entered: int = 0  # indicators with a realisation for the quarter (or the year)
    indicator_count: int = 0
    errors: int = 0
    warnings: int = 0
    review_state: str = "draft"
    last_change: datetime.datetime | None = None

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def entered_pct(self) -> Decimal | None:
        return _share(self.entered, self.indicator_count)

    @property
    def review_label(self) -> str:
        return str(State(self.review_state).label)

    @property
    def meets_milestone(self) -> bool | None:
        return None if self.milestone_gap is None else self.milestone_gap >= 0


@dataclass(frozen=True)
class PemdaStanding:
    year: int
    quarter: int
    scale: PredicateScale
    rows: tuple[AgencyStanding, ...]
    capaian: Decimal | None
    predicate: Band | None
    ceiling: Decimal | None
    spent: Decimal | None
    absorption: Decimal | None
    milestone: Decimal
    milestone_gap: Decimal | None
    entered: int
    indicator_count: int
    errors: int
    warnings: int
    states: Mapping[str, int]  # review state -> number of agencies

    @property
    def entered_pct(self) -> Decimal | None:
        return _share(self.entered, self.indicator_count)

    @property
    def behind_milestone(self) -> int:
        return sum(1 for row in self.rows if row.meets_milestone is False)


def _share(part: int, whole: int) -> Decimal | None:
    return Decimal(part) * 100 / Decimal(whole) if whole else None


def _minus(a: Decimal | None, b: Decimal) -> Decimal | None:
    return None if a is None else a - b


@dataclass(frozen=True)
class AgencyFigures:
    """What the dashboard reads of an agency's report for a year, for any quarter: small enough to cache (keyed on
    the agency's revision, reports/pemda/dashboard.py) instead of building 50 reports for every view."""

    pk: int
    code: str
    name: str
    short_name: str
    objectives: tuple[ObjectiveMark, ...]
    capaian: Decimal | None
    predicate: Band | None
    ceiling: Decimal | None
    spent: Decimal | None  # in the year
    spent_by_quarter: tuple[
        Decimal | None, ...
    ]  # cumulative to the end of TW I..IV; () when not typed per quarter
    entered: tuple[int, ...]  # indicators with a realisation for TW I..IV (or for the year)
    indicator_count: int
    errors: int
    warnings: int


def agency_figures(report: Report) -> AgencyFigures:
    agency = report.agency
    capaian = achievement.objective_capaian(o.capaian for o in report.objectives)
    budget = report.budget
    by_quarter: tuple[Decimal | None, ...] = ()
    if budget.progress and any(p.spent is not None for p in budget.progress):
        by_quarter = tuple(p.spent for p in budget.progress)
    errors = sum(1 for f in report.checks if f.level == ERROR)
    return AgencyFigures(
        pk=agency.pk,
        code=agency.code,
        name=agency.name,
        short_name=agency.short_name,
        objectives=tuple(
            ObjectiveMark(o.code, o.statement, o.capaian, o.predicate) for o in report.objectives
        ),
        capaian=capaian,
        predicate=report.scale.band_for(capaian),
        ceiling=budget.figures.ceiling,
        spent=budget.figures.spent,
        spent_by_quarter=by_quarter,
        entered=tuple(todo_list(report, q).entered for q in (1, 2, 3, 4)),
        indicator_count=len(report.indicators),
        errors=errors,
        warnings=len(report.checks) - errors,
    )


def agency_standing(
    figures: AgencyFigures,
    *,
    quarter: int,
    review_state: str,
    last_change: datetime.datetime | None,
) -> AgencyStanding:
    """The row for a quarter: the realisation to the end of the quarter when the agency types it per quarter,
    else the year's (`ANNUAL`), over the pagu, against the quarter's milestone."""
    if figures.spent_by_quarter:
        spent, basis = figures.spent_by_quarter[quarter - 1], QUARTERLY
    else:
        spent, basis = figures.spent, ANNUAL
    absorption = totals.figures(figures.ceiling, spent).absorption
    milestone = spending.MILESTONES[quarter - 1]
    return AgencyStanding(
        pk=figures.pk,
        code=figures.code,
        name=figures.name,
        short_name=figures.short_name,
        has_report=True,
        objectives=figures.objectives,
        capaian=figures.capaian,
        predicate=figures.predicate,
        ceiling=figures.ceiling,
        spent=spent,
        absorption=absorption,
        basis=basis,
        milestone=milestone,
        milestone_gap=_minus(absorption, milestone),
        entered=figures.entered[quarter - 1],
        indicator_count=figures.indicator_count,
        errors=figures.errors,
        warnings=figures.warnings,
        review_state=review_state,
        last_change=last_change,
    )


def without_report(
    pk: int,
    code: str,
    name: str,
    short_name: str,
    *,
    quarter: int,
    review_state: str,
    last_change: datetime.datetime | None,
) -> AgencyStanding:
    return AgencyStanding(
        pk=pk,
        code=code,
        name=name,
        short_name=short_name,
        has_report=False,
        milestone=spending.MILESTONES[quarter - 1],
        review_state=review_state,
        last_change=last_change,
    )


def pemda_standing(
    rows: Sequence[AgencyStanding], *, year: int, quarter: int, scale: PredicateScale
) -> PemdaStanding:
    """The Pemda's totals over the given rows (the whole Pemda, or the rows a filter shows)."""
    capaian = achievement.objective_capaian(row.capaian for row in rows if row.has_report)
    # Only agencies whose pagu and realisation are both known count towards the Pemda's share.
    known = [(row.ceiling, row.spent) for row in rows if row.ceiling is not None and row.spent is not None]
    ceiling = totals.sum_known(c for c, _ in known)
    spent = totals.sum_known(s for _, s in known)
    absorption = totals.figures(ceiling, spent).absorption
    milestone = spending.MILESTONES[quarter - 1]
    return PemdaStanding(
        year=year,
        quarter=quarter,
        scale=scale,
        rows=tuple(rows),
        capaian=capaian,
        predicate=scale.band_for(capaian),
        ceiling=ceiling,
        spent=spent,
        absorption=absorption,
        milestone=milestone,
        milestone_gap=_minus(absorption, milestone),
        entered=sum(row.entered for row in rows),
        indicator_count=sum(row.indicator_count for row in rows),
        errors=sum(row.errors for row in rows),
        warnings=sum(row.warnings for row in rows),
        states=dict(Counter(row.review_state for row in rows)),
    )


# --- sorting and filtering the rows (the dashboard's column headers and filter form) ---------------------------
SORT_KEYS = ("name", "capaian", "absorption", "gap", "entered", "state", "checks", "changed")
STATE_ORDER = ("draft", "returned", "reopened", "submitted", "resubmitted", "approved")


def _sort_value(row: AgencyStanding, key: str) -> Any:
    """The row's value in the column; None when the row has none (`sorted_rows` puts those last)."""
    return {
        "name": row.label.casefold(),
        "capaian": row.capaian,
        "absorption": row.absorption,
        "gap": row.milestone_gap,
        "entered": row.entered_pct,
        "state": STATE_ORDER.index(row.review_state) if row.review_state in STATE_ORDER else len(STATE_ORDER),
        "checks": (row.errors, row.warnings) if row.has_report else None,
        "changed": row.last_change,
    }[key]


def sorted_rows(
    rows: Sequence[AgencyStanding], key: str, *, descending: bool = False
) -> list[AgencyStanding]:
    """Rows by one column, ties by name; rows without the figure last in either direction."""
    if key not in SORT_KEYS:
        key = "name"
    by_name = sorted(rows, key=lambda r: (r.label.casefold(), r.code))
    known = [r for r in by_name if _sort_value(r, key) is not None]
    missing = [r for r in by_name if _sort_value(r, key) is None]
    return sorted(known, key=lambda r: _sort_value(r, key), reverse=descending) + missing


def filtered_rows(
    rows: Sequence[AgencyStanding],
    *,
    text: str = "",
    state: str = "",
    predicate: str = "",
    behind: bool = False,
) -> list[AgencyStanding]:
    """Rows whose name or code contains `text`, in review `state`, with the agency predicate's key `predicate`
    ("none": no capaian), behind the quarter's milestone."""
    needle = text.strip().casefold()
    out = []
    for row in rows:
        if (
            needle
            and needle not in row.name.casefold()
            and needle not in row.short_name.casefold()
            and (needle not in row.code.casefold())
        ):
            continue
        if state and row.review_state != state:
            continue
        if predicate and (row.predicate.key if row.predicate else "none") != predicate:
            continue
        if behind and row.meets_milestone is not False:
            continue
        out.append(row)
    return out
