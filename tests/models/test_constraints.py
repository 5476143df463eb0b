"""Invariants the database itself enforces, whatever path writes (admin, forms, imports, shell)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from budgets.models import BudgetLine
from indicators.models import Indicator, Realisation, Target
from reports.models import RenderedFile
from tests.factories import BudgetLineFactory, IndicatorFactory, SubActivityFactory, TargetFactory


@pytest.fixture
def indicator(db):
    return IndicatorFactory()


def rejected(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_one_target_per_kind_and_year(indicator):
    TargetFactory(indicator=indicator, kind="pk", year=2021)
    rejected(lambda: Target.objects.create(indicator=indicator, kind="pk", year=2021, value=Decimal("1")))
    Target.objects.create(
        indicator=indicator, kind="pk_revised", year=2021, value=Decimal("1")
    )  # another kind: fine


def test_quarter_targets_only_for_quarters_1_to_4(indicator):
    rejected(lambda: Target.objects.create(indicator=indicator, kind="quarter", year=2021, quarter=0))
    rejected(lambda: Target.objects.create(indicator=indicator, kind="quarter", year=2021, quarter=5))
    rejected(lambda: Target.objects.create(indicator=indicator, kind="pk", year=2022, quarter=2))


def test_a_value_is_a_number_or_a_grade_never_both(indicator):
    rejected(lambda: Realisation.objects.create(indicator=indicator, year=2018, value=Decimal(1), grade="B"))


def test_indicator_codes_are_unique_in_a_plan(indicator):
    rejected(
        lambda: Indicator.objects.create(
            plan=indicator.plan, objective=indicator.objective, code=indicator.code, name="x"
        )
    )


def test_an_indicator_has_exactly_one_owner(indicator):
    rejected(lambda: Indicator.objects.create(plan=indicator.plan, code="orphan", name="x"))
    rejected(
        lambda: Indicator.objects.create(
            plan=indicator.plan,
            code="two",
            name="x",
            objective=indicator.objective,
            goal=indicator.objective.goal,
        )
    )


def test_money_is_never_negative(db):
    sub = SubActivityFactory()
    rejected(lambda: BudgetLine.objects.create(sub_activity=sub, year=2030, spent=Decimal("-1")))
    rejected(lambda: BudgetLine.objects.create(sub_activity=sub, year=2030, ceiling_revised=Decimal("-0.01")))


def test_one_budget_line_per_owner_and_year(db):
    sub = BudgetLineFactory(year=2021).sub_activity
    rejected(lambda: BudgetLine.objects.create(sub_activity=sub, year=2021))
    BudgetLine.objects.create(sub_activity=sub, year=2022)


def test_a_rendered_file_belongs_to_an_agency_or_a_pemda_never_both_nor_neither(indicator):
    agency = indicator.plan.agency

    def record(version, **owner):
        return lambda: RenderedFile.objects.create(
            kind="lkjip-pdf", version=version, year=2021, filename="x.pdf", queued_at=timezone.now(), **owner
        )

    rejected(record("a" * 64))
    rejected(record("b" * 64, agency=agency, government=agency.government))
    record("c" * 64, agency=agency)()
    record("d" * 64, government=agency.government)()
