"""A Pemda's reports in one batch: each equal to the agency's own report, at a query count that does not grow
with the number of agencies."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency
from reports.readmodel.build import report_build, reports_build


def test_each_report_of_the_batch_is_the_agencys_own_report(pemda_of):
    _government, agencies = pemda_of(3)
    agencies = list(Agency.objects.filter(pk__in=[a.pk for a in agencies]).select_related("government"))
    batch = reports_build(agencies=agencies, year=2021)
    assert set(batch) == {a.pk for a in agencies}
    for agency in agencies:
        own = report_build(agency=agency, year=2021)
        assert batch[agency.pk] == own
    assert batch[agencies[0].pk].objectives[0].capaian != batch[agencies[1].pk].objectives[0].capaian


def test_the_batch_costs_the_same_queries_for_two_or_five_agencies(pemda_of):
    _government, agencies = pemda_of(5)
    agencies = list(Agency.objects.filter(pk__in=[a.pk for a in agencies]).select_related("government"))
    counts = []
    for some in (agencies[:2], agencies):
        with CaptureQueriesContext(connection) as captured:
            reports_build(agencies=some, year=2021)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_an_agency_without_a_plan_for_the_year_is_left_out(pemda_of):
    _government, agencies = pemda_of(2)
    agencies = list(Agency.objects.filter(pk__in=[a.pk for a in agencies]).select_related("government"))
    assert reports_build(agencies=agencies, year=2031) == {}
