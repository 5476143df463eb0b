"""A planner fills the organisation profile (issue 18, point 8): a unit's tugas and fungsi, the staff by status, a
pasted row of assets and a risk; a line that cannot be read is refused with nothing saved; the LKjIP prints the
tables in BAB I and the risk register as its last annex."""

from playwright.sync_api import expect

from .conftest import login

AGENCY = "tangsel-dinkopukm"


def test_planner_fills_the_profile_and_the_report_prints_it(page, demo_site, screenshot):
    login(page, demo_site.url, "perencana")
    page.goto(f"{demo_site.url}/opd/{AGENCY}/2021/")
    page.get_by_role("link", name="Profil", exact=True).click()
    unit = page.locator("#unit-sekretariat")
    unit.get_by_label("Tugas").fill("merencanakan dan mengoordinasikan urusan kesekretariatan.")
    unit.get_by_label("Fungsi").fill("Perencanaan program\nPengelolaan keuangan")
    page.get_by_label("Status kepegawaian").fill("PNS: 30\nNon PNS: 69")
    page.get_by_label("Sarana dan prasarana").fill(
        "Peralatan dan Mesin\tLaptop DELL Latitude 5270\t7\tUnit\t2018"
    )
    page.get_by_label("Daftar risiko").fill("Tidak hadirnya peserta | | Acara terganggu | 3 | 9")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("#risks").get_by_role("alert")).to_contain_text("Baris 1")
    expect(page.get_by_label("Status kepegawaian")).to_have_value("PNS: 30\nNon PNS: 69")

    page.get_by_label("Daftar risiko").fill("Tidak hadirnya peserta | | Acara terganggu | 3 | 3")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("disimpan")
    expect(page.get_by_label("Sarana dan prasarana")).to_have_value(
        "Peralatan dan Mesin | Laptop DELL Latitude 5270 | 7 | Unit | 2018"
    )
    screenshot(page, "organisation-profile")

    page.goto(f"{demo_site.url}/opd/{AGENCY}/2021/lkjip/")
    bab1 = page.locator("#bab-1")
    expect(bab1.locator('[data-unit="sekretariat"]')).to_contain_text("Pengelolaan keuangan")
    expect(bab1.locator('table.staff[data-breakdown="employment"] .staff-total')).to_have_text("99")
    expect(bab1.locator("table.facilities")).to_contain_text("Laptop DELL Latitude 5270")
    expect(page.locator("#lampiran-8 .risk-level")).to_have_text("9")
