"""The Ringkasan's trends (issue 19, point 7): each sasaran's capaian over the Renstra's years, and the agency's
budget absorption per quarter against the national milestones.

Pure: the report object's figures in, rows out; no query and no rounding of a figure (only the chart geometry is
rounded, to hundredths of a drawing unit). None means "cannot be computed" and is never drawn or counted as 0.

- Years: every year of the Renstra covering the selected year, first to last (`trend_years`).
- A sasaran's capaian of a year is `achievement.objective_capaian` of its indicators' capaian of that year, the
  very mean the LKjIP of that year prints (`readmodel/build.py`); each indicator's figures of a year come from
  `IndicatorRow.plan_years` (`report_build(plan_years=True)`), which the builder computes as that year's own
  report does. A year where no indicator of the sasaran has a realisation is "belum ada" (`NO_DATA`), one with a
  realisation but no capaian (no target, say) cannot be computed (`UNMEASURED`).
- The quarters are `budgets.spending.progress` of the agency's total (`BudgetRow.progress`): cumulative
  realisation as % of the pagu, its gap to `spending.MILESTONES` (15/40/60/90 %), and whether it meets it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from budgets import spending
from indicators import achievement
from indicators.predicates import Band, PredicateScale
from reports.readmodel.types import Figures, Report

__all__ = [
    "BEHIND",
    "MEASURED",
    "MET",
    "NO_DATA",
    "UNMEASURED",
    "Bar",
    "ObjectiveTrend",
    "QuarterAbsorption",
    "Trends",
    "YearCapaian",
    "absorption_bars",
    "objective_trend",
    "objective_trends",
    "quarter_absorption",
    "report_trends",
    "spark_bars",
    "trend_years",
    "year_capaian",
]

MEASURED = "measured"  # the sasaran has a capaian that year
UNMEASURED = "unmeasured"  # some indicator has a realisation, but no capaian can be computed (no target, …)
NO_DATA = "none"  # no indicator of the sasaran has a realisation that year: "belum ada"

MET = "met"  # cumulative absorption at or above the quarter's milestone
BEHIND = "behind"  # below it

QUARTER_NUMERALS = ("I", "II", "III", "IV")
HUNDRED = Decimal(100)
NO_FIGURES = Figures(None, None, None)
NEUTRAL_COLOUR = "#8c959f"  # a bar without a predicate band (sakip.svg's target grey)
MET_COLOUR = "#1a7f37"  # the "met" green and "missed" red of the predicate bands (WCAG AA on white)
BEHIND_COLOUR = "#cf222e"


def trend_years(start_year: int, end_year: int) -> tuple[int, ...]:
    """Every year of the Renstra period, first to last (the selected year is one of them)."""
    if end_year < start_year:
        raise ValueError(
            f"Periode Renstra {start_year}–{end_year} tidak sah. / Invalid Renstra period {start_year}–{end_year}."
        )
    return tuple(range(start_year, end_year + 1))


# --- capaian per sasaran and year ---------------------------------------------------------------------------
@dataclass(frozen=True)
class YearCapaian:
    year: int
    capaian: Decimal | None  # the sasaran's mean capaian that year (None: cannot be computed)
    state: str  # MEASURED | UNMEASURED | NO_DATA
    band: Band | None  # the predicate of `capaian` on the report's scale
    selected: bool  # the year the page shows


def year_capaian(figures: Sequence[Figures], *, cap: Decimal | None = None) -> tuple[Decimal | None, str]:
    """The sasaran's capaian of one year from its indicators' figures of that year, and its state: the LKjIP's
    mean (`achievement.objective_capaian`, with the Pemda's cap per indicator), else UNMEASURED when some
    indicator has a realisation, else NO_DATA."""
    capaian = achievement.objective_capaian((f.capaian for f in figures), cap=cap)
    if capaian is not None:
        return capaian, MEASURED
    if any(f.realisation is not None for f in figures):
        return None, UNMEASURED
    return None, NO_DATA


@dataclass(frozen=True)
class Bar:
    """One bar of a chart, in drawing units (y downwards, as SVG): its year or quarter, box and fill; `drawn` is
    False where there is no figure (the chart marks the slot on the baseline only). `emphasis`: the selected
    year's bar; `mark`: the y of a reference drawn across the bar (the quarter's milestone)."""

    key: int
    x: Decimal
    y: Decimal
    width: Decimal
    height: Decimal
    colour: str
    drawn: bool
    emphasis: bool = False
    mark: Decimal | None = None

    @property
    def centre(self) -> Decimal:
        return self.x + self.width / 2

    @property
    def right(self) -> Decimal:
        return self.x + self.width


@dataclass(frozen=True)
class ObjectiveTrend:
    code: str
    statement: str
    years: tuple[YearCapaian, ...]
    bars: tuple[Bar, ...]  # the sparkline (`spark_bars`)
    reference_y: Decimal  # where 100 % lies on it


def objective_trend(
    code: str,
    statement: str,
    indicators: Sequence[Mapping[int, Figures]],
    years: Sequence[int],
    *,
    selected: int,
    scale: PredicateScale,
    cap: Decimal | None = None,
) -> ObjectiveTrend:
    """A sasaran's capaian over `years` from each of its indicators' figures by year (a year an indicator lacks
    counts as nothing entered)."""
    cells = []
    for year in years:
        capaian, state = year_capaian([i.get(year, NO_FIGURES) for i in indicators], cap=cap)
        cells.append(YearCapaian(year, capaian, state, scale.band_for(capaian), year == selected))
    bars, reference = spark_bars(cells)
    return ObjectiveTrend(code, statement, tuple(cells), bars, reference)


def objective_trends(report: Report) -> tuple[ObjectiveTrend, ...]:
    """Every sasaran of the report over its Renstra's years. The report must be built with `plan_years=True`;
    year N is the indicators' `current` figures, so its capaian is the report's own `ObjectiveRow.capaian`.
    A report built without them is refused: its other years would read as "belum ada"."""
    indicators = [i for o in report.objectives for i in o.indicators]
    if indicators and not any(i.plan_years for i in indicators):
        raise ValueError(
            "Laporan dibangun tanpa tahun-tahun Renstra (plan_years=True). / "
            "The report was built without the Renstra's years (plan_years=True)."
        )
    years = trend_years(report.plan.start_year, report.plan.end_year)
    return tuple(
        objective_trend(
            objective.code,
            objective.statement,
            [{**i.plan_years, report.year: i.current} for i in objective.indicators],
            years,
            selected=report.year,
            scale=report.scale,
            cap=report.government.objective_cap,
        )
        for objective in report.objectives
    )


# --- chart geometry -----------------------------------------------------------------------------------------
SPARK_WIDTH = Decimal(120)
SPARK_HEIGHT = Decimal(32)
CHART_WIDTH = Decimal(240)
CHART_HEIGHT = Decimal(120)
CHART_LABELS = Decimal(14)  # the band under the quarter chart's bars for its labels
TOP_MARGIN = Decimal(2)
CENTI = Decimal("0.01")


def _unit(value: Decimal) -> Decimal:
    return value.quantize(CENTI, rounding=ROUND_HALF_UP)


def _ceiling(values: Sequence[Decimal | None]) -> Decimal:
    """The value a chart's full height stands for: 100, or the largest value above it."""
    return max([HUNDRED, *(v for v in values if v is not None)])


