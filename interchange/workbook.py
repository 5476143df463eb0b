"""The planner's Excel import template: download it pre-filled, change figures, upload, preview, confirm.

Sheets (headers in row 1, one row per code from row 2; a row left out of the workbook is left untouched):
- "Petunjuk": instructions, ignored on import;
- "Target": every indicator — Renstra target of the year, PK, PK Perubahan, Rencana Aksi TW I–IV;
- "Realisasi": indicators measured directly — realisation TW I–IV and the year (Tahunan);
- "Rasio": ratio indicators (pembilang ÷ penyebut) — numerator and denominator per period, because for them
  the engine divides and a typed value would be ignored;
- "Anggaran": budget owners (sub kegiatan, and kegiatan without sub kegiatan) — pagu and realisasi;
- "_meta" (hidden): format version, agency code and year, so a workbook of another agency or year is refused.

Names and units are shown for orientation only (grey) and never imported. Cells accept real numbers, formulas
whose cached result is a number, and text as planners type it ("1.715", "0,5%", "Rp 22.511.784.601,-");
an empty cell clears the stored value. `workbook_changes` validates everything and lists the changes;
`workbook_apply` writes them all in one transaction, or nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Context, Decimal
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from agencies.audit import VIA_WORKBOOK, history_reason
from budgets.models import Activity, BudgetLine, SubActivity
from indicators.models import Indicator, Realisation, Target
from sakip import uploads
from sakip.forms import LocalizedDecimalField, MeasureField, MoneyField, model_bounds
from sakip.numbers import STORABLE_SIGNIFICANT_DIGITS, canonical_str
from sakip.spreadsheet import append_row

FORMAT = "sakip-templat/1"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
HELP, TARGET, REALISATION, RATIO, BUDGET, META = (
    "Petunjuk",
    "Target",
    "Realisasi",
    "Rasio",
    "Anggaran",
    "_meta",
)
QUARTERS = ("TW I", "TW II", "TW III", "TW IV")
PERIODS = ((1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV"), (0, "Tahunan"))
BUDGET_FIELDS = (
    ("ceiling_original", "Pagu murni"),
    ("ceiling_rationalised", "Pagu rasionalisasi"),
    ("ceiling_revised", "Pagu perubahan"),
    ("spent_q1", "Realisasi TW I"),
    ("spent_q2", "Realisasi TW II"),
    ("spent_q3", "Realisasi TW III"),
    ("spent_q4", "Realisasi TW IV"),
    ("spent", "Realisasi total"),
    ("physical_progress", "Realisasi fisik (%)"),
)

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
READONLY_FILL = PatternFill("solid", fgColor="EDEDED")
READONLY_FONT = Font(color="595959")


class Problem(NamedTuple):
    sheet: str  # "" for the file as a whole
    row: int | None
    column: str  # column letter, "" when the problem is not in one cell
    message: str


class Change(NamedTuple):
    what: str  # the sheet
    code: str
    field: str  # the column header
    old: Decimal | str | None
    new: Decimal | str | None
    name: str = ""
    slot: tuple = ()  # where the value lives: ("target", kind, quarter) | ("realisation", quarter, attr) | ...


@dataclass(frozen=True)
class _Column:
    header: str
    slot: tuple
    kind: str  # measure | money | progress | part (numerator / denominator)


def _sheet_columns(year: int) -> dict[str, tuple[list[str], list[_Column]]]:
    """Per data sheet: the read-only lead headers and the value columns, in order."""
    lead = ["Kode", "Nama indikator", "Satuan"]
    targets = [
        _Column(f"Renstra {year}", ("target", Target.Kind.RENSTRA, 0), "measure"),
        _Column("PK", ("target", Target.Kind.PK, 0), "measure"),
        _Column("PK Perubahan", ("target", Target.Kind.PK_REVISED, 0), "measure"),
        *(
            _Column(label, ("target", Target.Kind.QUARTER, q), "measure")
            for q, label in enumerate(QUARTERS, 1)
        ),
    ]
    realisations = [_Column(label, ("realisation", q, "value"), "measure") for q, label in PERIODS]
    ratios = [
        _Column(f"{word} {label}", ("realisation", q, attr), "part")
        for attr, word in (("numerator", "Pembilang"), ("denominator", "Penyebut"))
        for q, label in PERIODS
    ]
    budget = [_Column(label, ("budget", name), "money") for name, label in BUDGET_FIELDS]
    budget[-1] = _Column(BUDGET_FIELDS[-1][1], ("budget", "physical_progress"), "progress")
    return {
        TARGET: (lead, targets),
        REALISATION: (lead, realisations),
        RATIO: (lead[:2], ratios),
        BUDGET: (["Kode", "Nama"], budget),
    }


class _State:
    """The agency's stored figures for a year, keyed the way the workbook addresses them (few queries)."""

    def __init__(self, agency, year: int):
        self.plan = agency.plans.covering(year).first()
        self.year = year
        if self.plan is None:
            raise ValueError(f"Tidak ada Renstra untuk tahun {year}. / No Renstra covers {year}.")
        self.indicators = list(Indicator.objects.filter(plan=self.plan).order_by("position", "pk"))
        self.targets = {
            (t.indicator_id, t.kind, t.quarter): t
            for t in Target.objects.filter(indicator__plan=self.plan, year=year)
        }
        self.realisations = {
            (r.indicator_id, r.quarter): r
            for r in Realisation.objects.filter(indicator__plan=self.plan, year=year)
        }
        subs = list(
            SubActivity.objects.filter(activity__program__plan=self.plan).order_by(
                "activity__program__position", "activity__position", "position", "pk"
            )
        )
        by_activity = defaultdict(list)
        for sub in subs:
            by_activity[sub.activity_id].append(("sub_activity", sub))
        # Report order: each activity without sub-activities is an owner itself, otherwise its subs are.
        owners = []
        for activity in Activity.objects.filter(program__plan=self.plan).order_by(
            "program__position", "position", "pk"
        ):
            owners.extend(by_activity.get(activity.pk) or [("activity", activity)])
        self.owners = owners
        # Codes are unique only under their parent: a code used twice cannot be addressed by the workbook.
        counts = Counter(owner.code for _, owner in owners)
        self.ambiguous = {code for code, n in counts.items() if n > 1}
        self.owner_by_code = {owner.code: (kind, owner) for kind, owner in owners}
        lines = BudgetLine.objects.filter(year=year).filter(
            Q(activity__program__plan=self.plan) | Q(sub_activity__activity__program__plan=self.plan)
        )
        self.lines = {
            ("sub_activity", x.sub_activity_id) if x.sub_activity_id else ("activity", x.activity_id): x
            for x in lines
        }
        self.indicator_by_code = {i.code: i for i in self.indicators}

    def rows(self, sheet: str):
        """(code, read-only lead values, the object) of each row of a sheet, in the order planners read."""
        if sheet == BUDGET:
            return [(o.code, [o.code, o.name], (kind, o)) for kind, o in self.owners]
        chosen = {
            TARGET: self.indicators,
            REALISATION: [i for i in self.indicators if not _is_ratio(i)],
            RATIO: [i for i in self.indicators if _is_ratio(i)],
        }[sheet]
        return [(i.code, [i.code, i.name, i.unit][: 2 if sheet == RATIO else 3], i) for i in chosen]

    def current(self, obj, slot):
        if slot[0] == "target":
            return _measure(self.targets.get((obj.pk, slot[1], slot[2])))
        if slot[0] == "realisation":
            row = self.realisations.get((obj.pk, slot[1]))
            if row is None:
                return None
            return _measure(row) if slot[2] == "value" else getattr(row, slot[2])
        line = self.lines.get((obj[0], obj[1].pk))
        return getattr(line, slot[1]) if line else None


