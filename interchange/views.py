"""Workbook import screens: download the template, upload it back, preview every change, confirm.

Between preview and confirm the uploaded bytes wait under MEDIA_ROOT/imports/ under a random name; the confirm
form carries that name in a signed token together with a digest of the previewed changes. Confirming queues an
import run (`ImportRun`, applied by the task `tasks.apply_workbook`) and shows its page, which follows the run.
The task re-reads the file against the database as it is then: if the list of changes differs (someone saved
meanwhile), nothing is written and the run page asks the planner to upload again. One run per preview: a second
confirmation (a double click) is sent to the same run, or told that it was already applied (`AppliedImport`).
"""

from __future__ import annotations

import re
import secrets
import time
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencies.writes import serialised_writes
from sakip.forms import input_str
from sakip.numbers import EMPTY
from sakip.xlsx import workbook_bytes
from workspace.access import agency_view, plan_or_404
from workspace.shell import workspace_context

from .forms import WorkbookUploadForm
from .models import AppliedImport, ImportRun
from .tasks import apply_workbook, fail_if_lost, pack
from .workbook.reading import changes_digest, workbook_changes
from .workbook.template import template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TOKEN_SALT = "interchange.workbook-import"
TOKEN_MAX_AGE = 60 * 60  # an unconfirmed preview expires after an hour
STALE_SECONDS = 24 * 60 * 60
NAME_RE = re.compile(r"^[0-9a-f]{32}\.xlsx$")
NOSCRIPT_REFRESH_SECONDS = 3


