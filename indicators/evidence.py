"""Which evidence files are accepted: the name's extension must match the file's first bytes, and the whole file
must open as what it claims to be.

Checking the content, not only the name, keeps an executable renamed to .pdf out of the archive; opening it keeps
out a file that only starts like a PDF, or a scan cut short by a broken upload, which the inspectorate would find
unreadable months later. Each type is opened by the library that reads it (pypdf, Pillow, zipfile), within the
size limits of the upload and of `sakip.uploads` for archives.
"""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
import zlib
from pathlib import PurePath
from xml.etree import ElementTree

from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from sakip.uploads import unpacked_too_large, unpacked_too_large_message


class EvidenceError(ValueError):
    """A file that is not an accepted evidence type; the message is Indonesian first, then English."""


HEAD_BYTES = 8192  # what the first-bytes test looks at

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


def _mismatch(suffix: str) -> EvidenceError:
    return EvidenceError(
        f"Isi berkas tidak sesuai dengan ekstensi {suffix}. / The file's content does not match {suffix}."
    )


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
        raise _mismatch(suffix)
    return content_type


def evidence_content_type(name: str, data: bytes) -> str:
    """The content type of an accepted evidence file, whose name, first bytes and whole content agree;
    EvidenceError (Indonesian / English) otherwise. `data` is the whole upload, already within its size limit."""
    content_type = sniff_content_type(name, data[:HEAD_BYTES])
    suffix = PurePath(name).suffix.lower()
    _READERS[suffix](data, suffix)
    return content_type


# --- opening each type ---------------------------------------------------------------------------------------
def _damaged(suffix: str) -> EvidenceError:
    return EvidenceError(
        _(
            "Berkas %(type)s ini rusak atau tidak lengkap sehingga tidak dapat dibuka; unggah ulang berkas "
            "aslinya. / This %(type)s file is damaged or incomplete and cannot be opened; upload the original "
            "file again."
        )
        % {"type": suffix.lstrip(".").upper()}
    )


def _read_pdf(data: bytes, suffix: str) -> None:
    """pypdf opens it (leniently, as viewers do) and finds at least one page; the end-of-file marker must be
    there, since a lenient reader would otherwise accept a PDF cut short after its first pages."""
    if (
        b"%%EOF" not in data[-1024:]
    ):  # the marker closes the file; viewers look for it in the last 1.024 bytes
        raise _damaged(suffix)
    try:
        pages = len(PdfReader(io.BytesIO(data), strict=False).pages)
    except FileNotDecryptedError:
        raise EvidenceError(
            _(
                "PDF ini dikunci dengan kata sandi sehingga tidak dapat dibaca pemeriksa; unggah versi tanpa kata "
                "sandi. / This PDF is password-protected, so reviewers cannot read it; upload a version without "
                "a password."
            )
        ) from None
    except DependencyError:
        # AES-encrypted without a password (print or copy restrictions only): reading its pages needs the
        # optional `cryptography` package. The structure above was read; the file opens in every viewer.
        return
    except Exception:  # whatever a damaged file makes the parser raise, it is damaged
        raise _damaged(suffix) from None
    if pages < 1:
        raise EvidenceError(_("PDF ini tidak berisi halaman. / This PDF has no pages."))


# A camera's JPEG with a second picture (a depth map, a preview) opens as "MPO": still a JPEG.
_IMAGE_FORMATS = {".png": {"PNG"}, ".jpg": {"JPEG", "MPO"}, ".jpeg": {"JPEG", "MPO"}}


def _read_image(data: bytes, suffix: str) -> None:
    """Whole to its end marker (walked here: WeasyPrint switches Pillow, process-wide, to padding cut-off images
    instead of refusing them), then opened by Pillow as the named format: a PNG's chunks checked (verify), a
    JPEG decoded at 1/8 scale (cheap, yet its compressed data is read through)."""
    whole = _png_complete if suffix == ".png" else _jpeg_complete
    if not whole(data):
        raise _damaged(suffix)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in _IMAGE_FORMATS[suffix]:
                    raise _mismatch(suffix)
                image.verify()
            if suffix != ".png":
                with Image.open(io.BytesIO(data)) as image:
                    image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
                    image.load()
    except EvidenceError:
        raise
    except Exception:  # as for PDFs: Pillow raises many kinds on a damaged file
        raise _damaged(suffix) from None


