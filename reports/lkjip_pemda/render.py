"""The Pemda LKjIP as HTML: the web page (linked stylesheet), the standalone download and the print HTML
WeasyPrint gets (`reports.documents.pdf`, the agency LKjIP's stylesheets: lkjip.css and its imports)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from reports.documents.base import logo_data_url
from reports.documents.pdf import html_to_pdf, stylesheet_text

from .analysis import LEGAL_BASIS
from .document import PemdaLkjipDocument

TEMPLATE = "reports/lkjip_pemda/document.html"
STYLESHEET = "css/lkjip-pemda.css"  # beside lkjip.css (the agency LKjIP's page model and tables)


def pemda_stylesheet_text() -> str:
    return Path(finders.find(STYLESHEET)).read_text(encoding="utf-8")


def _context(document: PemdaLkjipDocument, for_print: bool) -> dict:
    return {
        "doc": document,
        "for_print": for_print,
        "legal_basis": LEGAL_BASIS,
        "logo": logo_data_url(document.government.logo),
    }


def pemda_lkjip_html(
    document: PemdaLkjipDocument, *, for_print: bool = False, request=None, toolbar: dict | None = None
) -> str:
    """The document's HTML: linked to the site's stylesheet on screen, self-contained for print. `toolbar`: what
    the screen's toolbar offers besides the downloads (the approval, workspace/views/pemda_lkjip.py)."""
    context = _context(document, for_print)
    context["toolbar"] = toolbar or {}
    if for_print:
        # our own files, not user input
        context["stylesheet"] = mark_safe(stylesheet_text() + pemda_stylesheet_text())
    return render_to_string(TEMPLATE, context, request=request)


def pemda_lkjip_body(document: PemdaLkjipDocument) -> str:
    """The document's body, as the workspace screen embeds it."""
    return render_to_string("reports/lkjip_pemda/body.html", _context(document, False))


def pemda_lkjip_pdf_input(document: PemdaLkjipDocument) -> tuple[str, list[str]]:
    """What WeasyPrint gets: the print HTML and its stylesheet."""
    return render_to_string(TEMPLATE, _context(document, True)), [stylesheet_text(), pemda_stylesheet_text()]


def pemda_lkjip_pdf(document: PemdaLkjipDocument) -> bytes:
    return html_to_pdf(*pemda_lkjip_pdf_input(document))


def pemda_lkjip_filename(government, year: int, suffix: str) -> str:
    """ "LKjIP-Pemda-2021-<government code>.pdf"."""
    return f"LKjIP-Pemda-{year}-{government.code}.{suffix}"


def pemda_lkjip_warm_up() -> None:
    """Nothing of its own: the agency LKjIP's warm-up loads the same stylesheet and fonts."""
