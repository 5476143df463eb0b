"""The Ringkasan's trends (reports/readmodel/trends.py): hand-computed cases and properties, then the demo's
trend against the LKjIP of each year."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from budgets import spending
from indicators import achievement
from indicators.predicates import SCALES
from reports.readmodel.build import report_build
from reports.readmodel.json_report import report_json
from reports.readmodel.trends import (
    BEHIND,
    MEASURED,
    MET,
    NO_DATA,
    SPARK_HEIGHT,
    UNMEASURED,
    absorption_bars,
    objective_trend,
    quarter_absorption,
    report_trends,
    spark_bars,
    trend_years,
    year_capaian,
)
from reports.readmodel.types import Figures

PROPERTY = settings(database=None, deadline=None, max_examples=200)
SCALE = SCALES["target-3"]


def test_the_years_are_the_whole_renstra_first_to_last():
    assert trend_years(2016, 2021) == (2016, 2017, 2018, 2019, 2020, 2021)
    assert trend_years(2025, 2025) == (2025,)
    with pytest.raises(ValueError, match="2021–2016"):
        trend_years(2021, 2016)


def test_a_years_capaian_is_the_mean_of_its_indicators():
    # R2 of the demo in 2021: 46,3 / 36 and 3,9 / 3,6.
    r21 = Figures(D(36), D("46.3"), D("46.3") * 100 / D(36))
    r22 = Figures(D("3.6"), D("3.9"), D("3.9") * 100 / D("3.6"))
    capaian, state = year_capaian([r21, r22])
    assert state == MEASURED
    assert capaian == (D("46.3") * 100 / D(36) + D("3.9") * 100 / D("3.6")) / 2  # 118,47 %
    # The Pemda's cap applies per indicator before the mean: 120 and 108,33.
    capped, _ = year_capaian([r21, r22], cap=D(120))
    assert capped == (D(120) + D("3.9") * 100 / D("3.6")) / 2


def test_an_indicator_without_capaian_is_left_out_of_the_mean_as_in_the_lkjip():
    realised_without_target = Figures(None, D("0.59"), None)
    measured = Figures(D(75), D(82), D(82) * 100 / D(75))
    assert year_capaian([realised_without_target, measured]) == (D(82) * 100 / D(75), MEASURED)


def test_a_year_without_realisation_is_no_data_not_zero():
    assert year_capaian([Figures(D(80), None, None), Figures(None, None, None)]) == (None, NO_DATA)
    assert year_capaian([]) == (None, NO_DATA)


def test_a_realised_year_without_capaian_cannot_be_computed():
    assert year_capaian([Figures(None, D("0.59"), None)]) == (None, UNMEASURED)
    assert year_capaian([Figures(None, "B", None)]) == (None, UNMEASURED)


figure = st.one_of(
    st.none(), st.decimals(min_value=-500, max_value=500, places=4, allow_nan=False, allow_infinity=False)
)


@PROPERTY
@given(st.lists(figure, max_size=6), st.one_of(st.none(), st.decimals(min_value=1, max_value=200, places=2)))
def test_the_trend_is_the_lkjips_mean_whatever_the_figures(capaians, cap):
    figures = [Figures(D(1), D(1) if c is not None else None, c) for c in capaians]
    capaian, state = year_capaian(figures, cap=cap)
    assert capaian == achievement.objective_capaian(capaians, cap=cap)
    assert (state == MEASURED) == (capaian is not None)


def test_a_sasaran_over_the_years():
    indicators = [
        {2019: Figures(D(75), D(82), D(82) * 100 / D(75)), 2020: Figures(None, D(84), None)},
        {2019: Figures(D(10), D(5), D(50))},
    ]
    trend = objective_trend(
        "R1", "Koperasi sehat", indicators, (2018, 2019, 2020), selected=2019, scale=SCALE
    )
    assert [(c.year, c.state) for c in trend.years] == [
        (2018, NO_DATA),
        (2019, MEASURED),
        (2020, UNMEASURED),
    ]
    assert trend.years[1].capaian == (D(82) * 100 / D(75) + D(50)) / 2
    assert trend.years[1].band.label == "Tidak Tercapai"  # 79,67 %
    assert [c.selected for c in trend.years] == [False, True, False]
    assert trend.years[0].band is None


def test_the_sparkline_scales_to_100_or_the_largest_capaian():
    cells = objective_trend(
        "S1",
        "",
        [{2019: Figures(D(1), D(1), D(50)), 2020: Figures(D(1), D(1), D(100))}],
        (2019, 2020, 2021),
        selected=2020,
        scale=SCALE,
    ).years
    bars, reference = spark_bars(cells)
    room = SPARK_HEIGHT - 2
    assert reference == 2  # 100 % reaches the top
    assert bars[0].height == room / 2 and bars[0].y == SPARK_HEIGHT - room / 2
    assert bars[1].height == room and bars[1].emphasis and not bars[0].emphasis
    assert not bars[2].drawn and bars[2].height == 0  # 2021: nothing to draw, never a bar of 0
    assert bars[0].colour == "#cf222e" and bars[1].colour == "#1a7f37"  # Tidak Tercapai, Tercapai
    # 314 % (S1 in 2021) reaches the top; 100 % sits at 100/314 of the height.
    big = objective_trend(
        "S1", "", [{2021: Figures(D(1), D(1), D(314))}], (2021,), selected=2021, scale=SCALE
    )
    bars, reference = spark_bars(big.years)
    assert bars[0].y == 2
    assert reference == (SPARK_HEIGHT - room * 100 / 314).quantize(D("0.01"))


def test_a_negative_capaian_draws_nothing_above_the_baseline():
    cells = objective_trend(
        "S", "", [{2020: Figures(D(1), D(3), D(-50))}], (2020,), selected=2020, scale=SCALE
    )
    (bar,), _ = spark_bars(cells.years)
    assert bar.drawn and bar.height == 0 and bar.y == SPARK_HEIGHT


# --- quarters -------------------------------------------------------------------------------------------------
def test_absorption_per_quarter_against_the_milestones():
    # Pagu 1.000; spent 100, 350, 200, 300 a quarter: 10, 45, 65, 95 % cumulative.
    progress = spending.progress(D(1000), [None] * 4, [D(100), D(350), D(200), D(300)], [None] * 4)
    quarters = quarter_absorption(progress)
    assert [q.label for q in quarters] == ["TW I", "TW II", "TW III", "TW IV"]
    assert [q.milestone for q in quarters] == [D(15), D(40), D(60), D(90)]
    assert [q.absorption for q in quarters] == [D(10), D(45), D(65), D(95)]
    assert [q.gap for q in quarters] == [D(-5), D(5), D(5), D(5)]
    assert [q.status for q in quarters] == [BEHIND, MET, MET, MET]


def test_exactly_on_the_milestone_meets_it_and_an_unknown_quarter_has_no_status():
    progress = spending.progress(D(100), [None] * 4, [D(15), None, D(1), D(1)], [None] * 4)
    first, second, third, _ = quarter_absorption(progress)
    assert (first.gap, first.status) == (D(0), MET)
    # TW II unknown: so is every later cumulative figure (an unknown quarter is not Rp 0).
    assert (second.absorption, second.gap, second.status) == (None, None, None)
    assert third.status is None


def test_no_budget_gives_four_unknown_quarters():
    quarters = quarter_absorption(())
    assert [(q.quarter, q.milestone, q.absorption, q.status) for q in quarters] == [
        (1, D(15), None, None),
        (2, D(40), None, None),
        (3, D(60), None, None),
        (4, D(90), None, None),
    ]
    assert not any(bar.drawn for bar in absorption_bars(quarters))


def test_the_quarter_chart_marks_each_milestone_on_the_bars_scale():
    progress = spending.progress(D(100), [None] * 4, [D(10), D(30), D(20), D(30)], [None] * 4)
    bars = absorption_bars(quarter_absorption(progress))  # 10, 40, 60, 90 %
    baseline, room = D(106), D(104)  # 120 − 14 for the labels; 2 above
    assert [b.height for b in bars] == [(room * p / 100).quantize(D("0.01")) for p in (10, 40, 60, 90)]
    assert [b.mark for b in bars] == [
        (baseline - room * m / 100).quantize(D("0.01")) for m in (15, 40, 60, 90)
    ]
    assert [b.colour for b in bars] == ["#cf222e", "#1a7f37", "#1a7f37", "#1a7f37"]
    # The TW II bar reaches its milestone exactly.
    assert bars[1].y == bars[1].mark


# --- on the demo: the trend is the LKjIP's figure of each year --------------------------------------------------
@pytest.mark.django_db
def test_each_years_trend_is_that_years_lkjip_figure(demo_agency):
    report = report_build(agency=demo_agency, year=2021, plan_years=True)
    trends = report_trends(report)
    assert trends.years == (2016, 2017, 2018, 2019, 2020, 2021)
    lkjip = {year: report_build(agency=demo_agency, year=year) for year in trends.years}
    for trend in trends.objectives:
        for cell in trend.years:
            (objective,) = (o for o in lkjip[cell.year].objectives if o.code == trend.code)
            assert cell.capaian == objective.capaian, (trend.code, cell.year)
            assert cell.band == objective.predicate
    # The report's own year is the report's own figure, and the figures are there to compare: S1 at 314 %, R1's
    # history since 2016 (82 / 75 in 2019).
    by_code = {t.code: t for t in trends.objectives}
    assert by_code["S1"].years[-1].capaian == D(314)
    assert by_code["R1"].years[3].capaian == D(82) * 100 / D(75)
    assert [c.state for c in by_code["S1"].years] == [NO_DATA] * 3 + [UNMEASURED] * 2 + [MEASURED]


@pytest.mark.django_db
def test_the_plan_years_cost_no_query_and_change_no_other_figure(demo_agency):
    plain = report_build(agency=demo_agency, year=2021)
    with CaptureQueriesContext(connection) as without:
        report_build(agency=demo_agency, year=2021)
    with CaptureQueriesContext(connection) as with_years:
        trended = report_build(agency=demo_agency, year=2021, plan_years=True)
    assert len(with_years.captured_queries) == len(without.captured_queries)
    assert report_json(trended) == report_json(plain)
    assert all(not i.plan_years for i in plain.indicators)
    with pytest.raises(ValueError, match="plan_years=True"):  # its other years would read as "belum ada"
        report_trends(plain)
