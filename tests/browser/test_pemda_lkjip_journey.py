"""The Pemda's inspectorate approves the Pemda LKjIP (issue 20): the dashboard says it is not approved yet and leads
to the report, the approval keeps the edition, and the dashboard then says who approved it and when; 1366×768."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from agencies.models import Agency
from interchange.dataset.writing import dataset_import
from tests.helpers import agency_data
from tests.reports.lkjip_pemda.scenario import make_pemda_rpjmd

from .conftest import login


def test_the_inspectorate_approves_the_pemda_lkjip_from_the_dashboard(
    page, demo_site, demo_dataset, screenshot
):
    other = dataset_import(agency_data(demo_dataset, 1)).agency
    demo = Agency.objects.get(code="tangsel-dinkopukm")
    government = demo.government
    make_pemda_rpjmd(government, [demo, other])
    reviewer = get_user_model().objects.get(username="reviu")
    reviewer.first_name, reviewer.last_name = "Rina", "Wulandari"
    reviewer.save()
    login(page, demo_site.url, "reviu")

    page.goto(f"{demo_site.url}/pemda/{government.code}/2021/?tw=4")
    badge = page.get_by_test_id("lkjip-pemda-approval")
    expect(badge).to_have_text("LKjIP Pemda: belum disetujui")
    badge.click()
    expect(page).to_have_url(f"{demo_site.url}/pemda/{government.code}/2021/lkjip/")

    page.get_by_test_id("pemda-lkjip-approve").click()
    note = page.get_by_test_id("pemda-lkjip-edition")
    expect(note).to_contain_text("Edisi yang disetujui Inspektorat pada")
    expect(note).to_contain_text("Rina Wulandari")
    expect(page.get_by_role("status")).to_contain_text("LKjIP Pemda disetujui")
    expect(page.get_by_test_id("pemda-lkjip-reopen")).to_be_visible()
    screenshot(page, "pemda-lkjip-approval", full_page=False)

    page.get_by_role("link", name=f"← {government.name}").click()
    today = date_format(timezone.localdate(), "j M Y")
    expect(page.get_by_test_id("lkjip-pemda-approval")).to_have_text(
        f"LKjIP Pemda: disetujui {today} oleh Rina Wulandari"
    )
