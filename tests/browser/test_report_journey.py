"""A planner opens the year's LKjIP from the workspace, reads it, and follows a consistency finding to its data."""

import re
from pathlib import Path

from playwright.sync_api import expect

from .conftest import login


def test_planner_reads_the_report_and_follows_a_finding(page, demo_site, screenshot):
    login(page, demo_site.url, "perencana")
    # The page has its PDF queued for a task worker ahead of the click.
    with page.expect_response(re.compile(r"lkjip\.pdf/siapkan$")) as prepared:
        page.get_by_role("link", name=re.compile("Laporan LKjIP")).click()
    assert prepared.value.status == 202 and prepared.value.json() == {"status": "queued"}
    expect(page.locator(".cover")).to_contain_text("Tahun 2021")  # upper case by CSS
    for heading in ("Pendahuluan", "Perencanaan Kinerja", "Akuntabilitas Kinerja", "Penutup"):
        expect(page.locator("h1.chapter-title", has_text=heading)).to_be_visible()
    expect(page.locator("figure svg").first).to_be_visible()  # charts drawn on the server, inline
    expect(page.get_by_role("link", name="Unduh PDF")).to_have_attribute("href", re.compile(r"lkjip\.pdf$"))
    page.locator("#bab-3").scroll_into_view_if_needed()
    screenshot(page, "report")

    page.get_by_role("link", name=re.compile("Pemeriksaan")).click()
    findings = page.get_by_test_id("findings")
    expect(findings).to_contain_text("target TW I–IV berjumlah")
    screenshot(page, "review")
    findings.locator("tr[data-code='quarter-target-sum']").first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/target/triwulan/#indikator-"))
    expect(page.get_by_role("heading", level=2)).to_contain_text("Rencana Aksi")


def test_planner_waits_for_the_pdf_while_a_worker_renders_it_then_gets_it(
    page, demo_site, monkeypatch, screenshot
):
    from reports import rendering
    from reports.models import RenderedFile

    monkeypatch.setattr(rendering, "html_to_pdf", lambda html, sheets: b"%PDF-1.7 dari pekerja")
    login(page, demo_site.url, "perencana")
    page.goto(f"{demo_site.url}/opd/tangsel-dinkopukm/2021/lkjip/")
    page.get_by_role("link", name="Unduh PDF").click()
    waiting = page.get_by_test_id("pdf-waiting")
    expect(waiting).to_contain_text("PDF sedang disiapkan")
    expect(waiting).to_contain_text("Menunggu giliran dibuat.")
    screenshot(page, "pdf-waiting", full_page=False)
    # A worker takes the render now (played here: the task itself, as `task_worker` runs it); the page, which asks
    # every second, then starts the download by itself.
    record = RenderedFile.objects.get()
    with page.expect_download(timeout=15_000) as download:
        assert rendering.render_document.call(record.pk) == "ready"
    assert download.value.suggested_filename == "LKjIP-2021-tangsel-dinkopukm.pdf"
    assert Path(download.value.path()).read_bytes() == b"%PDF-1.7 dari pekerja"
    expect(waiting).to_contain_text("PDF siap")
