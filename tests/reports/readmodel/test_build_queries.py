"""Building the report and exporting the data cost a fixed number of queries, however much data there is."""

import copy

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency
from interchange.dataset.writing import dataset_import
from interchange.exporter import dataset_export
from reports.readmodel.build import report_build
from reports.readmodel.json_report import report_json

SUFFIX = "-x2"


def _renamed_indicators(owner):
    owner["indicators"] = [{**i, "code": i["code"] + SUFFIX} for i in owner.get("indicators") or []]


def doubled(dataset):
    """The dataset with a second copy of every org unit, goal, objective, program, activity, sub-activity and
    indicator (codes suffixed), the copied programs linked to the copied objectives; plus a second survey
    and agreement for another year."""
    d = copy.deepcopy(dataset)
    d["org_units"] += [
        {**u, "code": u["code"] + SUFFIX, "parent": u["parent"] + SUFFIX if u.get("parent") else None}
        for u in dataset["org_units"]
    ]
    goals = copy.deepcopy(dataset["goals"])
    for goal in goals:
        goal["code"] += SUFFIX
        _renamed_indicators(goal)
        for objective in goal.get("objectives") or []:
            objective["code"] += SUFFIX
            _renamed_indicators(objective)
    d["goals"] += goals
    programs = copy.deepcopy(dataset["programs"])
    for program in programs:
        program["code"] += SUFFIX
        program["objectives"] = [code + SUFFIX for code in program.get("objectives") or []]
        _renamed_indicators(program)
        for activity in program.get("activities") or []:
            activity["code"] += SUFFIX
            _renamed_indicators(activity)
            for sub in activity.get("sub_activities") or []:
                sub["code"] += SUFFIX
                _renamed_indicators(sub)
    d["programs"] += programs
    for profile in (d.get("organisation_profile") or {}).values():
        for lines in (profile.get("staff") or {}).values():
            lines += [{**line, "label": line["label"] + SUFFIX} for line in list(lines)]
        for key in ("facilities", "strategic_issues", "risks"):
            profile[key] = profile.get(key, []) * 2
    d["surveys"] += [{**s, "year": s["year"] - 1} for s in dataset["surveys"]]
    d["agreements"] += [{**a, "year": a["year"] - 1} for a in dataset["agreements"]]
    return d


def count_queries(fn):
    with CaptureQueriesContext(connection) as captured:
        result = fn()
    return len(captured.captured_queries), result


def build_report(agency_pk):
    agency = Agency.objects.select_related("government").get(pk=agency_pk)
    return count_queries(lambda: report_json(report_build(agency=agency, year=2021)))


def indicator_count(data):
    n = 0
    for goal in data["goals"]:
        n += len(goal.get("indicators") or [])
        n += sum(len(o.get("indicators") or []) for o in goal.get("objectives") or [])
    for program in data["programs"]:
        n += len(program.get("indicators") or [])
        for activity in program.get("activities") or []:
            n += len(activity.get("indicators") or [])
            n += sum(len(s.get("indicators") or []) for s in activity.get("sub_activities") or [])
    return n


def with_profile(dataset):
    """The demo with one row of each organisation profile table (issue 18, point 8)."""
    unit = dataset["org_units"][0]["code"]
    objective = dataset["goals"][0]["objectives"][0]["code"]
    dataset["format"] = "sakip-dataset/2"
    dataset["organisation_profile"] = {
        "2021": {
            "staff": {"rank": [{"label": "III/a", "count": 2}]},
            "facilities": [{"name": "Laptop", "quantity": 2, "value": "1000"}],
            "strategic_issues": [{"issue": "Isu", "objective": objective}],
            "risks": [
                {
                    "statement": "Risiko",
                    "likelihood": 2,
                    "severity": 3,
                    "owner_unit": unit,
                    "objective": objective,
                }
            ],
        }
    }
    return dataset


@pytest.fixture
def demo_and_doubled(demo_dataset):
    demo_dataset = with_profile(demo_dataset)
    big = doubled(demo_dataset)
    assert indicator_count(big) == 2 * indicator_count(demo_dataset)
    return demo_dataset, big


@pytest.mark.django_db
def test_report_query_count_does_not_grow_with_the_data(demo_and_doubled):
    demo, big = demo_and_doubled
    agency = dataset_import(demo).agency
    build_report(agency.pk)  # warm any per-process cache before counting
    small_queries, small = build_report(agency.pk)

    dataset_import(big, replace=True)
    big_queries, big_report = build_report(agency.pk)

    # The doubled data really is in the report, and its checks are still all there.
    assert len(big_report["indicators"]) == 2 * len(small["indicators"])
    assert len(big_report["budget"]["programs"]) == 2 * len(small["budget"]["programs"])
    assert len(big_report["objectives"]) == 2 * len(small["objectives"])
    assert len(big_report["surveys"]) == 2 * len(small["surveys"])
    assert len(big_report["risks"]) == 2 * len(small["risks"])
    assert big_queries == small_queries


@pytest.mark.django_db
def test_export_query_count_does_not_grow_with_the_data(demo_and_doubled):
    demo, big = demo_and_doubled
    agency = dataset_import(demo).agency
    dataset_export(agency)
    small_queries, small = count_queries(lambda: dataset_export(Agency.objects.get(pk=agency.pk)))

    dataset_import(big, replace=True)
    big_queries, big_export = count_queries(lambda: dataset_export(Agency.objects.get(pk=agency.pk)))

    assert indicator_count(big_export) == 2 * indicator_count(small)
    assert len(big_export["org_units"]) == 2 * len(small["org_units"])
    assert len(big_export["surveys"]) == 2 * len(small["surveys"])
    assert len(big_export["organisation_profile"]["2021"]["risks"]) == 2
    assert big_queries == small_queries
