"""The RPJMD of a year as one immutable object (`RegionalReport`), for the screens and the dataset.

`load_tables(plan)` reads the RPJMD in a fixed number of queries, whatever its size; `regional_report(tables,
year, …)` assembles the object and asks `rpjmd.figures` for every figure. What this app cannot know itself comes
in as values, so that it imports no report: the yearly realisation of each IKU's source indicator, as its agency's
report computes it, and the agency sasaran linked to each RPJMD sasaran with their figures. Both are filled by
`reports/pemda/rpjmd.py` (the reports layer sits above this app); without them, sourced IKU have no realisation
and the pohon kinerja is empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from agencies.models import Government
from indicators.achievement import Value
from indicators.predicates import Band

from . import figures
from .models import (
    HeadAgreement,
    RegionalGoal,
    RegionalIndicator,
    RegionalMission,
    RegionalObjective,
    RegionalPlan,
    RegionalRealisation,
    RegionalTarget,
)


def plan_for_year(government: Government, year: int) -> RegionalPlan | None:
    """The most recent RPJMD covering the year."""
    return RegionalPlan.objects.filter(government=government).covering(year).first()


@dataclass(frozen=True)
class AgencyRef:
    code: str
    name: str


@dataclass(frozen=True)
class SourceRef:
    """The agency indicator an IKU takes its realisation from."""

    indicator_pk: int
    plan_pk: int
    agency: AgencyRef
    code: str
    name: str


@dataclass(frozen=True)
class ProgramRef:
    code: str
    name: str


@dataclass(frozen=True)
class AgencyObjectiveRow:
    """An agency's sasaran serving an RPJMD sasaran (the pohon kinerja's second level) with its year's figures."""

    agency: AgencyRef
    code: str
    statement: str
    capaian: Decimal | None
    predicate: Band | None
    programs: tuple[ProgramRef, ...] = ()
    reported: bool = True  # False: no report of the agency covers the year with this sasaran's Renstra


@dataclass(frozen=True)
class IkuRow:
    pk: int
    code: str
    name: str
    formula: str
    unit: str
    polarity: str
    kind: str
    baseline: Decimal | None
    baseline_year: int | None
    final_target: Decimal | None
    data_source: str
    agencies: tuple[AgencyRef, ...]
    source: SourceRef | None
    rpjmd_targets: dict[int, Decimal]
    pk_targets: dict[int, Decimal]
    direct_realisations: dict[int, Decimal]
    notes: dict[int, str]
    current: figures.IkuFigures  # the report year's

    @property
    def sourced(self) -> bool:
        return self.source is not None


@dataclass(frozen=True)
class ObjectiveRow:
    pk: int
    code: str
    statement: str
    indicators: tuple[IkuRow, ...]
    current: figures.ObjectiveFigures
    agency_objectives: tuple[AgencyObjectiveRow, ...] = ()


@dataclass(frozen=True)
class GoalRow:
    pk: int
    code: str
    statement: str
    mission_number: int | None
    objectives: tuple[ObjectiveRow, ...]


@dataclass(frozen=True)
class RegionalReport:
    government: Government
    plan: RegionalPlan
    year: int
    missions: tuple[str, ...]
    goals: tuple[GoalRow, ...]
    agreement: HeadAgreement | None
    scale: str

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(self.plan.years)

    @property
    def objectives(self) -> tuple[ObjectiveRow, ...]:
        return tuple(o for g in self.goals for o in g.objectives)

    @property
    def indicators(self) -> tuple[IkuRow, ...]:
        return tuple(i for o in self.objectives for i in o.indicators)


@dataclass(frozen=True)
class RegionalTables:
    """Every row of one RPJMD, each table read once."""

    plan: RegionalPlan
    missions: list[RegionalMission]
    goals: list[RegionalGoal]
    objectives: list[RegionalObjective]
    indicators: list[RegionalIndicator]
    targets: list[RegionalTarget]
    realisations: list[RegionalRealisation]
    agreements: dict[int, HeadAgreement] = field(default_factory=dict)

    @property
    def source_agency_ids(self) -> set[int]:
        return {i.source_indicator.plan.agency_id for i in self.indicators if i.source_indicator is not None}


def load_tables(plan: RegionalPlan) -> RegionalTables:
    """The RPJMD's rows: seven queries, whatever the number of misi, sasaran, IKU or years."""
    indicators = list(
        RegionalIndicator.objects.filter(plan=plan)
        .select_related("source_indicator__plan__agency")
        .prefetch_related("agencies")
        .order_by("position", "pk")
    )
    return RegionalTables(
        plan=plan,
        missions=list(RegionalMission.objects.filter(plan=plan).order_by("position", "pk")),
        goals=list(RegionalGoal.objects.filter(plan=plan).order_by("position", "pk")),
        objectives=list(RegionalObjective.objects.filter(plan=plan).order_by("position", "pk")),
        indicators=indicators,
        targets=list(RegionalTarget.objects.filter(indicator__plan=plan)),
        realisations=list(RegionalRealisation.objects.filter(indicator__plan=plan)),
        agreements={
            a.year: a
            for a in HeadAgreement.objects.filter(
                government_id=plan.government_id, year__gte=plan.start_year, year__lte=plan.end_year
            )
        },
    )


