"""factory-boy factories for small scenarios: a few rows built in the test itself, instead of the demo import.

Each factory builds what its model needs and nothing more: `IndicatorFactory()` alone makes a Pemda, an agency,
a Renstra 2019–2023, a tujuan and a sasaran for it to hang on. Shared parents are passed down explicitly
(`IndicatorFactory(objective=objective)`, `TargetFactory(indicator=indicator)`); the plan of a row below a
sasaran or a program follows its parent. The year of a figure defaults to `YEAR` (2021, inside the plan's
period). Figures are given as strings and stored as `Decimal`.

The year lock (`review/guards.py`) refuses writes to a submitted or approved year, so build the scenario first
and freeze the year last: `YearReviewFactory(agency=agency, state=State.APPROVED)`. When to use these and when
the demo import: docs/testing.md, "Small scenarios: factories".
"""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory, Password

from agencies.models import Agency, Government, OrgUnit, Profile
from budgets.models import Activity, BudgetLine, Program, SubActivity
from indicators.models import (
    Goal,
    Indicator,
    Objective,
    PerformanceAgreement,
    Realisation,
    StrategicPlan,
    Target,
)
from review.models import YearReview
from review.workflow import State
from surveys.models import SatisfactionSurvey, SurveyElement

YEAR = 2021  # the year of a figure, the third of the default plan's period
PLAN_START, PLAN_END = 2019, 2023


def figure(text):
    """A figure as the database keeps it: `figure("1715.5")` is `Decimal("1715.5")`."""
    return factory.LazyFunction(lambda: Decimal(text))


# --- who reports ---------------------------------------------------------------------------------------------
class GovernmentFactory(DjangoModelFactory):
    class Meta:
        model = Government

    code = factory.Sequence(lambda n: f"kota-uji-{n}")
    name = factory.Sequence(lambda n: f"Kota Uji {n}")
    level = Government.Level.CITY
    head_title = "Wali Kota"


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    government = factory.SubFactory(GovernmentFactory)
    code = factory.Sequence(lambda n: f"dinas-uji-{n}")
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    head_name = "Kepala Dinas Uji"


class OrgUnitFactory(DjangoModelFactory):
    class Meta:
        model = OrgUnit

    agency = factory.SubFactory(AgencyFactory)
    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Bidang Uji {n}")


# --- users: a role is a Profile (agencies/models.py); planners and heads have an agency, reviewers a Pemda --------
class UserFactory(DjangoModelFactory):
    """A signed-in user without a role (sees nothing). Password "x"."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna-{n}")
    password = Password("x")


class ProfileFactory(DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    role = Profile.Role.PLANNER
    agency = factory.SubFactory(AgencyFactory)
    government = None


class PlannerFactory(UserFactory):
    """A planner (perencana) of `agency` (a new one unless given): `PlannerFactory(agency=agency)` is the user."""

    class Params:
        agency = factory.SubFactory(AgencyFactory)

    username = factory.Sequence(lambda n: f"perencana-{n}")
    profile = factory.RelatedFactory(
        ProfileFactory, "user", role=Profile.Role.PLANNER, agency=factory.SelfAttribute("..agency")
    )


class HeadFactory(PlannerFactory):
    """The head (kepala) of `agency`: reads everything, edits nothing."""

    username = factory.Sequence(lambda n: f"kepala-{n}")
    profile = factory.RelatedFactory(
        ProfileFactory, "user", role=Profile.Role.HEAD, agency=factory.SelfAttribute("..agency")
    )


class ReviewerFactory(UserFactory):
    """An inspectorate reviewer of `government` (every agency of that Pemda)."""

    class Params:
        government = factory.SubFactory(GovernmentFactory)

    username = factory.Sequence(lambda n: f"reviu-{n}")
    profile = factory.RelatedFactory(
        ProfileFactory,
        "user",
        role=Profile.Role.REVIEWER,
        agency=None,
        government=factory.SelfAttribute("..government"),
    )


class AdminFactory(UserFactory):
    """An administrator: a superuser (workspace/access.py reads `is_superuser` as the admin role)."""

    username = factory.Sequence(lambda n: f"admin-{n}")
    is_staff = True
    is_superuser = True


# --- the Renstra -------------------------------------------------------------------------------------------------
class StrategicPlanFactory(DjangoModelFactory):
    class Meta:
        model = StrategicPlan

    agency = factory.SubFactory(AgencyFactory)
    start_year = PLAN_START
    end_year = PLAN_END
    vision = "Visi uji"


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(StrategicPlanFactory)
    code = factory.Sequence(lambda n: f"T{n}")
    statement = "Tujuan uji"


class ObjectiveFactory(DjangoModelFactory):
    """A sasaran; its plan is its goal's."""

    class Meta:
        model = Objective

    goal = factory.SubFactory(GoalFactory)
    plan = factory.SelfAttribute("goal.plan")
    code = factory.Sequence(lambda n: f"S{n}")
    statement = "Sasaran uji"


