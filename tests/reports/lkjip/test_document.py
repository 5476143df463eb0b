"""The LKjIP document: numbered captions, generated narratives, deterministic PDF, downloads and the review page."""

import subprocess
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from indicators.models import Narrative
from reports.lkjip import charts
from reports.lkjip.document import document_build
from reports.lkjip.narration import narratives, objective_sentence
from reports.lkjip.render import lkjip_pdf
from reports.readmodel.build import report_build
from reports.readmodel.links import finding_link
from reports.readmodel.sections import objective_section_key
from sakip.numbers import format_percent

YEAR = 2021


@pytest.fixture
def report(demo_agency):
    return report_build(agency=demo_agency, year=YEAR)


def test_captions_are_numbered_per_chapter_in_document_order(report):
    doc = document_build(report)
    for kind in ("table", "figure"):
        numbers = [c.number for c in doc.captions.values() if c.kind == kind]
        by_chapter = {}
        for number in numbers:
            chapter, n = number.split(".")
            by_chapter.setdefault(chapter, []).append(int(n))
        for sequence in by_chapter.values():
            assert sequence == list(range(1, len(sequence) + 1))
    # BAB II opens with the demo's sasaran ↔ misi ↔ RPJMD table, then the Renstra's
    assert (doc.captions["context"].label, doc.captions["renstra"].label) == ("Tabel 2.1", "Tabel 2.2")
    for objective in report.objectives:
        assert f"objective-{objective.code}-comparison" in doc.captions


def test_empty_narratives_get_a_sentence_built_from_the_figures(report):
    s3 = next(o for o in report.objectives if o.code == "S3")
    text, generated = narratives(report)[objective_section_key("S3")]
    assert generated and text == objective_sentence(s3, YEAR)
    assert format_percent(s3.capaian) in text and s3.predicate.label in text


def test_a_typed_narrative_wins_over_the_generated_one(demo_agency):
    Narrative.objects.create(agency=demo_agency, year=YEAR, key="analisis_s3", text="Teks perencana.")
    texts = narratives(report_build(agency=demo_agency, year=YEAR))
    assert texts["analisis_s3"] == ("Teks perencana.", False)


def test_an_objective_without_capaian_says_so(report):
    from dataclasses import replace

    s1 = replace(report.objectives[0], capaian=None, predicate=None)
    assert "belum dapat dihitung" in objective_sentence(s1, YEAR)


def test_same_data_gives_byte_identical_pdf(report, demo_lkjip_pdf):
    """This process's render and `render_report`'s in a process of its own (tests/reports/conftest.py)."""
    charts.clear_caches()  # the charts drawn again too
    here = lkjip_pdf(document_build(report))
    assert here.startswith(b"%PDF-") and here == demo_lkjip_pdf


def test_render_report_writes_html_and_pdf(demo_agency, tmp_path):
    call_command(
        "render_report", agency=demo_agency.code, year=YEAR, format="html", output=tmp_path / "r.html"
    )
    call_command("render_report", agency=demo_agency.code, year=YEAR, format="pdf", output=tmp_path / "r.pdf")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<style>" in html and demo_agency.name in html  # self-contained
    text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, check=True).stdout
    assert demo_agency.name.upper() in " ".join(text.decode().upper().split())


def test_planner_downloads_the_report(planner_client, demo_agency):
    base = [demo_agency.code, YEAR]
    page = planner_client.get(reverse("reports:lkjip", args=base))
    assert page.status_code == 200 and demo_agency.name in page.content.decode()
    pdf = planner_client.get(reverse("reports:lkjip_pdf", args=base))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert f"LKjIP-{YEAR}-{demo_agency.code}.pdf" in pdf["Content-Disposition"]
    html = planner_client.get(reverse("reports:lkjip_html_download", args=base))
    assert "attachment" in html["Content-Disposition"]


def test_a_year_outside_the_plan_has_no_report_but_the_way_to_a_new_period(planner_client, demo_agency):
    response = planner_client.get(reverse("reports:lkjip", args=[demo_agency.code, 2030]))
    assert response.status_code == 200 and 'data-testid="no-plan"' in response.content.decode()


def test_review_page_links_every_finding_to_its_screen(planner_client, demo_agency, report):
    page = planner_client.get(reverse("reports:review", args=[demo_agency.code, YEAR]))
    html = page.content.decode()
    assert len(report.checks) > 0
    for finding in report.checks:
        url, label = finding_link(report, finding)
        assert finding.message in html or finding.message.replace("'", "&#x27;") in html
        assert url in html


def test_finding_links_point_at_the_right_screen(report):
    by_code = {f.code: f for f in report.checks}
    quarter = next(f for f in report.checks if f.code == "quarter-target-sum")
    url, label = finding_link(report, quarter)
    assert "/target/triwulan/" in url and label.startswith("Rencana Aksi")
    budget = next(f for f in report.checks if f.code.startswith("declared-remaining"))
    assert "/anggaran/" in finding_link(report, budget)[0]
    assert by_code  # the demo has findings of several kinds


def test_efficiency_and_budget_figures_feed_the_document(report):
    doc = document_build(report)
    assert doc.counts[0] + doc.counts[1] + doc.counts[2] == len(report.objective_indicators)
    assert isinstance(report.budget.figures.ceiling, Decimal)
    assert "<svg" in doc.budget_chart and "<svg" in doc.capaian_chart


def test_ikm_annex_shows_weighted_nrr_mutu_and_the_priority_unsur(report):
    from reports.lkjip.annex import annexes_build
    from reports.lkjip.render import lkjip_html
    from sakip.numbers import format_number

    html = lkjip_html(document_build(report), for_print=True)
    (survey,) = annexes_build(report).surveys
    lowest = min(e.nrr for e in survey.result.elements)
    for element in survey.result.elements:
        row = html.split(f'data-element="{element.code}"')[1].split("</tr>")[0]
        assert format_number(element.weighted, 4) in row
        assert ("prioritas perbaikan" in row) == (element.nrr == lowest)
    assert format_number(survey.result.skm, 2) == format_number(report.surveys[0].skm, 2)


def test_ikm_annex_shows_the_respondent_profile_of_raw_questionnaires(demo_agency):
    from reports.lkjip.render import lkjip_html
    from surveys.models import SatisfactionSurvey
    from surveys.responses import parse_responses, responses_replace
    from tests.surveys.helpers import as_csv, questionnaires

    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    responses_replace(survey, parse_responses("ikm.csv", as_csv(questionnaires())))
    report = report_build(agency=demo_agency, year=YEAR)
    html = lkjip_html(document_build(report), for_print=True)
    (result,) = [s for s in report.surveys if s.year == YEAR]
    gender = next(t for t in result.profiles if t.field == "gender")
    assert gender.total == 56 and sum(r.count for r in gender.rows) == 56
    table = html.split('data-profile="gender"')[1].split("</table>")[0]
    for row in gender.rows:
        assert row.value in table and format_percent(row.percent) in table
    assert format_percent(result.skm).replace("\xa0%", "") in html  # 77,64 or 78,42 by the Pemda's weight