def _imports_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _forget_stale_uploads(folder: Path) -> None:
    """Previews nobody confirmed must not pile up: drop files older than a day."""
    limit = time.time() - STALE_SECONDS
    for path in folder.glob("*.xlsx"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def _keep(data: bytes) -> str:
    folder = _imports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    _forget_stale_uploads(folder)
    name = f"{secrets.token_hex(16)}.xlsx"
    (folder / name).write_bytes(data)
    return name


def _show(value) -> str:
    return EMPTY if value is None else input_str(value)


def template_bytes(agency, year: int) -> bytes:
    """The template as a file: the same plan and figures give the same bytes (document dates derived from the
    year, as the LKjIP workbook's, and fixed zip entry times; `Workbook.save` would stamp the current time)."""
    workbook = template_workbook(agency, year)
    workbook.properties.created = workbook.properties.modified = datetime(year, 1, 1)
    return workbook_bytes(workbook)


@agency_view
def template_download(request, agency, year):
    plan_or_404(agency, year)
    response = HttpResponse(template_bytes(agency, year), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="templat-{agency.code}-{year}.xlsx"'
    return response


def _page(request, agency, year, **extra):
    context = workspace_context(request, agency, section="import", year=year, **extra)
    return render(request, "interchange/upload.html", context)


@agency_view
def upload(request, agency, year):
    plan_or_404(agency, year)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _page(request, agency, year, form=form)
    upload_file = form.cleaned_data["file"]
    changes, problems = workbook_changes(agency, year, upload_file)
    if problems:
        messages.error(
            request,
            _("Berkas tidak diimpor; perbaiki masalah di bawah lalu unggah lagi. Tidak ada yang disimpan."),
        )
        return _page(request, agency, year, form=WorkbookUploadForm(), problems=problems)
    if not changes:
        messages.info(request, _("Tidak ada perubahan: semua nilai di berkas sama dengan data tersimpan."))
        return _page(request, agency, year, form=WorkbookUploadForm())
    upload_file.seek(0)
    name = _keep(upload_file.read())
    token = signing.dumps(
        {
            "file": name,
            "digest": changes_digest(changes),
            "agency": agency.code,
            "year": year,
            "user": request.user.pk,
        },
        salt=TOKEN_SALT,
    )
    rows = [{"change": c, "old": _show(c.old), "new": _show(c.new)} for c in changes]
    return _page(request, agency, year, form=WorkbookUploadForm(), changes=rows, token=token)


@serialised_writes
@agency_view
@require_POST
def confirm(request, agency, year):
    """Queue the confirmed preview as an import run (`tasks.apply_workbook`) and show the run's page.

    The task checks again, when it runs, what is checked here (access, the year's review state) and that the file
    still gives the previewed changes; it writes all of them or none. A second confirmation of the same preview
    finds its run: the run's page while it is on its way, "already applied" once it was."""
    plan_or_404(agency, year)
    back = reverse("interchange:upload", args=[agency.code, year])
    try:
        payload = signing.loads(request.POST.get("token", ""), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        messages.error(
            request, _("Pratinjau kedaluwarsa atau tidak sah; unggah berkas lagi. Tidak ada yang disimpan.")
        )
        return redirect(back)
    name = payload.get("file", "")
    path = _imports_dir() / name
    identity = (payload.get("agency"), payload.get("year"), payload.get("user"))
    if identity == (agency.code, year, request.user.pk) and NAME_RE.match(name):
        # Read under the agency's write lock (serialised_writes): a second click waits for the first, then
        # finds its run (and, once applied, its record).
        applied = AppliedImport.objects.filter(name=name).first()
        if applied is not None:
            messages.info(
                request,
                ngettext(
                    "Impor ini sudah diterapkan (%(n)d nilai disimpan); tidak ada yang disimpan lagi. "
                    "/ This import was already applied; nothing was saved again.",
                    "Impor ini sudah diterapkan (%(n)d nilai disimpan); tidak ada yang disimpan lagi. "
                    "/ This import was already applied; nothing was saved again.",
                    applied.values,
                )
                % {"n": applied.values},
            )
            return redirect(back)
        run = ImportRun.objects.filter(name=name, agency=agency, year=year).only("pk").first()
        if run is not None:
            messages.info(request, _("Impor ini sudah dikonfirmasi; tidak ada yang diantrekan lagi."))
            return redirect(_run_url(agency, year, run.pk))
    if identity != (agency.code, year, request.user.pk) or not NAME_RE.match(name) or not path.exists():
        messages.error(
            request, _("Pratinjau kedaluwarsa atau tidak sah; unggah berkas lagi. Tidak ada yang disimpan.")
        )
        return redirect(back)
    try:
        run = ImportRun.objects.create(
            kind=ImportRun.Kind.WORKBOOK,
            agency=agency,
            agency_code=agency.code,
            year=year,
            user=request.user,
            name=name,
            digest=payload["digest"],
            source=pack(path.read_bytes()),
        )
    finally:
        path.unlink(missing_ok=True)  # the run holds the bytes now (a worker needs only the database)
    apply_workbook.enqueue(run.pk)  # with the run, in this transaction: a worker sees both or neither
    return redirect(_run_url(agency, year, run.pk))


def _run_url(agency, year: int, pk: int) -> str:
    return reverse("interchange:run", args=[agency.code, year, pk])


def _run_or_404(agency, year: int, pk: int) -> ImportRun:
    run = get_object_or_404(
        ImportRun.objects.defer("source").select_related("user"),
        pk=pk,
        agency=agency,
        year=year,
        kind=ImportRun.Kind.WORKBOOK,
    )
    return fail_if_lost(run)


def _run_context(agency, year: int, run: ImportRun) -> dict:
    return {
        "run": run,
        "status_url": reverse("interchange:run_status", args=[agency.code, year, run.pk]),
        "refresh_seconds": NOSCRIPT_REFRESH_SECONDS,
    }


@agency_view
def run_page(request, agency, year, pk):
    """The run of a confirmed import: waiting (it follows itself, htmx or a reload), then what was saved or why
    nothing was. Whoever may see the agency may read it."""
    run = _run_or_404(agency, year, pk)
    if request.method not in (
        "GET",
        "HEAD",
    ):  # after the lookup: another agency's run is a 404 whatever the method
        return HttpResponseNotAllowed(["GET", "HEAD"])
    context = workspace_context(
        request, agency, section="import", year=year, **_run_context(agency, year, run)
    )
    # Another year's tab leads to that year's import screen (this run is this year's).
    context["year_links"] = [
        (y, reverse("interchange:upload", args=[agency.code, y])) for y in context["years"]
    ]
    return render(request, "interchange/run.html", context)


@agency_view
def run_status(request, agency, year, pk):
    """The run's status box alone, which the run page asks for every second until the run has finished."""
    run = _run_or_404(agency, year, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    context = {"agency": agency, "year": year, **_run_context(agency, year, run)}
    return render(request, "interchange/_run_status.html", context)
