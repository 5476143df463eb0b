"""The comparison models of BAB III: each objective indicator's realisation and capaian over N-2..N, and year N's
change against N-1 and N-2 (SPEC §2 (2)). Built once with the document (`document_build`), read by the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from indicators import achievement
from reports.readmodel.types import Figures, IndicatorRow, Report


def comparison_years(year: int) -> tuple[int, int, int]:
    """The years of the short comparison: N-2, N-1, N (the report's own are `Report.series_years`)."""
    return (year - 2, year - 1, year)


@dataclass(frozen=True)
class Change:
    year: int
    difference: Decimal | None
    trend: str | None


@dataclass(frozen=True)
class ComparisonRow:
    """One year of the comparison table: its target, realisation and capaian, and year N's change against it
    (None on year N's own row)."""

    year: int
    figures: Figures
    change: Change | None
    other_unit: str = ""  # the year's own unit when it is not year N's (its figure is not compared)


@dataclass(frozen=True)
class Comparison:
    years: tuple[int, ...]  # the report's series: N-2..N, or since the Renstra's first year
    figures: tuple[Figures, ...]  # of those years
    changes: tuple[Change, ...]  # year N against each earlier year, the latest first
    # The unit of a year whose figure is in another unit than year N's ("" for the others): printed beside it.
    other_units: tuple[str, ...] = ()

    @property
    def rows(self) -> tuple[ComparisonRow, ...]:
        by_year = {c.year: c for c in self.changes}
        units = self.other_units or ("",) * len(self.years)
        return tuple(
            ComparisonRow(y, f, by_year.get(y), unit)
            for y, f, unit in zip(self.years, self.figures, units, strict=True)
        )


def comparison_of(indicator: IndicatorRow, year: int, years: tuple[int, ...] | None = None) -> Comparison:
    """Target, realisation and capaian of each year of the series (N-2..N unless `years` says otherwise), and
    year N's change against every earlier year (SPEC §2 (2)).

    A year whose figure is in another unit than year N's (800 produk against 3,27 %) has no change: a difference
    across units means nothing."""
    years = years or comparison_years(year)
    by_year = {**indicator.history, year: indicator.current}
    empty = type(indicator.current)(None, None, None)
    figures = tuple(by_year.get(y, empty) for y in years)
    current = indicator.current.realisation
    unit = indicator.unit_of(year)
    changes = tuple(
        Change(y, None, None)
        if indicator.unit_of(y) != unit
        else Change(
            y,
            achievement.difference(current, by_year.get(y, empty).realisation),
            achievement.trend(current, by_year.get(y, empty).realisation),
        )
        for y in sorted((y for y in years if y < year), reverse=True)
    )
    other_units = tuple(indicator.unit_of(y) if indicator.unit_of(y) != unit else "" for y in years)
    return Comparison(tuple(years), figures, changes, other_units)


def comparisons(report: Report) -> dict[str, Comparison]:
    """The comparison of every objective indicator over the report's series years, by indicator code."""
    years = report.series_years or comparison_years(report.year)
    return {i.code: comparison_of(i, report.year, years) for o in report.objectives for i in o.indicators}


# The analysis items of a sasaran (indicators.ObjectiveNote) as BAB III prints them: the causes with analysis c
# (PermenPAN-RB 53/2014, analysis 5), the programs and the work without APBD money with analysis e (analysis 7).
CAUSE_NOTES = (
    ("success", "Faktor pendorong keberhasilan"),
    ("obstacle", "Kendala / hambatan"),
    ("solution", "Solusi / langkah antisipatif"),
    ("follow_up", "Rencana tindak lanjut"),
)
PROGRAM_NOTES = (
    ("supporting", "Program yang mendukung keberhasilan"),
    ("hindering", "Program yang menghambat"),
    ("non_apbd", "Kegiatan tanpa dana APBD (CSR, mitra)"),
)
