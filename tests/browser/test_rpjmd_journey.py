"""The Pemda's administrator keeps the RPJMD (issue 20): an IKU Pemda's realisation typed as planners type it, its
capaian, and the Pemda pohon kinerja down to the agency sasaran serving it; an RPJMD loaded from its file; at
1366×768."""

import json

from playwright.sync_api import expect

from indicators.models import Objective
from interchange.exporter import dumps
from interchange.rpjmd_dataset import rpjmd_export
from tests.conftest import make_user
from tests.rpjmd.scenario import make_rpjmd

from .conftest import login


def _open_the_rpjmd_as_the_pemda_admin(page, demo_site, government):
    user = make_user("bappeda", "pemda", government=government)
    user.set_password("rahasia-uji-123")
    user.save()
    login(page, demo_site.url, "bappeda")
    page.get_by_role("link", name=f"Dasbor Pemda {government.name}").click()
    page.get_by_test_id("rpjmd-link").click()


def test_pemda_admin_types_an_iku_realisation_and_reads_the_pohon_kinerja(page, demo_site, screenshot):
    objective_s1 = Objective.objects.get(code="S1")
    government = objective_s1.plan.agency.government
    _plan, rpjmd_objective, _indicators = make_rpjmd(government, n_indicators=1)
    objective_s1.rpjmd_objective = rpjmd_objective
    objective_s1.save()
    _open_the_rpjmd_as_the_pemda_admin(page, demo_site, government)
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


def test_pemda_admin_imports_an_rpjmd_file_and_a_wrong_one_is_refused_with_its_problems(
    page, demo_site, screenshot, tmp_path
):
    """The administrator of a Pemda without an RPJMD loads one from its `sakip-rpjmd/1` file (another
    installation's, say): first a file with a mistake, refused whole with the place of the problem; then the
    right one, whose plan the RPJMD page then shows."""
    government = Objective.objects.get(code="S1").plan.agency.government
    plan, _objective, _indicators = make_rpjmd(government, n_indicators=2)
    good = json.loads(dumps(rpjmd_export(plan)))
    plan.delete()
    bad = json.loads(json.dumps(good))
    bad["goals"][0]["objectives"][0]["indicators"][0]["polarity"] = "naik"
    (tmp_path / "salah.json").write_text(json.dumps(bad), encoding="utf-8")
    (tmp_path / "rpjmd.json").write_text(json.dumps(good), encoding="utf-8")
    _open_the_rpjmd_as_the_pemda_admin(page, demo_site, government)
    expect(page.get_by_test_id("no-rpjmd")).to_be_visible()
    page.get_by_test_id("import-rpjmd").click()
    page.get_by_label("Berkas RPJMD (sakip-rpjmd/1, .json)").set_input_files(str(tmp_path / "salah.json"))
    page.get_by_role("button", name="Impor", exact=True).click()
    problems = page.get_by_test_id("import-problems")
    expect(problems).to_contain_text("tidak ada yang disimpan")
    expect(problems).to_contain_text("$.goals[0].objectives[0].indicators[0].polarity")
    screenshot(page, "pemda-rpjmd-import", full_page=False)

    page.get_by_label("Berkas RPJMD (sakip-rpjmd/1, .json)").set_input_files(str(tmp_path / "rpjmd.json"))
    page.get_by_role("button", name="Impor", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("diimpor")
    expect(page.get_by_test_id("vision")).to_have_text("Daerah yang sejahtera")
    expect(page.get_by_test_id("export-rpjmd")).to_be_visible()
