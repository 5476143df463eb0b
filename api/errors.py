"""Errors as JSON in both languages: DRF's own, plus a write refused by a model guard (`LockError`, 403) and a
rule only the model checks (`ValidationError`, 400). A write that fails leaves nothing saved: the views run in
one transaction (`agencies.writes.serialised_writes`), rolled back on any answer of 400 or more."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from review.locks import LockError


def exception_handler(exc, context):
    if isinstance(exc, LockError):
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, ValidationError):
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
