"""Warm the report cache for a Pemda and year: every agency's report object (`reports_build`) and the dashboard's
figures (`dashboard.figures_of`), through the very functions the dashboard and the Pemda LKjIP call, so under the
very keys they read (each agency's committed revision). The first view of the dashboard after a deploy, a restart
of the cache or a flush then costs what a warm view costs instead of building every agency's report
(docs/performance.md, "The Pemda dashboard").

Only worth doing where the cache is shared between processes (`CACHE_URL`: Redis, memcached, the database, files):
the local-memory cache (the default) belongs to one process, so what another process warms is never seen by the web
server (`cache_is_shared`). Entries keep the cache's own lifetime (`REPORT_CACHE_TTL`, `FIGURES_TTL`): a warm-up
makes the next quarter of an hour fast, not every one after it.

Between deploys, `refresh` (`warm_reports --refresh`, from cron every quarter of an hour) keeps the dashboard warm
and is the revisions' safety net at once: it rebuilds every agency's report and figures from the database, cached
or not, and stores them for `REFRESHED_LIFETIME`. A write that raised no revision is therefore seen within one
cron interval, as the 15 minutes' lifetime promised, while the dashboard's first view after a quiet hour is a warm
one. Should the cron stop, the entries expire after `REFRESHED_LIFETIME` and the dashboard is back to building
what it misses: slower, never staler than that.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache

from agencies.models import Government
from reports.pemda.dashboard import FIGURES_TTL, figures_of, pemda_agencies
from reports.readmodel.build import REPORT_CACHE_TTL, reports_build

GROUP = (
    10  # agencies whose reports are built at once: memory bounded by ten reports, as the batch's preparation
)
# Entries a refresh writes outlive several runs of a quarter-hourly cron (one missed run changes nothing), and no
# more: a cron that stopped leaves no entry older than an hour.
REFRESHED_LIFETIME = 60 * 60


@dataclass(frozen=True)
class Warmed:
    governments: int
    agencies: int  # agencies whose report and figures of the year are now in the cache
    without_report: int  # agencies no Renstra covers for the year (cached as such for the dashboard)
    seconds: float


def cache_is_shared() -> bool:
    """Whether what this process puts in the cache is seen by the others (the web server's workers)."""
    return not isinstance(caches["default"], (LocMemCache, DummyCache))


def warm_pemda(government: Government, year: int, *, refresh: bool = False) -> tuple[int, int]:
    """Put every agency's report object of the year and its dashboard figures in the cache (those already there are
    only read; with `refresh`, built again from the database and kept `REFRESHED_LIFETIME`): (agencies with a
    report, agencies without one). Outside a transaction: inside one nothing is cached (`committed_revisions`)."""
    agencies = pemda_agencies(government)
    with_report = 0
    for start in range(0, len(agencies), GROUP):
        group = agencies[start : start + GROUP]
        reports_build(
            agencies=group,
            year=year,
            rebuild=refresh,
            lifetime=REFRESHED_LIFETIME if refresh else REPORT_CACHE_TTL,
        )
        # Read off the reports just cached (the figures' own batch then builds nothing).
        figures = figures_of(
            group, year, refresh=refresh, lifetime=REFRESHED_LIFETIME if refresh else FIGURES_TTL
        )
        with_report += sum(1 for own in figures.values() if own is not None)
    return with_report, len(agencies) - with_report


def warm(
    governments: list[Government], year_of: Callable[[Government], int], *, refresh: bool = False
) -> Warmed:
    """`warm_pemda` for each Pemda, in the year `year_of(government)` gives."""
    started = time.monotonic()
    agencies = without = 0
    for government in governments:
        done, missing = warm_pemda(government, year_of(government), refresh=refresh)
        agencies, without = agencies + done, without + missing
    return Warmed(len(governments), agencies, without, time.monotonic() - started)
