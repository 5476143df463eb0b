"""Same data, same bytes on every installation and at any time: the LKjIP and Renstra PDFs and every workbook,
rendered by separate processes whose clocks are days apart, with the font subsetter WeasyPrint uses where
libharfbuzz-subset0 is installed and with the fontTools one it falls back to where it is missing (which, left
alone, writes the time of the render into every embedded font)."""

from reports.documents.pdf import harfbuzz_subsetting_available
from tests.reports.conftest import FOUR_DAYS, PDFS, WORKBOOKS


def _differing(first: dict, second: dict, names) -> list[str]:
    return [name for name in names if first["files"][name] != second["files"][name]]


def test_fonttools_subsetting_gives_the_same_pdfs_days_apart(demo_renders):
    now, later = demo_renders["fonttools", 0], demo_renders["fonttools", FOUR_DAYS]
    for render in (now, later):  # each rendered its PDFs, with the fallback
        assert render["subsetters"]["fonttools"] > 0 and render["subsetters"]["harfbuzz"] == 0
    assert _differing(now, later, PDFS) == []
    assert all(now["files"][name].startswith(b"%PDF-") for name in PDFS)


def test_installed_subsetting_gives_the_same_pdfs_days_apart(demo_renders):
    now, later = demo_renders["installed", 0], demo_renders["installed", FOUR_DAYS]
    installed = "harfbuzz" if harfbuzz_subsetting_available() else "fonttools"
    assert all(render["subsetters"][installed] > 0 for render in (now, later))  # rendered, not handed over
    assert _differing(now, later, PDFS) == []


def test_every_workbook_is_the_same_file_days_apart_and_whatever_the_fonts(demo_renders):
    first = demo_renders["installed", 0]
    for key, other in demo_renders.items():
        assert _differing(first, other, WORKBOOKS) == [], key
    assert all(first["files"][name].startswith(b"PK") for name in WORKBOOKS if name.endswith(".xlsx"))


def test_deployment_check_says_when_fonts_are_subset_by_fonttools(monkeypatch):
    from weasyprint.pdf import fonts

    from reports.system_checks import font_subsetting

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    assert [message.id for message in font_subsetting()] == ["reports.W001"]
