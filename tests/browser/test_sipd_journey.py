"""A planner imports the budget export of SIPD: uploads it, reads the preview, maps a renamed code, confirms."""

from playwright.sync_api import expect

from agencies.models import Agency
from budgets.models import BudgetLine
from interchange.models import SipdCodeMapping
from interchange.sipd.sample import sample_export

from .conftest import login

YEAR = 2021
OLD, RENAMED = "2.17.01.2.01.0001", "2.17.01.2.01.0099"


def test_planner_imports_a_sipd_export_and_maps_a_renamed_code(page, demo_site, screenshot):
    agency = Agency.objects.get()
    data, figures = sample_export(agency, YEAR, seed=11, renamed={OLD: RENAMED})
    expected = {f.code: f for f in figures}

    login(page, demo_site.url, "perencana")
    page.goto(f"{demo_site.url}/opd/{agency.code}/{YEAR}/anggaran/")
    page.get_by_role("link", name="Impor dari SIPD").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Impor dari SIPD")
    page.get_by_label("Berkas ekspor SIPD (.xlsx atau .csv)").set_input_files(
        files=[
            {
                "name": "realisasi-sipd-2021.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": data,
            }
        ]
    )
    page.get_by_role("button", name="Unggah dan pratinjau").click()
    # The renamed code is refused with its row and column, and offered for mapping; nothing to confirm yet.
    expect(page.locator("#sipd-problems")).to_contain_text("Baris 10, kolom 'Kode Sub Kegiatan'")
    expect(page.get_by_role("button", name="Simpan semua perubahan")).to_have_count(0)
    page.locator(f"#sipd-unknown li[data-code='{RENAMED}']").get_by_role("link").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Pemetaan kode SIPD")
    expect(page.get_by_label("Kode sub kegiatan di SIPD")).to_have_value(RENAMED)
    page.get_by_label("Sub kegiatan di Renstra").select_option(
        label=next(o for o in page.locator("#id_sub_activity option").all_inner_texts() if o.startswith(OLD))
    )
    page.get_by_role("button", name="Simpan pemetaan").click()

    # Back to the same file's preview: every sub kegiatan, old → new, the mapped one marked.
    preview = page.locator("#sipd-preview")
    expect(preview.locator("tbody tr")).to_have_count(len(figures))
    mapped = preview.locator(f"tr[data-code='{OLD}']")
    expect(mapped).to_contain_text(f"SIPD {RENAMED}")
    revised = f"{int(expected[OLD].ceiling_revised):,}".replace(",", ".")
    expect(mapped).to_contain_text(revised)
    expect(page.locator("#sipd-problems")).to_have_count(0)
    screenshot(page, "sipd-import", full_page=False)

    page.get_by_role("button", name="Simpan semua perubahan").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Pagu dan realisasi anggaran")
    expect(page.get_by_text("Impor SIPD disimpan")).to_be_visible()
    line = BudgetLine.objects.get(year=YEAR, sub_activity__code=OLD)
    assert line.ceiling_revised == expected[OLD].ceiling_revised
    assert line.spent_quarters == list(expected[OLD].quarters)
    assert SipdCodeMapping.objects.filter(agency=agency, sipd_code=RENAMED).exists()
