"""Cells of the spreadsheets the app writes (openpyxl workbooks and CSV): a user's text always goes out as text.

Spreadsheets run what looks like a formula ("formula injection", CWE-1236). Planners type the texts we export
(indicator names, sasaran statements, program and IKM unsur names, narratives, codes), and whoever opens the
file is usually someone else — the inspectorate, the Bappeda. So:

- xlsx: openpyxl stores any str that starts with "=" as a live formula (and "#N/A" as an error). `set_cell`
  writes every str as a string cell (data_type "s"); the app's own formulas are `Formula` values, the one kind
  of str that goes out live. A text that a spreadsheet would read as a formula once someone edits the cell also
  gets Excel's quote prefix (what Excel itself stores for a cell typed as '=…), so it stays text after an edit.
  Characters an xlsx cannot hold (control characters other than tab and line breaks) become U+FFFD instead of
  failing the whole download.
- CSV: as OWASP recommends, every field is quoted (`CSV_QUOTING`) and a text field that starts with =, +, -, @,
  tab, carriage return or line feed (`formula_like`) is prefixed with a single quote (`safe_csv_value`).
  Numbers stay numbers: only str values are ever prefixed, and a text that is nothing but a number as the app
  formats it ("-1.234,5", "-5") is left as it is — a spreadsheet reads it as that number, never as a formula.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

# The first characters that make a spreadsheet read a field as a formula (OWASP CSV injection, 2025: = + - @,
# tab, carriage return, line feed).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
# A signed number as the app prints it (Indonesian or plain separators, optionally a percent): inert.
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,]*%?")
CSV_QUOTING: Final = csv.QUOTE_ALL  # OWASP: wrap every field in double quotes


class Formula(str):
    """A formula the app writes over its own cells ("=SUM(C5:C9)"): the only str that goes out live."""

    __slots__ = ()


def formula_like(text: str) -> bool:
    """Would a spreadsheet read this text as a formula (or a command) if it were typed or opened as CSV?"""
    return text.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text)


def text_cell(cell: Cell, text: str) -> Cell:
    """Put `text` in an openpyxl cell as a string cell, exactly as typed (whatever its first character)."""
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(text))
    cell.value = text  # openpyxl infers "f" for "=…" and "e" for "#N/A": both overridden below
    cell.data_type = "s"
    if formula_like(text):
        cell.quotePrefix = True
    return cell


def set_cell(cell, value):
    """Put any value in an openpyxl cell: a `Formula` live, any other str as text, numbers and None as they are."""
    if isinstance(value, Formula):
        cell.value = str(value)
    elif isinstance(value, str):
        text_cell(cell, value)
    else:
        cell.value = value
    return cell


def append_row(ws: Worksheet, values: Iterable[object]) -> int:
    """`ws.append(values)` with every str written as text (see `set_cell`). Returns the row's number.

    The cells are made first and handed to `append`, which places `Cell` objects as they are: asking the sheet
    for its last row after each append (`max_row`) scans every cell, which made a 20.000-row export take 30 s.
    `WriteOnlyCell` is openpyxl's maker of such cells: `append` gives them their row and column."""
    cells = [set_cell(WriteOnlyCell(ws), value) for value in values] or [None]
    ws.append(cells)
    return cells[0].row if cells[0] is not None else ws.max_row


def safe_csv_value(value):
    """A CSV field: a formula-like text prefixed with a single quote; anything else (numbers too) unchanged."""
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value


def safe_csv_row(values: Iterable[object]) -> list[object]:
    return [safe_csv_value(v) for v in values]


def csv_writer(stream):
    """A csv.writer that quotes every field; write rows through `safe_csv_row`."""
    return csv.writer(stream, quoting=CSV_QUOTING)
