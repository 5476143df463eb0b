"""The Rencana Aksi check (do the quarter targets give the year's target?) and the quarters proposed for a new year."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.target_rules import quarter_proposal, quarter_target_warning, same_measure


def test_increment_quarters_that_add_up_give_no_warning():
    quarters = [D(420), D(430), D(420), D(445)]
    assert quarter_target_warning(quarters, sum(quarters), "increment") is None


def test_increment_quarters_that_do_not_add_up_name_both_figures_in_indonesian_format():
    quarters = [D(420), D(430), D(420), D(400)]
    warning = quarter_target_warning(quarters, D(1715), "increment")
    total = sum(quarters)  # 1670
    assert warning == f"Jumlah TW I–IV ({total:,}) ≠ target tahunan (1.715)".replace(",", ".")


def test_increment_skips_empty_quarters_and_keeps_decimals():
    warning = quarter_target_warning([D("0.25"), None, D("0.25"), None], D("0.6"), "increment")
    assert warning == "Jumlah TW I–IV (0,5) ≠ target tahunan (0,6)"
    assert quarter_target_warning([D("0.25"), None, D("0.35"), None], D("0.6"), "increment") is None


def test_level_compares_the_last_quarter_only():
    assert quarter_target_warning([D(1), D(2), D(3), D("3.6")], D("3.60"), "level") is None
    assert (
        quarter_target_warning([D(1), D(2), D(3), D(4)], D("3.6"), "level")
        == "TW IV (4) ≠ target tahunan (3,6)"
    )


def test_level_with_an_empty_last_quarter_warns():
    assert quarter_target_warning([D(1), D(2), None, None], D(2), "level") == "TW IV (–) ≠ target tahunan (2)"


def test_level_grades_compare_letters_case_insensitively():
    assert quarter_target_warning(["B", "B", "BB", "bb"], "BB", "level") is None
    assert quarter_target_warning(["B", "B", "BB", "B"], "BB", "level") == "TW IV (B) ≠ target tahunan (BB)"


def test_nothing_to_compare_gives_no_warning():
    assert quarter_target_warning([None] * 4, D(10), "increment") is None
    assert quarter_target_warning([D(1), D(2), D(3), D(4)], None, "increment") is None


def test_grades_cannot_be_added_up():
    assert quarter_target_warning(["B", None, None, None], "B", "increment") is not None


def test_unknown_mode_is_refused():
    with pytest.raises(ValueError):
        quarter_target_warning([D(1), None, None, None], D(1), "average")


def test_same_measure():
    assert same_measure(D("85"), D("85.00"))
    assert same_measure(None, None)
    assert not same_measure(None, D(0))
    assert not same_measure("B", D(4))
    assert same_measure("bb", "BB")


def test_a_proposed_rencana_aksi_splits_counts_and_keeps_readings():
    assert quarter_proposal(D("325"), "increment") == (D(81), D(81), D(81), D(82))
    assert quarter_proposal(D("0.5"), "increment") == (D("0.1"), D("0.1"), D("0.1"), D("0.2"))
    assert quarter_proposal(D("85"), "level") == (D(85),) * 4
    assert quarter_proposal("BB", "increment") == ("BB",) * 4  # a grade is never split
    assert quarter_proposal(None, "increment") is None


@given(
    st.decimals(min_value=D("-1000000"), max_value=D("1000000000"), places=4),
    st.sampled_from(["increment", "level"]),
)
def test_a_proposal_never_contradicts_its_annual_target(annual, mode):
    quarters = quarter_proposal(annual, mode)
    assert quarter_target_warning(quarters, annual, mode) is None
    if mode == "increment":  # every quarter at the target's own precision, none beyond it
        assert all(abs(q) <= abs(annual) for q in quarters)
