"""The demo's documents rendered once per test session, each in a process of its own reading the demo from a
SQLite file of its own (`manage.py loaddemo`): the same-bytes tests compare these renders with one another, and
the tests that read the demo's LKjIP PDF (its pages, its text, its layout) read the first of them instead of each
rendering it again. The processes cannot see the test database's uncommitted data, and need not: the demo is the
same data there."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RENDER_ELSEWHERE = ROOT / "tests" / "reports" / "documents" / "render_elsewhere.py"
PDFS = ("lkjip.pdf", "renstra.pdf")
WORKBOOKS = ("lkjip.xlsx", "renstra.xlsx", "templat.xlsx", "riwayat.xlsx", "riwayat.csv")
FOUR_DAYS = 4 * 24 * 60 * 60 + 17


def _env(database: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "CACHE_URL")}
    env.update(DJANGO_SETTINGS_MODULE="sakip.settings.test", DATABASE_URL=f"sqlite:///{database}")
    return env


def _run(args: list, env: dict) -> None:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> Path:
    database = tmp_path_factory.mktemp("demo-elsewhere") / "demo.sqlite3"
    env = _env(database)
    _run([sys.executable, "manage.py", "migrate", "-v0"], env)
    _run([sys.executable, "manage.py", "loaddemo"], env)
    return database


def _render_pair(demo_database, outs: list[Path], offsets: list[float], subsetter: str) -> list[dict]:
    """Two processes at once, one per clock offset."""
    running = [
        subprocess.Popen(
            [
                sys.executable,
                str(RENDER_ELSEWHERE),
                str(out),
                "--clock-offset",
                str(offset),
                "--subsetter",
                subsetter,
            ],
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


@pytest.fixture(scope="session")
def demo_renders(demo_database, tmp_path_factory) -> dict:
    """Four processes: the installed font subsetter and fontTools', each now and four days later; keyed by
    (subsetter, clock offset), each the files rendered and which subsetter WeasyPrint used."""
    found = {}
    offsets = [0, FOUR_DAYS]
    for subsetter in ("installed", "fonttools"):
        outs = [tmp_path_factory.mktemp(f"{subsetter}-{offset}") for offset in offsets]
        for offset, render in zip(
            offsets, _render_pair(demo_database, outs, offsets, subsetter), strict=True
        ):
            found[subsetter, offset] = render
    return found


@pytest.fixture(scope="session")
def demo_lkjip_pdf(demo_renders) -> bytes:
    """The demo's 2021 LKjIP PDF, as `render_report --format pdf` gives it today with the installed subsetter."""
    return demo_renders["installed", 0]["files"]["lkjip.pdf"]
