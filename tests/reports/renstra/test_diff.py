"""Comparing two states of a Renstra (pure: two snapshots in, the list of changes out)."""

import copy
from decimal import Decimal

from reports.renstra.diff import revision_diff

OLD = {
    "format": "sakip-renstra-snapshot/1",
    "goals": [{"code": "T1", "statement": "Tujuan satu"}],
    "objectives": [{"code": "S1", "statement": "Sasaran satu", "strategies": []}],
    "indicators": [
        {
            "code": "S1.1",
            "name": "Koperasi sehat",
            "unit": "%",
            "owner": "objective:S1",
            "baseline": "10",
            "targets": {"2017": "11", "2018": "88"},
        },
        {
            "code": "P1-1",
            "name": "Cakupan pelayanan",
            "unit": "%",
            "owner": "program:P1",
            "baseline": None,
            "targets": {"2017": "100"},
        },
    ],
    "owners": [
        {"key": "P1", "code": "P1", "name": "Program satu", "level": "program", "funding": {"2017": "300"}},
        {
            "key": "P1/A1",
            "code": "A1",
            "name": "Kegiatan satu",
            "level": "activity",
            "funding": {"2017": "100"},
        },
        {
            "key": "P1/A2",
            "code": "A2",
            "name": "Kegiatan dua",
            "level": "activity",
            "funding": {"2017": "200"},
        },
    ],
}


def test_identical_states_have_no_change():
    diff = revision_diff(OLD, copy.deepcopy(OLD))
    assert diff.empty and diff.count == 0


def test_the_same_number_written_differently_is_no_change():
    new = copy.deepcopy(OLD)
    new["indicators"][0]["targets"]["2018"] = "88.00"
    new["owners"][1]["funding"]["2017"] = "100.0"
    assert revision_diff(OLD, new).empty


def test_target_changes_are_listed_per_year_with_before_and_after():
    new = copy.deepcopy(OLD)
    new["indicators"][0]["targets"]["2018"] = "90"
    new["indicators"][0]["targets"]["2019"] = "92"  # a year that had no target
    del new["indicators"][0]["targets"]["2017"]  # a target removed
    new["indicators"][0]["baseline"] = "12"
    diff = revision_diff(OLD, new)
    changes = {(c.kind, c.year): (c.old, c.new) for c in diff.targets}
    assert changes == {
        ("baseline", None): (Decimal(10), Decimal(12)),
        ("target", 2017): (Decimal(11), None),
        ("target", 2018): (Decimal(88), Decimal(90)),
        ("target", 2019): (None, Decimal(92)),
    }
    assert next(c for c in diff.targets if c.year == 2018).difference == Decimal(2)


def test_indicators_added_and_dropped_are_matched_by_code():
    new = copy.deepcopy(OLD)
    new["indicators"][1]["code"] = "P1-2"  # replaced by a new measure
    diff = revision_diff(OLD, new)
    assert [c.code for c in diff.indicators_added] == ["P1-2"]
    assert [c.code for c in diff.indicators_dropped] == ["P1-1"]
    assert not diff.targets  # a new indicator's targets are not "changes"


def test_funding_changes_per_kegiatan_and_program_per_year():
    new = copy.deepcopy(OLD)
    new["owners"][1]["funding"] = {"2017": "150", "2018": "160"}
    new["owners"][0]["funding"] = {"2017": "350", "2018": "160"}
    diff = revision_diff(OLD, new)
    changes = {(c.code, c.year): (c.old, c.new, c.level) for c in diff.funding}
    assert changes == {
        ("P1", 2017): (Decimal(300), Decimal(350), "program"),
        ("P1", 2018): (None, Decimal(160), "program"),
        ("A1", 2017): (Decimal(100), Decimal(150), "activity"),
        ("A1", 2018): (None, Decimal(160), "activity"),
    }


def test_kegiatan_added_or_dropped_and_statements_reworded():
    new = copy.deepcopy(OLD)
    new["owners"] = [o for o in new["owners"] if o["code"] != "A2"]
    new["owners"].append(
        {"key": "P1/A3", "code": "A3", "name": "Kegiatan tiga", "level": "activity", "funding": {}}
    )
    new["objectives"][0]["statement"] = "Sasaran satu yang dirumuskan ulang"
    diff = revision_diff(OLD, new)
    assert [c.code for c in diff.owners_added] == ["A3"] and [c.code for c in diff.owners_dropped] == ["A2"]
    assert [(c.code, c.old, c.new) for c in diff.statements] == [
        ("S1", "Sasaran satu", "Sasaran satu yang dirumuskan ulang")
    ]


def test_grade_targets_compare_as_letters():
    old = copy.deepcopy(OLD)
    old["indicators"][0]["targets"] = {"2018": "B"}
    new = copy.deepcopy(old)
    new["indicators"][0]["targets"] = {"2018": "bb"}
    [change] = revision_diff(old, new).targets
    assert (change.old, change.new, change.difference) == ("B", "BB", None)
