"""A planner writes a sasaran's analysis (issue 18, point 2): an obstacle, a supporting program by its code and a
partner's work without APBD money; a line without a program code is refused with nothing saved; the LKjIP
prints what was saved under the sasaran."""

from playwright.sync_api import expect

from .conftest import login

AGENCY = "tangsel-dinkopukm"


def test_planner_writes_a_sasaran_analysis_and_the_report_prints_it(page, demo_site, screenshot):
    from indicators.models import Objective

    objective = Objective.objects.get(plan__agency__code=AGENCY, code="S1")
    program = objective.programs.order_by("position").first()

    login(page, demo_site.url, "perencana")
    page.goto(f"{demo_site.url}/opd/{AGENCY}/2021/")
    page.get_by_role("link", name="Analisis", exact=True).click()
    card = page.locator("#sasaran-s1")
    card.get_by_label("Kendala / hambatan").fill("Data koperasi belum mutakhir")
    card.get_by_label("Program pendukung keberhasilan").fill("Pelatihan tanpa kode")
    page.get_by_role("button", name="Simpan").click()
    expect(card.get_by_role("alert")).to_contain_text("tidak diawali kode program")

    card.get_by_label("Program pendukung keberhasilan").fill(f"{program.code} Pelatihan pengurus koperasi")
    card.get_by_label("Kegiatan tanpa dana APBD (CSR, mitra)").fill(
        "CSR Bank BJB: Pelatihan pemasaran digital"
    )
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("disimpan")
    expect(card.get_by_label("Kendala / hambatan")).to_have_value("Data koperasi belum mutakhir")
    screenshot(page, "objective-analysis")

    page.goto(f"{demo_site.url}/opd/{AGENCY}/2021/lkjip/")
    analysis = page.locator("#sasaran-s1")
    expect(analysis.locator("ol.notes-obstacle")).to_contain_text("Data koperasi belum mutakhir")
    expect(analysis.locator("ol.notes-supporting")).to_contain_text(f"{program.code} {program.name}")
    expect(analysis.locator("ol.notes-non_apbd")).to_contain_text("CSR Bank BJB")
