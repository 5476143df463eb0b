"""The LKjIP as PDF: the very HTML of the report page, laid out for A4 by WeasyPrint.

Deterministic: the same report gives the same bytes (no timestamps in the metadata, fonts from the system's
fixed font files, charts drawn with a fixed hash salt), so a PDF can be compared and archived.

Speed (docs/performance.md): WeasyPrint's work grows with the boxes it lays out and draws, so the PDF is fed
only what it needs: the charts as images (the `chart` tag) rather than inline SVG elements, and the stylesheet
parsed once per process (`html_to_pdf`) instead of inlined in every document. Two process-level costs are avoided
as well: the garbage collector's passes during a render (`_gc_paused`) and the styles WeasyPrint's default
stylesheet gives six footnote and marker pseudo-elements of every element (`_lean_user_agent_stylesheet`).
"""

from __future__ import annotations

import contextlib
import functools
import gc
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


# WeasyPrint's default stylesheet (html5_ua.css) gives these pseudo-elements to every element ("::marker {…}"),
# so the cascade builds six extra computed styles per element: ~33.000 for the LKjIP's 5.500 elements, of which
# it uses the markers of list items only. Our documents have no footnotes or notes (`float: footnote`).
_UNIVERSAL_PSEUDO_RULES = {
    "::marker {": "li::marker {",
    "::footnote-call {": ".footnote::footnote-call {",
    "::footnote-marker {": ".footnote::footnote-marker {",
    "::note-call {": ".footnote::note-call {",
    "::note-marker {": ".footnote::note-marker {",
    "::note-callback {": ".footnote::note-callback {",
}


@functools.cache
def _lean_user_agent_stylesheet():
    """WeasyPrint's default stylesheet with the universal pseudo-element rules scoped to the elements that use
    them: the same PDF, −3,5 % of the work. Falls back to the stock sheet if a WeasyPrint release words any of
    those rules differently (a test checks that the lean sheet is in use with the pinned release)."""
    from weasyprint import CSS
    from weasyprint.html import UA, UA_COUNTER_STYLE, UA_STYLESHEET

    text = UA
    for rule, scoped in _UNIVERSAL_PSEUDO_RULES.items():
        if f"\n{rule}" not in text:
            return UA_STYLESHEET
        text = text.replace(f"\n{rule}", f"\n{scoped}")
    return CSS(string=text, counter_style=UA_COUNTER_STYLE)


@functools.cache
def _report_html_class():
    from weasyprint import HTML  # heavy import, only where a PDF is made
    from weasyprint.html import UA_STYLESHEET

    class ReportHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            lean = _lean_user_agent_stylesheet()
            return [lean if sheet is UA_STYLESHEET else sheet for sheet in super()._ua_stylesheets(forms)]

    return ReportHTML


_gc_lock = threading.Lock()
_gc_state = {"renders": 0, "was_enabled": True}


@contextlib.contextmanager
def _gc_paused():
    """Python's cyclic garbage collector off while WeasyPrint renders. A render allocates millions of short-lived
    objects (boxes, styles, Pango layouts), which start hundreds of collections, each walking the live objects of
    the whole process: −18 % CPU for the LKjIP, the same peak memory (docs/performance.md). Reference counting
    still frees almost everything at once; the collector runs again afterwards. Counted across threads, so that
    one render ending does not switch the collector back on under another thread's render."""
    with _gc_lock:
        if _gc_state["renders"] == 0:
            _gc_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_state["renders"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_state["renders"] -= 1
            if _gc_state["renders"] == 0 and _gc_state["was_enabled"]:
                gc.enable()


def html_to_pdf(html: str, stylesheets: Sequence[str] = ()) -> bytes:
    """WeasyPrint's PDF of a self-contained `html` page with the given stylesheets (CSS text, each parsed once
    per process, then reused). Only `data:` URLs are fetched (the charts): never a file or the network.
    Same input, same bytes."""
    from weasyprint.urls import URLFetcher

    sheets = [_stylesheet(text) for text in stylesheets]
    with _gc_paused():
        document = _report_html_class()(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"}))
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
