"""SVG charts drawn on the server: the drawing kit of every chart of the documents and the screens.

Pure functions: figures in (`Decimal`), SVG text out; no ORM, no pyplot. Simple bar charts are written directly
as SVG by `Drawing`, with matplotlib's geometry and only its tick locator and font metrics (see the comment above
`Drawing`); the matplotlib helpers (`plot_figure`, `place_plot`, `axes_title`, `svg_element` of a `Figure`) draw
the IKM chart of `surveys/charts.py`, as an explicit `Figure` per chart so concurrent requests share no drawing
state. The output is deterministic (same data → same bytes): no date, fixed hash salt for the ids matplotlib
derives, ids prefixed by a digest of the chart itself.

Text stays text in DejaVu Sans, the font of the HTML page and of the PDF, and every figure printed on a chart
goes through `sakip.numbers` so it reads as in the tables ("1.715", "103,32 %")."""

from __future__ import annotations

import functools
import hashlib
import io
import re
import textwrap
from collections.abc import Callable, Sequence
from decimal import Decimal
from html import escape
from typing import Concatenate, Generic, ParamSpec, TypeVar

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch
from matplotlib.textpath import text_to_path
from matplotlib.ticker import FuncFormatter, MaxNLocator

from sakip.numbers import EMPTY, decimal_places, format_number, format_percent

FONT = "DejaVu Sans"
TARGET_COLOUR = "#8c959f"
REALISATION_COLOUR = "#0969da"
REFERENCE_COLOUR = "#cf222e"
TEXT_COLOUR = "#1f2328"
GRID_COLOUR = "#d0d7de"

CM = 1 / 2.54  # matplotlib sizes figures in inches
WIDTH_CM = 16  # the text width of an A4 portrait page with 2,5 cm margins

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
def position(value: Decimal | None) -> float:
    """A figure as a plotting coordinate. The only Decimal → float conversion: positions on the drawing,
    never a number that is printed (labels are formatted from the Decimal itself)."""
    return float(value) if value is not None else 0.0


def places(value: Decimal) -> int:
    """Whole numbers print without decimals ("1.715"), others with two ("22,73")."""
    return 0 if value == value.to_integral_value() else 2


def figure_label(value: Decimal | None, unit: str) -> str:
    if value is None:
        return EMPTY
    if unit.strip() == "%":
        return format_percent(value, places(value))
    return format_number(value, places(value))


def tick_formatter(scale: Callable[[float], str]) -> FuncFormatter:
    return FuncFormatter(lambda x, _pos: scale(x))


def tick_text(x: float, suffix: str = "") -> str:
    # Tick positions are floats chosen by the locator (0.25, 0.30000000000000004): rounded away from binary
    # noise, printed with as many decimals as they have (at most two).
    value = Decimal(repr(round(float(x), 6))).normalize()
    places = min(decimal_places(value), 2)
    return f"{format_number(value, places)}{suffix}"


def wrap(label: str, width: int = 38, lines: int = 2) -> str:
    return "\n".join(textwrap.wrap(label, width, max_lines=lines, placeholder=" …")) or label


def legend_patches(reference: str, actual: str) -> list[Patch]:
    return [Patch(color=TARGET_COLOUR, label=reference), Patch(color=REALISATION_COLOUR, label=actual)]


def text_cm(texts: Sequence[str], size: float) -> float:
    """Width of the widest line of `texts` in DejaVu Sans at `size` points, in cm (measured from the font
    outlines, without drawing)."""
    font = FontProperties(family=FONT, size=size)
    widths = [
        text_to_path.get_text_width_height_descent(line, font, ismath=False)[0]
        for text in texts
        for line in text.split("\n")
    ]
    return max(widths, default=0) / 72 * 2.54


def plot_figure(height_cm: float) -> tuple[Figure, object]:
    figure = Figure(figsize=(WIDTH_CM * CM, height_cm * CM))
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_axisbelow(True)
    return figure, axes


def place_plot(figure: Figure, *, left: float, right: float, top: float, bottom: float) -> None:
    """Margins around the plot in cm, from measured labels. A layout engine (constrained / tight) would find
    them too, but costs a second full draw: half the rendering time of a chart."""
    width, height = figure.get_size_inches() / CM
    figure.subplots_adjust(
        left=left / width, right=1 - right / width, top=1 - top / height, bottom=bottom / height
    )


