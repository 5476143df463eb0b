"""The planner's whole cycle in the browser, end to end: a new indicator, its targets, four quarters of
realisations (as a ratio), evidence, and capaian and predicate following every figure."""

import re

from playwright.sync_api import expect

from tests import files

from .conftest import login

PDF = files.pdf()  # a real one: uploads are opened (indicators.evidence)
CODE = "S1.9"


def test_planner_adds_an_indicator_plans_it_and_reports_four_quarters(page, demo_site, screenshot):
    base = demo_site.url
    login(page, base, "perencana")

    # 1. Renstra: a ratio indicator under sasaran S1.
    page.get_by_role("link", name="Renstra", exact=True).click()
    sasaran = page.locator("li[data-kind='sasaran'][data-code='S1']")
    sasaran.locator(":scope > ul.plan-indicators").get_by_role("link", name="tambah indikator").click()
    page.get_by_label("Kode").fill(CODE)
    page.get_by_label("Nama indikator").fill("Persentase koperasi aktif yang melapor RAT")
    page.get_by_label("Satuan").fill("%")
    page.get_by_label("Jenis nilai").select_option("percent")
    page.get_by_label("Cara hitung").select_option("ratio")
    page.get_by_label("Pengali").fill("100")
    page.get_by_label("Pembilang").fill("Koperasi yang melaksanakan RAT")
    page.get_by_label("Penyebut").fill("Koperasi aktif")
    page.get_by_label("Penggabungan triwulan").select_option("level")
    page.get_by_role("button", name="Simpan").click()
    expect(sasaran.locator(f"li[data-indicator='{CODE}']")).to_be_visible()

    # 2. Perjanjian Kinerja target 80 %, then Rencana Aksi 20 / 40 / 60 / 80.
    page.goto(f"{base}/opd/tangsel-dinkopukm/2021/target/pk/")
    page.get_by_label(f"Target PK {CODE}", exact=True).fill("80")
    page.get_by_role("button", name=re.compile("Simpan")).first.click()
    expect(page.get_by_role("status").first).to_contain_text("disimpan")
    page.get_by_role("link", name="Rencana Aksi").click()
    for quarter, value in zip(("TW I", "TW II", "TW III", "TW IV"), ("20", "40", "60", "80"), strict=True):
        page.get_by_label(f"{quarter} {CODE}", exact=True).fill(value)
    expect(page.locator(f"tr[data-indicator='{CODE}']").get_by_test_id("quarter-warning")).to_be_empty()
    page.get_by_role("button", name="Simpan Rencana Aksi").click()
    expect(page.get_by_role("status").first).to_contain_text("disimpan")

    # 3. Four quarters of realisations as numerator / denominator; capaian and predicate follow as typed.
    expected = {
        1: ("10", "50", "100,00", "Tercapai"),
        2: ("12", "50", "60,00", None),
        3: ("36", "50", "120,00", None),
        4: ("44", "50", "110,00", None),
    }
    predicates = {}
    for quarter, (numerator, denominator, capaian, predicate) in expected.items():
        page.goto(f"{base}/opd/tangsel-dinkopukm/2021/realisasi/tw{quarter}/")
        row = page.locator(f"tr[data-indicator='{CODE}']")
        expect(row.get_by_test_id("capaian")).to_have_text("–")
        row.get_by_label("Pembilang").fill(numerator)
        row.get_by_label("Penyebut").fill(denominator)
        expect(row.get_by_test_id("capaian")).to_contain_text(capaian)  # live, before saving
        if predicate:
            expect(row.get_by_test_id("predicate")).to_have_text(predicate)
        predicates[quarter] = row.get_by_test_id("predicate").inner_text()
        page.get_by_role("button", name="Simpan").click()
        expect(page.get_by_role("status")).to_contain_text("1 baris realisasi disimpan")
        expect(row.get_by_test_id("capaian")).to_contain_text(capaian)
    # 60 % of the target is a different band from 100 %: the predicate changed with the figures.
    assert predicates[2] != predicates[1]

    # 4. Evidence for TW IV.
    row = page.locator(f"tr[data-indicator='{CODE}']")
    row.get_by_role("link", name=re.compile("Bukti")).click()
    page.get_by_label("Berkas").set_input_files(
        {"name": "Daftar RAT 2021.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Unggah").click()
    expect(page.get_by_test_id("evidence-list")).to_contain_text("Daftar RAT 2021.pdf")
    page.get_by_role("link", name=re.compile("Realisasi TW IV")).click()
    expect(page.locator(f"tr[data-indicator='{CODE}']")).to_contain_text("Bukti (1)")

    # 5. The agency's home page counts the new indicator in sasaran S1 (level mode: TW IV is the year).
    page.get_by_role("link", name="Ringkasan").click()
    home_row = page.locator(f"tr[data-indicator='{CODE}']")
    expect(home_row).to_contain_text("110,00")
    expect(home_row).to_contain_text("Melampaui Target")
