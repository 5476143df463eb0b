"""The logic-frame warnings: an answer above what its reference allows is flagged (never refused), one rule kind
at a time."""

from evaluation.scoring import logic_warnings
from tests.evaluation.helpers import shipped, top_answers

NO_PLAN = "SALAH, dokumen perencanaan belum ada."
ABOVE_MEAN = "SALAH, lebih tinggi dari nilai rata-rata Kualitas Perencanaan."


def messages(found, criterion):
    return [w.message for w in found if w.criterion == criterion]


def test_a_value_rule_flags_an_answer_above_its_reference_criterion():
    """1.b.1 and 1.b.2 may not exceed 1.a.3 nor 1.a.4 (the planning documents exist)."""
    rubric = shipped()
    answers = top_answers(rubric)
    assert logic_warnings(rubric, answers) == ()
    answers["1.a.4"] = "T"  # the lowest reference sets the ceiling
    found = logic_warnings(rubric, answers)
    assert messages(found, "1.b.1") == [NO_PLAN] and messages(found, "1.b.2") == [NO_PLAN]
    assert found[0].rule.kind == "value"
    answers["1.b.1"] = "T"  # equal to the ceiling: fine
    answers["1.b.2"] = None  # unanswered: nothing to flag
    assert [w.criterion for w in logic_warnings(rubric, answers) if w.rule.kind == "value"] == []


def test_an_unanswered_reference_counts_as_nothing():
    rubric = shipped()
    answers = top_answers(rubric)
    answers["1.a.3"] = None
    found = logic_warnings(rubric, answers)
    assert {"1.b.1", "1.b.2", "1.b.5", "1.b.6", "1.b.7"} <= {w.criterion for w in found}


def test_a_mean_rule_flags_an_answer_above_its_reference_sub_components_mean():
    """1.c.* may not exceed the mean of 1.b's answers: 1.b half A (1) half C (0,5) … mean below 1 flags every A."""
    rubric = shipped()
    answers = top_answers(rubric)
    answers.update({f"1.b.{n}": "C" for n in range(3, 12)})  # 1.b.1–2 Y (1), 1.b.3–11 C: mean (2 + 4,5) ÷ 11
    answers.update({"1.c.1": "A", "1.c.2": "B", "1.c.3": "C", "1.c.4": "D"})
    found = logic_warnings(rubric, answers)
    flagged = [w.criterion for w in found if w.rule.kind == "mean"]
    # mean = 6,5 ÷ 11 ≈ 0,59: A (1) and B (0,75) exceed it, C (0,5) and D do not; 1.c.5–8 are A.
    assert flagged == ["1.c.1", "1.c.2", "1.c.5", "1.c.6", "1.c.7", "1.c.8"]
    assert messages(found, "1.c.1") == [ABOVE_MEAN]


def test_warnings_follow_the_rubrics_order():
    rubric = shipped()
    answers = top_answers(rubric)
    answers.update({"3.a.1": "T", "1.a.3": "T"})
    codes = [w.criterion for w in logic_warnings(rubric, answers)]
    order = [c.code for c in rubric.criteria]
    assert (
        codes == sorted(codes, key=order.index) and codes[0].startswith("1.b") and codes[-1].startswith("3.b")
    )
