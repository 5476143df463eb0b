"""Reading a SIPD budget export (.xlsx or .csv) into figures per sub kegiatan: pure (bytes in, figures out).

SIPD's exports are reports, not tables: title rows come first (the Pemda, the SKPD, the year), then one header row,
then program, kegiatan and sub kegiatan rows with subtotals and, when present, one row per account (kode rekening).
Columns are found by their header names (case, spacing and punctuation do not matter; SIPD's names and the common
variants), never by position. Account rows are summed per sub kegiatan (group accounts whose code prefixes another
account's are subtotals and are left out); a sub kegiatan without account rows is read from its own row.

Realisation comes in one of three shapes, all folded into the budget grid's figures (`BudgetLine`): a column per
month or per quarter (months summed into their quarter: Januari–Maret is TW I), a period column ("Bulan",
"Triwulan") with one row per period, or one total column. As on the grid, `spent_q1..4` are each quarter's own
spending (not cumulative) and `spent` the year's total: a file giving quarters but no total leaves the total empty
so that it is the sum of the quarters, as the grid does.

Every problem names its row and column ("Baris 14, kolom 'Pagu': … / Row 14, column 'Pagu': …"); when there is
any, no figures are returned.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Context, Decimal

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from sakip import uploads
from sakip.numbers import (
    RUPIAH,
    STORABLE_SIGNIFICANT_DIGITS,
    NumberBounds,
    NumberFormatError,
    parse_localized,
    storable_decimal,
)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MONEY_BOUNDS = NumberBounds(18, 2)  # BudgetLine's money columns (the caller passes the model's own)
HEADER_SEARCH_ROWS = 40  # the header row is among the first rows (after SIPD's title rows)
MAX_PROBLEMS = 200
QUARTER_FIELDS = ("spent_q1", "spent_q2", "spent_q3", "spent_q4")


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str  # the column's header as the file writes it ("" when the problem is not in one cell)
    message: str  # "Indonesian. / English."

    @property
    def text(self) -> str:
        """The message with its place in both languages: "Baris 14, kolom 'Pagu': … / Row 14, column 'Pagu': …"."""
        indonesian, _sep, english = self.message.partition(" / ")
        where_id, where_en = [], []
        if self.row is not None:
            where_id.append(f"Baris {self.row}")
            where_en.append(f"Row {self.row}")
        if self.column:
            where_id.append(f"kolom '{self.column}'")
            where_en.append(f"column '{self.column}'")
        if not where_id:
            return self.message
        text = f"{', '.join(where_id)}: {indonesian}"
        return f"{text} / {', '.join(where_en)}: {english}" if english else text


@dataclass
class SubFigures:
    """What the file says of one sub kegiatan: `values` holds exactly the BudgetLine fields the file gives."""

    code: str
    row: int  # its first row in the file
    name: str = ""
    values: dict[str, Decimal | None] = field(default_factory=dict)
    accounts: int = 0  # account rows summed


@dataclass
class SipdTable:
    fields: tuple[str, ...]  # the BudgetLine fields the file gives, in the grid's order
    subs: dict[str, SubFigures]  # by sub kegiatan code, in file order
    header_row: int
    code_column: str  # the header of the sub kegiatan code column (for messages about codes)


class _Cell:
    __slots__ = ("formula", "value")

    def __init__(self, value: object, formula: bool = False):
        self.value = value
        self.formula = formula


# --- header names ------------------------------------------------------------------------------------------------
_HEADERS = {
    # A name column ("Program") may hold "code name"; its code column ("Kode Program") is read first.
    "urusan": {"kode urusan", "kd urusan"},
    "urusan_label": {"urusan", "nama urusan"},
    "bidang": {"kode bidang urusan", "kd bidang urusan", "kode bidang"},
    "bidang_label": {"bidang urusan", "nama bidang urusan"},
    "program": {"kode program", "kd program"},
    "program_label": {"program", "nama program"},
    "kegiatan": {"kode kegiatan", "kd kegiatan"},
    "kegiatan_label": {"kegiatan", "nama kegiatan"},
    "sub": {"kode sub kegiatan", "kd sub kegiatan", "kode sub", "kode sub keg"},
    "sub_label": {"sub kegiatan", "nama sub kegiatan", "uraian sub kegiatan"},
    "account": {"kode rekening", "kd rekening", "kode rek", "rekening", "kode akun", "kode akun belanja"},
    "description": {"uraian", "uraian rekening", "nama rekening", "keterangan"},
    "ceiling_original": {
        "pagu",
        "pagu murni",
        "pagu anggaran",
        "pagu awal",
        "pagu induk",
        "nilai pagu",
        "anggaran",
        "anggaran murni",
        "pagu sebelum perubahan",
        "anggaran sebelum perubahan",
    },
    "ceiling_revised": {
        "pagu perubahan",
        "pagu setelah perubahan",
        "nilai pagu perubahan",
        "anggaran perubahan",
        "anggaran setelah perubahan",
    },
    "spent": {
        "realisasi",
        "realisasi anggaran",
        "realisasi total",
        "total realisasi",
        "jumlah realisasi",
        "nilai realisasi",
    },
    "period": {"bulan", "realisasi bulan", "bulan realisasi", "periode", "triwulan", "tw"},
}
_ROLE_OF = {name: role for role, names in _HEADERS.items() for name in names}
FIGURE_ROLES = ("ceiling_original", "ceiling_revised", "spent")

MONTHS = {
    **dict.fromkeys(("januari", "jan", "january"), 1),
    **dict.fromkeys(("februari", "pebruari", "feb", "peb", "february"), 2),
    **dict.fromkeys(("maret", "mar", "march"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "jun", "june"), 6),
    **dict.fromkeys(("juli", "jul", "july"), 7),
    **dict.fromkeys(("agustus", "agu", "agt", "ags", "aug", "august"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "okt", "oct", "october"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "des", "dec", "december"), 12),
}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER_RE = re.compile(r"^(?:tw|triwulan|trw|kuartal|q)\s*(i|ii|iii|iv|[1-4])$")
_MONTH_COLUMN_RE = re.compile(r"^(?:realisasi\s+)?(?:bulan\s+)?([a-z]+)$")
_QUARTER_COLUMN_RE = re.compile(r"^(?:realisasi\s+)?((?:tw|triwulan|trw)\s*(?:i|ii|iii|iv|[1-4]))$")
_LEADING_CODE_RE = re.compile(r"^([0-9X]+(?:\.[0-9A-Za-z]+)+)(?:\s|$)")


def normalise_header(text: object) -> str:
    """'Kode  Sub-Kegiatan', 'KODE SUB KEGIATAN', 'Pagu (Rp)' → 'kode sub kegiatan', 'pagu'."""
    if text is None:
        return ""
    value = re.sub(r"\([^)]*\)", " ", str(text).lower())
    value = re.sub(r"[^a-z0-9]+", " ", value).replace("subkegiatan", "sub kegiatan")
    return " ".join(token for token in value.split() if token not in ("rp", "rupiah"))


def header_role(text: object) -> tuple[str, int] | None:
    """(role, period) of a header: ("sub", 0), ("ceiling_original", 0), ("month", 3), ("quarter", 2)…; None when
    the column is not one the import reads."""
    name = normalise_header(text)
    if not name:
        return None
    if name in _ROLE_OF:
        return _ROLE_OF[name], 0
    match = _QUARTER_COLUMN_RE.match(name)
    if match:
        quarter = quarter_of(match.group(1))
        return ("quarter", quarter) if quarter else None
    match = _MONTH_COLUMN_RE.match(name)
    if match and match.group(1) in MONTHS:
        return "month", MONTHS[match.group(1)]
    return None


def quarter_of(text: str) -> int | None:
    """'TW I', 'triwulan 2', 'II', '3' → the quarter; None when it is not one."""
    value = normalise_header(text)
    match = _QUARTER_RE.match(value)
    token = match.group(1) if match else value
    if token in ROMAN:
        return ROMAN[token]
    if token in ("1", "2", "3", "4"):
        return int(token)
    return None


def period_of(value: object, *, quarters: bool) -> tuple[str, int] | None:
    """A period cell: ("month", 1..12) or ("quarter", 1..4); None when unreadable. Plain numbers are months in a
    month column and quarters in a quarter column."""
    if isinstance(value, datetime.date):
        return "month", value.month
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        limit = 4 if quarters else 12
        return (("quarter" if quarters else "month"), value) if 1 <= value <= limit else None
    name = normalise_header(value)
    if _QUARTER_RE.match(name) or (name in ROMAN):
        quarter = quarter_of(name)
        return ("quarter", quarter) if quarter else None
    if name in MONTHS:
        return "month", MONTHS[name]
    if name.isdigit():
        return period_of(int(name), quarters=quarters)
    return None


# --- numbers -----------------------------------------------------------------------------------------------------
def money(value: object, bounds: NumberBounds = MONEY_BOUNDS) -> Decimal | None:
    """A rupiah cell: a number, or text as SIPD and planners write it ("22.511.784.601,00", "Rp 1.500.000").
    Raises ValueError with a bilingual message."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | datetime.date | datetime.time | datetime.timedelta):
        raise ValueError(f"Bukan angka: {value}. / Not a number: {value}.")
    if isinstance(value, str) and value.strip().startswith("="):
        raise ValueError(_FORMULA)
    if isinstance(value, float):
        # A number cell as Excel shows it (15 significant digits): 0.1 + 0.2 stored as 0.30000000000000004.
        number = Context(prec=STORABLE_SIGNIFICANT_DIGITS).plus(Decimal(str(value)))
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    else:
        try:
            number = parse_localized(str(value), units=RUPIAH)
        except NumberFormatError as error:
            raise ValueError(str(error)) from error
        if number is None:
            return None
    if not number.is_finite():
        raise ValueError(f"Bukan angka: {value}. / Not a number: {value}.")
    if number < 0:
        raise ValueError("Nilai rupiah tidak boleh negatif. / A rupiah amount cannot be negative.")
    try:
        return storable_decimal(number, bounds)
    except NumberFormatError as error:
        raise ValueError(str(error)) from error


