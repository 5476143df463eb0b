"""The workflow table and the entry-window rule, without a database."""

import datetime

import pytest

from agencies.models import Profile
from review.locks import window_open
from review.workflow import (
    ADMIN,
    EDITABLE,
    FROZEN,
    HEAD,
    PEMDA,
    PLANNER,
    REVIEWER,
    RULES,
    Action,
    State,
    TransitionRefused,
    allowed_rules,
    editable,
    next_state,
)

ROLES = (PLANNER, HEAD, REVIEWER, ADMIN, None)


def test_roles_are_the_profile_roles():
    assert {PLANNER, HEAD, REVIEWER, PEMDA, ADMIN} == set(Profile.Role.values)


def test_the_pemda_administrators_take_no_step_of_the_review():
    assert not any(rule.role == PEMDA for rule in RULES)


@pytest.mark.parametrize(
    "state, action, role, expected",
    [
        (State.DRAFT, Action.SUBMIT, PLANNER, State.SUBMITTED),
        (State.DRAFT, Action.SUBMIT, HEAD, State.SUBMITTED),
        (State.SUBMITTED, Action.RETURN, REVIEWER, State.RETURNED),
        (State.RETURNED, Action.SUBMIT, PLANNER, State.RESUBMITTED),
        (State.RETURNED, Action.SUBMIT, HEAD, State.RESUBMITTED),
        (State.RESUBMITTED, Action.APPROVE, REVIEWER, State.APPROVED),
        (State.SUBMITTED, Action.APPROVE, REVIEWER, State.APPROVED),
        (State.APPROVED, Action.REOPEN, ADMIN, State.REOPENED),
        (State.REOPENED, Action.SUBMIT, HEAD, State.RESUBMITTED),
        (State.SUBMITTED, Action.WITHDRAW, HEAD, State.DRAFT),
        (State.RESUBMITTED, Action.WITHDRAW, HEAD, State.RETURNED),
    ],
)
def test_the_issue_journey_and_its_detours(state, action, role, expected):
    assert next_state(state, action, role, note="alasan") == expected


def test_who_may_do_what_from_each_state():
    """Every (state, role): exactly the actions of the table, nobody else."""
    expected = {
        **{(State.DRAFT, role): {Action.SUBMIT} for role in (PLANNER, HEAD)},
        **{(State.RETURNED, role): {Action.SUBMIT} for role in (PLANNER, HEAD)},
        **{(State.REOPENED, role): {Action.SUBMIT} for role in (PLANNER, HEAD)},
        **{(State.SUBMITTED, role): {Action.WITHDRAW} for role in (PLANNER, HEAD)},
        **{(State.RESUBMITTED, role): {Action.WITHDRAW} for role in (PLANNER, HEAD)},
        (State.SUBMITTED, REVIEWER): {Action.RETURN, Action.APPROVE},
        (State.RESUBMITTED, REVIEWER): {Action.RETURN, Action.APPROVE},
        (State.APPROVED, ADMIN): {Action.REOPEN},
    }
    for state in State.values:
        for role in ROLES:
            actions = {rule.action for rule in allowed_rules(state, role)}
            assert actions == expected.get((state, role), set()), (state, role)


def test_the_agency_side_never_approves_or_returns_its_own_submission():
    for role in (PLANNER, HEAD):
        for action in (Action.APPROVE, Action.RETURN):
            with pytest.raises(TransitionRefused):
                next_state(State.SUBMITTED, action, role, note="x")
    with pytest.raises(TransitionRefused):
        next_state(State.SUBMITTED, Action.APPROVE, HEAD)
    with pytest.raises(TransitionRefused):
        next_state(State.SUBMITTED, Action.APPROVE, ADMIN)


@pytest.mark.parametrize(
    "action, role, state",
    [(Action.RETURN, REVIEWER, State.SUBMITTED), (Action.REOPEN, ADMIN, State.APPROVED)],
)
def test_returning_and_reopening_need_a_note(action, role, state):
    for blank in ({"note": "   "}, {}):  # a blank note, or none at all
        with pytest.raises(TransitionRefused) as refused:
            next_state(state, action, role, **blank)
        assert str(refused.value) == (
            "Tindakan ini memerlukan catatan atau alasan. / This action needs a note or a reason."
        )
    assert next_state(state, action, role, note="Target S1.1 belum sesuai PK")


def test_a_refused_action_says_why_in_indonesian_and_english():
    with pytest.raises(TransitionRefused) as refused:
        next_state(State.SUBMITTED, Action.APPROVE, PLANNER)
    assert str(refused.value) == (
        "Tindakan ini tidak tersedia untuk peran Anda pada status ini. / Not allowed in this state."
    )


def test_every_state_is_reachable_and_only_draft_like_states_are_editable():
    targets = {State.DRAFT} | {rule.target for rule in RULES}
    assert targets == set(State.values)
    assert {State.DRAFT, State.RETURNED, State.REOPENED} == EDITABLE
    assert EDITABLE.isdisjoint(FROZEN) and set(State.values) == EDITABLE | FROZEN
    assert editable(State.RETURNED) and not editable(State.APPROVED) and not editable(State.SUBMITTED)


DEADLINE = datetime.date(2021, 7, 15)


@pytest.mark.parametrize(
    "today, extended, open_",
    [
        (datetime.date(2021, 7, 14), None, True),
        (DEADLINE, None, True),  # the deadline day itself is still open
        (datetime.date(2021, 7, 16), None, False),
        (datetime.date(2021, 7, 16), datetime.date(2021, 7, 31), True),
        (datetime.date(2021, 7, 31), datetime.date(2021, 7, 31), True),
        (datetime.date(2021, 8, 1), datetime.date(2021, 7, 31), False),
        (datetime.date(2021, 7, 16), datetime.date(2021, 7, 1), False),  # an extension that ended earlier
    ],
)
def test_entry_window_edges(today, extended, open_):
    assert window_open(DEADLINE, extended, today) is open_


def test_no_deadline_means_open():
    assert window_open(None, None, datetime.date(2099, 1, 1))
