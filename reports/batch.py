"""Every agency's LKjIP of one year, for a whole Pemda: a batch of renders, its progress and one zip.

Starting a batch (`batch_start`) records it and queues `prepare_batch`; that task builds the agencies' reports a
few at a time (`reports_build`: a fixed set of queries per group, whatever the group's size), and for each agency
asks for its PDF through the one render pipeline (`reports.rendering.request_render`: a version rendered before is
reused, a new one is queued for the task workers) and makes its workbook from the same report object, so that an
agency's two files show the same data. An approved year is its approved edition, exactly as the agency's own
download serves it (`reports.registry.edition_render_input`, the edition's kept workbook).

Restart-safe: a member is recorded once its render has been asked for, and preparing skips the agencies already
recorded; a worker killed while preparing leaves the batch marked failed (`task_ended`), and starting again
reuses every file already rendered. The zip is made when downloaded, from the stored files, with fixed entry times
and names in order: the same files give the same bytes.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import IO, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from agencies.models import Agency, Government
from reports.lkjip.document import document_build
from reports.lkjip.editions import Edition
from reports.models import RenderBatch, RenderBatchMember, RenderedFile
from reports.readmodel.build import reports_build
from reports.readmodel.types import Report, ReportUnavailable
from reports.registry import LKJIP, document_render_input, edition_render_input
from reports.rendering import RenderInput, request_render
from sakip.tasks_api import task

logger = logging.getLogger(__name__)

Status = RenderedFile.Status
FORMATS = ("pdf", "xlsx")
# Agencies whose reports are built together: one fixed set of queries per group, and a bounded number of report
# objects in memory at once.
GROUP = 10
KEEP_BATCHES = 3  # per Pemda and year: the newest; older ones (and their workbooks) are deleted
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # every entry's time: the same files give the same zip


def batch_agencies(government: Government) -> list[Agency]:
    return list(Agency.objects.select_related("government").filter(government=government).order_by("code"))


def latest_batch(government: Government, year: int) -> RenderBatch | None:
    return RenderBatch.objects.filter(government=government, year=year).order_by("-created_at", "-pk").first()


def batch_create(government: Government, year: int, formats: Iterable[str], user: Any = None) -> RenderBatch:
    """A new batch of every agency of the Pemda (not yet prepared); older batches of the year beyond the newest
    KEEP_BATCHES are deleted."""
    wanted = set(formats)
    chosen = [f for f in FORMATS if f in wanted]
    batch = RenderBatch.objects.create(
        government=government,
        year=year,
        formats=",".join(chosen),
        requested_by=user,
        created_at=timezone.now(),
        total=Agency.objects.filter(government=government).count(),
    )
    keep = RenderBatch.objects.filter(government=government, year=year).order_by("-created_at", "-pk")
    RenderBatch.objects.filter(government=government, year=year).exclude(
        pk__in=list(keep.values_list("pk", flat=True)[:KEEP_BATCHES])
    ).delete()
    return batch


def batch_start(
    government: Government, year: int, formats: Iterable[str], user: Any = None
) -> tuple[RenderBatch, bool]:
    """The batch the Pemda's administrator asked for, and whether it is new: one still being worked on with the
    same formats is that batch (a second click starts nothing), otherwise a new one whose preparation is queued."""
    latest = latest_batch(government, year)
    wanted = set(formats)
    chosen = ",".join(f for f in FORMATS if f in wanted)
    if latest is not None and latest.formats == chosen and batch_progress(latest).working:
        return latest, False
    batch = batch_create(government, year, wanted, user)
    prepare_batch.enqueue(batch.pk)  # as `request_render` queues its renders: the record exists by now
    return batch, True


@task()
def prepare_batch(batch_id: int) -> str:
    """Ask for every agency's files of the batch (the renders run as tasks of their own)."""
    batch_prepare(batch_id)
    return "prepared"


@dataclass(frozen=True)
class AgencyFiles:
    """One agency's files of the year as a batch asks for them: the PDF's render input and the workbook, or why
    there are none."""

    agency: Agency
    approved: bool  # from the approved edition
    source: RenderInput | None  # the PDF's input (None: no PDF asked, or none possible)
    workbook: bytes
    error: str


