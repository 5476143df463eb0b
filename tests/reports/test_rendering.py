"""PDFs rendered off the request path: a download of a version not rendered yet is queued once, however many ask,
and answered with a page that follows the render; a task worker renders it; the file is then served to everyone.

Most tests run the tests' immediate backend (the task runs inside the request that queues it) with a counting
stand-in for WeasyPrint; the queue itself is tested with the database backend and a real `task_worker` process.
"""

import json
import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from indicators.models import Narrative
from reports import rendering
from reports.models import RenderedFile
from sakip.tasks_api import DUMMY_BACKEND, IMMEDIATE_BACKEND

YEAR = 2021
ROOT = Path(__file__).resolve().parents[2]
GOLDEN_LKJIP = ROOT / "tests" / "golden" / "before" / "lkjip-2021.pdf"
GUARD = 20  # seconds: only against a hung test

Status = RenderedFile.Status


class StandIn:
    """html_to_pdf that counts its renders and gives a file per version (the real renders are tested elsewhere)."""

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


def _lkjip_urls(agency):
    args = [agency.code, YEAR]
    return (
        reverse("reports:lkjip_pdf", args=args),
        reverse("reports:lkjip_pdf_prepare", args=args),
        reverse("reports:lkjip_pdf_status", args=args),
    )


def test_a_download_is_rendered_once_and_then_served_from_its_record(planner_client, demo_agency, renders):
    download, _, _ = _lkjip_urls(demo_agency)
    first = planner_client.get(download)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert first.content.startswith(b"%PDF-stand-in")
    assert f'filename="LKjIP-{YEAR}-{demo_agency.code}.pdf"' in first["Content-Disposition"]
    assert planner_client.get(download).content == first.content
    assert renders.calls == 1
    record = RenderedFile.objects.get()
    assert (record.kind, record.agency, record.year, record.status) == (
        "lkjip-pdf",
        demo_agency,
        YEAR,
        "ready",
    )
    assert record.queued_at <= record.started_at <= record.finished_at and record.size == len(first.content)
    assert bytes(record.source) == b""  # the input is not kept once the file is


def test_changed_data_is_a_new_version_and_the_one_waited_for_stays_downloadable(
    planner_client, demo_agency, renders
):
    download, _, _ = _lkjip_urls(demo_agency)
    before = planner_client.get(download).content
    old = RenderedFile.objects.get().version
    Narrative.objects.update_or_create(
        agency=demo_agency, year=YEAR, key="penutup", defaults={"text": "Penutup yang baru diketik."}
    )
    after = planner_client.get(download).content
    assert after != before and renders.calls == 2
    assert RenderedFile.objects.count() == 2
    # The page that waited for the earlier version gets exactly that file (what was asked for, not what is now).
    assert planner_client.get(download, {"versi": old}).content == before


def test_the_report_page_asks_for_its_pdf_ahead_and_the_download_finds_it_ready(
    planner_client, demo_agency, renders
):
    download, prepare, _ = _lkjip_urls(demo_agency)
    page = planner_client.get(reverse("reports:lkjip", args=[demo_agency.code, YEAR])).content.decode()
    assert f'data-prepare="{prepare}"' in page and "js/sakip.js" in page
    answer = planner_client.get(prepare)
    assert answer.json() == {"status": "ready"}  # the immediate backend rendered it during that request
    assert planner_client.get(download).content.startswith(b"%PDF-") and renders.calls == 1


def test_the_renstra_pdf_goes_the_same_way(planner_client, demo_agency, renders):
    args = [demo_agency.code]
    prepare = reverse("reports:renstra_pdf_prepare", args=args)
    page = planner_client.get(reverse("reports:renstra", args=args)).content.decode()
    assert f'data-prepare="{prepare}"' in page
    assert planner_client.get(prepare).json() == {"status": "ready"}
    response = planner_client.get(reverse("reports:renstra_pdf", args=args))
    assert response.content.startswith(b"%PDF-stand-in") and renders.calls == 1
    record = RenderedFile.objects.get()
    assert record.kind == "renstra-pdf" and record.year is None and record.filename.startswith("Renstra-")


