"""Charts of the LKjIP report as inline SVG, drawn on the server so the HTML page and the PDF are identical.

Pure functions: figures in (the `Decimal` values of the report object), SVG text out; no ORM, no pyplot.
Each chart is an explicit `Figure` rendered by matplotlib's SVG backend, so concurrent requests in a web
server share no drawing state. The output is deterministic (same data → same bytes): fixed hash salt for
the ids matplotlib derives, no date in the metadata, ids prefixed by a digest of the chart itself.

Text stays text (`svg.fonttype = "none"`) in DejaVu Sans, the font of the HTML page and of the PDF, and every
figure printed on a chart goes through `sakip.numbers` so it reads as in the tables ("1.715", "103,32 %").
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import textwrap
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape

import matplotlib
from django.utils.translation import gettext as _
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch
from matplotlib.textpath import text_to_path
from matplotlib.ticker import FuncFormatter, MaxNLocator

from sakip.numbers import EMPTY, NBSP, format_number, format_percent

__all__ = [
    "budget_chart",
    "capaian_chart",
    "objective_trend_charts",
    "report_budget_chart",
    "report_capaian_chart",
    "trend_chart",
]

FONT = "DejaVu Sans"
TARGET_COLOUR = "#8c959f"
REALISATION_COLOUR = "#0969da"
MET_COLOUR = "#1a7f37"  # capaian of 100 % or more
REFERENCE_COLOUR = "#cf222e"
TEXT_COLOUR = "#1f2328"
GRID_COLOUR = "#d0d7de"

CM = 1 / 2.54  # matplotlib sizes figures in inches
WIDTH_CM = 16  # the text width of an A4 portrait page with 2,5 cm margins
BILLION = Decimal(10) ** 9

# These settings are read from the process-wide rcParams at save time and cannot be passed per figure.
# They are set once at import and never changed: `rc_context` would mutate the same global dict and is not
# safe with concurrent requests.
matplotlib.rcParams.update(
    {
        "svg.hashsalt": "sakip-lkjip",
        "svg.fonttype": "none",
        "font.family": FONT,
        "font.size": 8,
        "axes.titlesize": 9,
        "axes.edgecolor": GRID_COLOUR,
        "text.color": TEXT_COLOUR,
        "axes.labelcolor": TEXT_COLOUR,
        "xtick.color": TEXT_COLOUR,
        "ytick.color": TEXT_COLOUR,
    }
)

# Nothing in the metadata block varies with the data; leaving it out keeps the inlined SVG small.
_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


# --- helpers -------------------------------------------------------------------------------------------------
def _position(value: Decimal | None) -> float:
    """A figure as a plotting coordinate. The only Decimal → float conversion: positions on the drawing,
    never a number that is printed (labels are formatted from the Decimal itself)."""
    return float(value) if value is not None else 0.0


def _places(value: Decimal) -> int:
    """Whole numbers print without decimals ("1.715"), others with two ("22,73")."""
    return 0 if value == value.to_integral_value() else 2


def _figure_label(value: Decimal | None, unit: str) -> str:
    if value is None:
        return EMPTY
    if unit.strip() == "%":
        return format_percent(value, _places(value))
    return format_number(value, _places(value))


def _tick_formatter(scale: Callable[[float], str]) -> FuncFormatter:
    return FuncFormatter(lambda x, _pos: scale(x))


def _tick_text(x: float, suffix: str = "") -> str:
    # Tick positions are floats chosen by the locator (0.25, 0.30000000000000004): rounded away from binary
    # noise, printed with as many decimals as they have (at most two).
    value = Decimal(repr(round(float(x), 6))).normalize()
    places = min(max(-value.as_tuple().exponent, 0), 2)
    return f"{format_number(value, places)}{suffix}"


def _wrap(label: str, width: int = 38, lines: int = 2) -> str:
    return "\n".join(textwrap.wrap(label, width, max_lines=lines, placeholder=" …")) or label


def _legend(reference: str, actual: str) -> list[Patch]:
    return [Patch(color=TARGET_COLOUR, label=reference), Patch(color=REALISATION_COLOUR, label=actual)]


def _text_cm(texts: Sequence[str], size: float) -> float:
    """Width of the widest line of `texts` in DejaVu Sans at `size` points, in cm (measured from the font
    outlines, without drawing)."""
    font = FontProperties(family=FONT, size=size)
    widths = [
        text_to_path.get_text_width_height_descent(line, font, ismath=False)[0]
        for text in texts
        for line in text.split("\n")
    ]
    return max(widths, default=0) / 72 * 2.54


def _figure(height_cm: float) -> tuple[Figure, object]:
    figure = Figure(figsize=(WIDTH_CM * CM, height_cm * CM))
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_axisbelow(True)
    return figure, axes


def _place(figure: Figure, *, left: float, right: float, top: float, bottom: float) -> None:
    """Margins around the plot in cm, from measured labels. A layout engine (constrained / tight) would find
    them too, but costs a second full draw: half the rendering time of a chart."""
    width, height = figure.get_size_inches() / CM
    figure.subplots_adjust(
        left=left / width, right=1 - right / width, top=1 - top / height, bottom=bottom / height
    )


def _title(axes, title: str, pad: float = 6) -> float:
    """Draw the title above the plot (left-aligned); returns the height it takes in cm."""
    wrapped = _wrap(title, 80, 2)
    axes.set_title(wrapped, loc="left", pad=pad)
    return 0.4 * (wrapped.count("\n") + 1) + pad / 72 * 2.54 + 0.15


def _ticks(locator: MaxNLocator, top: float) -> list[float]:
    return [t for t in locator.tick_values(0, top) if 0 <= t <= top]


def _svg(figure: Figure, title: str, description: Sequence[str]) -> str:
    """The figure as an SVG element ready to inline in HTML: no XML declaration or DOCTYPE, a <title> and
    <desc> for screen readers, size in mm, ids unique to this chart (a report inlines several)."""
    buffer = io.StringIO()
    try:
        figure.savefig(buffer, format="svg", metadata=_METADATA)
    finally:
        # No pyplot manager holds this figure: clearing it is all "closing" takes; it is then collected.
        figure.clear()
    text = buffer.getvalue()
    text = text[text.index("<svg") :]

    def points_to_mm(match: re.Match) -> str:
        return f'{match[1]}="{Decimal(match[2]) * Decimal("0.352778"):.1f}mm"'

    start, end = text.index("<svg"), text.index(">", text.index("<svg"))
    opening = re.sub(r'(width|height)="([0-9.]+)pt"', points_to_mm, text[start:end])
    opening += ' role="img" class="sakip-chart"'
    text = f"{opening}>\n <title>{escape(title)}</title>\n <desc>{escape('; '.join(description))}</desc>{text[end + 1 :]}"
    # matplotlib's stylesheet is `*{...}`: inlined in a page it would style everything; keep it to the chart.
    text = text.replace('<style type="text/css">*{', '<style type="text/css">.sakip-chart *{', 1)
    return _unique_ids(text)


def _unique_ids(text: str) -> str:
    """Prefix every id (figure_1, axes_1, clip paths, markers) with a digest of the chart, so several charts
    inlined in one page neither collide nor borrow each other's clip paths. Same chart → same prefix."""
    prefix = "c" + hashlib.sha256(text.encode()).hexdigest()[:8] + "-"
    ids = set(re.findall(r'\bid="([^"]+)"', text))

    def rename(match: re.Match) -> str:
        name = match[2]
        return f"{match[1]}{prefix}{name}{match[3]}" if name in ids else match[0]

    text = re.sub(r'(\bid=")([^"]+)(")', rename, text)
    text = re.sub(r"(url\(#)([^)]+)(\))", rename, text)
    return re.sub(r'(href="#)([^"]+)(")', rename, text)


