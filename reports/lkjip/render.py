"""The LKjIP as HTML: the web page, its body (what an approved edition keeps), the standalone download and the
print HTML WeasyPrint gets (charts as images, the stylesheet beside it: `reports.documents.pdf.html_to_pdf`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache as cache_once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from agencies.revisions import committed_revision
from indicators.predicates import DEFAULT_SCALE, SCALES
from reports.documents.base import chart_markup
from reports.documents.pdf import html_to_pdf, stylesheet_text
from reports.lkjip import charts
from reports.lkjip.document import LkjipDocument
from reports.readmodel.build import REPORT_CACHE_TTL


def _context(document: LkjipDocument, for_print: bool, charts_as_images: bool = False) -> dict:
    # charts_as_images: read by the `chart` tag (reports/templatetags/lkjip.py), True for WeasyPrint only.
    return {
        "doc": document,
        "report": document.report,
        "for_print": for_print,
        "charts_as_images": charts_as_images,
        **_head(document),
    }


def _head(document: LkjipDocument) -> dict:
    """What document.html reads around the body (its head and the page's toolbar)."""
    report = document.report
    return {
        "title": document.title,
        "agency": report.agency,
        "year": report.year,
        "checks_count": len(report.checks),
    }


def lkjip_html(document: LkjipDocument, *, for_print: bool = False, request=None) -> str:
    """The HTML of the report: linked to the site's stylesheet on screen, self-contained for print."""
    context = _context(document, for_print)
    if for_print:
        context["stylesheet"] = mark_safe(stylesheet_text())  # our own file, not user input
    return render_to_string("reports/lkjip/document.html", context, request=request)


@dataclass(frozen=True)
class CachedPage:
    """The LKjIP page less what depends on the request: its body and what the head and toolbar print."""

    title: str
    checks_count: int
    body: str


def lkjip_page_html(agency, year: int, *, request, build: Callable[[], LkjipDocument]) -> str:
    """The LKjIP web page, the same HTML as `lkjip_html(build(), request=request)`.

    Its body (all but the head and the toolbar) is a function of the report object, which is the same until the
    agency's revision changes (`report_build`); rendering it (every table of the report) is most of the page's time. So
    it is kept in the cache under the agency's committed revision, the language and the version of the code
    that renders it, and a view of an unchanged report renders the head and the toolbar only. Inside a
    transaction (no committed revision) it is rendered afresh, as the report is built afresh.
    """
    revision = committed_revision(agency.pk)
    key = None
    if revision is not None:
        key = f"lkjip-page:{agency.pk}:{year}:{revision}:{get_language()}:{_code_version()}"
        page = cache.get(key)
        if isinstance(page, CachedPage):
            return _page_from(page, agency, year, request)
    document = build()
    page = CachedPage(document.title, len(document.report.checks), lkjip_page_body(document))
    if key is not None:
        cache.set(key, page, REPORT_CACHE_TTL)
    return _page_from(page, agency, year, request)


def _page_from(page: CachedPage, agency, year: int, request) -> str:
    context = {
        "for_print": False,
        "title": page.title,
        "agency": agency,
        "year": year,
        "checks_count": page.checks_count,
        "page_body": mark_safe(page.body),  # rendered by our templates, escaped there
    }
    return render_to_string("reports/lkjip/document.html", context, request=request)


@cache_once
def _code_version() -> str:
    """A digest of what renders the page body (the report templates, the document and template-tag modules): a
    cache shared by processes of another release (CACHE_URL) does not serve a body rendered by other code."""
    root = Path(settings.BASE_DIR)
    paths = sorted(
        [
            *(root / "templates" / "reports").rglob("*.html"),
            *(root / "reports" / "lkjip").glob("*.py"),
            *(root / "reports" / "documents").glob("*.py"),
            *(root / "reports" / "templatetags").glob("*.py"),
            *(root / "reports" / "readmodel").glob("*.py"),
            *(root / "locale").rglob("*.po"),
        ]
    )
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


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
