"""The Pemda LKjIP (reports/lkjip_pemda/) for the Pemda-wide roles (`workspace.access.pemda_view`): the page and
its downloads (HTML, xlsx, json, and the PDF through the task queue: workspace/views/pdf.py, a `RenderedFile` of
the Pemda)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from reports.lkjip_pemda.build import pemda_lkjip_build
from reports.lkjip_pemda.document import PemdaLkjipDocument
from reports.lkjip_pemda.json_form import pemda_report_dumps
from reports.lkjip_pemda.render import pemda_lkjip_filename, pemda_lkjip_html
from reports.lkjip_pemda.workbook import pemda_workbook
from reports.readmodel.types import ReportUnavailable
from reports.registry import LKJIP_PEMDA, render_input
from reports.rendering import RenderInput
from workspace.access import pemda_view
from workspace.views import pdf as pdf_views

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _document(government, year: int) -> PemdaLkjipDocument:
    try:
        return pemda_lkjip_build(government, year)
    except ReportUnavailable as exc:
        raise Http404(str(exc)) from exc


def _attachment(content, content_type: str, government, year: int, suffix: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    filename = pemda_lkjip_filename(government, year, suffix)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@pemda_view
@require_safe
def page(request, government, year):
    """The document as a page, with its downloads."""
    return HttpResponse(pemda_lkjip_html(_document(government, year), request=request))


@pemda_view
@require_safe
def html_download(request, government, year):
    html = pemda_lkjip_html(_document(government, year), for_print=True)
    return _attachment(html, "text/html; charset=utf-8", government, year, "html")


@pemda_view
@require_safe
def xlsx(request, government, year):
    return _attachment(pemda_workbook(_document(government, year)), XLSX, government, year, "xlsx")


@pemda_view
@require_safe
def json_download(request, government, year):
    content = pemda_report_dumps(_document(government, year))
    return _attachment(content, "application/json; charset=utf-8", government, year, "json")


def _pdf(government, year: int) -> pdf_views.PdfDocument:
    def build() -> RenderInput:
        try:
            return render_input(LKJIP_PEMDA, government, year)
        except ReportUnavailable as error:
            raise Http404(str(error)) from error

    args = [government.code, year]
    return pdf_views.PdfDocument(
        kind=LKJIP_PEMDA.pdf_kind,
        agency=None,
        government=government,
        year=year,
        title=f"LKjIP {government.name} {year}",
        download_url=reverse("pemda:lkjip_pdf", args=args),
        status_url=reverse("pemda:lkjip_pdf_status", args=args),
        build=build,
    )


@pemda_view
@require_safe
def pdf_download(request, government, year):
    return pdf_views.download(request, _pdf(government, year))


@pemda_view
@require_safe
def pdf_status(request, government, year):
    return pdf_views.status(request, _pdf(government, year))
