"""The IKM bar chart: NRR per unsur, the improvement priority in another colour.

Drawn with the kernel's drawing kit (`sakip.svg`), like the report's charts: an explicit matplotlib Figure
rendered to inline SVG on the server, deterministic, labels formatted from the Decimals through `sakip.numbers`.
The drawing helpers are shared so the survey chart looks like the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from matplotlib.ticker import FixedLocator

from sakip.numbers import format_number
from sakip.svg import (
    GRID_COLOUR,
    REALISATION_COLOUR,
    REFERENCE_COLOUR,
    axes_title,
    memoised,
    place_plot,
    plot_figure,
    position,
    svg_element,
    text_cm,
    tick_formatter,
    tick_text,
)

PRIORITY_COLOUR = "#bc4c00"


@memoised
def unsur_chart(rows: Sequence[tuple[str, Decimal | None, bool]], *, title: str) -> str:
    """Horizontal bars of the NRR (scale 1–4) of each unsur, from (code, NRR, is priority) in unsur order."""
    figure, axes = plot_figure(2.2 + 0.55 * max(len(rows), 1))
    description = []
    for k, (code, nrr, priority) in enumerate(rows):
        if nrr is not None:
            axes.barh(k, position(nrr), 0.6, color=PRIORITY_COLOUR if priority else REALISATION_COLOUR)
        text = format_number(nrr, 2)
        axes.annotate(
            text,
            (position(nrr), k),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
            annotation_clip=False,
            color=PRIORITY_COLOUR if priority else None,
        )
        suffix = f" ({_('prioritas perbaikan')})" if priority else ""
        description.append(f"{code}: NRR {text}{suffix}")
    axes.set_yticks(range(len(rows)), [code for code, _n, _p in rows])
    axes.set_ylim(len(rows) - 0.5, -0.5)  # U1 on top, as in the table
    axes.set_xlim(0, 4.4)
    axes.xaxis.set_major_locator(FixedLocator([0, 1, 2, 3, 4]))
    axes.xaxis.set_major_formatter(tick_formatter(tick_text))
    axes.xaxis.grid(True, color=GRID_COLOUR, linewidth=0.5)
    axes.axvline(4, color=REFERENCE_COLOUR, linewidth=0.6, linestyle=":")
    codes = [code for code, _n, _p in rows]
    place_plot(figure, left=text_cm(codes, 8) + 0.45, right=0.3, top=axes_title(axes, title), bottom=0.75)
    return svg_element(figure, title, description)
