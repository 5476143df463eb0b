"""Where a recommendation stands, an agency's follow-up rate, and the answer it suggests for the follow-up
criteria."""

from decimal import Decimal

import pytest

from evaluation.followup import (
    ACCEPTED,
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    PENDING,
    RETURNED,
    follow_up_rate,
    recommendation_status,
    suggested_follow_up_answer,
)


@pytest.mark.parametrize(
    "decisions, status",
    [
        ([], NOT_STARTED),
        ([PENDING], IN_PROGRESS),
        ([RETURNED], IN_PROGRESS),
        ([RETURNED, PENDING], IN_PROGRESS),
        ([RETURNED, ACCEPTED], DONE),
        ([ACCEPTED, PENDING], DONE),
    ],
)
def test_a_recommendation_is_done_once_a_follow_up_is_accepted(decisions, status):
    assert recommendation_status(decisions) == status


def test_the_rate_is_the_exact_share_done():
    rate = follow_up_rate([DONE, DONE, DONE, IN_PROGRESS])
    assert (rate.total, rate.done, rate.in_progress, rate.not_started) == (4, 3, 1, 0)
    assert rate.rate == 75
    assert follow_up_rate([DONE, NOT_STARTED, IN_PROGRESS]).rate == Decimal(100) / 3


def test_nothing_to_follow_up_has_no_rate_nor_suggestion():
    assert follow_up_rate([]).rate is None
    assert suggested_follow_up_answer(None) is None


@pytest.mark.parametrize(
    "rate, answer",
    [
        ("100", "A"),
        ("99.99", "B"),
        ("75.01", "B"),
        ("75", "C"),
        ("50.01", "C"),
        ("50", "D"),
        ("25.01", "D"),
        ("25", "E"),
        ("0", "E"),
    ],
)
def test_the_suggested_answer_at_every_bound(rate, answer):
    assert suggested_follow_up_answer(Decimal(rate)) == answer
