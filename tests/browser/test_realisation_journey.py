"""A planner enters quarterly realisations and watches capaian and predicate follow, then attaches evidence."""

import re
from decimal import Decimal

from playwright.sync_api import expect

from tests import files

from .conftest import login

PDF = files.pdf()  # a real one: uploads are opened (indicators.evidence)


def test_planner_enters_quarter_realisations_and_sees_capaian_change(page, demo_site, screenshot):
    from indicators.models import Indicator

    ratio = Indicator.objects.get(code="2.17.04-1")
    ratio.computation, ratio.multiplier = Indicator.Computation.RATIO, Decimal(100)
    ratio.save()
    login(page, demo_site.url, "perencana")
    page.get_by_role("link", name="Realisasi", exact=True).click()
    page.get_by_role("link", name="TW I", exact=True).click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("TW I")

    row = page.locator("tr[data-indicator='2.17.01-1']")  # TW I target 25 %
    expect(row.get_by_test_id("capaian")).to_contain_text("100,00")
    row.locator("input[name$='-value']").fill("12,5")
    expect(row.get_by_test_id("capaian")).to_contain_text("50,00")  # recomputed by the server, no reload
    expect(row.get_by_test_id("predicate")).not_to_have_text("Tercapai")

    ratio_row = page.locator("tr[data-indicator='2.17.04-1']")
    ratio_row.get_by_label("Pembilang").fill("3")
    ratio_row.get_by_label("Penyebut").fill("4")
    expect(ratio_row.get_by_test_id("capaian")).not_to_contain_text("–")
    screenshot(page, "realisations")

    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("disimpan")
    expect(row.locator("input[name$='-value']")).to_have_value("12,5")
    expect(row.get_by_test_id("capaian")).to_contain_text("50,00")

    row.get_by_role("link", name=re.compile("Bukti")).click()
    page.get_by_label("Berkas").set_input_files(
        {"name": "SPJ TW I.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Unggah").click()
    expect(page.get_by_test_id("evidence-list")).to_contain_text("SPJ TW I.pdf")
    screenshot(page, "evidence")


def test_planner_sees_the_error_of_a_malformed_number(page, demo_site):
    login(page, demo_site.url, "perencana")
    page.goto(f"{demo_site.url}/opd/tangsel-dinkopukm/2021/realisasi/tw2/")
    row = page.locator("tr[data-indicator='2.17.02-1']")
    row.locator("input[name$='-value']").fill("1,2,3")
    expect(row).to_contain_text("Isian belum valid")  # live, before saving
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(row).to_contain_text("Angka tidak valid")
    expect(page.locator("main")).to_contain_text("tidak ada yang disimpan")
