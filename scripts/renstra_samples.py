"""Regenerate the Renstra samples in docs/report-sample/: PNG renders of the Semarang Renstra 2016–2021's cover,
its BAB IV table (tujuan and sasaran) and a BAB VI page (programs, kegiatan, targets and funding, landscape).

Usage: .venv/bin/python scripts/renstra_samples.py   (needs pdftoppm and pdftotext: Debian's poppler-utils)
Runs against a throw-away SQLite database; writes the PDF to a temporary folder, never into the work tree.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "interchange" / "fixtures" / "semarang-renstra-2016-2021.json"
AGENCY = "semarang-dinkopum"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from report_samples import OUT, first_page, page_texts  # noqa: E402  (same helpers as the LKjIP samples)


def png(pdf: Path, page: int, name: str, dpi: int):
    """One page as PNG; the wide tables at a resolution where their 6,6 pt figures can be read."""
    target = OUT / name
    command = ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile"]
    subprocess.run([*command, str(pdf), str(target)], check=True)
    print(f"page {page} → {target.relative_to(ROOT)}.png")


def main():
    tmp = Path(tempfile.mkdtemp())
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/samples.db"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sakip.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("import_dataset", str(DATASET), verbosity=0)
    pdf = tmp / "renstra.pdf"
    call_command("render_report", document="renstra", agency=AGENCY, format="pdf", output=pdf, verbosity=0)
    pages = page_texts(pdf)
    OUT.mkdir(parents=True, exist_ok=True)
    png(pdf, 1, "renstra-cover", 70)
    png(pdf, first_page(pages, r"Tabel 4\.1 Tujuan dan sasaran"), "renstra-bab4", 100)
    png(pdf, first_page(pages, r"Tabel 6\.1 Rencana program"), "renstra-bab6", 130)


if __name__ == "__main__":
    main()
