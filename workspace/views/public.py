"""The public pages (no login): the Pemda that publish, each Pemda's approved LKjIP per agency and year and its own
approved Pemda LKjIP, and those PDFs. What is published is `workspace.public`'s answer alone; these views never
ask `workspace.access`.

The PDF is the approved edition's, from the same `RenderedFile` as the workspace download of that year (one
version, one render, the same bytes). Not rendered yet: the render is queued and a page without the workspace's
chrome says so and reloads itself until the file is there (the reload that finds it starts the download).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_cache_control

from reports.documents.base import logo_data_url
from reports.models import RenderedFile
from reports.registry import LKJIP, LKJIP_PEMDA, edition_render_input
from reports.rendering import RenderInput, progress, ready_file, request_render
from sakip.dates import format_date
from workspace.public import (
    government_or_404,
    public_view,
    publication,
    published_edition_or_404,
    published_government_edition_or_404,
    publishing_governments,
)

Status = RenderedFile.Status
# The pages carry the language form's CSRF token (each visitor's own), so only the visitor's browser keeps them;
# the PDF is the same for everyone and may be kept by any cache. A re-approval serves a new edition at the same
# address, hence a modest max-age and the ETag (the version: same version, same bytes) to revalidate.
PAGE_MAX_AGE = 300
PDF_MAX_AGE = 3600
REFRESH_SECONDS = 5


def _approved_on(approved_at) -> str:
    return format_date(timezone.localtime(approved_at).date())


def _page(request, template: str, context: dict) -> HttpResponse:
    response = render(request, template, context)
    patch_cache_control(response, private=True, max_age=PAGE_MAX_AGE)
    return response


@public_view
def index(request):
    """The Pemda that have published at least one report."""
    return _page(request, "public/index.html", {"governments": publishing_governments()})


@public_view
def government(request, government):
    """The Pemda's approved reports: its own LKjIP per year, then per agency and year the LKjIP PDF, each with the
    date it was approved."""
    page = publication(government_or_404(government))
    rows = [
        (row.agency, [(cell, _approved_on(cell.approved_at) if cell else "") for cell in row.cells])
        for row in page.agencies
    ]
    own = [(report, _approved_on(report.approved_at)) for report in page.government_reports]
    context = {
        "page": page,
        "rows": rows,
        "government_reports": own,
        "logo": logo_data_url(page.government.logo),
    }
    return _page(request, "public/government.html", context)


@public_view
def lkjip_pdf(request, government, agency, year):
    """The approved LKjIP of the year as PDF, or the page that waits for its render."""
    agency, edition = published_edition_or_404(government, agency, year)
    source = edition_render_input(LKJIP, agency, year, edition)
    title = f"LKjIP {year} {agency.name}"
    return _edition_pdf(request, source, agency.government, title, agency=agency)


@public_view
def government_lkjip_pdf(request, government, year):
    """The Pemda's own approved LKjIP of the year as PDF (the same file as its workspace download), or the page
    that waits for its render."""
    government, edition = published_government_edition_or_404(government, year)
    source = edition_render_input(LKJIP_PEMDA, government, year, edition)
    return _edition_pdf(request, source, government, f"LKjIP {year} {government.name}")


def _edition_pdf(request, source: RenderInput, government, title: str, *, agency=None) -> HttpResponse:
    etag = f'"{source.version}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:  # 304: the visitor has this version already (same version, same bytes)
        not_modified["ETag"] = etag
        patch_cache_control(not_modified, public=True, max_age=PDF_MAX_AGE)
        return not_modified
    # A failed render is not queued again from here: an anonymous visitor (or a page reloading itself) must not
    # keep a worker busy with a render that fails; the owner's own download queues it again.
    record = request_render(source, retry_failed=False)
    if record.status == Status.READY:
        ready = ready_file(source.kind, record.version, agency, source.year, government=source.government)
        if ready is not None:  # None only if pruned in between: the waiting page then asks again
            response = HttpResponse(bytes(ready.content), content_type="application/pdf")
            # An attachment, as the workspace's download: the same file, and a browser's PDF viewer is not asked
            # to open it under the site's Content Security Policy (object-src 'none').
            response["Content-Disposition"] = f'attachment; filename="{ready.filename}"'
            response["ETag"] = etag
            patch_cache_control(response, public=True, max_age=PDF_MAX_AGE)
            return response
    context = {
        "title": title,
        "progress": progress(record),
        "refresh_seconds": REFRESH_SECONDS,
        "page_url": request.path,
        "government": government,
    }
    # 202 Accepted, as the workspace's waiting page: the file is on its way; never kept by a cache.
    response = render(request, "public/pdf_waiting.html", context, status=202)
    add_never_cache_headers(response)
    return response
