"""Issue 18, points 7, 9 and 10 in the printed report: each sasaran indicator's definition and standard (BAB II and
analysis a), each sasaran's misi and RPJMD goal with the strategies (BAB II), and a second predicate scale printed
per indicator with its own legend (BAB III) — in the HTML, the workbook and the json alike."""

import copy
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from indicators.models import Indicator, Mission, Objective, Policy, Strategy
from interchange.dataset.writing import dataset_import
from reports.lkjip.document import document_build
from reports.lkjip.render import lkjip_html
from reports.lkjip.workbook import CONTEXT_TITLE, DEFINITIONS_TITLE, annex_workbook
from reports.readmodel.build import report_build
from reports.readmodel.json_report import report_json
from tests.helpers import without_strategic_context

YEAR = 2021


@pytest.fixture
def demo_dataset(demo_dataset):
    """The demo without its sasaran's misi and RPJMD goals: each test links the ones it prints."""
    return without_strategic_context(demo_dataset)


def _html(agency) -> str:
    return lkjip_html(document_build(report_build(agency=agency, year=YEAR)))


def _chapter(html: str, start_id: str, end_id: str) -> str:
    start = html.index(f'id="{start_id}"')
    return html[start : html.index(f'id="{end_id}"', start)]


def _sheet_rows(agency, title):
    output = io.BytesIO()
    annex_workbook(report_build(agency=agency, year=YEAR)).save(output)
    sheet = load_workbook(output)[title]
    return [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def context(demo_agency):
    plan = demo_agency.plans.get()
    missions = list(Mission.objects.filter(plan=plan).order_by("position"))
    s1 = Objective.objects.get(plan=plan, code="S1")
    s1.mission, s1.rpjmd_goal = missions[0], "Mewujudkan Pembangunan Manusia Seutuhnya"
    s1.save()
    s2 = Objective.objects.get(plan=plan, code="S2")
    s2.mission = missions[1]
    s2.save()
    strategy = Strategy.objects.create(objective=s1, statement="Penguatan wirausaha pemula", position=0)
    Policy.objects.create(strategy=strategy, statement="Pelatihan kewirausahaan terpadu", position=0)
    return missions


@pytest.fixture
def standard(demo_agency):
    indicator = Indicator.objects.get(plan__agency=demo_agency, code="S2.1")
    indicator.national_standard_value = Decimal("2.5")
    indicator.national_standard_kind = Indicator.StandardKind.SPM
    indicator.national_standard_source = "Permendagri 100/2018"
    indicator.save()
    Indicator.objects.filter(plan__agency=demo_agency, code="S3.1").update(cumulative=True)
    return indicator


@pytest.fixture
def two_scales(demo_agency):
    government = demo_agency.government
    government.predicate_scale, government.indicator_scale = "permendagri-86-2017", "target-3"
    government.save()
    return government


def test_bab_ii_links_each_sasaran_to_its_misi_and_rpjmd_goal(context, demo_agency):
    chapter = _chapter(_html(demo_agency), "bab-2-keterkaitan", "bab-2-tujuan-sasaran")
    s1 = chapter[chapter.index('data-objective="S1"') :].split("</tr>")[0]
    assert f"1. {context[0].statement}" in s1 and "Mewujudkan Pembangunan Manusia Seutuhnya" in s1
    s2 = chapter[chapter.index('data-objective="S2"') :].split("</tr>")[0]
    assert f"2. {context[1].statement}" in s2 and "–" in s2
    strategies = _chapter(_html(demo_agency), "bab-2-strategi", "bab-2-iku")
    assert "Penguatan wirausaha pemula" in strategies and "Pelatihan kewirausahaan terpadu" in strategies


@pytest.mark.django_db
def test_the_demo_links_its_sasaran_as_its_lakip_does(demo_dataset_pristine):
    """The shipped demo: S1 under misi 1, S2–S4 under misi 2 (RPJMD: the economy), S5 under misi 3; R1–R3 name none."""
    agency = dataset_import(copy.deepcopy(demo_dataset_pristine)).agency
    chapter = _chapter(_html(agency), "bab-2-keterkaitan", "bab-2-tujuan-sasaran")
    missions = demo_dataset_pristine["plan"]["missions"]
    rows = {
        code: chapter[chapter.index(f'data-objective="{code}"') :].split("</tr>")[0]
        for code in ("S1", "S4", "S5", "R1")
    }
    assert f"1. {missions[0]}" in rows["S1"] and "Mewujudkan Pembangunan Manusia Seutuhnya" in rows["S1"]
    assert (
        f"2. {missions[1]}" in rows["S4"] and "Tumbuhnya perekonomian daerah yang berdaya saing" in rows["S4"]
    )
    assert f"3. {missions[2]}" in rows["S5"] and "Reformasi Birokrasi" in rows["S5"]
    assert rows["R1"].count("<td>–</td>") == 2


def test_without_links_bab_ii_says_so_instead_of_an_empty_table(demo_agency):
    chapter = _chapter(_html(demo_agency), "bab-2-keterkaitan", "bab-2-tujuan-sasaran")
    assert "context-table" not in chapter
    assert "belum dicatat" in chapter


def test_the_workbook_and_json_carry_the_strategic_context(context, demo_agency):
    rows = _sheet_rows(demo_agency, CONTEXT_TITLE)
    assert ["S1", "Meningkatnya Kualitas Angkatan Kerja", f"1. {context[0].statement}",
            "Mewujudkan Pembangunan Manusia Seutuhnya"] in rows  # fmt: skip
    assert any("Pelatihan kewirausahaan terpadu" in row for row in rows)
    data = report_json(report_build(agency=demo_agency, year=YEAR))["strategic_context"]
    assert data["missions"] == [m.statement for m in context]
    s1 = data["objectives"][0]
    assert (s1["code"], s1["mission"], s1["rpjmd_goal"]) == (
        "S1",
        1,
        "Mewujudkan Pembangunan Manusia Seutuhnya",
    )
    assert s1["strategies"] == [
        {"statement": "Penguatan wirausaha pemula", "policies": ["Pelatihan kewirausahaan terpadu"]}
    ]


def test_every_sasaran_indicator_s_definition_is_printed_in_bab_ii(standard, demo_agency):
    html = _html(demo_agency)
    table = _chapter(html, "bab-2-iku", "bab-2-perjanjian-kinerja")
    definitions = table[table.index("indicator-definitions") :]
    # Non-IKU sasaran indicators too (R1.1 is not an IKU).
    for code in ("S1.1", "S2.1", "R1.1", "R3.2"):
        assert f'data-indicator="{code}"' in definitions
    row = definitions[definitions.index('data-indicator="S2.1"') :].split("</tr>")[0]
    assert "(Omzet KUMKM / Jumlah KUMKM) X 100%" in row and "RENSTRA DINKOP UKM" in row
    assert "Tidak" in row
    cumulative = definitions[definitions.index('data-indicator="S3.1"') :].split("</tr>")[0]
    assert ">Ya<" in cumulative
    assert "Standar Pelayanan Minimal (SPM): 2,50 %" in row and "Permendagri 100/2018" in row


def test_analysis_a_names_the_standard_by_its_kind(standard, demo_agency):
    html = _html(demo_agency)
    block = html[html.index('id="sasaran-s2"') : html.index('id="sasaran-s3"')]
    assert (
        "Standar Pelayanan Minimal (SPM) S2.1: 2,50 % (Permendagri 100/2018); realisasi tahun 2021: 2,40 % "
        "(belum memenuhi standar)." in block
    )
    assert "Standar nasional S2.1" not in block


def test_the_workbook_and_json_carry_each_indicator_s_definition(standard, demo_agency):
    rows = _sheet_rows(demo_agency, DEFINITIONS_TITLE)
    s21 = next(row for row in rows if row and row[0] == "S2.1")
    assert s21[-4:] == ["Tidak", "Standar Pelayanan Minimal (SPM)", 2.5, "Permendagri 100/2018"]
    assert next(row for row in rows if row and row[0] == "S3.1")[-1] == "Ya"
    indicators = {
        i["code"]: i for i in report_json(report_build(agency=demo_agency, year=YEAR))["indicators"]
    }
    got = indicators["S2.1"]
    assert (got["national_standard"], got["national_standard_kind"]) == ("2.50", "spm")
    assert (got["formula"], got["data_source"]) == (
        "(Omzet KUMKM / Jumlah KUMKM) X 100%",
        "RENSTRA DINKOP UKM",
    )
    assert indicators["S3.1"]["cumulative"] is True
    assert got["standard_status"] == "belum memenuhi"


def test_a_second_scale_prints_a_column_per_indicator_and_its_legend(two_scales, demo_agency):
    html = _html(demo_agency)
    framework = _chapter(html, "kerangka-pengukuran", "capaian-sasaran")
    assert "Skala penilaian capaian (Permendagri 86/2017)" in framework
    assert "Skala penilaian capaian per indikator (Capaian terhadap target)" in framework
    assert "Sangat Tinggi" in framework and "Tidak Tercapai" in framework
    table = html[html.index("capaian-table") :]
    table = table[: table.index("</table>")]
    assert "<th>Kategori</th>" in table
    # S5.1: 77,64 % — "Tinggi" on the five levels, "Tidak Tercapai" against its target.
    s51 = table[table.index(">S5.1<") :].split("</tr>")[0]
    assert ">Tinggi<" in s51 and ">Tidak Tercapai<" in s51
    # The sasaran mean keeps the main scale only.
    s5 = table[table.index('id="capaian-s5"') :].split("</tr>")[0]
    assert "Tercapai" not in s5


def test_one_scale_prints_one_predicate_column(demo_agency):
    html = _html(demo_agency)
    assert "<th>Kategori</th>" not in html
    assert "Skala penilaian capaian per indikator" not in html


def test_the_workbook_and_json_carry_the_second_scale(two_scales, demo_agency):
    rows = _sheet_rows(demo_agency, "Capaian")
    assert "Kategori" in next(row for row in rows if "Predikat" in row)
    s51 = next(row for row in rows if row and row[0] == "S5.1")
    assert s51[6:8] == ["Tinggi", "Tidak Tercapai"]  # Predikat, then Kategori (the target's set follows)
    data = report_json(report_build(agency=demo_agency, year=YEAR))
    assert data["indicator_scale"] == "target-3"
    s51 = next(i for i in data["indicators"] if i["code"] == "S5.1")
    assert (s51["predicate"], s51["indicator_predicate"]) == ("Tinggi", "Tidak Tercapai")
