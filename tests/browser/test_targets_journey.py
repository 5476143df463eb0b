from playwright.sync_api import expect

from .conftest import login


def test_planner_plans_quarters_with_a_live_warning_and_saves(page, demo_site, screenshot):
    login(page, demo_site.url, "perencana")
    page.get_by_role("link", name="Target", exact=True).click()
    expect(page.get_by_role("heading", name="Target Perjanjian Kinerja 2021")).to_be_visible()
    screenshot(page, "targets-pk")

    page.get_by_role("link", name="Rencana Aksi").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Rencana Aksi 2021")
    row = page.locator("tr[data-indicator='2.17.05-1']")  # increment indicator, annual target 1.715
    expect(row.get_by_test_id("annual-target")).to_have_text("1.715")
    warning = row.get_by_test_id("quarter-warning")
    expect(warning).to_be_empty()

    # 400 + 430 + 420 + 400 = 1.650: the row warns while the planner types, without a reload.
    page.get_by_label("TW I 2.17.05-1", exact=True).fill("400")
    page.get_by_label("TW IV 2.17.05-1", exact=True).fill("400")
    expect(warning).to_contain_text("Jumlah TW I–IV (1.650) ≠ target tahunan (1.715)")
    screenshot(page, "targets-quarters")

    # 400 + 430 + 420 + 465 = 1.715: the warning goes away.
    page.get_by_label("TW IV 2.17.05-1", exact=True).fill("465")
    expect(warning).to_be_empty()

    page.get_by_role("button", name="Simpan Rencana Aksi").click()
    expect(page.get_by_role("status").filter(has_text="1 baris target disimpan.")).to_be_visible()
    expect(page.get_by_label("TW IV 2.17.05-1", exact=True)).to_have_value("465")
    expect(warning).to_be_empty()
