"""How the LKjIP reaches WeasyPrint: the charts of the page as images of the very same SVG, no file or network
fetched, and charts drawn to scale by the hand-written SVG of `reports.lkjip.charts`."""

import base64
import gc
import io
import re
from dataclasses import replace
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, FloatObject, NumberObject

from indicators.predicates import SCALES
from interchange.dataset.writing import dataset_import
from reports import registry
from reports.documents import pdf as pdf_module
from reports.documents.base import chart_markup
from reports.documents.pdf import html_to_pdf
from reports.lkjip import charts
from reports.lkjip import render as lkjip_render
from reports.lkjip.document import document_build
from reports.lkjip.render import lkjip_html, lkjip_pdf
from reports.readmodel.build import report_build

YEAR = 2021
SCALE = SCALES["target-3"]
SVG = re.compile(r"<svg.*?</svg>", re.S)
IMAGE = re.compile(r'<img class="chart-image" alt="[^"]*" src="data:image/svg\+xml;base64,([^"]+)">')


@pytest.fixture
def doc(demo_agency):
    return document_build(report_build(agency=demo_agency, year=YEAR))


def test_the_pdf_gets_every_chart_of_the_page_as_an_image_of_the_same_svg(doc, monkeypatch):
    sent = []
    monkeypatch.setattr(
        lkjip_render, "html_to_pdf", lambda html, sheets: sent.append((html, sheets)) or b"%PDF-"
    )
    lkjip_pdf(doc)
    ((html, sheets),) = sent
    page = lkjip_html(doc, for_print=True)
    inline = SVG.findall(page)
    assert len(inline) == 2 + len(doc.trend_charts) + len(doc.report.surveys)  # capaian, budget, trends, IKM
    assert not SVG.search(html)
    assert [base64.b64decode(data).decode().strip() for data in IMAGE.findall(html)] == inline
    # The stylesheet travels beside the HTML (parsed once per process), with the same rules as the download.
    assert sheets == [pdf_module.stylesheet_text()] and "<style" not in html and "<style>" in page


def test_chart_image_keeps_the_title_as_alternative_text():
    svg = charts.capaian_chart([("S1.1", Decimal("314"))], title="Capaian <sasaran> & indikator", scale=SCALE)
    assert chart_markup(svg) == svg
    image = chart_markup(svg, as_image=True)
    assert 'alt="Capaian &lt;sasaran&gt; &amp; indikator"' in image
    assert base64.b64decode(IMAGE.search(image)[1]).decode() == svg
    assert chart_markup("", as_image=True) == ""


def test_html_to_pdf_fetches_no_file_from_disk():
    png = next(Path(__file__).resolve().parents[3].glob("docs/report-sample/*.png"))
    embedded = base64.b64encode(png.read_bytes()).decode()
    from_disk = html_to_pdf(f'<p>Gambar</p><img src="{png.as_uri()}">')
    from_data = html_to_pdf(f'<p>Gambar</p><img src="data:image/png;base64,{embedded}">')
    assert b"/Subtype /Image" not in from_disk
    assert b"/Subtype /Image" in from_data


def _bars(svg, colour):
    return [
        (float(m["width"]), float(m["height"]))
        for m in re.finditer(
            r'<rect x="[^"]+" y="[^"]+" width="(?P<width>[^"]+)" height="(?P<height>[^"]+)" '
            rf'fill="{colour}"/>',
            svg,
        )
    ]


def test_trend_bars_are_drawn_to_scale():
    series = [("2019", Decimal("100"), Decimal("50")), ("2020", Decimal("100"), Decimal("150"))]
    svg = charts.trend_chart(series, title="R1.1 Jumlah koperasi", unit="unit")
    targets, realisations = _bars(svg, charts.TARGET_COLOUR), _bars(svg, charts.REALISATION_COLOUR)
    assert len(targets) == len(realisations) == 2
    assert targets[0][1] == pytest.approx(targets[1][1], abs=0.01)
    assert realisations[0][1] / targets[0][1] == pytest.approx(0.5, rel=1e-3)
    assert realisations[1][1] / targets[0][1] == pytest.approx(1.5, rel=1e-3)


def test_capaian_and_budget_bars_are_drawn_to_scale():
    capaian = charts.capaian_chart(
        [("S1.1", Decimal("50")), ("S2.1", Decimal("125"))], title="Capaian", scale=SCALE
    )
    failed, exceeded = (band.colour for band in (SCALE.band_for(Decimal(50)), SCALE.band_for(Decimal(125))))
    (below,) = _bars(capaian, failed)  # each bar in its predicate's colour
    (met,) = _bars(capaian, exceeded)
    assert met[0] / below[0] == pytest.approx(2.5, rel=1e-3)
    rows = [("2.17.01 Program A", Decimal("4000000000"), Decimal("3000000000"))]
    budget = charts.budget_chart(rows, title="Anggaran")
    (ceiling,) = _bars(budget, charts.TARGET_COLOUR)
    (spent,) = _bars(budget, charts.REALISATION_COLOUR)
    assert spent[0] / ceiling[0] == pytest.approx(0.75, rel=1e-3)