def _agency(agency) -> AgencyRef:
    return AgencyRef(code=agency.code, name=agency.name)


def regional_report(
    tables: RegionalTables,
    year: int,
    *,
    government: Government,
    source_values: Mapping[int, Value] | None = None,
    agency_objectives: Mapping[int, tuple[AgencyObjectiveRow, ...]] | None = None,
) -> RegionalReport:
    """The RPJMD with every figure of `year`. `source_values`: the year's realisation of each source indicator
    (by the agency indicator's pk) as its agency's report computes it; `agency_objectives`: the agency sasaran
    serving each RPJMD sasaran (by its pk)."""
    source_values = source_values or {}
    agency_objectives = agency_objectives or {}
    scale = government.predicate_scale
    cap = government.objective_cap
    plan = tables.plan
    rpjmd_targets: dict[int, dict[int, Decimal]] = {}
    pk_targets: dict[int, dict[int, Decimal]] = {}
    for t in tables.targets:
        into = rpjmd_targets if t.kind == RegionalTarget.Kind.RPJMD else pk_targets
        into.setdefault(t.indicator_id, {})[t.year] = t.value
    direct: dict[int, dict[int, Decimal]] = {}
    notes: dict[int, dict[int, str]] = {}
    for r in tables.realisations:
        direct.setdefault(r.indicator_id, {})[r.year] = r.value
        if r.note:
            notes.setdefault(r.indicator_id, {})[r.year] = r.note
    rows_by_objective: dict[int, list[IkuRow]] = {}
    for i in tables.indicators:
        source = None
        if i.source_indicator is not None:
            s = i.source_indicator
            source = SourceRef(
                indicator_pk=s.pk, plan_pk=s.plan_id, agency=_agency(s.plan.agency), code=s.code, name=s.name
            )
        mine_rpjmd, mine_pk = rpjmd_targets.get(i.pk, {}), pk_targets.get(i.pk, {})
        mine_direct = direct.get(i.pk, {})
        current = figures.iku_figures(
            rpjmd_target=mine_rpjmd.get(year),
            pk_target=mine_pk.get(year),
            direct=mine_direct.get(year),
            source=source_values.get(source.indicator_pk) if source else None,
            sourced=source is not None,
            polarity=i.polarity,
            kind=i.kind,
            scale=scale,
        )
        rows_by_objective.setdefault(i.objective_id, []).append(
            IkuRow(
                pk=i.pk,
                code=i.code,
                name=i.name,
                formula=i.formula,
                unit=i.unit,
                polarity=i.polarity,
                kind=i.kind,
                baseline=i.baseline_value,
                baseline_year=i.baseline_year,
                final_target=i.final_target,
                data_source=i.data_source,
                agencies=tuple(_agency(a) for a in sorted(i.agencies.all(), key=lambda a: a.code)),
                source=source,
                rpjmd_targets=mine_rpjmd,
                pk_targets=mine_pk,
                direct_realisations=mine_direct,
                notes=notes.get(i.pk, {}),
                current=current,
            )
        )
    objectives_by_goal: dict[int, list[ObjectiveRow]] = {}
    for o in tables.objectives:
        rows = tuple(rows_by_objective.get(o.pk, ()))
        objectives_by_goal.setdefault(o.goal_id, []).append(
            ObjectiveRow(
                pk=o.pk,
                code=o.code,
                statement=o.statement,
                indicators=rows,
                current=figures.objective_figures((r.current.capaian for r in rows), cap=cap, scale=scale),
                agency_objectives=agency_objectives.get(o.pk, ()),
            )
        )
    mission_numbers = {m.pk: n for n, m in enumerate(tables.missions, start=1)}
    goals = tuple(
        GoalRow(
            pk=g.pk,
            code=g.code,
            statement=g.statement,
            mission_number=mission_numbers.get(g.mission_id) if g.mission_id else None,
            objectives=tuple(objectives_by_goal.get(g.pk, ())),
        )
        for g in tables.goals
    )
    return RegionalReport(
        government=government,
        plan=plan,
        year=year,
        missions=tuple(m.statement for m in tables.missions),
        goals=goals,
        agreement=tables.agreements.get(year),
        scale=scale,
    )
