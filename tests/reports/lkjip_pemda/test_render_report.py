"""`render_report --document lkjip-pemda --government CODE`: each format written, from the same document."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from tests.reports.lkjip_pemda.scenario import make_pemda_rpjmd


@pytest.fixture
def government(pemda_of):
    government, agencies = pemda_of(2)
    make_pemda_rpjmd(government, agencies)
    return government


def _render(government, fmt, path):
    call_command(
        "render_report",
        document="lkjip-pemda",
        government=government.code,
        year=2021,
        format=fmt,
        output=path,
    )


def test_the_command_writes_json_html_and_xlsx(government, tmp_path):
    _render(government, "json", tmp_path / "l.json")
    data = json.loads((tmp_path / "l.json").read_text(encoding="utf-8"))
    assert data["format"] == "sakip-pemda-report/1"
    (objective,) = data["objectives"]
    met = next(i for i in objective["indicators"] if i["code"] == "IKU.2")
    assert (met["target"], met["realisation"], met["capaian"]) == ("72.00", "90.00", "125.00")
    assert data["budget"]["total_by_urusan"] == data["budget"]["total_by_agency"]
    assert data["checks"] == []
    _render(government, "html", tmp_path / "l.html")
    html = (tmp_path / "l.html").read_text(encoding="utf-8")
    for heading in ("Kata Pengantar", "BAB I", "BAB II", "BAB III", "BAB IV", "Lampiran 1", "Lampiran 2"):
        assert heading in html
    assert "Pandemi menunda pelatihan." in html
    assert "standar nasional tidak tersedia" in html
    assert "Koperasi, Usaha Kecil, dan Menengah" in html
    assert 'style="' not in html.split("</head>")[1]  # no inline style (CSP)
    _render(government, "xlsx", tmp_path / "l.xlsx")
    sheets = load_workbook(tmp_path / "l.xlsx").sheetnames
    assert sheets == ["Capaian IKU", "Kontribusi OPD", "Anggaran per Urusan", "Anggaran per OPD", "IKM"]


def test_the_command_renders_the_print_html_as_pdf(government, tmp_path, monkeypatch):
    # WeasyPrint itself runs once, in the screen's test (tests/workspace/views/test_pemda_lkjip.py).
    given = []
    monkeypatch.setattr(
        "reports.management.commands.render_report.html_to_pdf",
        lambda html, sheets: given.append((html, sheets)) or b"%PDF-stub",
    )
    _render(government, "pdf", tmp_path / "l.pdf")
    assert (tmp_path / "l.pdf").read_bytes() == b"%PDF-stub"
    ((html, sheets),) = given
    assert "Laporan Kinerja<br>Instansi Pemerintah Daerah" in html and "@page" in sheets[0]


def test_the_command_asks_for_the_government(government, tmp_path):
    with pytest.raises(CommandError, match="--government"):
        call_command("render_report", document="lkjip-pemda", year=2021, format="json", output=tmp_path / "x")
    with pytest.raises(CommandError, match="Pemda not found"):
        call_command(
            "render_report",
            document="lkjip-pemda",
            government="nope",
            year=2021,
            format="json",
            output=tmp_path / "x",
        )
