"""The history as a download: one row per changed field, as xlsx (what people typed stays text) and as CSV
(formula-like text neutralised)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from sakip.spreadsheet import append_row, csv_writer, safe_csv_row
from sakip.xlsx import workbook_bytes
from workspace.history.entries import Entry, when_label

EXPORT_HEADER = (
    gettext_lazy("Waktu"),
    gettext_lazy("Pengguna"),
    gettext_lazy("Melalui"),
    gettext_lazy("Jenis"),
    gettext_lazy("Objek"),
    gettext_lazy("Aksi"),
    gettext_lazy("Kolom"),
    gettext_lazy("Nilai lama"),
    gettext_lazy("Nilai baru"),
)


def export_rows(entries: list[Entry], zone: str) -> list[list]:
    """One row per changed field (an entry without fields, such as an import, is one row)."""
    rows = []
    for e in entries:
        lead = [when_label(e.when, zone), e.who, e.via, e.kind_label, e.subject, e.action_label]
        for change in e.changes or [None]:
            rows.append(lead + ([change.label, change.old, change.new] if change else ["", "", ""]))
    return rows


def history_workbook_bytes(agency, entries: list[Entry], zone: str) -> bytes:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Riwayat"
    # Fixed document dates (the newest change), so the same history always gives the same file.
    stamp = max((e.when for e in entries), default=datetime(2000, 1, 1, tzinfo=UTC))
    wb.properties.created = wb.properties.modified = timezone.make_naive(stamp, UTC).replace(microsecond=0)
    wb.properties.creator = "SAKIP"
    wb.properties.title = f"{_('Riwayat perubahan')} {agency.name}"
    append_row(sheet, [str(h) for h in EXPORT_HEADER])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in export_rows(entries, zone):  # names, users and values as typed: text, never formulas
        append_row(sheet, row)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHI", (17, 18, 14, 11, 50, 16, 28, 30, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    return workbook_bytes(wb)


def history_csv_bytes(entries: list[Entry], zone: str) -> bytes:
    buffer = io.StringIO()
    # Every field quoted and a formula-like text ("=HYPERLINK(…)" as a name) neutralised with a leading "'"
    # (OWASP); the figures are Indonesian number text ("-1.234,5") and stay as they are (sakip.spreadsheet).
    writer = csv_writer(buffer)
    writer.writerow([str(h) for h in EXPORT_HEADER])
    writer.writerows(safe_csv_row(row) for row in export_rows(entries, zone))
    # With a byte order mark, so that Excel opens the UTF-8 file with its accents and dashes intact.
    return buffer.getvalue().encode("utf-8-sig")
