"""SIPD import screens: upload an export, preview old → new per sub kegiatan, confirm (all or nothing); map the codes
the Renstra does not know (`SipdCodeMapping`), remembered for the next import.

As in the Excel import (interchange/views.py), the uploaded bytes wait under MEDIA_ROOT/imports/ between preview
and confirmation, named in a signed token with the preview's digest; confirming re-reads the file under the
agency's write lock (`serialised_writes`) and writes only if it still gives the previewed changes. It runs inline:
an agency has tens of sub kegiatan, one save each. A second confirmation finds its `AppliedImport`.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from agencies.writes import serialised_writes
from budgets.models import SubActivity
from sakip.forms import input_str
from sakip.numbers import EMPTY
from workspace.access import agency_view, current_plan_or_404, plan_or_404
from workspace.shell import workspace_context

from ..models import AppliedImport, SipdCodeMapping
from .applying import sipd_apply
from .reading import Preview, field_label, max_bytes, sipd_digest, sipd_preview

TOKEN_SALT = "interchange.sipd-import"
TOKEN_MAX_AGE = 60 * 60
STALE_SECONDS = 24 * 60 * 60
NAME_RE = re.compile(r"^sipd-[0-9a-f]{32}\.(xlsx|csv)$")
EXPIRED = "Pratinjau kedaluwarsa atau tidak sah; unggah berkas lagi. Tidak ada yang disimpan. / The preview expired or is invalid; upload the file again. Nothing was saved."
STALE = (
    "Data telah diubah sejak pratinjau dibuat; tidak ada yang disimpan. Periksa pratinjau terbaru di bawah. / The "
    "data changed after the preview was made; nothing was saved. Check the new preview below."
)


class SipdUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas ekspor SIPD (.xlsx atau .csv)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )


class MappingForm(forms.Form):
    sipd_code = forms.CharField(
        label=_("Kode sub kegiatan di SIPD"),
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    sub_activity = forms.ModelChoiceField(
        label=_("Sub kegiatan di Renstra"),
        queryset=SubActivity.objects.none(),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["sub_activity"]
        field.queryset = SubActivity.objects.filter(activity__program__plan=plan).order_by("code", "pk")  # type: ignore[attr-defined]
        field.label_from_instance = lambda sub: f"{sub.code} {sub.name}"  # type: ignore[attr-defined]

    def clean_sipd_code(self):
        return " ".join(self.cleaned_data["sipd_code"].split())


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _keep(data: bytes, kind: str) -> str:
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    limit = time.time() - STALE_SECONDS
    for path in folder.glob("sipd-*"):  # previews nobody confirmed must not pile up
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass
    name = f"sipd-{secrets.token_hex(16)}.{kind}"
    (folder / name).write_bytes(data)
    return name


def _token(request, agency, year, name: str, digest: str) -> str:
    payload = {"file": name, "digest": digest, "agency": agency.code, "year": year, "user": request.user.pk}
    return signing.dumps(payload, salt=TOKEN_SALT)


def _kept(request, agency, year, token: str) -> tuple[str, bytes | None, dict]:
    """(file name, bytes, payload) of a preview's kept file; bytes None when the token or file is not valid."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return "", None, {}
    name = payload.get("file", "")
    if (payload.get("agency"), payload.get("year"), payload.get("user")) != (
        agency.code,
        year,
        request.user.pk,
    ) or not NAME_RE.match(name):
        return "", None, {}
    path = _folder() / name
    return name, (path.read_bytes() if path.exists() else None), payload


def _show(value) -> str:
    return EMPTY if value is None else input_str(value)


def _page(request, agency, year, **extra):
    context = workspace_context(request, agency, section="budget", year=year, **extra)
    return render(request, "interchange/sipd_upload.html", context)


def _preview_page(request, agency, year, plan, name: str, data: bytes, preview: Preview | None = None):
    preview = preview or sipd_preview(agency, year, plan, data, name)
    token = ""
    if NAME_RE.match(name) and (preview.changes or preview.unknown):
        digest = sipd_digest(preview.changes)
        token = _token(request, agency, year, name, digest)
    rows = [
        {
            "change": change,
            "cells": [
                {
                    "old": _show(change.old.get(f)),
                    "new": _show(change.new.get(f)),
                    "changed": f in change.changed,
                }
                for f in preview.fields
            ],
        }
        for change in preview.changes
    ]
    mapping_url = reverse("interchange:sipd_mapping", args=[agency.code])
    unknown = [
        {
            "code": u,
            "url": mapping_url + "?" + urlencode({"kode": u.code, "tahun": year, "pratinjau": token}),
        }
        for u in preview.unknown
    ]
    if preview.problems:
        messages.error(
            request,
            "Berkas tidak diimpor; perbaiki masalah di bawah lalu unggah lagi. Tidak ada yang disimpan. / The file "
            "was not imported; fix the problems below and upload it again. Nothing was saved.",
        )
    elif not preview.changes:
        messages.info(
            request,
            "Tidak ada perubahan: semua angka di berkas sama dengan data tersimpan. / No change: every figure "
            "in the file is already stored.",
        )
    return _page(
        request,
        agency,
        year,
        form=SipdUploadForm(),
        preview=preview,
        headers=[field_label(f) for f in preview.fields],
        rows=rows,
        unknown=unknown,
        token=token if preview.changes and not preview.problems else "",
    )


