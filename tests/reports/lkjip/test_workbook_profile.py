"""The organisation profile in the LKjIP workbook and JSON (issue 18, point 8): a sheet per table when the year
has its data, none otherwise."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from agencies.models import Facility, Risk, StaffCount, StrategicIssue
from reports.lkjip.workbook import annex_sheet_titles, annex_workbook
from reports.readmodel.build import report_build
from reports.readmodel.json_report import report_json
from sakip.xlsx import HEADER_ROW, workbook_bytes
from tests.helpers import without_profile

YEAR = 2021


@pytest.fixture
def demo_dataset(demo_dataset):
    """The demo without its organisation profile: each test types the rows it prints."""
    return without_profile(demo_dataset)


def rows(sheet, columns):
    return [
        [c.value for c in row]
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=columns)
        if any(c.value is not None for c in row)
    ]


def test_without_profile_data_the_workbook_and_json_have_none(demo_agency):
    report = report_build(agency=demo_agency, year=YEAR)
    workbook = load_workbook(io.BytesIO(workbook_bytes(annex_workbook(report))))
    assert workbook.sheetnames == list(annex_sheet_titles(YEAR, report=report))
    assert "SDM" not in workbook.sheetnames and "Daftar Risiko" not in workbook.sheetnames
    assert not {"staff", "facilities", "risks"} & set(report_json(report))


def test_each_table_has_its_sheet_with_its_figures(demo_agency):
    StaffCount.objects.create(agency=demo_agency, year=YEAR, breakdown="employment", label="PNS", count=30)
    StaffCount.objects.create(
        agency=demo_agency, year=YEAR, breakdown="employment", label="Non PNS", count=69, position=1
    )
    Facility.objects.create(agency=demo_agency, year=YEAR, name="Laptop", quantity=7, value=Decimal("1000"))
    StrategicIssue.objects.create(agency=demo_agency, year=YEAR, issue="SDM belum berdaya saing")
    Risk.objects.create(agency=demo_agency, year=YEAR, statement="Peserta absen", likelihood=3, severity=2)
    report = report_build(agency=demo_agency, year=YEAR)
    workbook = load_workbook(io.BytesIO(workbook_bytes(annex_workbook(report))))
    titles = annex_sheet_titles(YEAR, report=report)
    assert workbook.sheetnames == list(titles)
    assert titles[:3] == ("SDM", "Sarana Prasarana", "Isu Strategis")
    assert titles[-2:] == ("Daftar Risiko", "Pemeriksaan")
    staff = rows(workbook["SDM"], 4)
    assert staff[1][:3] == [1, "PNS", 30] and round(staff[1][3], 2) == 30.30
    assert staff[-1][1:3] == ["Jumlah", 99]
    assert rows(workbook["Sarana Prasarana"], 8)[-1][2:4] == ["Jumlah", 7]
    assert rows(workbook["Daftar Risiko"], 7)[0][4:7] == [3, 2, 6]
    data = report_json(report)
    assert data["staff"][0]["total"] == 99 and data["staff"][0]["lines"][0]["share"] == "30.30"
    assert data["facilities"]["total_value"] == "1000.00"
    assert data["risks"] == [{"statement": "Peserta absen", "level": 6}]
