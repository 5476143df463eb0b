"""The RPJMD of a year with the agencies' figures (reports.pemda.rpjmd): sourced IKU take the realisation the
agency's own report computes, the pohon kinerja carries the linked agency sasaran, in a fixed number of queries."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.achievement import capaian
from indicators.models import Indicator, Objective
from reports.pemda.rpjmd import rpjmd_report
from reports.readmodel.build import report_build
from rpjmd.models import RegionalPlan, RegionalRealisation, RegionalTarget
from tests.rpjmd.scenario import make_rpjmd


def _source(agency):
    return (
        Indicator.objects.filter(plan__agency=agency, objective__isnull=False, realisations__year=2021)
        .order_by("plan__start_year", "position")
        .last()
    )


def _link(government, agencies, n_sourced):
    plan, regional_objective, ikus = make_rpjmd(government, n_indicators=max(n_sourced, 1) + 1)
    for iku, agency in zip(ikus, agencies[:n_sourced], strict=False):
        iku.source_indicator = _source(agency)
        iku.save()
        iku.agencies.add(agency)
        RegionalTarget.objects.update_or_create(
            indicator=iku, kind="rpjmd", year=2021, defaults={"value": Decimal("50")}
        )
    for agency in agencies[:n_sourced]:
        Objective.objects.filter(plan__agency=agency).update(rpjmd_objective=regional_objective)
    return plan, ikus


def _queries(government):
    with CaptureQueriesContext(connection) as captured:
        rpjmd_report(government, 2021)
    return len(captured)


def test_sourced_iku_take_the_agency_report_realisation_and_the_tree_carries_agency_sasaran(pemda_of):
    government, agencies = pemda_of(2)
    _plan, ikus = _link(government, agencies, 2)
    direct = ikus[-1]  # typed by the Pemda
    RegionalRealisation.objects.create(indicator=direct, year=2021, value=Decimal("36"))
    report = rpjmd_report(government, 2021)
    rows = {row.code: row for row in report.indicators}
    for iku, agency in zip(ikus, agencies, strict=False):
        own = report_build(agency=agency, year=2021)
        expected = next(r for r in own.indicators if r.code == iku.source_indicator.code).realisation
        assert expected is not None
        assert rows[iku.code].current.realisation == expected
        assert rows[iku.code].current.capaian == capaian(Decimal("50"), expected)
    assert rows[direct.code].current.realisation == Decimal("36")
    assert rows[direct.code].current.capaian == Decimal("50")  # 36 of 72
    (objective,) = report.objectives
    assert {row.agency.code for row in objective.agency_objectives} == {a.code for a in agencies}
    own = report_build(agency=agencies[0], year=2021)
    first = next(row for row in objective.agency_objectives if row.agency.code == agencies[0].code)
    assert first.capaian == next(o.capaian for o in own.objectives if o.code == first.code)
    assert any(row.programs for row in objective.agency_objectives)


def test_the_query_count_does_not_grow_with_the_source_agencies(pemda_of):
    government, agencies = pemda_of(5)
    _link(government, agencies, 2)
    two = _queries(government)
    Objective.objects.update(rpjmd_objective=None)
    RegionalPlan.objects.all().delete()
    _link(government, agencies, 5)
    assert _queries(government) == two


def test_no_rpjmd_no_report(pemda_of):
    government, _agencies = pemda_of(1)
    assert rpjmd_report(government, 2021) is None