def _bars(
    values: Sequence[tuple[int, Decimal | None, str]],
    *,
    emphasis: int | None = None,
    width: Decimal,
    baseline: Decimal,
    top: Decimal,
    ceiling: Decimal,
) -> tuple[Bar, ...]:
    """Bars of (key, value, colour) in equal slots across `width`, standing on `baseline`, `ceiling` reaching
    `top`; the bar of key `emphasis` is marked. A value below zero draws as nothing above the baseline; None is
    not drawn."""
    room = baseline - top
    slot = width / len(values) if values else width
    bars = []
    for k, (key, value, colour) in enumerate(values):
        height = room * max(value, Decimal(0)) / ceiling if value is not None else Decimal(0)
        bars.append(
            Bar(
                key=key,
                x=_unit(slot * k + slot * Decimal("0.15")),
                y=_unit(baseline - height),
                width=_unit(slot * Decimal("0.7")),
                height=_unit(height),
                colour=colour,
                drawn=value is not None,
                emphasis=key == emphasis,
            )
        )
    return tuple(bars)


def _level(value: Decimal, *, baseline: Decimal, top: Decimal, ceiling: Decimal) -> Decimal:
    """The y of a value on a chart scaled by `_bars`."""
    return _unit(baseline - (baseline - top) * value / ceiling)


