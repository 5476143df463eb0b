"""The LKjIP as PDF: the very HTML of the report page, laid out for A4 by WeasyPrint.

Deterministic: the same report gives the same bytes (no timestamps in the metadata, fonts from the system's
fixed font files, charts drawn with a fixed hash salt), so a PDF can be compared and archived.

Speed (docs/performance.md): WeasyPrint's work grows with the boxes it lays out and draws, so the PDF is fed
only what it needs: the charts as images (the `chart` tag) rather than inline SVG elements, and the stylesheet
parsed once per process (`html_to_pdf`) instead of inlined in every document.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .document import LkjipDocument

STYLESHEET = "css/lkjip.css"
PDF_CACHE_SECONDS = 24 * 60 * 60


def stylesheet_text() -> str:
    """lkjip.css with its @imports resolved, to inline in a standalone file (the PDF, the HTML download)."""
    parts = []
    for line in Path(finders.find(STYLESHEET)).read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("@import"):
            name = line.split('"')[1]
            parts.append(Path(finders.find(f"css/{name}")).read_text(encoding="utf-8"))
        else:
            parts.append(line)
    return "".join(parts)


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


_fonts = threading.local()


def _font_config():
    """One FontConfiguration per thread, kept: Pango's font map caches the fonts and shaped glyphs of every
    render made with it (Pango objects are not shared between threads)."""
    from weasyprint.text.fonts import FontConfiguration

    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    return _fonts.config


@functools.lru_cache(maxsize=16)
def _stylesheet(text: str):
    """A stylesheet parsed once per process (the LKjIP's takes ~0,1 s to parse); read-only while rendering."""
    from weasyprint import CSS

    return CSS(string=text)


def html_to_pdf(html: str, stylesheets: Sequence[str] = ()) -> bytes:
    """WeasyPrint's PDF of a self-contained `html` page with the given stylesheets (CSS text, each parsed once
    per process, then reused). Only `data:` URLs are fetched (the charts): never a file or the network.
    Same input, same bytes."""
    from weasyprint import HTML  # heavy import, only where a PDF is made
    from weasyprint.urls import URLFetcher

    sheets = [_stylesheet(text) for text in stylesheets]
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}))
    return document.write_pdf(stylesheets=sheets, font_config=_font_config())


def lkjip_pdf(document: LkjipDocument, *, use_cache: bool = True) -> bytes:
    """The PDF; cached under the hash of its HTML and stylesheet, since laying out ~60 A4 pages takes
    WeasyPrint seconds.

    The same HTML always gives the same bytes, so a cached PDF is exactly the one a fresh render would give;
    any change of data, narrative or template changes the HTML and so the key.
    """
    html = render_to_string("reports/lkjip/document.html", _context(document, True, charts_as_images=True))
    return cached_pdf("lkjip-pdf", html, [stylesheet_text()], use_cache=use_cache)


def cached_pdf(prefix: str, html: str, stylesheets: Sequence[str], *, use_cache: bool = True) -> bytes:
    """`html_to_pdf`, cached under the hash of the HTML and its stylesheets (same input, same bytes)."""
    digest = hashlib.sha256("".join([*stylesheets, html]).encode()).hexdigest()
    key = f"{prefix}:{digest}"
    pdf = cache.get(key) if use_cache else None
    if pdf is None:
        pdf = html_to_pdf(html, stylesheets)
        if use_cache:
            cache.set(key, pdf, timeout=PDF_CACHE_SECONDS)
    return pdf
