"""The Renstra document as HTML and PDF: the LKjIP's page model (lkjip.css) plus renstra.css, laid out by
WeasyPrint. Deterministic like the LKjIP: the same document gives the same bytes, cached under its HTML's hash.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .pdf import PDF_CACHE_SECONDS, stylesheet_text
from .renstra import RenstraDocument

STYLESHEET = "css/renstra.css"


def renstra_stylesheet_text() -> str:
    """lkjip.css (imports resolved) followed by renstra.css: the rules of a standalone Renstra file."""
    return stylesheet_text() + "\n" + Path(finders.find(STYLESHEET)).read_text(encoding="utf-8")


def renstra_html(document: RenstraDocument, *, for_print: bool = False, request=None) -> str:
    """The HTML of the Renstra: linked to the site's stylesheets on screen, self-contained for print."""
    context = {"doc": document, "report": document.report, "plan": document.plan, "for_print": for_print}
    if for_print:
        context["stylesheet"] = mark_safe(renstra_stylesheet_text())  # our own files, not user input
    return render_to_string("reports/renstra/document.html", context, request=request)


def html_to_pdf(html: str, *, cache_prefix: str, use_cache: bool = True) -> bytes:
    """WeasyPrint's PDF of a self-contained HTML page, cached under the hash of the HTML."""
    from weasyprint import HTML  # heavy import, only where a PDF is made

    key = f"{cache_prefix}:{hashlib.sha256(html.encode()).hexdigest()}"
    pdf = cache.get(key) if use_cache else None
    if pdf is None:
        pdf = HTML(string=html).write_pdf()
        if use_cache:
            cache.set(key, pdf, timeout=PDF_CACHE_SECONDS)
    return pdf


def renstra_pdf(document: RenstraDocument, *, use_cache: bool = True) -> bytes:
    return html_to_pdf(
        renstra_html(document, for_print=True), cache_prefix="renstra-pdf", use_cache=use_cache
    )
