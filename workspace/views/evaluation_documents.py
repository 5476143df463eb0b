"""The documents of an agency's AKIP evaluation: the LHE letter (HTML preview, PDF through the task queue) and the
evaluator's LKE worksheet (xlsx with live formulas).

Who: the evaluator (`may_evaluate`) always, a draft marked DRAF; everyone else who sees the agency only once the
LHE is issued (`sees_evaluator_work`), otherwise 404, as for a year without evaluation. `agency_view(review=True)`:
the reviewer who evaluates is no editor, yet may ask for the PDF to be prepared (a POST); the other views answer
GET (and HEAD) only.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from evaluation.models import Evaluation
from reports.readmodel.types import ReportUnavailable
from reports.registry import LHE, render_input
from reports.rendering import RenderInput
from workspace.access import agency_view, sees_evaluator_work
from workspace.views import pdf as pdf_views

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _visible_or_404(request, agency, year: int) -> None:
    """404 without an evaluation of the year, and for whoever may not read the evaluator's work yet."""
    found = Evaluation.objects.filter(agency=agency, year=year).values("issued_at").first()
    if found is None:
        raise Http404("Belum ada evaluasi AKIP untuk tahun ini / no AKIP evaluation for this year")
    if not sees_evaluator_work(request.user, agency, found["issued_at"] is not None):
        raise Http404("LHE belum diterbitkan / the LHE has not been issued")


def _document(agency, year: int):
    try:
        return LHE.build(agency, year)
    except ReportUnavailable as error:
        raise Http404(str(error)) from error


@agency_view(review=True)
@require_safe
def lhe(request, agency, year):
    """The letter as a web page (the same templates the PDF is made of)."""
    _visible_or_404(request, agency, year)
    return HttpResponse(LHE.html(_document(agency, year), request=request))


def _lhe_pdf(agency, year: int) -> pdf_views.PdfDocument:
    def build() -> RenderInput:
        try:
            return render_input(LHE, agency, year)
        except ReportUnavailable as error:
            raise Http404(str(error)) from error

    args = [agency.code, year]
    return pdf_views.PdfDocument(
        kind=LHE.pdf_kind,
        agency=agency,
        year=year,
        title=f"LHE AKIP {year}",
        download_url=reverse("evaluation_documents:lhe_pdf", args=args),
        status_url=reverse("evaluation_documents:lhe_pdf_status", args=args),
        build=build,
    )


@agency_view(review=True)
@require_safe
def lhe_pdf(request, agency, year):
    _visible_or_404(request, agency, year)
    return pdf_views.download(request, _lhe_pdf(agency, year))


@agency_view(review=True)
@require_POST
def lhe_pdf_prepare(request, agency, year):
    """Queue the PDF now, so that "Unduh PDF" finds it ready (safe to repeat: a version is rendered once)."""
    _visible_or_404(request, agency, year)
    return pdf_views.prepare(request, _lhe_pdf(agency, year))


@agency_view(review=True)
@require_safe
def lhe_pdf_status(request, agency, year):
    _visible_or_404(request, agency, year)
    return pdf_views.status(request, _lhe_pdf(agency, year))


@agency_view(review=True)
@require_safe
def lke_xlsx(request, agency, year):
    """The evaluator's LKE worksheet, its scores live formulas."""
    _visible_or_404(request, agency, year)
    document = _document(agency, year)
    response = HttpResponse(LHE.workbook(document), content_type=XLSX)
    filename = f"LKE-AKIP-{year}-{agency.code}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
