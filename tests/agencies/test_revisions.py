"""An agency's revision rises once with every committed change of its data, whichever way the data was written,
and only its own; the Pemda dashboard keys its cached figures on it."""

import pytest
from django.db import transaction

from agencies.models import AgencyRevision
from agencies.revisions import flush
from budgets.models import BudgetLine
from indicators.models import Indicator, Realisation, Target
from interchange.dataset.writing import dataset_import
from review.models import YearReview
from surveys.models import SatisfactionSurvey


def number(agency):
    row = AgencyRevision.objects.filter(agency=agency).first()
    return row.number if row else 0


@pytest.fixture
def two(pemda_of):
    _government, agencies = pemda_of(2)  # opd-00 draft, opd-01 submitted (frozen)
    flush()
    return agencies


def test_saving_many_rows_in_one_transaction_raises_the_revision_once(
    two, django_capture_on_commit_callbacks
):
    own, other = two
    before, other_before = number(own), number(other)
    rows = list(Realisation.objects.filter(indicator__plan__agency=own, year=2021)[:5])
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for row in rows:
            row.note = "diperiksa"
            row.save()
    assert number(own) == before + 1
    assert number(other) == other_before
    assert AgencyRevision.objects.get(agency=own).changed_at is not None


def test_a_rolled_back_change_raises_nothing_until_a_commit(two, django_capture_on_commit_callbacks):
    own, _other = two
    before = number(own)
    row = Target.objects.filter(indicator__plan__agency=own, year=2021).first()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        row.save()
        raise RuntimeError
    assert number(own) == before


def test_deletions_and_plan_rows_raise_their_agencys_revision(two, django_capture_on_commit_callbacks):
    own, other = two
    before, other_before = number(own), number(other)
    indicator = Indicator.objects.filter(plan__agency=own).order_by("-position").first()
    with django_capture_on_commit_callbacks(execute=True):
        indicator.delete()  # with its targets and realisations
    assert number(own) == before + 1
    line = BudgetLine.objects.filter(sub_activity__activity__program__plan__agency=own, year=2021).first()
    with django_capture_on_commit_callbacks(execute=True):
        line.spent = line.spent + 1
        line.save()
    assert number(own) == before + 2
    assert number(other) == other_before


def test_a_change_of_the_pemdas_settings_raises_every_agency_of_it(two, django_capture_on_commit_callbacks):
    own, other = two
    government = own.government
    YearReview.objects.filter(agency=other).delete()  # nothing frozen: the settings may change
    before = (number(own), number(other))
    with django_capture_on_commit_callbacks(execute=True):
        government.objective_cap = 120
        government.save()
    assert (number(own), number(other)) == (before[0] + 1, before[1] + 1)


def test_writes_in_bulk_note_their_agency_themselves(two, demo_dataset, django_capture_on_commit_callbacks):
    own, _other = two
    before = number(own)
    with django_capture_on_commit_callbacks(execute=True):
        dataset_import({**demo_dataset, "agency": {**demo_dataset["agency"], "code": own.code}}, replace=True)
    assert number(own) == before + 1
    survey = SatisfactionSurvey.objects.filter(agency=own).first()
    if survey is not None:
        from surveys.responses import responses_replace

        with django_capture_on_commit_callbacks(execute=True):
            responses_replace(survey, [])
        assert number(own) == before + 2
