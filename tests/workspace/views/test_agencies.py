"""The agency home page (capaian, their trend, the quarters' absorption, to-do list) and the narrative editor."""

import re
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgets.models import BudgetLine
from indicators.models import Narrative, Objective, Realisation, Target
from interchange.dataset.writing import dataset_import
from interchange.scale import scaled
from reports.readmodel.build import report_build
from reports.readmodel.sections import objective_section_key
from reports.readmodel.todo import todo_list
from sakip.concurrency import fingerprint
from sakip.numbers import format_percent
from tests.conftest import make_user

YEAR = 2021


def narratives_url(agency):
    return reverse("reports:narratives", args=[agency.code, YEAR])


def test_overview_lists_what_is_left_to_do(planner_client, demo_agency):
    Target.objects.filter(
        indicator__code="S3.1", kind__in=["pk", "pk_revised", "renstra"], year=YEAR
    ).delete()
    page = planner_client.get(reverse("agencies:overview_year", args=[demo_agency.code, YEAR]))
    html = page.content.decode()
    todo = page.context["todo"]
    assert [row.code for row in todo.missing_targets] == ["S3.1"]
    assert "1 indikator belum memiliki target tahun ini" in html
    assert f"{todo.entered}/{todo.total}" in html


def test_todo_counts_missing_quarter_realisations(demo_agency):
    report = report_build(agency=demo_agency, year=YEAR)
    todo = todo_list(report, 1)
    for row in todo.missing_realisations:
        assert row.quarters[0].realisation is None and row.inputs.entered is None
    assert todo.entered + len(todo.missing_realisations) == len(report.indicators)


def test_narrative_editor_shows_sections_and_saves_them(planner_client, demo_agency):
    page = planner_client.get(narratives_url(demo_agency))
    html = page.content.decode()
    stored = Narrative.objects.get(agency=demo_agency, year=YEAR, key="kata_pengantar")
    assert stored.text[:40] in html
    assert "Analisis capaian sasaran S1" in html
    key = objective_section_key("S1")
    response = planner_client.post(
        narratives_url(demo_agency),
        {
            f"{key}-text": "Capaian S1 melampaui target karena pelatihan wirausaha.",
            f"{key}-version": fingerprint({"text": ""}),
            "kata_pengantar-text": "",
            "kata_pengantar-version": fingerprint({"text": stored.text}),
        },
    )
    assert response.status_code == 302
    assert Narrative.objects.get(agency=demo_agency, year=YEAR, key="analisis_s1").text.startswith(
        "Capaian S1"
    )
    # Emptying a section removes it: the report falls back to its generated sentence.
    assert not Narrative.objects.filter(agency=demo_agency, year=YEAR, key="kata_pengantar").exists()


def test_narrative_changed_by_someone_else_is_not_overwritten(planner_client, demo_agency):
    stored = Narrative.objects.get(agency=demo_agency, year=YEAR, key="penutup")
    seen = fingerprint({"text": stored.text})
    Narrative.objects.filter(pk=stored.pk).update(text="Versi rekan kerja.")
    response = planner_client.post(
        narratives_url(demo_agency), {"penutup-text": "Versi saya.", "penutup-version": seen}
    )
    assert response.status_code == 200
    assert "Versi rekan kerja." in response.content.decode()
    assert Narrative.objects.get(pk=stored.pk).text == "Versi rekan kerja."


def test_reviewer_reads_narratives_but_cannot_save(reviewer_client, demo_agency):
    assert reviewer_client.get(narratives_url(demo_agency)).status_code == 200
    assert reviewer_client.post(narratives_url(demo_agency), {}).status_code == 403


# --- the trends: capaian per sasaran over the Renstra's years, absorption per quarter (issue 19, point 7) ------
def overview_url(agency, year=YEAR):
    return reverse("agencies:overview_year", args=[agency.code, year])


