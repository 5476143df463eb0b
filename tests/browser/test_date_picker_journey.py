"""Dates typed or picked: beside the signing date of the Perjanjian Kinerja and of the LKjIP, a button opens the
browser's calendar; the day picked is written into the text field as "3 Januari 2022", saved, and shown again when
the page is opened anew. The text field still takes a typed date."""

from playwright.sync_api import expect

from .conftest import login

AGENCY = "tangsel-dinkopukm"


def test_planner_picks_the_signing_dates_from_a_calendar(page, demo_site):
    login(page, demo_site.url, "perencana")

    # The PK's signatories: the typed date is read into the calendar, the day picked replaces it.
    page.goto(f"{demo_site.url}/opd/{AGENCY}/2021/target/pk/")
    card = page.get_by_test_id("agreement-murni")
    field = card.get_by_label("Tanggal tanda tangan")
    field.fill("31/02/2022")  # a typed date that is no date: refused, the reason shown under the field
    card.get_by_role("button", name="Simpan penandatangan").click()
    expect(card.locator(".invalid-feedback")).to_be_visible()
    expect(card.locator(".invalid-feedback")).to_contain_text("Tulis tanggal seperti 3 Januari 2022")
    field.fill("03/01/2022")
    calendar = card.get_by_label("Kalender", exact=True)
    expect(calendar).to_be_hidden()
    card.get_by_role("button", name="Pilih dari kalender").click()
    expect(calendar).to_be_visible()
    expect(calendar).to_have_value("2022-01-03")
    calendar.fill("2021-01-04")
    expect(field).to_have_value("4 Januari 2021")
    field.click()  # back to the text field: the calendar folds away
    expect(calendar).to_be_hidden()
    expect(field).to_have_value("4 Januari 2021")
    card.get_by_role("button", name="Simpan penandatangan").click()
    expect(page.get_by_role("status")).to_contain_text("Penandatangan Perjanjian Kinerja disimpan")
    page.reload()
    expect(page.get_by_test_id("agreement-murni").get_by_label("Tanggal tanda tangan")).to_have_value(
        "4 Januari 2021"
    )

    # The LKjIP's signing date: picked, saved, printed under the foreword's signature.
    page.goto(f"{demo_site.url}/opd/{AGENCY}/2021/narasi/penanda-tangan/")
    page.get_by_role("button", name="Pilih dari kalender").click()
    page.get_by_label("Kalender", exact=True).fill("2022-02-03")
    expect(page.get_by_label("Tanggal laporan")).to_have_value("3 Februari 2022")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("Penanda tangan laporan disimpan")
    page.goto(f"{demo_site.url}/opd/{AGENCY}/2021/narasi/penanda-tangan/")
    expect(page.get_by_label("Tanggal laporan")).to_have_value("3 Februari 2022")
    expect(page.get_by_test_id("signature-preview")).to_contain_text("3 Februari 2022")

    # Typed text keeps working beside the button.
    page.get_by_label("Tanggal laporan").fill("2022-03-01")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("Penanda tangan laporan disimpan")
    page.goto(f"{demo_site.url}/opd/{AGENCY}/2021/narasi/penanda-tangan/")
    expect(page.get_by_label("Tanggal laporan")).to_have_value("1 Maret 2022")
