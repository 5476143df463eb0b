"""Every agency's LKjIP of a year at once: one render asked per agency through the render pipeline (ready versions
reused, approved years as their approved edition), the progress, and one zip whose bytes depend on the files only.

The renders run with the tests' immediate backend and a counting stand-in for WeasyPrint, but for one small batch
rendered for real; the queue is played with the dummy backend (queued, run by hand).
"""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from indicators.models import Narrative
from reports import batch as batches
from reports import rendering
from reports.lkjip.editions import capture_edition
from reports.models import RenderBatch, RenderedFile
from reports.registry import LKJIP, edition_render_input, render_input
from review.models import ReviewEvent, YearReview
from sakip.tasks_api import DUMMY_BACKEND

YEAR = 2021
Status = RenderedFile.Status


class StandIn:
    """html_to_pdf that counts its renders and gives a small file per version; `fail` fails the next ones."""

    def __init__(self):
        self.calls = 0
        self.fail = 0

    def __call__(self, html, stylesheets):
        self.calls += 1
        if self.fail:
            self.fail -= 1
            raise RuntimeError("WeasyPrint failed")
        return b"%PDF-stand-in " + rendering.render_version(html, stylesheets).encode()


@pytest.fixture
def renders(monkeypatch):
    stand_in = StandIn()
    monkeypatch.setattr(rendering, "html_to_pdf", stand_in)
    return stand_in


def _zip(batch) -> bytes:
    out = io.BytesIO()
    batches.batch_zip(batch, out)
    return out.getvalue()


def test_a_batch_asks_one_render_per_agency_and_reuses_the_ones_ready(pemda_of, renders):
    government, agencies = pemda_of(3)
    # One agency's PDF was downloaded before: the batch finds that very version ready.
    first = rendering.request_render(render_input(LKJIP, agencies[0], YEAR))
    assert first.status == Status.READY and renders.calls == 1
    batch, new = batches.batch_start(government, YEAR, ["pdf", "xlsx"])
    assert new and renders.calls == 3  # the two others only
    batch.refresh_from_db()
    progress = batches.batch_progress(batch)
    assert (progress.ready, progress.total, progress.complete) == (3, 3, True)
    versions = dict(batch.members.values_list("agency__code", "version"))
    assert versions[agencies[0].code] == first.version
    # The same version as each agency's own download: one file, whoever asked.
    assert versions == {a.code: render_input(LKJIP, a, YEAR).version for a in agencies}
    # Started again on the same data: a new batch, no new render.
    again, new = batches.batch_start(government, YEAR, ["pdf"])
    assert new and again.pk != batch.pk and renders.calls == 3
    assert RenderedFile.objects.count() == 3


def test_progress_counts_queued_running_ready_and_failed(pemda_of, renders, settings):
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}  # queued, run by hand below
    government, agencies = pemda_of(3)
    batch, _ = batches.batch_start(government, YEAR, ["pdf"])
    progress = batches.batch_progress(batch)
    assert progress.preparing and progress.members == () and not progress.complete

    batches.prepare_batch.call(batch.pk)  # what the worker does with the queued preparation
    batch.refresh_from_db()
    progress = batches.batch_progress(batch)
    assert (progress.ready, progress.pending, progress.total) == (0, 3, 3)
    assert RenderedFile.objects.filter(status=Status.QUEUED).count() == 3  # one render per agency
    assert not progress.complete and progress.working
    # A second click while it works is the same batch.
    assert batches.batch_start(government, YEAR, ["pdf"]) == (batch, False)

    records = list(RenderedFile.objects.order_by("agency__code"))
    rendering.render_document.call(records[0].pk)
    renders.fail = 1
    rendering.render_document.call(records[1].pk)
    progress = batches.batch_progress(batch)
    assert (progress.ready, progress.pending) == (1, 1) and not progress.complete
    [failed] = progress.failed
    assert failed.agency == records[1].agency and failed.message == "RuntimeError: WeasyPrint failed"
    rendering.render_document.call(records[2].pk)
    progress = batches.batch_progress(batch)
    assert (progress.ready, progress.pending, progress.complete) == (2, 0, True)

    # Starting again renders only the failed one.
    renders.calls = 0
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    again, new = batches.batch_start(government, YEAR, ["pdf"])
    again.refresh_from_db()
    assert new and renders.calls == 1 and batches.batch_progress(again).ready == 3


