"""The Renstra workbook: one sheet per table; BAB VI holds the kegiatan figures and live SUM formulas."""

import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from reports.renstra.build import renstra_build
from reports.renstra.workbook import renstra_document_workbook, renstra_sheet_titles
from sakip.xlsx import HEADER_ROW, workbook_bytes
from tests.reports.lkjip.test_workbook import Evaluator, close
from tests.semarang import dataset_funding, dataset_targets, plan_years

SHEET = "BAB VI Program Kegiatan"


@pytest.fixture
def doc(semarang):
    return renstra_build(agency=semarang)


@pytest.fixture
def workbook(doc):
    return load_workbook(io.BytesIO(workbook_bytes(renstra_document_workbook(doc))))


def _rows(ws):
    """(row number, values) of the body: owner rows have "Rp" in the unit column."""
    return [(r[0].row, [c.value for c in r]) for r in ws.iter_rows(min_row=HEADER_ROW + 1)]


def known_sum(values):
    """Sum of the known figures; None (a blank cell) when no kegiatan is funded that year."""
    values = [v for v in values if v is not None]
    return sum(values, Decimal(0)) if values else None


def summed_rows(formula: str, letter: str) -> list[int]:
    """Rows a formula's SUM(...) adds up in one column ("K6:K8,K12" → [6, 7, 8, 12])."""
    [arguments] = re.findall(r"SUM\(([^)]*)\)", formula)
    rows = []
    for part in arguments.split(","):
        first, _, last = part.partition(":")
        start = int(first.removeprefix(letter))
        rows += list(range(start, int(last.removeprefix(letter)) + 1)) if last else [start]
    return rows


def test_one_sheet_per_table(workbook):
    assert tuple(workbook.sheetnames) == renstra_sheet_titles()


def test_bab_vi_holds_real_numbers_for_kegiatan_and_live_sums_for_programs_and_totals(
    workbook, semarang_dataset
):
    ws = workbook[SHEET]
    years = plan_years(semarang_dataset)
    header = [c.value for c in ws[HEADER_ROW]]
    money = [header.index(f"Pendanaan {y} (Rp)") + 1 for y in years]
    letters = [ws.cell(1, c).column_letter for c in money]
    owners = {values[0]: (n, values) for n, values in _rows(ws) if values[2] == "Rp" and values[0]}
    evaluate = Evaluator(ws)
    program_rows = []
    for program in semarang_dataset["programs"]:
        number, _ = owners[program["code"]]
        program_rows.append(number)
        activity_rows = []
        for activity in program["activities"]:
            a_number, values = owners[activity["code"]]
            activity_rows.append(a_number)
            funding = dataset_funding(activity)
            for year, column in zip(years, money, strict=True):
                cell = values[column - 1]
                # Real numbers in the kegiatan cells, not formulas; an unfunded year stays blank.
                assert not isinstance(cell, str), (activity["code"], year)
                assert close(cell, funding.get(year)), (activity["code"], year)
        for year, letter in zip(years, letters, strict=True):
            formula = ws[f"{letter}{number}"].value
            assert formula.startswith("=") and "SUM(" in formula
            assert summed_rows(formula, letter) == activity_rows
            expected = known_sum(dataset_funding(a).get(year) for a in program["activities"])
            assert close(evaluate.cell(f"{letter}{number}"), expected), (program["code"], year)
    total_row = next(n for n, values in _rows(ws) if values[1] == "Jumlah pendanaan indikatif")
    activities = [a for p in semarang_dataset["programs"] for a in p["activities"]]
    grand = Decimal(0)
    for year, letter in zip(years, letters, strict=True):
        formula = ws[f"{letter}{total_row}"].value
        assert "SUM(" in formula and summed_rows(formula, letter) == program_rows
        expected = known_sum(dataset_funding(a).get(year) for a in activities)
        grand += expected or 0
        assert close(evaluate.cell(f"{letter}{total_row}"), expected), year
    final = ws.cell(1, header.index("Kondisi Akhir (Rp)") + 1).column_letter
    assert close(evaluate.cell(f"{final}{total_row}"), grand)


def test_bab_vi_indicator_rows_carry_every_yearly_target(workbook, semarang_dataset):
    ws = workbook[SHEET]
    years = plan_years(semarang_dataset)
    header = [c.value for c in ws[HEADER_ROW]]
    first_target = header.index(f"Target {years[0]}")
    rows = [values for _, values in _rows(ws) if values[2] != "Rp" and values[1]]
    indicators = [
        i for p in semarang_dataset["programs"] for a in [p, *p["activities"]] for i in a["indicators"]
    ]
    assert [v[1] for v in rows[: len(indicators)]] == [i["name"] for i in indicators]
    for values, indicator in zip(rows, indicators, strict=False):
        targets = dataset_targets(indicator)
        for k, year in enumerate(years):
            assert close(values[first_target + k], targets.get(year)), (indicator["code"], year)


def test_the_workbook_is_deterministic_and_print_ready(doc, workbook):
    assert workbook_bytes(renstra_document_workbook(doc)) == workbook_bytes(renstra_document_workbook(doc))
    for ws in workbook.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert doc.agency.name in ws["A2"].value and doc.revision in ws["A2"].value


def test_every_printed_page_header_names_the_period_once(workbook, doc):
    # Issue 18 found "Tahun 2021 2021" in the LKjIP's page headers; the Renstra's name the period once.
    period = f"{doc.plan.start_year}–{doc.plan.end_year}"
    for ws in workbook.worksheets:
        header = ws.oddHeader.center.text
        years = re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", header)
        assert header.count(period) == 1 and len(years) == len(set(years)) == 2, header
