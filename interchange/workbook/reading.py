"""Reading an uploaded import template: `workbook_changes` checks everything and lists the changes, old → new.

Cells accept real numbers, formulas whose cached result is a number, and text as planners type it ("1.715",
"0,5%", "Rp 22.511.784.601,-"); an empty cell clears the stored value. Nothing is written here: the confirmed
changes go to `applying.workbook_apply`.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import zipfile
from collections import defaultdict
from decimal import Context, Decimal
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from budgets.models import BudgetLine
from indicators.models import Indicator, Realisation, Target
from review.locks import closed_quarter_messages
from sakip import uploads
from sakip.forms import LocalizedDecimalField, MeasureField, MoneyField, model_bounds
from sakip.numbers import STORABLE_SIGNIFICANT_DIGITS, typed_places

from .sheets import BUDGET, FORMAT, HELP, META, RATIO, REALISATION, Change, StoredFigures, sheet_columns

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


class Problem(NamedTuple):
    sheet: str  # "" for the file as a whole
    row: int | None
    column: str  # column letter, "" when the problem is not in one cell
    message: str


def _max_bytes() -> int:
    return getattr(settings, "WORKBOOK_MAX_BYTES", DEFAULT_MAX_BYTES)


def _file_problem(message: str) -> tuple[list, list[Problem]]:
    return [], [Problem("", None, "", message)]


def _read(file) -> tuple[bytes | None, str | None]:
    """The uploaded bytes, or a problem message for a file too large or not an .xlsx at all."""
    name = getattr(file, "name", "") or ""
    size = len(file) if isinstance(file, bytes) else getattr(file, "size", None)
    limit = _max_bytes()
    too_large = _("Berkas terlalu besar (maksimal %(mb)s MB). / File too large (at most %(mb)s MB).") % {
        "mb": f"{limit / (1024 * 1024):g}"
    }
    if size is not None and size > limit:
        return None, too_large
    data = file if isinstance(file, bytes) else file.read(limit + 1)
    if len(data) > limit:
        return None, too_large
    not_xlsx = _(
        "Berkas bukan lembar kerja Excel .xlsx. Unduh templat, isi, lalu simpan sebagai .xlsx. / "
        "The file is not an Excel .xlsx workbook; download the template and save it as .xlsx."
    )
    if name and not name.lower().endswith(".xlsx"):
        return None, not_xlsx
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return None, not_xlsx
    if uploads.unpacked_too_large(data):
        return None, uploads.unpacked_too_large_message()
    return data, None


def _load(data: bytes, *, data_only: bool):
    return load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)


class _Cell(NamedTuple):
    value: object
    number_format: str
    formula: bool


def _sheet_cells(ws) -> list[list[_Cell]]:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for cell in row:
            value = getattr(cell, "value", None)
            formula = getattr(cell, "data_type", None) == "f"
            fmt = (getattr(cell, "number_format", None) or "") if isinstance(value, int | float) else ""
            cells.append(_Cell(value, fmt, formula))
        rows.append(cells)
    return rows


def _readable_sheets(data: bytes, workbook, names) -> tuple[dict[str, list[list[_Cell]]], list[Problem]]:
    """The cells of each sheet, or a problem for every cell openpyxl cannot read.

    A cell stored as a number must hold one: "nan", "inf" or "abc" in a numeric cell (a file written by another
    program, or edited by hand) stops openpyxl in the middle of the sheet with a bare ValueError.
    """
    cells, problems = {}, []
    for name in names:
        ws = workbook[name]
        try:
            cells[name] = _sheet_cells(ws)
        except uploads.UNREADABLE_CELL_ERRORS:
            problems += _unreadable_cells(data, name, getattr(ws, "_worksheet_path", None))
    return cells, problems


def _unreadable_cells(data: bytes, sheet: str, path: str | None) -> list[Problem]:
    """Where a sheet openpyxl could not read went wrong: the cells whose stored value does not fit its type."""
    message = _(
        "Isi sel “%(value)s” bukan angka yang dapat dibaca (mis. nan atau inf): ketik angkanya. / "
        "The cell holds “%(value)s”, not a readable number: type the figure."
    )
    found = [
        Problem(sheet, row, column, message % {"value": stored[:40]})
        for row, column, stored in uploads.unreadable_cells(data, path)
    ]
    return found or [Problem(sheet, None, "", _("Lembar tidak dapat dibaca. / The sheet cannot be read."))]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _field(kind: str, indicator=None, slot=()):
    """The form field of a column: the same bounds and units as the screen that edits the same column."""
    if kind == "money":
        return MoneyField(bounds=model_bounds(BudgetLine, slot[1]))
    if kind == "progress":
        return LocalizedDecimalField(
            bounds=model_bounds(BudgetLine, "physical_progress"),
            units=BudgetLine._meta.get_field("physical_progress").units,
            min_value=Decimal(0),
        )
    if kind == "part":
        field = Realisation._meta.get_field(slot[2])
        return LocalizedDecimalField(bounds=model_bounds(Realisation, slot[2]), units=field.units)
    grade = indicator is not None and indicator.kind == Indicator.Kind.GRADE
    model = Target if slot[:1] == ("target",) else Realisation
    return MeasureField(
        grade_scale=(indicator.grade_scale or "akip") if grade else None,
        kind=indicator.kind if indicator is not None else None,
        bounds=model_bounds(model, "value"),
    )


def _not_a_number(value) -> forms.ValidationError:
    return forms.ValidationError(_("Bukan angka: %(value)s. / Not a number: %(value)s.") % {"value": value})


def _parse(cell: _Cell, field, cached=None):
    """The cell's figure (Decimal, grade or None); raises forms.ValidationError with a bilingual message."""
    value = cached if cell.formula else cell.value
    if cell.formula and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise forms.ValidationError(
            _(
                "Rumus tidak dapat dihitung: simpan berkas di Excel/LibreOffice agar hasilnya tersimpan, "
                "atau ketik angkanya. / The formula has no computed number: save the file in Excel or "
                "LibreOffice, or type the figure."
            )
        )
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | datetime.date | datetime.time | datetime.timedelta):
        raise _not_a_number(value)
    if isinstance(value, int | float):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():  # "nan", or 1e400 read as infinity
            raise _not_a_number(value)
        if "%" in cell.number_format:  # Excel keeps 85 % as 0.85; the database keeps percent figures
            if "%" not in field.units:
                raise forms.ValidationError(
                    _(
                        "Sel berformat persen tidak berlaku di kolom ini: ketik angkanya dengan format angka. / "
                        "A percent-formatted cell does not belong in this column: type the figure as a number."
                    )
                )
            number *= 100
        if isinstance(value, float):
            number = _as_excel_shows(number)
        return field.checked(number)
    return field.to_python(str(value))