def test_an_approved_year_is_its_approved_edition(pemda_of, renders):
    government, agencies = pemda_of(3)
    approved = agencies[2]  # pemda_of: the third agency's 2021 is approved
    review = YearReview.objects.get(agency=approved, year=YEAR)
    event = ReviewEvent.objects.create(
        review=review, action="approve", from_state="submitted", to_state="approved"
    )
    edition = capture_edition(event, approved, YEAR)
    # The live data changes afterwards (reopened, edited, approved again without a new edition is not possible
    # through the workflow; written here directly): the batch must still give what was approved.
    YearReview.objects.filter(pk=review.pk).update(state="draft")
    Narrative.objects.update_or_create(
        agency=approved, year=YEAR, key="penutup", defaults={"text": "Diubah setelah disetujui."}
    )
    YearReview.objects.filter(pk=review.pk).update(state="approved")

    batch, _ = batches.batch_start(government, YEAR, ["pdf", "xlsx"])
    member = batch.members.get(agency=approved)
    approved_version = edition_render_input(LKJIP, approved, YEAR, LKJIP.edition(approved, YEAR)).version
    assert member.approved and member.version == approved_version
    assert bytes(member.workbook) == bytes(edition.workbook)
    batch.refresh_from_db()
    assert batches.batch_progress(batch).ready == 3


def test_an_agency_without_a_renstra_for_the_year_is_listed_with_the_reason(pemda_of, renders):
    government, _agencies = pemda_of(2)
    batch, _ = batches.batch_start(government, 2040, ["pdf", "xlsx"])
    batch.refresh_from_db()
    progress = batches.batch_progress(batch)
    assert progress.complete and progress.ready == 0 and renders.calls == 0
    assert {m.message for m in progress.failed} == {
        "Tidak ada Renstra yang mencakup tahun 2040 / no Renstra covers 2040"
    }


def test_the_zip_holds_each_agencys_files_under_its_code_and_the_same_files_give_the_same_bytes(
    pemda_of, renders
):
    government, agencies = pemda_of(3)
    batch, _ = batches.batch_start(government, YEAR, ["pdf", "xlsx"])
    data = _zip(batch)
    archive = zipfile.ZipFile(io.BytesIO(data))
    expected = sorted(
        f"{a.code}/LKjIP-{YEAR}-{a.code}.{suffix}" for a in agencies for suffix in ("pdf", "xlsx")
    )
    assert archive.namelist() == expected
    for agency in agencies:
        record = RenderedFile.objects.get(agency=agency, year=YEAR)
        assert archive.read(f"{agency.code}/LKjIP-{YEAR}-{agency.code}.pdf") == bytes(record.content)
        workbook = archive.read(f"{agency.code}/LKjIP-{YEAR}-{agency.code}.xlsx")
        assert workbook == LKJIP.workbook(LKJIP.build(agency, YEAR))
    assert {info.date_time for info in archive.infolist()} == {batches.ZIP_TIME}
    assert batches.zip_name(batch) == f"lkjip-{government.code}-{YEAR}.zip"
    # Twice the same batch, and another batch of the same data: the same bytes.
    assert _zip(batch) == data
    again, _ = batches.batch_start(government, YEAR, ["pdf", "xlsx"])
    assert again.pk != batch.pk and _zip(again) == data


def test_only_the_newest_batches_of_a_year_are_kept(pemda_of, renders):
    government, _agencies = pemda_of(1)
    made = [batches.batch_start(government, YEAR, ["xlsx"])[0].pk for _ in range(batches.KEEP_BATCHES + 2)]
    kept = set(RenderBatch.objects.values_list("pk", flat=True))
    assert kept == set(made[-batches.KEEP_BATCHES :])


