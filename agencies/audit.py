"""Recording the audit history (django-simple-history): who changed which plan, target, realisation, budget or
narrative row, when, and through which door (screen, Excel workbook, dataset import).

Every tracked model declares `history = AuditedRecords()`. A save or delete writes one history row with the
full state of the row; `HistoryRequestMiddleware` supplies the signed-in user (None outside a request: shown as
"sistem"). `workspace/history/entries.py` turns consecutive rows of one object into "field: old → new" entries.

A dataset import writes in bulk under `history_paused()`: no history row per replaced (deleted) record, which
would also force row-by-row inserts; one baseline row per imported record (`baseline_record`, reason "import"),
so that the first later edit still shows old → new; and one import event on the agency
(`import_event_record`). The history page lists the event, not the baselines.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection
from django.utils import timezone
from simple_history.models import HistoricalRecords

# How a change reached the database; stored in `history_change_reason`. None: a form or grid on screen.
VIA_WORKBOOK = "excel"
VIA_IMPORT = "import"
VIA_SIPD = "sipd"
VIA_API = "api"  # a personal key or the browser session through /api/ (api/views/writes.py)

_paused: ContextVar[bool] = ContextVar("history_paused", default=False)
_reason: ContextVar[str | None] = ContextVar("history_reason", default=None)


@contextmanager
def history_paused() -> Iterator[None]:
    """No history rows for saves and deletes inside the block (this thread or task only)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


@contextmanager
def history_reason(reason: str) -> Iterator[None]:
    """History rows written inside the block carry `reason` (how the change was made)."""
    token = _reason.set(reason)
    try:
        yield
    finally:
        _reason.reset(token)


def current_reason() -> str | None:
    return _reason.get()


class AuditedRecords(HistoricalRecords):
    """HistoricalRecords that can be paused per thread (simple-history only has a global switch) and that
    takes the change reason from `history_reason()`."""

    def post_save(self, instance, created, using=None, **kwargs):
        if not _paused.get():
            super().post_save(instance, created, using=using, **kwargs)

    def pre_delete(self, instance, **kwargs):
        if not _paused.get():
            super().pre_delete(instance, **kwargs)

    def post_delete(self, instance, using=None, **kwargs):
        if not _paused.get():
            super().post_delete(instance, using=using, **kwargs)

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not _paused.get():
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)

    def get_change_reason_for_object(self, instance, history_type, using):
        return super().get_change_reason_for_object(instance, history_type, using) or _reason.get()


def baseline_record(model, pks, *, reason: str = VIA_IMPORT, batch: int = 500) -> None:
    """A "created" history row for each of the rows `pks`, copied by the database itself (INSERT … SELECT):
    no model instance per row, so recording the baselines of a 5.000-row import costs a few statements."""
    pks = list(pks)
    history = model.history.model
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in history.tracked_fields)
    when = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        for start in range(0, len(pks), batch):
            chunk = pks[start : start + batch]
            cursor.execute(
                f"INSERT INTO {qn(history._meta.db_table)} ({columns}, history_date, history_type, "
                f"history_change_reason, history_user_id) SELECT {columns}, %s, '+', %s, NULL "
                f"FROM {qn(model._meta.db_table)} WHERE {qn(model._meta.pk.column)} IN "
                f"({', '.join(['%s'] * len(chunk))})",
                [when, reason, *chunk],
            )


def import_event_record(agency, *, replaced: bool) -> None:
    """The import event (a history row of the agency: "changed" when replaced, else "created"), and the
    baselines of what the import created one by one (the plan) or completed after inserting (unit parents)."""
    type(agency).history.bulk_history_create([agency], update=replaced, default_change_reason=VIA_IMPORT)
    for related in (agency.plans, agency.org_units):
        baseline_record(related.model, related.values_list("pk", flat=True))