def agencies_files(agencies: Sequence[Agency], year: int, formats: Iterable[str]) -> Iterator[AgencyFiles]:
    """Each agency's files (in the given order), its report built with a group of others (`reports_build`, a fixed
    set of queries per group); an approved year from its approved edition. An agency whose report cannot be built
    comes with the reason, and the others go on."""
    wanted = set(formats)
    for start in range(0, len(agencies), GROUP):
        group = agencies[start : start + GROUP]
        editions = {a.pk: e for a in group if (e := LKJIP.edition(a, year)) is not None}
        live = [a for a in group if a.pk not in editions]
        reports = reports_build(agencies=live, year=year) if live else {}
        for agency in group:
            yield _agency_files(agency, year, wanted, editions.get(agency.pk), reports.pop(agency.pk, None))


def _agency_files(
    agency: Agency, year: int, formats: set[str], edition: Edition | None, report: Report | None
) -> AgencyFiles:
    source, workbook = None, b""
    try:
        if edition is not None:
            source = edition_render_input(LKJIP, agency, year, edition) if "pdf" in formats else None
            workbook = edition.workbook if "xlsx" in formats else b""
        elif report is None:
            raise ReportUnavailable(
                f"Tidak ada Renstra yang mencakup tahun {year} / no Renstra covers {year}"
            )
        else:
            document = document_build(report)
            source = document_render_input(LKJIP, agency, year, document) if "pdf" in formats else None
            workbook = LKJIP.workbook(document) if "xlsx" in formats else b""
    except ReportUnavailable as exc:
        return AgencyFiles(agency, edition is not None, None, b"", str(exc))
    except Exception as exc:  # one agency's broken report does not stop the others'
        logger.exception("The LKjIP %s of %s could not be built", year, agency.code)
        error = f"Laporan tidak dapat dibuat / the report could not be built: {exc}"
        return AgencyFiles(agency, edition is not None, None, b"", error)
    return AgencyFiles(agency, edition is not None, source, workbook, "")


def batch_prepare(batch_id: int) -> None:
    """Record each agency not recorded yet, its PDF asked for and its workbook made, then mark the batch prepared.
    Run by `prepare_batch`, or in its own process by `render_report --all`."""
    batch = RenderBatch.objects.select_related("government").get(pk=batch_id)
    done = set(batch.members.values_list("agency_id", flat=True))
    agencies = [agency for agency in batch_agencies(batch.government) if agency.pk not in done]
    for files in agencies_files(agencies, batch.year, batch.format_list):
        _prepare_member(batch, files)
    RenderBatch.objects.filter(pk=batch.pk, prepared_at__isnull=True).update(prepared_at=timezone.now())


def _prepare_member(batch: RenderBatch, files: AgencyFiles) -> None:
    version, error = "", files.error
    if files.source is not None:
        try:
            # Asked before the member is recorded: a preparation cut short asks again, and finds the same record.
            version = request_render(files.source).version
        except Exception as exc:
            logger.exception("Batch %s: the render of %s could not be asked for", batch.pk, files.agency.code)
            error = f"PDF tidak dapat diminta / the PDF could not be queued: {exc}"
    try:
        with transaction.atomic():
            RenderBatchMember.objects.create(
                batch=batch,
                agency=files.agency,
                version=version,
                approved=files.approved,
                workbook=files.workbook,
                error=error,
            )
    except IntegrityError:  # prepared twice at once (a task queued again): the first record stands
        pass


def task_ended(sender: object, task_result: Any, **kwargs: object) -> None:
    """`task_finished` receiver (reports.apps): a preparation that failed (its worker killed, an error outside an
    agency's report) leaves its batch failed, so that the page offers to start again."""
    if task_result.task.module_path != prepare_batch.module_path or task_result.status != "FAILED":
        return
    errors = task_result.errors
    reason = errors[-1].traceback if errors else "preparation failed"
    RenderBatch.objects.filter(pk=task_result.args[0], prepared_at__isnull=True).update(
        error=_last_line(reason) or reason
    )


# --- progress --------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MemberProgress:
    agency: Agency
    status: str  # RenderedFile.Status: queued, running, ready or failed
    message: str  # why it failed
    approved: bool  # the approved edition