_FORMULA = (
    "Rumus tidak diterima: ekspor ulang dari SIPD atau ganti rumus dengan nilainya. / Formulas are not accepted: "
    "export again from SIPD or replace the formula with its value."
)


# --- reading the file into rows ------------------------------------------------------------------------------------
NOT_A_SPREADSHEET = (
    "Berkas bukan ekspor SIPD yang dapat dibaca: unggah berkas .xlsx atau .csv. / The file is not a readable "
    "SIPD export: upload an .xlsx or .csv file."
)


def _too_large(limit: int) -> str:
    mb = f"{limit / (1024 * 1024):g}"
    return f"Berkas terlalu besar (maksimal {mb} MB). / File too large (at most {mb} MB)."


def read_rows(
    data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[list[list[_Cell]]], list[Problem]]:
    """The sheets of the file as rows of cells (row n of a sheet at index n - 1), or a problem with the file."""
    if len(data) > max_bytes:
        return [], [Problem(None, "", _too_large(max_bytes))]
    name = filename.lower()
    if name.endswith(".csv"):
        return _csv_rows(data)
    if not name.endswith(".xlsx") or not zipfile.is_zipfile(io.BytesIO(data)):
        return [], [Problem(None, "", NOT_A_SPREADSHEET)]
    if uploads.unpacked_too_large(data):
        return [], [Problem(None, "", uploads.unpacked_too_large_message())]
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        return [], [Problem(None, "", NOT_A_SPREADSHEET)]
    sheets: list[list[list[_Cell]]] = []
    try:
        for ws in workbook.worksheets:
            try:
                sheets.append(
                    [
                        [_Cell(c.value, getattr(c, "data_type", None) == "f") for c in row]
                        for row in ws.iter_rows(min_row=1)
                    ]
                )
            except uploads.UNREADABLE_CELL_ERRORS:
                found = uploads.unreadable_cells(data, getattr(ws, "_worksheet_path", None))
                message = (
                    "Isi sel “{}” bukan angka yang dapat dibaca: ketik angkanya. / The cell holds “{}”, not a "
                    "readable number."
                )
                return [], [
                    Problem(row, column, message.format(stored[:40], stored[:40]))
                    for row, column, stored in found
                ] or [Problem(None, "", NOT_A_SPREADSHEET)]
    finally:
        workbook.close()
    return sheets, []


