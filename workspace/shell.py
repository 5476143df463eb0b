"""What every screen of an agency's workspace shows around its content: the agency, the years, the tabs."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from review.locks import status_of

QUARTER_LABELS = {0: "Tahunan", 1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


def current_quarter(year: int, today: datetime.date) -> int:
    """The quarter a planner is most likely working on: the last one for a past year, TW I for a future one."""
    if year < today.year:
        return 4
    if year > today.year:
        return 1
    return (today.month - 1) // 3 + 1


def workspace_context(request, agency, *, section: str, year: int | None = None, **extra) -> dict:
    """Template context shared by the workspace screens (one query: the agency's plans).

    `review` is the year's review status (`review.locks.YearStatus`) that `agency_view` fetched with the agency.
    """
    plans = list(agency.plans.all())
    years = sorted({y for plan in plans for y in plan.years}, reverse=True)
    if year is None:
        year = next((p.end_year for p in sorted(plans, key=lambda p: (-p.end_year, -p.pk))), None)
    match = request.resolver_match
    if match and "year" in match.kwargs:
        ns = f"{match.namespace}:" if match.namespace else ""
        year_links = [(y, reverse(ns + match.url_name, kwargs={**match.kwargs, "year": y})) for y in years]
    else:
        year_links = [(y, reverse("agencies:overview_year", args=[agency.code, y])) for y in years]
    review = getattr(request, "review", None)
    if review is None or review.year != year:
        # The overview shows its year's review state too; other screens without a year in the URL do not.
        review = status_of(agency, year) if year and section == "overview" else None
    return {
        "agency": agency,
        "review": review,
        "year": year,
        "years": years,
        "year_links": year_links,
        "section": section,
        "can_edit": getattr(request, "can_edit", False),
        "quarter_now": (quarter_now := current_quarter(year, timezone.localdate()) if year else 1),
        "quarter_now_label": QUARTER_LABELS[quarter_now],
        **extra,
    }