@dataclass(frozen=True)
class BatchProgress:
    batch: RenderBatch
    members: tuple[MemberProgress, ...]  # by agency code
    stalled: bool  # preparation neither finished nor failed long after it was asked for

    @property
    def total(self) -> int:
        return self.batch.total

    @property
    def ready(self) -> int:
        return sum(1 for m in self.members if m.status == Status.READY)

    @property
    def failed(self) -> tuple[MemberProgress, ...]:
        return tuple(m for m in self.members if m.status == Status.FAILED)

    @property
    def preparing(self) -> bool:
        return self.batch.prepared_at is None and not self.batch.error and not self.stalled

    @property
    def preparation_failed(self) -> str:
        if self.batch.error:
            return self.batch.error
        if self.stalled:
            return "Persiapan terhenti / the preparation stopped"
        return ""

    @property
    def pending(self) -> int:
        return sum(1 for m in self.members if m.status in (Status.QUEUED, Status.RUNNING))

    @property
    def complete(self) -> bool:
        """Every agency's files are ready or have failed: the zip (of the ready ones) may be downloaded."""
        return self.batch.prepared_at is not None and not self.pending

    @property
    def working(self) -> bool:
        """Still being prepared or rendered, and not so long ago that it must have been lost."""
        fresh = timezone.now() - self.batch.created_at <= timedelta(seconds=settings.RENDER_STALE_SECONDS)
        return fresh and (self.preparing or (self.batch.prepared_at is not None and self.pending > 0))


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def batch_progress(batch: RenderBatch) -> BatchProgress:
    """Each agency's state (two queries): its PDF's render status when a PDF was asked for, else ready."""
    members = list(
        batch.members.select_related("agency", "agency__government")
        .defer("workbook")
        .order_by("agency__code")
    )
    versions = [m.version for m in members if m.version]
    records = {
        row["version"]: row
        for row in RenderedFile.objects.filter(kind=LKJIP.pdf_kind, version__in=versions).values(
            "version", "status", "error"
        )
    }
    states = []
    for member in members:
        status, message = str(Status.READY), ""
        if member.error:
            status, message = Status.FAILED, member.error
        elif member.version:
            record = records.get(member.version)
            if record is None:  # superseded by a newer version, or pruned: only starting again brings it back
                status, message = (
                    Status.FAILED,
                    "Versi ini sudah diganti data yang lebih baru; mulai lagi / superseded by newer data; start again",
                )
            else:
                status = record["status"]
                message = _last_line(record["error"]) if status == Status.FAILED else ""
        states.append(MemberProgress(member.agency, status, message, member.approved))
    stalled = (
        batch.prepared_at is None
        and not batch.error
        and timezone.now() - batch.created_at > timedelta(seconds=settings.RENDER_STALE_SECONDS)
    )
    return BatchProgress(batch, tuple(states), stalled)


# --- the files -------------------------------------------------------------------------------------------------
def member_filename(agency: Agency, year: int, suffix: str) -> str:
    return LKJIP.filename(agency, year, None, suffix)


def batch_files(batch: RenderBatch) -> list[tuple[str, Callable[[], bytes]]]:
    """(name in the zip, loader of the bytes) of every ready file, by name: "<agency code>/LKjIP-<year>-<code>.pdf"
    and ".xlsx". The loaders read one file at a time."""
    formats = batch.format_list
    progress = batch_progress(batch)
    members = {m.agency_id: m for m in batch.members.defer("workbook")}
    files = []
    for state in progress.members:
        if state.status != Status.READY:
            continue
        member = members[state.agency.pk]
        folder = state.agency.code
        if "pdf" in formats and member.version:
            files.append(
                (f"{folder}/{member_filename(state.agency, batch.year, 'pdf')}", _pdf_loader(member.version))
            )
        if "xlsx" in formats:
            files.append(
                (f"{folder}/{member_filename(state.agency, batch.year, 'xlsx')}", _workbook_loader(member.pk))
            )
    return sorted(files, key=lambda entry: entry[0])


def _pdf_loader(version: str) -> Callable[[], bytes]:
    def load() -> bytes:
        content = (
            RenderedFile.objects.filter(kind=LKJIP.pdf_kind, version=version, status=Status.READY)
            .values_list("content", flat=True)
            .first()
        )
        if content is None:  # pruned between the progress and the download
            raise RenderedFile.DoesNotExist(version)
        return bytes(content)

    return load


def _workbook_loader(member_id: int) -> Callable[[], bytes]:
    def load() -> bytes:
        return bytes(RenderBatchMember.objects.values_list("workbook", flat=True).get(pk=member_id))

    return load


def zip_name(batch: RenderBatch) -> str:
    return f"lkjip-{batch.government.code}-{batch.year}.zip"


def batch_zip(batch: RenderBatch, out: IO[bytes]) -> int:
    """Write the zip of the batch's ready files into `out` (a file: 50 PDFs are not held in memory at once), with
    fixed entry times and attributes; the number of files."""
    files = batch_files(batch)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, load in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.create_system = 3  # Unix, whatever the server
            info.external_attr = 0o644 << 16
            # Stored, not deflated: PDFs and workbooks are compressed already.
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, load())
    return len(files)