def test_a_failed_render_says_so_and_asking_again_renders_it_again(planner_client, demo_agency, renders):
    download, prepare, status = _lkjip_urls(demo_agency)
    renders.fail = 1
    page = planner_client.get(download)
    assert page.status_code == 202
    assert "PDF gagal dibuat" in page.content.decode()
    record = RenderedFile.objects.get()
    assert record.status == "failed" and "WeasyPrint failed" in record.error
    answer = planner_client.get(status, {"versi": record.version}).json()
    assert answer["status"] == "failed" and answer["again"] == download
    # The page asking ahead does not retry a failure by itself; a download does.
    assert planner_client.get(prepare).json() == {"status": "failed"} and renders.calls == 1
    again = planner_client.get(download)
    assert again.status_code == 200 and again.content.startswith(b"%PDF-") and renders.calls == 2
    assert RenderedFile.objects.get().attempts == 2


def test_a_render_lost_with_its_worker_is_queued_again_when_asked(
    planner_client, demo_agency, renders, settings
):
    download, _, _ = _lkjip_urls(demo_agency)
    source = rendering.RenderInput("lkjip-pdf", demo_agency, YEAR, "x.pdf", "<p>x</p>", ())
    record = rendering.request_render(source)
    long_ago = timezone.now() - timedelta(seconds=settings.RENDER_STALE_SECONDS + 1)
    RenderedFile.objects.filter(pk=record.pk).update(status=Status.RUNNING, queued_at=long_ago)
    assert rendering.request_render(source).status == "ready" and renders.calls == 2


def test_the_waiting_page_follows_the_render(planner_client, demo_agency, settings):
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}  # queued, never run
    download, _, status = _lkjip_urls(demo_agency)
    page = planner_client.get(download)
    record = RenderedFile.objects.get()
    assert page.status_code == 202 and record.status == "queued"
    text = page.content.decode()
    assert "PDF sedang disiapkan" in text and "Menunggu giliran dibuat." in text
    status_url = f"{status}?versi={record.version}"
    assert f'data-render-status="{status_url}"' in text
    # Without JavaScript the page asks again for the very version it waits for.
    assert f'<noscript><meta http-equiv="refresh" content="5;url={download}?versi={record.version}">' in text
    answer = planner_client.get(status_url).json()
    assert answer["status"] == "queued" and answer["ahead"] == 0
    RenderedFile.objects.filter(pk=record.pk).update(
        status=Status.READY, content=b"%PDF-ready", started_at=timezone.now(), finished_at=timezone.now()
    )
    assert planner_client.get(status_url).json()["file"] == f"{download}?versi={record.version}"
    assert planner_client.get(download, {"versi": record.version}).content == b"%PDF-ready"


def test_the_waiting_page_in_english(planner_client, demo_agency, settings):
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}
    download, _, _ = _lkjip_urls(demo_agency)
    text = planner_client.get(download, headers={"accept-language": "en"}).content.decode()
    assert "The PDF is being prepared" in text and "Waiting for its turn." in text


def test_another_agencys_version_is_not_found_under_ones_own_agency(
    client, demo_agency, other_agency, renders
):
    from tests.conftest import make_user

    source = rendering.RenderInput("lkjip-pdf", demo_agency, YEAR, "x.pdf", "<p>rahasia</p>", ())
    version = rendering.request_render(source).version
    client.force_login(make_user("perencana-lain", "planner", agency=other_agency))
    download, _, status = _lkjip_urls(other_agency)
    assert client.get(status, {"versi": version}).json()["status"] == "unknown"
    # The download then gives the user's own agency's report, never the other agency's file.
    response = client.get(download, {"versi": version})
    assert version.encode() not in response.content
    assert RenderedFile.objects.get(version=version).agency == demo_agency


def test_old_versions_of_a_document_are_pruned(demo_agency, renders, settings):
    settings.RENDER_KEEP_VERSIONS = 2
    for n in range(4):
        rendering.request_render(
            rendering.RenderInput("lkjip-pdf", demo_agency, YEAR, "x.pdf", f"<p>versi {n}</p>", ())
        )
    kept = [bytes(r.content) for r in RenderedFile.objects.order_by("pk")]
    assert len(kept) == 2 and kept[-1].endswith(rendering.render_version("<p>versi 3</p>", ()).encode())


