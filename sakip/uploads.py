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
