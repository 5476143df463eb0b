"""Workbooks the app writes (openpyxl): the sheet layout every export shares, live formulas, fixed bytes.

A `Sheet` has a title row, a subtitle row, one bold header row, a bordered body whose number cells carry their
format, columns sized to their content, and an A4 landscape print setup with the header row repeated and the
page numbered. Numbers are written as Decimal cells: openpyxl turns them into the file's double when it
serialises the sheet, the one place a float may appear. Every cell goes through `sakip.spreadsheet.set_cell`, so
a user's text goes out as text; only `Formula` values (built here: sums, ratios, differences) are live.
`workbook_bytes` writes the same workbook as the same bytes (fixed dates, fixed zip entry times).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from sakip.spreadsheet import Formula, set_cell

RUPIAH = '"Rp" #,##0'
PERCENT = "0.00"  # percent units: the header says "(%)"
MEASURE = "#,##0.00"
INTEGER = "#,##0"

TITLE_FONT = Font(bold=True, size=13)
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
TOTAL_FILL = PatternFill("solid", fgColor="E7E6E6")
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
NUMBER_ALIGN = Alignment(horizontal="right", vertical="top")

# --- a sheet: title rows, one header row, bordered body, sized columns, print setup -------------------------
HEADER_ROW = 3  # rows 1–2 carry the title and the subtitle


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # text | long | rupiah | percent | measure | integer
    width: int | None = None  # fixed width; otherwise fitted to the content


_FORMATS = {"rupiah": RUPIAH, "percent": PERCENT, "measure": MEASURE, "integer": INTEGER}
_NUMBER_WIDTHS = {"rupiah": 20, "percent": 10, "measure": 13, "integer": 10}
_MAX_WIDTHS = {"text": 24, "long": 60}


def header_escape(text: str) -> str:
    return text.replace("&", "&&")  # "&" starts a code in Excel's page header language


def text_colour(hex_colour: str) -> str:
    """Black or white text, whichever reads on the predicate colour."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return "000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "FFFFFF"


class Sheet:
    """A table on a sheet of its own (see the module's docstring)."""

    def __init__(
        self,
        wb: Workbook,
        title: str,
        columns: list[Column],
        *,
        heading: str,
        subtitle: str,
        page_header: str,
    ):
        """A new sheet `title` of `wb`: `heading` and `subtitle` in its first two rows, `page_header` atop each
        printed page."""
        self.ws: Worksheet = wb.create_sheet(title)
        self.columns = columns
        self.widths = [max(len(word) for word in c.header.split()) + 2 for c in columns]
        set_cell(self.ws.cell(1, 1), heading).font = TITLE_FONT
        set_cell(self.ws.cell(2, 1), subtitle)
        for k, column in enumerate(columns, start=1):
            cell = set_cell(self.ws.cell(HEADER_ROW, k), column.header)
            cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self.row_number = HEADER_ROW
        self._page_setup(page_header)

    def _page_setup(self, header_text: str) -> None:
        ws = self.ws
        ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1).coordinate
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0  # as many pages down as needed
        fit, header, footer = ws.sheet_properties.pageSetUpPr, ws.oddHeader, ws.oddFooter
        assert fit is not None and header is not None and footer is not None  # a new sheet has all three
        fit.fitToPage = True
        ws.print_options.horizontalCentered = True
        header.center.text = header_escape(header_text)
        header.center.size = 9
        footer.center.text = "Halaman &P dari &N"
        footer.center.size = 9

    def add(
        self,
        values: Sequence[object],
        *,
        style: str = "",
        fill: PatternFill | None = None,
        kinds: Sequence[str] | None = None,
    ) -> int:
        """Append a bordered row; `style` "group" or "total" makes it bold and shaded. Returns its number.
        Every str is written as text, whatever it starts with; only `Formula` values are live formulas."""
        self.row_number += 1
        kinds = kinds or [c.kind for c in self.columns]
        for k, (value, kind) in enumerate(zip(values, kinds, strict=False)):
            cell = set_cell(self.ws.cell(self.row_number, k + 1), value)
            cell.border = BORDER
            if kind in _FORMATS:
                cell.number_format = _FORMATS[kind]
                cell.alignment = NUMBER_ALIGN
                self.widths[k] = max(self.widths[k], _NUMBER_WIDTHS[kind])
            else:
                cell.alignment = WRAP
                text = str(cell.value or "")
                self.widths[k] = max(self.widths[k], min(len(text) + 2, _MAX_WIDTHS.get(kind, 24)))
            if style:
                cell.font = BOLD
                cell.fill = fill or (TOTAL_FILL if style == "total" else GROUP_FILL)
        return self.row_number

    def note(self, text: str) -> None:
        """A sentence instead of rows (nothing to list), so the sheet never looks empty."""
        self.row_number += 1
        set_cell(self.ws.cell(self.row_number, 1), text).font = Font(italic=True)

    def header(self, labels: Sequence[str]) -> None:
        """A second header row inside the sheet (a table below the first)."""
        self.row_number += 2
        for k, label in enumerate(labels, start=1):
            cell = set_cell(self.ws.cell(self.row_number, k), label)
            cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="center")

    def finish(self) -> None:
        for k, (column, width) in enumerate(zip(self.columns, self.widths, strict=True), start=1):
            self.ws.column_dimensions[get_column_letter(k)].width = column.width or width


