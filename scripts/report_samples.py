"""Regenerate docs/report-sample/: PNG renders of the demo LKjIP's cover, a BAB III page and the budget table.

Usage: .venv/bin/python scripts/report_samples.py   (needs pdftoppm and pdftotext: Debian's poppler-utils)
Runs against a throw-away SQLite database; writes the PDF to a temporary folder, never into the work tree.
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "report-sample"
sys.path.insert(0, str(ROOT))


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True)
    return text.stdout.split("\f")


def first_page(pages, *patterns, start=0) -> int:
    """1-based number of the first page from `start` matching every regex (lists of contents skipped)."""
    for index, page in enumerate(pages[start:], start=start):
        if "DAFTAR" not in page and all(re.search(pattern, page) for pattern in patterns):
            return index + 1
    raise SystemExit(f"no page matches {patterns}")


def png(pdf: Path, page: int, name: str):
    target = OUT / name
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(target),
        ],
        check=True,
    )
    print(f"page {page} → {target.relative_to(ROOT)}.png")


def main():
    tmp = Path(tempfile.mkdtemp())
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/samples.db"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command

    from interchange.demo import DEMO_AGENCY, DEMO_YEAR

    call_command("migrate", verbosity=0)
    call_command("loaddemo", verbosity=0)
    pdf = tmp / "lkjip.pdf"
    call_command("render_report", agency=DEMO_AGENCY, year=DEMO_YEAR, format="pdf", output=pdf, verbosity=0)
    pages = page_texts(pdf)
    OUT.mkdir(parents=True, exist_ok=True)
    png(pdf, 1, "cover")
    bab3 = first_page(pages, "BAB III")
    png(pdf, first_page(pages, r"Sasaran S\d", r"Tabel 3\.\d+", start=bab3), "bab3")
    png(pdf, first_page(pages, rf"Tabel 3\.\d+ Realisasi anggaran tahun {DEMO_YEAR}", start=bab3), "budget")


if __name__ == "__main__":
    main()