def _as_excel_shows(number: Decimal) -> Decimal:
    """A number cell as Excel shows it: 15 significant digits, Excel's own precision.

    The file may store the double with 17 digits ("2.2000000000000002" for a typed 2,2; "0.30000000000000004"
    for =0,1+0,2); rounding to 15 gives back what the planner typed or sees, and the column's bounds then refuse
    anything it cannot keep (0,00001 is not rounded to 0).
    """
    return Context(prec=STORABLE_SIGNIFICANT_DIGITS).plus(number)


def workbook_changes(agency, year: int, file) -> tuple[list[Change], list[Problem]]:
    """Every change the workbook would make (only where it differs from the database), or every problem.

    `file` is the uploaded file (or bytes). Nothing is written. When there is any problem, no change is returned.
    """
    data, message = _read(file)
    if message:
        return _file_problem(message)
    try:
        workbook = _load(data, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        return _file_problem(
            _(
                "Berkas tidak dapat dibaca sebagai lembar kerja .xlsx. / "
                "The file cannot be read as an .xlsx workbook."
            )
        )
    columns = sheet_columns(year)
    expected = [HELP, *columns, META]
    names = workbook.sheetnames
    problems = [
        Problem(name, None, "", _("Lembar tidak dikenal. / Unknown sheet."))
        for name in names
        if name not in expected
    ]
    problems += [
        Problem(
            name,
            None,
            "",
            _("Lembar tidak ditemukan: gunakan templat yang diunduh. / Sheet missing: use the template."),
        )
        for name in expected
        if name not in names and name != HELP
    ]
    if problems:
        return [], problems
    cells, problems = _readable_sheets(data, workbook, [*columns, META])
    workbook.close()
    if problems:
        return [], problems
    problems = _meta_problems(cells[META], agency, year)
    if problems:
        return [], problems

    cached = {}
    if any(c.formula for rows in cells.values() for row in rows for c in row):
        values = _load(data, data_only=True)
        computed, problems = _readable_sheets(data, values, list(columns))
        values.close()
        if problems:
            return [], problems
        cached = {name: [[c.value for c in row] for row in rows] for name, rows in computed.items()}

    state = StoredFigures(agency, year)
    changes: list[Change] = []
    for sheet, (lead, value_columns) in columns.items():
        rows = cells[sheet]
        header_problems = _header_problems(
            sheet, rows[0] if rows else [], lead + [c.header for c in value_columns]
        )
        if header_problems:
            problems += header_problems
            continue
        sheet_changes, sheet_problems = _sheet_changes(
            state, sheet, rows, lead, value_columns, cached.get(sheet)
        )
        changes += sheet_changes
        problems += sheet_problems
    problems += _closed_quarter_problems(agency, year, changes)
    return ([], problems) if problems else (changes, [])


def _closed_quarter_problems(agency, year, changes) -> list[Problem]:
    """Realisations of a quarter whose entry window is closed are refused (review.locks)."""
    sheets = defaultdict(set)  # quarter -> the sheets changing it
    for c in changes:
        if c.slot[:1] == ("realisation",) and c.slot[1]:
            sheets[c.slot[1]].add(c.what)
    return [
        Problem(sheet, None, "", message)
        for quarter, message in closed_quarter_messages(agency, year, sheets)
        for sheet in sorted(sheets[quarter])
    ]


def _meta_problems(rows, agency, year) -> list[Problem]:
    meta = {_text(row[0].value): row[1].value for row in rows if len(row) >= 2}
    if meta.get("format") != FORMAT:
        return [Problem(META, None, "", _("Bukan templat impor SAKIP. / Not a SAKIP import template."))]
    if meta.get("opd") != agency.code or _text(meta.get("tahun")) != str(year):
        return [
            Problem(
                META,
                None,
                "",
                _(
                    "Templat ini untuk perangkat daerah %(code)s tahun %(year)s, bukan %(here)s tahun "
                    "%(here_year)s: unduh templat dari halaman ini. / This template belongs to another "
                    "agency or year."
                )
                % {
                    "code": meta.get("opd"),
                    "year": _text(meta.get("tahun")),
                    "here": agency.code,
                    "here_year": year,
                },
            )
        ]
    return []


def _header_problems(sheet, header_cells, expected) -> list[Problem]:
    found = [_text(c.value) for c in header_cells]
    found += [""] * (len(expected) - len(found))
    problems = []
    for index, text in enumerate(found, start=1):
        want = expected[index - 1] if index <= len(expected) else ""
        if text != want:
            message = (
                _("Judul kolom harus “%(want)s”, tertulis “%(found)s”. / Header must be “%(want)s”.")
                if want
                else _("Kolom tambahan “%(found)s” tidak dikenal. / Unknown extra column.")
            )
            problems.append(
                Problem(sheet, 1, get_column_letter(index), message % {"want": want, "found": text})
            )
    return problems


def _sheet_changes(state, sheet, rows, lead, columns, cached):
    changes, problems = [], []
    known = {code: obj for code, _lead, obj in state.rows(sheet)}
    seen = {}
    width = len(lead) + len(columns)
    for number, row in enumerate(rows[1:], start=2):
        row = list(row[:width]) + [_Cell(None, "", False)] * (width - len(row))
        if all(c.value is None or _text(c.value) == "" for c in row):
            continue
        code = _text(row[0].value)
        problem = None
        if not code:
            problem = _("Kode kosong. / Code missing.")
        elif code in seen:
            problem = _("Kode %(code)s sudah ada di baris %(row)s. / Duplicate code.") % {
                "code": code,
                "row": seen[code],
            }
        elif sheet == BUDGET and code in state.ambiguous:
            problem = _(
                "Kode %(code)s dipakai lebih dari satu kegiatan/sub kegiatan; ubah lewat halaman Anggaran. / "
                "Ambiguous code."
            ) % {"code": code}
        elif code not in known:
            problem = _unknown_code_message(state, sheet, code)
        if problem:
            problems.append(Problem(sheet, number, "A", problem))
            continue
        seen[code] = number
        obj = known[code]
        indicator = obj if sheet != BUDGET else None
        for index, column in enumerate(columns, start=len(lead)):
            cell = row[index]
            try:
                new = _parse(
                    cell, _field(column.kind, indicator, column.slot), _cached(cached, number, index)
                )
            except forms.ValidationError as error:
                problems.append(
                    Problem(sheet, number, get_column_letter(index + 1), " ".join(error.messages))
                )
                continue
            old = state.current(obj, column.slot)
            if not _same(old, new):
                name = obj[1].name if sheet == BUDGET else obj.name
                # A number cell holds no typed precision (Excel keeps 0,10 as 0.1); a text cell does.
                places = (
                    typed_places(cell.value) if isinstance(cell.value, str) and not cell.formula else None
                )
                changes.append(Change(sheet, code, column.header, old, new, name, column.slot, places))
        if sheet == RATIO:
            problems += _zero_denominators(state, obj, number, row, columns, len(lead), changes)
    return changes, problems


def _zero_denominators(state, indicator, number, row, columns, offset, changes):
    """A ratio's denominator must not be zero: the capaian could not be computed."""
    out = []
    for index, column in enumerate(columns, start=offset):
        if column.slot[2] != "denominator":
            continue
        new = next(
            (
                c.new
                for c in changes
                if c.code == indicator.code and c.what == RATIO and c.slot == column.slot
            ),
            state.current(indicator, column.slot),
        )
        if new == 0:
            out.append(
                Problem(
                    RATIO,
                    number,
                    get_column_letter(index + 1),
                    _("Penyebut tidak boleh nol. / The denominator must not be zero."),
                )
            )
    return out


def _cached(cached, number, index):
    if cached is None or number - 1 >= len(cached):
        return None
    row = cached[number - 1]
    return row[index] if index < len(row) else None


def _unknown_code_message(state, sheet, code) -> str:
    indicator = state.indicator_by_code.get(code)
    if sheet == REALISATION and indicator is not None:
        return _(
            "Indikator %(code)s adalah rasio: isi di lembar Rasio. / Ratio indicator: use sheet Rasio."
        ) % {"code": code}
    if sheet == RATIO and indicator is not None:
        return _("Indikator %(code)s bukan rasio: isi di lembar Realisasi. / Not a ratio: use Realisasi.") % {
            "code": code
        }
    return _("Kode %(code)s tidak ada di Renstra perangkat daerah ini. / Unknown code.") % {"code": code}


def _same(old, new) -> bool:
    if old is None or new is None:
        return old is None and new is None
    if isinstance(old, str) or isinstance(new, str):
        return isinstance(old, str) and isinstance(new, str) and old.upper() == new.upper()
    return Decimal(old) == Decimal(new)


def changes_digest(changes: list[Change]) -> str:
    """A fingerprint of a preview: confirming refuses when re-reading the file gives another list."""
    text = "\n".join(f"{c.what}|{c.code}|{c.field}|{c.old}|{c.new}" for c in changes)
    return hashlib.sha256(text.encode()).hexdigest()
