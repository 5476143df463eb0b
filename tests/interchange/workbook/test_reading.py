"""The Excel import refuses every figure the database would not give back unchanged, and every cell openpyxl
cannot read, with its sheet, row and column; nothing is saved and no request ends in a 500 (issue 16, points 2
and 5)."""

import io
import zipfile
from decimal import Decimal

import pytest

from interchange.workbook.reading import workbook_changes
from tests.files import with_stored_cell
from tests.interchange.workbook.test_applying import (
    YEAR,
    _bytes,
    _column,
    _database,
    _first_line,
    _pk_target,
    _row,
    _template,
    _upload,
    _with_cached_value,
)

TARGET_SHEET = "xl/worksheets/sheet2.xml"  # Petunjuk is sheet1


def _pk_cell(agency, workbook):
    ws = workbook["Target"]
    return ws, f"{_column(ws, 'PK')}{_row(ws, _pk_target(agency).indicator.code)}"


def _refused(client, agency, data, sheet, row, column, *messages):
    before = _database(agency)
    response = _upload(client, agency, data)
    assert response.status_code == 200
    problems = response.context["problems"]
    assert any(
        p.sheet == sheet and p.row == row and p.column == column and all(m in p.message for m in messages)
        for p in problems
    ), problems
    assert not response.context.get("changes")
    assert _database(agency) == before


@pytest.mark.parametrize(
    ("value", "messages"),
    [
        (1e30, ("Angka terlalu besar", "at most 16 digits")),
        # Excel keeps 15 digits: sixteen nines are stored (by openpyxl too) as 1e+16, seventeen digits.
        (9999999999999999, ("Angka terlalu besar",)),
        ("9999999999999999", ("paling banyak 15 angka bermakna",)),  # the same figure typed as text
        ("123456789012,3456", ("paling banyak 15 angka bermakna", "15 significant digits")),
        (0.00001, ("Paling banyak 4 angka di belakang koma",)),
        ("Rp 1.000", ("Rp tidak berlaku di sini",)),  # a percent indicator's target in rupiah
    ],
)
def test_a_figure_the_database_cannot_keep_is_refused_with_its_cell(
    planner_client, demo_agency, value, messages
):
    workbook = _template(demo_agency)
    ws, address = _pk_cell(demo_agency, workbook)
    ws[address] = value
    ws["D2"] = 1  # a valid change beside it is not saved either
    _refused(planner_client, demo_agency, _bytes(workbook), "Target", ws[address].row, "E", *messages)


@pytest.mark.parametrize(
    ("stored", "messages"),
    [
        ("nan", ("bukan angka yang dapat dibaca", "not a readable number")),
        ("inf", ("bukan angka yang dapat dibaca",)),
        ("abc", ("bukan angka yang dapat dibaca",)),
        ("1e400", ("Bukan angka", "Not a number")),  # read by openpyxl as infinity
        ("-1E+400", ("Bukan angka",)),
        ("1e30", ("Angka terlalu besar",)),
    ],
)
def test_a_numeric_cell_holding_no_finite_number_is_refused_with_its_cell(
    planner_client, demo_agency, stored, messages
):
    workbook = _template(demo_agency)
    ws, address = _pk_cell(demo_agency, workbook)
    row = ws[address].row
    data = with_stored_cell(_bytes(workbook), TARGET_SHEET, address, stored)
    _refused(planner_client, demo_agency, data, "Target", row, "E", *messages)


@pytest.mark.parametrize(("kind", "stored"), [("d", "kemarin"), ("s", "x")])
def test_a_date_or_text_cell_openpyxl_cannot_read_is_refused_with_its_cell(
    planner_client, demo_agency, kind, stored
):
    """A date cell that is no date, a shared-string cell whose index is no number: openpyxl fails the whole
    sheet on them; the planner is told which cell."""
    workbook = _template(demo_agency)
    ws, address = _pk_cell(demo_agency, workbook)
    row = ws[address].row
    data = with_stored_cell(_bytes(workbook), TARGET_SHEET, address, stored, kind=kind)
    _refused(planner_client, demo_agency, data, "Target", row, "E")


@pytest.mark.parametrize(
    ("kind", "cached", "messages"),
    [
        ("str", "abc", ("Rumus tidak dapat dihitung",)),
        ("e", "#DIV/0!", ("Rumus tidak dapat dihitung",)),
        ("b", "1", ("Rumus tidak dapat dihitung",)),  # TRUE is not a figure
        ("b", "TRUE", ("bukan angka yang dapat dibaca",)),  # a boolean openpyxl cannot read
        ("n", "nan", ("bukan angka yang dapat dibaca",)),
        ("n", "1e400", ("Bukan angka",)),
        ("n", "1e30", ("Angka terlalu besar",)),
    ],
)
def test_a_formula_whose_cached_result_is_no_figure_is_refused_with_its_cell(
    planner_client, demo_agency, kind, cached, messages
):
    workbook = _template(demo_agency)
    ws, address = _pk_cell(demo_agency, workbook)
    row = ws[address].row
    ws[address] = "=A1"
    data = _bytes(workbook)
    text = zipfile.ZipFile(io.BytesIO(data)).read(TARGET_SHEET).decode()
    assert f'<c r="{address}"><f>A1</f><v' in text
    data = _with_cached_value(data, TARGET_SHEET, address, cached)
    if kind != "n":
        data = _with_attribute(data, address, kind)
    _refused(planner_client, demo_agency, data, "Target", row, "E", *messages)


def _with_attribute(data, address, kind):
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == TARGET_SHEET:
                content = content.replace(
                    f'<c r="{address}">'.encode(), f'<c r="{address}" t="{kind}">'.encode()
                )
            target.writestr(item, content)
    return out.getvalue()


def test_a_percent_formatted_cell_is_refused_in_a_rupiah_column(planner_client, demo_agency):
    workbook = _template(demo_agency)
    ws = workbook["Anggaran"]
    code = _first_line().sub_activity.code
    cell = ws[f"{_column(ws, 'Pagu murni')}{_row(ws, code)}"]
    cell.value, cell.number_format = 0.005, "0.0%"  # "0,5%" typed into a rupiah column
    _refused(
        planner_client,
        demo_agency,
        _bytes(workbook),
        "Anggaran",
        cell.row,
        "C",
        "Sel berformat persen",
        "percent-formatted",
    )


def test_rupiah_text_with_a_percent_sign_is_refused(planner_client, demo_agency):
    workbook = _template(demo_agency)
    ws = workbook["Anggaran"]
    cell = ws[f"{_column(ws, 'Realisasi total')}{_row(ws, _first_line().sub_activity.code)}"]
    cell.value = "0,5%"
    _refused(
        planner_client, demo_agency, _bytes(workbook), "Anggaran", cell.row, cell.column_letter, "Tanda %"
    )


def test_the_largest_figures_the_database_keeps_are_accepted(demo_agency):
    workbook = _template(demo_agency)
    ws, address = _pk_cell(demo_agency, workbook)
    ws[address] = "9.999.999.999.999.990"  # 15 significant digits, the column's 16 integer digits
    budget = workbook["Anggaran"]
    budget[f"{_column(budget, 'Pagu murni')}{_row(budget, _first_line().sub_activity.code)}"] = (
        99999999999999.9
    )
    changes, problems = workbook_changes(demo_agency, YEAR, _bytes(workbook))
    assert problems == []
    assert sorted(c.new for c in changes) == [Decimal("99999999999999.9"), Decimal("9999999999999990")]
