"""The LKjIP as HTML: the web page, its body (what an approved edition keeps), the standalone download and the
print HTML WeasyPrint gets (charts as images, the stylesheet beside it: `reports.documents.pdf.html_to_pdf`).
"""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from indicators.predicates import DEFAULT_SCALE, SCALES
from reports.documents.base import chart_markup
from reports.documents.pdf import html_to_pdf, stylesheet_text
from reports.lkjip import charts
from reports.lkjip.document import LkjipDocument


def _context(document: LkjipDocument, for_print: bool, charts_as_images: bool = False) -> dict:
    # charts_as_images: read by the `chart` tag (reports/templatetags/lkjip.py), True for WeasyPrint only.
    return {
        "doc": document,
        "report": document.report,
        "for_print": for_print,
        "charts_as_images": charts_as_images,
    }


def lkjip_html(document: LkjipDocument, *, for_print: bool = False, request=None) -> str:
    """The HTML of the report: linked to the site's stylesheet on screen, self-contained for print."""
    context = _context(document, for_print)
    if for_print:
        context["stylesheet"] = mark_safe(stylesheet_text())  # our own file, not user input
    return render_to_string("reports/lkjip/document.html", context, request=request)


def lkjip_page_body(document: LkjipDocument) -> str:
    """The report's body as the web page shows it (no toolbar, no head): what an approved edition keeps."""
    return render_to_string("reports/lkjip/body.html", _context(document, False))


def lkjip_print_html(document: LkjipDocument) -> str:
    """The HTML WeasyPrint gets: charts as images, the stylesheet beside it (`html_to_pdf`)."""
    return render_to_string("reports/lkjip/document.html", _context(document, True, charts_as_images=True))


def lkjip_pdf(document: LkjipDocument) -> bytes:
    """The PDF, rendered here and now (`render_report`, tests); the web gets it from a task worker
    (reports/rendering.py). The same HTML always gives the same bytes."""
    return html_to_pdf(lkjip_print_html(document), [stylesheet_text()])


def lkjip_pdf_input(document: LkjipDocument) -> tuple[str, list[str]]:
    """What WeasyPrint gets: the print HTML and its stylesheet (also the version of the PDF, reports/rendering.py)."""
    return lkjip_print_html(document), [stylesheet_text()]


def lkjip_filename(agency, year: int, suffix: str) -> str:
    """The name of a downloaded LKjIP file: "LKjIP-2021-<agency code>.pdf"."""
    return f"LKjIP-{year}-{agency.code}.{suffix}"


def lkjip_warm_up() -> None:
    """A small LKjIP page through WeasyPrint (`reports.registry.warm_up`): parses the stylesheet and WeasyPrint's
    default one, loads the fonts in every weight used, the Indonesian hyphenation dictionary and the chart code."""
    scale = SCALES[DEFAULT_SCALE]
    chart = charts.capaian_chart([("S1.1", Decimal("103.32"))], title="Capaian", scale=scale)
    page = (
        '<!doctype html><html lang="id"><head><title>LKjIP</title></head><body class="lkjip print">'
        '<div class="running-header">Laporan Kinerja</div><section class="chapter"><h1 class="chapter-title">'
        '<span class="chapter-number">BAB I</span> Pendahuluan</h1><h2 class="section">A. Latar Belakang</h2>'
        "<p>Penyelenggaraan pemberdayaan koperasi dan usaha mikro berkelanjutan <strong>1.715</strong> "
        '<em>0,5 %</em></p><table class="data"><thead><tr><th>Kode</th></tr></thead><tbody><tr>'
        f'<td class="num">103,32 %</td></tr></tbody></table><figure>{chart_markup(chart, as_image=True)}'
        "</figure></section></body></html>"
    )
    html_to_pdf(page, [stylesheet_text()])
