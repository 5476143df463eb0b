"""Budget figures and roll-ups (budgets.totals)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from budgets.totals import BudgetFigures, effective_ceiling, efficiency, figures, roll_up, spent_from_quarters
from sakip.numbers import round_half_up

D = Decimal
PROPERTY = settings(database=None, deadline=None, max_examples=200)


def test_effective_ceiling_prefers_revised_then_rationalised_then_original():
    assert effective_ceiling(original=D(100), rationalised=D(80), revised=D(90)) == D(90)
    assert effective_ceiling(original=D(100), rationalised=D(80), revised=None) == D(80)
    assert effective_ceiling(original=D(100), rationalised=None, revised=None) == D(100)
    assert effective_ceiling(original=None, rationalised=None, revised=None) is None
    assert effective_ceiling(original=D(100), rationalised=None, revised=D(0)) == D(0)


def test_demo_objective_s1_figures_and_efficiency():
    result = figures(D(4627284200), D(3338482800))
    assert result.remaining == D(1288801400)
    assert round_half_up(result.absorption, 2) == D("72.15")
    assert round_half_up(result.remaining_pct, 2) == D("27.85")
    assert result.absorption + result.remaining_pct == D(100)
    assert round_half_up(efficiency(D(314), result.absorption), 2) == D("4.35")


def test_unspent_silpa_percentage_is_computed_not_zero():
    # a real report printed "0,00" here; the arithmetic says 13,94
    result = figures(D(1000000), D(860600))
    assert round_half_up(result.remaining_pct, 2) == D("13.94")


def test_overspending_shows_negative_remaining():
    result = figures(D(100), D(120))
    assert result.remaining == D(-20)
    assert result.absorption == D(120)
    assert result.remaining_pct == D(-20)


def test_zero_ceiling_has_no_percentages():
    assert figures(D(0), D(0)) == BudgetFigures(
        ceiling=D(0), spent=D(0), absorption=None, remaining=D(0), remaining_pct=None
    )
    assert figures(D(0), D(5)).remaining == D(-5)


def test_unknown_figures_propagate():
    assert figures(D(100), None) == BudgetFigures(D(100), None, None, None, None)
    assert figures(None, D(5)) == BudgetFigures(None, D(5), None, None, None)
    assert figures(None, None) == BudgetFigures(None, None, None, None, None)


def test_roll_up_sums_children():
    assert roll_up([(D(100), D(40)), (D(50), D(50))]) == (D(150), D(90))
    assert roll_up([]) == (None, None)


def test_roll_up_unknown_spending_of_a_funded_child_makes_the_parent_unknown():
    assert roll_up([(D(100), D(40)), (D(50), None)]) == (D(150), None)


def test_roll_up_ignores_empty_children_and_keeps_spending_without_ceiling():
    assert roll_up([(D(100), D(40)), (None, None)]) == (D(100), D(40))
    assert roll_up([(D(100), D(40)), (None, D(5))]) == (D(100), D(45))
    assert roll_up([(None, None), (None, None)]) == (None, None)
    assert roll_up([(None, D(5))]) == (None, D(5))


def test_spent_from_quarters():
    assert spent_from_quarters([D(10), D(20), None, D(5)]) == D(35)
    assert spent_from_quarters([None] * 4) is None
    assert spent_from_quarters([]) is None


def test_efficiency_needs_both_figures_and_some_absorption():
    assert efficiency(D(100), D(50)) == D(2)
    assert efficiency(D(80), D(100)) == D("0.8")
    assert efficiency(None, D(50)) is None
    assert efficiency(D(100), None) is None
    assert efficiency(D(100), D(0)) is None


# --- properties ---------------------------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10**13, places=2, allow_nan=False, allow_infinity=False)
known_line = st.tuples(amounts, amounts)
any_line = st.tuples(st.one_of(st.none(), amounts), st.one_of(st.none(), amounts))
# program → activities → sub-activities
known_tree = st.lists(st.lists(st.lists(known_line, max_size=4), max_size=4), max_size=4)
any_tree = st.lists(st.lists(st.lists(any_line, max_size=4), max_size=4), max_size=4)


def _leaves(tree):
    return [line for activities in tree for subs in activities for line in subs]


def _nested(tree):
    return roll_up(roll_up(roll_up(subs) for subs in activities) for activities in tree)


@PROPERTY
@given(known_tree)
def test_agency_total_equals_the_sum_of_its_sub_activities(tree):
    leaves = _leaves(tree)
    ceiling, spent = _nested(tree)
    if leaves:
        assert ceiling == sum(c for c, _ in leaves)
        assert spent == sum(s for _, s in leaves)
    else:
        assert (ceiling, spent) == (None, None)


@PROPERTY
@given(any_tree)
def test_rolling_up_level_by_level_equals_rolling_up_all_leaves(tree):
    assert _nested(tree) == roll_up(_leaves(tree))


def test_the_figures_do_not_depend_on_the_callers_decimal_precision():
    """A caller working at 3 significant digits (a chart, a library) must not change a single digit of a
    budget figure: the same data always gives the same report."""
    from decimal import Context, localcontext

    def everything():
        return (
            figures(D("182424000"), D("167805000")),
            roll_up([(D("182424000"), D("167805000")), (D("1.5"), D("0.25"))]),
            spent_from_quarters([D("40000000"), D("40000000"), D("40000000"), D("47805001")]),
            efficiency(D("103.32"), D("91.98")),
        )

    expected = everything()
    with localcontext(Context(prec=3)):
        assert everything() == expected
    assert expected[1] == (D("182424001.5"), D("167805000.25"))
    assert expected[2] == D("167805001")


def test_a_column_with_no_known_figure_sums_to_none_not_zero():
    """A funding table's total row: an unfunded year is printed "–", not "Rp 0"."""
    from budgets.totals import column_sums, sum_known

    assert sum_known([None, None]) is None
    assert sum_known([Decimal("1.5"), None, Decimal("2")]) == Decimal("3.5")
    rows = [(Decimal(1), None, Decimal(2)), (Decimal(3), None, None)]
    assert column_sums(rows, 3) == (Decimal(4), None, Decimal(2))
