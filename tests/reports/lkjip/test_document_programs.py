"""BAB III's table of program and kegiatan indicator results and its count sentence (issue 18, point 1), on the
document object and on the LKjIP page a planner opens (`/opd/<code>/2021/lkjip/`)."""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from reports.lkjip.document import document_build
from reports.lkjip.narration import program_sentence
from reports.lkjip.render import lkjip_html
from reports.readmodel.build import report_build
from tests.factories import (
    IndicatorFactory,
    ObjectiveFactory,
    ProgramFactory,
    RealisationFactory,
    TargetFactory,
)

YEAR = 2021


class _Rows(HTMLParser):
    """The rows of the first table with `css_class`: (attributes of the <tr>, texts of its cells)."""

    def __init__(self, css_class: str):
        super().__init__()
        self.css_class, self.depth, self.rows, self.cell = css_class, 0, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and self.css_class in (attrs.get("class") or "").split() and not self.rows:
            self.depth = 1
        elif tag == "table" and self.depth:
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append((attrs, []))
        elif self.depth and tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("td", "th") and self.cell is not None:
            self.rows[-1][1].append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_rows(html: str, css_class: str):
    parser = _Rows(css_class)
    parser.feed(html)
    return parser.rows


@pytest.fixture
def report(demo_agency):
    return report_build(agency=demo_agency, year=YEAR)


@pytest.fixture
def page(planner_client, demo_agency):
    response = planner_client.get(reverse("reports:lkjip", args=[demo_agency.code, YEAR]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_table_is_numbered_after_the_sasaran_analyses_and_before_the_action_plan(report):
    doc = document_build(report)
    keys = [c.key for c in doc.tables]
    assert keys.index("programs") == keys.index(f"objective-{report.objectives[-1].code}-cascade") + 1
    assert keys.index("action-plan") == keys.index("programs") + 1
    assert doc.captions["programs"].title == "Capaian indikator program dan kegiatan per sasaran tahun 2021"


def test_the_count_sentence_says_how_many_program_and_kegiatan_indicators_reached_their_target(report):
    # By hand from the dataset (PK target vs. the quarters' sum): programs 2.17.06-1, 2.17.06-2 (0 of 7 and 2),
    # 2.17.07-1 (307 of 315) and 2.17.08-2 (789 of 800) miss; the other 7 reach theirs. Kegiatan: the four of
    # 2.17.06.2.01 (all 0), 2.17.07.2.01-1 and 2.17.08.2.01-2 miss; 9 of 15 reach theirs.
    assert program_sentence(report) == (
        "Dari 11 indikator program, 7 mencapai atau melampaui target dan 4 belum mencapai target. "
        "Dari 15 indikator kegiatan, 9 mencapai atau melampaui target dan 6 belum mencapai target."
    )
    assert document_build(report).program_summary == program_sentence(report)


def test_the_page_prints_program_and_kegiatan_figures_under_their_sasaran(page, report):
    caption = document_build(report).captions["programs"]
    assert f"{caption.label}</span> {caption.title}" in page
    assert "Dari 11 indikator program, 7 mencapai atau melampaui target" in page
    rows = table_rows(page, "programs-table")
    cells = [c for _attrs, c in rows]
    assert cells[0] == [
        "Kode",
        "Program / Kegiatan / Indikator",
        "Satuan",
        "Target PK murni 2021",  # every program target of the demo is a PK murni one: the header names the set
        "Realisasi 2021",
        "Capaian",
        "Predikat",
    ]
    groups = [c[1] for attrs, c in rows if attrs.get("class") == "group"]
    assert groups == [f"Sasaran {o.code}: {o.statement}" for o in report.objectives]
    by_code: dict[str, list[list[str]]] = {}
    for attrs, c in rows:
        if "data-indicator" in attrs:
            by_code.setdefault(attrs["data-indicator"], []).append(c)
    # 2.17.05-1: PK 1.715, TW 440 + 0 + 769 + 645 = 1.854, 108,10 %, Melampaui Target.
    assert by_code["2.17.05-1"][0][2:] == [
        "SDM Koperasi",
        "1.715,00",
        "1.854,00",
        "108,10 %",
        "Melampaui Target",
    ]
    # 2.17.08.2.01-5: PK 325, TW 388 + 194 = 582, 179,08 %.
    assert by_code["2.17.08.2.01-5"][0][2:] == [
        "Produk UMKM",
        "325,00",
        "582,00",
        "179,08 %",
        "Melampaui Target",
    ]
    # 2.17.06 supports S1, S4, R2 and R3: the program and its own indicators are printed under each, and the
    # program row says so; its kegiatan are detailed under S1 only, the others point there.
    assert len(by_code["2.17.06-1"]) == 4
    assert len(by_code["2.17.06.2.01-2"]) == 1
    assert by_code["2.17.06.2.01-2"][0][2:] == ["Gedung", "1,00", "0,00", "0,00 %", "Tidak Tercapai"]
    shared = [c for attrs, c in rows if attrs.get("data-program") == "2.17.06"]
    assert len(shared) == 4 and all("(mendukung sasaran S1, S4, R2, R3)" in c[1] for c in shared)
    pointers = [c[1] for attrs, c in rows if attrs.get("class") == "activity-see"]
    assert pointers.count("Indikator kegiatan: lihat sasaran S1.") == 3 + 3  # 2.17.06 and 2.17.08
    # A kegiatan without indicators is left out; one with indicators heads them.
    activities = [attrs["data-activity"] for attrs, _c in rows if "data-activity" in attrs]
    assert "2.17.08.2.01" in activities and "2.17.01.2.02" not in activities


@pytest.mark.django_db
def test_a_cumulative_program_indicator_prints_the_sum_and_the_years_own_count():
    objective = ObjectiveFactory()
    program = ProgramFactory(plan=objective.plan, objectives=[objective], code="P1")
    indicator = IndicatorFactory(
        objective=None, program=program, plan=objective.plan, code="P1-1", cumulative=True, unit="orang"
    )
    TargetFactory(indicator=indicator, value=Decimal("1200"))
    for year, value in ((2019, "270"), (2020, "275"), (2021, "750")):
        RealisationFactory(indicator=indicator, year=year, value=Decimal(value))
    report = report_build(agency=objective.plan.agency, year=YEAR)
    html = lkjip_html(document_build(report))
    [row] = [c for attrs, c in table_rows(html, "programs-table") if attrs.get("data-indicator") == "P1-1"]
    # 270 + 275 + 750 = 1.295 against 1.200: 107,92 %.
    assert row[1].endswith("(kumulatif 2019–2021; tahun 2021: 750,00)")
    assert row[2:6] == ["orang", "1.200,00", "1.295,00", "107,92 %"]


@pytest.mark.django_db
def test_programs_linked_to_no_sasaran_come_last_under_their_own_heading():
    objective = ObjectiveFactory()
    program = ProgramFactory(plan=objective.plan, code="P9")
    IndicatorFactory(objective=None, program=program, plan=objective.plan, code="P9-1")
    report = report_build(agency=objective.plan.agency, year=YEAR)
    rows = table_rows(lkjip_html(document_build(report)), "programs-table")
    groups = [c[1] for attrs, c in rows if attrs.get("class") == "group"]
    assert groups == [f"Sasaran {objective.code}: {objective.statement}", "Program tanpa sasaran"]
    assert [attrs.get("data-program") for attrs, _c in rows if "data-program" in attrs] == ["P9"]
