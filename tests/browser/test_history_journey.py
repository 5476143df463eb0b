"""A planner changes a realisation, follows the row's history link and sees who changed it from what to what."""

import re

from playwright.sync_api import expect

from .conftest import login


def test_planner_sees_the_history_of_an_indicator_and_downloads_it(page, demo_site, screenshot):
    from indicators.models import Realisation
    from sakip.numbers import format_number

    stored = Realisation.objects.get(indicator__code="2.17.01-1", year=2021, quarter=1)
    old = format_number(stored.value, max(0, -stored.value.normalize().as_tuple().exponent))

    login(page, demo_site.url, "perencana")
    page.goto(f"{demo_site.url}/opd/tangsel-dinkopukm/2021/realisasi/tw1/")
    row = page.locator("tr[data-indicator='2.17.01-1']")
    row.locator("input[name$='-value']").fill("12,5")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("disimpan")

    row.get_by_role("link", name=re.compile("riwayat")).click()
    table = page.get_by_test_id("history")
    change = table.locator("tr[data-source='realisation']").first
    expect(change).to_contain_text("perencana")
    expect(change).to_contain_text("2.17.01-1")
    expect(change).to_contain_text(f"{old} → 12,5")
    expect(page.get_by_label("Indikator")).to_have_value(str(stored.indicator_id))
    screenshot(page, "history")

    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    assert download.value.suggested_filename == "riwayat-tangsel-dinkopukm.xlsx"
