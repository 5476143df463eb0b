"""The year lock inside `one_save()` (the grids' and the API's saves): the same refusals as row by row, the
question asked once for a grid's rows, and never an answer kept past a change of what it depends on."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from indicators.models import Realisation, Target
from review.guards import one_save
from review.locks import YearLocked
from review.workflow import State
from tests.factories import IndicatorFactory, TargetFactory

from .helpers import YEAR, set_state, year_data
from .test_locks import ROWS

# test_locks.py runs every kind of row through every state row by row; the states differ only in the review found,
# which `one_save` takes from the same query.


@pytest.mark.parametrize("kind", ROWS)
def test_inside_one_save_a_frozen_year_still_refuses_every_kind_of_row(demo_agency, kind):
    row = ROWS[kind](demo_agency)
    set_state(demo_agency, State.SUBMITTED)
    before = year_data(demo_agency)
    with one_save():
        with pytest.raises(YearLocked):
            row.save()
        with pytest.raises(YearLocked), transaction.atomic():
            row.delete()
    assert year_data(demo_agency) == before


@pytest.mark.parametrize("kind", ROWS)
def test_inside_one_save_an_open_year_saves(demo_agency, kind):
    set_state(demo_agency, State.RETURNED)
    row = ROWS[kind](demo_agency)
    with one_save():
        row.save()


def test_inside_one_save_moving_a_row_out_of_or_into_a_frozen_year_is_refused(db):
    row = TargetFactory(year=YEAR)
    earlier = TargetFactory(indicator=row.indicator, year=YEAR - 1)
    set_state(row.indicator.plan.agency, State.APPROVED)
    with one_save():
        earlier.save()  # the open year, first: its answer is kept
        row.year = YEAR - 1  # a row of the approved year, moved into the open one
        with pytest.raises(YearLocked):
            row.save()
        earlier.year = YEAR
        earlier.kind = Target.Kind.RENSTRA
        with pytest.raises(YearLocked):
            earlier.save()


def test_inside_one_save_a_year_printing_the_row_under_review_still_refuses_it(db):
    indicator = IndicatorFactory()
    earlier = Realisation.objects.create(indicator=indicator, year=YEAR - 1, quarter=4, note="lalu")
    set_state(indicator.plan.agency, State.SUBMITTED)  # YEAR's report prints YEAR - 1's realisations
    earlier.note = "diubah"
    with one_save(), pytest.raises(YearLocked) as refused:
        earlier.save()
    assert str(YEAR) in refused.value.messages[0]


def test_an_approval_inside_one_save_is_seen_by_the_next_row(db):
    indicator = IndicatorFactory()
    agency = indicator.plan.agency
    with one_save():
        Realisation.objects.create(indicator=indicator, year=YEAR, quarter=1, note="TW I")
        set_state(agency, State.APPROVED)  # the answer kept for the year is forgotten
        with pytest.raises(YearLocked):
            Realisation.objects.create(indicator=indicator, year=YEAR, quarter=2, note="TW II")
    assert list(Realisation.objects.filter(indicator=indicator).values_list("quarter", flat=True)) == [1]


def test_an_approval_in_a_block_inside_another_is_seen_by_the_outer_blocks_next_row(db):
    """A block inside another is part of it: what the inner one's approval forgets, the outer one no longer
    holds."""
    indicator = IndicatorFactory()
    agency = indicator.plan.agency
    with one_save():
        Realisation.objects.create(indicator=indicator, year=YEAR, quarter=1, note="TW I")
        with one_save():
            set_state(agency, State.APPROVED)
        with pytest.raises(YearLocked):
            Realisation.objects.create(indicator=indicator, year=YEAR, quarter=2, note="TW II")
    assert list(Realisation.objects.filter(indicator=indicator).values_list("quarter", flat=True)) == [1]


def _review_queries(queries) -> int:
    return sum('"review_yearreview"' in q["sql"] for q in queries.captured_queries)


@pytest.mark.parametrize("rows", [3, 12])
def test_one_save_asks_the_year_lock_once_for_a_grids_rows(db, rows):
    first = IndicatorFactory()
    indicators = [first, *IndicatorFactory.create_batch(rows - 1, objective=first.objective)]
    stored = [Realisation.objects.create(indicator=i, year=YEAR, quarter=3, note="") for i in indicators]
    with CaptureQueriesContext(connection) as row_by_row:
        for realisation in stored:
            realisation.note = "satu per satu"
            realisation.save()
    with CaptureQueriesContext(connection) as together, one_save():
        for realisation in stored:
            realisation.note = "bersama"
            realisation.save()
    assert _review_queries(row_by_row) == rows
    assert _review_queries(together) == 1
    assert set(Realisation.objects.filter(pk__in=[r.pk for r in stored]).values_list("note", flat=True)) == {
        "bersama"
    }


def test_inside_one_save_the_periods_renstra_targets_are_held_by_a_year_under_review(db):
    renstra = TargetFactory(kind=Target.Kind.RENSTRA, year=YEAR + 1)
    agreement = TargetFactory(indicator=renstra.indicator, year=YEAR + 1)  # a PK target: its own year's only
    set_state(renstra.indicator.plan.agency, State.SUBMITTED)
    with one_save():
        agreement.value = 7
        agreement.save()
        renstra.value = 7
        with pytest.raises(YearLocked, match=f"tercetak pada laporan tahun {YEAR}"):
            renstra.save()