# --- the queue itself: the database backend and a real worker ---------------------------------------------------
@pytest.fixture
def database_queue(settings, transactional_db):
    """The database backend, as in production; a worker process sees what the test committed."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _worker_env() -> dict:
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{settings_dict['NAME']}"
    else:
        url = (
            f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
            f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
        )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return env | {
        "DJANGO_SETTINGS_MODULE": "sakip.settings.test",
        "DATABASE_URL": url,
        "TASKS_BACKEND": "database",
    }


def _run_worker(*extra) -> str:
    """`task_worker --batch`: runs the queued tasks, each in a fork of a warmed-up process, then exits."""
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "task_worker",
            "--batch",
            "--no-startup-delay",
            "--interval",
            "0",
            *extra,
        ],
        cwd=ROOT,
        env=_worker_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout + result.stderr


def test_ten_simultaneous_downloads_queue_one_render_and_a_worker_renders_it(
    database_queue, demo_agency, planner
):
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    download, _, status = _lkjip_urls(demo_agency)
    answers, errors = [], []
    start = threading.Barrier(10)

    def ask():
        try:
            client = Client()
            client.force_login(planner)
            start.wait(timeout=GUARD)
            answers.append(client.get(download))
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=GUARD * 3)
    assert errors == [] and [a.status_code for a in answers] == [202] * 10
    record = RenderedFile.objects.get()  # one version, one record
    assert record.status == "queued" and DBTaskResult.objects.count() == 1

    log = _run_worker()
    assert "peak memory" in log  # rendered in a child process of the worker
    record.refresh_from_db()
    assert record.status == "ready" and record.attempts == 1
    client = Client()
    client.force_login(planner)
    assert client.get(status, {"versi": record.version}).json()["status"] == "ready"
    pdf = client.get(download).content
    # The worker's file is the very PDF `render_report` gives for the same data.
    if GOLDEN_LKJIP.exists() and rendering_subset_by_harfbuzz():
        assert pdf == GOLDEN_LKJIP.read_bytes()
    assert pdf.startswith(b"%PDF-") and DBTaskResult.objects.get().status == "SUCCESSFUL"


def rendering_subset_by_harfbuzz() -> bool:
    from reports.documents.pdf import harfbuzz_subsetting_available

    return harfbuzz_subsetting_available()


def test_a_render_whose_process_dies_is_failed_and_the_worker_goes_on(
    database_queue, demo_agency, monkeypatch
):
    from django_tasks_db.models import DBTaskResult

    from reports.management.commands.task_worker import ForkingWorker

    def killed(html, stylesheets):  # the child of the worker is killed mid-render (out of memory, say)
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(rendering, "html_to_pdf", killed)
    record = rendering.request_render(
        rendering.RenderInput("lkjip-pdf", demo_agency, YEAR, "x.pdf", "<p>x</p>", ())
    )
    worker = ForkingWorker(
        fork=True,
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    worker.run()  # batch: returns once the queue is empty
    record.refresh_from_db()
    assert record.status == "failed" and "SIGKILL" in record.error
    assert DBTaskResult.objects.get().status == "FAILED"


def test_the_queue_settings_of_each_environment():
    def tasks(module, **env):
        code = "from django.conf import settings; import json; print(json.dumps(settings.TASKS))"
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=ROOT,
            env={k: v for k, v in os.environ.items() if k != "TASKS_BACKEND"}
            | {"DJANGO_SETTINGS_MODULE": module, "SECRET_KEY": "x" * 60, **env},
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(result.stdout)["default"]["BACKEND"]

    assert tasks("sakip.settings.dev") == "django_tasks_db.DatabaseBackend"
    assert tasks("sakip.settings.prod") == "django_tasks_db.DatabaseBackend"
    assert tasks("sakip.settings.test") == IMMEDIATE_BACKEND
    assert tasks("sakip.settings.prod", TASKS_BACKEND="rq") == "django_tasks_rq.RQBackend"


def test_a_version_overtaken_by_a_newer_one_before_its_turn_is_not_rendered(
    planner_client, demo_agency, renders, settings
):
    # Queued, not run yet.
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}
    download, _, status = _lkjip_urls(demo_agency)
    planner_client.get(download)
    older = RenderedFile.objects.get()
    Narrative.objects.update_or_create(
        agency=demo_agency, year=YEAR, key="penutup", defaults={"text": "Penutup yang baru diketik."}
    )
    planner_client.get(download)
    newer = RenderedFile.objects.exclude(pk=older.pk).get()
    assert rendering.render_document.call(older.pk) == "superseded"
    assert rendering.render_document.call(newer.pk) == "ready" and renders.calls == 1
    # The page still waiting for the older version is sent on to today's.
    answer = planner_client.get(status, {"versi": older.version})
    assert answer.json() == {"status": "unknown", "again": download}
