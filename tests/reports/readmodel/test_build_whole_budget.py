"""The agency's whole budget, grouped realisations and quarterly progress in the report object (issue 18, points 4
and 5), with the demo's own figures from its LAKIP (Belanja Operasi 2021)."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from agencies.models import Agency
from interchange.dataset.writing import dataset_import
from reports.readmodel.build import report_build
from reports.readmodel.json_report import report_json
from sakip.numbers import round_half_up
from tests.helpers import without_whole_budget
from tests.reports.readmodel.test_build_queries import build_report

YEAR = 2021
D = Decimal
OPERATING = {
    "ceiling_original": "22511784601",
    "ceiling_rationalised": "20614676801",
    "ceiling_revised": "19076782417",
    "spent": "16289044379",
}


def sub_lines(dataset, program_code=None):
    for program in dataset["programs"]:
        if program_code and program["code"] != program_code:
            continue
        for activity in program.get("activities") or []:
            for sub in activity.get("sub_activities") or []:
                yield from sub.get("budget") or []


def with_whole_budget(dataset):
    dataset["format"] = "sakip-dataset/2"
    dataset["expenditures"] = {
        "2020": {"total": {"ceiling_revised": "20000000000", "spent": "15000000000"}},
        "2021": {"operating": OPERATING, "capital": {"ceiling_revised": "0", "spent": "0"}},
    }
    return dataset


def with_progress(dataset):
    """Every sub kegiatan planned 10/30/20/40 % of its pagu, spent all in TW IV, physically 10/40/60/95 %."""
    dataset["format"] = "sakip-dataset/2"
    for line in sub_lines(dataset):
        ceiling = D(line["ceiling_revised"])
        line["planned_quarters"] = [str(ceiling * D(share)) for share in ("0.1", "0.3", "0.2", "0.4")]
        line["spent_quarters"] = ["0", "0", "0", line["spent"]]
        line["physical_quarters"] = ["10", "40", "60", "95"]
    return dataset


def build(dataset, *, replace=False):
    agency = dataset_import(dataset, replace=replace).agency
    return report_build(agency=Agency.objects.select_related("government").get(pk=agency.pk), year=YEAR)


@pytest.mark.django_db
def test_the_demo_has_its_lakips_belanja_operasi_and_no_group_or_progress(demo_dataset):
    report = build(copy.deepcopy(demo_dataset))
    (operating,) = report.expenditures
    assert (operating.part, operating.computed) == ("operating", False)
    assert operating.amounts.ceiling_revised == D(OPERATING["ceiling_revised"])
    assert operating.amounts.spent == D(OPERATING["spent"])
    assert report.spending_groups == ()
    assert not report.budget.has_progress and report.budget.progress_lines == ()
    assert "expenditures" in report_json(report)
    assert not {"spending_groups", "progress"} & set(report_json(report))

    bare = build(without_whole_budget(demo_dataset), replace=True)
    assert bare.expenditures == ()
    assert not {"expenditures", "spending_groups", "progress"} & set(report_json(bare))


@pytest.mark.django_db
def test_the_whole_budget_with_its_sum_and_the_previous_year(demo_dataset):
    report = build(with_whole_budget(demo_dataset))

    total, operating, capital = report.expenditures
    assert (total.part, total.label, total.depth, total.computed) == ("total", "Total Belanja", 0, True)
    assert total.amounts.ceiling_revised == D("19076782417") and total.amounts.spent == D("16289044379")
    assert total.amounts.ceiling_original is None  # belanja modal has no pagu murni: the sum is unknown
    assert round_half_up(total.figures.absorption, 2) == D("85.39")
    assert total.figures.remaining == D("2787738038")
    assert (total.spent_change.previous, total.spent_change.difference) == (D("15000000000"), D("1289044379"))
    assert round_half_up(total.spent_change.percent, 2) == D("8.59")
    assert (operating.label, operating.computed, operating.amounts.ceiling_original) == (
        "Belanja Operasi",
        False,
        D("22511784601"),
    )
    assert operating.previous is None and operating.spent_change.difference is None
    assert capital.label == "Belanja Modal"
    assert report.has_previous_expenditure
    assert [c.code for c in report.checks if c.code.startswith("expenditure")] == []
    assert report_json(report)["expenditures"][0]["spent_change_pct"] == "8.59"


@pytest.mark.django_db
def test_a_grouped_realisation_completes_the_total(demo_dataset):
    for code in ("2.17.03", "2.17.04"):
        for line in sub_lines(demo_dataset, code):
            del line["spent"]
    incomplete = build(demo_dataset)
    assert incomplete.budget.figures.spent is None

    demo_dataset["format"] = "sakip-dataset/2"
    demo_dataset["spending_groups"] = {
        "2021": [{"label": "Program koperasi", "programs": ["2.17.04", "2.17.03"], "spent": "357472100"}]
    }
    report = build(demo_dataset, replace=True)

    assert report.budget.figures.spent == D("16289044379")  # the sum of the sub kegiatan realisations
    (group,) = report.spending_groups
    assert [code for code, _name in group.programs] == ["2.17.03", "2.17.04"]
    assert group.figures.ceiling == D("125930000") + D("706464300")
    assert group.members_spent is None
    assert report_json(report)["spending_groups"][0]["spent"] == "357472100.00"


@pytest.mark.django_db
def test_quarterly_progress_per_line_and_in_total(demo_dataset):
    report = build(with_progress(demo_dataset))

    assert report.budget.has_progress
    assert len(report.budget.progress_lines) == 41  # the LAKIP's 41 sub kegiatan
    q1, q2, q3, q4 = report.budget.progress
    assert (q1.planned_pct, q1.financial_pct, q1.financial_deviation, q1.milestone_gap) == (
        D(10),
        D(0),
        D(-10),
        D(-15),
    )
    assert q2.planned_pct == D(40) and q3.planned_pct == D(60) and q4.planned_pct == D(100)
    assert round_half_up(q4.financial_pct, 2) == D("85.39")
    assert round_half_up(q4.financial_deviation, 2) == D("-14.61")
    assert q4.physical_pct == D(95) and q4.physical_deviation == D(-5)
    assert q4.meets_milestone is False
    first = report.budget.progress_lines[0]
    assert first.code == "2.17.01.2.01.0001"
    assert round_half_up(first.progress[3].financial_pct, 2) == D("91.99")
    assert report_json(report)["progress"]["total"][3]["financial_deviation"] == "-14.61"


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_parts_or_groups(demo_dataset):
    with_whole_budget(demo_dataset)
    demo_dataset["spending_groups"] = {"2021": [{"label": "A", "programs": ["2.17.01"], "spent": "1"}]}
    agency = dataset_import(demo_dataset).agency
    build_report(agency.pk)  # warm any per-process cache before counting
    few, _ = build_report(agency.pk)

    demo_dataset["expenditures"]["2021"].update(personnel={"spent": "1"}, goods={"spent": "2"})
    demo_dataset["spending_groups"]["2021"] += [
        {"label": "B", "programs": ["2.17.02", "2.17.03"], "spent": "1"},
        {"label": "C", "programs": ["2.17.04"], "spent": "1"},
    ]
    dataset_import(demo_dataset, replace=True)
    many, report = build_report(agency.pk)

    assert len(report["spending_groups"]) == 3
    assert many == few
