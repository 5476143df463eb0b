"""Plausibility warnings before submission: a capaian above the Pemda's bound, a negative count or amount, a
realisation that moved tenfold from last year — each with a failing example and one that passes."""

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interchange.dataset.writing import dataset_import
from reports.readmodel.build import report_build
from reports.readmodel.plausibility import capaian_above, implausible, negative, tenfold
from reports.readmodel.readiness import readiness
from reports.readmodel.types import EntryInputs, Figures, IndicatorRow
from tests.helpers import without_year_units

YEAR = 2021


@pytest.fixture
def report(demo_agency):
    return report_build(agency=demo_agency, year=YEAR)


def bare_row(**fields) -> IndicatorRow:
    """An indicator row with nothing but what the rules read."""
    blank = Figures(None, None, None)
    values = dict(
        code="X.1",
        name="Indikator",
        level="objective",
        parent_code="X",
        path="$.x",
        unit="unit",
        kind="number",
        polarity="higher",
        is_key=False,
        quarter_mode="increment",
        formula="",
        data_source="",
        responsible_unit="",
        baseline_year=None,
        baseline=None,
        national_standard=None,
        current=blank,
        predicate=None,
        history={},
        renstra_targets={},
        renstra_end_target=None,
        renstra_progress=None,
        quarters=(blank,) * 4,
        status="final",
        note="",
        analysis="",
        declared_capaian="",
        inputs=EntryInputs(),
    )
    return IndicatorRow(**{**values, **fields})


def row_of(report, code):
    return next(row for row in report.indicators if row.code == code)


def with_figures(row, realisation, previous=None, capaian=None, kind=None):
    history = {**row.history, YEAR - 1: Figures(None, previous, None)}
    current = Figures(row.target, realisation, capaian)
    return dataclasses.replace(row, current=current, history=history, kind=kind or row.kind)


def test_the_demo_warns_of_its_314_percent_and_nothing_else(report):
    found = implausible(report)
    assert [(f.code, f.computed) for f in found] == [("capaian-implausible", row_of(report, "S1.1").capaian)]
    assert "melebihi batas wajar 200 %" in found[0].message
    # The published LAKIP prints 869 products for 2020 and 3,27 % for 2021 of "Produk Unggulan Yang Populer", and
    # the demo names 2020's unit: no tenfold change, the checks' unit-change finding says it instead.
    assert f"{row_of(report, 'S4.2').path}.realisations.2020.unit" in {
        c.path for c in report.checks if c.code == "unit-change"
    }


@pytest.mark.django_db
def test_without_its_unit_the_demos_869_becoming_3_27_is_a_tenfold_change(demo_dataset):
    agency = dataset_import(without_year_units(demo_dataset)).agency
    found = implausible(report_build(agency=agency, year=YEAR))
    popular = [f for f in found if f.code == "tenfold-change"]
    assert [f.computed for f in popular] == [Decimal("3.27")] and "869" in popular[0].message


def test_the_pemdas_bound_decides(report):
    assert implausible(report, capaian_max=Decimal(400)) == ()
    report.government.plausible_capaian_max = Decimal(100)
    above = [f for f in implausible(report) if f.code == "capaian-implausible"]
    assert len(above) == sum(1 for row in report.indicators if row.capaian and row.capaian > 100) > 1


def test_a_capaian_at_the_bound_is_plausible():
    assert capaian_above(bare_row(current=Figures(None, None, Decimal(200))), Decimal(200)) is None
    assert capaian_above(bare_row(current=Figures(None, None, Decimal("200.01"))), Decimal(200))


def test_a_negative_count_is_flagged_but_not_a_negative_percentage():
    row = bare_row()
    flagged = negative(with_figures(row, Decimal(-5), kind="number"))
    assert flagged is not None and flagged.code == "negative-value" and "-5" in flagged.message
    assert negative(with_figures(row, Decimal(-5), kind="percent")) is None  # a growth can fall
    assert negative(with_figures(row, Decimal(0), kind="number")) is None


def test_a_tenfold_change_from_last_year_is_flagged_either_way():
    row = bare_row()
    up = tenfold(with_figures(row, Decimal("36"), previous=Decimal("3.6")), YEAR)
    assert up is not None and "sepuluh kali lipat" in up.message and "3,6" in up.message
    down = tenfold(with_figures(row, Decimal("0.36"), previous=Decimal("3.6")), YEAR)
    assert down is not None and "sepersepuluh" in down.message
    assert tenfold(with_figures(row, Decimal("35.9"), previous=Decimal("3.6")), YEAR) is None
    assert tenfold(with_figures(row, Decimal("36"), previous=None), YEAR) is None
    assert tenfold(with_figures(row, Decimal("36"), previous=Decimal(0)), YEAR) is None


@given(
    st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(10**9), places=4),
    st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(10**9), places=4),
)
def test_tenfold_is_flagged_exactly_when_one_year_is_ten_times_the_other(now, before):
    row = bare_row()
    flagged = tenfold(with_figures(row, now, previous=before), YEAR) is not None
    assert flagged == (max(now, before) >= 10 * min(now, before))


def test_readiness_blocks_on_errors_and_asks_for_confirmation_of_the_rest(report):
    ready = readiness(report)
    assert not ready.blocked and ready.needs_confirmation  # the 314 % asks to be confirmed
    assert ready.implausible and ready.todo.total == len(report.indicators)


def test_a_year_in_another_unit_is_no_tenfold_change():
    row = bare_row(unit="%", year_units={YEAR - 1: "produk"})
    assert tenfold(with_figures(row, Decimal("3.27"), previous=Decimal(869)), YEAR) is None
