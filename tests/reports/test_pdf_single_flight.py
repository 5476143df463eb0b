"""Simultaneous downloads of a PDF whose data just changed: one render per version, shared by every waiting
request in every worker process (with the default per-process cache), at most PDF_MAX_CONCURRENT_RENDERS renders
at once, and a "being prepared, try again" page instead of an endless queue.

WeasyPrint is replaced by a counting stand-in (the real renders are tested elsewhere); the stand-ins hold their
render until the requests under test have arrived, so nothing here depends on timing."""

import fcntl
import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from reports import pdf as pdf_module
from reports.assembly import report_build
from reports.document import document_build

YEAR = 2021
ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).resolve().parent / "download_elsewhere.py"
GUARD = 20  # seconds: only against a hung test


class StandIn:
    """html_to_pdf that counts its renders; each render waits for `release` (set by default)."""

    def __init__(self):
        self.calls = []
        self.started = threading.Condition()
        self.release = threading.Event()
        self.release.set()

    def __call__(self, html, stylesheets):
        with self.started:
            self.calls.append(html)
            self.started.notify_all()
        assert self.release.wait(timeout=GUARD)
        return b"%PDF-stand-in " + hashlib.sha256(html.encode()).hexdigest().encode()

    def wait_started(self, count):
        with self.started:
            assert self.started.wait_for(lambda: len(self.calls) >= count, timeout=GUARD)


@pytest.fixture
def renders(monkeypatch, settings):
    cache.clear()
    stand_in = StandIn()
    monkeypatch.setattr(pdf_module, "html_to_pdf", stand_in)
    settings.PDF_MAX_CONCURRENT_RENDERS = 2
    settings.PDF_RENDER_WAIT_SECONDS = GUARD
    yield stand_in
    stand_in.release.set()
    cache.clear()


def _print_html(agency):
    return pdf_module.lkjip_print_html(document_build(report_build(agency=agency, year=YEAR)))


def _download(html):
    return pdf_module.cached_pdf("lkjip-pdf", html, [pdf_module.stylesheet_text()])


def _in_threads(count, target, *args):
    results, errors = [None] * count, []

    def run(n):
        try:
            results[n] = target(*args)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    return threads, results, errors


def _join(threads):
    for thread in threads:
        thread.join(timeout=GUARD)
        assert not thread.is_alive()


def test_ten_simultaneous_downloads_of_a_changed_report_render_it_once(demo_agency, renders):
    before = _download(_print_html(demo_agency))
    assert len(renders.calls) == 1
    demo_agency.name = "Dinas Koperasi dan UKM (nama baru)"
    demo_agency.save()
    changed = _print_html(demo_agency)  # the data changed: a new version, not in the cache

    renders.release.clear()  # the render waits until all ten requests are in
    arrived, lock = [], threading.Lock()

    def download(html):
        with lock:
            arrived.append(1)
            if len(arrived) == 10:
                renders.release.set()
        return _download(html)

    threads, results, errors = _in_threads(10, download, changed)
    _join(threads)

    assert errors == []
    assert len(renders.calls) == 2 and renders.calls[1] == changed  # one render of the new version
    assert len(set(results)) == 1 and results[0] != before and results[0].startswith(b"%PDF-")


def test_downloads_in_two_worker_processes_share_one_render(tmp_path):
    """Two processes with their own (default, local-memory) cache, five requests each, at the same moment."""
    html = tmp_path / "report.html"
    html.write_text("<p>LKjIP 2021, versi baru</p>", encoding="utf-8")
    shared, outs = tmp_path / "shared", [tmp_path / "out-a", tmp_path / "out-b"]
    shared.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("CACHE_URL", "DATABASE_URL")}
    env.update(DJANGO_SETTINGS_MODULE="sakip.settings.test", PDF_RENDER_DIR=str(tmp_path / "locks"))
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                str(SCRIPT),
                str(html),
                str(out),
                str(shared),
                "--threads",
                "5",
                "--arrivals",
                "10",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for out in outs
    ]
    for worker in workers:
        stdout, stderr = worker.communicate(timeout=120)
        assert worker.returncode == 0, stdout + stderr

    assert len((shared / "renders.log").read_text().split()) == 1  # one render for both processes
    pdfs = [path.read_bytes() for out in outs for path in sorted(out.iterdir())]
    assert len(pdfs) == 10 and len(set(pdfs)) == 1 and pdfs[0].startswith(b"%PDF-stand-in")


