"""The Pemda dashboard's data, in a fixed number of queries whatever the number of agencies.

Each agency's figures for a year (`standing.AgencyFigures`, read off its report object) are cached under its
revision (`agencies.revisions`: raised by every committed change of its data, and by a change of the Pemda's
settings): a view builds, in one batch (`reports_build`), only the reports of agencies changed since their figures
were cached, and none when nothing changed. The review states, the revisions (and so each agency's last change)
come in one query each. A cached entry also expires after `FIGURES_TTL`: a safety net for a write that neither
sends a signal nor notes its agency. `warm_reports --refresh`, run from cron every quarter of an hour with a shared
cache (reports/pemda/warm.py), is the same safety net without the cold view: it rebuilds the figures from the
database before they expire and keeps them longer (`warm.REFRESHED_LIFETIME`).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Max, Min

from agencies.models import Agency, AgencyRevision, Government
from indicators.models import StrategicPlan
from indicators.predicates import declared_scales
from reports.pemda.standing import (
    AgencyFigures,
    AgencyStanding,
    PemdaStanding,
    agency_figures,
    agency_standing,
    pemda_standing,
    without_report,
)
from reports.readmodel.build import reports_build
from review.models import YearReview
from review.workflow import State

FIGURES_FORMAT = 1  # raise when AgencyFigures or what fills it changes: older cached entries are then ignored
FIGURES_TTL = 15 * 60
NO_REPORT = "none"  # cached for an agency whose Renstra does not cover the year


def revision_of(agency: Agency) -> AgencyRevision | None:
    """The agency's revision as `select_related` brought it; None when its data never changed since revisions
    began (no query either way)."""
    try:
        return agency.revision
    except AgencyRevision.DoesNotExist:
        return None


def _key(agency: Agency, year: int) -> str:
    revision = revision_of(agency)
    return f"pemda-figures:{FIGURES_FORMAT}:{agency.pk}:{year}:{revision.number if revision else 0}"


def figures_of(
    agencies: list[Agency], year: int, *, refresh: bool = False, lifetime: int = FIGURES_TTL
) -> dict[int, AgencyFigures | None]:
    """Each agency's figures (None: no Renstra covers the year), from the cache or built for those missing, and
    cached for `lifetime` seconds. The agencies come with their revision (`pemda_agencies`). `refresh` reads no
    cached figures (the reports they are read off are the caller's to rebuild: `warm.warm_pemda`)."""
    keys = {agency.pk: _key(agency, year) for agency in agencies}
    cached = {} if refresh else cache.get_many(keys.values())
    out: dict[int, AgencyFigures | None] = {}
    missing = []
    for agency in agencies:
        entry = cached.get(keys[agency.pk])
        if entry is None:
            missing.append(agency)
        else:
            out[agency.pk] = None if entry == NO_REPORT else entry
    if missing:
        reports = reports_build(agencies=missing, year=year)
        fresh = {}
        for agency in missing:
            report = reports.get(agency.pk)
            out[agency.pk] = agency_figures(report) if report is not None else None
            fresh[keys[agency.pk]] = out[agency.pk] or NO_REPORT
        cache.set_many(fresh, lifetime)
    return out


def pemda_agencies(government: Government) -> list[Agency]:
    """The Pemda's agencies with their revision (number and time of the last change), in one query."""
    return list(
        Agency.objects.filter(government=government).select_related("government", "revision").order_by("name")
    )


def plan_years(government: Government) -> list[int]:
    """Every year some agency's Renstra covers (one query)."""
    span = StrategicPlan.objects.filter(agency__government=government).aggregate(
        first=Min("start_year"), last=Max("end_year")
    )
    if span["first"] is None:
        return []
    return list(range(span["first"], span["last"] + 1))


def dashboard_year(years: list[int], this_year: int) -> int:
    """The year a Pemda's dashboard opens on (`plan_years`): this year, or the last year the plans cover when they
    end earlier, or their first when they begin later."""
    if not years:
        return this_year
    return min(max(years), this_year) if this_year >= years[0] else years[0]


def agencies_standing(government: Government, year: int, quarter: int) -> list[AgencyStanding]:
    agencies = pemda_agencies(government)
    figures = figures_of(agencies, year)
    states = dict(
        YearReview.objects.filter(agency__government=government, year=year).values_list("agency_id", "state")
    )
    rows = []
    for agency in agencies:
        state = states.get(agency.pk, State.DRAFT)
        revision = revision_of(agency)
        last_change = revision.changed_at if revision else None
        own = figures[agency.pk]
        if own is None:
            rows.append(
                without_report(
                    agency.pk,
                    agency.code,
                    agency.name,
                    agency.short_name,
                    quarter=quarter,
                    review_state=state,
                    last_change=last_change,
                )
            )
        else:
            rows.append(agency_standing(own, quarter=quarter, review_state=state, last_change=last_change))
    return rows


def dashboard(government: Government, year: int, quarter: int) -> PemdaStanding:
    rows = agencies_standing(government, year, quarter)
    scale = declared_scales(government.predicate_scale, government.indicator_scale).main
    return pemda_standing(rows, year=year, quarter=quarter, scale=scale)
