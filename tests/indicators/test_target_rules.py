"""The Rencana Aksi check: do the quarter targets give the year's target?"""

from decimal import Decimal as D

import pytest

from indicators.target_rules import quarter_target_warning, same_measure


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
