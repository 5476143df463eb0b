"""The PDF downloads of both documents, served from the rendered files of reports/rendering.py.

A download of a version that is ready is the file; otherwise the version is queued (once) and the answer is a
"Sedang disiapkan" page that follows the render (it asks the small JSON status view every second, or reloads
itself without JavaScript) and starts the download when the file is ready. The user waits for the HTML (~0,1 s),
never for WeasyPrint. Every view here is called from a view behind `agency_view` with that view's agency, or
behind `pemda_view` with that view's Pemda (`government`, agency None: the Pemda LKjIP).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode

from reports.models import RenderedFile
from reports.rendering import RenderInput, find_version, progress, ready_file, request_render

Status = RenderedFile.Status
VERSION_PARAMETER = "versi"
NOSCRIPT_REFRESH_SECONDS = 5


@dataclass(frozen=True)
class PdfDocument:
    """One document's PDF as its views see it: what to render (built only when needed) and its addresses."""

    kind: str
    agency: object
    year: int | None
    title: str
    download_url: str
    status_url: str
    build: Callable[[], RenderInput]
    government: object = None  # a Pemda's document: its Pemda (agency None)


def _with_version(url: str, version: str) -> str:
    return f"{url}?{urlencode({VERSION_PARAMETER: version})}"


def _file_response(record: RenderedFile) -> HttpResponse:
    response = HttpResponse(bytes(record.content), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{record.filename}"'
    return response


def _waiting_page(request, document: PdfDocument, record: RenderedFile) -> HttpResponse:
    context = {
        "document": document,
        "record": record,
        "progress": progress(record),
        "status_url": _with_version(document.status_url, record.version),
        "file_url": _with_version(document.download_url, record.version),
        "again_url": document.download_url,
        "refresh_seconds": NOSCRIPT_REFRESH_SECONDS,
    }
    # 202 Accepted: the request is taken and the file is on its way (not a 503: nothing is wrong).
    return render(request, "reports/pdf_waiting.html", context, status=202)


def download(request, document: PdfDocument) -> HttpResponse:
    """The PDF, or the page that waits for it. With ?versi=…: that version (the one the page was waiting for,
    even if the data changed since); a version unknown, failed or pruned meanwhile is asked for again as today's."""
    version = request.GET.get(VERSION_PARAMETER, "")
    if version:
        ready = ready_file(
            document.kind, version, document.agency, document.year, government=document.government
        )
        if ready is not None:
            return _file_response(ready)
        waiting = find_version(
            document.kind, version, document.agency, document.year, government=document.government
        )
        if waiting is not None and waiting.status in (Status.QUEUED, Status.RUNNING):
            return _waiting_page(request, document, waiting)
    record = request_render(document.build())
    if record.status == Status.READY:
        ready = ready_file(
            document.kind, record.version, document.agency, document.year, government=document.government
        )
        if ready is not None:  # None only if pruned in between: the page then asks again
            return _file_response(ready)
    return _waiting_page(request, document, record)


def prepare(request, document: PdfDocument) -> JsonResponse:
    """Asked by the document's page once shown (static/js/sakip.js, a[data-prepare]): the PDF is queued now, so
    that "Unduh PDF" finds it ready. Safe to repeat: a version is rendered once; a failed one is rendered again
    only when someone asks for its download."""
    record = request_render(document.build(), retry_failed=False)
    return JsonResponse({"status": record.status}, status=200 if record.status == Status.READY else 202)


def status(request, document: PdfDocument) -> JsonResponse:
    """How the render of ?versi=… is going, for the waiting page: status, seconds waited, renders ahead of it,
    the estimate from the last render, and the file's address once ready."""
    version = request.GET.get(VERSION_PARAMETER, "")
    record = (
        find_version(document.kind, version, document.agency, document.year, government=document.government)
        if version
        else None
    )
    if record is None:
        # Unknown here (another agency's, superseded or pruned): the page then asks for today's version. A 200: the
        # user may see this agency (a 404 is what `agency_view` answers to someone who may not).
        return JsonResponse({"status": "unknown", "again": document.download_url})
    answer = progress(record)
    if record.status == Status.READY:
        answer["file"] = _with_version(document.download_url, record.version)
    if record.status == Status.FAILED:
        answer["again"] = document.download_url
    return JsonResponse(answer)
