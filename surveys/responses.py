"""Raw questionnaire responses of an IKM survey: reading a response file, aggregating, and the survey result.

Three parts:

* Pure functions (no ORM): `parse_responses` reads an .xlsx or .csv file of questionnaires into rows ready to
  store, or raises `ResponseFileError` listing every problem with its row and column (nothing is stored then);
  `survey_result` computes the per-unsur table, IKM, SKM, mutu and improvement priority through `surveys.ikm`;
  `profile_tables` counts respondents per gender, age group, education, occupation and service.
* `survey_totals_refresh(survey)`: the single place where SurveyElement totals are derived from responses.
  A survey WITH responses has its element totals (Σ score) and answered counts (number of questionnaires)
  recomputed and stored in the same transaction as every change of its responses, so the report engine
  (`reports.readmodel.build`) keeps reading SurveyElement and never needs to know where totals came from. A survey
  WITHOUT responses keeps the totals the planner typed in.
* Small services that change responses (`responses_replace`, `responses_clear`) and create a survey.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext

from django.db import transaction
from django.db.models import Count, Sum
from openpyxl.utils import get_column_letter

from agencies.revisions import note_agency
from sakip import uploads

from . import ikm as ikm_engine
from .models import SCORE_FIELDS, SatisfactionSurvey, SurveyElement, SurveyResponse

#: The 9 unsur of PermenPAN-RB 14/2017, pre-named when a survey is created (names stay editable).
STANDARD_ELEMENTS = (
    ("U1", "Persyaratan"),
    ("U2", "Sistem, Mekanisme, dan Prosedur"),
    ("U3", "Waktu Penyelesaian"),
    ("U4", "Biaya/Tarif"),
    ("U5", "Produk Spesifikasi Jenis Pelayanan"),
    ("U6", "Kompetensi Pelaksana"),
    ("U7", "Perilaku Pelaksana"),
    ("U8", "Penanganan Pengaduan, Saran dan Masukan"),
    ("U9", "Sarana dan Prasarana"),
)
ELEMENT_CODES = tuple(code for code, _name in STANDARD_ELEMENTS)

#: Profile columns of a response file: header → model field (and the maximum length the field stores).
PROFILE_COLUMNS = (
    ("Jenis Kelamin", "gender", 100),
    ("Umur", "age_group", 100),
    ("Pendidikan", "education", 100),
    ("Pekerjaan", "occupation", 100),
    ("Layanan", "service", 300),
)
PROFILE_FIELDS = tuple(field for _header, field, _length in PROFILE_COLUMNS)
PROFILE_LABELS = {
    "gender": "Jenis kelamin",
    "age_group": "Umur",
    "education": "Pendidikan",
    "occupation": "Pekerjaan",
    "service": "Layanan",
}
HEADER = ("No", *(header for header, _f, _l in PROFILE_COLUMNS), *ELEMENT_CODES)
MAX_RESPONSES = 20_000
MAX_LISTED_ERRORS = 20


# --- reading a response file -----------------------------------------------------------------------------
class ResponseFileError(Exception):
    """A response file that cannot be stored; `errors` lists every problem (row and column included)."""

    def __init__(self, errors: Sequence[str]):
        self.errors = list(errors)
        super().__init__("; ".join(self.errors))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_key(value) -> str:
    return " ".join(_cell_text(value).rstrip(".").split()).casefold()


def _csv_rows(content: bytes) -> Iterator[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def _xlsx_rows(content: bytes) -> Iterator[Sequence]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ResponseFileError(
            ["Berkas Excel tidak dapat dibaca. / The Excel file cannot be read."]
        ) from error
    sheet = book.worksheets[0]
    try:
        yield from sheet.iter_rows(values_only=True)
    except uploads.UNREADABLE_CELL_ERRORS as error:
        # A numeric cell holding "nan" or "inf" stops openpyxl mid-sheet: say which cells, change nothing.
        cells = uploads.unreadable_cells(content, getattr(sheet, "_worksheet_path", None))
        raise ResponseFileError(
            [
                f"Baris {row}, kolom {column}: isi sel “{stored[:40]}” bukan angka yang dapat dibaca. / "
                f"Row {row}, column {column}: the cell holds “{stored[:40]}”, not a readable number."
                for row, column, stored in cells[:MAX_LISTED_ERRORS]
            ]
            or ["Berkas Excel tidak dapat dibaca. / The Excel file cannot be read."]
        ) from error
    finally:
        book.close()


_ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx is a zip archive
_BINARY_MAGIC = (b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"MZ", b"\x7fELF")
MAX_FILE_BYTES = 10 * 1024 * 1024


def _content_problem(name: str, content: bytes) -> str | None:
    """The name says which reader to use; the first bytes must agree (an .xls or a PDF renamed .csv is refused
    here, not read as garbage text)."""
    lower = name.lower()
    if len(content) > MAX_FILE_BYTES:
        return (
            f"Berkas terlalu besar (maksimal {MAX_FILE_BYTES // (1024 * 1024)} MB). / "
            f"File too large (at most {MAX_FILE_BYTES // (1024 * 1024)} MB)."
        )
    if lower.endswith(".xlsx"):
        if content.startswith(b"\xd0\xcf\x11\xe0"):
            return (
                "Berkas ini .xls lama, bukan .xlsx: simpan ulang sebagai .xlsx. / "
                "This is an old .xls file: save it as .xlsx."
            )
        if content and not content.startswith(_ZIP_MAGIC):
            return "Berkas Excel tidak dapat dibaca: isinya bukan .xlsx. / The Excel file cannot be read: not .xlsx."
        if uploads.unpacked_too_large(content):
            return uploads.unpacked_too_large_message()
        return None
    if lower.endswith(".csv"):
        head = content[:8192]
        if content.startswith(_ZIP_MAGIC) or content.startswith(_BINARY_MAGIC) or b"\x00" in head:
            return "Isi berkas bukan teks CSV. / The file's content is not CSV text."
        return None
    return (
        "Format berkas tidak didukung: gunakan .xlsx atau .csv. / Unsupported file format: use .xlsx or .csv."
    )


def _file_rows(name: str, content: bytes) -> Iterator[Sequence]:
    problem = _content_problem(name, content)
    if problem:
        raise ResponseFileError([problem])
    if name.lower().endswith(".xlsx"):
        return _xlsx_rows(content)
    return _csv_rows(content)


def _columns(header: Sequence) -> dict[str, int]:
    """Header name → column index; raises with every unknown, repeated or missing column."""
    expected = {name.casefold(): name for name in HEADER}
    found: dict[str, int] = {}
    errors = []
    for index, cell in enumerate(header):
        key = _header_key(cell)
        letter = get_column_letter(index + 1)
        if not key:
            continue
        if key not in expected:
            errors.append(
                f"Baris 1, kolom {letter}: judul “{_cell_text(cell)}” tidak dikenal. / "
                f"Row 1, column {letter}: unknown header “{_cell_text(cell)}”."
            )
        elif expected[key] in found:
            errors.append(
                f"Baris 1, kolom {letter}: kolom {expected[key]} ganda. / "
                f"Row 1, column {letter}: duplicate column {expected[key]}."
            )
        else:
            found[expected[key]] = index
    for name in HEADER:
        if name not in found:
            errors.append(
                f"Kolom {name} tidak ada di baris judul. / Column {name} is missing from the header."
            )
    if errors:
        errors.append(
            "Baris judul yang diharapkan: "
            + ", ".join(HEADER)
            + ". / Expected header: "
            + ", ".join(HEADER)
            + "."
        )
        raise ResponseFileError(errors)
    return found


#: Respondent numbers are stored in a PositiveIntegerField: PostgreSQL's integer holds at most 2.147.483.647
#: (SQLite more); the same bound on every database, so a file accepted on one is accepted on the other.
MAX_RESPONDENT_NUMBER = 2_147_483_647


def _integer(value) -> int | None:
    """A whole number typed in a cell ("4", 4, 4.0); None for anything else, and for a figure of more than
    18 digits (nothing here is that large, and "1e999999999" must not be expanded into a billion digits)."""
    if isinstance(value, bool):
        return None
    try:
        number = Decimal(_cell_text(value).replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite() or number.adjusted() > 18 or number != number.to_integral_value():
        return None
    return int(number)


def parse_responses(name: str, content: bytes) -> list[dict]:
    """The questionnaires of a file as field dicts (number, profile, u1..u9), or ResponseFileError.

    The header row must hold No, Jenis Kelamin, Umur, Pendidikan, Pekerjaan, Layanan, U1..U9 (any order,
    case-insensitive). Each score must be a whole number 1–4; a blank score is an error (an unanswered unsur
    would make that unsur's NRR rest on fewer questionnaires than the others, which the regulation's form
    does not allow). Blank rows are skipped. Either every row is valid or nothing is returned.
    """
    rows = _file_rows(name, content)
    header = None
    for header_row in rows:
        if any(_cell_text(cell) for cell in header_row):
            header = header_row
            break
    if header is None:
        raise ResponseFileError(["Berkas kosong. / The file is empty."])
    columns = _columns(header)
    errors: list[str] = []
    parsed: list[dict] = []
    seen: dict[int, int] = {}
    # Row numbers as the spreadsheet shows them: the header is on row 1 of a normal file.
    offset = 2
    for line, row in enumerate(rows, start=offset):
        cells = list(row)
        if not any(_cell_text(cell) for cell in cells):
            continue

        def cell(column: str, cells=cells):
            index = columns[column]
            return cells[index] if index < len(cells) else None

        def where(column: str, line=line) -> str:
            letter = get_column_letter(columns[column] + 1)
            return f"Baris {line}, kolom {column} ({letter})", f"Row {line}, column {column} ({letter})"

        record: dict = {}
        number = _integer(cell("No"))
        if number is None or not 1 <= number <= MAX_RESPONDENT_NUMBER:
            id_, en = where("No")
            errors.append(
                f"{id_}: nomor responden harus bilangan bulat 1–2.147.483.647, bukan "
                f"“{_cell_text(cell('No'))[:40]}”. / "
                f"{en}: the respondent number must be a whole number from 1 to 2,147,483,647."
            )
        elif number in seen:
            id_, en = where("No")
            errors.append(
                f"{id_}: nomor responden {number} sudah dipakai di baris {seen[number]}. / "
                f"{en}: respondent number {number} already used on row {seen[number]}."
            )
        else:
            seen[number] = line
        record["number"] = number
        for header_name, field, length in PROFILE_COLUMNS:
            text = _cell_text(cell(header_name))
            if len(text) > length:
                id_, en = where(header_name)
                errors.append(f"{id_}: paling banyak {length} karakter. / {en}: at most {length} characters.")
            record[field] = text
        for code, field in zip(ELEMENT_CODES, SCORE_FIELDS, strict=True):
            raw = cell(code)
            score = _integer(raw)
            if not _cell_text(raw):
                id_, en = where(code)
                errors.append(f"{id_}: nilai unsur kosong. / {en}: the score is missing.")
            elif score is None or not 1 <= score <= 4:
                id_, en = where(code)
                errors.append(
                    f"{id_}: nilai “{_cell_text(raw)[:40]}” di luar 1–4. / "
                    f"{en}: score “{_cell_text(raw)[:40]}” is not 1–4."
                )
            record[field] = score
        parsed.append(record)
        if len(parsed) > MAX_RESPONSES:
            raise ResponseFileError(
                [f"Lebih dari {MAX_RESPONSES} respons. / More than {MAX_RESPONSES} responses."]
            )
    if not parsed and not errors:
        errors.append("Berkas tidak berisi respons. / The file holds no responses.")
    if errors:
        listed = errors[:MAX_LISTED_ERRORS]
        if len(errors) > MAX_LISTED_ERRORS:
            more = len(errors) - MAX_LISTED_ERRORS
            listed.append(f"… dan {more} kesalahan lain. / … and {more} more errors.")
        raise ResponseFileError(listed)
    return parsed


# --- results -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ElementResult:
    code: str
    name: str
    total: Decimal | None
    answered: Decimal | None
    nrr: Decimal | None
    weighted: Decimal | None  # NRR × weight: its share of the IKM
    converted: Decimal | None  # NRR × 25, the unsur's own value on the SKM scale
    mutu: ikm_engine.Mutu | None
    priority: bool  # the lowest NRR: where service should improve first


@dataclass(frozen=True)
class SurveyResult:
    elements: tuple[ElementResult, ...]
    weight: str
    scale: str
    ikm: Decimal | None
    skm: Decimal | None
    mutu: ikm_engine.Mutu | None

    @property
    def priorities(self) -> tuple[ElementResult, ...]:
        return tuple(e for e in self.elements if e.priority)


def element_weight(weight: str, count: int) -> Decimal:
    """The weight of one unsur: 1/n exactly, or the regulation's printed 0,11."""
    if weight not in ikm_engine.WEIGHTS:
        raise ValueError(f"Bobot IKM tidak dikenal: {weight!r}. / Unknown IKM weight: {weight!r}.")
    if weight == "0.11":
        return ikm_engine.PRINTED_WEIGHT
    with localcontext(ikm_engine.CONTEXT):
        return Decimal(1) / count