def axes_title(axes: Axes, title: str, pad: float = 6) -> float:
    """Draw the title above the plot (left-aligned); returns the height it takes in cm."""
    wrapped = wrap(title, 80, 2)
    axes.set_title(wrapped, loc="left", pad=pad)
    return 0.4 * (wrapped.count("\n") + 1) + pad / 72 * 2.54 + 0.15


def tick_values(locator: MaxNLocator, top: float) -> list[float]:
    return [t for t in locator.tick_values(0, top) if 0 <= t <= top]


def svg_element(figure: Drawing | Figure, title: str, description: Sequence[str]) -> str:
    """The figure (a `Drawing`, or a matplotlib Figure) as an SVG element ready to inline in HTML: no XML
    declaration or DOCTYPE, a <title> and <desc> for screen readers, size in mm, ids unique to this chart
    (a report inlines several)."""
    if isinstance(figure, Drawing):
        text = figure.markup()
    else:
        buffer = io.StringIO()
        try:
            figure.savefig(buffer, format="svg", metadata=_METADATA)
        finally:
            # No pyplot manager holds this figure: clearing it is all "closing" takes; it is then collected.
            figure.clear()
        text = buffer.getvalue()
    text = text[text.index("<svg") :]

    def points_to_mm(match: re.Match[str]) -> str:
        return f'{match[1]}="{Decimal(match[2]) * Decimal("0.352778"):.1f}mm"'

    start, end = text.index("<svg"), text.index(">", text.index("<svg"))
    opening = re.sub(r'(width|height)="([0-9.]+)pt"', points_to_mm, text[start:end])
    opening += ' role="img" class="sakip-chart"'
    text = f"{opening}>\n <title>{escape(title)}</title>\n <desc>{escape('; '.join(description))}</desc>{text[end + 1 :]}"
    # matplotlib's stylesheet is `*{...}`: inlined in a page it would style everything; keep it to the chart.
    text = text.replace('<style type="text/css">*{', '<style type="text/css">.sakip-chart *{', 1)
    return _unique_ids(_lean(text))


def _lean(text: str) -> str:
    """The same drawing with less markup: matplotlib names every artist with an id and wraps it in a group of
    its own; ids nothing refers to, the bare groups left behind and identity rotations ("rotate(-0 …)") go.
    About 60 % fewer elements, each of which costs the browser and WeasyPrint (parse, styles, drawing)."""
    used = set(re.findall(r"url\(#([^)]+)\)", text)) | set(re.findall(r'href="#([^"]+)"', text))
    used.add("figure_1")  # the outer group stays: one named group holds the whole drawing
    text = re.sub(r' id="([^"]+)"', lambda m: m[0] if m[1] in used else "", text)
    text = re.sub(r' transform="rotate\(-0 [-0-9.e ]+\)"', "", text)
    drop: list[tuple[int, int]] = []  # spans to cut out
    stack: list[tuple[int, int] | None] = []  # per open group: its span if it is a bare <g>, else None
    for match in re.finditer(r"<g>\s*|<g\s[^>]*>|</g>\s*", text):
        tag = match[0]
        if tag.startswith("</g>"):
            opening = stack.pop()
            if opening is not None:
                drop += [opening, match.span()]
        elif not tag.rstrip().endswith("/>"):
            stack.append(match.span() if tag.startswith("<g>") else None)
    kept, position = [], 0
    for start, end in sorted(drop):
        kept.append(text[position:start])
        position = end
    return "".join(kept) + text[position:]


def _unique_ids(text: str) -> str:
    """Prefix every id (figure_1, axes_1, clip paths, markers) with a digest of the chart, so several charts
    inlined in one page neither collide nor borrow each other's clip paths. Same chart → same prefix."""
    prefix = "c" + hashlib.sha256(text.encode()).hexdigest()[:8] + "-"
    ids = set(re.findall(r'\bid="([^"]+)"', text))

    def rename(match: re.Match[str]) -> str:
        name = match[2]
        return f"{match[1]}{prefix}{name}{match[3]}" if name in ids else match[0]

    text = re.sub(r'(\bid=")([^"]+)(")', rename, text)
    text = re.sub(r"(url\(#)([^)]+)(\))", rename, text)
    return re.sub(r'(href="#)([^"]+)(")', rename, text)


_Rows = TypeVar("_Rows", bound=Sequence[Sequence[object]])
_Options = ParamSpec("_Options")


