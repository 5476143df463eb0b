"""sakip-report/1 carries the program and kegiatan indicator results and their sasaran groups (issue 18, point 1;
additive keys: every key the format had is unchanged)."""

from __future__ import annotations

import pytest

from reports.readmodel.build import report_build
from reports.readmodel.json_report import report_json

YEAR = 2021


@pytest.fixture
def data(demo_agency):
    return report_json(report_build(agency=demo_agency, year=YEAR))


def test_program_results_carry_each_program_and_kegiatan_indicator_of_year_n(data):
    programs = {p["code"]: p for p in data["program_results"]}
    assert list(programs) == [p["code"] for p in data["budget"]["programs"]]
    # 2.17.05-1: PK 1715; TW 440 + 0 + 769 + 645 = 1854; 1854 / 1715 × 100 = 108,1049… → "108.10".
    assert programs["2.17.05"]["indicators"] == [
        {
            "code": "2.17.05-1",
            "name": "Meningkatnya Kapasitas, Kompetensi sumberdaya Koperasi",
            "unit": "SDM Koperasi",
            "target": "1715.00",
            "realisation": "1854.00",
            "capaian": "108.10",
            "predicate": "Melampaui Target",
            "cumulative": False,
            "year_realisation": "1854.00",
        }
    ]
    activity = programs["2.17.08"]["activities"][0]
    assert activity["code"] == "2.17.08.2.01" and activity["sub_activities"][0]["indicators"] == []
    # 2.17.08.2.01-5: PK 325, 388 + 194 = 582 → 179,08 %.
    fifth = activity["indicators"][4]
    assert (fifth["code"], fifth["target"], fifth["realisation"], fifth["capaian"]) == (
        "2.17.08.2.01-5",
        "325.00",
        "582.00",
        "179.08",
    )
    assert programs["2.17.06"]["objectives"] == ["S1", "S4", "R2", "R3"]


def test_program_groups_list_the_programs_of_every_sasaran(data):
    groups = {g["objective"]: g["programs"] for g in data["program_groups"]}
    assert list(groups) == [o["code"] for o in data["objectives"]]
    assert groups["S1"] == ["2.17.05", "2.17.06", "2.17.08"]
    assert groups["S2"] == ["2.17.02", "2.17.03", "2.17.04"]


def test_the_figures_are_those_of_the_indicator_list(data):
    listed = {i["code"]: i for i in data["indicators"]}
    for program in data["program_results"]:
        rows = program["indicators"] + [i for a in program["activities"] for i in a["indicators"]]
        for row in rows:
            for key in ("target", "realisation", "capaian", "predicate"):
                assert row[key] == listed[row["code"]][key]