def survey_result(
    elements: Sequence[tuple[str, str, Decimal | None, Decimal | None]], *, weight: str, scale: str
) -> SurveyResult:
    """Per-unsur table and index of a survey from (code, name, total, answered) in unsur order."""
    nrrs = [ikm_engine.nrr(total, answered) for _c, _n, total, answered in elements]
    index = ikm_engine.ikm(nrrs, weight=weight)
    skm = ikm_engine.skm(index)
    known = [value for value in nrrs if value is not None]
    lowest = min(known) if known else None
    w = element_weight(weight, len(elements)) if elements else None
    rows = []
    with localcontext(ikm_engine.CONTEXT):
        for (code, name, total, answered), value in zip(elements, nrrs, strict=True):
            converted = ikm_engine.skm(value)
            rows.append(
                ElementResult(
                    code=code,
                    name=name,
                    total=total,
                    answered=answered,
                    nrr=value,
                    weighted=value * w if value is not None else None,
                    converted=converted,
                    mutu=ikm_engine.mutu(converted, scale=scale),
                    priority=value is not None and value == lowest,
                )
            )
    return SurveyResult(
        elements=tuple(rows),
        weight=weight,
        scale=scale,
        ikm=index,
        skm=skm,
        mutu=ikm_engine.mutu(skm, scale=scale),
    )


