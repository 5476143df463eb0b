"""Same data, same bytes on every installation and at any time: the LKjIP and Renstra PDFs and every workbook,
rendered by separate processes whose clocks are days apart, with the font subsetter WeasyPrint uses where
libharfbuzz-subset0 is installed and with the fontTools one it falls back to where it is missing (which, left
alone, writes the time of the render into every embedded font)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reports.documents.pdf import harfbuzz_subsetting_available

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = Path(__file__).resolve().parent / "render_elsewhere.py"
PDFS = ("lkjip.pdf", "renstra.pdf")
WORKBOOKS = ("lkjip.xlsx", "renstra.xlsx", "templat.xlsx", "riwayat.xlsx", "riwayat.csv")
FOUR_DAYS = 4 * 24 * 60 * 60 + 17


def _env(database: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "CACHE_URL")}
    # The renders read the demo from a SQLite file of their own: the processes cannot see the test database's
    # uncommitted data, and what is compared is the rendering, not the database.
    env.update(DJANGO_SETTINGS_MODULE="sakip.settings.test", DATABASE_URL=f"sqlite:///{database}")
    return env


def _run(args: list, env: dict) -> None:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    database = tmp_path_factory.mktemp("bytes") / "demo.sqlite3"
    env = _env(database)
    _run([sys.executable, "manage.py", "migrate", "-v0"], env)
    _run([sys.executable, "manage.py", "loaddemo"], env)
    return database


def _render_pair(demo_database, outs: list[Path], offsets: list[float], subsetter: str) -> list[dict]:
    """Two processes at once, one per clock offset."""
    running = [
        subprocess.Popen(
            [sys.executable, str(SCRIPT), str(out), "--clock-offset", str(offset), "--subsetter", subsetter],
            cwd=ROOT,
            env=_env(demo_database),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for out, offset in zip(outs, offsets, strict=True)
    ]
    for process in running:
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stdout[-3000:] + stderr[-3000:]
    return [
        {
            "files": {name: (out / name).read_bytes() for name in (*PDFS, *WORKBOOKS)},
            "subsetters": json.loads((out / "subsetters.json").read_text()),
        }
        for out in outs
    ]


def _differing(first: dict, second: dict, names) -> list[str]:
    return [name for name in names if first["files"][name] != second["files"][name]]


@pytest.fixture(scope="module")
def renders(demo_database, tmp_path_factory):
    """Four processes: the installed subsetter and fontTools, each now and four days later."""
    found = {}
    offsets = [0, FOUR_DAYS]
    for subsetter in ("installed", "fonttools"):
        outs = [tmp_path_factory.mktemp(f"{subsetter}-{offset}") for offset in offsets]
        for offset, render in zip(
            offsets, _render_pair(demo_database, outs, offsets, subsetter), strict=True
        ):
            found[subsetter, offset] = render
    return found


def test_fonttools_subsetting_gives_the_same_pdfs_days_apart(renders):
    now, later = renders["fonttools", 0], renders["fonttools", FOUR_DAYS]
    for render in (now, later):  # each rendered its PDFs, with the fallback
        assert render["subsetters"]["fonttools"] > 0 and render["subsetters"]["harfbuzz"] == 0
    assert _differing(now, later, PDFS) == []
    assert all(now["files"][name].startswith(b"%PDF-") for name in PDFS)


def test_installed_subsetting_gives_the_same_pdfs_days_apart(renders):
    now, later = renders["installed", 0], renders["installed", FOUR_DAYS]
    installed = "harfbuzz" if harfbuzz_subsetting_available() else "fonttools"
    assert all(render["subsetters"][installed] > 0 for render in (now, later))  # rendered, not handed over
    assert _differing(now, later, PDFS) == []


def test_every_workbook_is_the_same_file_days_apart_and_whatever_the_fonts(renders):
    first = renders["installed", 0]
    for key, other in renders.items():
        assert _differing(first, other, WORKBOOKS) == [], key
    assert all(first["files"][name].startswith(b"PK") for name in WORKBOOKS if name.endswith(".xlsx"))


def test_deployment_check_says_when_fonts_are_subset_by_fonttools(monkeypatch):
    from weasyprint.pdf import fonts

    from reports.system_checks import font_subsetting

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    assert [message.id for message in font_subsetting()] == ["reports.W001"]
