"""The whole budget, realisation of program groups and quarterly progress (budgets.spending)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from budgets.spending import (
    MILESTONES,
    PartAmounts,
    change,
    children_of,
    cumulative,
    group_sum_mismatches,
    progress,
    quarter_totals,
    spent_with_groups,
    sum_of_parts,
    weighted_physical,
    whole_budget,
)
from sakip.numbers import round_half_up

D = Decimal
PROPERTY = settings(database=None, deadline=None, max_examples=200)
rupiah = st.decimals(min_value=0, max_value=10**15, places=2, allow_nan=False, allow_infinity=False)


def amounts(original=None, rationalised=None, revised=None, spent=None):
    return PartAmounts(
        ceiling_original=None if original is None else D(original),
        ceiling_rationalised=None if rationalised is None else D(rationalised),
        ceiling_revised=None if revised is None else D(revised),
        spent=None if spent is None else D(spent),
    )


def by_part(results):
    return {r.part: r for r in results}


def test_demo_operating_budget_is_printed_as_typed_with_its_effective_ceiling():
    demo = amounts("22511784601", "20614676801", "19076782417", "16289044379")
    (total,) = whole_budget({"total": demo})
    assert total.amounts.ceiling == D("19076782417")
    assert total.computed is False and total.parts_sum is None


def test_total_is_the_sum_of_operating_and_capital_when_not_typed():
    result = by_part(
        whole_budget(
            {
                "personnel": amounts(revised="7268476897.00", spent="7001674244.00"),
                "goods": amounts(revised="11808305520.00", spent="9287370135.00"),
                "capital": amounts(revised="100.01", spent="0.01"),
            }
        )
    )
    assert result["operating"].computed
    assert result["operating"].amounts.ceiling_revised == D("19076782417.00")
    assert result["total"].amounts.ceiling_revised == D("19076782517.01")
    assert result["total"].amounts.spent == D("16289044379.01")
    assert result["total"].parts == ("operating", "capital")
    # An amount no part has stays unknown rather than zero.
    assert result["total"].amounts.ceiling_original is None
    assert [r for r in result] == ["total", "operating", "personnel", "goods", "capital"]


def test_a_missing_part_leaves_the_sum_unknown():
    result = by_part(whole_budget({"personnel": amounts(revised=10, spent=5)}))
    assert set(result) == {"personnel"}  # belanja operasi needs barang dan jasa too


def test_a_typed_part_keeps_its_figures_and_carries_the_sum_to_check():
    result = by_part(
        whole_budget(
            {
                "total": amounts(revised=300, spent=200),
                "operating": amounts(revised=250, spent=150),
                "capital": amounts(revised=40, spent=50),
            }
        )
    )
    assert result["total"].amounts.ceiling_revised == D(300)
    assert result["total"].parts_sum == amounts(revised=290, spent=200)


def test_older_years_add_up_indirect_and_direct():
    result = by_part(whole_budget({"indirect": amounts(original=10), "direct": amounts(original=20)}))
    assert result["total"].amounts.ceiling_original == D(30)
    assert result["total"].parts == ("indirect", "direct")


def test_a_year_mixing_both_structures_has_no_sum():
    assert children_of("total", {"operating", "direct"}) == ()
    result = by_part(whole_budget({"operating": amounts(original=10), "direct": amounts(original=20)}))
    assert "total" not in result


@PROPERTY
@given(st.lists(st.tuples(rupiah, rupiah), min_size=1, max_size=6))
def test_sums_of_parts_are_exact_to_the_rupiah(pairs):
    parts = [PartAmounts(ceiling_revised=c, spent=s) for c, s in pairs]
    total = sum_of_parts(parts)
    assert total.ceiling_revised == sum((c for c, _ in pairs), D(0))
    assert total.spent == sum((s for _, s in pairs), D(0))
    assert total.ceiling_original is None


def test_change_from_the_previous_year():
    result = change(D(19076782417), D(20000000000))
    assert result.difference == D(-923217583)
    assert round_half_up(result.percent, 2) == D("-4.62")
    assert change(D(5), None).difference is None
    assert change(D(5), D(0)).percent is None and change(D(5), D(0)).difference == D(5)


def test_a_group_realisation_completes_the_total():
    programs = [("a", D(100), None), ("b", D(50), None), ("c", D(30), D(20))]
    assert spent_with_groups(programs, []) is None  # today's "realisasinya belum lengkap"
    assert spent_with_groups(programs, [(frozenset({"a", "b"}), D(120))]) == D(140)
    # A group with an unknown realisation covers nothing.
    assert spent_with_groups(programs, [(frozenset({"a", "b"}), None)]) is None


def test_a_group_does_not_count_its_programs_twice():
    programs = [("a", D(100), D(70)), ("b", D(50), D(40))]
    assert spent_with_groups(programs, [(frozenset({"a", "b"}), D(110))]) == D(110)
    assert group_sum_mismatches({"a": D(70), "b": D(40)}, [(frozenset({"a", "b"}), D(110))]) == ()
    assert group_sum_mismatches({"a": D(70), "b": D(40)}, [(frozenset({"a", "b"}), D(100))]) == (
        (0, D(100), D(110)),
    )
    # Not every member known: nothing to compare.
    assert group_sum_mismatches({"a": D(70), "b": None}, [(frozenset({"a", "b"}), D(100))]) == ()


def test_cumulative_stops_at_the_first_unknown_quarter():
    assert cumulative([D(1), D(2), None, D(4)]) == (D(1), D(3), None, None)


def test_quarter_totals_need_every_funded_line():
    lines = [(D(100), [D(10), D(20), None, None]), (D(50), [D(5), None, None, None]), (None, [None] * 4)]
    assert quarter_totals(lines) == (D(15), None, None, None)


def test_physical_progress_is_weighted_by_pagu():
    assert weighted_physical([(D(300), D(100)), (D(100), D(20))]) == D(80)
    assert weighted_physical([(D(300), D(100)), (D(100), None)]) is None
    assert weighted_physical([(None, D(50))]) is None


def test_progress_against_cash_plan_and_milestones():
    quarters = progress(
        D(1000),
        [D(100), D(300), D(200), D(400)],
        [D(120), D(200), D(200), D(330)],
        [D(10), D(35), D(70), D("95.24")],
    )
    assert (D(15), D(40), D(60), D(90)) == MILESTONES
    q1, q2, q3, q4 = quarters
    assert (q1.planned_pct, q1.financial_pct, q1.financial_deviation) == (D(10), D(12), D(2))
    assert q1.milestone_gap == D(-3) and q1.meets_milestone is False
    assert (q2.planned, q2.spent, q2.financial_deviation) == (D(400), D(320), D(-8))
    assert q2.physical_deviation == D(-5)
    assert q4.financial_pct == D(85) and q4.meets_milestone is False
    assert q4.physical_deviation == D("-4.76")


def test_progress_is_unknown_without_a_pagu_or_a_plan():
    (q1, *_rest) = progress(None, [None] * 4, [D(1)] * 4, [None] * 4)
    assert q1.financial_pct is None and q1.milestone_gap is None and q1.meets_milestone is None
    (q1, *_rest) = progress(D(100), [None] * 4, [D(20)] * 4, [D(30)] * 4)
    assert q1.financial_pct == D(20) and q1.financial_deviation is None and q1.physical_deviation is None
    assert q1.meets_milestone is True