def _is_ratio(indicator) -> bool:
    return indicator.computation == Indicator.Computation.RATIO


def _measure(row):
    if row is None:
        return None
    return row.grade or row.value


def _plain(value):
    """A stored figure as a workbook cell: a real number without float noise, or a grade's letters."""
    if value is None or isinstance(value, str):
        return value
    return Decimal(canonical_str(value))


# ---------------------------------------------------------------------------------------------- template


def template_workbook(agency, year: int) -> Workbook:
    state = _State(agency, year)
    workbook = Workbook()
    help_sheet = workbook.active
    help_sheet.title = HELP
    # Every row through `append_row`: codes, names and units typed by planners go out as text, never as
    # formulas ("=HYPERLINK(…)" as an indicator name), and read back exactly on import.
    for line in _help_lines(agency, year):
        append_row(help_sheet, [line])
    help_sheet.column_dimensions["A"].width = 110
    help_sheet["A1"].font = Font(bold=True, size=13)

    for sheet, (lead, columns) in _sheet_columns(year).items():
        ws = workbook.create_sheet(sheet)
        append_row(ws, lead + [c.header for c in columns])
        for _code, lead_values, obj in state.rows(sheet):
            append_row(ws, lead_values + [_plain(state.current(obj, c.slot)) for c in columns])
        _style(ws, len(lead), columns)

    meta = workbook.create_sheet(META)
    for key, value in (("format", FORMAT), ("opd", agency.code), ("tahun", year)):
        append_row(meta, [key, value])
    meta.sheet_state = "hidden"
    return workbook


