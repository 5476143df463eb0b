"""Charts of the LKjIP report as inline SVG, drawn on the server so the HTML page and the PDF are identical.

Pure functions: figures in (the `Decimal` values of the report object), SVG text out; no ORM, no pyplot.
The report's charts (trend, capaian, budget) are written directly as SVG by the kernel's `sakip.svg.Drawing`,
with matplotlib's geometry and only its tick locator and font metrics. The output is deterministic (same data →
same bytes), see `sakip/svg.py`.

Text stays text in DejaVu Sans, the font of the HTML page and of the PDF, and every figure printed on a chart
goes through `sakip.numbers` so it reads as in the tables ("1.715", "103,32 %")."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from matplotlib.ticker import MaxNLocator

from sakip.numbers import EMPTY, NBSP, format_number, format_percent
from sakip.svg import (
    ASCENT,
    DESCENT,
    LABEL_PAD,
    PT,
    REALISATION_COLOUR,
    TARGET_COLOUR,
    TEXT_COLOUR,
    TICK,
    TICK_PAD,
    Drawing,
    figure_label,
    memoised,
    position,
    svg_element,
    text_cm,
    tick_text,
    tick_values,
    title_cm,
    wrap,
)

if TYPE_CHECKING:  # only annotations name the report object: charts stay importable without the ORM
    from indicators.predicates import PredicateScale
    from reports.readmodel.types import IndicatorRow, Report

__all__ = [
    "budget_chart",
    "capaian_chart",
    "objective_trend_charts",
    "report_budget_chart",
    "report_capaian_chart",
    "trend_chart",
]

BILLION = Decimal(10) ** 9
LEGEND_CM = 0.55  # the height of a one-row legend below a chart's tick labels


# --- charts --------------------------------------------------------------------------------------------------
@memoised
def trend_chart(
    series: Sequence[tuple[str, Decimal | None, Decimal | None]], *, title: str, unit: str
) -> str:
    """Target beside realisation for each year (N-2, N-1, N) of one indicator: grouped vertical bars.

    `series` holds (year label, target, realisation). A missing figure (None) draws no bar and is labelled
    "–". Figures must be numbers: grade indicators (target or realisation "B") have no axis to plot on, so
    callers leave them out (as `objective_trend_charts` does).
    """
    known = [position(v) for _label, t, r in series for v in (t, r) if v is not None]
    top = max([0.0, *known]) * 1.18 or 1.0  # room for the value labels above the highest bar
    ticks = tick_values(MaxNLocator(5), top)
    tick_labels = [tick_text(t) for t in ticks]
    legend = [(_("Target"), TARGET_COLOUR), (_("Realisasi"), REALISATION_COLOUR)]
    chart = Drawing(
        6.5,
        left=text_cm(tick_labels, 8) + (0.95 if unit else 0.5),
        right=text_cm([label for label, _c in legend], 8) + 1.5,
        top=title_cm(title, 6),
        bottom=0.75,
    )
    low, high = -0.6, len(series) - 0.4

    def up(value: float) -> float:
        return chart.y(value, 0, top)

    chart.frame(grid="y", ticks=ticks, at=up)
    width = 0.38
    description = []
    labels = []
    for k, (label, target, realisation) in enumerate(series):
        for offset, value, colour in (
            (-width / 2, target, TARGET_COLOUR),
            (width / 2, realisation, REALISATION_COLOUR),
        ):
            x = k + offset
            if value is not None:
                chart.rect(
                    chart.x(x - width / 2, low, high),
                    up(0),
                    chart.x(x + width / 2, low, high),
                    up(position(value)),
                    colour,
                )
            # The figure is printed above its bar (or on the axis when absent), as in the report's table.
            height = position(value) if value is not None and value > 0 else 0
            labels.append((chart.x(x, low, high), up(height) - 2, figure_label(value, unit)))
        description.append(
            f"{label}: {_('Target')} {figure_label(target, unit)}, "
            f"{_('Realisasi')} {figure_label(realisation, unit)}"
        )
    chart.spines()
    for k, (label, _t, _r) in enumerate(series):
        x = chart.x(k, low, high)
        chart.line(x, chart.bottom, x, chart.bottom + TICK, TEXT_COLOUR, 0.8)
        chart.lines(x, chart.bottom + TICK + TICK_PAD, label, 8, "middle", "top")
    for t, text in zip(ticks, tick_labels, strict=True):
        chart.lines(chart.left - TICK - TICK_PAD, up(t), text, 8, "end", "center")
    if unit:
        x = chart.left - TICK - TICK_PAD - text_cm(tick_labels, 8) * PT - LABEL_PAD - DESCENT * 8
        chart.text(x, (chart.top + chart.bottom) / 2, unit, 8, "middle", rotate=-90)
    for x, y, text in labels:
        chart.lines(x, y, text, 7, "middle", "bottom")
    chart.title(title, 6)
    chart.legend(legend, x=chart.right + 0.01 * (chart.right - chart.left), y=chart.top, columns=1)
    return svg_element(chart, title, description)


@memoised
def capaian_chart(rows: Sequence[tuple[str, Decimal | None]], *, title: str, scale: PredicateScale) -> str:
    """Capaian % per sasaran or indicator as horizontal bars, with the 100 % line (target met).

    Each bar takes the colour of its predicate band on `scale` (the report's scale: the colours of the badges in
    the tables), and a legend below the plot lists every band of the scale, best first. An unknown capaian
    (None) has no bar and reads "–".
    """
    codes = [code for code, _c in rows]
    known = [position(c) for _code, c in rows if c is not None]
    high = max([100.0, *known]) * 1.18
    ticks = tick_values(MaxNLocator(6, steps=[1, 2.5, 5, 10]), high)  # steps that land on 100 %
    legend = [(band.label, band.colour) for band in scale.bands]
    chart = Drawing(
        2.2 + LEGEND_CM + 0.65 * max(len(rows), 1),
        left=text_cm(codes, 8) + 0.45,
        right=0.3,
        top=title_cm(title, 14),
        bottom=0.75 + LEGEND_CM,
    )
    n = max(len(rows), 1)

    def across(value: float) -> float:
        return chart.x(value, 0, high)

    chart.frame(grid="x", ticks=ticks, at=across)
    description = []
    labels = []
    for k, (code, capaian) in enumerate(rows):
        band = scale.band_for(capaian)
        if capaian is not None:
            colour = band.colour if band is not None else TARGET_COLOUR
            chart.rect(
                across(0), chart.row(k - 0.3, n), across(position(capaian)), chart.row(k + 0.3, n), colour
            )
        text = format_percent(capaian)
        labels.append((across(max(position(capaian), 0)) + 3, chart.row(k, n), text))
        description.append(f"{code}: {text}" + (f" ({band.label})" if band is not None else ""))
    reference = across(100)
    chart.line(
        reference,
        chart.bottom,
        reference,
        chart.top,
        TEXT_COLOUR,  # not the red of a failing band: the line is the target, not a predicate
        0.8,
        ' stroke-dasharray="2.96,1.28" stroke-dashoffset="0"',
    )
    chart.spines()
    for t in ticks:
        chart.lines(across(t), chart.bottom + TICK + TICK_PAD, tick_text(t, f"{NBSP}%"), 8, "middle", "top")
    for k, code in enumerate(codes):
        chart.line(chart.left, chart.row(k, n), chart.left - TICK, chart.row(k, n), TEXT_COLOUR, 0.8)
        chart.lines(chart.left - TICK - TICK_PAD, chart.row(k, n), code, 8, "end", "center")
    for x, y, text in labels:
        chart.text(x, y + (ASCENT + DESCENT) / 2 * 7 - DESCENT * 7, text, 7)
    label_y = chart.top - 2 - DESCENT * 7
    chart.text(reference, label_y, format_percent(100, 0), 7, "middle", TEXT_COLOUR)
    chart.title(title, 14)
    # Below the tick labels, right: one row of the scale's bands (the reader's key to the bar colours).
    chart.legend(legend, x=chart.right, y=chart.height, columns=len(legend))
    legend_text = ", ".join(f"{band.label} {band.range_label}" for band in scale.bands)
    description.append(
        _("Warna batang: predikat %(scale)s (%(bands)s)") % {"scale": scale.name, "bands": legend_text}
    )
    return svg_element(chart, title, description)


def _billions(value: Decimal | None) -> Decimal | None:
    return value / BILLION if value is not None else None


def _rupiah_billions(value: Decimal | None) -> str:
    """An amount in miliar, as LKjIP summaries print large sums: "Rp 11,82 M"; None → "–"."""
    if value is None:
        return EMPTY
    return f"Rp{NBSP}{format_number(_billions(value), 2)}{NBSP}M"


@memoised
def budget_chart(rows: Sequence[tuple[str, Decimal | None, Decimal | None]], *, title: str) -> str:
    """Pagu beside realisasi per program: horizontal grouped bars, amounts in miliar rupiah ("Rp 11,82 M").

    `rows` holds (label, pagu, realisasi); a missing amount (None) has no bar and reads "–".
    """
    labels = [wrap(label) for label, _c, _s in rows]
    known = [position(_billions(v)) for _label, c, s in rows for v in (c, s) if v is not None]
    high = max([0.0, *known]) * 1.22 or 1
    ticks = tick_values(MaxNLocator(5), high)
    chart = Drawing(
        2.6 + 1.05 * max(len(rows), 1),
        left=text_cm(labels, 7) + 0.45,
        right=0.3,
        top=title_cm(title, 20),  # the legend sits between the title and the plot
        bottom=1.2,
    )
    n = max(len(rows), 1)

    def across(value: float) -> float:
        return chart.x(value, 0, high)

    chart.frame(grid="x", ticks=ticks, at=across)
    height = 0.36
    description = []
    amounts = []
    for k, (label, ceiling, spent) in enumerate(rows):
        for offset, value, colour in (
            (-height / 2, ceiling, TARGET_COLOUR),
            (height / 2, spent, REALISATION_COLOUR),
        ):
            middle = k + offset
            if value is not None:
                chart.rect(
                    across(0),
                    chart.row(middle - height / 2, n),
                    across(position(_billions(value))),
                    chart.row(middle + height / 2, n),
                    colour,
                )
            x = across(max(position(_billions(value)), 0)) + 3
            amounts.append((x, chart.row(middle, n), _rupiah_billions(value)))
        description.append(
            f"{label}: {_('Pagu')} {_rupiah_billions(ceiling)}, {_('Realisasi')} {_rupiah_billions(spent)}"
        )
    chart.spines()
    for t in ticks:
        text = f"Rp{NBSP}{tick_text(t)}{NBSP}M" if t else "0"
        chart.lines(across(t), chart.bottom + TICK + TICK_PAD, text, 8, "middle", "top")
    axis_label_top = chart.bottom + TICK + TICK_PAD + (ASCENT + DESCENT) * 8 + LABEL_PAD
    chart.lines((chart.left + chart.right) / 2, axis_label_top, _("miliar rupiah"), 8, "middle", "top")
    for k, label in enumerate(labels):
        chart.line(chart.left, chart.row(k, n), chart.left - TICK, chart.row(k, n), TEXT_COLOUR, 0.8)
        chart.lines(chart.left - TICK - TICK_PAD, chart.row(k, n), label, 7, "end", "center")
    for x, y, text in amounts:
        chart.text(x, y + (ASCENT + DESCENT) / 2 * 6.5 - DESCENT * 6.5, text, 6.5)
    chart.title(title, 20)
    # Above the plot, right: long bars of the first programs would run under a legend inside it.
    chart.legend(
        [(_("Pagu"), TARGET_COLOUR), (_("Realisasi"), REALISATION_COLOUR)],
        x=chart.right,
        y=chart.top,
        columns=2,
    )
    return svg_element(chart, title, description)


# --- the report's charts -------------------------------------------------------------------------------------
def _trend_series(
    indicator: IndicatorRow, year: int
) -> list[tuple[str, Decimal | None, Decimal | None]] | None:
    """(year, target, realisation) of N-2..N for an indicator with at least one figure and no letter grade among
    them (grades have no axis); None for any other. One loop both tests the figures and keeps them, so the
    series is known to hold numbers only."""
    if indicator.kind == "grade":
        return None
    years = {**indicator.history, year: indicator.current}
    series = []
    for y in sorted(years):
        target, realisation = years[y].target, years[y].realisation
        if indicator.unit_of(y) != indicator.unit_of(year):
            # Another unit (800 produk on a % axis): the series is broken there, not drawn as 800 %.
            target = realisation = None
        if isinstance(target, str) or isinstance(realisation, str):
            return None
        series.append((str(y), target, realisation))
    if all(target is None and realisation is None for _year, target, realisation in series):
        return None
    return series


def objective_trend_charts(report: Report) -> dict[str, str]:
    """The N-2..N chart of each objective indicator with numbers, keyed by indicator code, in report order."""
    charts = {}
    for objective in report.objectives:
        for indicator in objective.indicators:
            series = _trend_series(indicator, report.year)
            if series is None:
                continue
            title = f"{indicator.code} {indicator.name}"
            charts[indicator.code] = trend_chart(series, title=title, unit=indicator.unit_of(report.year))
    return charts


def report_capaian_chart(report: Report) -> str:
    """Capaian of every objective indicator in year N."""
    rows = [(i.code, i.capaian) for o in report.objectives for i in o.indicators]
    title = _("Capaian kinerja sasaran tahun %(year)s") % {"year": report.year}
    return capaian_chart(rows, title=title, scale=report.scale)


def report_budget_chart(report: Report) -> str:
    """Pagu and realisasi of each program in year N."""
    rows = [(f"{p.code} {p.name}", p.figures.ceiling, p.figures.spent) for p in report.budget.children]
    return budget_chart(
        rows, title=_("Pagu dan realisasi anggaran per program tahun %(year)s") % {"year": report.year}
    )


def clear_caches() -> None:
    """Forget memoised charts (tests that must draw twice to prove determinism)."""
    for chart in (trend_chart, capaian_chart, budget_chart):
        chart.cache_clear()
