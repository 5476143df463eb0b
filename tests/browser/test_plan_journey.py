from playwright.sync_api import expect

from .conftest import login


def test_planner_adds_an_indicator_to_a_sasaran(page, demo_site, screenshot):
    login(page, demo_site.url, "perencana")
    page.get_by_role("link", name="Renstra", exact=True).click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text("Renstra 2016–2021")
    sasaran = page.locator("li[data-kind='sasaran'][data-code='S1']")
    expect(sasaran).to_contain_text("Meningkatnya Kualitas Angkatan Kerja")

    # The sasaran's own indicator list, not those of the programs nested under it.
    sasaran.locator(":scope > ul.plan-indicators").get_by_role("link", name="tambah indikator").click()
    expect(page.get_by_test_id("parent")).to_contain_text("S1")
    page.get_by_label("Kode").fill("S1.2")
    page.get_by_label("Nama indikator").fill("Persentase wirausaha baru yang bertahan satu tahun")
    page.get_by_label("Satuan").fill("%")
    page.get_by_label("Jenis nilai").select_option("percent")
    page.get_by_label("Kondisi awal", exact=True).fill("12,5")
    screenshot(page, "indicator-form")
    page.get_by_role("button", name="Simpan").click()

    expect(page.get_by_role("status")).to_contain_text("tersimpan")
    added = sasaran.locator("li[data-indicator='S1.2']")
    expect(added).to_contain_text("Persentase wirausaha baru yang bertahan satu tahun")
    expect(added).to_contain_text("(%)")
    screenshot(page, "plan-tree")


def test_a_code_outside_the_program_is_refused_next_to_the_field(page, demo_site):
    login(page, demo_site.url, "perencana")
    page.get_by_role("link", name="Renstra", exact=True).click()
    program = page.locator("li[data-kind='program'][data-code='2.17.05']").first
    program.locator("summary").click()
    program.get_by_role("link", name="tambah kegiatan").first.click()
    page.get_by_label("Kode").fill("2.17.06.2.01")
    page.get_by_label("Kegiatan").fill("Kegiatan salah tempat")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("harus diawali kode program 2.17.05")
