"""The rubric as data (sakip-rubric/1): the shipped LKE 88/2021 loads whole, and a broken rubric is refused with
every problem named by its JSON path, so that a Pemda loading its own variant fixes them all in one go."""

import json
from decimal import Decimal

import pytest

from evaluation.rubric import RubricError, rubric_from_json, rubric_from_text
from tests.evaluation.helpers import shipped, shipped_data, tiny_data

CRITERION = "$.components[0].sub_components[0].criteria[0]"


def problems_of(data) -> list[str]:
    with pytest.raises(RubricError) as caught:
        rubric_from_json(data)
    return caught.value.problems


def test_the_shipped_rubric_loads_with_its_components_sub_components_and_criteria():
    rubric = shipped()
    assert (rubric.code, rubric.version, rubric.year) == ("lke-88-2021", 1, 2021)
    assert [c.weight for c in rubric.components] == [Decimal(30), Decimal(30), Decimal(15), Decimal(25)]
    assert len(rubric.sub_components) == 12
    assert len(rubric.criteria) == 80
    assert rubric.scoring_method == "mean_of_criteria"
    # Pemenuhan 20 %, Kualitas 30 %, Pemanfaatan 50 % of each component.
    for component in rubric.components:
        shares = [sub.weight * 100 / component.weight for sub in component.sub_components]
        assert [sub.kind for sub in component.sub_components] == ["pemenuhan", "kualitas", "pemanfaatan"]
        assert shares == [20, 30, 50]
    assert [band.code for band in rubric.predicates] == ["AA", "A", "BB", "B", "CC", "C", "D"]
    assert {rule.kind for rule in rubric.rules} == {"value", "mean"}


def test_a_criterion_without_a_code_is_refused_by_its_path():
    data = shipped_data()
    del data["components"][0]["sub_components"][0]["criteria"][0]["code"]
    assert f"{CRITERION}.code: wajib diisi / required" in problems_of(data)


def test_a_duplicate_code_is_refused_wherever_it_is():
    data = shipped_data()
    data["components"][1]["sub_components"][2]["criteria"][0]["code"] = "1.a.1"
    data["components"][3]["code"] = "1"
    found = problems_of(data)
    assert any(p.startswith("$.components[1].sub_components[2].criteria[0].code: kode ganda") for p in found)
    assert any(p.startswith("$.components[3].code: kode ganda") for p in found)


def test_codes_must_be_plain_and_short():
    data = shipped_data()
    data["code"] = "lke 88/2021"
    data["components"][0]["sub_components"][0]["criteria"][0]["code"] = "1.a.1 (baru)"
    data["components"][0]["sub_components"][0]["criteria"][1]["code"] = "1." + "a" * 20
    found = problems_of(data)
    assert any(p.startswith("$.code: huruf, angka") for p in found)
    assert any(p.startswith(f"{CRITERION}.code: huruf, angka") for p in found)
    assert any(
        p.startswith("$.components[0].sub_components[0].criteria[1].code: huruf, angka") for p in found
    )


def test_a_rubric_without_a_code_or_a_title_is_refused():
    data = shipped_data()
    del data["code"]
    data["title"] = "  "
    found = problems_of(data)
    assert "$.code: wajib diisi / required" in found
    assert "$.title: wajib diisi / required" in found


def test_every_problem_is_listed_at_once_each_with_its_path():
    data = tiny_data()
    data["format"] = "sakip-rubric/9"
    data["version"] = 0
    data["answer_types"]["Y/T"][0]["value"] = "2"
    data["answer_types"]["Y/T"][1]["answer"] = "TIDAK"
    data["components"][0]["weight"] = "31"
    data["components"][1]["sub_components"][0]["kind"] = "lainnya"
    data["components"][1]["sub_components"][0]["criteria"][0]["answer_type"] = "1-5"
    data["predicates"][0]["lower"] = "91"
    data["rules"] = [{"kind": "value", "criteria": ["9.z.9"], "reference": ["1.a.1"], "message": "x"}]
    found = problems_of(data)
    expected_starts = [
        "$.format: harus",
        "$.version: bilangan bulat",
        "$.answer_types['Y/T'][0].value: antara 0 dan 1",
        "$.answer_types['Y/T'][1].answer: paling banyak 4",
        "$.components[0]: jumlah bobot sub-komponen 30 ≠ bobot komponen 31",
        "$.components[1].sub_components[0].kind: salah satu dari",
        "$.components[1].sub_components[0].criteria[0].answer_type: tidak dikenal",
        "$.components: jumlah bobot 101 ≠ 100",
        "$.predicates: celah atau tumpang tindih antara A dan AA",
        "$.rules[0]: kode tidak dikenal",
    ]
    for start in expected_starts:
        assert any(p.startswith(start) for p in found), (start, found)
    assert len(found) == len(expected_starts)


def test_sum_of_points_needs_points_that_add_up_to_the_weight():
    data = tiny_data(method="sum_of_points")
    criteria = data["components"][0]["sub_components"][0]["criteria"]
    criteria[0]["points"], criteria[1]["points"] = "10", "10"  # the third has none; 20 ≠ 30
    data["components"][1]["sub_components"][0]["criteria"][0]["points"] = "70"
    found = problems_of(data)
    assert (
        "$.components[0].sub_components[0].criteria[2].points: wajib untuk sum_of_points / required by sum_of_points"
        in found
    )
    assert any(
        p.startswith("$.components[0].sub_components[0]: jumlah poin kriteria 20 ≠ bobot 30") for p in found
    )


def test_text_that_is_not_json_or_not_an_object_is_refused():
    with pytest.raises(RubricError) as caught:
        rubric_from_text("{ not json")
    assert caught.value.problems[0].startswith("$: JSON tidak valid / invalid JSON")
    with pytest.raises(RubricError) as caught:
        rubric_from_text(json.dumps([1, 2]))
    assert caught.value.problems == ["$: bukan objek JSON / not a JSON object"]


def test_a_band_reads_its_bounds_inclusive_or_exclusive():
    aa, a = shipped().predicates[:2]
    assert aa.range_text == "> 90 – 100"
    assert not aa.contains(Decimal("90")) and aa.contains(Decimal("90.01")) and aa.contains(Decimal(100))
    assert a.contains(Decimal("90")) and not a.contains(Decimal("80"))


@pytest.mark.parametrize("version", [0, -1, "2", True, 2**31])
def test_a_version_is_an_integer_the_database_keeps(version):
    data = tiny_data()
    data["version"] = version
    assert problems_of(data) == ["$.version: bilangan bulat ≥ 1 / an integer ≥ 1"]
