"""A planner uploads a filled-in template, checks the preview of every change, and confirms it."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from agencies.models import Agency
from budgets.models import BudgetLine
from interchange.workbook.template import template_workbook

from .conftest import login

YEAR = 2021


@pytest.mark.immediate_tasks  # the confirmed import is applied inside the request, as a worker would
def test_planner_imports_a_workbook_after_previewing_it(page, demo_site, screenshot):
    agency = Agency.objects.get()
    line = (
        BudgetLine.objects.filter(year=YEAR, sub_activity__isnull=False)
        .select_related("sub_activity")
        .order_by("pk")
        .first()
    )
    code = line.sub_activity.code
    # The browser cannot download here: build the template as the download would, and fill it in.
    buffer = io.BytesIO()
    template_workbook(agency, YEAR).save(buffer)
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    ws = workbook["Anggaran"]
    row = next(cell.row for cell in ws["A"] if cell.value == code)
    column = next(cell.column_letter for cell in ws[1] if cell.value == "Pagu perubahan")
    ws[f"{column}{row}"] = "Rp 190.000.000,-"
    buffer = io.BytesIO()
    workbook.save(buffer)

    login(page, demo_site.url, "perencana")
    page.goto(f"{demo_site.url}/opd/{agency.code}/{YEAR}/impor/")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Impor dari Excel")
    expect(page.get_by_role("link", name="Unduh templat")).to_be_visible()
    page.get_by_label("Berkas templat (.xlsx)").set_input_files(
        files=[
            {
                "name": "templat.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": buffer.getvalue(),
            }
        ]
    )
    page.get_by_role("button", name="Unggah dan pratinjau").click()
    preview = page.locator("#import-preview")
    expect(preview.locator("tbody tr")).to_have_count(1)
    changed = preview.locator(f"tr[data-code='{code}']")
    expect(changed).to_contain_text("Pagu perubahan")
    expect(changed).to_contain_text("190.000.000")
    screenshot(page, "import-preview")

    page.get_by_role("button", name="Simpan semua perubahan").click()
    expect(page.get_by_role("status")).to_contain_text("1 nilai dari berkas disimpan")
    line.refresh_from_db()
    assert line.ceiling_revised == Decimal("190000000")
