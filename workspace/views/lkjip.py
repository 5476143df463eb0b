"""Report screens: the narratives a planner writes, the LKjIP page, its downloads and the review of checks."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies.writes import serialised_writes
from indicators.forms.signing import ReportSigningRow, stored_signing
from indicators.models import Narrative, Objective, PerformanceAgreement, ReportSigning
from reports.lkjip.editions import approved_edition
from reports.lkjip.render import lkjip_html, lkjip_page_html
from reports.lkjip.signature import signature_block
from reports.readmodel.build import report_build
from reports.readmodel.links import finding_link
from reports.readmodel.sections import report_sections
from reports.readmodel.types import ReportUnavailable, SigningRow
from reports.registry import LKJIP, render_input
from reports.rendering import RenderInput
from sakip.csp import allow_inline_chart_styles
from sakip.forms import RowForm
from sakip.grids import grid_messages, grid_save
from workspace.access import agency_view, plan_or_404
from workspace.shell import workspace_context
from workspace.views import pdf as pdf_views


class NarrativeRow(RowForm):
    value_fields = ("text",)
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}))


def narrative_grid(request, sections, stored: dict[str, str], store, placeholders=None):
    """The narrative editing grid both reports use: one text per section, saved whole or not at all.

    `stored` maps a section key to its saved text, `store(key, text)` saves one section ("" = delete it), and
    `placeholders` (key → text) shows what the document prints while a section is empty. Returns the redirect
    after a successful save, or the rows grouped by chapter for the template.
    """
    data = request.POST if request.method == "POST" else None
    rows = []
    for section in sections:
        row = NarrativeRow(data, stored={"text": stored.get(section.key, "")}, prefix=section.key)
        row.section = section
        row.fields["text"].label = section.title
        if placeholders and placeholders.get(section.key):
            row.fields["text"].widget.attrs["placeholder"] = placeholders[section.key]
        rows.append(row)
    if data is not None:
        outcome = grid_save(rows, lambda row: store(row.section.key, row.cleaned_data["text"].strip()))
        grid_messages(
            request,
            outcome,
            lambda n: (
                ngettext("%(n)d bagian narasi disimpan.", "%(n)d bagian narasi disimpan.", n) % {"n": n}
            ),
        )
        if outcome.ok:
            return redirect(request.get_full_path()), None
    chapters = {}
    for row in rows:
        chapters.setdefault(row.section.chapter, []).append(row)
    return None, chapters.items()


@serialised_writes
@agency_view
def narratives(request, agency, year):
    plan = plan_or_404(agency, year)
    sections = report_sections(Objective.objects.filter(plan=plan).order_by("goal__position", "position"))
    stored = {n.key: n.text for n in Narrative.objects.filter(agency=agency, year=year)}

    def store(key, text):
        if text:
            Narrative.objects.update_or_create(agency=agency, year=year, key=key, defaults={"text": text})
        else:
            Narrative.objects.filter(agency=agency, year=year, key=key).delete()

    saved, chapters = narrative_grid(request, sections, stored, store)
    if saved:
        return saved
    context = workspace_context(request, agency, section="narratives", year=year, chapters=chapters)
    return render(request, "reports/narratives.html", context)


# --- the LKjIP ---------------------------------------------------------------------------------------------------
# While a year stays approved, its page and downloads are the edition kept at approval (reports/lkjip/editions.py):
# rows saved later (another year's targets, a renamed sasaran) do not change what the inspectorate approved.
def _document(agency, year):
    plan_or_404(agency, year)
    return LKJIP.build(agency, year)


@allow_inline_chart_styles  # matplotlib SVG charts are styled inline (sakip/csp.py)
@agency_view
def lkjip(request, agency, year):
    """The report as a web page (the same HTML the PDF is made of)."""
    edition = approved_edition(agency, year)
    if edition is not None:
        context = {"edition": edition, "agency": agency, "year": year, "body": mark_safe(edition.page_body)}
        return render(request, "reports/lkjip/edition.html", context)
    plan_or_404(agency, year)
    return HttpResponse(
        lkjip_page_html(agency, year, request=request, build=lambda: LKJIP.build(agency, year))
    )


def _filename(agency, year, suffix):
    return LKJIP.filename(agency, year, None, suffix)


def _attachment(content, content_type: str, agency, year, suffix: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(agency, year, suffix)}"'
    return response


@agency_view
def lkjip_html_download(request, agency, year):
    edition = approved_edition(agency, year)
    if edition is not None:
        return _attachment(edition.download_html, "text/html", agency, year, "html")
    return _attachment(lkjip_html(_document(agency, year), for_print=True), "text/html", agency, year, "html")


def _lkjip_pdf(agency, year) -> pdf_views.PdfDocument:
    """The year's LKjIP PDF: an approved year's is rendered from the print HTML kept with its edition (the version
    approved), any other year's from today's data (`reports.registry.render_input`)."""

    def build() -> RenderInput:
        try:
            return render_input(LKJIP, agency, year)
        except ReportUnavailable as error:
            raise Http404(str(error)) from error

    args = [agency.code, year]
    return pdf_views.PdfDocument(
        kind=LKJIP.pdf_kind,
        agency=agency,
        year=year,
        title=f"LKjIP {year}",
        download_url=reverse("reports:lkjip_pdf", args=args),
        status_url=reverse("reports:lkjip_pdf_status", args=args),
        build=build,
    )


@agency_view
def lkjip_pdf_prepare(request, agency, year):
    """Asked by the report page once shown: the PDF is queued, so that "Unduh PDF" finds it ready."""
    return pdf_views.prepare(request, _lkjip_pdf(agency, year))


@agency_view
def lkjip_pdf_download(request, agency, year):
    return pdf_views.download(request, _lkjip_pdf(agency, year))


@agency_view
def lkjip_pdf_status(request, agency, year):
    return pdf_views.status(request, _lkjip_pdf(agency, year))


@agency_view
def review(request, agency, year):
    """The consistency checks of the year's report, each linked to the screen where its data is entered."""
    plan_or_404(agency, year)
    report = report_build(agency=agency, year=year)
    findings = [(finding, finding_link(report, finding)) for finding in report.checks]
    context = workspace_context(
        request, agency, section="review", year=year, report=report, findings=findings
    )
    return render(request, "reports/review.html", context)


