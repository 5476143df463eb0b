"""A planner opens the Renstra document, writes a narrative, freezes a revision, changes a target and sees the
change in the comparison (Semarang's real plan, in Chromium)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.browser


@pytest.fixture
def semarang_site(transactional_db, live_server, semarang_dataset):
    from agencies.services import demo_users_create
    from interchange.dataset.writing import dataset_import

    agency = dataset_import(semarang_dataset).agency
    demo_users_create(agency=agency, password="rahasia-uji-123")
    return live_server


def test_planner_writes_freezes_changes_and_compares(page, semarang_site, semarang_dataset, screenshot):
    login(page, semarang_site.url, "perencana")
    page.get_by_role("link", name="Dokumen Renstra").click()
    expect(page.get_by_test_id("current-revision")).to_have_text("Perubahan II")
    expect(page.get_by_test_id("findings")).to_contain_text("tidak ada target Renstra")
    screenshot(page, "renstra-review")

    # The document: cover with its revision, every chapter, BAB VI with a row per program and kegiatan.
    page.get_by_role("link", name="Lihat dokumen").click()
    expect(page.get_by_test_id("cover-revision")).to_have_text("Perubahan II")
    for heading in (
        "Pendahuluan",
        "Tujuan dan Sasaran",
        "Rencana Program dan Kegiatan serta Pendanaan",
        "Penutup",
    ):
        expect(page.locator("h1.chapter-title", has_text=heading)).to_be_visible()
    activities = sum(len(p["activities"]) for p in semarang_dataset["programs"])
    expect(page.locator("table.bab6 tr.owner-activity")).to_have_count(activities)
    expect(page.get_by_role("link", name="Unduh PDF")).to_have_attribute("href", re.compile(r"renstra\.pdf$"))
    page.go_back()

    # A narrative: typed once, printed in the document instead of the generated sentence.
    tabs = page.get_by_role("navigation", name="Dokumen Renstra")
    tabs.get_by_role("link", name="Narasi Renstra").click()
    page.get_by_label("Penentuan Isu-isu Strategis").fill("Akses pembiayaan usaha mikro masih terbatas.")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status").filter(has_text="1 bagian narasi disimpan.")).to_be_visible()

    # Freeze the current state as "Perubahan II"; the plan now works on "Perubahan III".
    tabs.get_by_role("link", name="Revisi", exact=True).click()
    expect(page.get_by_label("Nama revisi yang dibekukan")).to_have_value("Perubahan II")
    expect(page.get_by_label("Nama revisi berjalan berikutnya")).to_have_value("Perubahan III")
    page.get_by_role("button", name="Bekukan revisi").click()
    expect(page.get_by_role("status").filter(has_text="Revisi Perubahan II dibekukan.")).to_be_visible()
    expect(page.get_by_test_id("current-revision")).to_have_text("Perubahan III")

    # Change a 2021 target of the first sasaran indicator in the Renstra target grid.
    indicator = semarang_dataset["goals"][0]["objectives"][0]["indicators"][0]
    old = indicator["targets"]["renstra"]["2021"]
    tabs.get_by_role("link", name=re.compile("Target Renstra")).click()
    page.get_by_label(f"Target 2021 {indicator['code']}", exact=True).fill("91,5")
    page.get_by_role("button", name="Simpan target Renstra").click()
    expect(page.get_by_role("status")).to_contain_text("disimpan")

    # Compare the frozen revision with the current one: the change is listed with before and after.
    page.get_by_role("link", name="Dokumen Renstra").click()
    tabs.get_by_role("link", name="Revisi", exact=True).click()
    page.get_by_role("link", name="Bandingkan dengan yang berjalan").click()
    expect(page.get_by_test_id("compare-title")).to_contain_text("Perubahan II → Perubahan III (berjalan)")
    row = page.get_by_test_id("target-changes").locator(f"tr[data-indicator='{indicator['code']}']")
    expect(row).to_contain_text("2021")
    expect(row).to_contain_text(old)
    expect(row).to_contain_text("91,5")
    screenshot(page, "renstra-compare")

    # The typed narrative is in the document.
    page.get_by_role("link", name="Lihat dokumen").click()
    expect(page.locator("#bab-3")).to_contain_text("Akses pembiayaan usaha mikro masih terbatas.")
