"""A planner creates the year's IKM survey, uploads the questionnaires and reads the index and the priority."""

from decimal import Decimal

from playwright.sync_api import expect

from agencies.models import Agency
from sakip.numbers import format_number
from surveys.models import SatisfactionSurvey
from surveys.responses import survey_result
from tests.surveys.helpers import as_csv, questionnaires

from .conftest import login

YEAR = 2021
TOTALS = (28, 27, 26, 30, 25, 29, 31, 22, 26)  # from 8 questionnaires; U8 is the lowest
N = 8


def test_planner_imports_questionnaires_and_sees_the_index(page, demo_site, screenshot):
    agency = Agency.objects.select_related("government").get()
    SatisfactionSurvey.objects.filter(agency=agency, year=YEAR).delete()  # the year starts without a survey
    government = agency.government
    expected = survey_result(
        [(f"U{k}", "", Decimal(t), Decimal(N)) for k, t in enumerate(TOTALS, start=1)],
        weight=government.ikm_weight,
        scale=government.ikm_scale,
    )

    login(page, demo_site.url, "perencana")
    page.goto(f"{demo_site.url}/opd/{agency.code}/ikm/")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Survei Kepuasan Masyarakat")
    page.get_by_label("Tahun survei").select_option(str(YEAR))
    page.get_by_role("button", name="Buat survei").click()
    expect(page.get_by_role("status")).to_contain_text("9 unsur baku")
    expect(page.get_by_label("Nama unsur U2")).to_have_value("Sistem, Mekanisme, dan Prosedur")

    page.get_by_label("Berkas respons").set_input_files(
        {"name": "kuesioner.csv", "mimeType": "text/csv", "buffer": as_csv(questionnaires(TOTALS, N))}
    )
    page.get_by_role("button", name="Impor", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(f"{N} respons diimpor")

    expect(page.locator("#ikm-value")).to_have_text(format_number(expected.ikm, 4))
    expect(page.locator("#skm-value")).to_have_text(format_number(expected.skm, 2))
    expect(page.locator("#mutu-value")).to_have_text(f"{expected.mutu.letter} ({expected.mutu.label})")
    expect(page.get_by_test_id("priority")).to_contain_text("U8 Penanganan Pengaduan, Saran dan Masukan")
    expect(page.locator("tr[data-element='U8']")).to_have_class("table-warning")
    expect(page.get_by_test_id("totals-derived")).to_be_visible()
    expect(page.locator("table[data-profile='gender']")).to_contain_text("Perempuan")
    screenshot(page, "ikm")
