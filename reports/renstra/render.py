"""The Renstra document as HTML and PDF: the LKjIP's page model (lkjip.css) plus renstra.css, laid out by
WeasyPrint. Deterministic like the LKjIP: the same document gives the same bytes (its version, reports/rendering.py).
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from reports.documents.pdf import html_to_pdf, parsed_stylesheet, stylesheet_text
from reports.renstra.document import RenstraDocument

STYLESHEET = "css/renstra.css"


def renstra_stylesheet_text() -> str:
    """lkjip.css (imports resolved) followed by renstra.css: the rules of a standalone Renstra file."""
    return stylesheet_text() + "\n" + Path(finders.find(STYLESHEET)).read_text(encoding="utf-8")


def _context(document: RenstraDocument, for_print: bool, charts_as_images: bool = False) -> dict:
    return {
        "doc": document,
        "report": document.report,
        "plan": document.plan,
        "for_print": for_print,
        "charts_as_images": charts_as_images,
    }


def renstra_html(document: RenstraDocument, *, for_print: bool = False, request=None) -> str:
    """The HTML of the Renstra: linked to the site's stylesheets on screen, self-contained for print."""
    context = _context(document, for_print)
    if for_print:
        context["stylesheet"] = mark_safe(renstra_stylesheet_text())  # our own files, not user input
    return render_to_string("reports/renstra/document.html", context, request=request)


def _print_html(document: RenstraDocument) -> str:
    """The print HTML without its inlined stylesheet (WeasyPrint gets it parsed once per process)."""
    return render_to_string("reports/renstra/document.html", _context(document, True, charts_as_images=True))


def renstra_pdf_input(document: RenstraDocument) -> tuple[str, list[str]]:
    """What WeasyPrint gets: the print HTML and its stylesheet (also the version of the PDF, reports/rendering.py)."""
    return _print_html(document), [renstra_stylesheet_text()]


def renstra_pdf(document: RenstraDocument) -> bytes:
    """The PDF, rendered here and now (`render_report`, tests); the web gets it from a task worker."""
    return html_to_pdf(*renstra_pdf_input(document))


def renstra_filename(doc: RenstraDocument, suffix: str) -> str:
    """The name of a downloaded Renstra file: "Renstra-2016-2021-<agency code>.pdf"."""
    plan = doc.plan
    return f"Renstra-{plan.start_year}-{plan.end_year}-{doc.agency.code}.{suffix}"


def renstra_warm_up() -> None:
    """Parse the Renstra's stylesheet once (`reports.registry.warm_up`; the fonts are the LKjIP's)."""
    parsed_stylesheet(renstra_stylesheet_text())
