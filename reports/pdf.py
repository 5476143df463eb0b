"""The LKjIP as PDF: the very HTML of the report page, laid out for A4 by WeasyPrint.

Deterministic: the same report gives the same bytes (no timestamps in the metadata, fonts from the system's
fixed font files, charts drawn with a fixed hash salt), so a PDF can be compared and archived.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import HTML

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


def lkjip_html(document: LkjipDocument, *, for_print: bool = False, request=None) -> str:
    """The HTML of the report: linked to the site's stylesheet on screen, self-contained for print."""
    context = {"doc": document, "report": document.report, "for_print": for_print}
    if for_print:
        context["stylesheet"] = mark_safe(stylesheet_text())  # our own file, not user input
    return render_to_string("reports/lkjip/document.html", context, request=request)


def lkjip_pdf(document: LkjipDocument, *, use_cache: bool = True) -> bytes:
    """The PDF; cached under the hash of its HTML, since laying out ~60 A4 pages takes WeasyPrint seconds.

    The same HTML always gives the same bytes, so a cached PDF is exactly the one a fresh render would give;
    any change of data, narrative or template changes the HTML and so the key.
    """
    html = lkjip_html(document, for_print=True)
    key = f"lkjip-pdf:{hashlib.sha256(html.encode()).hexdigest()}"
    pdf = cache.get(key) if use_cache else None
    if pdf is None:
        pdf = HTML(string=html).write_pdf()
        if use_cache:
            cache.set(key, pdf, timeout=PDF_CACHE_SECONDS)
    return pdf