def _memoised(function):
    """Keep recent charts: they are pure (same figures, same SVG) and drawing one takes ~30 ms."""
    cached = functools.lru_cache(maxsize=512)(function)

    @functools.wraps(function)
    def wrapper(rows, **kwargs):
        return cached(tuple(tuple(row) for row in rows), **kwargs)

    wrapper.cache_clear = cached.cache_clear
    return wrapper


# --- charts --------------------------------------------------------------------------------------------------
@_memoised
def trend_chart(
    series: Sequence[tuple[str, Decimal | None, Decimal | None]], *, title: str, unit: str
) -> str:
    """Target beside realisation for each year (N-2, N-1, N) of one indicator: grouped vertical bars.

    `series` holds (year label, target, realisation). A missing figure (None) draws no bar and is labelled
    "–". Figures must be numbers: grade indicators (target or realisation "B") have no axis to plot on, so
    callers leave them out (as `objective_trend_charts` does).
    """
    figure, axes = _figure(6.5)
    width = 0.38
    description = []
    for k, (label, target, realisation) in enumerate(series):
        for offset, value, colour in (
            (-width / 2, target, TARGET_COLOUR),
            (width / 2, realisation, REALISATION_COLOUR),
        ):
            x = k + offset
            if value is not None:
                axes.bar(x, _position(value), width, color=colour)
            # The figure is printed above its bar (or on the axis when absent), as in the report's table.
            axes.annotate(
                _figure_label(value, unit),
                (x, _position(value) if value is not None and value > 0 else 0),
                xytext=(0, 2),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=7,
                annotation_clip=False,
            )
        description.append(
            f"{label}: {_('Target')} {_figure_label(target, unit)}, "
            f"{_('Realisasi')} {_figure_label(realisation, unit)}"
        )
    axes.set_xticks(range(len(series)), [label for label, _t, _r in series])
    axes.set_xlim(-0.6, len(series) - 0.4)
    known = [_position(v) for _label, t, r in series for v in (t, r) if v is not None]
    top = max([0.0, *known]) * 1.18 or 1.0  # room for the value labels above the highest bar
    axes.set_ylim(0, top)
    locator = MaxNLocator(5)
    axes.yaxis.set_major_locator(locator)
    axes.yaxis.set_major_formatter(_tick_formatter(_tick_text))
    axes.yaxis.grid(True, color=GRID_COLOUR, linewidth=0.5)
    if unit:
        axes.set_ylabel(unit)
    legend = _legend(_("Target"), _("Realisasi"))
    axes.legend(handles=legend, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    _place(
        figure,
        left=_text_cm([_tick_text(t) for t in _ticks(locator, top)], 8) + (0.95 if unit else 0.5),
        right=_text_cm([h.get_label() for h in legend], 8) + 1.5,
        top=_title(axes, title),
        bottom=0.75,
    )
    return _svg(figure, title, description)


@_memoised
def capaian_chart(rows: Sequence[tuple[str, Decimal | None]], *, title: str) -> str:
    """Capaian % per sasaran or indicator as horizontal bars, with the 100 % line (target met).

    Bars of 100 % or more are green, the others blue; an unknown capaian (None) has no bar and reads "–".
    """
    figure, axes = _figure(2.2 + 0.65 * max(len(rows), 1))
    description = []
    for k, (code, capaian) in enumerate(rows):
        if capaian is not None:
            colour = MET_COLOUR if capaian >= 100 else REALISATION_COLOUR
            axes.barh(k, _position(capaian), 0.6, color=colour)
        text = format_percent(capaian)
        axes.annotate(
            text,
            (max(_position(capaian), 0), k),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
            annotation_clip=False,
        )
        description.append(f"{code}: {text}")
    axes.axvline(100, color=REFERENCE_COLOUR, linewidth=0.8, linestyle="--")
    axes.annotate(
        format_percent(100, 0),
        (100, 1),
        xycoords=("data", "axes fraction"),
        xytext=(0, 2),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=7,
        color=REFERENCE_COLOUR,
    )
    axes.set_yticks(range(len(rows)), [code for code, _c in rows])
    axes.set_ylim(len(rows) - 0.5, -0.5)  # first row on top, as in the table; rows without a bar included
    known = [_position(c) for _code, c in rows if c is not None]
    axes.set_xlim(0, max([100.0, *known]) * 1.18)
    axes.xaxis.set_major_locator(MaxNLocator(6, steps=[1, 2.5, 5, 10]))  # steps that land on 100 %
    axes.xaxis.set_major_formatter(_tick_formatter(lambda x: _tick_text(x, f"{NBSP}%")))
    axes.xaxis.grid(True, color=GRID_COLOUR, linewidth=0.5)
    codes = [code for code, _c in rows]
    _place(figure, left=_text_cm(codes, 8) + 0.45, right=0.3, top=_title(axes, title, pad=14), bottom=0.75)
    return _svg(figure, title, description)


def _billions(value: Decimal | None) -> Decimal | None:
    return value / BILLION if value is not None else None


def _rupiah_billions(value: Decimal | None) -> str:
    """An amount in miliar, as LKjIP summaries print large sums: "Rp 11,82 M"; None → "–"."""
    if value is None:
        return EMPTY
    return f"Rp{NBSP}{format_number(_billions(value), 2)}{NBSP}M"


@_memoised
def budget_chart(rows: Sequence[tuple[str, Decimal | None, Decimal | None]], *, title: str) -> str:
    """Pagu beside realisasi per program: horizontal grouped bars, amounts in miliar rupiah ("Rp 11,82 M").

    `rows` holds (label, pagu, realisasi); a missing amount (None) has no bar and reads "–".
    """
    figure, axes = _figure(2.6 + 1.05 * max(len(rows), 1))
    height = 0.36
    description = []
    for k, (label, ceiling, spent) in enumerate(rows):
        for offset, value, colour in (
            (-height / 2, ceiling, TARGET_COLOUR),
            (height / 2, spent, REALISATION_COLOUR),
        ):
            if value is not None:
                axes.barh(k + offset, _position(_billions(value)), height, color=colour)
            axes.annotate(
                _rupiah_billions(value),
                (max(_position(_billions(value)), 0), k + offset),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=6.5,
                annotation_clip=False,
            )
        description.append(
            f"{label}: {_('Pagu')} {_rupiah_billions(ceiling)}, {_('Realisasi')} {_rupiah_billions(spent)}"
        )
    labels = [_wrap(label) for label, _c, _s in rows]
    axes.set_yticks(range(len(rows)), labels, fontsize=7)
    axes.set_ylim(len(rows) - 0.5, -0.5)
    known = [_position(_billions(v)) for _label, c, s in rows for v in (c, s) if v is not None]
    axes.set_xlim(0, max([0.0, *known]) * 1.22 or 1)
    axes.xaxis.set_major_locator(MaxNLocator(5))
    axes.xaxis.set_major_formatter(_tick_formatter(lambda x: f"Rp{NBSP}{_tick_text(x)}{NBSP}M" if x else "0"))
    axes.xaxis.grid(True, color=GRID_COLOUR, linewidth=0.5)
    axes.set_xlabel(_("miliar rupiah"))
    # Above the plot, right: long bars of the first programs would run under a legend inside it.
    axes.legend(
        handles=_legend(_("Pagu"), _("Realisasi")),
        loc="lower right",
        bbox_to_anchor=(1, 1),
        ncols=2,
        frameon=False,
    )
    top = _title(axes, title, pad=20)  # the legend sits between the title and the plot
    _place(figure, left=_text_cm(labels, 7) + 0.45, right=0.3, top=top, bottom=1.2)
    return _svg(figure, title, description)


# --- the report's charts -------------------------------------------------------------------------------------
def _numeric(indicator) -> bool:
    """An indicator with at least one figure and no letter grade among them (grades have no axis)."""
    years = [*indicator.history.values(), indicator.current]
    values = [v for f in years for v in (f.target, f.realisation)]
    return (
        indicator.kind != "grade"
        and not any(isinstance(v, str) for v in values)
        and any(v is not None for v in values)
    )


def objective_trend_charts(report) -> dict[str, str]:
    """The N-2..N chart of each objective indicator with numbers, keyed by indicator code, in report order."""
    charts = {}
    for objective in report.objectives:
        for indicator in objective.indicators:
            if not _numeric(indicator):
                continue
            years = {**indicator.history, report.year: indicator.current}
            series = [(str(year), years[year].target, years[year].realisation) for year in sorted(years)]
            title = f"{indicator.code} {indicator.name}"
            charts[indicator.code] = trend_chart(series, title=title, unit=indicator.unit)
    return charts


def report_capaian_chart(report) -> str:
    """Capaian of every objective indicator in year N."""
    rows = [(i.code, i.capaian) for o in report.objectives for i in o.indicators]
    return capaian_chart(rows, title=_("Capaian kinerja sasaran tahun %(year)s") % {"year": report.year})


def report_budget_chart(report) -> str:
    """Pagu and realisasi of each program in year N."""
    rows = [(f"{p.code} {p.name}", p.figures.ceiling, p.figures.spent) for p in report.budget.children]
    return budget_chart(
        rows, title=_("Pagu dan realisasi anggaran per program tahun %(year)s") % {"year": report.year}
    )


def clear_caches() -> None:
    """Forget memoised charts (tests that must draw twice to prove determinism)."""
    for chart in (trend_chart, capaian_chart, budget_chart):
        chart.cache_clear()