def test_html_to_pdf_gives_weasyprints_own_pdf_of_a_deeply_nested_page():
    # html_to_pdf renders with the collector paused and a fetcher of data: URLs only: neither may change a byte,
    # also where WeasyPrint's layout recurses deep (80 nested blocks, 525 frames at the deepest; the demo LKjIP
    # nests 17 elements deep and its layout reaches ~110 frames), on every supported Python.
    from weasyprint import HTML

    page = (
        "<style>li { text-transform: uppercase } ol { list-style-type: lower-alpha }</style>"
        "<h1>Dasar hukum</h1><ul><li>Undang-undang</li></ul><ol><li>Pertama</li><li>Kedua</li></ol>"
        + '<div style="margin-left: 1pt">' * 80
        + "<table><tr><th>Kode</th><td>1.715</td></tr></table>"
        + "</div>" * 80
    )
    assert html_to_pdf(page) == HTML(string=page).write_pdf()


def test_the_garbage_collector_is_off_during_a_render_and_back_on_after_it(monkeypatch):
    import weasyprint

    seen = []

    class Render:
        def __init__(self, **kwargs):
            seen.append(gc.isenabled())

        def write_pdf(self, **kwargs):
            seen.append(gc.isenabled())
            raise RuntimeError("layout failed")

    monkeypatch.setattr(weasyprint, "HTML", Render)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        html_to_pdf("<p>x</p>")
    assert seen == [False, False]
    assert gc.isenabled()


def test_one_render_ending_leaves_the_collector_off_for_another_thread_still_rendering():
    with pdf_module._gc_paused():
        with pdf_module._gc_paused():  # a second thread's render, ending first
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_task_worker_warms_up_before_its_first_pdf():
    from reports.renstra.render import renstra_stylesheet_text

    pdf_module.parsed_stylesheet.cache_clear()
    registry.warm_up()  # what `task_worker` does before it takes its first task
    hits = pdf_module.parsed_stylesheet.cache_info().hits
    pdf_module.parsed_stylesheet(pdf_module.stylesheet_text())
    pdf_module.parsed_stylesheet(renstra_stylesheet_text())
    assert pdf_module.parsed_stylesheet.cache_info().hits == hits + 2  # both parsed already


def test_a_web_process_compiles_the_report_templates_and_leaves_weasyprint_to_the_workers(monkeypatch):
    import runpy

    from django.template import engines

    compiled = []
    engine = engines.all()[0]
    real = engine.get_template
    monkeypatch.setattr(engine, "get_template", lambda name: compiled.append(name) or real(name))
    warmed = []
    monkeypatch.setattr(registry, "warm_up", lambda: warmed.append(1))
    hook = runpy.run_path(str(Path(__file__).resolve().parents[3] / "gunicorn.conf.py"))["post_worker_init"]
    try:
        hook(worker=None)
        # What the worker loaded is out of the garbage collector's reach (gc.freeze), so its collections are short.
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert "reports/lkjip/document.html" in compiled and "reports/renstra/document.html" in compiled
    assert warmed == []  # no stylesheet parsed, no font loaded: web processes render no PDF


class _CellTexts(HTMLParser):
    """The text of every table cell (<td>, <th>) of a page, nested tables included."""

    def __init__(self):
        super().__init__()
        self.cells, self._open = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self._open.append([])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._open:
            self.cells.append("".join(self._open.pop()))

    def handle_data(self, data):
        for cell in self._open:
            cell.append(data)


@pytest.mark.parametrize("scale_code", ["target-3", "permendagri-86-2017"])
def test_no_table_cell_prints_a_colour_code(doc, scale_code):
    # Issue 18: the scale table printed each band's colour as text ("#1a7f37"); a swatch and the name say it.
    report = replace(doc.report, scale=SCALES[scale_code])
    document = replace(doc, report=report)
    for page in (lkjip_html(document), lkjip_html(document, for_print=True)):
        parser = _CellTexts()
        parser.feed(page)
        assert len(parser.cells) > 500  # every table of the report, annexes included
        assert [cell for cell in parser.cells if re.search(r"#[0-9a-fA-F]{6}\b", cell)] == []
        for band in report.scale.bands:
            assert f'class="swatch" style="background: {band.colour}"' in page


# --- no text of one table cell runs into another (issue 18: Tabel 3.4 with long figures) --------------------------
def _glyph_widths(font) -> tuple[dict[int, float], float]:
    """Advance widths (thousandths of the font size) of a Type0 font's glyphs, from its /W array."""
    descendant = font["/DescendantFonts"][0].get_object()
    widths, entries, k = {}, list(descendant.get("/W", [])), 0
    while k < len(entries):
        first = int(entries[k])
        if isinstance(entries[k + 1], ArrayObject):
            widths.update({first + n: float(w) for n, w in enumerate(entries[k + 1])})
            k += 2
        else:
            widths.update({c: float(entries[k + 2]) for c in range(first, int(entries[k + 1]) + 1)})
            k += 3
    return widths, float(descendant.get("/DW", 1000))


