"""Dot leaders drawn as one text run per line (the lists of contents of the LKjIP and the Renstra).

WeasyPrint lays out `content: leader('..')` by copying the leader string's text box across the free width of the
line, edge to edge at multiples of its width, and then draws every copy as a text run of its own: ~2.600 runs
for the LKjIP's lists of contents, a quarter of all the text runs of the PDF and ~4 % of its time. One run of the
string repeated, starting where the leftmost copy starts, puts every dot in the same place. `install` wraps
WeasyPrint's leader step to do that. Where the merged run would not be exactly as wide as the copies (a font
that kerns the leader string against itself), the copies stay. Imported only where a PDF is made (it imports
WeasyPrint). Tests: tests/reports/test_pdf_leaders.py.
"""

from __future__ import annotations

import functools
from math import inf

from weasyprint.layout import inline
from weasyprint.layout.leader import leader_index
from weasyprint.text import line_break

# The merged run's width may differ from the copies' sum by Pango's rounding to 1/1024 pt per glyph, no more.
WIDTH_TOLERANCE = 0.01


def merged_leader_boxes(context, line) -> bool:
    """Replace the copies of the first leader in `line` by one text box; True if it did."""
    _, leader_box = leader_index(line)
    copies = leader_box.children if leader_box is not None else ()
    if len(copies) < 2:
        return False
    first = min(copies, key=lambda box: box.position_x)
    text = first.text * len(copies)
    layout, _, _, width, _, _ = line_break.split_first_line(
        text, first.style, context, inf, first.justification_spacing
    )
    if abs(width - first.width * len(copies)) > WIDTH_TOLERANCE:
        return False
    merged = first.copy()
    merged.text, merged.pango_layout, merged.width = text, layout, width
    leader_box.children = (merged,)
    return True


@functools.cache
def install() -> None:
    """Wrap WeasyPrint's leader step (`weasyprint.layout.inline.handle_leader`) once per process."""
    handle_leader = inline.handle_leader

    @functools.wraps(handle_leader)
    def handle_leader_in_one_run(context, line, containing_block):
        handle_leader(context, line, containing_block)
        merged_leader_boxes(context, line)

    inline.handle_leader = handle_leader_in_one_run