class IndicatorFactory(DjangoModelFactory):
    """An indicator of a sasaran (a number, higher is better); its plan is the sasaran's."""

    class Meta:
        model = Indicator

    objective = factory.SubFactory(ObjectiveFactory)
    plan = factory.SelfAttribute("objective.plan")
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.objective.code}.{n}")
    name = factory.Sequence(lambda n: f"Indikator uji {n}")
    unit = "unit"
    kind = Indicator.Kind.NUMBER


class TargetFactory(DjangoModelFactory):
    """A Perjanjian Kinerja target of `YEAR` (`kind=Target.Kind.QUARTER, quarter=2` for Rencana Aksi)."""

    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    kind = Target.Kind.PK
    year = YEAR
    quarter = 0
    value = figure("100")


class RealisationFactory(DjangoModelFactory):
    """The annual realisation of `YEAR` (quarter 0)."""

    class Meta:
        model = Realisation

    indicator = factory.SubFactory(IndicatorFactory)
    year = YEAR
    quarter = 0
    value = figure("90")


class PerformanceAgreementFactory(DjangoModelFactory):
    class Meta:
        model = PerformanceAgreement

    agency = factory.SubFactory(AgencyFactory)
    year = YEAR
    revision = PerformanceAgreement.Revision.ORIGINAL
    signed_on = f"{YEAR}-01-04"
    place = "Kota Uji"
    first_party_name = factory.SelfAttribute("agency.head_name")
    second_party_name = "Wali Kota Uji"


# --- the budget structure ----------------------------------------------------------------------------------------
class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    plan = factory.SubFactory(StrategicPlanFactory)
    code = factory.Sequence(lambda n: f"P{n}")
    name = factory.Sequence(lambda n: f"Program uji {n}")

    @factory.post_generation
    def objectives(self, create, extracted, **kwargs):
        """`ProgramFactory(objectives=[objective])` links the program to sasaran of its plan."""
        if create and extracted:
            self.objectives.add(*extracted)


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    program = factory.SubFactory(ProgramFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.program.code}.{n}")
    name = factory.Sequence(lambda n: f"Kegiatan uji {n}")


class SubActivityFactory(DjangoModelFactory):
    class Meta:
        model = SubActivity

    activity = factory.SubFactory(ActivityFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.activity.code}.{n}")
    name = factory.Sequence(lambda n: f"Sub kegiatan uji {n}")


class BudgetLineFactory(DjangoModelFactory):
    """The `YEAR` budget of a sub kegiatan (`BudgetLineFactory(activity=a, sub_activity=None)` for a kegiatan)."""

    class Meta:
        model = BudgetLine

    sub_activity = factory.SubFactory(SubActivityFactory)
    activity = None
    year = YEAR
    ceiling_original = figure("1000000.00")
    spent = figure("900000.00")


# --- the IKM survey ----------------------------------------------------------------------------------------------
class SatisfactionSurveyFactory(DjangoModelFactory):
    """The survey of `YEAR`, without unsur (`SurveyElementFactory(survey=survey)` adds one)."""

    class Meta:
        model = SatisfactionSurvey

    agency = factory.SubFactory(AgencyFactory)
    year = YEAR
    conducted_by = "Tim survei uji"


class SurveyElementFactory(DjangoModelFactory):
    """One unsur: 56 questionnaires answered, scoring 175 in total (U1 of the Tangerang Selatan 2021 survey)."""

    class Meta:
        model = SurveyElement

    survey = factory.SubFactory(SatisfactionSurveyFactory)
    position = factory.Sequence(lambda n: n)
    code = factory.LazyAttribute(lambda o: f"U{o.position + 1}")
    name = factory.LazyAttribute(lambda o: f"Unsur {o.position + 1}")
    total = figure("175")
    answered = figure("56")


# --- the review --------------------------------------------------------------------------------------------------
class YearReviewFactory(DjangoModelFactory):
    """The review state of an agency's `YEAR`: a draft unless told. Freeze a year after building its rows."""

    class Meta:
        model = YearReview

    agency = factory.SubFactory(AgencyFactory)
    year = YEAR
    state = State.DRAFT
