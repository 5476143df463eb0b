"""Which target set each figure uses, the whole Renstra series and provisional realisations in the report object
(issue 18, points 3, 6 and 12)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from agencies.models import Agency
from indicators.models import PerformanceAgreement, Realisation, Target
from reports.readmodel.build import report_build
from tests.factories import (
    PLAN_END,
    PLAN_START,
    YEAR,
    IndicatorFactory,
    PerformanceAgreementFactory,
    RealisationFactory,
    TargetFactory,
)
from tests.reports.readmodel.test_build_queries import count_queries, doubled


def _row(report, code):
    return next(i for i in report.indicators if i.code == code)


@pytest.mark.django_db
def test_each_figure_names_its_target_set_and_the_pk_perubahan_reason():
    revised = IndicatorFactory()
    plan = revised.plan
    pk_only = IndicatorFactory(objective=revised.objective)
    renstra_only = IndicatorFactory(objective=revised.objective)
    TargetFactory(indicator=revised, kind=Target.Kind.PK, value=Decimal(10))
    TargetFactory(
        indicator=revised,
        kind=Target.Kind.PK_REVISED,
        value=Decimal(8),
        revision_reason="Refocusing COVID-19",
    )
    TargetFactory(indicator=pk_only, kind=Target.Kind.PK, value=Decimal(5))
    TargetFactory(indicator=renstra_only, kind=Target.Kind.RENSTRA, value=Decimal(7))
    for indicator in (revised, pk_only, renstra_only):
        RealisationFactory(indicator=indicator, value=Decimal(8))

    report = report_build(agency=plan.agency, year=YEAR)

    row = _row(report, revised.code)
    assert (row.target, row.current.source, row.current.source_label) == (
        Decimal(8),
        "pk_revised",
        "PK perubahan",
    )
    assert row.inputs.pk_target == Decimal(10)
    assert row.revision_reason == "Refocusing COVID-19"
    assert _row(report, pk_only.code).current.source == "pk"
    assert _row(report, renstra_only.code).current.source == "renstra"
    assert _row(report, renstra_only.code).revision_reason == ""
    assert report.target_sets == {"pk_revised": 1, "pk": 1, "renstra": 1}


@pytest.mark.django_db
def test_the_pk_perubahan_of_the_year_is_found_by_its_revision():
    indicator = IndicatorFactory()
    agency = indicator.plan.agency
    PerformanceAgreementFactory(agency=agency, signed_on=f"{YEAR}-01-04")
    PerformanceAgreementFactory(
        agency=agency, revision=PerformanceAgreement.Revision.REVISED, signed_on=f"{YEAR}-10-01"
    )

    report = report_build(agency=agency, year=YEAR)

    assert report.agreement("perubahan").signed_on == f"{YEAR}-10-01"
    assert report.agreement("murni").signed_on == f"{YEAR}-01-04"


@pytest.mark.django_db
def test_comparison_years_are_n_minus_2_to_n_before_the_final_year():
    indicator = IndicatorFactory()
    report = report_build(agency=indicator.plan.agency, year=YEAR)
    assert report.series_years == (YEAR - 2, YEAR - 1, YEAR)
    assert sorted(_row(report, indicator.code).history) == [YEAR - 2, YEAR - 1]
    assert not report.whole_series


@pytest.mark.django_db
def test_the_renstras_final_year_reports_every_year_since_its_first():
    indicator = IndicatorFactory()
    for y in range(PLAN_START, PLAN_END + 1):
        TargetFactory(
            indicator=indicator, kind=Target.Kind.RENSTRA, year=y, value=Decimal(10 + y - PLAN_START)
        )
        RealisationFactory(indicator=indicator, year=y, value=Decimal(11))

    report = report_build(agency=indicator.plan.agency, year=PLAN_END)

    assert report.series_years == tuple(range(PLAN_START, PLAN_END + 1))
    assert report.whole_series
    history = _row(report, indicator.code).history
    assert sorted(history) == list(range(PLAN_START, PLAN_END))
    first = history[PLAN_START]
    assert (first.target, first.realisation, first.capaian, first.source) == (
        Decimal(10),
        Decimal(11),
        Decimal(110),
        "renstra",
    )


@pytest.mark.django_db
def test_the_whole_series_on_request_in_an_earlier_year():
    indicator = IndicatorFactory()
    report = report_build(agency=indicator.plan.agency, year=YEAR, whole_series=True)
    assert report.series_years == tuple(range(PLAN_START, YEAR + 1))
    assert sorted(_row(report, indicator.code).history) == list(range(PLAN_START, YEAR))


@pytest.mark.django_db
def test_a_provisional_realisation_is_marked_and_not_counted_as_met():
    indicator = IndicatorFactory(kind="grade", grade_scale="")
    TargetFactory(indicator=indicator, value=None, grade="BB")
    RealisationFactory(
        indicator=indicator,
        value=None,
        grade="BB",
        status=Realisation.Status.PROVISIONAL,
        note="menunggu hasil evaluasi SAKIP",
    )

    report = report_build(agency=indicator.plan.agency, year=YEAR)

    row = _row(report, indicator.code)
    assert row.capaian == Decimal(100)
    assert row.provisional
    assert row.current.verdict == "provisional"


@pytest.mark.django_db
def test_the_whole_series_costs_no_more_queries(demo_dataset):
    """The final year's report (every year since the Renstra's first) is built in as many queries as the
    N-2..N one, and as many with twice the data."""
    from interchange.dataset.writing import dataset_import

    agency_pk = dataset_import(demo_dataset).agency.pk

    def build(**options):
        agency = Agency.objects.select_related("government").get(pk=agency_pk)
        return count_queries(lambda: report_build(agency=agency, year=2021, **options))

    build()
    short_queries, short = build(whole_series=False)
    whole_queries, whole = build()
    assert len(whole.series_years) > len(short.series_years)
    assert whole_queries == short_queries
    dataset_import(doubled(demo_dataset), replace=True)
    big_queries, _big = build()
    assert big_queries == whole_queries


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("setting", "year", "first"),
    [("always", YEAR, PLAN_START), ("short", PLAN_END, PLAN_END - 2), ("final_year", PLAN_END, PLAN_START)],
)
def test_the_pemdas_setting_chooses_the_comparison_years(setting, year, first):
    """Every output reads the report object, so the Pemda setting (like its predicate scale) holds for the page,
    the PDF, the workbook and the JSON alike; `whole_series=` overrides it."""
    indicator = IndicatorFactory()
    government = indicator.plan.agency.government
    government.renstra_series = setting
    government.save()
    report = report_build(agency=indicator.plan.agency, year=year)
    assert report.series_years == tuple(range(first, year + 1))
    assert (
        report_build(agency=indicator.plan.agency, year=year, whole_series=False).series_years[0] == year - 2
    )
