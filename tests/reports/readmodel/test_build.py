"""The demo agency's report agrees with an independent calculator's figures (shared expected output)."""

import json
from pathlib import Path

import pytest

from reports.readmodel.build import report_build
from reports.readmodel.json_report import report_json

EXPECTED = Path(__file__).resolve().parent / "tangsel-2021.expected.json"


@pytest.fixture
def report_data(demo_agency):
    return report_json(report_build(agency=demo_agency, year=2021))


def test_agreement_indicators_capaian(report_data):
    capaian = {i["code"]: i["capaian"] for i in report_data["indicators"] if i["level"] == "objective"}
    assert [capaian[c] for c in ("S1.1", "S2.1", "S3.1", "S4.1", "S4.2", "S5.1")] == [
        "314.00",
        "120.00",
        "103.32",
        "100.00",
        "109.00",
        "77.64",
    ]


def test_budget_totals(report_data):
    budget = report_data["budget"]
    assert (budget["ceiling"], budget["spent"], budget["absorption"]) == (
        "19076782417.00",
        "16289044379.00",
        "85.39",
    )


def test_every_figure_matches_the_independent_calculator(report_data):
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    got = {i["code"]: i for i in report_data["indicators"]}
    for row in expected["indicators"]:
        mine = got[row["code"]]
        for key in (
            "target",
            "realisation",
            "capaian",
            "predicate",
            "history",
            "renstra_end_target",
            "renstra_progress",
            "quarters",
        ):
            assert mine[key] == row[key], (row["code"], key)
    assert report_data["objectives"] == expected["objectives"]
    assert report_data["budget"] == expected["budget"]
    assert report_data["surveys"] == expected["surveys"]


def test_checks_list_the_documents_arithmetic_errors_and_nothing_else(report_data):
    """Exactly the independent calculator's findings, in order: a finding raised where it should not be (a
    PK target "missing" on a non-key indicator, a target "missing" where nothing was realised) is as wrong
    as one left out. Beside them, first, the two years the demo's LAKIP prints in another unit (S4.2's 2019 and 2020
    in products): the calculator reads the `/1` demo, which cannot say a year's unit."""
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))

    def key(check):
        return (check["level"], check["code"], check["path"], check["declared"], check["computed"])

    s4_2 = "$.goals[0].objectives[3].indicators[1]"
    assert [key(c) for c in report_data["checks"]] == [
        ("warning", "unit-change", f"{s4_2}.realisations.{year}.unit", "produk", "%") for year in (2019, 2020)
    ] + [key(c) for c in expected["checks"]]


def test_each_finding_is_said_in_indonesian_with_indonesian_numbers(report_data):
    """What the Pemeriksaan tab prints for the demo, word for word."""
    assert [c["message"] for c in report_data["checks"]] == [
        "S4.2: realisasi 2019 dalam satuan “produk”, realisasi 2021 dalam “%”; keduanya tidak dibandingkan.",
        "S4.2: realisasi 2020 dalam satuan “produk”, realisasi 2021 dalam “%”; keduanya tidak dibandingkan.",
        "R1.1 2021: realisasi tahunan 88,00 berbeda dari gabungan triwulan 87,30.",
        "R2.1 2021: realisasi tahunan 46,30 berbeda dari gabungan triwulan 42,00.",
        "R3.2 2021: realisasi tahunan 850,00 berbeda dari gabungan triwulan 825,00.",
        "2.17.02-1 2021: target TW I–IV berjumlah 300,00, target tahunan 250,00.",
        "2.17.02.2.01-1 2021: target TW I–IV berjumlah 300,00, target tahunan 250,00.",
        "2.17.01.2.06 sisa anggaran (%): dokumen 0,00; dihitung 13,94",
        "2.17.01.2.09.0003 sisa anggaran (%): dokumen 0,00; dihitung 34,41",
    ]
