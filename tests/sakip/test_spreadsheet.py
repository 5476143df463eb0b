"""sakip.spreadsheet: user text goes into workbooks as text and into CSV neutralised; the app's own formulas
stay live; numbers stay numbers."""

import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from sakip.spreadsheet import Formula, append_row, formula_like, safe_csv_value, set_cell, text_cell


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://contoh.invalid","klik")',
        "+cmd|' /C calc'!A0",
        "-5% target",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "\t=1+1",
        "\r=1+1",
        "\n=1+1",
        "=",
        "-",
    ],
)
def test_formula_like_texts(text):
    assert formula_like(text)
    assert safe_csv_value(text) == "'" + text


@pytest.mark.parametrize(
    "text", ["", "Indeks Kepuasan", "S1.1", "1.234,5", "-1.234,5", "-5", "+62", "-0,25%", "Rp -1.000", "'=1"]
)
def test_plain_texts_and_number_texts_are_left_alone(text):
    assert not formula_like(text)
    assert safe_csv_value(text) == text


@pytest.mark.parametrize("value", [Decimal("-1234.5"), -5, -0.25, None, True])
def test_csv_values_that_are_not_text_are_never_touched(value):
    assert safe_csv_value(value) is value


def _reloaded(wb):
    buffer = io.BytesIO()
    wb.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue())), buffer.getvalue()


def test_text_cells_keep_formula_like_text_as_text_and_formulas_stay_live():
    wb = Workbook()
    ws = wb.active
    text_cell(ws["A1"], "=1+1")
    set_cell(ws["A2"], "#N/A")  # openpyxl alone would write an error cell
    set_cell(ws["A3"], "-5% target")
    set_cell(ws["A4"], Decimal("-5"))
    set_cell(ws["A5"], Formula("=SUM(A4:A4)"))
    set_cell(ws["A6"], "Nama\x01indikator\x0b")  # characters an xlsx cannot hold
    set_cell(ws["A7"], "baris satu\nbaris dua\tkolom")
    loaded, content = _reloaded(wb)
    cells = loaded.active
    assert [(c.value, c.data_type) for c in cells["A"]] == [
        ("=1+1", "s"),
        ("#N/A", "s"),
        ("-5% target", "s"),
        (-5, "n"),
        ("=SUM(A4:A4)", "f"),
        ("Nama\ufffdindikator\ufffd", "s"),
        ("baris satu\nbaris dua\tkolom", "s"),
    ]
    assert cells["A1"].quotePrefix and cells["A3"].quotePrefix, "Excel keeps them text when edited"
    assert not cells["A2"].quotePrefix and not cells["A7"].quotePrefix
    sheet = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>SUM(A4:A4)</f>" in sheet and "<f>1+1</f>" not in sheet


def test_append_row_numbers_rows_like_append_and_writes_text():
    wb = Workbook()
    ws = wb.active
    assert append_row(ws, ["Kode", "Nama"]) == 1
    assert append_row(ws, ["=K1", "@nama", None, Decimal("2.5")]) == 2
    ws.append(["x"])  # openpyxl's own append continues after it
    loaded, _content = _reloaded(wb)
    rows = [[(c.value, c.data_type) for c in row] for row in loaded.active.iter_rows()]
    assert rows[1] == [("=K1", "s"), ("@nama", "s"), (None, "n"), (2.5, "n")]
    assert rows[2][0] == ("x", "s")
