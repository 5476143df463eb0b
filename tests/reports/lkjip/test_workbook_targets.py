"""The annex workbook names the target set of every figure, prints PK murni and PK perubahan side by side
(issue 18, point 3), the whole Renstra series (point 6), and provisional realisations with the grade rule
(point 12)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from reports.lkjip.workbook import annex_workbook, comparison_title
from reports.readmodel.build import report_build
from sakip.xlsx import HEADER_ROW, workbook_bytes
from tests.reports.lkjip.conftest import REASON, YEAR

FIRST = 2016


def _book(agency, **options):
    report = report_build(agency=agency, year=YEAR, **options)
    return load_workbook(io.BytesIO(workbook_bytes(annex_workbook(report))))


def _header(ws):
    return [c.value for c in ws[HEADER_ROW] if c.value is not None]


def _rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]


def _texts(ws):
    return [row[0] for row in _rows(ws) if isinstance(row[0], str)]


def test_the_agreement_sheet_sets_pk_murni_and_pk_perubahan_side_by_side(revised):
    ws = _book(revised)["Perjanjian Kinerja"]
    assert _header(ws)[4:] == [
        f"Target Renstra {YEAR}",
        f"Target PK murni {YEAR}",
        f"Target PK perubahan {YEAR}",
        "Alasan perubahan",
    ]
    s1 = next(r for r in _rows(ws) if r[2] == "Angka Angkatan Kerja yang Melakukan Wirausaha Mandiri")
    assert s1[4:8] == [None, 0.5, 0.4, REASON]
    assert ws["A1"].value.startswith("Target Renstra, PK murni dan PK perubahan")


def test_the_demos_agreement_sheet_has_no_perubahan_column_and_the_capaian_sheet_names_each_set(demo_agency):
    book = _book(demo_agency)
    assert _header(book["Perjanjian Kinerja"])[4:] == [f"Target Renstra {YEAR}", f"Target PK murni {YEAR}"]
    ws = book["Capaian"]
    assert _header(ws)[-2:] == ["Sumber target", "Status realisasi"]
    by_code = {r[0]: r for r in _rows(ws)}
    assert by_code["S1.1"][7] == "PK murni"
    assert by_code["R1.1"][7] == "Renstra"
    assert any("dari PK murni 6 indikator dan Renstra 5 indikator" in t for t in _texts(ws))


def test_the_comparison_sheet_runs_from_the_renstras_first_year_with_targets(demo_agency):
    book = _book(demo_agency)
    ws = book[comparison_title(YEAR, FIRST)]
    header = _header(ws)
    assert header[3:7] == [
        f"Target {FIRST}",
        f"Sumber target {FIRST}",
        f"Realisasi {FIRST}",
        f"Capaian {FIRST} (%)",
    ]
    assert header[-1] == f"Capaian {YEAR} (%)"
    r11 = next(r for r in _rows(ws) if r[0] == "R1.1")
    assert r11[3:7] == [55, "Renstra", 61, r11[6]] and round(r11[6], 2) == 110.91
    assert comparison_title(YEAR, YEAR - 2) in _book(demo_agency, whole_series=False).sheetnames


def test_a_provisional_grade_is_marked_and_the_grade_rule_noted(provisional):
    ws = _book(provisional)["Capaian"]
    s49 = next(r for r in _rows(ws) if r[0] == "S4.9")
    assert s49[3:9] == ["BB", "BB", 100, s49[6], "PK murni", "Sementara"]
    texts = _texts(ws)
    assert any(t.startswith("* Realisasi sementara, menunggu hasil evaluasi: S4.9") for t in texts)
    assert any("D = 1, C = 2, CC = 3, B = 4, BB = 5, A = 6, AA = 7" in t for t in texts)