def test_no_more_renders_at_once_than_the_setting_allows(renders, settings):
    settings.PDF_MAX_CONCURRENT_RENDERS = 2
    renders.release.clear()
    running = [_in_threads(1, _download, f"<p>versi {n}</p>")[0][0] for n in (1, 2)]
    renders.wait_started(2)  # two different reports render side by side
    settings.PDF_RENDER_WAIT_SECONDS = 0
    with pytest.raises(pdf_module.RenderBusy):
        _download("<p>versi 3</p>")  # a third would exceed the bound: refused, not started
    assert len(renders.calls) == 2
    renders.release.set()
    _join(running)
    assert _download("<p>versi 3</p>").startswith(b"%PDF-") and len(renders.calls) == 3


def test_a_request_for_a_version_being_rendered_waits_for_it_not_beyond_the_limit(renders, settings):
    renders.release.clear()
    threads, results, _ = _in_threads(1, _download, "<p>versi baru</p>")
    renders.wait_started(1)
    settings.PDF_RENDER_WAIT_SECONDS = 0
    with pytest.raises(pdf_module.RenderBusy):
        _download("<p>versi baru</p>")
    renders.release.set()
    _join(threads)
    assert _download("<p>versi baru</p>") == results[0] and len(renders.calls) == 1


@pytest.fixture
def slots_held_elsewhere(settings):
    """Every render slot held by another worker process (an flock on its own open file, as that process has)."""
    settings.PDF_MAX_CONCURRENT_RENDERS = 1
    settings.PDF_RENDER_WAIT_SECONDS = 0
    fd = os.open(pdf_module.render_dir() / "slot-0.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    yield
    os.close(fd)


def test_a_download_beyond_the_wait_gets_a_try_again_page_not_an_error(
    planner_client, demo_agency, renders, slots_held_elsewhere
):
    for url in (
        reverse("reports:lkjip_pdf", args=[demo_agency.code, YEAR]),
        reverse("reports:renstra_pdf", args=[demo_agency.code]),
    ):
        response = planner_client.get(url)
        assert response.status_code == 503 and response["Retry-After"] == "15"
        page = response.content.decode()
        assert "PDF sedang disiapkan" in page and 'http-equiv="refresh" content="15"' in page
        assert f'href="{url}"' in page
    assert renders.calls == []


def test_the_try_again_page_in_english(planner_client, demo_agency, renders, slots_held_elsewhere):
    url = reverse("reports:lkjip_pdf", args=[demo_agency.code, YEAR])
    response = planner_client.get(url, headers={"accept-language": "en"})
    assert response.status_code == 503 and "The PDF is being prepared" in response.content.decode()


def test_the_download_is_served_once_a_slot_is_free_again(planner_client, demo_agency, renders, settings):
    settings.PDF_MAX_CONCURRENT_RENDERS = 1
    response = planner_client.get(reverse("reports:lkjip_pdf", args=[demo_agency.code, YEAR]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-") and len(renders.calls) == 1


def test_render_report_says_when_every_slot_is_busy(demo_agency, renders, slots_held_elsewhere, tmp_path):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="slot render PDF sedang dipakai"):
        call_command(
            "render_report", agency=demo_agency.code, year=YEAR, format="pdf", output=tmp_path / "x.pdf"
        )
    assert renders.calls == [] and not (tmp_path / "x.pdf").exists()
