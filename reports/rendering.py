"""PDFs rendered by a task worker, off the request path: a `RenderedFile` per document version, a task per render.

A request for a document's PDF (the download, or the report page asking ahead) builds the print HTML (~0,1 s),
hashes it with its stylesheets into the version, and `request_render` finds or creates that version's record.
A new record is queued (`render_document.enqueue`); a ready one is served at once. The unique (kind, version)
constraint makes it one record, hence one render, per version however many web processes on however many
machines ask at the same moment: the loser of the insert reads the winner's record. A worker renders one task
at a time (`manage.py task_worker`), so the renders running at once are bounded by the number of workers.

The worker renders the input stored with the record, not the data of the moment it runs: the version asked for
is the version rendered. A failed version is queued again when someone asks for its download again; a render that
is neither ready nor failed RENDER_STALE_SECONDS after it was queued (its worker was killed) is queued again too.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import traceback
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from reports.documents.pdf import html_to_pdf
from reports.models import RenderedFile
from sakip.tasks_api import task

logger = logging.getLogger(__name__)

Status = RenderedFile.Status
# Every column but the two large ones: what a status question or a queue decision needs.
LIGHT_FIELDS = ("source", "content")


def render_version(html: str, stylesheets: Sequence[str]) -> str:
    """The version of a render input: the SHA-256 of its stylesheets and HTML (the same input, the same bytes)."""
    return hashlib.sha256("".join([*stylesheets, html]).encode()).hexdigest()


def _pack(html: str, stylesheets: Sequence[str]) -> bytes:
    return zlib.compress(json.dumps({"html": html, "stylesheets": list(stylesheets)}).encode(), 6)


def _unpack(source) -> tuple[str, list[str]]:
    data = json.loads(zlib.decompress(bytes(source)))
    return data["html"], data["stylesheets"]


@dataclass(frozen=True)
class RenderInput:
    """What a worker needs to render one version of a document, and where the file belongs."""

    kind: str
    agency: object  # agencies.models.Agency; None for a Pemda's document
    year: int | None
    filename: str
    html: str
    stylesheets: tuple[str, ...]
    government: object = None  # agencies.models.Government: the owner of a Pemda's document (agency None)

    @property
    def version(self) -> str:
        return render_version(self.html, self.stylesheets)


def _light(queryset):
    return queryset.defer(*LIGHT_FIELDS)


def request_render(source: RenderInput, *, retry_failed: bool = True) -> RenderedFile:
    """The record of this version, queued for rendering if nobody has asked for it yet (or, with `retry_failed`,
    if its render failed, or if it was lost). Returned without its file; its status as it is after the enqueue
    (with the immediate backend of the tests, the render has happened by then)."""
    version = source.version
    records = RenderedFile.objects.filter(kind=source.kind, version=version)
    record = _light(records).first()
    if record is None:
        try:
            with transaction.atomic():
                record = RenderedFile.objects.create(
                    kind=source.kind,
                    version=version,
                    agency=source.agency,
                    government=source.government,
                    year=source.year,
                    filename=source.filename,
                    source=_pack(source.html, source.stylesheets),
                    queued_at=timezone.now(),
                )
        except IntegrityError:  # another request inserted the same version a moment ago: theirs is ours
            return _light(records).get()
        _enqueue(record.pk)
    elif _needs_another_render(record, retry_failed):
        # Only the request whose update finds the record still failed (or still lost) queues it: one render.
        requeued = records.filter(status=record.status, queued_at=record.queued_at).update(
            status=Status.QUEUED,
            source=_pack(source.html, source.stylesheets),
            queued_at=timezone.now(),
            started_at=None,
            finished_at=None,
            error="",
        )
        if requeued:
            _enqueue(record.pk)
    else:
        return record
    # As it is now (the immediate backend has rendered it); gone only if a newer version superseded it at once.
    return _light(records).first() or record


def _needs_another_render(record: RenderedFile, retry_failed: bool) -> bool:
    if record.status == Status.FAILED:
        return retry_failed
    if record.status == Status.READY:
        return False
    return timezone.now() - record.queued_at > timedelta(seconds=settings.RENDER_STALE_SECONDS)


def _enqueue(record_id: int) -> None:
    render_document.enqueue(record_id)


@task()
def render_document(record_id: int) -> str:
    """Render one queued version and keep its file, with the time it took or the error it met.

    Claims the record first (queued → running in one UPDATE), so a second task for the same record (a version
    queued twice after a lost render) does nothing. A version whose document has a later version queued is not
    rendered: ten saves in a row cost one render, not ten. Returns the outcome: "ready", "failed", "skipped" or
    "superseded"."""
    started = timezone.now()
    claimed = RenderedFile.objects.filter(pk=record_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=started, attempts=F("attempts") + 1
    )
    if not claimed:
        return "skipped"
    record = RenderedFile.objects.only(
        "kind", "agency_id", "government_id", "year", "queued_at", "source"
    ).get(pk=record_id)
    if _superseded(record):
        # The document's data changed again before this version's turn came: its newer version is queued, and
        # the page waiting for this one moves on to that one (the status view then answers "unknown").
        RenderedFile.objects.filter(pk=record_id).delete()
        return "superseded"
    cpu = time.process_time()
    try:
        html, stylesheets = _unpack(record.source)
        content = html_to_pdf(html, stylesheets)
    except Exception:
        # The error is kept for the page that polls (the planner sees that it failed; the trace is for the
        # operator, in the admin and the worker's log); the task itself ends normally: the failure is recorded.
        logger.exception("Render of %s failed", record)
        RenderedFile.objects.filter(pk=record_id).update(
            status=Status.FAILED, finished_at=timezone.now(), error=traceback.format_exc(limit=8)
        )
        return "failed"
    RenderedFile.objects.filter(pk=record_id).update(
        status=Status.READY, content=content, size=len(content), source=b"", finished_at=timezone.now()
    )
    logger.info("Rendered %s: %d bytes, %.1f s CPU", record, len(content), time.process_time() - cpu)
    _prune(record)
    return "ready"


def _same_document(record: RenderedFile) -> dict:
    """The filter of every version of the record's document: its kind, owner (agency or Pemda) and year."""
    return {
        "kind": record.kind,
        "agency_id": record.agency_id,
        "government_id": record.government_id,
        "year": record.year,
    }


