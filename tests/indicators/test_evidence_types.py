"""Which evidence files (bukti dukung) are accepted: name and first bytes must agree (indicators.evidence)."""

import pytest

from indicators.evidence import EvidenceError, sniff_content_type

HEAD = 8192  # how many first bytes the upload view reads

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
XLSX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"
XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"
CSV = "kode;indikator;target\nIKU-1;Persentase UMKM naik kelas – Tangsel;12,5\n".encode()
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"


def assert_bilingual(message):
    indonesian, sep, english = message.partition(" / ")
    assert sep and indonesian.strip() and english.strip(), message


@pytest.mark.parametrize(
    "name, head, content_type",
    [
        ("laporan-tw1.pdf", PDF, "application/pdf"),
        ("foto kegiatan.png", PNG, "image/png"),
        ("foto.jpg", JPEG, "image/jpeg"),
        ("foto.jpeg", JPEG, "image/jpeg"),
        ("realisasi.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("realisasi-lama.xls", XLS, "application/vnd.ms-excel"),
        ("data.csv", CSV, "text/csv"),
    ],
)
def test_accepted_types_get_their_content_type(name, head, content_type):
    assert sniff_content_type(name, head) == content_type


@pytest.mark.parametrize(
    "name, head, content_type",
    [
        ("LAPORAN.PDF", PDF, "application/pdf"),
        ("Laporan.Pdf", PDF, "application/pdf"),
        ("SCAN.JPG", JPEG, "image/jpeg"),
        ("DATA.CSV", CSV, "text/csv"),
    ],
)
def test_upper_case_extensions_are_accepted(name, head, content_type):
    assert sniff_content_type(name, head) == content_type


@pytest.mark.parametrize("name", ["laporan.pdf", "foto.png", "foto.jpg", "realisasi.xlsx", "realisasi.xls"])
def test_executable_renamed_to_an_accepted_type_is_rejected(name):
    with pytest.raises(EvidenceError) as caught:
        sniff_content_type(name, EXE)
    message = str(caught.value)
    assert_bilingual(message)
    assert name[name.rindex(".") :] in message  # names the extension that does not match


def test_content_of_another_accepted_type_is_rejected():
    with pytest.raises(EvidenceError):
        sniff_content_type("laporan.pdf", PNG)


@pytest.mark.parametrize("name, shown", [("program.exe", ".exe"), ("LAPORAN", "(tanpa ekstensi)")])
def test_unknown_extension_is_rejected_listing_the_accepted_types(name, shown):
    with pytest.raises(EvidenceError) as caught:
        sniff_content_type(name, PDF)  # even with a PDF inside: the name must say what it is
    message = str(caught.value)
    assert_bilingual(message)
    assert shown in message
    for extension in ("PDF", "PNG", "JPG", "XLSX", "CSV"):
        assert extension in message


def test_csv_with_nul_bytes_is_rejected():
    with pytest.raises(EvidenceError) as caught:
        sniff_content_type("data.csv", b"kode,nilai\n\x00\x01\x02\x03")
    assert_bilingual(str(caught.value))


def test_utf16_csv_is_rejected():
    # UTF-16 text is full of NUL bytes; it is not the UTF-8 CSV the importer reads.
    with pytest.raises(EvidenceError):
        sniff_content_type("data.csv", "kode,nilai\n".encode("utf-16"))


@pytest.mark.parametrize(
    "char, inside",
    [(char, inside) for char in ("é", "–", "€", "🙂") for inside in range(1, len(char.encode()))],
)
def test_csv_head_ending_inside_a_multibyte_character_is_accepted(char, inside):
    # The first 8192 bytes of a longer file may stop after `inside` bytes of a 2-4 byte character.
    encoded = char.encode()
    line = f"Pondok Aren;Rp 1.000;{char}\n".encode()
    text = b"kelurahan;anggaran;catatan\n" + line * (HEAD // len(line) + 2)
    start = text.index(encoded, HEAD - len(line))  # a character beginning near the end of the head
    head = text[: start + inside]
    with pytest.raises(UnicodeDecodeError):
        head.decode()  # the head really ends inside the character
    assert sniff_content_type("data.csv", head) == "text/csv"


def test_csv_with_invalid_utf8_in_the_middle_is_rejected():
    # Legacy single-byte encodings: "é" in Windows-1252 is not UTF-8.
    with pytest.raises(EvidenceError):
        sniff_content_type("data.csv", "nama;kota\nCafé;Tangsel\n".encode("cp1252") + b"x" * 100)


def test_csv_with_an_invalid_byte_at_the_end_is_rejected():
    with pytest.raises(EvidenceError):
        sniff_content_type("data.csv", b"kode,nilai\n1,2\xff")
