"""A small RPJMD for the rpjmd tests: one plan 2021–2025 with a misi, a tujuan, a sasaran and its IKU."""

from decimal import Decimal

from rpjmd.models import (
    RegionalGoal,
    RegionalIndicator,
    RegionalMission,
    RegionalObjective,
    RegionalPlan,
    RegionalTarget,
)

START, END = 2021, 2025


def make_rpjmd(government, *, n_indicators: int = 2, start: int = START, end: int = END):
    plan = RegionalPlan.objects.create(
        government=government,
        start_year=start,
        end_year=end,
        vision="Daerah yang sejahtera",
        head_name="Bupati Uji",
    )
    mission = RegionalMission.objects.create(plan=plan, position=1, statement="Meningkatkan kualitas SDM")
    goal = RegionalGoal.objects.create(plan=plan, mission=mission, code="T1", statement="SDM unggul")
    objective = RegionalObjective.objects.create(plan=plan, goal=goal, code="S1", statement="IPM meningkat")
    indicators = []
    for n in range(1, n_indicators + 1):
        indicator = RegionalIndicator.objects.create(
            plan=plan,
            objective=objective,
            position=n,
            code=f"IKU.{n}",
            name=f"Indeks uji {n}",
            unit="indeks",
            baseline_value=Decimal("70"),
            baseline_year=start - 1,
            final_target=Decimal("75"),
        )
        RegionalTarget.objects.create(indicator=indicator, kind="rpjmd", year=start, value=Decimal("72"))
        indicators.append(indicator)
    return plan, objective, indicators
