"""The Renstra document object: every figure derived from the dataset it was imported from."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.models import PlanNarrative
from reports.readmodel.build import report_build
from reports.renstra.build import average_growth, final_condition, renstra_build
from reports.renstra.document import OPTIONAL_KEYS, measure_text
from reports.renstra.snapshot import plan_snapshot, renstra_json
from tests.semarang import dataset_funding, dataset_targets, plan_years


@pytest.fixture
def doc(semarang):
    return renstra_build(agency=semarang)


def _sum(values):
    values = [v for v in values if v is not None]
    return sum(values, Decimal(0)) if values else None


def test_the_plan_period_and_revision_come_from_the_dataset(doc, semarang_dataset):
    assert list(doc.years) == plan_years(semarang_dataset)  # six years: any period length works
    assert doc.revision == semarang_dataset["plan"]["revision"]
    assert doc.plan.vision == semarang_dataset["plan"]["vision"]


def test_bab_vi_carries_every_program_and_kegiatan_with_yearly_targets_and_funding(doc, semarang_dataset):
    years = plan_years(semarang_dataset)
    programs = semarang_dataset["programs"]
    assert [p.code for p in doc.programs] == [p["code"] for p in programs]
    for row, program in zip(doc.programs, programs, strict=True):
        assert row.name == program["name"]
        assert [a.code for a in row.children] == [a["code"] for a in program["activities"]]
        for activity_row, activity in zip(row.children, program["activities"], strict=True):
            funding = dataset_funding(activity)
            assert activity_row.funding == tuple(funding.get(y) for y in years), activity["code"]
            assert [i.code for i in activity_row.indicators] == [i["code"] for i in activity["indicators"]]
            for indicator_row, indicator in zip(activity_row.indicators, activity["indicators"], strict=True):
                targets = dataset_targets(indicator)
                assert indicator_row.targets == tuple(targets.get(y) for y in years)
        # A program's funding per year is the sum of its kegiatan; its period total the sum of its years.
        sums = tuple(_sum(dataset_funding(a).get(y) for a in program["activities"]) for y in years)
        assert row.funding == sums
        assert row.total == _sum(sums)
        assert [i.code for i in row.indicators] == [i["code"] for i in program["indicators"]]


def test_yearly_totals_recompute_from_every_kegiatan(doc, semarang_dataset):
    years = plan_years(semarang_dataset)
    activities = [a for p in semarang_dataset["programs"] for a in p["activities"]]
    expected = tuple(_sum(dataset_funding(a).get(y) for a in activities) for y in years)
    assert doc.funding_totals == expected
    assert doc.funding_total == _sum(expected)
    assert len(doc.activities) == len(activities) == 74


def test_final_condition_is_the_last_target_of_the_period(doc, semarang_dataset):
    by_code = {i.code: i for i in doc.indicators}
    for program in semarang_dataset["programs"]:
        for activity in program["activities"]:
            for indicator in activity["indicators"]:
                targets = dataset_targets(indicator)
                expected = targets[max(targets)] if targets else None
                assert by_code[indicator["code"]].final == expected
    assert final_condition((Decimal(1), None, Decimal(3), None)) == Decimal(3)
    assert final_condition((None, None)) is None


def test_goals_objectives_and_strategies_come_from_the_dataset(doc, semarang_dataset):
    assert [g.code for g in doc.goals] == [g["code"] for g in semarang_dataset["goals"]]
    goal, data = doc.goals[0], semarang_dataset["goals"][0]
    assert [i.code for i in goal.indicators] == [i["code"] for i in data["indicators"]]
    objective, odata = goal.objectives[0], data["objectives"][0]
    assert objective.statement == odata["statement"]
    assert [s for s, _ in objective.strategies] == [s["statement"] for s in odata["strategies"]]
    assert [list(p) for _, p in objective.strategies] == [s.get("policies", []) for s in odata["strategies"]]
    assert {i.code for i in doc.strategic_indicators} == {
        i["code"]
        for g in semarang_dataset["goals"]
        for i in g["indicators"] + g["objectives"][0]["indicators"]
    }


def test_a_typed_narrative_wins_and_optional_sections_print_only_when_typed(semarang):
    doc = renstra_build(agency=semarang)
    assert doc.texts["latar_belakang"][1] and "74 kegiatan" in doc.text("latar_belakang")
    assert "sumber_daya" not in doc.numbers
    PlanNarrative.objects.create(plan=doc.plan, key="sumber_daya", text="Pegawai 42 orang.")
    PlanNarrative.objects.create(plan=doc.plan, key="latar_belakang", text="Teks perencana.")
    doc = renstra_build(agency=semarang)
    assert doc.texts["latar_belakang"] == ("Teks perencana.", False)
    assert doc.numbers["sumber_daya"].number == "2.2" and doc.numbers["kinerja_pelayanan"].number == "2.3"
    assert "sumber_daya" in OPTIONAL_KEYS


def test_review_of_realised_years_matches_the_lkjip_of_each_year(demo_agency):
    doc = renstra_build(agency=demo_agency)
    review = doc.review
    assert review.years and review.years[-1] == 2021
    for k, year in enumerate(review.years):
        report = report_build(agency=demo_agency, year=year)
        by_code = {i.code: i for i in report.indicators}
        for row in review.indicators:
            if row.code in by_code:
                assert row.ratio[k] == by_code[row.code].capaian
                assert row.second[k] == by_code[row.code].realisation
        figures = report.budget.figures
        assert review.total.first[k] == figures.ceiling and review.total.second[k] == figures.spent
    assert "Telaahan kinerja pelayanan" in doc.text("kinerja_pelayanan")


def test_a_plan_without_realisations_says_so_in_bab_ii(doc):
    assert doc.review.years == () and doc.review.indicators == ()
    assert "Belum ada data realisasi" in doc.text("kinerja_pelayanan")


def test_growth_is_the_mean_of_year_on_year_growth():
    assert average_growth((Decimal(100), Decimal(110), None, Decimal(121))) == Decimal(10)
    assert average_growth((Decimal(100), Decimal(150), Decimal(75))) == Decimal(0)  # +50 % then −50 %
    assert average_growth((None, Decimal(5))) is None


def test_measures_print_with_their_own_decimals():
    assert measure_text(Decimal("1500")) == "1.500"
    assert measure_text(Decimal("78.5")) == "78,5"
    assert measure_text(Decimal("88.0000")) == "88"
    assert measure_text("B") == "B" and measure_text(None) == "–"


def test_snapshot_and_json_are_plain_json_of_the_document(doc):
    import json

    snapshot = json.loads(json.dumps(plan_snapshot(doc)))
    assert len(snapshot["indicators"]) == len(doc.indicators) == 114
    assert sum(1 for o in snapshot["owners"] if o["level"] == "program") == 9
    data = renstra_json(doc)
    assert data["funding_total"] == str(doc.funding_total.normalize()) or Decimal(data["funding_total"]) == (
        doc.funding_total
    )
    assert [Decimal(v) if v else None for v in data["funding_totals"].values()] == list(doc.funding_totals)


def test_building_costs_the_same_queries_whatever_the_plan_size(demo_agency, semarang):
    counts = []
    for agency in (demo_agency, semarang):  # 8 programs / 14 kegiatan / 41 sub kegiatan vs 9 / 74 / 0
        with CaptureQueriesContext(connection) as queries:
            renstra_build(agency=agency, review=False)
        counts.append(len(queries))
    # The LKjIP report object's fixed cost, which includes the organisation profile's four tables (issue 18.8).
    assert counts[0] == counts[1] <= 34
