"""Warming the report cache for a Pemda (`reports/pemda/warm.py`, `manage.py warm_reports`): the dashboard's first
view afterwards costs what a warm view costs; the command warms only a cache other processes share."""

import io
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency
from indicators.models import Indicator, Realisation
from reports.pemda.dashboard import dashboard, dashboard_year
from reports.pemda.warm import warm_pemda
from reports.readmodel.build import reports_build
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(
    transaction=True
)  # the revisions are raised on commit: the cache keys on them


@pytest.fixture
def shared_cache(settings, tmp_path):
    """A cache every process of the machine shares (files), as Redis would be in production."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    yield
    cache.clear()


def view_queries(client, government) -> int:
    url = reverse("pemda:dashboard", args=[government.code, 2021]) + "?tw=4"
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def logged_in(client, government):
    client.force_login(make_user("bappeda", "pemda", government=government))
    return client


def test_after_warming_the_dashboards_first_view_is_a_warm_one(client, pemda_of):
    government, agencies = pemda_of(3)
    client = logged_in(client, government)
    cold = view_queries(client, government)
    warm = view_queries(client, government)
    assert cold > warm  # the first view built the reports
    cache.clear()  # a restart of the cache, a flush
    assert warm_pemda(government, 2021) == (3, 0)
    assert view_queries(client, government) == warm
    # The report objects are there too, under the key the Pemda LKjIP and the batch read: nothing is built.
    with CaptureQueriesContext(connection) as batch:
        reports = reports_build(agencies=list(Agency.objects.select_related("government")), year=2021)
    assert len(reports) == 3 and len(batch) == 2  # the agencies' revisions, the cache: no table of a report


def test_the_command_warms_a_shared_cache_and_says_how_much(client, pemda_of, shared_cache):
    government, _agencies = pemda_of(3)
    client = logged_in(client, government)
    view_queries(client, government)
    warm = view_queries(client, government)
    cache.clear()
    out = io.StringIO()
    call_command("warm_reports", government=[government.code], year=2021, stdout=out)
    line = out.getvalue().strip()
    assert line.startswith("Cache dihangatkan: 3 perangkat daerah, 1 Pemda,")
    assert "Cache warmed: 3 agencies, 1 Pemda," in line and line.endswith(" s.") and "\n" not in line
    assert view_queries(client, government) == warm
    # By default every Pemda, in the year its dashboard opens on: the demo plans end in 2021, before this year.
    cache.clear()
    call_command("warm_reports", stdout=io.StringIO())
    assert view_queries(client, government) == warm
    with pytest.raises(CommandError, match="unknown Pemda: nowhere"):
        call_command("warm_reports", government=["nowhere"], stdout=io.StringIO())


def test_with_the_local_memory_cache_the_command_warms_nothing_and_says_why(client, pemda_of):
    government, _agencies = pemda_of(2)
    out = io.StringIO()
    call_command("warm_reports", stdout=out)
    assert "Cache not warmed: the cache is each process's own" in out.getvalue()
    client = logged_in(client, government)
    assert view_queries(client, government) > view_queries(client, government)  # the first view is still cold


@pytest.mark.django_db(transaction=False)
def test_the_year_a_dashboard_opens_on_is_this_year_within_the_plans():
    assert dashboard_year([2021, 2022, 2023, 2024, 2025], 2023) == 2023
    assert (
        dashboard_year([2016, 2017, 2018, 2019, 2020, 2021], 2026) == 2021
    )  # the plans ended: their last year
    assert dashboard_year([2027, 2028], 2026) == 2027  # they begin later: their first
    assert dashboard_year([], 2026) == 2026


def later(minutes):
    """The clock `minutes` ahead, as the cache reads it to expire its entries."""
    now = time.time()
    return mock.patch("time.time", lambda: now + minutes * 60)


def capaians(government):
    return {row.code: row.capaian for row in dashboard(government, 2021, 4).rows}


def test_the_refresh_sees_a_write_that_raised_no_revision_and_keeps_the_dashboard_warm_for_an_hour(
    client, pemda_of, shared_cache
):
    government, agencies = pemda_of(3)
    client = logged_in(client, government)
    view_queries(client, government)
    warm = view_queries(client, government)
    with later(16):
        assert view_queries(client, government) > warm  # a view's entries expire after 15 minutes: cold
    before = capaians(government)
    # A write that neither sends a signal nor notes its agency (a hand-written SQL fix, a future bulk writer).
    indicator = Indicator.objects.filter(plan__agency=agencies[0]).order_by("position").first()
    Realisation.objects.filter(indicator=indicator, year=2021, quarter=0).update(value=F("value") * 2)
    assert capaians(government) == before  # the revision did not move: the cached figures are read

    out = io.StringIO()
    call_command("warm_reports", government=[government.code], year=2021, refresh=True, stdout=out)
    assert out.getvalue().startswith("Cache diperbarui: 3 perangkat daerah, 1 Pemda,")
    assert "Cache refreshed: 3 agencies" in out.getvalue()
    after = capaians(government)
    assert after[agencies[0].code] != before[agencies[0].code]  # rebuilt from the database
    assert {code: after[code] for code in after if code != agencies[0].code} == {
        code: before[code] for code in before if code != agencies[0].code
    }
    with later(45):
        assert view_queries(client, government) == warm  # no cron run missed yet: still warm
    with later(61):
        assert view_queries(client, government) > warm  # the cron stopped: its entries are gone after an hour
