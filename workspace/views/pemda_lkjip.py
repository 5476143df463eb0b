"""The Pemda LKjIP (reports/lkjip_pemda/) for the Pemda-wide roles (`workspace.access.pemda_view`): the page and
its downloads (HTML, xlsx, json, and the PDF through the task queue: workspace/views/pdf.py, a `RenderedFile` of
the Pemda), and its approval by the Pemda's inspectorate (`may_approve_pemda_report`; Bappeda reads only).

While a year stays approved, the page and downloads are the edition kept at approval
(reports/lkjip_pemda/editions.py): the agencies' data may move afterwards, what was approved does not.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from reports.lkjip_pemda.build import pemda_lkjip_build
from reports.lkjip_pemda.document import PemdaLkjipDocument
from reports.lkjip_pemda.editions import approved_pemda_edition, pemda_report_transition
from reports.lkjip_pemda.json_form import pemda_report_dumps
from reports.lkjip_pemda.render import pemda_lkjip_filename, pemda_lkjip_html
from reports.lkjip_pemda.workbook import pemda_workbook
from reports.readmodel.types import ReportUnavailable
from reports.registry import LKJIP_PEMDA, render_input
from reports.rendering import RenderInput
from review.workflow import Action, TransitionRefused
from workspace.access import may_approve_pemda_report, pemda_view
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
    """The document as a page, with its downloads; the inspectorate approves it (or reopens it) from here."""
    toolbar = {"may_approve": may_approve_pemda_report(request.user, government)}
    edition = approved_pemda_edition(government, year)
    if edition is not None:
        context = {
            "edition": edition,
            "government": government,
            "year": year,
            "toolbar": toolbar,
            "body": mark_safe(edition.page_body),  # rendered by our templates at approval
        }
        return render(request, "reports/lkjip_pemda/edition.html", context)
    return HttpResponse(pemda_lkjip_html(_document(government, year), request=request, toolbar=toolbar))


@pemda_view
@require_safe
def html_download(request, government, year):
    edition = approved_pemda_edition(government, year)
    if edition is not None:
        return _attachment(edition.download_html, "text/html; charset=utf-8", government, year, "html")
    html = pemda_lkjip_html(_document(government, year), for_print=True)
    return _attachment(html, "text/html; charset=utf-8", government, year, "html")


@pemda_view
@require_safe
def xlsx(request, government, year):
    edition = approved_pemda_edition(government, year)
    content = edition.workbook if edition is not None else pemda_workbook(_document(government, year))
    return _attachment(content, XLSX, government, year, "xlsx")


@pemda_view
@require_safe
def json_download(request, government, year):
    edition = approved_pemda_edition(government, year)
    content = edition.report_json if edition is not None else pemda_report_dumps(_document(government, year))
    return _attachment(content, "application/json; charset=utf-8", government, year, "json")


def _transition(request, government, year: int, action: str, done: str) -> HttpResponse:
    try:
        pemda_report_transition(government=government, year=year, action=action, user=request.user)
    except ReportUnavailable as exc:
        raise Http404(str(exc)) from exc
    except TransitionRefused as error:  # someone else acted first
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("pemda:lkjip", government.code, year)


@pemda_view(writers=may_approve_pemda_report)
@require_POST
def approve(request, government, year):
    """The inspectorate approves the Pemda LKjIP of the year: its edition is kept and served from now on."""
    done = _(
        "LKjIP Pemda disetujui; halaman dan unduhannya kini edisi yang disetujui. / "
        "The Pemda LKjIP is approved; its page and downloads are now the approved edition."
    )
    return _transition(request, government, year, Action.APPROVE, done)


@pemda_view(writers=may_approve_pemda_report)
@require_POST
def reopen(request, government, year):
    """The inspectorate reopens it: the page shows today's data again until the next approval."""
    done = _(
        "LKjIP Pemda dibuka kembali; halaman menampilkan data terkini. / "
        "The Pemda LKjIP is reopened; the page shows today's data."
    )
    return _transition(request, government, year, Action.REOPEN, done)


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