def trend_cells(html, objective):
    """What the trend table shows in a sasaran's row, year by year (text without tags)."""
    row = re.search(rf'<tr data-objective="{re.escape(objective)}">(.*?)</tr>', html, re.S).group(1)
    return {
        int(year): " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for year, cell in re.findall(r'<td class="num[^"]*" data-year="(\d+)">(.*?)</td>', row, re.S)
    }


def pct(value):
    """A percentage as the page shows it, spaces normalised as `trend_cells` does."""
    return " ".join(format_percent(value).split())


def quarter_row(html, quarter):
    table = html[html.index('data-testid="quarter-absorption"') :]
    row = re.search(rf'<tr data-quarter="{quarter}">(.*?)</tr>', table, re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", " ", row).split())


def test_overview_shows_each_sasarans_capaian_over_the_renstra_years(planner_client, demo_agency):
    lkjip = report_build(agency=demo_agency, year=YEAR)  # the report the LKjIP prints
    objectives = {o.code: o for o in lkjip.objectives}
    html = planner_client.get(overview_url(demo_agency)).content.decode()

    # Every year of the Renstra 2016–2021, first to last.
    s1 = trend_cells(html, "S1")
    assert list(s1) == [2016, 2017, 2018, 2019, 2020, 2021]
    # 2021 is the LKjIP's own figure for S1, with its predicate.
    assert s1[2021] == f"{pct(objectives['S1'].capaian)} Melampaui Target" == "314,00 % Melampaui Target"
    # 2019 and 2020 have a realisation (0,59; 0,27) but no target: no capaian, and not "belum ada" either.
    assert s1[2019] == s1[2020] == "– tidak dapat dihitung"
    # Nothing was realised in 2016–2018: "belum ada", never 0.
    assert s1[2016] == s1[2017] == s1[2018] == "belum ada"

    # R1 has Renstra targets every year: the earlier years are the figures the LKjIP's comparison table prints.
    r1 = trend_cells(html, "R1")
    history = objectives["R1"].indicators[0].history
    assert r1[2019].startswith(pct(history[2019].capaian)) and r1[2019].startswith("109,33 %")
    assert r1[2020].startswith(pct(history[2020].capaian))
    assert r1[2016].startswith("110,91 %")  # 61 / 55
    assert r1[2021] == f"{pct(objectives['R1'].capaian)} Melampaui Target"


def test_overview_marks_a_year_emptied_since_as_belum_ada(planner_client, demo_agency):
    Realisation.objects.filter(indicator__code="R1.1", year=2018).delete()
    r1 = trend_cells(planner_client.get(overview_url(demo_agency)).content.decode(), "R1")
    assert r1[2018] == "belum ada"
    assert r1[2017].startswith("113,33 %")  # 68 / 60: the neighbours keep their figures


def test_overview_shows_the_absorption_per_quarter_against_the_milestones(planner_client, demo_agency):
    # Every line with a pagu spends 10, 30, 25 and 20 % of it in TW I–IV: 10, 40, 65 and 85 % cumulative.
    for line in BudgetLine.objects.filter(
        sub_activity__activity__program__plan__agency=demo_agency, year=YEAR
    ):
        ceiling = line.ceiling_revised or line.ceiling_rationalised or line.ceiling_original
        if ceiling:
            shares = (D("0.10"), D("0.30"), D("0.25"), D("0.20"))
            BudgetLine.objects.filter(pk=line.pk).update(
                **{f"spent_q{k}": ceiling * share for k, share in enumerate(shares, start=1)}
            )
    html = planner_client.get(overview_url(demo_agency)).content.decode()
    assert quarter_row(html, 1) == "TW I 15 % 10,00 % -5,00 di bawah target"
    assert quarter_row(html, 2) == "TW II 40 % 40,00 % 0,00 memenuhi target"
    assert quarter_row(html, 3) == "TW III 60 % 65,00 % 5,00 memenuhi target"
    assert quarter_row(html, 4) == "TW IV 90 % 85,00 % -5,00 di bawah target"
    assert '<svg class="absorption-chart"' in html


def test_overview_without_quarterly_spending_says_belum_ada(planner_client, demo_agency):
    html = planner_client.get(overview_url(demo_agency)).content.decode()
    # The demo's budget has yearly realisations only: no quarter is known, none is shown as 0 %.
    assert quarter_row(html, 1) == "TW I 15 % belum ada – belum ada"
    assert '<svg class="absorption-chart"' not in html


def test_overview_queries_do_not_grow_with_the_sasaran_or_the_years(db, client, demo_dataset):
    def queries_of_overview(dataset):
        agency = dataset_import(dataset, replace=True).agency
        client.force_login(make_user(f"p-{len(dataset['goals'])}", "planner", agency=agency))
        client.get(overview_url(agency))  # warm any per-process cache before counting
        with CaptureQueriesContext(connection) as captured:
            html = client.get(overview_url(agency)).content.decode()
        return len(captured.captured_queries), html

    small, small_html = queries_of_overview(demo_dataset)
    big = scaled(demo_dataset, 2)  # twice the sasaran and indicators, a Renstra of nine years instead of six
    big["plan"]["start_year"] = 2013
    big_queries, big_html = queries_of_overview(big)

    assert small_html.count("<tr data-objective=") == 8
    assert big_html.count("<tr data-objective=") == 16
    assert list(trend_cells(big_html, "S1-x1")) == list(range(2013, 2022))
    assert big_queries == small


def test_overview_trends_in_english_keep_indonesian_figures(planner_client, demo_agency):
    planner_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = planner_client.get(overview_url(demo_agency)).content.decode()
    assert "Objective achievement over the years" in html and "Budget absorption per quarter" in html
    assert "Tren capaian sasaran" not in html and "belum ada" not in html
    s1 = trend_cells(html, "S1")
    assert s1[2016] == "none yet" and s1[2019] == "– cannot be calculated"
    assert s1[2021].startswith("314,00 %")
    assert quarter_row(html, 2) == "TW II 40 % none yet – none yet"


def test_overview_of_a_renstra_without_sasaran_says_so(planner_client, demo_agency):
    Objective.objects.filter(plan__agency=demo_agency).delete()
    html = planner_client.get(overview_url(demo_agency)).content.decode()
    assert "Renstra ini belum memiliki sasaran." in html
    assert "<tr data-objective=" not in html
