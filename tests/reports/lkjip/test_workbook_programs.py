"""The LKjIP workbook's sheet of program and kegiatan indicator results (issue 18, point 1)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from reports.lkjip.workbook import PROGRAMS_TITLE, annex_sheet_titles, annex_workbook
from reports.readmodel.build import report_build
from sakip.xlsx import HEADER_ROW, workbook_bytes

YEAR = 2021
FIRST = 2016  # the demo Renstra's first year: 2021 is its last, so the comparison runs from 2016


@pytest.fixture
def sheet(demo_agency):
    report = report_build(agency=demo_agency, year=YEAR)
    workbook = load_workbook(io.BytesIO(workbook_bytes(annex_workbook(report))))
    return workbook[PROGRAMS_TITLE]


def _rows(sheet):
    return [
        [c.value for c in row]
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=7)
        if any(c.value is not None for c in row)
    ]


def test_the_sheet_follows_the_comparison_and_has_the_tables_columns():
    titles = annex_sheet_titles(YEAR, FIRST)
    assert titles.index(PROGRAMS_TITLE) == titles.index("Perbandingan 2016-2021") + 1


def test_program_and_kegiatan_figures_are_numbers_under_their_sasaran(sheet):
    header = [c.value for c in sheet[HEADER_ROW]][:7]
    assert header == [
        "Kode",
        "Program / Kegiatan / Indikator",
        "Satuan",
        "Target 2021",
        "Realisasi 2021",
        "Capaian (%)",
        "Predikat",
    ]
    rows = _rows(sheet)
    assert rows[0][:2] == ["S1", "Sasaran S1: Meningkatnya Kualitas Angkatan Kerja"]
    by_code: dict[str, list] = {}
    for row in rows:
        by_code.setdefault(row[0], []).append(row)
    # 2.17.05-1: PK 1715, TW 440 + 0 + 769 + 645 = 1854; capaian 1854 / 1715 × 100 (a number, not a text).
    [program] = by_code["2.17.05-1"]
    assert program[2:5] == ["SDM Koperasi", 1715, 1854]
    assert program[5] == pytest.approx(float(Decimal(1854) / Decimal(1715) * 100))
    assert program[6] == "Melampaui Target"
    # 2.17.07.2.01-1: PK 315, 100 + 0 + 59 + 148 = 307 → 97,46 %, Tidak Tercapai.
    kegiatan = by_code["2.17.07.2.01-1"][0]
    assert kegiatan[3:5] == [315, 307] and kegiatan[6] == "Tidak Tercapai"
    assert kegiatan[5] == pytest.approx(float(Decimal(307) / Decimal(315) * 100))
    # 2.17.06 supports four sasaran: it and its own indicators repeat under each, its program row says so, and
    # its kegiatan are detailed under the first (S1) only.
    assert len(by_code["2.17.06"]) == 4 and len(by_code["2.17.06-2"]) == 4
    assert by_code["2.17.06"][0][1].endswith("(mendukung sasaran S1, S4, R2, R3)")
    assert len(by_code["2.17.06.2.01-4"]) == 1
