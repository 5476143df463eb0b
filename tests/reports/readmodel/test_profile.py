"""The organisation profile in the report object: its figures from agencies.profile_figures, and loaded in a fixed
number of queries however many rows it has."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency, Facility, OrgUnit, Risk, StaffCount, StrategicIssue
from indicators.models import Objective
from reports.readmodel.build import report_build
from tests.helpers import without_profile

YEAR = 2021


@pytest.fixture
def demo_dataset(demo_dataset):
    """The demo without its organisation profile: each test types the rows it prints."""
    return without_profile(demo_dataset)


def add_rows(agency, n, start=0):
    unit = OrgUnit.objects.filter(agency=agency).first()
    objective = Objective.objects.filter(plan__agency=agency).first()
    for k in range(start, start + n):
        StaffCount.objects.create(agency=agency, year=YEAR, breakdown="unit", label=f"Unit {k}", count=k + 1)
        Facility.objects.create(
            agency=agency, year=YEAR, name=f"Barang {k}", quantity=2, value=Decimal("10.5")
        )
        StrategicIssue.objects.create(agency=agency, year=YEAR, issue=f"Isu {k}", objective=objective)
        Risk.objects.create(
            agency=agency,
            year=YEAR,
            statement=f"Risiko {k}",
            likelihood=2,
            severity=4,
            owner_unit=unit,
            objective=objective,
        )


def build(agency_pk):
    agency = Agency.objects.select_related("government").get(pk=agency_pk)
    with CaptureQueriesContext(connection) as captured:
        report = report_build(agency=agency, year=YEAR)
    return len(captured.captured_queries), report


def test_the_profile_costs_the_same_queries_for_one_row_or_many(demo_agency):
    add_rows(demo_agency, 1)
    build(demo_agency.pk)  # warm any per-process cache
    few, small = build(demo_agency.pk)
    add_rows(demo_agency, 6, start=1)
    many, big = build(demo_agency.pk)
    assert len(big.profile.risks) == 7 and len(big.profile.issues) == 7
    assert len(big.profile.facilities.rows) == 7 and big.profile.staff[0].table.total == sum(range(1, 8))
    assert many == few


def test_the_profile_carries_its_derived_figures(demo_agency):
    add_rows(demo_agency, 2)
    _, report = build(demo_agency.pk)
    staff = report.profile.staff
    assert [s.breakdown for s in staff] == ["unit"]
    assert staff[0].table.total == 3 and staff[0].table.lines[1].share == Decimal(200) / Decimal(3)
    assert report.profile.facilities.total_quantity == 4
    assert report.profile.facilities.total_value == Decimal("21.0")
    assert {r.level for r in report.profile.risks} == {8}
    assert report.profile.risk_columns >= {"likelihood", "severity", "level", "owner_unit", "objective_code"}
    assert "cause" not in report.profile.risk_columns


def test_another_years_profile_is_not_in_the_report(demo_agency):
    StaffCount.objects.create(agency=demo_agency, year=YEAR - 1, breakdown="rank", label="III/a", count=3)
    Risk.objects.create(agency=demo_agency, year=YEAR + 1, statement="Nanti")
    _, report = build(demo_agency.pk)
    assert report.profile.staff == () and report.profile.risks == ()
    assert not report.profile.has_resources
