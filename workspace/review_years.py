"""Reads of the review for lists: the state of each agency's recent years (home page of reviewers)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from indicators.models import StrategicPlan
from review.models import YearReview
from review.workflow import UNDER_REVIEW, State

RECENT_YEARS = 3
# The colour of a review state's badge, wherever a state is shown.
STATE_BADGES = {
    State.DRAFT: "text-bg-secondary",
    State.SUBMITTED: "text-bg-primary",
    State.RESUBMITTED: "text-bg-primary",
    State.RETURNED: "text-bg-warning",
    State.APPROVED: "text-bg-success",
    State.REOPENED: "text-bg-dark",
}


def attach_review_years(agencies, *, today=None) -> int:
    """Set `agency.review_years` = [{year, state, label, url}] for its latest plan years up to this year
    (two queries for the whole list); returns how many of those years wait for the inspectorate."""
    this_year = (today or timezone.localdate()).year
    ids = [a.pk for a in agencies]
    years = {}
    for agency_id, start, end in StrategicPlan.objects.filter(agency_id__in=ids).values_list(
        "agency_id", "start_year", "end_year"
    ):
        years.setdefault(agency_id, set()).update(y for y in range(start, end + 1) if y <= this_year)
    states = {
        (r["agency_id"], r["year"]): r["state"]
        for r in YearReview.objects.filter(agency_id__in=ids).values("agency_id", "year", "state")
    }
    waiting = 0
    for agency in agencies:
        recent = sorted(years.get(agency.pk, ()), reverse=True)[:RECENT_YEARS]
        agency.review_years = []
        for year in recent:
            state = states.get((agency.pk, year), State.DRAFT)
            waiting += state in UNDER_REVIEW
            agency.review_years.append(
                {
                    "year": year,
                    "state": state,
                    "label": State(state).label,
                    "badge": STATE_BADGES[state],
                    "url": reverse("review:detail", args=[agency.code, year]),
                }
            )
    return waiting