def _style(ws, lead: int, columns: list[_Column]) -> None:
    for cell in ws[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    ws.freeze_panes = ws.cell(row=2, column=lead + 1)
    widths = [22, 60, 14][:lead] if lead == 3 else [22, 60]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for index, column in enumerate(columns, start=lead + 1):
        ws.column_dimensions[get_column_letter(index)].width = 20 if column.kind == "money" else 15
    for row in ws.iter_rows(min_row=2):
        for cell in row[1:lead]:
            cell.fill, cell.font = READONLY_FILL, READONLY_FONT
        for cell, column in zip(row[lead:], columns, strict=False):
            if column.kind == "money":
                cell.number_format = "#,##0"


def _help_lines(agency, year) -> list[str]:
    return [
        f"Templat impor SAKIP — {agency.name}, tahun {year}",
        "",
        "Ubah angka pada lembar Target, Realisasi, Rasio dan Anggaran, lalu unggah berkas ini di halaman Impor.",
        "Anda akan melihat pratinjau setiap perubahan (lama → baru) sebelum menyimpannya; tidak ada yang "
        "disimpan bila ada satu kesalahan.",
        "Angka boleh diketik sebagai angka Excel atau teks seperti 1.715, 0,5%, Rp 22.511.784.601,-.",
        "Sel kosong menghapus nilai yang tersimpan. Baris yang dihapus dari lembar tidak diubah.",
        "Kolom Kode, nama dan satuan (abu-abu) hanya untuk dibaca; jangan ubah nama lembar atau judul kolom.",
        "Indikator rasio (pembilang ÷ penyebut) diisi di lembar Rasio; nilai capaiannya dihitung aplikasi.",
        "Rumus boleh dipakai bila Excel sudah menghitung hasilnya (simpan berkas di Excel atau LibreOffice).",
        "Lembar tersembunyi _meta menandai perangkat daerah dan tahun: jangan diubah.",
    ]


# ---------------------------------------------------------------------------------------------- import


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
    columns = _sheet_columns(year)
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

    state = _State(agency, year)
    changes: list[Change] = []
    for sheet, (lead, sheet_columns) in columns.items():
        rows = cells[sheet]
        header_problems = _header_problems(
            sheet, rows[0] if rows else [], lead + [c.header for c in sheet_columns]
        )
        if header_problems:
            problems += header_problems
            continue
        sheet_changes, sheet_problems = _sheet_changes(
            state, sheet, rows, lead, sheet_columns, cached.get(sheet)
        )
        changes += sheet_changes
        problems += sheet_problems
    problems += _closed_quarter_problems(agency, year, changes)
    return ([], problems) if problems else (changes, [])


def _closed_quarter_problems(agency, year, changes) -> list[Problem]:
    """Realisations of a quarter whose entry window is closed are refused (review.locks)."""
    from review.locks import closed_quarter_messages

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
                changes.append(Change(sheet, code, column.header, old, new, name, column.slot))
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


# ---------------------------------------------------------------------------------------------- apply


@transaction.atomic
def workbook_apply(agency, year: int, changes: list[Change]) -> int:
    """Write the changes (all or nothing, in bulk); returns how many values changed."""
    from review.locks import ensure_writable, printed_error  # bulk writes send no signals: checked here

    ensure_writable(agency, year)
    for quarter in sorted({c.slot[1] for c in changes if c.slot[:1] == ("realisation",) and c.slot[1]}):
        ensure_writable(agency, year, quarter=quarter)
    state = _State(agency, year)
    kinds = {c.slot[0] for c in changes}
    error = printed_error(
        agency, year, later="realisation" in kinds, plan=state.plan if "target" in kinds else None
    )
    if error is not None:
        raise error
    by_kind = defaultdict(list)
    for change in changes:
        by_kind[change.slot[0]].append(change)
    _apply_targets(state, by_kind["target"])
    _apply_realisations(state, by_kind["realisation"])
    _apply_budget(state, by_kind["budget"])
    return len(changes)


def _set_measure(row, value) -> None:
    row.grade, row.value = (value.upper(), None) if isinstance(value, str) else ("", value)


def _save_rows(model, created, updated, deleted, fields) -> None:
    # In bulk, with a history row per changed row: who (the request's user), and "via Excel" (agencies/audit.py).
    with history_reason(VIA_WORKBOOK):
        if deleted:
            model.objects.filter(pk__in=[row.pk for row in deleted]).delete()
        if created:
            bulk_create_with_history(created, model, batch_size=500, default_change_reason=VIA_WORKBOOK)
        if updated:
            bulk_update_with_history(
                updated, model, fields, batch_size=500, default_change_reason=VIA_WORKBOOK
            )


def _apply_targets(state, changes) -> None:
    created, updated, deleted = [], [], []
    for change in changes:
        indicator = state.indicator_by_code[change.code]
        kind, quarter = change.slot[1:]
        existing = state.targets.get((indicator.pk, kind, quarter))
        if change.new is None:
            if existing:
                deleted.append(existing)
            continue
        row = existing or Target(indicator=indicator, kind=kind, year=state.year, quarter=quarter)
        _set_measure(row, change.new)
        (updated if existing else created).append(row)
    _save_rows(Target, created, updated, deleted, ["value", "grade"])


def _apply_realisations(state, changes) -> None:
    rows = {}
    for change in changes:
        indicator = state.indicator_by_code[change.code]
        quarter, attr = change.slot[1:]
        key = (indicator.pk, quarter)
        if key not in rows:
            rows[key] = state.realisations.get(key) or Realisation(
                indicator=indicator, year=state.year, quarter=quarter
            )
        if attr == "value":
            _set_measure(rows[key], change.new)
        else:
            setattr(rows[key], attr, change.new)
    created, updated, deleted = [], [], []
    for row in rows.values():
        blank = row.value is None and not row.grade and row.numerator is None and row.denominator is None
        # An emptied row goes, unless it still carries words the planner wrote elsewhere.
        if blank and not (row.note or row.analysis or row.declared_capaian):
            if row.pk:
                deleted.append(row)
        else:
            (updated if row.pk else created).append(row)
    _save_rows(Realisation, created, updated, deleted, ["value", "grade", "numerator", "denominator"])


def _apply_budget(state, changes) -> None:
    lines = {}
    for change in changes:
        kind, owner = state.owner_by_code[change.code]
        key = (kind, owner.pk)
        if key not in lines:
            lines[key] = state.lines.get(key) or BudgetLine(year=state.year, **{kind: owner})
        setattr(lines[key], change.slot[1], change.new)
    fields = [name for name, _label in BUDGET_FIELDS]
    created = [
        line for line in lines.values() if not line.pk and any(getattr(line, f) is not None for f in fields)
    ]
    # A stored line whose figures are all emptied stays: it may hold the figures a legacy document printed.
    updated = [line for line in lines.values() if line.pk]
    _save_rows(BudgetLine, created, updated, [], fields)


def changes_digest(changes: list[Change]) -> str:
    """A fingerprint of a preview: confirming refuses when re-reading the file gives another list."""
    text = "\n".join(f"{c.what}|{c.code}|{c.field}|{c.old}|{c.new}" for c in changes)
    return hashlib.sha256(text.encode()).hexdigest()
