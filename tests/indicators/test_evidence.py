"""Evidence files are opened, not only recognised by their first bytes (indicators.evidence): a file that starts
like a PDF or a PNG but is junk, or a real one cut short by a broken upload, is refused with a message."""

import pytest

from indicators.evidence import HEAD_BYTES, EvidenceError, evidence_content_type, sniff_content_type
from sakip.uploads import MAX_UNPACKED_BYTES
from tests import files

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def refused(name, data) -> str:
    with pytest.raises(EvidenceError) as caught:
        evidence_content_type(name, data)
    message = str(caught.value)
    indonesian, sep, english = message.partition(" / ")
    assert sep and indonesian.strip() and english.strip(), message
    return message


def weasyprint_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<h1>Bukti dukung</h1><p>Daftar hadir rapat koordinasi.</p>").write_pdf()


# --- real files are accepted ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "make", "content_type"),
    [
        ("laporan.pdf", files.pdf, "application/pdf"),
        ("laporan 3 halaman.pdf", lambda: files.pdf(pages=3), "application/pdf"),
        ("rapat.pdf", weasyprint_pdf, "application/pdf"),
        ("foto.png", lambda: files.image("PNG"), "image/png"),
        ("foto.jpg", lambda: files.image("JPEG"), "image/jpeg"),
        ("FOTO.JPEG", lambda: files.image("JPEG", size=(1600, 1200)), "image/jpeg"),
        ("realisasi.xlsx", files.xlsx, XLSX_TYPE),
        ("realisasi.ods", files.ods, "application/vnd.oasis.opendocument.spreadsheet"),
        ("realisasi-lama.xls", files.xls, "application/vnd.ms-excel"),
        ("data.csv", lambda: b"kode;nilai\nIKU-1;12,5\n", "text/csv"),
    ],
)
def test_real_files_are_accepted(name, make, content_type):
    assert evidence_content_type(name, make()) == content_type


def test_a_jpeg_with_bytes_after_its_end_marker_is_accepted():
    # Some cameras and scanners pad the file after the picture.
    assert evidence_content_type("scan.jpg", files.image("JPEG") + bytes(300)) == "image/jpeg"


# --- first bytes right, content junk ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("laporan.pdf", b"%PDF-1.7\n" + b"bukan pdf " * 200 + b"\n%%EOF\n"),
        ("laporan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        ("foto.png", b"\x89PNG\r\n\x1a\n" + b"junk" * 500),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"junk" * 500),
        ("realisasi.xlsx", b"PK\x03\x04" + b"junk" * 500),
        ("realisasi.ods", b"PK\x03\x04" + b"junk" * 500),
        ("realisasi.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1500)),
    ],
    ids=["pdf", "pdf-without-pages", "png", "jpeg", "xlsx", "ods", "xls"],
)
def test_junk_behind_the_right_first_bytes_is_refused(name, data):
    sniff_content_type(name, data[:HEAD_BYTES])  # what used to be enough
    message = refused(name, data)
    assert name.rpartition(".")[2].upper() in message


# --- real files cut short --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("laporan.pdf", files.pdf(pages=3)),
        ("rapat.pdf", weasyprint_pdf()),
        ("foto.png", files.image("PNG")),
        ("foto.jpg", files.image("JPEG")),
        ("realisasi.xlsx", files.xlsx()),
        ("realisasi.ods", files.ods()),
        ("realisasi-lama.xls", files.xls()),
    ],
    ids=["pdf", "weasyprint-pdf", "png", "jpeg", "xlsx", "ods", "xls"],
)
@pytest.mark.parametrize("kept", [0.5, 0.9])
def test_a_file_cut_short_is_refused_as_damaged(name, data, kept):
    message = refused(name, data[: int(len(data) * kept)])
    assert "rusak atau tidak lengkap" in message and "damaged or incomplete" in message


@pytest.mark.parametrize(
    ("name", "make"), [("foto.png", lambda: files.image("PNG")), ("laporan.pdf", files.pdf)]
)
def test_a_file_missing_only_its_last_bytes_is_refused(name, make):
    data = make()
    refused(name, data[:-12])  # a PNG without its IEND chunk, a PDF without its end-of-file marker


@pytest.mark.parametrize("name", ["foto.png", "foto.jpg"])
def test_cut_images_are_refused_even_where_pillow_pads_them(name, monkeypatch):
    """WeasyPrint, once imported (by the first PDF a worker renders), tells Pillow to pad cut-off images."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = files.image("PNG" if name.endswith(".png") else "JPEG", size=(400, 300))
    for kept in (0.5, 0.8, 0.99):
        refused(name, data[: int(len(data) * kept)])


def test_a_progressive_jpeg_is_read_through_its_scans():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.open(io.BytesIO(files.image("PNG", size=(300, 200)))).convert("RGB").save(
        buffer, "JPEG", progressive=True
    )
    data = buffer.getvalue()
    assert evidence_content_type("foto.jpg", data) == "image/jpeg"
    refused("foto.jpg", data[: int(len(data) * 0.7)])


def test_a_password_protected_pdf_is_refused_saying_why():
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(files.pdf())))
    writer.encrypt(user_password="rahasia", owner_password="pemilik", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    message = refused("laporan.pdf", buffer.getvalue())
    assert "kata sandi" in message and "password" in message


def test_a_pdf_restricted_only_by_an_owner_password_is_accepted():
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(files.pdf())))
    writer.encrypt(user_password="", owner_password="pemilik", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert evidence_content_type("laporan.pdf", buffer.getvalue()) == "application/pdf"


# --- archives that are not the workbook they are named ---------------------------------------------------------
@pytest.mark.parametrize(
    "members",
    [
        {"readme.txt": "bukan lembar kerja"},
        {
            "[Content_Types].xml": "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>"
        },
        {  # a Word document renamed .xlsx
            "[Content_Types].xml": (
                "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'><Override "
                "PartName='/word/document.xml' ContentType='application/vnd.openxmlformats-officedocument."
                "wordprocessingml.document.main+xml'/></Types>"
            ),
            "word/document.xml": "<w:document/>",
        },
        {  # names a workbook part that is not there
            "[Content_Types].xml": (
                "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'><Override "
                "PartName='/xl/workbook.xml' ContentType='application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet.main+xml'/></Types>"
            ),
        },
    ],
    ids=["no-content-types", "no-main-part", "word-document", "main-part-missing"],
)
def test_a_zip_that_is_not_a_workbook_is_refused_as_xlsx(members):
    assert ".xlsx" in refused("realisasi.xlsx", files.zip_of(members))


def test_an_xlsx_is_not_an_ods():
    assert ".ods" in refused("realisasi.ods", files.xlsx())


def test_a_workbook_that_unpacks_beyond_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr("sakip.uploads.MAX_UNPACKED_BYTES", 1000)
    message = refused("realisasi.xlsx", files.xlsx())
    assert "terlalu besar" in message
    assert MAX_UNPACKED_BYTES > 1000


def test_a_zip_member_with_a_broken_checksum_is_refused():
    data = bytearray(files.xlsx())
    data[60] ^= 0xFF  # inside the first member's compressed data
    refused("realisasi.xlsx", bytes(data))


def test_a_csv_invalid_after_its_first_bytes_is_refused():
    head = b"kode;nilai\n" + b"IKU-1;12\n" * (HEAD_BYTES // 9 + 1)
    data = head + "Café;1\n".encode("cp1252")
    assert sniff_content_type("data.csv", data[:HEAD_BYTES]) == "text/csv"
    refused("data.csv", data)