def spark_bars(cells: Sequence[YearCapaian]) -> tuple[tuple[Bar, ...], Decimal]:
    """The sparkline of a sasaran on SPARK_WIDTH × SPARK_HEIGHT: a bar per year in its predicate's colour, and
    the y of 100 % (the target)."""
    ceiling = _ceiling([c.capaian for c in cells])
    bars = _bars(
        [(c.year, c.capaian, c.band.colour if c.band else NEUTRAL_COLOUR) for c in cells],
        emphasis=next((c.year for c in cells if c.selected), None),
        width=SPARK_WIDTH,
        baseline=SPARK_HEIGHT,
        top=TOP_MARGIN,
        ceiling=ceiling,
    )
    return bars, _level(HUNDRED, baseline=SPARK_HEIGHT, top=TOP_MARGIN, ceiling=ceiling)


# --- absorption per quarter ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuarterAbsorption:
    quarter: int
    milestone: Decimal  # the share of the pagu to be absorbed by the quarter's end (spending.MILESTONES)
    absorption: Decimal | None  # cumulative realisation as % of the pagu
    gap: Decimal | None  # absorption − milestone, in points: below zero, behind the milestone
    status: str | None  # MET | BEHIND; None when the absorption is unknown

    @property
    def label(self) -> str:
        """ "TW I" … "TW IV", as the reports name the quarters."""
        return f"TW {QUARTER_NUMERALS[self.quarter - 1]}"


def quarter_absorption(progress: Sequence[spending.QuarterProgress]) -> tuple[QuarterAbsorption, ...]:
    """The four quarters of the budget's progress (`spending.progress`) as absorption against the milestones;
    without any progress (no budget row), four unknown quarters."""
    if not progress:
        unknown = (None, None, None, None)
        progress = spending.progress(None, unknown, unknown, unknown)
    out = []
    for q in progress:
        met = q.meets_milestone
        out.append(
            QuarterAbsorption(
                q.quarter,
                q.milestone,
                q.financial_pct,
                q.milestone_gap,
                None if met is None else MET if met else BEHIND,
            )
        )
    return tuple(out)


def absorption_bars(quarters: Sequence[QuarterAbsorption]) -> tuple[Bar, ...]:
    """The quarter chart on CHART_WIDTH × CHART_HEIGHT (labels in the CHART_LABELS band under the bars): a bar
    per quarter's absorption, green when it meets the milestone and red when behind, the milestone marked across
    it. Bars and milestones share one scale: 100 %, or the largest absorption above it."""
    baseline = CHART_HEIGHT - CHART_LABELS
    ceiling = _ceiling([q.absorption for q in quarters])
    bars = _bars(
        [(q.quarter, q.absorption, MET_COLOUR if q.status == MET else BEHIND_COLOUR) for q in quarters],
        width=CHART_WIDTH,
        baseline=baseline,
        top=TOP_MARGIN,
        ceiling=ceiling,
    )
    return tuple(
        replace(bar, mark=_level(q.milestone, baseline=baseline, top=TOP_MARGIN, ceiling=ceiling))
        for bar, q in zip(bars, quarters, strict=True)
    )


# --- the Ringkasan's two trends -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Trends:
    years: tuple[int, ...]  # the Renstra's years, first to last
    selected: int
    objectives: tuple[ObjectiveTrend, ...]
    quarters: tuple[QuarterAbsorption, ...]  # of the selected year
    quarter_bars: tuple[Bar, ...]
    # The charts' drawing sizes, for their viewBox.
    spark_width: Decimal = SPARK_WIDTH
    spark_height: Decimal = SPARK_HEIGHT
    chart_width: Decimal = CHART_WIDTH
    chart_height: Decimal = CHART_HEIGHT

    @property
    def chart_baseline(self) -> Decimal:
        return CHART_HEIGHT - CHART_LABELS

    @property
    def quarter_chart(self) -> tuple[tuple[QuarterAbsorption, Bar], ...]:
        """Each quarter with its bar, for the chart's labels."""
        return tuple(zip(self.quarters, self.quarter_bars, strict=True))

    @property
    def has_absorption(self) -> bool:
        """Whether any quarter's absorption is known (else the chart is left out)."""
        return any(q.absorption is not None for q in self.quarters)


def report_trends(report: Report) -> Trends:
    """Both trends of a report built with `plan_years=True`: the sasaran over the Renstra's years and the
    selected year's absorption per quarter (the agency's total, `Report.budget`)."""
    quarters = quarter_absorption(report.budget.progress)
    return Trends(
        years=trend_years(report.plan.start_year, report.plan.end_year),
        selected=report.year,
        objectives=objective_trends(report),
        quarters=quarters,
        quarter_bars=absorption_bars(quarters),
    )