def _times(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _text_boxes(page) -> list[tuple[float, float, float, float]]:
    """(left, right, top, bottom) of every text run WeasyPrint drew on a page (the page's own content: a chart
    is an image, its text is not here). A run is one TJ: the glyphs of one line of one box, positioned by Tm;
    its width is the sum of the glyphs' advances and the kerning between them."""
    fonts = {name: _glyph_widths(font.get_object()) for name, font in page["/Resources"]["/Font"].items()}
    identity = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    ctm, saved, tm, font, size, spacing = identity, [], identity, ({}, 1000.0), 0.0, 0.0
    boxes = []
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"q":
            saved.append(ctm)
        elif operator == b"Q":
            ctm = saved.pop()
        elif operator == b"cm":
            ctm = _times([float(v) for v in operands], ctm)
        elif operator == b"BT":
            tm = identity
        elif operator == b"Tm":
            tm = [float(v) for v in operands]
        elif operator == b"Tc":
            spacing = float(operands[0])
        elif operator == b"Tf":
            font, size = fonts[operands[0]], float(operands[1])
        elif operator in (b"TJ", b"Tj"):
            widths, default = font
            advance = 0.0
            for item in operands[0] if operator == b"TJ" else [operands[0]]:
                if isinstance(item, NumberObject | FloatObject):
                    advance -= float(item) / 1000 * size
                    continue
                data = item.original_bytes  # Identity-H: two bytes per glyph
                for j in range(0, len(data), 2):
                    advance += widths.get(int.from_bytes(data[j : j + 2]), default) / 1000 * size + spacing
            m = _times(tm, ctm)
            x0, x1, height = m[4], m[4] + advance * m[0], size * abs(m[3])
            boxes.append((min(x0, x1), max(x0, x1), m[5] - 0.76 * height, m[5] + 0.24 * height))
            tm = [*tm[:4], tm[4] + advance * tm[0], tm[5]]
    return boxes


def overlapping_text(pdf: bytes, tolerance: float = 0.5) -> list[tuple[int, tuple, tuple]]:
    """(page number, box, box) of every two text runs of a PDF that cover each other."""
    found = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        boxes = sorted(_text_boxes(page))
        for k, a in enumerate(boxes):
            for b in boxes[k + 1 :]:
                if b[0] >= a[1] - tolerance:
                    break  # sorted by left edge: no later box starts inside this one
                if min(a[3], b[3]) - max(a[2], b[2]) > tolerance:
                    found.append((number, a, b))
    return found


def test_overlap_check_sees_text_running_into_the_next_cell():
    fixed = '<table style="table-layout: fixed; width: 6cm"><tr><td style="white-space: nowrap">{}</td><td>{}</td></tr></table>'
    assert overlapping_text(html_to_pdf(fixed.format("1.234,56", "7.890,12"))) == []
    assert overlapping_text(html_to_pdf(fixed.format("123.456.789.012,34 123.456.789.012,34", "7.890,12")))


LONG = "123456789012.34"  # a realisation of 123.456.789.012,34


@pytest.fixture
def long_figures_doc(db, demo_dataset):
    """The demo with figures as long as a year may bring: a sasaran indicator realising 123.456.789.012,34 in
    each of the three years of Tabel 3.4 (and so in every table that prints it), a sub kegiatan budget of
    hundreds of billions (so every budget table up to the total carries it)."""
    indicator = demo_dataset["goals"][0]["objectives"][0]["indicators"][0]  # S1.1, in Tabel 3.3 and 3.4
    indicator.update(kind="number", unit="rupiah")
    indicator["targets"] = {"pk": {"2021": "100000000000"}}
    indicator["realisations"] = {str(year): {"value": LONG} for year in (2019, 2020, 2021)}
    program = demo_dataset["programs"][1]
    activity = program["activities"][0]
    activity["budget"] = [{"year": 2021}]
    activity["sub_activities"][0]["budget"] = [
        {
            "year": 2021,
            "ceiling_original": "987654321012",
            "ceiling_rationalised": "987654321012",
            "ceiling_revised": "987654321012",
            "spent": "876543210987",
        }
    ]
    agency = dataset_import(demo_dataset).agency
    return document_build(report_build(agency=agency, year=YEAR))


def test_long_figures_wrap_in_their_cells_instead_of_running_into_the_next(long_figures_doc):
    html = lkjip_html(long_figures_doc, for_print=True)
    assert "123.456.789.012,34" in html and "987.654.321.012" in html
    assert overlapping_text(lkjip_pdf(long_figures_doc)) == []


def test_the_demo_report_has_no_overlapping_text(demo_lkjip_pdf):
    assert overlapping_text(demo_lkjip_pdf) == []
