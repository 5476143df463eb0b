"""The score of an evaluation, worked out by hand: criterion → sub-component → component → total, and its predicate
read off the printed score at every bound of the table."""

from decimal import Decimal

import pytest

from evaluation.rubric import rubric_from_json
from evaluation.scoring import predicate, printed_score, score
from tests.evaluation.helpers import bottom_answers, shipped, tiny_data, top_answers


def test_all_y_and_a_score_100_and_aa():
    rubric = shipped()
    result = score(rubric, top_answers(rubric))
    assert result.total == 100
    assert [c.value for c in result.components] == [30, 30, 15, 25]
    assert all(c.percent == 100 for c in result.components)
    assert result.predicate.code == "AA"
    assert result.complete and result.answered == result.criteria == 80


def test_all_t_and_e_score_0_and_d():
    rubric = shipped()
    result = score(rubric, bottom_answers(rubric))
    assert result.total == 0
    assert all(c.value == 0 and c.percent == 0 for c in result.components)
    assert result.predicate.code == "D"


def test_a_mixed_case_worked_out_by_hand():
    """Every criterion at its top (Y / A), except:

    1.a (6 Y/T, weight 6): Y Y Y Y T T   → sum 4;    4 × 6 ÷ 6          = 4
    1.c (8 A–E, weight 15): A A A A B C D E → sum 4 + 0,75 + 0,5 + 0,25 + 0 = 5,5;  5,5 × 15 ÷ 8 = 10,3125
    3.b (9 A–E, weight 4,5): all C        → sum 4,5;  4,5 × 4,5 ÷ 9      = 2,25
    4.c (5 A–E, weight 12,5): all B       → sum 3,75; 3,75 × 12,5 ÷ 5    = 9,375

    Component 1 = 4 + 9 (1.b full) + 10,3125      = 23,3125
    Component 2 = 30 (full)
    Component 3 = 3 (3.a) + 2,25 + 7,5 (3.c)      = 12,75
    Component 4 = 5 (4.a) + 7,5 (4.b) + 9,375     = 21,875
    Total = 23,3125 + 30 + 12,75 + 21,875 = 87,9375 → printed 87,94 → A (> 80 – 90).
    """
    rubric = shipped()
    answers = top_answers(rubric)
    answers.update({"1.a.5": "T", "1.a.6": "T"})
    answers.update(zip([f"1.c.{n}" for n in range(1, 9)], "AAAABCDE", strict=True))
    answers.update({f"3.b.{n}": "C" for n in range(1, 10)})
    answers.update({f"4.c.{n}": "B" for n in range(1, 6)})
    result = score(rubric, answers)
    assert result.sub_component("1.a").value == Decimal(4)
    assert result.sub_component("1.c").value == Decimal("10.3125")
    assert result.sub_component("1.c").mean == Decimal("0.6875")
    assert result.sub_component("3.b").value == Decimal("2.25")
    assert result.sub_component("4.c").value == Decimal("9.375")
    assert [c.value for c in result.components] == [
        Decimal("23.3125"),
        Decimal(30),
        Decimal("12.75"),
        Decimal("21.875"),
    ]
    assert result.component("3").percent == Decimal(85)  # 12,75 × 100 ÷ 15
    assert result.total == Decimal("87.9375")
    assert printed_score(result.total) == Decimal("87.94")
    assert result.predicate.code == "A"


def test_a_third_of_a_weight_is_exact():
    """1 Y of 3 criteria, weight 30: 1 × 30 ÷ 3 = 10 exactly, not (1 ÷ 3) × 30 = 9,99…9."""
    rubric = rubric_from_json(tiny_data())
    result = score(rubric, {"1.a.1": "Y", "1.a.2": "T", "1.a.3": "T", "2.a.1": "E"})
    sub = result.sub_component("1.a")
    assert sub.value == Decimal(10) and str(sub.value) == "10"
    assert result.component("1").percent == Decimal(100) / 3  # 10 × 100 ÷ 30
    assert result.total == Decimal(10)
    assert result.predicate.code == "D"


def test_incomplete_answers_give_no_score():
    rubric = shipped()
    answers = top_answers(rubric)
    answers["2.b.3"] = None
    del answers["4.a.1"]
    answers["1.a.1"] = "B"  # not an option of a Y/T criterion: unanswered
    result = score(rubric, answers)
    assert result.total is None and result.predicate is None and not result.complete
    assert result.answered == 77
    assert result.component("2").value is None and result.component("2").percent is None
    assert result.component("3").value == 15  # a complete component still shows
    sub = result.sub_component("2.b")
    assert sub.value is None and sub.answered == 6 and sub.criteria == 7 and sub.mean == 1
    assert score(rubric, {}).sub_component("1.a").mean is None


def test_sum_of_points_adds_each_criterions_points():
    """1.a: points 5, 10, 15 answered Y, T, Y → 5 + 15 = 20; 2.a: 70 points answered B (0,75) → 52,5; total 72,5."""
    data = tiny_data(method="sum_of_points")
    criteria = data["components"][0]["sub_components"][0]["criteria"]
    for criterion, points in zip(criteria, ["5", "10", "15"], strict=True):
        criterion["points"] = points
    data["components"][1]["sub_components"][0]["criteria"][0]["points"] = "70"
    rubric = rubric_from_json(data)
    result = score(rubric, {"1.a.1": "Y", "1.a.2": "T", "1.a.3": "Y", "2.a.1": "B"})
    assert result.sub_component("1.a").value == 20
    assert result.sub_component("2.a").value == Decimal("52.5")
    assert result.total == Decimal("72.5")
    assert result.predicate.code == "BB"


BOUNDS = [
    ("0", "D"),
    ("30.00", "D"),
    ("30.01", "C"),
    ("50.00", "C"),
    ("50.01", "CC"),
    ("60.00", "CC"),
    ("60.01", "B"),
    ("70.00", "B"),
    ("70.01", "BB"),
    ("80.00", "BB"),
    ("80.01", "A"),
    ("90.00", "A"),
    ("90.01", "AA"),
    ("100", "AA"),
    ("90.004", "A"),  # printed 90,00
    ("90.005", "AA"),  # printed 90,01 (half up)
    ("30.004", "D"),
    ("29.999", "D"),
]


@pytest.mark.parametrize("total, code", BOUNDS)
def test_the_predicate_at_every_bound_of_the_table(total, code):
    assert predicate(shipped(), Decimal(total)).code == code


def test_90_004_prints_90_00_and_is_a():
    assert printed_score(Decimal("90.004")) == Decimal("90.00")
    assert predicate(shipped(), Decimal("90.004")).code == "A"


@pytest.mark.parametrize("total", [None, Decimal("-0.01"), Decimal("100.01")])
def test_no_predicate_without_a_score_or_outside_0_to_100(total):
    assert predicate(shipped(), total) is None
