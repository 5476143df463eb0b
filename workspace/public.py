"""The public surface: what anyone may read without logging in, decided here and nowhere else.

Published means approved: an agency's LKjIP of a year whose review state is approved and which has its approved
edition (`reports.lkjip.editions`), served exactly as the inspectorate approved it. Nothing else leaves through
here: no draft, submitted, returned or reopened year, no figure outside the approved PDF, no comment, no user name.
A year approved before editions were kept is not published until `manage.py capture_editions` keeps its edition.

Kept apart from `workspace/access.py` on purpose: the access layer answers "may this user see this agency", this
module "is this report published"; a public view never asks the former, and a workspace view never the latter.
Every public view is wrapped in `public_view` (GET and HEAD only), which also marks it, so that the URL walk
(`tests/workspace/test_access_url_walk.py`) can tell the intentionally public screens from the rest.

The Pemda's own LKjIP is published the same way: a year whose Pemda LKjIP its inspectorate approved, served as
the edition kept at that approval (`reports.lkjip_pemda.editions`), listed above the agencies' table
(`PublicPage.government_reports`, from `published_government_reports`) at `publik/<government>/<year>/lkjip.pdf`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max, Q
from django.http import Http404
from django.views.decorators.http import require_safe

from agencies.models import Agency, Government
from reports.lkjip.editions import Edition, approved_edition
from reports.lkjip_pemda.editions import approved_pemda_edition
from review.models import PemdaReportEvent, ReviewEvent
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


def _government_approvals():
    """The approvals that published a Pemda LKjIP: the year is approved now and the event kept its edition (the
    same rule as `approved_pemda_edition`)."""
    return PemdaReportEvent.objects.filter(
        action=Action.APPROVE, review__state=State.APPROVED, edition__isnull=False
    )


@dataclass(frozen=True)
class PublishedGovernmentReport:
    """The Pemda's own approved LKjIP of one year."""

    year: int
    approved_at: datetime.datetime  # the approval whose edition is served


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
    # The Pemda's own LKjIP, newest year first.
    government_reports: tuple[PublishedGovernmentReport, ...] = ()


def government_or_404(code: str) -> Government:
    government = Government.objects.filter(code=code).first()
    if government is None:
        raise Http404("Pemerintah daerah tidak ditemukan / government not found")
    return government


def published_government_reports(government: Government) -> tuple[PublishedGovernmentReport, ...]:
    """The years of the Pemda's own LKjIP that are published, newest first, with the date of the approval whose
    edition is served. One query."""
    latest = (
        _government_approvals()
        .filter(review__government=government)
        .values("review__year")
        .annotate(approved_at=Max("at"))
        .order_by("-review__year")
    )
    return tuple(PublishedGovernmentReport(row["review__year"], row["approved_at"]) for row in latest)


def publication(government: Government) -> PublicPage:
    """What the Pemda has published, in three queries whatever the number of agencies and years."""
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
    return PublicPage(government, years, tuple(rows), published_government_reports(government))


def publishing_governments() -> list[Government]:
    """The Pemda with at least one published report, an agency's or its own, by name (one query)."""
    published = _approvals().values("review__agency__government_id")
    own = _government_approvals().values("review__government_id")
    return list(Government.objects.filter(Q(pk__in=published) | Q(pk__in=own)).order_by("name", "pk"))


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


def published_government_edition_or_404(government_code: str, year: int) -> tuple[Government, Edition]:
    """The Pemda and the approved edition of its own LKjIP of the year; 404 for an unknown code and a year that is
    not approved."""
    government = government_or_404(government_code)
    edition = approved_pemda_edition(government, year)
    if edition is None:
        raise Http404("Laporan ini tidak dipublikasikan / this report is not published")
    return government, edition
