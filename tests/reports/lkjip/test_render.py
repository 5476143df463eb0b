"""How the LKjIP reaches WeasyPrint: the charts of the page as images of the very same SVG, no file or network
fetched, and charts drawn to scale by the hand-written SVG of `reports.lkjip.charts`."""

import base64
import gc
import re
from dataclasses import replace
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from indicators.predicates import SCALES
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
    hook(worker=None)
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
