"""The dot leaders of a list of contents are one text run a line, with every dot where WeasyPrint put it."""

import pytest
from weasyprint.layout import inline

from reports import pdf_leaders
from reports.pdf import _font_config, _report_html_class

PAGE = """<!doctype html><html lang="id"><head><title>t</title><style>
@page { size: A5; margin: 15mm; }
body { font: 10pt "DejaVu Sans", sans-serif; }
a::after { content: leader('..') target-counter(attr(href), page); }
</style></head><body>
<p><a href="#satu">Kata Pengantar</a></p>
<p><a href="#dua">Tabel 3.1 Capaian indikator sasaran strategis tahun 2021 dan perbandingannya dengan target</a></p>
<h1 id="satu" style="break-before: page">Satu</h1><h1 id="dua" style="break-before: page">Dua</h1>
</body></html>"""


def _leaders(document):
    """(left, right, y, texts) of every leader box of the rendered `document`."""
    found = []

    def walk(box):
        if getattr(box, "is_leader", False):
            found.append(
                (
                    min(child.position_x for child in box.children),
                    max(child.position_x + child.width for child in box.children),
                    box.children[0].position_y,
                    [child.text for child in box.children],
                )
            )
        for child in getattr(box, "children", ()) or ():
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return found


def _render(monkeypatch, merged: bool):
    pdf_leaders.install()  # done by the first PDF of a process; idempotent
    if not merged:
        monkeypatch.setattr(inline, "handle_leader", inline.handle_leader.__wrapped__)
    html = _report_html_class()(string=PAGE, url_fetcher=None)
    return html.render(font_config=_font_config())


def test_each_leader_is_one_run_spanning_exactly_the_copies_weasyprint_lays_out(monkeypatch):
    merged = _leaders(_render(monkeypatch, merged=True))
    with monkeypatch.context() as patch:
        copies = _leaders(_render(patch, merged=False))
    assert len(merged) == len(copies) == 2
    for (left, right, y, texts), (c_left, c_right, c_y, c_texts) in zip(merged, copies, strict=True):
        assert len(c_texts) > 10 and set(c_texts) == {".."}  # WeasyPrint's own: a box per two dots
        assert texts == [".." * len(c_texts)]  # ours: one box, the same dots
        assert (left, y) == (c_left, c_y)
        assert right == pytest.approx(c_right, abs=pdf_leaders.WIDTH_TOLERANCE)


def test_the_copies_stay_where_a_merged_run_would_not_be_exactly_as_wide(monkeypatch):
    from weasyprint.text import line_break

    split_first_line = line_break.split_first_line

    def kerned(*args, **kwargs):  # as if the font kerned "." against "."
        layout, length, resume, width, height, baseline = split_first_line(*args, **kwargs)
        return layout, length, resume, width - 0.5, height, baseline

    monkeypatch.setattr(line_break, "split_first_line", kerned)
    leaders = _leaders(_render(monkeypatch, merged=True))
    assert leaders and all(len(texts) > 10 and set(texts) == {".."} for *_, texts in leaders)
