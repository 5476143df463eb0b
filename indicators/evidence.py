"""Which evidence files are accepted: the name's extension must match what the file's first bytes are.

Checking the content, not only the name, keeps an executable renamed to .pdf out of the archive.
"""

from __future__ import annotations

from pathlib import PurePath


class EvidenceError(ValueError):
    """A file that is not an accepted evidence type; the message is Indonesian first, then English."""


# extension -> (content type, test on the first bytes)
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
ACCEPTED = {
    ".pdf": ("application/pdf", lambda head: head.startswith(b"%PDF-")),
    ".png": ("image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ".jpg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": ("image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        lambda head: head.startswith(_ZIP),
    ),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", lambda head: head.startswith(_ZIP)),
    ".xls": ("application/vnd.ms-excel", lambda head: head.startswith(_OLE)),
    ".csv": ("text/csv", lambda head: _is_text(head)),
}


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The first bytes may end inside a multi-byte character.
        return error.reason == "unexpected end of data" and error.start >= len(head) - 3
    return True


def sniff_content_type(name: str, head: bytes) -> str:
    """The content type of an accepted file, from its name and its first bytes; EvidenceError otherwise."""
    suffix = PurePath(name).suffix.lower()
    accepted = ACCEPTED.get(suffix)
    if accepted is None:
        names = ", ".join(s.lstrip(".").upper() for s in ACCEPTED)
        raise EvidenceError(
            f"Jenis berkas {suffix or '(tanpa ekstensi)'} tidak diterima; gunakan {names}. / "
            f"File type {suffix or '(none)'} is not accepted; use {names}."
        )
    content_type, matches = accepted
    if not matches(head):
        raise EvidenceError(
            f"Isi berkas tidak sesuai dengan ekstensi {suffix}. / The file's content does not match {suffix}."
        )
    return content_type
