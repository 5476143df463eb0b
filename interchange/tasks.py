"""Imports run by a task worker, off the request path: a confirmed workbook preview, a dataset file.

A run is an `ImportRun` record holding everything its task needs (the workbook's bytes and the preview's digest, or
the dataset's text, and who asked); the task gets its id. The task checks again, at the moment it runs, what the
request checked when it queued the run, because time passes in between:

- the user may still see and write the agency (`workspace.access`), and the year is still writable (`review.locks`:
  not submitted, not approved meanwhile);
- a workbook still gives the very changes that were previewed (`changes_digest`): if someone saved one of those
  figures meanwhile, nothing is written and the run says so;
- everything is written in one transaction holding the agency's write lock (`agencies.writes.lock_agency`, the
  lock of `serialised_writes`), or nothing is.

The run records its outcome: done with a summary of what was written, or failed with the reason (Indonesian /
English). A task claims its run first (queued → running in one UPDATE), so a run queued twice is applied once.
"""

from __future__ import annotations

import logging
import traceback
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from agencies.models import Profile, role_of
from agencies.writes import lock_agency
from review.locks import LockError, status_of
from sakip.tasks_api import task
from workspace.access import can_edit, visible_agencies

from .dataset.validation import DatasetError, parse_json
from .dataset.writing import dataset_import
from .models import AppliedImport, ImportRun
from .workbook.applying import workbook_apply
from .workbook.reading import changes_digest, workbook_changes

logger = logging.getLogger(__name__)

Status = ImportRun.Status

STALE = (
    "Data telah diubah sejak pratinjau dibuat, sehingga perubahan tidak lagi sesuai; tidak ada yang disimpan. "
    "Unggah berkas lagi untuk melihat pratinjau terbaru. / The data changed after the preview was made; nothing "
    "was saved. Upload the file again to see a new preview."
)
NO_ACCESS = (
    "Anda tidak lagi berhak mengubah data perangkat daerah ini; tidak ada yang disimpan. / You may no longer "
    "change this agency's data; nothing was saved."
)
INVALID = (
    "Berkas tidak dapat diimpor; tidak ada yang disimpan. / The file cannot be imported; nothing was saved."
)
SERVER_ERROR = (
    "Impor gagal karena kesalahan server; tidak ada yang disimpan. Coba lagi; bila tetap gagal, beri tahu admin "
    "(rinciannya tercatat di server). / The import failed with a server error; nothing was saved."
)


WORKER_LOST = (
    "Pekerja latar berhenti sebelum impor selesai; tidak ada yang disimpan. Unggah berkas lagi. / The background "
    "worker stopped before the import finished; nothing was saved. Upload the file again."
)


