"""The LHE letter as HTML and PDF: its templates (templates/reports/lhe/, one per part) and lhe.css, laid out by
WeasyPrint. Deterministic: the same document gives the same print HTML, hence the same version and bytes
(reports/rendering.py)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from agencies.models import Agency
from reports.documents.pdf import html_to_pdf, parsed_stylesheet

from .document import DRAFT_MARK, LEGAL_BASIS, METHOD, PURPOSE, LheDocument

TEMPLATE = "reports/lhe/document.html"
STYLESHEET = "css/lhe.css"


def lhe_stylesheet_text() -> str:
    found = finders.find(STYLESHEET)
    assert isinstance(found, str), STYLESHEET  # shipped with the app
    return Path(found).read_text(encoding="utf-8")


def _context(document: LheDocument, for_print: bool) -> dict:
    return {
        "doc": document,
        "for_print": for_print,
        "legal_basis": LEGAL_BASIS,
        "purpose": PURPOSE,
        "method": METHOD,
        "draft_mark": DRAFT_MARK,
    }


def lhe_html(document: LheDocument, *, for_print: bool = False, request: HttpRequest | None = None) -> str:
    """The letter's HTML: linked to lhe.css on screen, self-contained for print."""
    context = _context(document, for_print)
    if for_print:
        context["stylesheet"] = mark_safe(lhe_stylesheet_text())  # our own file, not user input
    return render_to_string(TEMPLATE, context, request=request)


def lhe_pdf_input(document: LheDocument) -> tuple[str, list[str]]:
    """What WeasyPrint gets: the print HTML (stylesheet apart, parsed once per process) and lhe.css."""
    return render_to_string(TEMPLATE, _context(document, True)), [lhe_stylesheet_text()]


def lhe_pdf(document: LheDocument) -> bytes:
    """The PDF, rendered here and now (`render_report`, tests, the benchmark); the web gets it from a worker."""
    return html_to_pdf(*lhe_pdf_input(document))


def lhe_filename(agency: Agency, year: int, suffix: str) -> str:
    """ "LHE-AKIP-2021-<agency code>.pdf"."""
    return f"LHE-AKIP-{year}-{agency.code}.{suffix}"


def lhe_warm_up() -> None:
    """Parse lhe.css once (`reports.registry.warm_up`; the fonts are the LKjIP's)."""
    parsed_stylesheet(lhe_stylesheet_text())
