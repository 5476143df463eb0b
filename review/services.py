"""Writes of the review workflow: one transition at a time, logged.

An approval also keeps what was approved (the figures, and the report as rendered); that belongs to the report
layer above this app, so the caller hands it in as `approving` (`reports.approval.review_transition` does).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from django.db import transaction

from agencies.models import Agency, role_of
from agencies.writes import lock_agency

from .models import ReviewEvent, YearReview
from .notifications import notify_transition_on_commit
from .workflow import State, next_state


class ApprovalRecord(Protocol):
    """What an approval keeps, built before its event is written: the approved figures, then the edition."""

    snapshot: dict

    def keep(self, event: ReviewEvent) -> None: ...


Approving = Callable[[Agency, int], ApprovalRecord]


class ApprovalNotKept(RuntimeError):
    """An approval asked without the report layer that keeps it (a programming error, never a user's)."""


@transaction.atomic
def review_transition(
    *, agency, year: int, action: str, user, note: str = "", approving: Approving | None = None
) -> YearReview:
    """Apply a workflow action for the user's role; raises `workflow.TransitionRefused` when not allowed.
    An approval needs `approving(agency, year)`, which builds what the approval keeps."""
    # One writer per agency (agencies/writes.py): a grid save never straddles a transition.
    lock_agency(agency.code)
    review, _ = YearReview.objects.select_for_update().get_or_create(agency=agency, year=year)
    target = next_state(review.state, action, role_of(user), note)
    record = None
    if target == State.APPROVED:
        if approving is None:
            raise ApprovalNotKept("an approval keeps its report: use reports.approval.review_transition")
        record = approving(agency, year)
    event = ReviewEvent.objects.create(
        review=review,
        actor=user,
        action=action,
        from_state=review.state,
        to_state=target,
        note=note.strip(),
        snapshot=record.snapshot if record is not None else None,
    )
    if record is not None:
        record.keep(event)
    review.state = target
    review.save(update_fields=["state", "updated_at"])
    notify_transition_on_commit(event)
    return review