@agency_view
def upload(request, agency, year):
    """GET: the form (or, with ?pratinjau=, the preview of a kept file again, after mapping a code); POST: the
    preview of an uploaded export."""
    plan = plan_or_404(agency, year)
    if request.method != "POST":
        token = request.GET.get("pratinjau", "")
        if token:
            name, data, _payload = _kept(request, agency, year, token)
            if data is None:
                messages.error(request, EXPIRED)
                return redirect("interchange:sipd_upload", agency.code, year)
            return _preview_page(request, agency, year, plan, name, data)
        return _page(request, agency, year, form=SipdUploadForm())
    form = SipdUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, agency, year, form=form)
    upload_file = form.cleaned_data["file"]
    data = upload_file.read(max_bytes() + 1)  # one byte more than allowed: the parser says "too large"
    original = (upload_file.name or "").lower()
    preview = sipd_preview(agency, year, plan, data, original)
    # Kept for the confirmation, or for a new preview once the unknown codes are mapped.
    keep = preview.changes or preview.unknown
    name = _keep(data, "csv" if original.endswith(".csv") else "xlsx") if keep else original
    return _preview_page(request, agency, year, plan, name, data, preview)


@serialised_writes
@agency_view
@require_POST
def confirm(request, agency, year):
    """Apply a confirmed preview inline, under the agency's write lock: all of it, or nothing."""
    plan = plan_or_404(agency, year)
    back = reverse("interchange:sipd_upload", args=[agency.code, year])
    name, data, payload = _kept(request, agency, year, request.POST.get("token", ""))
    if name and (applied := AppliedImport.objects.filter(name=name).first()) is not None:
        messages.info(
            request,
            f"Impor ini sudah diterapkan ({applied.values} nilai disimpan); tidak ada yang disimpan lagi. / This "
            "import was already applied; nothing was saved again.",
        )
        return redirect("budgets:entry", agency.code, year)
    if data is None:
        messages.error(request, EXPIRED)
        return redirect(back)
    preview = sipd_preview(agency, year, plan, data, name)
    if preview.problems or sipd_digest(preview.changes) != payload.get("digest"):
        messages.error(request, STALE)
        return redirect(back + "?" + urlencode({"pratinjau": request.POST["token"]}))
    with transaction.atomic():
        count = sipd_apply(agency, year, preview.changes)
        AppliedImport.objects.create(name=name, agency=agency, year=year, user=request.user, values=count)
    (_folder() / name).unlink(missing_ok=True)
    messages.success(
        request,
        f"Impor SIPD disimpan: {count} nilai pada {len(preview.changes)} sub kegiatan. / SIPD import saved: "
        f"{count} values in {len(preview.changes)} sub kegiatan.",
    )
    return redirect("budgets:entry", agency.code, year)


@serialised_writes
@agency_view
def mapping(request, agency):
    """The agency's SIPD codes mapped to its sub kegiatan: add one (from the preview's unknown codes), or remove
    one. After adding from a preview, back to that preview."""
    year_text = request.GET.get("tahun") or request.POST.get("tahun") or ""
    year = int(year_text) if year_text.isdigit() else None
    plan = (agency.plans.covering(year).first() if year else None) or current_plan_or_404(agency)
    token = request.GET.get("pratinjau") or request.POST.get("pratinjau") or ""
    form = MappingForm(plan=plan, initial={"sipd_code": request.GET.get("kode", "")})
    if request.method == "POST":
        if "hapus" in request.POST:
            pk = request.POST.get("hapus", "")
            SipdCodeMapping.objects.filter(agency=agency, pk=int(pk) if pk.isdigit() else 0).delete()
            messages.success(request, "Pemetaan dihapus. / Mapping removed.")
            return redirect("interchange:sipd_mapping", agency.code)
        form = MappingForm(request.POST, plan=plan)
        if form.is_valid():
            code, sub = form.cleaned_data["sipd_code"], form.cleaned_data["sub_activity"]
            SipdCodeMapping.objects.update_or_create(
                agency=agency, sipd_code=code, defaults={"sub_activity": sub, "created_by": request.user}
            )
            messages.success(
                request,
                f"Kode SIPD {code} dipetakan ke {sub.code}; dipakai pada setiap impor berikutnya. / SIPD code "
                f"{code} mapped to {sub.code}; used by every later import.",
            )
            if token and year:
                url = reverse("interchange:sipd_upload", args=[agency.code, year])
                return redirect(url + "?" + urlencode({"pratinjau": token}))
            return redirect("interchange:sipd_mapping", agency.code)
    mappings = (
        SipdCodeMapping.objects.filter(agency=agency).select_related("sub_activity").order_by("sipd_code")
    )
    context = workspace_context(
        request,
        agency,
        section="budget",
        year=year,
        form=form,
        mappings=mappings,
        mapping_year=year,
        token=token,
    )
    return render(request, "interchange/sipd_mapping.html", context)
