"""The Pemda's administrator watches every agency (issue 20): the dashboard (with the Pemda LKjIP's approval beside
its link), its order and filters, a drill-down into one agency, every agency's LKjIP in one zip, at 1366×768."""

import io
import zipfile

import pytest
from playwright.sync_api import expect

from interchange.dataset.writing import dataset_import
from reports.lkjip_pemda.editions import pemda_report_transition
from review.models import YearReview
from tests.conftest import make_user
from tests.helpers import agency_data
from tests.reports.lkjip_pemda.scenario import make_pemda_rpjmd

from .conftest import login


# The batch's tasks run inside the request, as a worker would run them; WeasyPrint is replaced by a stand-in (one
# small PDF per version): what is checked is the batch, not the PDF (tests/reports/test_batch.py renders one).
@pytest.mark.immediate_tasks
def test_pemda_admin_opens_the_dashboard_drills_into_an_agency_and_downloads_every_lkjip(
    page, demo_site, demo_dataset, screenshot, monkeypatch
):
    from reports import rendering

    monkeypatch.setattr(rendering, "html_to_pdf", lambda html, sheets=(): b"%PDF-1.4 " + html[:20].encode())
    others = [dataset_import(agency_data(demo_dataset, k)).agency for k in (1, 2, 3)]
    YearReview.objects.create(agency=others[0], year=2021, state="submitted")
    government = others[0].government
    user = make_user("bappeda", "pemda", government=government)
    user.set_password("rahasia-uji-123")
    user.save()
    # The Pemda LKjIP of the year approved by its inspectorate (tests/browser/test_pemda_lkjip_journey.py does it
    # on the screen): the dashboard names who and when beside its link.
    make_pemda_rpjmd(government, others)
    inspector = make_user("inspektur", "reviewer", government=government)
    inspector.first_name, inspector.last_name = "Rina", "Wulandari"
    inspector.save()
    pemda_report_transition(government=government, year=2021, action="approve", user=inspector)
    login(page, demo_site.url, "bappeda")

    page.get_by_role("link", name=f"Dasbor Pemda {government.name}").click()
    page.get_by_role("link", name="2021", exact=True).click()
    page.get_by_role("link", name="TW IV").click()
    table = page.get_by_test_id("dashboard-table")
    expect(table.locator("tbody tr")).to_have_count(4)
    expect(page.get_by_test_id("dashboard-chart").locator("svg")).to_be_visible()
    expect(page.get_by_test_id("pemda-states")).to_contain_text("1 · Diajukan")
    expect(page.get_by_test_id("lkjip-pemda-approval")).to_contain_text("LKjIP Pemda: disetujui ")
    expect(page.get_by_test_id("lkjip-pemda-approval")).to_contain_text(" oleh Rina Wulandari")

    # Highest capaian first: the demo agency (its realisations as typed; the others' are scaled down).
    table.get_by_role("link", name="Capaian kinerja").click()
    table.get_by_role("link", name="Capaian kinerja ▲").click()
    expect(table.locator("tbody tr").first).to_have_attribute("data-agency", "tangsel-dinkopukm")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot(page, "pemda-dashboard", full_page=False)

    page.get_by_label("Status reviu").select_option("submitted")
    page.get_by_test_id("apply-filters").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("caption")).to_contain_text("1 dari 4 perangkat daerah ditampilkan")
    expect(page.get_by_test_id("dashboard-xlsx")).to_have_attribute(
        "href", f"/pemda/{government.code}/2021/dasbor.xlsx?tw=4&urut=capaian&arah=desc&status=submitted"
    )

    table.get_by_test_id(f"drill-{others[0].code}").click()
    expect(page).to_have_url(f"{demo_site.url}/opd/{others[0].code}/2021/")
    expect(page.get_by_test_id("quarter-progress")).to_be_visible()

    # Every agency's LKjIP of the year in one zip (a browser download is impossible here: the link is fetched).
    page.go_back()
    page.get_by_test_id("batch-link").click()
    page.get_by_role("button", name="Buat laporan semua perangkat daerah").click()
    download = page.get_by_test_id("batch-download")
    expect(download).to_be_visible(timeout=60_000)
    expect(page.get_by_test_id("batch-progress")).to_contain_text("4")
    screenshot(page, "pemda-batch", full_page=False)
    response = page.request.get(demo_site.url + download.get_attribute("href"))
    assert response.status == 200
    names = zipfile.ZipFile(io.BytesIO(response.body())).namelist()
    codes = {"tangsel-dinkopukm", *(a.code for a in others)}
    assert {name.split("/")[0] for name in names} == codes
    assert sum(name.endswith(".pdf") for name in names) == 4