class Memoised(Generic[_Rows, _Options]):
    """A chart function `f(rows, **options) -> svg` that keeps its recent charts, with `cache_clear()`.

    A class rather than a wrapper function so that the type checker knows both the chart's own signature and
    `cache_clear`."""

    def __init__(self, function: Callable[Concatenate[_Rows, _Options], str]) -> None:
        cached = functools.lru_cache(maxsize=512)(function)
        # The cache's own type wants hashable arguments, which a ParamSpec cannot promise: the charts' options
        # are str, and the cache refuses anything unhashable when called.
        self._draw: Callable[..., str] = cached
        self.cache_clear = cached.cache_clear
        functools.update_wrapper(self, function)

    def __call__(self, rows: _Rows, *args: _Options.args, **kwargs: _Options.kwargs) -> str:
        # Callers pass lists; the cache needs hashable arguments, and the chart only iterates over them.
        return self._draw(tuple(tuple(row) for row in rows), *args, **kwargs)


def memoised(function: Callable[Concatenate[_Rows, _Options], str]) -> Memoised[_Rows, _Options]:
    """Keep recent charts: they are pure (same figures, same SVG) and drawing one takes ~30 ms."""
    return Memoised(function)


# --- a drawing written by hand ---------------------------------------------------------------------------------
# The report's charts are simple bars, ticks and labels. matplotlib drew them in ~100 ms each and wrote ~250
# elements per chart; written directly they take ~1 ms and a few dozen elements, which also spares the browser
# and WeasyPrint. The geometry copies matplotlib's (the IKM chart in surveys/charts.py is still drawn by it and
# looks the same): sizes in points, tick marks 3,5 pt long and 3,5 pt from their labels, DejaVu Sans 8 pt for
# ticks and legends, 9 pt titles, 7 pt value labels; text positions use the font's ascent and descent.
PT = 72 / 2.54  # points per cm
TICK, TICK_PAD, LABEL_PAD = 3.5, 3.5, 4.0
ASCENT, DESCENT, LINE = 0.7598, 0.2402, 1.2  # of the font size: DejaVu Sans as matplotlib measures "lp"


