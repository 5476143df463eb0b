"""The next Renstra period, made from the current one: its misi, tujuan, sasaran (with strategies and policies),
indicators, programs, kegiatan and sub kegiatan with their codes, each kept, renamed or retired as the planner
chose. Targets, realisations and budget lines are not copied (they belong to the new period's years); each kept
indicator's baseline is its last realised year in the old period. The old plan is not touched, so every earlier
report keeps its labels and figures.

It lives in `budgets` because the plan tree spans both apps (programs are here, everything else in `indicators`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction

from indicators.models import (
    Goal,
    Indicator,
    Mission,
    Objective,
    Policy,
    Realisation,
    StrategicPlan,
    Strategy,
)

from .models import Activity, Program, SubActivity

KEEP, RENAME, RETIRE = "keep", "rename", "retire"
# The elements a planner decides on, by kind; the text field each kind is named by.
NAMED = {
    "goal": (Goal, "statement"),
    "objective": (Objective, "statement"),
    "indicator": (Indicator, "name"),
    "program": (Program, "name"),
    "activity": (Activity, "name"),
    "sub_activity": (SubActivity, "name"),
}


@dataclass(frozen=True)
class Choice:
    action: str = KEEP
    name: str = ""


@dataclass(frozen=True)
class Baseline:
    year: int
    value: Decimal | None
    grade: str


def last_realised(plan: StrategicPlan) -> dict[int, Baseline]:
    """Indicator id → its last annual realisation within the plan's years (one query)."""
    found: dict[int, Baseline] = {}
    rows = (
        Realisation.objects.filter(
            indicator__plan=plan, quarter=0, year__gte=plan.start_year, year__lte=plan.end_year
        )
        .filter(models.Q(value__isnull=False) | ~models.Q(grade=""))
        .order_by("indicator_id", "year")
    )
    for row in rows:
        found[row.indicator_id] = Baseline(row.year, row.value, row.grade)
    return found


class _Copier:
    """Copies rows field by field; a foreign key to a copied row points to its copy, to a retired one to nothing."""

    def __init__(self):
        self.copies: dict[type, dict[int, int | None]] = {}

    def copy(self, row: models.Model, **overrides) -> models.Model:
        model = type(row)
        new = model()
        for field in model._meta.concrete_fields:
            if field.primary_key:
                continue
            value = getattr(row, field.attname)
            if field.is_relation and field.related_model in self.copies and value is not None:
                value = self.copies[field.related_model].get(value)
            setattr(new, field.attname, value)
        for name, value in overrides.items():
            setattr(new, name, value)
        new.full_clean(validate_unique=False, validate_constraints=False)
        new.save()
        self.copies.setdefault(model, {})[row.pk] = new.pk
        return new

    def retire(self, row: models.Model) -> None:
        self.copies.setdefault(type(row), {})[row.pk] = None

    def copied(self, row_or_id, model: type) -> bool:
        key = row_or_id if isinstance(row_or_id, int) else row_or_id.pk
        return self.copies.get(model, {}).get(key) is not None


def _named(copier: _Copier, kind: str, row, choices: dict, parent_kept: bool, **overrides):
    choice = choices.get((kind, row.pk), Choice())
    if not parent_kept or choice.action == RETIRE:
        copier.retire(row)
        return None
    if choice.action == RENAME and choice.name.strip():
        overrides[NAMED[kind][1]] = choice.name.strip()
    return copier.copy(row, **overrides)


@transaction.atomic
def create_next_period(
    source: StrategicPlan,
    *,
    start_year: int,
    end_year: int,
    vision: str,
    revision: str = "",
    choices: dict[tuple[str, int], Choice] | None = None,
) -> StrategicPlan:
    """The new plan, all or nothing. `choices`: (kind, id) → keep / rename (with the new name) / retire; an element
    not named is kept; retiring a parent retires what hangs under it."""
    choices = choices or {}
    if start_year <= source.end_year:
        raise ValidationError(
            f"Periode baru harus dimulai setelah {source.end_year}. / The new period must start after "
            f"{source.end_year}."
        )
    if end_year < start_year:
        raise ValidationError("Tahun akhir sebelum tahun awal. / The end year is before the start year.")
    plan = StrategicPlan(
        agency=source.agency, start_year=start_year, end_year=end_year, vision=vision, revision=revision
    )
    plan.full_clean()
    plan.save()
    copier = _Copier()
    copier.copies[StrategicPlan] = {source.pk: plan.pk}
    for mission in Mission.objects.filter(plan=source).order_by("position", "pk"):
        copier.copy(mission)
    baselines = last_realised(source)
    goals = list(Goal.objects.filter(plan=source).order_by("position", "pk"))
    objectives = list(Objective.objects.filter(plan=source).order_by("goal__position", "position", "pk"))
    for goal in goals:
        _named(copier, "goal", goal, choices, True)
    for objective in objectives:
        _named(copier, "objective", objective, choices, copier.copied(objective.goal_id, Goal))
    for strategy in Strategy.objects.filter(objective__plan=source).order_by("position", "pk"):
        if copier.copied(strategy.objective_id, Objective):
            copier.copy(strategy)
        else:
            copier.retire(strategy)
    for policy in Policy.objects.filter(strategy__objective__plan=source).order_by("position", "pk"):
        if copier.copied(policy.strategy_id, Strategy):
            copier.copy(policy)
    programs = list(
        Program.objects.filter(plan=source).prefetch_related("objectives").order_by("position", "pk")
    )
    for program in programs:
        new = _named(copier, "program", program, choices, True)
        if new is not None:
            new.objectives.set(
                copier.copies[Objective][o.pk]
                for o in program.objectives.all()
                if copier.copied(o, Objective)
            )
    for activity in Activity.objects.filter(program__plan=source).order_by("position", "pk"):
        _named(copier, "activity", activity, choices, copier.copied(activity.program_id, Program))
    for sub in SubActivity.objects.filter(activity__program__plan=source).order_by("position", "pk"):
        _named(copier, "sub_activity", sub, choices, copier.copied(sub.activity_id, Activity))
    owners = {
        "goal": Goal,
        "objective": Objective,
        "program": Program,
        "activity": Activity,
        "sub_activity": SubActivity,
    }
    for indicator in Indicator.objects.filter(plan=source).order_by("position", "pk"):
        owner_kept = copier.copied(indicator.owner_id, owners[indicator.level])
        baseline = baselines.get(indicator.pk)
        overrides = {}
        if baseline is not None:
            overrides = {
                "baseline_year": baseline.year,
                "baseline_value": baseline.value,
                "baseline_grade": baseline.grade,
            }
        _named(copier, "indicator", indicator, choices, owner_kept, **overrides)
    return plan