# --- Excel downloads -------------------------------------------------------------------------------------------
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@agency_view
def lkjip_xlsx(request, agency, year):
    """The LKjIP annexes as a workbook whose budget roll-ups are live formulas."""
    edition = approved_edition(agency, year)
    if edition is not None:
        return _xlsx_response(edition.workbook, _filename(agency, year, "xlsx"))
    plan_or_404(agency, year)
    content = LKJIP.workbook(_document(agency, year))
    return _xlsx_response(content, _filename(agency, year, "xlsx"))


@agency_view
def renstra_xlsx(request, agency):
    """The former single-sheet Renstra workbook's address: the Renstra document's workbook replaced it."""
    return redirect("reports:renstra_xlsx_download", agency.code)


@serialised_writes
@agency_view
def report_signing(request, agency, year):
    """Who signs the year's LKjIP, where and when: the foreword's signature block (reports/lkjip/signature.py)."""
    plan_or_404(agency, year)
    signing = ReportSigning.objects.filter(agency=agency, year=year).first()
    data = request.POST if request.method == "POST" else None
    row = ReportSigningRow(data, stored=stored_signing(signing), prefix="ttd")

    def write(row):
        values = row.submitted()
        if not any(values.values()):
            ReportSigning.objects.filter(agency=agency, year=year).delete()
            return
        ReportSigning.objects.update_or_create(agency=agency, year=year, defaults=values)

    if data is not None:
        outcome = grid_save([row], write)
        grid_messages(request, outcome, lambda n: _("Penanda tangan laporan disimpan."))
        if outcome.ok:
            return redirect(reverse("reports:narratives", args=[agency.code, year]))
    context = workspace_context(
        request,
        agency,
        section="narratives",
        year=year,
        row=row,
        signature=signature_preview(agency, year, signing),
    )
    return render(request, "reports/signing.html", context)


def signature_preview(agency, year, signing):
    """The signature block as the report prints it with the saved values (two queries, not a report build)."""
    agreement = PerformanceAgreement.objects.filter(agency=agency, year=year).first()
    return signature_block(
        agency=agency,
        year=year,
        signing=SigningRow.of(signing),
        agreement_place=agreement.place if agreement else "",
    )
