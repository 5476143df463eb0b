"""The dashboard's figures, recomputed here independently from each agency's own report, and its query count."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency
from indicators.models import Indicator, Realisation
from reports.pemda.dashboard import dashboard
from reports.readmodel.build import report_build


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


def test_a_realisation_typed_today_is_the_agencys_last_change(pemda_of):
    government, agencies = pemda_of(2)
    before = {row.code: row.last_change for row in dashboard(government, 2021, 4).rows}
    indicator = Indicator.objects.filter(plan__agency=agencies[0]).first()  # a draft year
    realisation = Realisation.objects.filter(indicator=indicator, year=2021).first()
    realisation.note = "diperbarui"
    realisation.save()
    after = {row.code: row.last_change for row in dashboard(government, 2021, 4).rows}
    assert after[agencies[0].code] > before[agencies[0].code]
    assert after[agencies[1].code] == before[agencies[1].code]


def test_the_dashboard_costs_the_same_queries_for_10_and_50_agencies(pemda_of):
    government, _agencies = pemda_of(10)
    counts = []
    for more in (0, 40):
        pemda_of(more, start=10)
        with CaptureQueriesContext(connection) as captured:
            standing = dashboard(government, 2021, 2)
        counts.append((len(standing.rows), len(captured)))
    assert counts[0][0] == 10 and counts[1][0] == 50
    assert counts[0][1] == counts[1][1]
