from playwright.sync_api import expect

from .conftest import login


def test_planner_logs_in_and_sees_the_agencys_capaian(page, demo_site, screenshot):
    login(page, demo_site.url, "perencana")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Dinas Koperasi Usaha Kecil dan Menengah")
    row = page.locator("tr[data-indicator='S3.1']")
    expect(row).to_contain_text("103,32")
    expect(row).to_contain_text("Melampaui Target")
    expect(page.get_by_test_id("absorption")).to_contain_text("85,39")
    # Years are labels, not quantities: "2021", never "2.021".
    expect(page.get_by_role("link", name="2021", exact=True)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("2.021")
    screenshot(page, "overview")


def test_wrong_password_is_refused_with_a_message(page, demo_site):
    login(page, demo_site.url, "perencana", password="salah")
    # Django's Indonesian message: "Masukkan nama pengguna ... dan sandi yang benar."
    expect(page.locator("main")).to_contain_text("sandi yang benar")
    expect(page).to_have_url(f"{demo_site.url}/masuk/")


def test_reviewer_sees_the_agencies_of_the_pemda(page, demo_site):
    login(page, demo_site.url, "reviu")
    # The Pemda-wide roles land on their Pemda's dashboard link and the list of its agencies, even when there is one.
    expect(page.get_by_test_id("pemda-links")).to_contain_text("Dasbor Pemda Kota Tangerang Selatan")
    page.get_by_role("link", name="Dinas Koperasi Usaha Kecil dan Menengah Kota Tangerang Selatan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tangerang Selatan")


def test_planner_switches_the_interface_to_english(page, demo_site):
    login(page, demo_site.url, "perencana")
    page.get_by_label("Bahasa").select_option("en")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("link", name="Realisation", exact=True)).to_be_visible()
    # Figures keep the Indonesian format in English too.
    expect(page.get_by_test_id("absorption")).to_contain_text("85,39")
