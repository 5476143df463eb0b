"""The Renstra PDF of the Semarang plan: every chapter, Indonesian figures, BAB VI on landscape pages, and the
same bytes every time."""

import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from reports.renstra.build import renstra_build
from reports.renstra.document import OUTLINE
from reports.renstra.render import renstra_pdf
from sakip.numbers import format_number
from tests.semarang import dataset_funding, plan_years

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


def page_texts(path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
    return out.stdout.split("\f")


def page_sizes(path, pages: int) -> list[tuple[float, float]]:
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", str(pages), str(path)], capture_output=True, check=True, text=True
    ).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def test_the_semarang_renstra_pdf(semarang, semarang_dataset, tmp_path):
    doc = renstra_build(agency=semarang)
    pdf = renstra_pdf(doc)
    assert pdf.startswith(b"%PDF-")
    assert renstra_pdf(renstra_build(agency=semarang)) == pdf  # byte-identical
    path = tmp_path / "renstra.pdf"
    path.write_bytes(pdf)
    pages = page_texts(path)
    text = "\n".join(pages)
    flat = re.sub(r"\s+", " ", text)
    for roman, title, _ in OUTLINE:
        assert re.search(rf"BAB {roman}\s+{re.escape(title.upper())}", text), roman
    assert "LAMPIRAN" in text and semarang_dataset["plan"]["revision"] in text
    # BAB IV gives the indicator's name the room it needs: one line, not a narrow column of single words.
    bab4 = next(p for p in pages if "Tabel 4.1 Tujuan dan sasaran" in p and "DAFTAR" not in p)
    longest = max((i["name"] for g in semarang_dataset["goals"] for i in g["indicators"]), key=len)
    assert longest in bab4

    # Figures in Indonesian format, computed here from the dataset: the yearly totals and the grand total.
    activities = [a for p in semarang_dataset["programs"] for a in p["activities"]]
    years = plan_years(semarang_dataset)
    totals = [sum((dataset_funding(a).get(y, Decimal(0)) for a in activities), Decimal(0)) for y in years]
    total_line = next(line for line in text.splitlines() if "Jumlah pendanaan indikatif" in line)
    assert re.sub(r"\s+", " ", total_line).split("(Rp)")[1].split() == [
        format_number(t, 0) for t in [*totals, sum(totals)]
    ]
    first = semarang_dataset["programs"][0]["activities"][0]
    assert format_number(dataset_funding(first)[years[-1]], 0) in flat

    # BAB VI on landscape pages, BAB I on a portrait one.
    sizes = page_sizes(path, len(pages) - 1)
    start = next(k for k, p in enumerate(pages) if "Tabel 6.1 Rencana program" in p and "DAFTAR" not in p)
    end = next(k for k, p in enumerate(pages) if "Jumlah pendanaan indikatif" in p)
    assert end > start  # the wide table runs over several pages
    for k in range(start, end + 1):
        width, height = sizes[k]
        assert width > height, f"page {k + 1} is not landscape"
    bab1 = next(k for k, p in enumerate(pages) if re.search(r"BAB I\s+PENDAHULUAN", p) and "DAFTAR" not in p)
    assert sizes[bab1][0] < sizes[bab1][1]