def coordinate(value: float) -> str:
    """A coordinate: two decimals are a hundredth of a point, finer than any printer."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def text_pt(text: str, size: float) -> float:
    return text_cm([text], size) * PT


class Drawing:
    """An SVG drawing in points, as matplotlib lays it out: the figure (16 cm wide) and one plot area."""

    def __init__(self, height_cm: float, *, left: float, right: float, top: float, bottom: float):
        self.width, self.height = WIDTH_CM * PT, height_cm * PT
        self.left, self.right = left * PT, self.width - right * PT  # plot area, from margins in cm
        self.top, self.bottom = top * PT, self.height - bottom * PT
        self.items = [
            f'<rect width="{coordinate(self.width)}" height="{coordinate(self.height)}" fill="#ffffff"/>'
        ]

    def x(self, value: float, low: float, high: float) -> float:
        return self.left + (value - low) / (high - low) * (self.right - self.left)

    def y(self, value: float, low: float, high: float) -> float:
        """Upwards: `low` at the bottom of the plot."""
        return self.bottom - (value - low) / (high - low) * (self.bottom - self.top)

    def row(self, value: float, rows: int) -> float:
        """Downwards, rows 0..n-1 centred in bands of one unit (the axis runs from n - 0,5 up to -0,5)."""
        return self.top + (value + 0.5) / rows * (self.bottom - self.top)

    def rect(self, x0: float, y0: float, x1: float, y1: float, colour: str, outline: bool = False) -> None:
        x0, x1 = min(x0, x1), max(x0, x1)
        y0, y1 = min(y0, y1), max(y0, y1)
        stroke = f' stroke="{colour}" stroke-linejoin="miter"' if outline else ""
        self.items.append(
            f'<rect x="{coordinate(x0)}" y="{coordinate(y0)}" width="{coordinate(x1 - x0)}" height="{coordinate(y1 - y0)}" '
            f'fill="{colour}"{stroke}/>'
        )

    def line(
        self, x0: float, y0: float, x1: float, y1: float, colour: str, width: float, extra: str = ""
    ) -> None:
        """`extra`: more presentation attributes (' stroke-linecap="square"')."""
        self.items.append(
            f'<path d="M {coordinate(x0)} {coordinate(y0)} L {coordinate(x1)} {coordinate(y1)}" '
            f'fill="none" stroke="{colour}" stroke-width="{coordinate(width)}"{extra}/>'
        )

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        anchor: str = "start",
        colour: str = TEXT_COLOUR,
        rotate: float = 0,
    ) -> None:
        turn = f' transform="rotate({rotate} {coordinate(x)} {coordinate(y)})"' if rotate else ""
        self.items.append(
            f'<text font-size="{coordinate(size)}" font-family="{FONT}" text-anchor="{anchor}" fill="{colour}" '
            f'x="{coordinate(x)}" y="{coordinate(y)}"{turn}>{escape(text, quote=False)}</text>'
        )

    def lines(self, x: float, y: float, text: str, size: float, anchor: str, valign: str) -> None:
        """A label of one or more lines around y: "center" (a tick), "bottom" (above a bar), "baseline"
        (the last line on y, as titles), "top" (below an axis)."""
        rows = text.split("\n")
        pitch = LINE * size
        if valign == "center":  # centred on the baselines' middle, as matplotlib's "center_baseline"
            first = y + ASCENT / 2 * size - (len(rows) - 1) * (pitch / 2 - 0.05 * size)
        elif valign == "bottom":
            first = y - DESCENT * size - (len(rows) - 1) * pitch
        elif valign == "top":
            first = y + ASCENT * size
        else:
            first = y - (len(rows) - 1) * pitch
        for k, row in enumerate(rows):
            self.text(x, first + k * pitch, row, size, anchor)

    def title(self, title: str, pad: float) -> None:
        self.lines(self.left, self.top - pad, wrap(title, 80, 2), 9, "start", "baseline")

    def frame(self, *, grid: str, ticks: Sequence[float], at: Callable[[float], float]) -> None:
        """Grid lines (under the bars) and tick marks at `ticks` of the value axis ("x" or "y")."""
        for t in ticks:
            if grid == "x":
                self.line(at(t), self.bottom, at(t), self.top, GRID_COLOUR, 0.5, ' stroke-linecap="square"')
                self.line(at(t), self.bottom, at(t), self.bottom + TICK, TEXT_COLOUR, 0.8)
            else:
                self.line(self.left, at(t), self.right, at(t), GRID_COLOUR, 0.5, ' stroke-linecap="square"')
                self.line(self.left, at(t), self.left - TICK, at(t), TEXT_COLOUR, 0.8)

    def spines(self) -> None:
        """The left and bottom axis lines (top and right are left out)."""
        square = ' stroke-linejoin="miter" stroke-linecap="square"'
        self.line(self.left, self.bottom, self.left, self.top, GRID_COLOUR, 0.8, square)
        self.line(self.left, self.bottom, self.right, self.bottom, GRID_COLOUR, 0.8, square)

    def legend(self, entries: Sequence[tuple[str, str]], *, x: float, y: float, columns: int) -> None:
        """Colour swatches and labels, 8 pt; (x, y) is the upper-left corner (one column) or the lower-right
        corner (a row of `columns`) of the legend's box, as matplotlib anchors them."""
        size, handle, gap = 8.0, 16.0, 6.4
        if columns == 1:
            top = y + 0.5 * size + 0.4 * size
            for k, (label, colour) in enumerate(entries):
                baseline = top + k * (1.5 * size + 0.0006 * size) + ASCENT * size
                self.rect(
                    x + 0.9 * size, baseline - 0.7 * size, x + 0.9 * size + handle, baseline, colour, True
                )
                self.text(x + 0.9 * size + handle + gap, baseline, label, size)
        else:
            baseline = y - 0.9 * size - DESCENT * size
            right = x - 0.9 * size
            for label, colour in reversed(entries):
                start = right - text_pt(label, size)
                self.text(start, baseline, label, size)
                self.rect(start - gap - handle, baseline - 0.7 * size, start - gap, baseline, colour, True)
                right = start - gap - handle - 2 * size

    def markup(self) -> str:
        """The SVG as matplotlib writes it (sizes in points), for `svg_element` to finish."""
        width, height = f"{self.width:.6f}".rstrip("0"), f"{self.height:.6f}".rstrip("0")
        body = "\n  ".join(self.items)
        return (
            f'<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="{width}pt" height="{height}pt" '
            f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" version="1.1">\n'
            f' <g id="figure_1" stroke-linejoin="round" stroke-linecap="butt">\n  {body}\n </g>\n</svg>\n'
        )


def title_cm(title: str, pad: float) -> float:
    """The height a title takes above the plot, in cm (as `axes_title`)."""
    return 0.4 * (wrap(title, 80, 2).count("\n") + 1) + pad / PT + 0.15