def _csv_rows(data: bytes) -> tuple[list[list[list[_Cell]]], list[Problem]]:
    if b"\x00" in data[:8192]:  # a binary file (an image, an old .xls) renamed .csv
        return [], [Problem(None, "", NOT_A_SPREADSHEET)]
    text = None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        return [], [Problem(None, "", NOT_A_SPREADSHEET)]
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    try:
        rows = [[_Cell(value) for value in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error:
        return [], [Problem(None, "", NOT_A_SPREADSHEET)]
    return [rows], []


# --- the table -------------------------------------------------------------------------------------------------------
@dataclass
class _Columns:
    header_row: int
    roles: dict[str, int]  # role -> column index
    months: dict[int, int]  # month -> column index
    quarters: dict[int, int]  # quarter -> column index
    titles: list[str]  # header text per column index


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _find_header(rows: list[list[_Cell]]) -> tuple[_Columns | None, list[Problem]]:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = [(k, header_role(c.value)) for k, c in enumerate(row)]
        kinds = {r[0] for _k, r in found if r}
        if not kinds & {"sub", "sub_label"} or not kinds & {*FIGURE_ROLES, "month", "quarter"}:
            continue
        number = index + 1
        titles = [_text(c.value) for c in row]
        columns = _Columns(number, {}, {}, {}, titles)
        problems = []
        for k, found_role in found:
            if not found_role:
                continue
            role, period = found_role
            target = {"month": columns.months, "quarter": columns.quarters}.get(role, columns.roles)
            key = period if role in ("month", "quarter") else role
            if key in target:
                problems.append(
                    Problem(
                        number,
                        titles[k],
                        f"Kolom ini muncul dua kali (juga kolom '{titles[target[key]]}'). / This column appears twice (also column "
                        f"'{titles[target[key]]}').",
                    )
                )
                continue
            target[key] = k
        if columns.months and columns.quarters:
            problems.append(
                Problem(
                    number,
                    "",
                    "Realisasi per bulan dan per triwulan sekaligus: ekspor salah satunya. / Realisation both "
                    "per month and per quarter: export one of them.",
                )
            )
        return columns, problems
    return None, [
        Problem(
            None,
            "",
            "Baris judul kolom tidak ditemukan: ekspor SIPD harus memuat kolom 'Kode Sub Kegiatan' dan "
            "'Pagu' atau 'Realisasi'. / Header row not found: a SIPD export needs a 'Kode Sub Kegiatan' "
            "column and a 'Pagu' or 'Realisasi' column.",
        )
    ]


def _code(value: object, *, leading: bool) -> str:
    text = _text(value)
    match = _LEADING_CODE_RE.match(text)
    if match:
        return match.group(1)
    return "" if leading else text


@dataclass
class _Account:
    row: int
    ceilings: dict[str, Decimal | None] = field(default_factory=dict)
    ceiling_rows: dict[str, int] = field(default_factory=dict)
    quarters: list[Decimal | None] = field(default_factory=lambda: [None] * 4)
    spent: Decimal | None = None


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    if b is None:
        return a
    return b if a is None else a + b


def sipd_table(
    data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES, bounds: NumberBounds = MONEY_BOUNDS
) -> tuple[SipdTable | None, list[Problem]]:
    """The figures per sub kegiatan of a SIPD export, or every problem (then no table)."""
    sheets, problems = read_rows(data, filename, max_bytes=max_bytes)
    if problems:
        return None, problems
    header_problems: list[Problem] = []
    for rows in sheets:
        columns, header_problems = _find_header(rows)
        if columns is not None:
            if header_problems:
                return None, header_problems
            return _table(rows, columns, bounds)
    return None, header_problems or [Problem(None, "", NOT_A_SPREADSHEET)]


def _table(
    rows: list[list[_Cell]], columns: _Columns, bounds: NumberBounds
) -> tuple[SipdTable | None, list[Problem]]:
    roles, titles = columns.roles, columns.titles
    code_index = roles.get("sub", roles.get("sub_label"))
    assert code_index is not None  # _find_header found one
    long_format = "period" in roles and "spent" in roles and not columns.months and not columns.quarters
    period_quarters = (
        normalise_header(titles[roles["period"]]) in ("triwulan", "tw") if long_format else False
    )
    problems: list[Problem] = []
    formulas: list[Problem] = []
    accounts: dict[str, dict[str, _Account]] = {}
    names: dict[str, str] = {}
    first_rows: dict[str, int] = {}

    def title(index: int) -> str:
        return titles[index] if index < len(titles) and titles[index] else get_column_letter(index + 1)

    def cell(row: list[_Cell], index: int | None) -> _Cell:
        return row[index] if index is not None and index < len(row) else _Cell(None)

    def figure(number: int, row: list[_Cell], index: int) -> Decimal | None:
        try:
            return money(cell(row, index).value, bounds)
        except ValueError as error:
            problems.append(Problem(number, title(index), str(error)))
            return None

    for number, row in enumerate(rows[columns.header_row :], start=columns.header_row + 1):
        if len(problems) + len(formulas) >= MAX_PROBLEMS:
            break
        for k, c in enumerate(row):
            if c.formula:
                formulas.append(Problem(number, title(k), _FORMULA))
        code = _code(cell(row, code_index).value, leading="sub" not in roles)
        if not code:
            continue  # a title, program, kegiatan or total row
        parent_index = roles.get("kegiatan", roles.get("kegiatan_label"))
        if "." not in code and parent_index is not None:  # a bare segment ("0001") under its kegiatan's code
            parent = _code(cell(row, parent_index).value, leading="kegiatan" not in roles)
            code = f"{parent}.{code}" if parent else code
        account_code = _code(cell(row, roles.get("account")).value, leading=False)
        first_rows.setdefault(code, number)
        label = _text(cell(row, roles.get("sub_label")).value) if "sub" in roles else ""
        label = label or (_text(cell(row, roles.get("description")).value) if not account_code else "")
        if label and code not in names:
            names[code] = label.removeprefix(code).strip()
        account = accounts.setdefault(code, {}).get(account_code)
        if account is None:
            account = accounts[code][account_code] = _Account(number)
        for role in ("ceiling_original", "ceiling_revised"):
            if role not in roles:
                continue
            value = figure(number, row, roles[role])
            if value is None:
                continue
            if long_format:  # the pagu repeats on each period's row: the same figure, taken once
                seen = account.ceilings.get(role)
                if seen is not None and seen != value:
                    problems.append(
                        Problem(
                            number,
                            title(roles[role]),
                            f"Pagu berbeda dengan baris {account.ceiling_rows[role]} untuk rekening yang sama. / "
                            f"The pagu differs from row {account.ceiling_rows[role]} for the same account.",
                        )
                    )
                account.ceilings[role] = value
                account.ceiling_rows.setdefault(role, number)
            else:
                account.ceilings[role] = _add(account.ceilings.get(role), value)
        if long_format:
            amount = figure(number, row, roles["spent"])
            raw = cell(row, roles["period"]).value
            if amount is None:
                continue
            period = period_of(raw, quarters=period_quarters)
            if period is None:
                problems.append(
                    Problem(
                        number,
                        title(roles["period"]),
                        f"Periode tidak dikenal: “{_text(raw)}” (tulis nama bulan, 1–12, atau TW I–IV). / "
                        f"Unknown period “{_text(raw)}” (write a month, 1–12, or TW I–IV).",
                    )
                )
                continue
            kind, value_ = period
            quarter = (value_ - 1) // 3 if kind == "month" else value_ - 1
            account.quarters[quarter] = _add(account.quarters[quarter], amount)
            continue
        for month, index in columns.months.items():
            account.quarters[(month - 1) // 3] = _add(
                account.quarters[(month - 1) // 3], figure(number, row, index)
            )
        for quarter, index in columns.quarters.items():
            account.quarters[quarter - 1] = _add(account.quarters[quarter - 1], figure(number, row, index))
        if "spent" in roles:
            account.spent = _add(account.spent, figure(number, row, roles["spent"]))
    problems = formulas + problems
    if not problems and not accounts:
        problems.append(
            Problem(
                None,
                title(code_index),
                "Tidak ada baris sub kegiatan: kolom ini tidak berisi kode sub kegiatan. / No sub kegiatan "
                "row: this column holds no sub kegiatan code.",
            )
        )
    if problems:
        return None, problems[:MAX_PROBLEMS]

    fields = [role for role in ("ceiling_original", "ceiling_revised") if role in roles]
    gives_quarters = long_format or bool(columns.months or columns.quarters)
    if gives_quarters:
        fields += QUARTER_FIELDS
    if gives_quarters or "spent" in roles:
        fields.append(
            "spent"
        )  # a file with quarters and no total empties it: the grid's total of the quarters
    subs: dict[str, SubFigures] = {}
    for code, by_account in accounts.items():
        leaves = _leaf_accounts(by_account)
        values: dict[str, Decimal | None] = {}
        for role in ("ceiling_original", "ceiling_revised"):
            if role in fields:
                values[role] = _sum(a.ceilings.get(role) for a in leaves)
        if gives_quarters:
            for q, name in enumerate(QUARTER_FIELDS):
                values[name] = _sum(a.quarters[q] for a in leaves)
        if "spent" in fields:
            values["spent"] = _sum(a.spent for a in leaves) if "spent" in roles and not long_format else None
        sub = SubFigures(code, first_rows[code], names.get(code, ""), values, sum(1 for a in leaves if a))
        problems += _sub_problems(sub, columns, bounds, title)
        subs[code] = sub
    if problems:
        return None, problems[:MAX_PROBLEMS]
    return SipdTable(tuple(fields), subs, columns.header_row, title(code_index)), []


def _leaf_accounts(by_account: dict[str, _Account]) -> list[_Account]:
    """The account rows of a sub kegiatan without the group rows (5.1.02 over 5.1.02.01.01.0024), or its own row
    when it has no account rows."""
    codes = [code for code in by_account if code]
    if not codes:
        return list(by_account.values())
    return [by_account[code] for code in codes if not any(other.startswith(code + ".") for other in codes)]


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    total = None
    for value in values:
        total = _add(total, value)
    return total


def _sub_problems(sub: SubFigures, columns: _Columns, bounds: NumberBounds, title) -> list[Problem]:
    problems = []
    for _name, value in sub.values.items():
        if value is None:
            continue
        try:
            storable_decimal(value, bounds)
        except NumberFormatError as error:
            problems.append(Problem(sub.row, "", f"Sub kegiatan {sub.code}: {error}"))
    quarters = [sub.values.get(name) for name in QUARTER_FIELDS]
    total = sub.values.get("spent")
    if total is not None and all(q is not None for q in quarters):
        quarter_sum = sum(quarters, Decimal(0))  # type: ignore[arg-type]
        if quarter_sum != total:
            problems.append(
                Problem(
                    sub.row,
                    title(columns.roles["spent"]),
                    f"Sub kegiatan {sub.code}: jumlah realisasi TW I–IV ({quarter_sum}) tidak sama dengan "
                    f"realisasi total ({total}). / The quarters ({quarter_sum}) do not add up to the total "
                    f"realisation ({total}).",
                )
            )
    return problems
