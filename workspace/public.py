"""The public surface: what anyone may read without logging in, decided here and nowhere else.

Published means approved: an agency's LKjIP of a year whose review state is approved and which has its approved
edition (`reports.lkjip.editions`), served exactly as the inspectorate approved it. Nothing else leaves through
here: no draft, submitted, returned or reopened year, no figure outside the approved PDF, no comment, no user name.
A year approved before editions were kept is not published until `manage.py capture_editions` keeps its edition.

Kept apart from `workspace/access.py` on purpose: the access layer answers "may this user see this agency", this
module "is this report published"; a public view never asks the former, and a workspace view never the latter.
Every public view is wrapped in `public_view` (GET and HEAD only), which also marks it, so that the URL walk
(`tests/workspace/test_access_url_walk.py`) can tell the intentionally public screens from the rest.

Extension point — the Pemda's own LKjIP (not built yet): when the Pemda's report exists with its own approval and
edition, add `published_government_reports(government)` beside `publication` (its years and approval dates, from
that approval, in one query), a `PublicPage.government_reports` field filled from it, the URL
`publik/<government>/<year>/lkjip.pdf` in `workspace/urls/public.py` served like `lkjip_pdf` from the edition's
print HTML, and a list above the agencies' table in `templates/public/government.html` (its "pemda_reports" block).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max
from django.http import Http404
from django.views.decorators.http import require_safe

from agencies.models import Agency, Government
from reports.lkjip.editions import Edition, approved_edition
from review.models import ReviewEvent
from review.workflow import Action, State


def public_view(view):
    """A view of the public surface: GET and HEAD only (405 otherwise, nothing is written from here), marked
    `public_surface` for the URL walk."""
    wrapper = require_safe(view)
    wrapper.public_surface = True
    return wrapper


def _approvals():
    """The approval events that published a report: the year is approved now and the event kept its edition (the
    same rule as `approved_edition`, which serves the newest of them)."""
    return ReviewEvent.objects.filter(
        action=Action.APPROVE, review__state=State.APPROVED, edition__isnull=False
    )


@dataclass(frozen=True)
class PublishedReport:
    """One agency's approved LKjIP of one year: what the public page links to."""

    agency: Agency
    year: int
    approved_at: datetime.datetime  # the approval whose edition is served


@dataclass(frozen=True)
class PublishedAgency:
    agency: Agency
    # One per year of the page, in its order; None: nothing published that year.
    cells: tuple[PublishedReport | None, ...]


@dataclass(frozen=True)
class PublicPage:
    """A Pemda's public page: the years with at least one published report (newest first) and, per agency that
    has one, its reports in those years."""

    government: Government
    years: tuple[int, ...]
    agencies: tuple[PublishedAgency, ...]


def government_or_404(code: str) -> Government:
    government = Government.objects.filter(code=code).first()
    if government is None:
        raise Http404("Pemerintah daerah tidak ditemukan / government not found")
    return government


def publication(government: Government) -> PublicPage:
    """What the Pemda has published, in two queries whatever the number of agencies and years."""
    latest = (
        _approvals()
        .filter(review__agency__government=government)
        .values("review__agency_id", "review__year")
        .annotate(approved_at=Max("at"))
    )
    approved = {(row["review__agency_id"], row["review__year"]): row["approved_at"] for row in latest}
    agencies = Agency.objects.filter(pk__in={agency_id for agency_id, _ in approved}).order_by("name", "pk")
    years = tuple(sorted({year for _, year in approved}, reverse=True))
    rows = []
    for agency in agencies:
        cells = tuple(
            PublishedReport(agency, year, approved[key]) if (key := (agency.pk, year)) in approved else None
            for year in years
        )
        rows.append(PublishedAgency(agency, cells))
    return PublicPage(government, years, tuple(rows))


def publishing_governments() -> list[Government]:
    """The Pemda with at least one published report, by name (one query)."""
    published = _approvals().values("review__agency__government_id")
    return list(Government.objects.filter(pk__in=published).order_by("name", "pk"))


def published_edition_or_404(government_code: str, agency_code: str, year: int) -> tuple[Agency, Edition]:
    """The agency of this Pemda and its approved edition of the year; 404 for an unknown code, an agency of
    another Pemda, and a year that is not approved (or has no edition)."""
    agency = (
        Agency.objects.select_related("government")
        .filter(code=agency_code, government__code=government_code)
        .first()
    )
    if agency is None:
        raise Http404("Perangkat daerah tidak ditemukan / agency not found")
    edition = approved_edition(agency, year)
    if edition is None:
        raise Http404("Laporan ini tidak dipublikasikan / this report is not published")
    return agency, edition
