"""The import template as downloaded: every sheet filled with the agency's stored figures of the year."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from sakip.numbers import canonical_str
from sakip.spreadsheet import append_row

from .sheets import FORMAT, HELP, META, Column, StoredFigures, sheet_columns

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
READONLY_FILL = PatternFill("solid", fgColor="EDEDED")
READONLY_FONT = Font(color="595959")


def _plain(value):
    """A stored figure as a workbook cell: a real number without float noise, or a grade's letters."""
    if value is None or isinstance(value, str):
        return value
    return Decimal(canonical_str(value))


def template_workbook(agency, year: int) -> Workbook:
    state = StoredFigures(agency, year)
    workbook = Workbook()
    help_sheet = workbook.active
    help_sheet.title = HELP
    # Every row through `append_row`: codes, names and units typed by planners go out as text, never as
    # formulas ("=HYPERLINK(…)" as an indicator name), and read back exactly on import.
    for line in _help_lines(agency, year):
        append_row(help_sheet, [line])
    help_sheet.column_dimensions["A"].width = 110
    help_sheet["A1"].font = Font(bold=True, size=13)

    for sheet, (lead, columns) in sheet_columns(year).items():
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


def _style(ws, lead: int, columns: list[Column]) -> None:
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
