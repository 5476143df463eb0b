"""Errors as JSON in both languages: DRF's own, plus a write refused by a model guard (`LockError`, 403) and a
rule only the model checks (`ValidationError`, 400). A write that fails leaves nothing saved: the views run in
one transaction (`agencies.writes.serialised_writes`), rolled back on any answer of 400 or more.

DRF's generic messages (no credentials, a method or media type the endpoint does not take, the rate limit, a
page past the end) come in one language only; they are replaced by bilingual ones. Messages of our own are
already written "Indonesian. / English." and are kept as they are."""

from __future__ import annotations

import math

from django.core.exceptions import ValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from review.locks import LockError


def exception_handler(exc, context):
    if isinstance(exc, LockError):
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, ValidationError):
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict):
        detail = response.data.get("detail")
        if isinstance(detail, str) and " / " not in detail:
            response.data["detail"] = bilingual(exc, response.status_code)
    return response


def bilingual(exc, status_code: int) -> str:
    """A bilingual message for one of DRF's generic refusals."""
    if isinstance(exc, exceptions.MethodNotAllowed):
        method = context_method(exc)
        return f"Metode {method} tidak tersedia di alamat ini. / Method {method} is not allowed here."
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return (
            "Jenis isi tidak didukung; kirim JSON (berkas: multipart). / Unsupported media type; send JSON."
        )
    if isinstance(exc, exceptions.Throttled):
        seconds = math.ceil(exc.wait or 1)
        return (
            f"Batas permintaan kunci ini terlampaui; coba lagi dalam {seconds} detik. / "
            f"The key's rate limit is exceeded; try again in {seconds} seconds."
        )
    return GENERIC.get(status_code, f"Permintaan ditolak. / Request refused ({status_code}).")


def context_method(exc) -> str:
    """The method DRF refused, from its message ('Method "DELETE" not allowed.'), in any language."""
    text = str(exc.detail)
    return text.split('"')[1] if text.count('"') >= 2 else ""


GENERIC = {
    400: "Permintaan tidak sah. / Bad request.",
    401: "Perlu kunci API ('Authorization: Token sakip_…') atau sesi masuk. / An API key ('Authorization: Token "
    "sakip_…') or a logged-in session is required.",
    403: "Anda tidak berhak melakukan ini. / You do not have permission to do this.",
    404: "Tidak ditemukan (atau halaman di luar daftar). / Not found (or a page past the end of the list).",
    406: "Hanya JSON yang dilayani. / Only JSON is served.",
}
