"""Workbook import screens: download the template, upload it back, preview every change, confirm.

Between preview and confirm the uploaded bytes wait under MEDIA_ROOT/imports/ under a random name; the confirm
form carries that name in a signed token together with a digest of the previewed changes. Confirming re-reads
the file against the database as it is then: if the list of changes differs (someone saved meanwhile),
nothing is written and the planner is asked to upload again. A confirmed preview is recorded (`AppliedImport`),
so that confirming it a second time (a double click) says it was already applied.
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
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencies.writes import serialised_writes
from sakip.forms import input_str
from sakip.numbers import EMPTY
from workspace.access import agency_view, plan_or_404
from workspace.shell import workspace_context

from .forms import WorkbookUploadForm
from .models import AppliedImport
from .workbook.applying import workbook_apply
from .workbook.reading import changes_digest, workbook_changes
from .workbook.template import template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TOKEN_SALT = "interchange.workbook-import"
TOKEN_MAX_AGE = 60 * 60  # an unconfirmed preview expires after an hour
STALE_SECONDS = 24 * 60 * 60
NAME_RE = re.compile(r"^[0-9a-f]{32}\.xlsx$")


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
    from sakip.xlsx import workbook_bytes

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
        # finds it applied.
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
    if identity != (agency.code, year, request.user.pk) or not NAME_RE.match(name) or not path.exists():
        messages.error(
            request, _("Pratinjau kedaluwarsa atau tidak sah; unggah berkas lagi. Tidak ada yang disimpan.")
        )
        return redirect(back)
    try:
        with transaction.atomic():
            changes, problems = workbook_changes(agency, year, path.read_bytes())
            if problems or changes_digest(changes) != payload["digest"]:
                messages.error(
                    request,
                    _(
                        "Data telah diubah sejak pratinjau dibuat, sehingga perubahan tidak lagi sesuai; tidak "
                        "ada yang disimpan. Unggah berkas lagi untuk melihat pratinjau terbaru."
                    ),
                )
                return redirect(back)
            count = workbook_apply(agency, year, changes)
            AppliedImport.objects.create(name=name, agency=agency, year=year, user=request.user, values=count)
    finally:
        path.unlink(missing_ok=True)
    messages.success(
        request,
        ngettext("%(n)d nilai dari berkas disimpan.", "%(n)d nilai dari berkas disimpan.", count)
        % {"n": count},
    )
    return redirect(back)
