"""The RPJMD's tables: constraints, years inside the plan, the agency sasaran's link to an RPJMD sasaran."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rpjmd.models import HeadAgreement, RegionalPlan, RegionalRealisation, RegionalTarget
from tests.factories import GovernmentFactory, ObjectiveFactory
from tests.rpjmd.scenario import make_rpjmd

pytestmark = pytest.mark.django_db


def test_a_plan_ends_after_it_starts_and_is_unique_per_period_and_revision():
    government = GovernmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RegionalPlan.objects.create(government=government, start_year=2025, end_year=2021)
    RegionalPlan.objects.create(government=government, start_year=2021, end_year=2025)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegionalPlan.objects.create(government=government, start_year=2021, end_year=2025)
    RegionalPlan.objects.create(government=government, start_year=2021, end_year=2025, revision="Perubahan")


def test_one_target_per_kind_and_year_and_one_realisation_per_year():
    _plan, _objective, (iku, *_rest) = make_rpjmd(GovernmentFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        RegionalTarget.objects.create(indicator=iku, kind="rpjmd", year=2021, value=Decimal("1"))
    RegionalTarget.objects.create(indicator=iku, kind="pk", year=2021, value=Decimal("1"))
    RegionalRealisation.objects.create(indicator=iku, year=2021, value=Decimal("1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        RegionalRealisation.objects.create(indicator=iku, year=2021, value=Decimal("2"))


def test_a_figure_outside_the_plan_period_is_refused():
    _plan, _objective, (iku, *_rest) = make_rpjmd(GovernmentFactory())
    with pytest.raises(ValidationError, match="di luar periode RPJMD"):
        RegionalTarget.objects.create(indicator=iku, kind="rpjmd", year=2026, value=Decimal("1"))
    with pytest.raises(ValidationError, match="outside the RPJMD period"):
        RegionalRealisation.objects.create(indicator=iku, year=2020, value=Decimal("1"))


def test_one_head_agreement_per_year():
    government = GovernmentFactory()
    HeadAgreement.objects.create(government=government, year=2022, signatory="Bupati")
    with pytest.raises(IntegrityError), transaction.atomic():
        HeadAgreement.objects.create(government=government, year=2022)


def test_an_agency_sasaran_keeps_its_text_and_loses_only_the_link_when_the_rpjmd_sasaran_goes():
    government = GovernmentFactory()
    _plan, regional, _ = make_rpjmd(government)
    objective = ObjectiveFactory(goal__plan__agency__government=government, rpjmd_goal="IPM meningkat")
    objective.rpjmd_objective = regional
    objective.save()
    regional.delete()
    objective.refresh_from_db()
    assert objective.rpjmd_objective is None and objective.rpjmd_goal == "IPM meningkat"


def test_edits_are_recorded_in_the_history():
    plan, _objective, (iku, *_rest) = make_rpjmd(GovernmentFactory())
    iku.final_target = Decimal("80")
    iku.save()
    assert iku.history.count() == 2
    assert plan.history.count() == 1