@dataclass(frozen=True)
class ProfileRow:
    value: str
    count: int
    percent: Decimal


@dataclass(frozen=True)
class ProfileTable:
    field: str
    label: str
    rows: tuple[ProfileRow, ...]
    total: int


def profile_tables(groups: Iterable[dict]) -> tuple[ProfileTable, ...]:
    """Respondents per value of each profile field, from rows {field: value, ..., "n": count} (one per
    distinct profile). Most frequent first, then by name; a blank value reads "(tidak diisi)"."""
    groups = list(groups)
    total = sum(group["n"] for group in groups)
    tables = []
    for field in PROFILE_FIELDS:
        counts: dict[str, int] = {}
        for group in groups:
            value = group[field] or "(tidak diisi)"
            counts[value] = counts.get(value, 0) + group["n"]
        with localcontext(ikm_engine.CONTEXT):
            rows = tuple(
                ProfileRow(value, count, Decimal(count) * 100 / total)
                for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
            )
        tables.append(ProfileTable(field, PROFILE_LABELS[field], rows, total))
    return tuple(tables)


# --- services ----------------------------------------------------------------------------------------------
def survey_create(agency, year: int) -> SatisfactionSurvey:
    """A survey for the year with the 9 standard unsur, totals still empty."""
    with transaction.atomic():
        survey = SatisfactionSurvey.objects.create(agency=agency, year=year)  # raises the agency's revision
        SurveyElement.objects.bulk_create(
            SurveyElement(survey=survey, code=code, name=name, position=k)
            for k, (code, name) in enumerate(STANDARD_ELEMENTS, start=1)
        )
    return survey


