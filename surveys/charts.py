"""The IKM bar chart: NRR per unsur, the improvement priority in another colour.

Drawn like the report's charts (`reports.charts`): an explicit matplotlib Figure rendered to inline SVG on the
server, deterministic, labels formatted from the Decimals through `sakip.numbers`. The drawing helpers are
reused from there so the survey chart looks like the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from matplotlib.ticker import FixedLocator

from reports.charts import (
    GRID_COLOUR,
    REALISATION_COLOUR,
    REFERENCE_COLOUR,
    _figure,
    _memoised,
    _place,
    _position,
    _svg,
    _text_cm,
    _tick_formatter,
    _tick_text,
    _title,
)
from sakip.numbers import format_number

PRIORITY_COLOUR = "#bc4c00"


@_memoised
def unsur_chart(rows: Sequence[tuple[str, Decimal | None, bool]], *, title: str) -> str:
    """Horizontal bars of the NRR (scale 1–4) of each unsur, from (code, NRR, is priority) in unsur order."""
    figure, axes = _figure(2.2 + 0.55 * max(len(rows), 1))
    description = []
    for k, (code, nrr, priority) in enumerate(rows):
        if nrr is not None:
            axes.barh(k, _position(nrr), 0.6, color=PRIORITY_COLOUR if priority else REALISATION_COLOUR)
        text = format_number(nrr, 2)
        axes.annotate(
            text,
            (_position(nrr), k),
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
    axes.xaxis.set_major_formatter(_tick_formatter(_tick_text))
    axes.xaxis.grid(True, color=GRID_COLOUR, linewidth=0.5)
    axes.axvline(4, color=REFERENCE_COLOUR, linewidth=0.6, linestyle=":")
    codes = [code for code, _n, _p in rows]
    _place(figure, left=_text_cm(codes, 8) + 0.45, right=0.3, top=_title(axes, title), bottom=0.75)
    return _svg(figure, title, description)
