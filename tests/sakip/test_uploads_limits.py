"""An uploaded .xlsx is refused before openpyxl reads it when its archive would unpack to too much."""

import io
import zipfile

from sakip import uploads


def _archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_an_archive_with_too_many_members_is_too_large(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_MEMBERS", 2)
    assert not uploads.unpacked_too_large(_archive({"a": b"1", "b": b"2"}))
    assert uploads.unpacked_too_large(_archive({"a": b"1", "b": b"2", "c": b"3"}))


def test_the_unpacked_size_is_the_sum_of_the_members(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 1000)
    assert not uploads.unpacked_too_large(_archive({"a": b"x" * 500, "b": b"x" * 500}))
    assert uploads.unpacked_too_large(_archive({"a": b"x" * 500, "b": b"x" * 501}))


def test_bytes_that_are_not_an_archive_are_left_to_the_callers_own_check():
    assert not uploads.unpacked_too_large(b"kode;nilai\nS1.1;5\n")
