"""One writer per agency at a time: a POST that writes an agency's data runs in one transaction, begun with
the agency's write lock, so that what it reads (the stored rows, the review state, a pending import) cannot
change before it writes.

Without it, two saves of the same grid row within milliseconds both read the same stored values, both pass the
conflict check (`sakip/concurrency.py`) and the second silently overwrites the first; on SQLite the second
upgrade of a read lock to a write lock fails at once with "database is locked" (a 500).

- SQLite: the transaction begins with `BEGIN IMMEDIATE` (`transaction_mode` in `sakip/settings/base.py`), which
  takes the database's write lock; a second writer waits (`timeout`) and then reads what the first wrote.
- PostgreSQL: the agency's row is locked (`SELECT … FOR UPDATE`); a second writer of the same agency waits
  there, then reads the committed rows (READ COMMITTED takes a new snapshot per statement).

The waiting request then finds the other's change: a grid row becomes a conflict (the conflict message), a
review transition finds the state changed, an import confirmation finds it applied.
"""

from __future__ import annotations

from functools import wraps

from django.db import connection, transaction

from .models import Agency


def lock_agency(code: str) -> None:
    """Inside a transaction: wait for, then hold, the agency's write lock until the transaction ends."""
    if not connection.features.has_select_for_update:
        return  # SQLite: the immediate transaction already holds the whole database's write lock
    list(Agency.objects.select_for_update().filter(code=code).values_list("pk", flat=True))


def serialised_writes(view):
    """Run a POST (the view reads, checks and writes) in one transaction holding the agency's write lock.

    Put it above `agency_view`, so that the access and review-lock checks are inside the transaction too.
    GET requests (and the read-only previews, which are not decorated) run as before.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        # An anonymous POST is sent to the login page by the view: it must not take the write lock first (on
        # SQLite that is the whole database's).
        if request.method != "POST" or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            lock_agency(kwargs.get("code", ""))
            response = view(request, *args, **kwargs)
            # Refused (e.g. a frozen year met by a model guard): nothing of what the view wrote stays.
            if response.status_code >= 400:
                transaction.set_rollback(True)
            return response

    return wrapper