def _superseded(record: RenderedFile) -> bool:
    """Whether a later version of the same document has been asked for since this one was queued."""
    return (
        RenderedFile.objects.filter(**_same_document(record))
        .filter(queued_at__gt=record.queued_at)
        .exclude(pk=record.pk)
        .exists()
    )


def _prune(record: RenderedFile) -> None:
    """Keep the RENDER_KEEP_VERSIONS newest finished versions of this document; an older one asked for again is
    rendered again."""
    finished = RenderedFile.objects.filter(**_same_document(record), status__in=(Status.READY, Status.FAILED))
    keep = list(
        finished.order_by("-finished_at", "-pk").values_list("pk", flat=True)[: settings.RENDER_KEEP_VERSIONS]
    )
    finished.exclude(pk__in=keep).delete()


def mark_lost(record_id: int, reason: str) -> None:
    """A render whose worker process died (killed, out of memory): failed, so that asking again renders it."""
    RenderedFile.objects.filter(pk=record_id, status=Status.RUNNING).update(
        status=Status.FAILED, finished_at=timezone.now(), error=reason
    )


def ready_file(kind: str, version: str, agency, year: int | None, *, government=None) -> RenderedFile | None:
    """The ready record of this version of this document, with its file; None otherwise (another agency's or
    Pemda's version is None as well). A Pemda's document: `agency` None and its `government`."""
    return RenderedFile.objects.filter(
        kind=kind, version=version, agency=agency, government=government, year=year, status=Status.READY
    ).first()


def find_version(
    kind: str, version: str, agency, year: int | None, *, government=None
) -> RenderedFile | None:
    """This document's record of `version` without its file, whatever its status; None if there is none."""
    records = RenderedFile.objects.filter(
        kind=kind, version=version, agency=agency, government=government, year=year
    )
    return _light(records).first()


def progress(record: RenderedFile) -> dict:
    """What the waiting page shows: the status, the seconds waited, the renders queued before this one and, from
    the last render of the same document, an estimate of the seconds a render takes."""
    now = timezone.now()
    answer = {"status": record.status, "waited": round((now - record.queued_at).total_seconds(), 1)}
    if record.status == Status.QUEUED:
        answer["ahead"] = RenderedFile.objects.filter(
            status__in=(Status.QUEUED, Status.RUNNING), queued_at__lt=record.queued_at
        ).count()
    if record.status == Status.RUNNING and record.started_at:
        answer["running"] = round((now - record.started_at).total_seconds(), 1)
    if record.status in (Status.QUEUED, Status.RUNNING):
        last = (
            RenderedFile.objects.filter(
                **_same_document(record), status=Status.READY, started_at__isnull=False
            )
            .order_by("-finished_at")
            .values_list("started_at", "finished_at")
            .first()
        )
        if last:
            answer["estimate"] = round((last[1] - last[0]).total_seconds(), 1)
    return answer


def task_ended(sender, task_result, **kwargs) -> None:
    """`task_finished` receiver (reports.apps): a render task that failed outside its own error handling (its
    worker process was killed or crashed, `task_worker`) leaves its record failed, not running for ever."""
    if task_result.task.module_path != render_document.module_path or task_result.status != "FAILED":
        return
    errors = task_result.errors
    mark_lost(task_result.args[0], errors[-1].traceback if errors else "render task failed")
