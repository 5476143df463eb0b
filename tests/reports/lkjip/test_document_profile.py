"""The organisation profile in the LKjIP (issue 18, point 8): the units' tugas and fungsi, the staff tables, the
sarana-prasarana and the strategic issues in BAB I, the risk register as the last annex; each printed with its
figures, and left out cleanly when empty (no heading, no table of dashes, captions still consecutive)."""

import re
from decimal import Decimal

import pytest

from agencies.models import Facility, OrgUnit, Risk, StaffCount, StrategicIssue
from indicators.models import Objective
from reports.lkjip.document import document_build
from reports.lkjip.render import lkjip_html
from reports.readmodel.build import report_build
from tests.helpers import without_profile

YEAR = 2021


@pytest.fixture
def demo_dataset(demo_dataset):
    """The demo without its organisation profile: each test types the rows it prints."""
    return without_profile(demo_dataset)


def html_of(agency) -> str:
    return lkjip_html(document_build(report_build(agency=agency, year=YEAR)))


def chapter1(html: str) -> str:
    return html[html.index('id="bab-1"') : html.index('id="bab-2"')]


def table(html: str, css_class: str) -> str:
    start = html.index(f'<table class="data {css_class}')
    return html[start : html.index("</table>", start)]


def cells(row_html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row_html, re.S)]


def body_rows(table_html: str) -> list[list[str]]:
    """The cells of each row of the table's body (not its header, not its total)."""
    return [cells(r) for r in re.findall(r"<tr>(.*?)</tr>", table_html, re.S) if "<td" in r]


@pytest.fixture
def empty_html(demo_agency):
    return html_of(demo_agency)


def test_an_empty_profile_prints_no_section_table_or_annex(empty_html):
    bab1 = chapter1(empty_html)
    for absent in ('class="data staff', 'class="data facilities', 'class="data issues', "unit-duties"):
        assert absent not in bab1
    assert 'id="bab-1-sumber-daya"' not in bab1 and 'id="bab-1-isu-strategis"' not in bab1
    assert "E. Sistematika Penyajian" in bab1
    assert 'id="lampiran-8"' not in empty_html and "Lampiran 8" not in empty_html
    assert "Tabel 1.1" not in empty_html


def test_tugas_and_fungsi_print_under_their_unit(demo_agency):
    unit = OrgUnit.objects.filter(agency=demo_agency).order_by("position").first()
    unit.duties = "merencanakan dan mengoordinasikan urusan kesekretariatan."
    unit.functions = "Perencanaan program\nPengelolaan keuangan"
    unit.save()
    bab1 = chapter1(html_of(demo_agency))
    block = bab1[bab1.index(f'data-unit="{unit.code}"') :]
    assert f"{unit.name} mempunyai tugas merencanakan dan mengoordinasikan" in block
    assert "<li>Perencanaan program</li><li>Pengelolaan keuangan</li>" in block
    assert bab1.count('class="unit-duty"') == 1  # units with neither are left out


def test_staff_tables_print_counts_shares_and_total_in_breakdown_order(demo_agency):
    for position, (breakdown, label, count) in enumerate(
        [("employment", "PNS", 30), ("employment", "Non PNS", 69), ("rank", "III/a", 2), ("rank", "IV/a", 1)]
    ):
        StaffCount.objects.create(
            agency=demo_agency, year=YEAR, breakdown=breakdown, label=label, count=count, position=position
        )
    html = html_of(demo_agency)
    bab1 = chapter1(html)
    assert "D. Tugas, Fungsi" in bab1 and "E. Sumber Daya" in bab1 and "F. Sistematika Penyajian" in bab1
    # Golongan before status: the breakdowns' order, not the typing order; both numbered in BAB I.
    assert bab1.index('data-breakdown="rank"') < bab1.index('data-breakdown="employment"')
    assert "Tabel 1.1</span> Jumlah pegawai menurut golongan tahun 2021" in bab1
    assert "Tabel 1.2</span> Jumlah pegawai menurut status kepegawaian tahun 2021" in bab1
    status = table(bab1, 'staff" data-breakdown="employment')
    rows = body_rows(status)
    assert rows[0] == ["1", "PNS", "30", "30,30"]
    assert rows[1] == ["2", "Non PNS", "69", "69,70"]
    assert cells(status[status.index('class="totals"') :]) == ["Jumlah", "99", "100,00"]
    assert "Tabel 1.2 Jumlah pegawai menurut status kepegawaian" in re.sub(
        r"<[^>]+>", "", html
    )  # Daftar Tabel


