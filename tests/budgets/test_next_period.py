"""A new Renstra period made from the current one: the tree copied with its codes, elements renamed or retired
(with what hangs under them), baselines from the last realised year, and the old plan and its reports untouched."""

import pytest
from django.core.exceptions import ValidationError

from budgets.models import Activity, Program, SubActivity
from budgets.next_period import RENAME, RETIRE, Choice, create_next_period
from indicators.models import Goal, Indicator, Mission, Objective, Policy, Realisation, Strategy, Target
from reports.readmodel.build import report_build
from reports.readmodel.json_report import report_json


@pytest.fixture
def source(demo_agency):
    return demo_agency.plans.get()


def counts(plan):
    return {
        "missions": Mission.objects.filter(plan=plan).count(),
        "goals": Goal.objects.filter(plan=plan).count(),
        "objectives": Objective.objects.filter(plan=plan).count(),
        "strategies": Strategy.objects.filter(objective__plan=plan).count(),
        "policies": Policy.objects.filter(strategy__objective__plan=plan).count(),
        "programs": Program.objects.filter(plan=plan).count(),
        "activities": Activity.objects.filter(program__plan=plan).count(),
        "subs": SubActivity.objects.filter(activity__program__plan=plan).count(),
        "indicators": Indicator.objects.filter(plan=plan).count(),
    }


def test_everything_kept_copies_the_whole_tree_with_its_codes_and_links(source):
    plan = create_next_period(source, start_year=2022, end_year=2026, vision="Visi baru")
    assert (plan.start_year, plan.end_year, plan.vision) == (2022, 2026, "Visi baru")
    assert counts(plan) == counts(source)
    assert set(Indicator.objects.filter(plan=plan).values_list("code", flat=True)) == set(
        Indicator.objects.filter(plan=source).values_list("code", flat=True)
    )
    old_links = {(p.code, o.code) for p in Program.objects.filter(plan=source) for o in p.objectives.all()}
    new_links = {(p.code, o.code) for p in Program.objects.filter(plan=plan) for o in p.objectives.all()}
    assert new_links == old_links and all(
        o.plan_id == plan.pk for p in Program.objects.filter(plan=plan) for o in p.objectives.all()
    )
    assert not Target.objects.filter(indicator__plan=plan).exists()  # the new years' targets are new
    assert all(i.owner.pk for i in Indicator.objects.filter(plan=plan))  # owners are the copies
    assert {i.owner.__class__.__name__ for i in Indicator.objects.filter(plan=plan)} >= {
        "Objective",
        "Program",
    }
    assert not Indicator.objects.filter(plan=plan, objective__plan=source).exists()


def test_baselines_come_from_the_last_realised_year(source):
    plan = create_next_period(source, start_year=2022, end_year=2026, vision="")
    r31 = Indicator.objects.get(plan=plan, code="R3.1")
    last = (
        Realisation.objects.filter(indicator__plan=source, indicator__code="R3.1", quarter=0)
        .order_by("-year")
        .first()
    )
    assert (r31.baseline_year, r31.baseline_value) == (last.year, last.value)


def test_renamed_and_retired_elements_and_what_hangs_under_them(source):
    goal = Goal.objects.filter(plan=source).order_by("position").first()
    program = Program.objects.filter(plan=source).order_by("position").first()
    objective = Objective.objects.filter(plan=source).exclude(goal=goal).first()
    choices = {
        ("goal", goal.pk): Choice(RETIRE),
        ("program", program.pk): Choice(RETIRE),
        ("objective", objective.pk): Choice(RENAME, "  Meningkatnya daya saing UMKM  "),
    }
    plan = create_next_period(source, start_year=2022, end_year=2026, vision="", choices=choices)
    assert not Goal.objects.filter(plan=plan, code=goal.code).exists()
    retired_objectives = set(goal.objectives.values_list("code", flat=True))
    assert not Objective.objects.filter(plan=plan, code__in=retired_objectives).exists()
    assert not Indicator.objects.filter(
        plan=plan, code__in=Indicator.objects.filter(objective__goal=goal).values("code")
    ).exists()
    assert not Activity.objects.filter(program__plan=plan, program__code=program.code).exists()
    assert Objective.objects.get(plan=plan, code=objective.code).statement == "Meningkatnya daya saing UMKM"
    # The old plan is untouched.
    assert Goal.objects.filter(plan=source, code=goal.code).exists()
    assert Objective.objects.get(pk=objective.pk).statement != "Meningkatnya daya saing UMKM"


def test_earlier_reports_keep_their_labels_and_figures(demo_agency, source):
    before = report_json(report_build(agency=demo_agency, year=2021))
    create_next_period(source, start_year=2022, end_year=2026, vision="Visi baru")
    after = report_json(report_build(agency=demo_agency, year=2021))
    assert after == before


@pytest.mark.parametrize("start, end", [(2021, 2025), (2023, 2022)])
def test_a_period_that_overlaps_or_runs_backwards_is_refused_whole(source, start, end):
    with pytest.raises(ValidationError):
        create_next_period(source, start_year=start, end_year=end, vision="")
    assert source.agency.plans.count() == 1


def test_a_renamed_indicator_keeps_its_definition(source):
    indicator = Indicator.objects.get(plan=source, code="R1.1")
    plan = create_next_period(
        source,
        start_year=2022,
        end_year=2026,
        vision="",
        choices={("indicator", indicator.pk): Choice(RENAME, "Koperasi sehat (%)")},
    )
    copy = Indicator.objects.get(plan=plan, code="R1.1")
    assert copy.name == "Koperasi sehat (%)"
    for field in (
        "unit",
        "kind",
        "polarity",
        "is_key",
        "computation",
        "formula",
        "data_source",
        "quarter_mode",
    ):
        assert getattr(copy, field) == getattr(indicator, field), field