def test_a_preparation_that_died_leaves_its_batch_failed(pemda_of, settings):
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}
    government, _agencies = pemda_of(1)
    batch, _ = batches.batch_start(government, YEAR, ["pdf"])

    class Result:
        status = "FAILED"
        args = [batch.pk]
        errors = []
        task = batches.prepare_batch

    batches.task_ended(None, task_result=Result())
    batch.refresh_from_db()
    progress = batches.batch_progress(batch)
    assert progress.preparation_failed == "preparation failed" and not progress.working
    # Long after it was asked for, a preparation that never ended is stalled as well.
    RenderBatch.objects.filter(pk=batch.pk).update(
        error="", created_at=timezone.now() - timezone.timedelta(days=1)
    )
    batch.refresh_from_db()
    assert batches.batch_progress(batch).stalled


def test_a_small_batch_rendered_for_real(pemda_of):
    government, agencies = pemda_of(1)
    batch, _ = batches.batch_start(government, YEAR, ["pdf"])
    archive = zipfile.ZipFile(io.BytesIO(_zip(batch)))
    [name] = archive.namelist()
    content = archive.read(name)
    assert name == f"{agencies[0].code}/LKjIP-{YEAR}-{agencies[0].code}.pdf"
    assert content.startswith(b"%PDF-") and content == bytes(RenderedFile.objects.get().content)


# --- render_report --all ---------------------------------------------------------------------------------------
@pytest.fixture
def renders_here(monkeypatch, renders):
    """The stand-in for the command's own renders (--inline) too."""
    monkeypatch.setattr("reports.management.commands.render_report.html_to_pdf", renders)
    return renders


def test_render_report_all_writes_every_agencys_pdf_rendered_by_the_workers(pemda_of, renders_here, tmp_path):
    government, agencies = pemda_of(3)
    out = tmp_path / "keluaran"
    call_command("render_report", government=government.code, year=YEAR, all=True, format="pdf", output=out)
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"LKjIP-{YEAR}-{a.code}.pdf" for a in agencies)
    for agency in agencies:  # the files the workers rendered and stored (the immediate backend played them)
        record = RenderedFile.objects.get(agency=agency, year=YEAR)
        assert (out / f"LKjIP-{YEAR}-{agency.code}.pdf").read_bytes() == bytes(record.content)
    assert renders_here.calls == 3 and RenderBatch.objects.get().formats == "pdf"


def test_render_report_all_inline_renders_here_and_takes_ready_versions_as_they_are(
    pemda_of, renders_here, tmp_path
):
    government, agencies = pemda_of(3)
    ready = rendering.request_render(render_input(LKJIP, agencies[0], YEAR))
    renders_here.calls = 0
    call_command(
        "render_report",
        government=government.code,
        year=YEAR,
        all=True,
        format="pdf",
        inline=True,
        output=tmp_path,
    )
    assert len(list(tmp_path.iterdir())) == 3 and renders_here.calls == 2
    assert (tmp_path / f"LKjIP-{YEAR}-{agencies[0].code}.pdf").read_bytes() == bytes(
        RenderedFile.objects.get(pk=ready.pk).content
    )
    assert (
        RenderedFile.objects.count() == 1 and not RenderBatch.objects.exists()
    )  # nothing queued, nothing kept


def test_render_report_all_writes_the_workbooks(pemda_of, renders_here, tmp_path):
    government, agencies = pemda_of(2)
    call_command(
        "render_report", government=government.code, year=YEAR, all=True, format="xlsx", output=tmp_path
    )
    for agency in agencies:
        data = (tmp_path / f"LKjIP-{YEAR}-{agency.code}.xlsx").read_bytes()
        assert data == LKJIP.workbook(LKJIP.build(agency, YEAR))
    assert renders_here.calls == 0


def test_render_report_all_gives_up_after_its_timeout_without_a_worker(
    pemda_of, renders_here, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}  # queued, and no worker takes them
    government, _agencies = pemda_of(1)
    with pytest.raises(CommandError, match="Waktu habis: 0 dari 1"):
        call_command(
            "render_report",
            government=government.code,
            year=YEAR,
            all=True,
            format="pdf",
            timeout=0,
            output=tmp_path,
        )
    with pytest.raises(CommandError, match="government not found"):
        call_command(
            "render_report", government="tidak-ada", year=YEAR, all=True, format="pdf", output=tmp_path
        )
