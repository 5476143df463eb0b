"""Properties of the score over any complete set of answers: within 0..100, and monotone (raising one answer never
lowers the total)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from evaluation.scoring import score
from tests.evaluation.helpers import shipped

RUBRIC = shipped()
CRITERIA = RUBRIC.criteria


@st.composite
def complete_answers(draw):
    return {c.code: draw(st.sampled_from([o.answer for o in RUBRIC.options(c)])) for c in CRITERIA}


@settings(max_examples=60, deadline=None)
@given(complete_answers())
def test_the_total_is_within_0_and_100_and_has_a_predicate(answers):
    result = score(RUBRIC, answers)
    assert 0 <= result.total <= 100
    assert result.predicate is not None
    assert result.total == sum(c.value for c in result.components)
    assert all(0 <= c.percent <= 100 for c in result.components)


@settings(max_examples=60, deadline=None)
@given(complete_answers(), st.integers(min_value=0, max_value=len(CRITERIA) - 1), st.data())
def test_raising_one_answer_never_lowers_the_total(answers, index, data):
    criterion = CRITERIA[index]
    current = RUBRIC.answer_value(criterion, answers[criterion.code])
    higher = [o.answer for o in RUBRIC.options(criterion) if o.value >= current]
    raised = {**answers, criterion.code: data.draw(st.sampled_from(higher))}
    assert score(RUBRIC, raised).total >= score(RUBRIC, answers).total