def _png_complete(data: bytes) -> bool:
    """Every chunk whole, with its checksum, up to the closing IEND chunk."""
    pos = 8  # the signature
    while pos + 12 <= len(data):
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        if end > len(data):
            return False
        if zlib.crc32(data[pos + 4 : end - 4]) != struct.unpack_from(">I", data, end - 4)[0]:
            return False
        if kind == b"IEND":
            return True
        pos = end
    return False


_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # markers without a length: TEM and the restart markers


def _jpeg_complete(data: bytes) -> bool:
    """Every segment whole, and the compressed data after each start of scan followed by a marker, up to the
    end-of-image marker (FF D9). Inside compressed data an FF byte is always followed by 00 or a restart marker,
    so the first other marker closes the scan. Bytes after the end marker (camera padding) are allowed."""
    pos = 2  # the start-of-image marker
    while pos + 1 < len(data):
        if data[pos] != 0xFF:
            return False
        while pos + 1 < len(data) and data[pos + 1] == 0xFF:  # fill bytes before a marker
            pos += 1
        if pos + 1 >= len(data):
            return False
        marker = data[pos + 1]
        if marker == 0xD9:
            return True
        if marker in _JPEG_STANDALONE:
            pos += 2
            continue
        if pos + 4 > len(data):
            return False
        end = pos + 2 + struct.unpack_from(">H", data, pos + 2)[0]
        if end > len(data):
            return False
        pos = end
        if marker == 0xDA:  # start of scan: skip its compressed data
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= len(data):
                    return False
                if data[pos + 1] == 0x00 or 0xD0 <= data[pos + 1] <= 0xD7:
                    pos += 2
                    continue
                break
    return False


_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _read_archive(data: bytes, suffix: str) -> None:
    """A zip archive within the unpacked-size limit, every member intact (CRC), holding the main part of a
    workbook: an .xlsx's [Content_Types].xml names a worksheet workbook that is there; an .ods says its type
    in its `mimetype` member and has its content.xml."""
    if unpacked_too_large(data):
        raise EvidenceError(unpacked_too_large_message())
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if archive.testzip() is not None:
                raise _damaged(suffix)
            names = set(archive.namelist())
            if suffix == ".xlsx":
                if "[Content_Types].xml" not in names:
                    raise _mismatch(suffix)
                types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
                main = [
                    part.get("PartName", "").lstrip("/")
                    for part in types.iter(f"{_CONTENT_TYPES_NS}Override")
                    if part.get("ContentType") == _XLSX_MAIN
                ]
                if not main or main[0] not in names:
                    raise _mismatch(suffix)
            elif "mimetype" not in names or archive.read("mimetype").strip() != _ODS_MIMETYPE:
                raise _mismatch(suffix)
            elif "content.xml" not in names:
                raise _damaged(suffix)
    except EvidenceError:
        raise
    except Exception:  # a broken archive or XML part: zipfile, zlib and expat each raise their own kind
        raise _damaged(suffix) from None


_FREE_SECTOR = 0xFFFFFFFF


def _read_ole(data: bytes, suffix: str) -> None:
    """A legacy .xls is an OLE compound file: its header must be well formed and every sector it points to
    (the allocation table and the directory) must lie within the file, which a cut-off upload's do not."""
    if len(data) < 512:
        raise _damaged(suffix)
    major, byte_order, sector_shift, mini_shift = struct.unpack_from("<HHHH", data, 26)
    fat_sectors, first_directory = struct.unpack_from("<II", data, 44)
    expected_shift = {3: 9, 4: 12}.get(major)
    if byte_order != 0xFFFE or sector_shift != expected_shift or mini_shift != 6 or fat_sectors < 1:
        raise _damaged(suffix)
    sector = 1 << sector_shift
    # The header takes the first sector; the sectors named must be whole (a cut-off upload's are not).
    sectors_in_file = (len(data) - sector) // sector
    allocation = [s for s in struct.unpack_from("<109I", data, 76)[:fat_sectors] if s != _FREE_SECTOR]
    if not allocation or any(s >= sectors_in_file for s in [*allocation, first_directory]):
        raise _damaged(suffix)


def _read_csv(data: bytes, suffix: str) -> None:
    """The whole file is UTF-8 text (the first-bytes test saw only its beginning)."""
    if b"\x00" in data:
        raise _mismatch(suffix)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise _mismatch(suffix) from None


_READERS = {
    ".pdf": _read_pdf,
    ".png": _read_image,
    ".jpg": _read_image,
    ".jpeg": _read_image,
    ".xlsx": _read_archive,
    ".ods": _read_archive,
    ".xls": _read_ole,
    ".csv": _read_csv,
}
