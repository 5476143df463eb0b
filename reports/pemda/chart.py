"""The dashboard's chart: each agency as a dot, capaian (up) against budget absorption to date (across), coloured
by the agency's predicate, with the quarter's milestone and 100 % capaian as reference lines. Drawn with
`sakip.svg.Drawing` (no matplotlib figure: fast enough to redraw on every request)."""

from __future__ import annotations

from decimal import Decimal

from reports.pemda.standing import PemdaStanding
from sakip.numbers import format_percent
from sakip.svg import GRID_COLOUR, REFERENCE_COLOUR, TEXT_COLOUR, Drawing, coordinate, svg_element, tick_text

UNKNOWN_COLOUR = "#8c959f"


def _top(values: list[Decimal], floor: int) -> int:
    """The axis end: at least `floor`, else the largest value rounded up to the next 20."""
    high = max([Decimal(floor), *values])
    return int((high + 19) // 20 * 20)


def standing_chart(standing: PemdaStanding) -> str:
    """The SVG element; agencies without capaian or without absorption are not drawn (the table lists them)."""
    points = [r for r in standing.rows if r.capaian is not None and r.absorption is not None]
    x_top = _top([p.absorption for p in points if p.absorption is not None], 100)
    y_top = _top([p.capaian for p in points if p.capaian is not None], 120)
    d = Drawing(10, left=1.6, right=0.5, top=0.9, bottom=1.3)
    xs = [t for t in range(0, x_top + 1, 20)]
    ys = [t for t in range(0, y_top + 1, 20)]
    d.frame(grid="x", ticks=xs, at=lambda v: d.x(v, 0, x_top))
    d.frame(grid="y", ticks=ys, at=lambda v: d.y(v, 0, y_top))
    d.spines()
    for t in xs:
        d.text(d.x(t, 0, x_top), d.bottom + 12, tick_text(t), 8, "middle")
    for t in ys:
        d.text(d.left - 5, d.y(t, 0, y_top) + 3, tick_text(t), 8, "end")
    d.text((d.left + d.right) / 2, d.height - 6, "Serapan anggaran s.d. triwulan (%)", 8, "middle")
    d.text(12, (d.top + d.bottom) / 2, "Capaian kinerja (%)", 8, "middle", rotate=-90)
    milestone = float(standing.milestone)
    d.line(d.x(milestone, 0, x_top), d.bottom, d.x(milestone, 0, x_top), d.top, REFERENCE_COLOUR, 0.8)
    d.text(
        d.x(milestone, 0, x_top) + 3,
        d.top + 8,
        f"Milestone TW {standing.quarter}",
        7,
        colour=REFERENCE_COLOUR,
    )
    d.line(d.left, d.y(100, 0, y_top), d.right, d.y(100, 0, y_top), GRID_COLOUR, 1.2)
    for row in points:
        assert row.absorption is not None and row.capaian is not None
        x, y = d.x(float(row.absorption), 0, x_top), d.y(float(row.capaian), 0, y_top)
        colour = row.predicate.colour if row.predicate else UNKNOWN_COLOUR
        d.items.append(
            f'<circle cx="{coordinate(x)}" cy="{coordinate(y)}" r="3.5" fill="{colour}" fill-opacity="0.85" '
            f'stroke="#ffffff" stroke-width="0.6"/>'
        )
        d.text(x + 5, y + 2.5, row.label[:24], 6, colour=TEXT_COLOUR)
    description = [
        f"{row.label}: capaian {format_percent(row.capaian)}, serapan {format_percent(row.absorption)}"
        for row in points
    ]
    return svg_element(d, "Capaian kinerja dan serapan anggaran per perangkat daerah", description)
