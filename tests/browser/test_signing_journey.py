"""A planner records who signs the year's LKjIP (an acting head, on a date typed as Indonesians write it) and sees
it under the foreword."""

from playwright.sync_api import expect

from .conftest import login

AGENCY = "tangsel-dinkopukm"


def test_planner_records_the_reports_signer(page, demo_site, screenshot):
    login(page, demo_site.url, "perencana")
    page.goto(f"{demo_site.url}/opd/{AGENCY}/2021/narasi/")
    page.get_by_role("link", name="Tanggal dan penanda tangan laporan").click()
    page.get_by_label("Tanggal laporan").fill("31/02/2022")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("tidak ada di kalender")

    page.get_by_label("Tanggal laporan").fill("3 Februari 2022")
    page.get_by_label("Jabatan penanda tangan").fill("Plt. Kepala Dinas Koperasi dan UKM")
    page.get_by_label("Nama penanda tangan").fill("Budi Santoso, S.E.")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("Penanda tangan laporan disimpan")
    screenshot(page, "report-signer")

    page.goto(f"{demo_site.url}/opd/{AGENCY}/2021/lkjip/")
    signature = page.locator("#kata-pengantar .signature")
    expect(signature).to_contain_text("3 Februari 2022")
    expect(signature).to_contain_text("Plt. Kepala Dinas Koperasi dan UKM")
    expect(signature).to_contain_text("Budi Santoso, S.E.")
