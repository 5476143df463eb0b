"""The comparison models of BAB III: each objective indicator's realisation and capaian over N-2..N, and year N's
change against N-1 and N-2 (SPEC §2 (2)). Built once with the document (`document_build`), read by the templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from indicators import achievement
from reports.readmodel.types import Figures, IndicatorRow, Report


def comparison_years(year: int) -> tuple[int, int, int]:
    """The years of the comparison table: N-2, N-1, N."""
    return (year - 2, year - 1, year)


@dataclass(frozen=True)
class Change:
    year: int
    difference: Decimal | None
    trend: str | None


@dataclass(frozen=True)
class Comparison:
    years: tuple[int, ...]  # N-2, N-1, N
    figures: tuple[Figures, ...]  # of those years
    changes: tuple[Change, ...]  # year N against N-1, then against N-2
    # The unit of a year whose figure is in another unit than year N's ("" for the others): printed beside it.
    other_units: tuple[str, ...] = ("", "", "")

    @property
    def realisations(self) -> tuple[tuple[Figures, str], ...]:
        """Each year's figures with the other unit they are in ("" when year N's)."""
        return tuple(zip(self.figures, self.other_units, strict=True))


def comparison_of(indicator: IndicatorRow, year: int) -> Comparison:
    """Realisation and capaian of years N-2..N, and year N's change against N-1 and N-2 (SPEC §2 (2)).

    A year whose figure is in another unit than year N's (800 produk against 3,27 %) has no change: a difference
    across units means nothing."""
    years = comparison_years(year)
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
        for y in (year - 1, year - 2)
    )
    other_units = tuple(indicator.unit_of(y) if indicator.unit_of(y) != unit else "" for y in years)
    return Comparison(years, figures, changes, other_units)


def comparisons(report: Report) -> dict[str, Comparison]:
    """The comparison of every objective indicator, by indicator code."""
    return {i.code: comparison_of(i, report.year) for o in report.objectives for i in o.indicators}


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
