"""The documents' bytes, kept from before the architecture change (issue 17): the demo LKjIP 2021 (PDF, xlsx,
json) and the Semarang Renstra 2016–2021 (PDF, xlsx), rendered from the same data through `render_report`, must
be the same files, byte for byte. A refactoring that moves code must not move a figure or a pixel. The Pemda LKjIP
of a small Pemda (two demo agencies and the RPJMD of tests/reports/lkjip_pemda/scenario.py) is kept as PDF, xlsx and
json (issue 20).

A difference that is meant (a new table, a fixed figure) is kept by writing the files anew:
`GOLDEN_WRITE=1 .venv/bin/pytest tests/golden`, and saying why in the commit and in docs/testing.md.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from reports.documents.pdf import harfbuzz_subsetting_available
from tests.reports.lkjip_pemda.scenario import make_pemda_rpjmd

BEFORE = Path(__file__).resolve().parent / "before"
WRITE = os.environ.get("GOLDEN_WRITE") == "1"

LKJIP = ("lkjip-2021.pdf", "lkjip-2021.xlsx", "lkjip-2021.json")
RENSTRA = ("renstra-semarang.pdf", "renstra-semarang.xlsx")
PEMDA = ("lkjip-pemda-2021.pdf", "lkjip-pemda-2021.xlsx", "lkjip-pemda-2021.json")


def _compare(rendered: Path) -> None:
    golden = BEFORE / rendered.name
    if WRITE:
        golden.write_bytes(rendered.read_bytes())
        return
    if rendered.suffix == ".pdf" and not harfbuzz_subsetting_available():
        pytest.skip(
            "the kept PDFs were subset by HarfBuzz; this machine subsets with fontTools (reports.W001)"
        )
    assert rendered.read_bytes() == golden.read_bytes(), f"{rendered.name} differs from the kept file"


@pytest.mark.parametrize("name", LKJIP)
def test_demo_lkjip_is_byte_identical(demo_agency, tmp_path, name):
    out = tmp_path / name
    call_command(
        "render_report",
        agency=demo_agency.code,
        year=2021,
        format=out.suffix[1:],
        output=out,
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    _compare(out)


@pytest.mark.parametrize("name", RENSTRA)
def test_semarang_renstra_is_byte_identical(semarang, tmp_path, name):
    out = tmp_path / name
    call_command(
        "render_report",
        document="renstra",
        agency=semarang.code,
        format=out.suffix[1:],
        output=out,
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    _compare(out)


@pytest.mark.parametrize("name", PEMDA)
def test_pemda_lkjip_is_byte_identical(pemda_of, tmp_path, name):
    government, agencies = pemda_of(2)
    make_pemda_rpjmd(government, agencies)
    out = tmp_path / name
    call_command(
        "render_report",
        document="lkjip-pemda",
        government=government.code,
        year=2021,
        format=out.suffix[1:],
        output=out,
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    _compare(out)