def kind_of(value, default="measure"):
    return "text" if isinstance(value, str) else default


# --- formulas ------------------------------------------------------------------------------------------------
def cell_refs(column: str, rows: list[int]) -> str:
    """Cell references of rows in one column, consecutive rows as one range: "C5:C9,C14"."""
    parts, start = [], None
    for k, row in enumerate(rows):
        if start is None:
            start = row
        if k + 1 == len(rows) or rows[k + 1] != row + 1:
            parts.append(f"{column}{start}:{column}{row}" if row != start else f"{column}{row}")
            start = None
    return ",".join(parts)


def sum_formula(column: str, rows: list[int], known: bool = True) -> Formula:
    refs = cell_refs(column, rows)
    if known:
        return Formula(f"=SUM({refs})")
    # Unknown is not zero (SPEC §3): with no child figure the parent stays blank, as in the report.
    return Formula(f'=IF(COUNT({refs})=0,"",SUM({refs}))')


def spent_sum_formula(ceiling_col: str, spent_col: str, rows: list[int], known: bool) -> Formula:
    """Realisasi of a parent. When the report leaves it unknown (a child has a pagu but no realisasi,
    budgets.totals.roll_up), the formula says so too, until the missing figure is typed in."""
    refs = cell_refs(spent_col, rows)
    if known:
        return Formula(f"=SUM({refs})")
    missing = "+".join(
        f"SUMPRODUCT(ISNUMBER({c})*NOT(ISNUMBER({s})))"
        for c, s in zip(cell_refs(ceiling_col, rows).split(","), refs.split(","), strict=True)
    )
    return Formula(f'=IF(OR(COUNT({refs})=0,{missing}>0),"",SUM({refs}))')


def ratio_formula(numerator: str, denominator: str) -> Formula:
    """numerator ÷ denominator × 100, blank when either is unknown or the denominator is 0."""
    return Formula(
        f"=IF(AND(ISNUMBER({numerator}),ISNUMBER({denominator}),{denominator}<>0),"
        f'{numerator}/{denominator}*100,"")'
    )


def difference_formula(a: str, b: str) -> Formula:
    return Formula(f'=IF(AND(ISNUMBER({a}),ISNUMBER({b})),{a}-{b},"")')


def new_workbook(title: str, stamp: datetime) -> Workbook:
    """An empty workbook (no default sheet) titled `title`, created and modified at `stamp`: fixed dates (a
    document derives them from its year) so the same data always gives the same file."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the default sheet
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.title = title
    wb.properties.creator = "SAKIP"
    return wb


# --- bytes ---------------------------------------------------------------------------------------------------
def workbook_bytes(wb: Workbook) -> bytes:
    """The .xlsx file. Written without `Workbook.save`, which stamps the current time as the modified date,
    and with fixed zip entry times, so the same report gives byte-identical files."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    stamp = wb.properties.created or datetime(1980, 1, 1)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
