"""The last resort for a busy database: a message and 503, never a 500.

Writes are serialised so that this should not happen (immediate transactions on SQLite, row locks on
PostgreSQL, conflicts re-checked inside the transaction: `sakip/grids.py`); if a lock still outlasts the wait
(`timeout` in the settings), the user is told to try again and nothing was saved (the transaction rolled back).
"""

from __future__ import annotations

from django.db import OperationalError
from django.http import HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext as _

# The messages of a lock that outlasted the wait: SQLite's, and PostgreSQL's lock timeout and deadlock.
_BUSY = ("database is locked", "database table is locked", "lock timeout", "deadlock detected")


def database_busy(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and any(text in str(error).lower() for text in _BUSY)


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_busy(exception):
            return None
        message = _(
            "Server sedang sibuk menyimpan perubahan lain; tidak ada yang disimpan. Coba lagi sebentar lagi. "
            "/ The server is busy saving another change; nothing was saved. Please try again in a moment."
        )
        response = HttpResponse(
            f'<!doctype html><html lang="id"><meta charset="utf-8"><title>503</title>'
            f'<p role="alert">{escape(message)}</p></html>',
            status=503,
        )
        response["Retry-After"] = "5"
        return response
