"""The Pemda's administrator keeps the RPJMD (issue 20): an IKU Pemda's realisation typed as planners type it, its
capaian, and the Pemda pohon kinerja down to the agency sasaran serving it, at 1366×768."""

from playwright.sync_api import expect

from indicators.models import Objective
from tests.conftest import make_user
from tests.rpjmd.scenario import make_rpjmd

from .conftest import login


def test_pemda_admin_types_an_iku_realisation_and_reads_the_pohon_kinerja(page, demo_site, screenshot):
    objective_s1 = Objective.objects.get(code="S1")
    government = objective_s1.plan.agency.government
    _plan, rpjmd_objective, _indicators = make_rpjmd(government, n_indicators=1)
    objective_s1.rpjmd_objective = rpjmd_objective
    objective_s1.save()
    user = make_user("bappeda", "pemda", government=government)
    user.set_password("rahasia-uji-123")
    user.save()
    login(page, demo_site.url, "bappeda")

    page.get_by_role("link", name=f"Dasbor Pemda {government.name}").click()
    page.get_by_test_id("rpjmd-link").click()
    expect(page.get_by_test_id("vision")).to_have_text("Daerah yang sejahtera")
    page.get_by_test_id("years").get_by_role("link", name="2021", exact=True).click()
    page.get_by_test_id("rpjmd-nav").get_by_role("link", name="Realisasi IKU").click()

    grid = page.get_by_test_id("realisation-grid")
    grid.locator("tr[data-iku='IKU.1'] input[name$='-value']").fill("73,5")
    page.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_role("status").first).to_be_visible()
    # 73,5 against the target 72: 102,08 %.
    expect(grid.locator("tr[data-iku='IKU.1']")).to_contain_text("102,08 %")

    page.get_by_test_id("rpjmd-nav").get_by_role("link", name="Pohon kinerja").click()
    tree = page.get_by_test_id("tree")
    expect(tree).to_contain_text("IPM meningkat")
    expect(tree).to_contain_text(objective_s1.statement)
    expect(tree.get_by_test_id("agency-capaian").first).to_contain_text("314,00 %")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot(page, "pemda-rpjmd-tree", full_page=False)
