"""Another agency's planner, in a real browser, meets a 404 on every URL of the demo agency."""

from django.urls import reverse

from tests.conftest import make_user
from tests.workspace.test_access_url_walk import agency_patterns, url_args

from .conftest import login


def test_planner_of_another_agency_gets_404_on_every_url(page, demo_site, demo_dataset):
    import copy

    from agencies.models import Agency
    from indicators.models import Indicator
    from interchange.dataset.writing import dataset_import

    data = copy.deepcopy(demo_dataset)
    data["agency"].update(code="dinas-lain", name="Dinas Lain")
    data["government"].update(code="kota-lain", name="Kota Lain")
    other = dataset_import(data).agency
    user = make_user("perencana-lain", "planner", agency=other)
    user.set_password("rahasia-uji-123")
    user.save()
    demo = Agency.objects.get(code="tangsel-dinkopukm")
    indicator = Indicator.objects.filter(plan__agency=demo).first()

    login(page, demo_site.url, "perencana-lain")
    visited = 0
    for name, args, defaults in agency_patterns():
        path = reverse(
            name, kwargs=url_args(demo, args, defaults, {"indicator": indicator.pk, "pk": indicator.pk})
        )
        response = page.goto(demo_site.url + path)
        assert response.status == 404, path
        visited += 1
    assert visited >= 15
    # And their own agency still works.
    response = page.goto(demo_site.url + reverse("agencies:overview", args=[other.code]))
    assert response.status == 200


def test_planner_writes_a_narrative_section(page, demo_site, screenshot):
    from playwright.sync_api import expect

    login(page, demo_site.url, "perencana")
    page.get_by_role("link", name="Narasi", exact=True).click()
    field = page.get_by_label("Analisis capaian sasaran S1")
    field.fill("Capaian S1 didorong pelatihan kewirausahaan bagi 120 peserta.")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status")).to_contain_text("1 bagian narasi disimpan")
    expect(page.get_by_label("Analisis capaian sasaran S1")).to_have_value(
        "Capaian S1 didorong pelatihan kewirausahaan bagi 120 peserta."
    )
    screenshot(page, "narratives")
