"""A planner opens the year's LKjIP from the workspace, reads it, and follows a consistency finding to its data."""

import re

from django.core.cache import cache
from playwright.sync_api import expect

from .conftest import login


def test_planner_reads_the_report_and_follows_a_finding(page, demo_site, screenshot):
    cache.clear()  # an earlier test may have cached this very PDF ("ready")
    login(page, demo_site.url, "perencana")
    # The page asks the server to render its PDF ahead of the click (off in the test settings: "off").
    with page.expect_response(re.compile(r"lkjip\.pdf/siapkan$")) as prepared:
        page.get_by_role("link", name=re.compile("Laporan LKjIP")).click()
    assert prepared.value.ok and prepared.value.json() == {"status": "off"}
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
