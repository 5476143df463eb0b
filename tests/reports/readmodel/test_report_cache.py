"""The report object is kept under the agency's committed revision: the same object until the agency's data change,
never a stale one after a change, never read or filled while writes are uncommitted."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency
from indicators.models import Realisation
from interchange.dataset.writing import dataset_import
from reports.readmodel.build import report_build

pytestmark = pytest.mark.django_db(transaction=True)  # commits happen: the revisions are raised on commit


def agency():
    return Agency.objects.select_related("government").get(code="tangsel-dinkopukm")


def queries(fn):
    with CaptureQueriesContext(connection) as captured:
        result = fn()
    return len(captured), result


def test_a_second_build_reads_the_cache_and_a_change_builds_afresh(demo_dataset):
    dataset_import(demo_dataset)
    first_count, first = queries(lambda: report_build(agency=agency(), year=2021))
    again_count, again = queries(lambda: report_build(agency=agency(), year=2021))
    assert again == first
    assert again_count == 2 < first_count  # the agency, its revision: no table of the report read again
    row = Realisation.objects.filter(indicator__code="S1.1", year=2021, quarter=0).first()
    row.value = row.value * 2
    row.save()  # autocommit: the revision is raised at once
    changed_count, changed = queries(lambda: report_build(agency=agency(), year=2021))
    assert changed_count == first_count
    assert changed != first
    assert changed == report_build(agency=agency(), year=2021)


def test_inside_a_transaction_the_report_is_built_from_the_rows_as_they_are_now(demo_dataset):
    dataset_import(demo_dataset)
    before = report_build(agency=agency(), year=2021)  # cached
    with transaction.atomic():
        row = Realisation.objects.filter(indicator__code="S1.1", year=2021, quarter=0).first()
        row.value = row.value * 2
        row.save()
        inside = report_build(agency=agency(), year=2021)
        assert inside != before
        transaction.set_rollback(True)
    assert report_build(agency=agency(), year=2021) == before


def test_each_caller_gets_its_own_agency_object_back(demo_dataset):
    dataset_import(demo_dataset)
    report_build(agency=agency(), year=2021)
    mine = agency()
    mine.note = "annotated by my query"
    assert report_build(agency=mine, year=2021).agency is mine


def test_a_pemdas_batch_shares_the_cache_with_each_agencys_own_report(demo_dataset):
    from reports.readmodel.build import reports_build

    dataset_import(demo_dataset)
    own = report_build(agency=agency(), year=2021)  # cached
    count, batch = queries(lambda: reports_build(agencies=[agency()], year=2021))
    assert batch[agency().pk] == own
    assert count == 2  # the agency, the revisions: nothing built