def standard_elements_missing(codes: Iterable[str]) -> list[str]:
    """Standard unsur codes a survey lacks: raw responses need exactly U1..U9 to land somewhere."""
    present = set(codes)
    return [code for code in ELEMENT_CODES if code not in present]


def survey_totals_refresh(survey: SatisfactionSurvey) -> None:
    """Derive the survey's SurveyElement totals and answered counts from its responses (see module doc).

    Without responses nothing changes: typed totals (or the last derived ones) stay. Two queries: one
    aggregate over the responses, one bulk update of the elements.
    """
    with transaction.atomic():
        sums = SurveyResponse.objects.filter(survey=survey).aggregate(
            n=Count("pk"), **{field: Sum(field) for field in SCORE_FIELDS}
        )
        if not sums["n"]:
            return
        elements = [e for e in survey.elements.all() if e.code in ELEMENT_CODES]
        for element in elements:
            element.total = Decimal(sums[SCORE_FIELDS[ELEMENT_CODES.index(element.code)]])
            element.answered = Decimal(sums["n"])
        SurveyElement.objects.bulk_update(elements, ["total", "answered"])
        note_agency(survey.agency_id)  # a bulk update sends no signal


def responses_replace(survey: SatisfactionSurvey, records: Sequence[dict]) -> int:
    """Replace all responses of the survey with `records` (from `parse_responses`) and refresh its totals,
    all in one transaction."""
    with transaction.atomic():
        SurveyResponse.objects.filter(survey=survey).delete()
        SurveyResponse.objects.bulk_create(
            (SurveyResponse(survey=survey, **record) for record in records), batch_size=500
        )
        note_agency(survey.agency_id)
        survey_totals_refresh(survey)
    return len(records)


def responses_clear(survey: SatisfactionSurvey) -> int:
    """Delete the survey's responses; the totals they gave stay, and become editable again."""
    deleted, _by_model = SurveyResponse.objects.filter(survey=survey).delete()
    return deleted