class Refused(Exception):
    """The run writes nothing: `message` says why (Indonesian / English), `problems` lists where."""

    def __init__(self, message: str, problems: list | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


def pack(data: bytes) -> bytes:
    return zlib.compress(data, 6)


def _unpack(source) -> bytes:
    return zlib.decompress(bytes(source))


@contextmanager
def _acting_as(user) -> Iterator[None]:
    """History rows written inside the block name `user`, as a request's would (in a worker there is no request;
    inside a request, the immediate backend of the tests, its user is already there)."""
    context = HistoricalRecords.context
    if user is None or getattr(getattr(context, "request", None), "user", None) is not None:
        yield
        return
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        del context.request


def _claim(run_id: int) -> ImportRun | None:
    claimed = ImportRun.objects.filter(pk=run_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    return ImportRun.objects.select_related("user", "user__profile").get(pk=run_id)


def fail_if_lost(run: ImportRun) -> ImportRun:
    """A run still "running" IMPORT_STALE_SECONDS after it started lost its worker (the whole worker was killed,
    so no `task_finished` came): its transaction was rolled back, so nothing was written. Say so, once."""
    cutoff = timezone.now() - timedelta(seconds=settings.IMPORT_STALE_SECONDS)
    if run.status != Status.RUNNING or run.started_at is None or run.started_at > cutoff:
        return run
    lost = ImportRun.objects.filter(pk=run.pk, status=Status.RUNNING, started_at__lte=cutoff)
    if lost.update(status=Status.FAILED, finished_at=timezone.now(), source=b"", error=WORKER_LOST):
        run.refresh_from_db(fields=["status", "finished_at", "error"])
    return run


def _finish(run_id: int, status: str, **fields) -> None:
    ImportRun.objects.filter(pk=run_id).update(
        status=status, finished_at=timezone.now(), source=b"", **fields
    )


def _run(run_id: int, apply) -> str:
    """Claim the run, apply it (all or nothing), record the outcome; returns the status ("skipped": not queued)."""
    run = _claim(run_id)
    if run is None:
        return "skipped"
    try:
        with transaction.atomic():
            summary = apply(run)
    except Refused as refused:
        _finish(run_id, Status.FAILED, error=refused.message, problems=refused.problems)
        return Status.FAILED
    except Exception:
        logger.exception("Import run %s failed", run_id)
        _finish(run_id, Status.FAILED, error=SERVER_ERROR, detail=traceback.format_exc(limit=8))
        return Status.FAILED
    _finish(run_id, Status.DONE, summary=summary)
    return Status.DONE


def _writable_agency(run: ImportRun):
    """The run's agency, if its user may still write it and its year (the checks of `agency_view`, now)."""
    user = run.user
    if user is None or not user.is_active:
        raise Refused(NO_ACCESS)
    agency = visible_agencies(user).filter(pk=run.agency_id).first()
    if agency is None or not can_edit(user, agency):
        raise Refused(NO_ACCESS)
    if run.year is not None:
        status = status_of(agency, run.year)
        if not status.writable:
            raise Refused(status.block_message)
    return agency


def _apply_workbook(run: ImportRun) -> dict:
    lock_agency(run.agency_code)  # first: what is checked below cannot change before the write
    agency = _writable_agency(run)
    changes, problems = workbook_changes(agency, run.year, _unpack(run.source))
    if problems:
        raise Refused(
            INVALID,
            [{"where": p.sheet, "row": p.row, "column": p.column, "message": p.message} for p in problems],
        )
    if changes_digest(changes) != run.digest:
        raise Refused(STALE)
    try:
        with _acting_as(run.user):
            count = workbook_apply(agency, run.year, changes)
    except LockError as error:  # a quarter closed or a printed year frozen meanwhile (review.locks)
        raise Refused(" ".join(error.messages)) from error
    AppliedImport.objects.create(name=run.name, agency=agency, year=run.year, user=run.user, values=count)
    kinds = Counter(change.slot[0] for change in changes)
    return {"values": count, **{kind: kinds[kind] for kind in ("target", "realisation", "budget")}}


def _apply_dataset(run: ImportRun) -> dict:
    lock_agency(run.agency_code)
    # Asked by a signed-in user: only an administrator imports datasets (the command asks as "sistem", no user).
    if run.user is not None and role_of(run.user) != Profile.Role.ADMIN:
        raise Refused(NO_ACCESS)
    try:
        data = parse_json(_unpack(run.source))
        with _acting_as(run.user):
            summary = dataset_import(data, replace=run.replace)
    except DatasetError as error:
        raise Refused(
            INVALID,
            [{"where": p.path, "row": None, "column": "", "message": p.message} for p in error.problems],
        ) from error
    ImportRun.objects.filter(pk=run.pk).update(agency=summary.agency)
    return {"agency": summary.agency.code, "replaced": summary.replaced, "counts": summary.counts}


@task()
def apply_workbook(run_id: int) -> str:
    """Apply a confirmed workbook preview (`interchange.views.confirm` queues it)."""
    return _run(run_id, _apply_workbook)


@task()
def import_dataset(run_id: int) -> str:
    """Import a `sakip-dataset/1` file (`manage.py import_dataset` queues it)."""
    return _run(run_id, _apply_dataset)


def run_ended(sender, task_result, **kwargs) -> None:
    """`task_finished` receiver (interchange.apps): an import task that failed outside its own error handling (its
    worker process was killed) leaves its run failed, not running for ever."""
    paths = (apply_workbook.module_path, import_dataset.module_path)
    if task_result.task.module_path not in paths or task_result.status != "FAILED":
        return
    errors = task_result.errors
    ImportRun.objects.filter(pk=task_result.args[0], status__in=(Status.QUEUED, Status.RUNNING)).update(
        status=Status.FAILED,
        finished_at=timezone.now(),
        source=b"",
        error=SERVER_ERROR,
        detail=errors[-1].traceback if errors else "import task failed",
    )