def test_facilities_print_their_items_totals_and_only_filled_columns(demo_agency):
    Facility.objects.create(
        agency=demo_agency,
        year=YEAR,
        position=0,
        name="Laptop DELL Latitude 5270",
        quantity=7,
        unit="Unit",
        acquired_year=2018,
        value=Decimal("105000000"),
    )
    Facility.objects.create(
        agency=demo_agency,
        year=YEAR,
        position=1,
        name="Honda New Vario",
        quantity=1,
        unit="Unit",
        acquired_year=2018,
        note="B 6768 WAQ",
    )
    bab1 = chapter1(html_of(demo_agency))
    facilities = table(bab1, "facilities")
    assert "Tabel 1.1</span> Sarana dan prasarana tahun 2021" in facilities
    assert "<th>Kondisi</th>" not in facilities and 'class="group"' not in facilities
    rows = body_rows(facilities)
    assert rows[0][:5] == ["1", "Laptop DELL Latitude 5270", "7", "Unit", "2018"]
    assert rows[0][5].startswith("Rp") and "105.000.000" in rows[0][5]
    assert rows[1][-1] == "B 6768 WAQ"
    totals = cells(facilities[facilities.index('class="totals"') :])
    assert totals[:2] == ["Jumlah", "8"] and "105.000.000" in totals[-2]


def test_facilities_of_a_group_print_under_its_row(demo_agency):
    for position, name in enumerate(["Laptop", "Printer"]):
        Facility.objects.create(
            agency=demo_agency,
            year=YEAR,
            position=position,
            category="Peralatan dan Mesin",
            name=name,
            quantity=1,
        )
    facilities = table(chapter1(html_of(demo_agency)), "facilities")
    assert facilities.count('<tr class="group"><td colspan="4">Peralatan dan Mesin</td></tr>') == 1
    assert facilities.index("Peralatan dan Mesin") < facilities.index("Laptop") < facilities.index("Printer")


def test_strategic_issues_print_with_cause_and_sasaran(demo_agency):
    objective = Objective.objects.filter(plan__agency=demo_agency).order_by("position").first()
    StrategicIssue.objects.create(
        agency=demo_agency,
        year=YEAR,
        issue="SDM koperasi belum berdaya saing",
        cause="Pelatihan terbatas",
        objective=objective,
    )
    bab1 = chapter1(html_of(demo_agency))
    assert "E. Isu Strategis" in bab1 and "F. Sistematika Penyajian" in bab1
    issues = table(bab1, "issues")
    assert "Tabel 1.1</span> Pemetaan isu strategis tahun 2021" in issues
    row = body_rows(issues)[0]
    assert row == [
        "1",
        "SDM koperasi belum berdaya saing",
        "Pelatihan terbatas",
        f"{objective.code} {objective.statement}",
    ]


def test_the_risk_register_is_the_last_annex_with_its_level(demo_agency):
    unit = OrgUnit.objects.filter(agency=demo_agency).first()
    Risk.objects.create(
        agency=demo_agency,
        year=YEAR,
        statement="Tidak hadirnya peserta pelatihan",
        impact="Acara terganggu",
        likelihood=3,
        severity=3,
        mitigation="Konfirmasi peserta",
        owner_unit=unit,
    )
    html = html_of(demo_agency)
    assert '<a class="toc" href="#lampiran-8">Lampiran 8 Daftar Risiko</a>' in html
    annex = html[html.index('id="lampiran-8"') :]
    assert html.index('id="lampiran-7"') < html.index('id="lampiran-8"')
    risks = table(annex, "risks")
    assert "<th>Penyebab</th>" not in risks and "<th>Sasaran</th>" not in risks
    row = body_rows(risks)[0]
    assert row == [
        "1",
        "Tidak hadirnya peserta pelatihan",
        "Acara terganggu",
        "3",
        "3",
        "9",
        "Konfirmasi peserta",
        unit.name,
    ]
