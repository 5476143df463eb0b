"""A sasaran's analysis items (issue 18, point 2) print under it: the causes with analysis c, the programs and the
work without APBD money with analysis e; a kind with no item prints nothing (no empty heading)."""

import re

import pytest
from django.urls import reverse

from indicators.models import Objective, ObjectiveNote
from reports.lkjip.document import document_build
from reports.lkjip.render import lkjip_html
from reports.readmodel.build import report_build

YEAR = 2021


@pytest.fixture
def noted(demo_agency):
    objective = Objective.objects.get(plan__agency=demo_agency, code="S1")
    program = objective.programs.order_by("position").first()
    for position, (kind, text, extra) in enumerate(
        [
            ("obstacle", "Data koperasi belum mutakhir", {}),
            ("success", "Pendampingan rutin oleh PPKL", {}),
            ("obstacle", "Anggaran pelatihan terbatas", {}),
            ("supporting", "Pelatihan pengurus koperasi", {"program": program}),
            ("non_apbd", "Pelatihan pemasaran digital", {"partner": "CSR Bank BJB"}),
        ]
    ):
        ObjectiveNote.objects.create(
            objective=objective, year=YEAR, kind=kind, position=position, text=text, **extra
        )
    return objective, program


def _analysis_of(html: str, code: str) -> str:
    start = html.index(f'id="sasaran-{code.lower()}"')
    end = html.find('class="objective-analysis"', start + 1)
    return html[start : end if end != -1 else html.index('id="rencana-aksi"', start)]


def _step(block: str, letter: str) -> str:
    start = block.index(f"{letter}. ")
    following = re.search(r'<h4 class="analysis-step">', block[start + 3 :])
    return block[start : start + 3 + following.start()] if following else block[start:]


def test_the_items_print_under_their_sasaran_in_analyses_c_and_e(noted):
    objective, program = noted
    html = lkjip_html(document_build(report_build(agency=objective.plan.agency, year=YEAR)))
    block = _analysis_of(html, "S1")
    causes, programs = _step(block, "c"), _step(block, "e")
    assert "Faktor pendorong keberhasilan" in causes and "Pendampingan rutin oleh PPKL" in causes
    # Obstacles keep their typed order, in one list.
    assert causes.index("Data koperasi belum mutakhir") < causes.index("Anggaran pelatihan terbatas")
    assert "Solusi" not in causes  # no item, no heading
    assert f"{program.code} {program.name}" in programs and "Pelatihan pengurus koperasi" in programs
    assert "CSR Bank BJB" in programs and "Pelatihan pemasaran digital" in programs
    assert "Pendampingan rutin" not in _analysis_of(html, "S2")


def test_the_page_shows_them_too(noted, planner_client, demo_agency):
    page = planner_client.get(reverse("reports:lkjip", args=[demo_agency.code, YEAR])).content.decode()
    assert "Data koperasi belum mutakhir" in page and "CSR Bank BJB" in page


def test_another_year_s_items_stay_out(noted, demo_agency):
    objective, _program = noted
    ObjectiveNote.objects.create(objective=objective, year=2022, kind="success", text="Tahun depan")
    html = lkjip_html(document_build(report_build(agency=demo_agency, year=YEAR)))
    assert "Tahun depan" not in html


def test_without_cause_items_analysis_c_says_which_indicators_need_explaining(demo_agency):
    report = report_build(agency=demo_agency, year=YEAR)
    html = lkjip_html(document_build(report))
    for objective in report.objectives:
        causes = _step(_analysis_of(html, objective.code), "c")
        for indicator in objective.indicators:
            if indicator.capaian is not None and indicator.capaian < 100:
                assert "belum mencapai target" in causes and indicator.code in causes
        if all(i.capaian is not None and i.capaian >= 100 for i in objective.indicators):
            assert "belum mencapai target" not in causes and "mencapai atau melampaui target" in causes


def test_a_typed_cause_replaces_the_generated_sentence(noted):
    objective, _program = noted
    html = lkjip_html(document_build(report_build(agency=objective.plan.agency, year=YEAR)))
    causes = _step(_analysis_of(html, "S1"), "c")
    assert "belum diuraikan" not in causes and "mencapai atau melampaui target" not in causes
