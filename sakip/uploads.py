"""Limits for uploaded Excel workbooks, checked before openpyxl opens them.

An .xlsx is a zip archive: a 10 MB upload within the size limit could still unpack to gigabytes ("zip bomb")
and keep a worker busy for minutes. The archive's directory states each member's unpacked size, and Python's
zipfile never reads past it, so adding those sizes up bounds the work before any member is read.
"""

from __future__ import annotations

import io
import zipfile

# The planner template of a plan 44 times the demo's (5.000 rows) is 0,2 MB packed and 2 MB unpacked: at that
# ratio an upload at the 10 MB limit unpacks to ~110 MB. Office files have 10–30 members.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 2_000

UNPACKED_TOO_LARGE = (
    "Isi berkas Excel terlalu besar setelah dibuka (lebih dari %(mb)s MB). / "
    "The Excel file unpacks to more than %(mb)s MB."
)


def unpacked_too_large(data: bytes) -> bool:
    """True if the zip archive `data` would unpack to more than MAX_UNPACKED_BYTES or has more than
    MAX_MEMBERS members. Not a zip archive: False (the caller's own check reports that)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES


def unpacked_too_large_message() -> str:
    return UNPACKED_TOO_LARGE % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)}


#: What openpyxl raises when a cell's stored value does not fit its type ("nan" in a numeric cell: a bare
#: ValueError from int(), in the middle of reading the sheet).
UNREADABLE_CELL_ERRORS = (ValueError, TypeError, IndexError, KeyError, OverflowError)


def unreadable_cells(data: bytes, sheet_path: str | None) -> list[tuple[int, str, str]]:
    """(row, column letter, stored text) of each cell of the worksheet `sheet_path` inside the .xlsx `data`
    whose stored value openpyxl cannot read: a numeric cell holding "nan", "inf" or "abc", a boolean holding
    anything but 0 or 1, a shared-string cell whose index is not a number, a date cell that is not ISO 8601. Used to say where a sheet that failed to load went wrong; [] when nothing is found."""
    from openpyxl.utils.cell import coordinate_from_string
    from openpyxl.xml.functions import iterparse  # openpyxl's own: defusedxml's when installed

    found: list[tuple[int, str, str]] = []
    if sheet_path is None:  # openpyxl did not say where the sheet is stored: nothing to read
        return found
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(sheet_path) as source:
            for _event, element in iterparse(source):
                if not element.tag.endswith("}c"):
                    continue
                kind = element.get("t", "n")
                stored = next((child.text for child in element if child.tag.endswith("}v")), None)
                if stored is not None and not _stored_value_fits(kind, stored):
                    column, row = coordinate_from_string(element.get("r") or "A1")
                    found.append((row, column, stored))
                element.clear()
    except (KeyError, OSError, ValueError, SyntaxError, TypeError, zipfile.BadZipFile):
        pass
    return found


def _stored_value_fits(kind: str, stored: str) -> bool:
    from decimal import Decimal

    if kind == "n":
        try:
            return Decimal(stored.strip()).is_finite()
        except ArithmeticError:
            return False
    if kind == "b":
        return stored.strip() in ("0", "1")
    if kind == "s":  # an index into the shared strings: a number (a missing index fails the load as well)
        return stored.strip().isdigit()
    if kind == "d":  # an ISO 8601 date or time
        from openpyxl.utils.datetime import from_ISO8601

        try:
            from_ISO8601(stored.strip())
        except (ValueError, TypeError):
            return False
    return True


LOGO_MAX_BYTES = 512 * 1024


def image_type(head: bytes) -> str | None:
    """The content type of an image by its first bytes, for the two kinds a document embeds: PNG and JPEG."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None
