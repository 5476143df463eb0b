"""Every agency's LKjIP of a year at once, for the Pemda (`reports.batch`): the page that starts the batch and
follows it, its progress box (polled with htmx, or the page reloads itself without JavaScript) and the zip.

Starting is for those who may administer the Pemda (`request.can_administer`, `pemda_view` refuses the POST of
anyone else); the inspectorate follows the progress and downloads the zip. The page shows the newest batch of the
year: a second start while one is still being worked on is that batch.
"""

from __future__ import annotations

import tempfile

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from reports.batch import batch_progress, batch_start, batch_zip, latest_batch, zip_name
from workspace.access import pemda_view
from workspace.forms.pemda_batch import BatchStart

NOSCRIPT_REFRESH_SECONDS = 5


def _context(government, year, batch) -> dict:
    progress = batch_progress(batch) if batch is not None else None
    return {
        "government": government,
        "year": year,
        "progress": progress,
        "zip_name": zip_name(batch) if batch is not None else "",
        "refresh_seconds": NOSCRIPT_REFRESH_SECONDS,
    }


@pemda_view
@require_http_methods(["GET", "HEAD", "POST"])
def batch(request, government, year):
    """The newest batch's progress, and (for the Pemda's administrators) the form that starts one."""
    form = BatchStart(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        batch_start(government, year, form.cleaned_data["formats"], request.user)
        return redirect("pemda:batch", code=government.code, year=year)
    context = _context(government, year, latest_batch(government, year))
    context["form"] = form
    return render(request, "pemda/batch.html", context, status=400 if form.is_bound else 200)


@pemda_view
@require_safe
def batch_status(request, government, year):
    """The progress box alone, asked for every two seconds by the page until the batch has finished."""
    return render(
        request, "pemda/_batch_progress.html", _context(government, year, latest_batch(government, year))
    )


@pemda_view
@require_safe
def batch_download(request, government, year):
    """The zip of the newest batch once every agency's files are ready or failed; 404 before."""
    found = latest_batch(government, year)
    if found is None or not batch_progress(found).complete:
        raise Http404("Belum ada laporan yang selesai dibuat / no finished batch")
    # Built into a temporary file, not in memory: fifty PDFs; the file goes when the response is closed.
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it)
    batch_zip(found, spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=zip_name(found), content_type="application/zip")
