"""The dashboard's figures, recomputed here independently from each agency's own report, and its query count."""

from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency
from agencies.revisions import flush
from indicators.models import Indicator, Realisation
from reports.pemda.dashboard import dashboard
from reports.readmodel.build import report_build
from tests.conftest import make_user


def mean(values):
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def close(a, b):
    return (a is None and b is None) or abs(a - b) < Decimal("1e-18")


def test_the_pemda_figures_agree_with_the_agencies_own_reports(pemda_of):
    government, agencies = pemda_of(4)
    standing = dashboard(government, 2021, 4)
    capaians, ceilings, spents, entered, total = [], Decimal(0), Decimal(0), 0, 0
    rows = {row.code: row for row in standing.rows}
    for agency in Agency.objects.filter(government=government).select_related("government"):
        report = report_build(agency=agency, year=2021)
        row = rows[agency.code]
        # The agency's capaian: the plain mean of its sasaran's capaian, as the report prints them.
        own = mean([o.capaian for o in report.objectives])
        assert close(row.capaian, own)
        capaians.append(own)
        # TW IV of a year typed as a whole: the year's realisation over the pagu, as BAB III's budget table.
        figures = report.budget.figures
        assert row.ceiling == figures.ceiling and row.spent == figures.spent
        assert close(row.absorption, figures.spent * 100 / figures.ceiling)
        ceilings += figures.ceiling
        spents += figures.spent
        done = sum(
            1
            for i in report.indicators
            if i.quarters[3].realisation is not None or i.inputs.entered is not None
        )
        assert (row.entered, row.indicator_count) == (done, len(report.indicators))
        entered, total = entered + done, total + len(report.indicators)
        assert row.errors + row.warnings == len(report.checks)
    assert close(standing.capaian, mean(capaians))
    assert close(standing.absorption, spents * 100 / ceilings)
    assert standing.milestone == Decimal(90)
    assert (standing.entered, standing.indicator_count) == (entered, total)
    assert standing.states == {"draft": 1, "submitted": 1, "approved": 1, "returned": 1}
    assert len({row.capaian for row in standing.rows}) == 4  # the agencies differ


def test_a_realisation_saved_is_its_agencys_last_change_and_rebuilds_only_its_figures(
    pemda_of, django_capture_on_commit_callbacks
):
    government, agencies = pemda_of(3)
    flush()  # the imports' revisions, as their commits would have written them
    with CaptureQueriesContext(connection) as cold:
        before = {row.code: row for row in dashboard(government, 2021, 4).rows}
    with CaptureQueriesContext(connection) as warm:
        assert {row.code: row for row in dashboard(government, 2021, 4).rows} == before
    assert len(warm) == 2  # the agencies with their revisions, the review states: no report built
    assert len(cold) > len(warm)
    indicator = (
        Indicator.objects.filter(plan__agency=agencies[0]).order_by("position").first()
    )  # a draft year
    realisation = Realisation.objects.filter(indicator=indicator, year=2021, quarter=0).first()
    with django_capture_on_commit_callbacks(execute=True):
        realisation.value = realisation.value * 2
        realisation.save()
    with CaptureQueriesContext(connection) as one_changed:
        after = {row.code: row for row in dashboard(government, 2021, 4).rows}
    assert len(one_changed) == len(cold)  # one batch, for the changed agency only
    changed, unchanged = after[agencies[0].code], after[agencies[1].code]
    assert changed.last_change is not None and unchanged.last_change == before[agencies[1].code].last_change
    assert changed.capaian != before[agencies[0].code].capaian
    assert unchanged == before[agencies[1].code]
    own = report_build(agency=Agency.objects.select_related("government").get(pk=agencies[0].pk), year=2021)
    assert close(changed.capaian, mean([o.capaian for o in own.objectives]))


def test_the_dashboard_costs_the_same_queries_for_10_and_50_agencies(client, pemda_of):
    """The page as the Pemda's administrator opens it, through the whole stack: cold (no agency's figures
    cached, every report built) and warm, with the same queries for 10 agencies and for 50."""
    government, _agencies = pemda_of(10)
    client.force_login(make_user("bappeda", "pemda", government=government))
    page = reverse("pemda:dashboard", args=[government.code, 2021]) + "?tw=2"
    counts = []
    for more in (0, 40):
        pemda_of(more, start=10)
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            response = client.get(page)
        with CaptureQueriesContext(connection) as warm:
            again = client.get(page)
        rows = [answer.content.count(b'data-testid="drill-') for answer in (response, again)]
        assert rows[0] == rows[1]
        counts.append((rows[0], len(cold), len(warm)))
    assert [rows for rows, _, _ in counts] == [10, 50]
    assert counts[0][1:] == counts[1][1:]
    assert counts[0][2] < counts[0][1]  # the warm view reads the kept figures
