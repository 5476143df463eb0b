"""A planner enters the agency's whole budget as the LAKIP prints it and a grouped realisation (issue 18, point 4),
then the quarterly cash plan and physical progress (point 5); a wrong row saves nothing; the LKjIP prints them."""

from playwright.sync_api import expect

from .conftest import login

AGENCY = "tangsel-dinkopukm"


def test_planner_enters_the_whole_budget_and_the_quarterly_progress(page, demo_site, screenshot):
    from budgets.models import Program, SubActivity

    program = Program.objects.get(plan__agency__code=AGENCY, code="2.17.03")
    sub = SubActivity.objects.filter(activity__program__plan__agency__code=AGENCY).order_by(
        "activity__program__position", "activity__position", "position"
    )[0]

    login(page, demo_site.url, "perencana")
    page.goto(f"{demo_site.url}/opd/{AGENCY}/2021/")
    page.get_by_role("link", name="Anggaran", exact=True).click()
    page.get_by_role("link", name="Belanja OPD").click()
    page.get_by_label("Pagu murni Belanja operasi").fill("22.511.784.601")
    page.get_by_label("Pagu perubahan Belanja operasi").fill("Rp 19.076.782.417,-")
    page.get_by_label("Realisasi Belanja operasi").fill("16.289.044.379")
    page.get_by_label("Keterangan 1", exact=True).fill("Program koperasi")
    page.get_by_label("Realisasi gabungan 1", exact=True).fill("107.730.000")
    page.get_by_role("button", name="Simpan").click()
    # A group must name a program: nothing of the page is saved.
    expect(page.locator("form").get_by_role("alert")).to_contain_text("pilih paling sedikit satu program")
    page.locator("tr[data-group]").first.get_by_label(f"{program.code} {program.name}").check()
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("disimpan")
    result = page.get_by_test_id("whole-budget-result")
    expect(result.locator("tr[data-part=operating]")).to_contain_text("85,39")
    screenshot(page, "whole-budget")

    page.get_by_role("link", name="Anggaran per program dan kegiatan").click()
    page.get_by_role("link", name="Fisik dan keuangan per triwulan").click()
    page.get_by_label(f"Fisik TW I (%) {sub.code}", exact=True).fill("50")
    page.get_by_label(f"Fisik TW II (%) {sub.code}", exact=True).fill("40")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("form").get_by_role("alert")).to_contain_text("tidak boleh turun")
    page.get_by_label(f"Fisik TW II (%) {sub.code}", exact=True).fill("60")
    page.get_by_label(f"Anggaran kas TW I {sub.code}", exact=True).fill("30.000.000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("disimpan")
    expect(page.get_by_label(f"Fisik TW II (%) {sub.code}", exact=True)).to_have_value("60")
    screenshot(page, "quarterly-progress")

    page.goto(f"{demo_site.url}/opd/{AGENCY}/2021/lkjip/")
    expect(page.locator("table.expenditure-table")).to_contain_text("Belanja Operasi")
    expect(page.locator("table.spending-groups-table")).to_contain_text("Program koperasi")
    expect(page.locator("table.progress-table")).to_contain_text(sub.code)
