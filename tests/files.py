"""Small real files of every evidence type, made by the libraries that write them: uploads are opened, not only
recognised by their first bytes (indicators.evidence)."""

import io
import re
import struct
import zipfile

from openpyxl import Workbook
from PIL import Image
from pypdf import PdfWriter


def pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image(format: str, size=(120, 80)) -> bytes:
    """A picture with some detail (a flat colour compresses to almost nothing)."""
    picture = Image.new("RGB", size, (200, 30, 30))
    for x in range(0, size[0], 3):
        for y in range(0, size[1], 2):
            picture.putpixel((x, y), (x * 2 % 256, y * 3 % 256, x * y % 256))
    buffer = io.BytesIO()
    picture.save(buffer, format)
    return buffer.getvalue()


def xlsx() -> bytes:
    book = Workbook()
    book.active.append(["Kode", "Realisasi"])
    book.active.append(["IKU-1", 12.5])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ods() -> bytes:
    """An OpenDocument spreadsheet as LibreOffice lays it out: `mimetype` first and stored, then the parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
            compress_type=zipfile.ZIP_DEFLATED,
        )
        archive.writestr("META-INF/manifest.xml", "<manifest/>", compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def zip_of(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def xls() -> bytes:
    """The smallest well-formed OLE compound file (the container of a legacy .xls): header, one allocation
    sector, one directory sector, 512 bytes each."""
    end_of_chain, fat_sector, free = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end_of_chain, 0, end_of_chain, 0)
    header += struct.pack("<109I", 0, *([free] * 108))
    allocation = struct.pack("<128I", fat_sector, end_of_chain, *([free] * 126))
    directory = "Root Entry".encode("utf-16-le").ljust(64, b"\0") + struct.pack("<HBB", 22, 5, 1)
    return header + allocation + directory.ljust(512, b"\0")


def with_stored_cell(data: bytes, member: str, address: str, stored: str, kind: str = "n") -> bytes:
    """The .xlsx `data` with the cell's stored <v> text in sheet `member` replaced verbatim, as a file written by
    another program (or edited by hand) may hold it: openpyxl would never write "nan" itself."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == member:
                text, count = re.subn(
                    rf'<c r="{address}"[^>]*>.*?</c>',
                    f'<c r="{address}" t="{kind}"><v>{stored}</v></c>',
                    content.decode(),
                )
                assert count == 1
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()
