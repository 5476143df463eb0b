"""Builds the LKjIP report object for one agency and year, once, in a fixed number of queries.

Every renderer (JSON, HTML, PDF, Excel) reads this object and never the ORM. The numbers come from the pure
modules (`indicators/achievement.py`, `indicators/predicates.py`, `budgets/totals.py`, `surveys/ikm.py`);
this module only gathers inputs and hands them over.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Count

from agencies.models import Agency, OrgUnit
from agencies.revisions import committed_revision, committed_revisions
from budgets import spending, totals
from budgets.models import Activity, BudgetLine, Expenditure, Program, SpendingGroup, SubActivity
from indicators import achievement
from indicators.models import (
    Goal,
    Indicator,
    Mission,
    Narrative,
    Objective,
    ObjectiveNote,
    PerformanceAgreement,
    Realisation,
    ReportSigning,
    StrategicPlan,
    Strategy,
    Target,
)
from indicators.predicates import declared_scales
from reports.readmodel.checks import report_checks
from reports.readmodel.profile import organisation_profiles
from reports.readmodel.types import (
    QUARTERS,
    ActivityResult,
    BudgetRow,
    EntryInputs,
    ExpenditureRow,
    Figures,
    Finding,
    GoalRow,
    IndicatorRow,
    ObjectiveNoteRow,
    ObjectiveRow,
    OrganisationProfile,
    Pending,
    ProgramGroup,
    ProgramResult,
    Report,
    ReportUnavailable,
    SigningRow,
    SpendingGroupRow,
    SurveyResult,
    Value,
)
from surveys import responses as survey_responses
from surveys.models import SatisfactionSurvey, SurveyResponse


# --- inputs --------------------------------------------------------------------------------------------------
def plan_for_year(agency: Agency, year: int) -> StrategicPlan | None:
    """The Renstra whose period covers the year; the most recent one when periods overlap."""
    return StrategicPlan.objects.filter(agency=agency).covering(year).first()


@dataclass
class _IndicatorInputs:
    targets: dict = field(default_factory=lambda: defaultdict(dict))  # (kind, year) -> {quarter: value}
    revision_reasons: dict = field(default_factory=dict)  # year -> why the PK perubahan changed the target
    annual: dict = field(default_factory=dict)  # year -> Realisation
    quarters: dict = field(default_factory=lambda: defaultdict(dict))  # year -> {quarter: Realisation}


def _measure(row: Target | Realisation | None) -> Value:
    return row.grade or row.value if row is not None else None


def _put_target(data: _IndicatorInputs, t: Target) -> None:
    data.targets[(t.kind, t.year)][t.quarter] = _measure(t)
    if t.kind == Target.Kind.PK_REVISED:
        data.revision_reasons[t.year] = t.revision_reason


def _grouped(rows: Iterable, key: Callable[[Any], Any]) -> defaultdict:
    groups: defaultdict = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return groups


def _by_first(pairs: Iterable[tuple[Any, Any]]) -> defaultdict:
    groups: defaultdict = defaultdict(list)
    for key, value in pairs:
        groups[key].append(value)
    return groups


@dataclass
class _Tables:
    """What the builder reads of one plan and its agency for one year, each table already in its order."""

    goals: list
    objectives: list
    goal_objectives: defaultdict
    strategies: defaultdict  # objective id -> strategies (their policies prefetched)
    programs: list
    program_objectives: defaultdict  # program id -> objective ids
    objective_programs: defaultdict  # objective id -> program ids
    activities: defaultdict  # program id -> activities in order
    subs: defaultdict  # activity id -> sub-activities in order
    indicators: list
    inputs: defaultdict  # indicator id -> _IndicatorInputs
    objective_code: dict
    lines: dict  # (owner kind, owner id) -> the year's budget line
    line_index: dict  # (owner kind, owner id) -> the line's index among the owner's lines of every year
    surveys: list
    survey_groups: defaultdict  # survey id -> respondent profile groups
    agreements: tuple
    narratives: dict
    signing: SigningRow | None
    objective_notes: defaultdict
    org_units: tuple
    expenditures: defaultdict  # year -> {part: PartAmounts}
    spending_groups: list
    profile: OrganisationProfile
    missions: tuple
    mission_numbers: dict


def load_tables(plans: Sequence[StrategicPlan], year: int) -> dict[int, _Tables]:
    """The tables of each plan (one per agency), by plan id: one query per table, whatever the number of plans
    and the size of each, so that a Pemda's reports cost the same number of queries as one agency's."""
    plan_ids = [p.pk for p in plans]
    agency_ids = [p.agency_id for p in plans]
    goals = _grouped(Goal.objects.filter(plan__in=plan_ids).order_by("position"), lambda g: g.plan_id)
    objectives = _grouped(
        Objective.objects.filter(plan__in=plan_ids).order_by("position"), lambda o: o.plan_id
    )
    objective_plan = {o.pk: plan_id for plan_id, rows in objectives.items() for o in rows}
    strategies = _grouped(
        Strategy.objects.filter(objective__plan__in=plan_ids)
        .prefetch_related("policies")
        .order_by("position"),
        lambda s: objective_plan[s.objective_id],
    )
    programs = _grouped(Program.objects.filter(plan__in=plan_ids).order_by("position"), lambda p: p.plan_id)
    program_plan = {p.pk: plan_id for plan_id, rows in programs.items() for p in rows}
    links = _grouped(
        Program.objectives.through.objects.filter(program__plan__in=plan_ids),
        lambda link: program_plan[link.program_id],
    )
    activities = _grouped(
        Activity.objects.filter(program__plan__in=plan_ids).order_by("position"),
        lambda a: program_plan[a.program_id],
    )
    activity_plan = {a.pk: plan_id for plan_id, rows in activities.items() for a in rows}
    subs = _grouped(
        SubActivity.objects.filter(activity__program__plan__in=plan_ids).order_by("position"),
        lambda s: activity_plan[s.activity_id],
    )
    sub_plan = {s.pk: plan_id for plan_id, rows in subs.items() for s in rows}
    indicators = _grouped(
        Indicator.objects.filter(plan__in=plan_ids).select_related("responsible_unit").order_by("position"),
        lambda i: i.plan_id,
    )
    indicator_plan = {i.pk: plan_id for plan_id, rows in indicators.items() for i in rows}
    inputs: dict[int, defaultdict[int, _IndicatorInputs]] = {
        p: defaultdict(_IndicatorInputs) for p in plan_ids
    }
    # Unordered: each row lands in its own slot, and the models' default order joins up to the agency to sort.
    for t in Target.objects.filter(indicator__plan__in=plan_ids).order_by():
        _put_target(inputs[indicator_plan[t.indicator_id]][t.indicator_id], t)
    for r in Realisation.objects.filter(indicator__plan__in=plan_ids).order_by():
        data = inputs[indicator_plan[r.indicator_id]][r.indicator_id]
        if r.quarter:
            data.quarters[r.year][r.quarter] = r
        else:
            data.annual[r.year] = r
    # Every year's lines are read (few per owner) so that a line's JSON path index is known.
    owned = BudgetLine.objects.filter(activity__program__plan__in=plan_ids).order_by("year", "pk")
    owned_subs = BudgetLine.objects.filter(sub_activity__activity__program__plan__in=plan_ids).order_by(
        "year", "pk"
    )
    lines: dict[int, dict] = {p: {} for p in plan_ids}
    line_index: dict[int, dict] = {p: {} for p in plan_ids}
    counts: defaultdict[tuple[str, int | None], int] = defaultdict(int)  # lines per owner so far
    for line in [*owned, *owned_subs]:
        owner: tuple[str, int | None]
        if line.activity_id:
            owner, plan_id = ("activity", line.activity_id), activity_plan[line.activity_id]
        else:
            owner, plan_id = ("sub_activity", line.sub_activity_id), sub_plan[line.sub_activity_id]
        if line.year == year:
            lines[plan_id][owner] = line
            line_index[plan_id][owner] = counts[owner]
        counts[owner] += 1
    surveys = _grouped(
        SatisfactionSurvey.objects.filter(agency__in=agency_ids)
        .select_related("indicator")
        .prefetch_related("elements")
        .order_by("year"),
        lambda s: s.agency_id,
    )
    # Respondent profiles: one grouped query over the raw questionnaires of every survey of the agencies.
    survey_groups: defaultdict = defaultdict(list)
    profile = SurveyResponse.objects.filter(survey__agency__in=agency_ids).values(
        "survey_id", *survey_responses.PROFILE_FIELDS
    )
    for group in profile.annotate(n=Count("pk")).order_by():
        survey_groups[group["survey_id"]].append(group)
    agreements = _grouped(
        PerformanceAgreement.objects.filter(agency__in=agency_ids, year=year), lambda a: a.agency_id
    )
    narratives = _grouped(
        Narrative.objects.filter(agency__in=agency_ids, year=year).order_by("key"), lambda n: n.agency_id
    )
    signings = {s.agency_id: s for s in ReportSigning.objects.filter(agency__in=agency_ids, year=year)}
    notes: defaultdict = defaultdict(list)  # plan id -> (objective id, its note row) in order
    for note in (
        ObjectiveNote.objects.filter(objective__plan__in=plan_ids, year=year)
        .select_related("program")
        .order_by("kind", "position", "pk")
    ):
        row = ObjectiveNoteRow(
            kind=note.kind,
            text=note.text,
            program_code=note.program.code if note.program else "",
            program_name=note.program.name if note.program else "",
            partner=note.partner,
        )
        notes[objective_plan[note.objective_id]].append((note.objective_id, row))
    org_units = _grouped(
        OrgUnit.objects.filter(agency__in=agency_ids).select_related("parent"), lambda u: u.agency_id
    )
    # The whole budget of year N and of N-1 (printed beside it).
    expenditures: dict[int, defaultdict] = {a: defaultdict(dict) for a in agency_ids}
    for part in Expenditure.objects.filter(agency__in=agency_ids, year__in=(year - 1, year)):
        expenditures[part.agency_id][part.year][part.part] = spending.PartAmounts(
            part.ceiling_original, part.ceiling_rationalised, part.ceiling_revised, part.spent
        )
    spending_groups = _grouped(
        SpendingGroup.objects.filter(agency__in=agency_ids, year=year)
        .prefetch_related("members")
        .order_by("position", "pk"),
        lambda g: g.agency_id,
    )
    profiles = organisation_profiles(agency_ids, year)
    missions = _grouped(
        Mission.objects.filter(plan__in=plan_ids).order_by("position", "pk"), lambda m: m.plan_id
    )
    tables = {}
    for plan in plans:
        p, a = plan.pk, plan.agency_id
        plan_objectives = objectives[p]
        strategies_of = _grouped(strategies[p], lambda s: s.objective_id)
        program_objectives: defaultdict = defaultdict(list)
        objective_programs: defaultdict = defaultdict(list)
        for link in links[p]:
            program_objectives[link.program_id].append(link.objective_id)
            objective_programs[link.objective_id].append(link.program_id)
        plan_missions = missions[p]
        tables[p] = _Tables(
            goals=goals[p],
            objectives=plan_objectives,
            goal_objectives=_grouped(plan_objectives, lambda o: o.goal_id),
            strategies=strategies_of,
            programs=programs[p],
            program_objectives=program_objectives,
            objective_programs=objective_programs,
            activities=_grouped(activities[p], lambda x: x.program_id),
            subs=_grouped(subs[p], lambda x: x.activity_id),
            indicators=indicators[p],
            inputs=inputs[p],
            objective_code={o.pk: o.code for o in plan_objectives},
            lines=lines[p],
            line_index=line_index[p],
            surveys=surveys[a],
            survey_groups=survey_groups,
            agreements=tuple(agreements[a]),
            narratives={n.key: n.text for n in narratives[a]},
            signing=SigningRow.of(signings.get(a)),
            objective_notes=_by_first(notes[p]),
            org_units=tuple(org_units[a]),
            expenditures=expenditures[a],
            spending_groups=spending_groups[a],
            profile=profiles[a],
            missions=tuple(m.statement for m in plan_missions),
            mission_numbers={m.pk: n for n, m in enumerate(plan_missions, start=1)},
        )
    return tables


class _Builder:
    def __init__(
        self,
        agency: Agency,
        year: int,
        pending: Iterable[Pending] = (),
        whole_series: bool | None = None,
        plan_years: bool = False,
        *,
        plan: StrategicPlan | None = None,
    ) -> None:
        self.agency = agency
        self.plan_years = plan_years
        self.pending = tuple(pending)
        self.year = year
        self.government = agency.government
        plan = plan or plan_for_year(agency, year)
        if plan is None:
            raise ReportUnavailable(
                f"Tidak ada Renstra yang mencakup tahun {year} / no Renstra covers {year}"
            )
        self.plan = plan
        self.scales = declared_scales(self.government.predicate_scale, self.government.indicator_scale)
        self.scale = self.scales.main
        if whole_series is None:  # the Pemda's setting: the final year only (default), always, or never
            whole_series = achievement.SERIES_OPTIONS.get(self.government.renstra_series)
        self.whole_series = year >= plan.end_year if whole_series is None else whole_series
        self.series_years = achievement.series_years(
            year=year, start_year=plan.start_year, end_year=plan.end_year, whole_series=self.whole_series
        )
        self.findings: list[Finding] = []

    # Loading: one query per table, whatever the size of the plan (`load_tables`), or tables loaded beforehand
    # for many agencies at once (`reports_build`).
    def load(self, tables: _Tables | None = None) -> None:
        if tables is None:
            tables = load_tables([self.plan], self.year)[self.plan.pk]
        self.goals = tables.goals
        self.objectives = tables.objectives
        self.goal_objectives = tables.goal_objectives
        self.strategies = tables.strategies
        self.programs = tables.programs
        self.program_objectives = tables.program_objectives
        self.objective_programs = tables.objective_programs
        self.activities = tables.activities
        self.subs = tables.subs
        self.indicators = tables.indicators
        self.inputs = tables.inputs
        self.objective_code = tables.objective_code
        self.lines = tables.lines
        self.line_index = tables.line_index
        self.surveys = tables.surveys
        self.survey_groups = tables.survey_groups
        self.agreements = tables.agreements
        self.narratives = tables.narratives
        self.signing = tables.signing
        self.objective_notes = tables.objective_notes
        self.org_units = tables.org_units
        self.expenditures = tables.expenditures
        self.spending_groups = tables.spending_groups
        self.profile = tables.profile
        self.missions = tables.missions
        self.mission_numbers = tables.mission_numbers
        self.survey_skm: dict[tuple[int, int], Decimal] = {}  # (indicator id, year) -> SKM of its survey
        for row in self.pending:
            self._apply_pending(row)

    def _put_target(self, t: Target) -> None:
        _put_target(self.inputs[t.indicator_id], t)

    def _apply_pending(self, row: Pending) -> None:
        """Put an unsaved row in place of the stored one, so a preview is computed exactly as the report."""
        if isinstance(row, Realisation):
            data = self.inputs[row.indicator_id]
            if row.quarter:
                data.quarters[row.year][row.quarter] = row
            else:
                data.annual[row.year] = row
        elif isinstance(row, Target):
            self._put_target(row)
        elif isinstance(row, BudgetLine):
            owner = (
                ("activity", row.activity_id) if row.activity_id else ("sub_activity", row.sub_activity_id)
            )
            if row.year == self.year:
                self.lines[owner] = row
                self.line_index.setdefault(owner, 0)
        else:
            raise TypeError(f"cannot preview {type(row).__name__}")

    # --- indicator figures ----------------------------------------------------------------------------------
    def target(self, indicator: Indicator, year: int, quarter: int = 0) -> Value:
        t = self.inputs[indicator.pk].targets
        if quarter:
            return t.get(("quarter", year), {}).get(quarter)
        return achievement.target_for_year(**self.year_targets(indicator, year))

    def year_targets(self, indicator: Indicator, year: int) -> dict[str, Value]:
        """The year's targets of the three sets, by `target_for_year`'s argument names."""
        t = self.inputs[indicator.pk].targets
        return {kind: t.get((kind, year), {}).get(0) for kind in ("renstra", "pk", "pk_revised")}

    def _row_value(self, indicator: Indicator, row: Realisation | None) -> Value:
        """An entered value wins; otherwise a ratio or growth indicator's value from its stored inputs."""
        if row is None:
            return None
        if _measure(row) is not None:
            return _measure(row)
        if indicator.computation == Indicator.Computation.RATIO:
            return achievement.ratio_value(row.numerator, row.denominator, indicator.multiplier)
        return None

    def quarter_values(self, indicator: Indicator, year: int) -> list[Value]:
        rows = self.inputs[indicator.pk].quarters.get(year, {})
        return [self._row_value(indicator, rows.get(q)) for q in QUARTERS]

    def yearly_value(self, indicator: Indicator, year: int) -> Value:
        """The year's own realisation (before cumulation): entered, ratio, growth, survey, or quarter aggregate."""
        data = self.inputs[indicator.pk]
        value = self._row_value(indicator, data.annual.get(year))
        if value is None and indicator.computation == Indicator.Computation.GROWTH:
            # Growth indicators store their base series x_N as the numerator of each year's row.
            current, previous = data.annual.get(year), data.annual.get(year - 1)
            value = achievement.growth(
                current.numerator if current else None, previous.numerator if previous else None
            )
        if value is None:
            value = self.survey_skm.get((indicator.pk, year))
        if value is None and year in data.quarters:
            value = achievement.annual_from_quarters(
                self.quarter_values(indicator, year), self.mode(indicator)
            )
        return value

    def realisation(self, indicator: Indicator, year: int) -> Value:
        if indicator.cumulative:
            yearly = {y: self.yearly_value(indicator, y) for y in range(self.plan.start_year, year + 1)}
            return achievement.cumulative_realisation(yearly, start_year=self.plan.start_year, year=year)
        return self.yearly_value(indicator, year)

    def mode(self, indicator: Indicator) -> str:
        return achievement.effective_quarter_mode(indicator.kind, indicator.quarter_mode)

    def capaian(self, indicator: Indicator, target: Value, realisation: Value) -> Decimal | None:
        return achievement.capaian(
            target,
            realisation,
            polarity=indicator.polarity,
            kind=indicator.kind,
            grade_scale=indicator.grade_scale or None,
        )

    def figures(self, indicator: Indicator, year: int) -> Figures:
        target, realisation = self.target(indicator, year), self.realisation(indicator, year)
        annual = self.inputs[indicator.pk].annual.get(year)
        return Figures(
            target,
            realisation,
            self.capaian(indicator, target, realisation),
            source=achievement.target_source(**self.year_targets(indicator, year)),
            provisional=annual is not None and annual.status == Realisation.Status.PROVISIONAL,
        )

    def indicator_row(self, indicator: Indicator, parent_code: str, path: str) -> IndicatorRow:
        year = self.year
        current = self.figures(indicator, year)
        q_targets = [self.target(indicator, year, q) for q in QUARTERS]
        q_reals = self.quarter_values(indicator, year)
        q_capaian = achievement.quarter_capaians(
            q_targets,
            q_reals,
            mode=self.mode(indicator),
            polarity=indicator.polarity,
            kind=indicator.kind,
            grade_scale=indicator.grade_scale or None,
        )
        renstra = {
            y: self.inputs[indicator.pk].targets.get(("renstra", y), {}).get(0) for y in self.plan.years
        }
        end_target = renstra.get(self.plan.end_year)
        realised = self.inputs[indicator.pk].annual
        annual = realised.get(year)
        # The years the comparison tables print (N-2..N or the whole series): their units and printed capaian.
        printed_years = self.series_years
        return IndicatorRow(
            code=indicator.code,
            name=indicator.name,
            level=indicator.level,
            parent_code=parent_code,
            path=path,
            unit=indicator.unit,
            kind=indicator.kind,
            polarity=indicator.polarity,
            is_key=indicator.is_key,
            quarter_mode=self.mode(indicator),
            formula=indicator.formula,
            data_source=indicator.data_source,
            responsible_unit=indicator.responsible_unit.name if indicator.responsible_unit else "",
            baseline_year=indicator.baseline_year,
            baseline=indicator.baseline_grade or indicator.baseline_value,
            national_standard=indicator.national_standard_grade or indicator.national_standard_value,
            current=current,
            predicate=self.scale.band_for(current.capaian),
            indicator_predicate=(
                self.scales.per_indicator.band_for(current.capaian) if self.scales.per_indicator else None
            ),
            national_standard_kind=indicator.national_standard_kind,
            national_standard_source=indicator.national_standard_source,
            standard_status=achievement.against_standard(
                current.realisation,
                indicator.national_standard_grade or indicator.national_standard_value,
                polarity=indicator.polarity,
                grade_scale=indicator.grade_scale or None,
            ),
            history={y: self.figures(indicator, y) for y in self.series_years if y != year},
            plan_years=(
                {y: current if y == year else self.figures(indicator, y) for y in self.plan.years}
                if self.plan_years
                else {}
            ),
            renstra_targets=renstra,
            renstra_end_target=end_target,
            renstra_progress=achievement.renstra_progress(current.realisation, end_target),
            quarters=tuple(Figures(t, r, c) for t, r, c in zip(q_targets, q_reals, q_capaian, strict=True)),
            status=annual.status if annual else "",
            note=annual.note if annual else "",
            analysis=annual.analysis if annual else "",
            declared_capaian=annual.declared_capaian if annual else "",
            inputs=self._entry_inputs(indicator),
            cumulative=indicator.cumulative,
            year_realisation=self.yearly_value(indicator, year)
            if indicator.cumulative
            else current.realisation,
            year_units={
                y: realised[y].unit
                for y in printed_years
                if y in realised and realised[y].unit and realised[y].unit != indicator.unit
            },
            declared_history={
                y: realised[y].declared_capaian
                for y in printed_years
                if y != year and y in realised and realised[y].declared_capaian
            },
            grade_scale=indicator.grade_scale,
            revision_reason=self.inputs[indicator.pk].revision_reasons.get(year, ""),
        )

    # --- budget ---------------------------------------------------------------------------------------------
    def line_row(self, owner_kind: str, owner: Activity | SubActivity, path: str) -> BudgetRow:
        line = self.lines.get((owner_kind, owner.pk))
        if line is None:
            return BudgetRow(owner.code, owner.name, owner_kind, path, totals.figures(None, None))
        path = f"{path}[{self.line_index[(owner_kind, owner.pk)]}]"
        ceiling = totals.effective_ceiling(
            original=line.ceiling_original,
            rationalised=line.ceiling_rationalised,
            revised=line.ceiling_revised,
        )
        spent = line.spent if line.spent is not None else totals.spent_from_quarters(line.spent_quarters)
        return BudgetRow(
            owner.code,
            owner.name,
            owner_kind,
            path,
            totals.figures(ceiling, spent),
            ceiling_original=line.ceiling_original,
            ceiling_rationalised=line.ceiling_rationalised,
            ceiling_revised=line.ceiling_revised,
            physical_progress=line.physical_progress,
            spent_quarters=tuple(line.spent_quarters),
            spent_entered=line.spent,
            declared=_declared(line),
            planned_quarters=tuple(line.planned_quarters),
            physical_quarters=tuple(line.physical_quarters),
            progress=spending.progress(
                ceiling, line.planned_quarters, line.spent_quarters, line.physical_quarters
            ),
        )

    @staticmethod
    def parent_row(
        code: str,
        name: str,
        level: str,
        path: str,
        children: Sequence[BudgetRow],
        line: BudgetLine | None = None,
        objective_codes: tuple[str, ...] = (),
    ) -> BudgetRow:
        """A row whose figures are the roll-up of its children; `line` may carry printed figures to check."""
        ceiling, spent = totals.roll_up((c.figures.ceiling, c.figures.spent) for c in children)
        planned = spending.quarter_totals([(c.figures.ceiling, c.planned_quarters) for c in children])
        spent_quarters = spending.quarter_totals([(c.figures.ceiling, c.spent_quarters) for c in children])
        physical = tuple(
            spending.weighted_physical([(c.figures.ceiling, c.physical_quarters[k]) for c in children])
            for k in range(4)
        )
        return BudgetRow(
            code,
            name,
            level,
            path,
            totals.figures(ceiling, spent),
            ceiling_original=totals.sum_known(c.ceiling_original for c in children),
            ceiling_rationalised=totals.sum_known(c.ceiling_rationalised for c in children),
            ceiling_revised=totals.sum_known(c.ceiling_revised for c in children),
            children=tuple(children),
            declared=_declared(line) if line else (),
            objective_codes=objective_codes,
            spent_quarters=spent_quarters,
            planned_quarters=planned,
            physical_quarters=physical,
            progress=spending.progress(ceiling, planned, spent_quarters, physical),
        )

    # --- the whole budget -----------------------------------------------------------------------------------
    def expenditure_rows(self) -> tuple[ExpenditureRow, ...]:
        previous = {r.part: r for r in spending.whole_budget(self.expenditures.get(self.year - 1, {}))}
        rows = []
        for result in spending.whole_budget(self.expenditures.get(self.year, {})):
            amounts = result.amounts
            before = previous.get(result.part)
            rows.append(
                ExpenditureRow(
                    part=result.part,
                    label=EXPENDITURE_LABELS[result.part],
                    depth=spending.PART_DEPTH[result.part],
                    path=f"$.expenditures.{self.year}.{result.part}",
                    amounts=amounts,
                    figures=totals.figures(amounts.ceiling, amounts.spent),
                    computed=result.computed,
                    parts=result.parts,
                    parts_sum=result.parts_sum,
                    previous=totals.figures(before.amounts.ceiling, before.amounts.spent) if before else None,
                    ceiling_change=spending.change(
                        amounts.ceiling, before.amounts.ceiling if before else None
                    ),
                    spent_change=spending.change(amounts.spent, before.amounts.spent if before else None),
                )
            )
        return tuple(rows)

    def spending_group_rows(self, programs: dict[int, BudgetRow]) -> tuple[SpendingGroupRow, ...]:
        rows = []
        for k, group in enumerate(self.spending_groups):
            members = [programs[m.program_id] for m in group.members.all() if m.program_id in programs]
            members.sort(key=lambda p: p.code)
            own = [p.figures.spent for p in members]
            rows.append(
                SpendingGroupRow(
                    label=group.label,
                    path=f"$.spending_groups.{self.year}[{k}]",
                    programs=tuple((p.code, p.name) for p in members),
                    figures=totals.figures(totals.sum_known(p.figures.ceiling for p in members), group.spent),
                    members_spent=totals.sum_known(own) if members and None not in own else None,
                )
            )
        return tuple(rows)

    def with_group_spending(self, total: BudgetRow, programs: dict[int, BudgetRow]) -> BudgetRow:
        """The agency's total once the realisations declared for groups of programs are counted."""
        if not self.spending_groups:
            return total
        spent = spending.spent_with_groups(
            [(pk, row.figures.ceiling, row.figures.spent) for pk, row in programs.items()],
            [(frozenset(m.program_id for m in g.members.all()), g.spent) for g in self.spending_groups],
        )
        return replace(total, figures=totals.figures(total.figures.ceiling, spent))

    # --- the whole report -----------------------------------------------------------------------------------
    def build(self, tables: _Tables | None = None) -> Report:
        self.load(tables)
        by_owner = defaultdict(list)
        for indicator in self.indicators:
            by_owner[(indicator.level, indicator.owner_id)].append(indicator)
        survey_results = []
        for k, survey in enumerate(self.surveys):
            result = self._survey_result(survey, f"$.surveys[{k}]")
            if survey.indicator_id and result.skm is not None:
                self.survey_skm[(survey.indicator_id, survey.year)] = result.skm
            if survey.year <= self.year:
                survey_results.append(result)

        rows: list[IndicatorRow] = []

        def indicator_rows(level, owner, path):
            out = []
            for k, indicator in enumerate(by_owner[(level, owner.pk)]):
                out.append(self.indicator_row(indicator, owner.code, f"{path}.indicators[{k}]"))
            rows.extend(out)
            return tuple(out)

        # Programs first: objectives need their budget figures.
        programs = {}
        program_rows = []
        program_results = []
        for pi, program in enumerate(self.programs):
            ppath = f"$.programs[{pi}]"
            own_rows = indicator_rows("program", program, ppath)
            activity_rows = []
            activity_results = []
            for ai, activity in enumerate(self.activities[program.pk]):
                apath = f"{ppath}.activities[{ai}]"
                activity_indicators = indicator_rows("activity", activity, apath)
                subs = self.subs[activity.pk]
                sub_rows = []
                sub_results = []
                for si, sub in enumerate(subs):
                    spath = f"{apath}.sub_activities[{si}]"
                    sub_indicators = indicator_rows("sub_activity", sub, spath)
                    sub_results.append(
                        ActivityResult(sub.code, sub.name, "sub_activity", spath, sub_indicators)
                    )
                    sub_rows.append(self.line_row("sub_activity", sub, f"{spath}.budget"))
                activity_results.append(
                    ActivityResult(
                        activity.code,
                        activity.name,
                        "activity",
                        apath,
                        activity_indicators,
                        tuple(sub_results),
                    )
                )
                if subs:
                    line = self.lines.get(("activity", activity.pk))
                    bpath = f"{apath}.budget[{self.line_index[('activity', activity.pk)]}]" if line else apath
                    activity_row = self.parent_row(
                        activity.code, activity.name, "activity", bpath, sub_rows, line
                    )
                else:
                    activity_row = self.line_row("activity", activity, f"{apath}.budget")
                activity_rows.append(activity_row)
            prow = self.parent_row(
                program.code,
                program.name,
                "program",
                ppath,
                activity_rows,
                objective_codes=tuple(self.objective_code[pk] for pk in self.program_objectives[program.pk]),
            )
            programs[program.pk] = prow
            program_rows.append(prow)
            program_results.append(
                ProgramResult(
                    program.code,
                    program.name,
                    ppath,
                    own_rows,
                    tuple(activity_results),
                    prow.objective_codes,
                )
            )
        program_indicator_rows = list(rows)
        rows.clear()

        goals, objective_rows = [], []
        objective_index = {}
        for gi, goal in enumerate(self.goals):
            gpath = f"$.goals[{gi}]"
            goal_indicators = indicator_rows("goal", goal, gpath)
            objectives = []
            for oi, objective in enumerate(self.goal_objectives[goal.pk]):
                opath = f"{gpath}.objectives[{oi}]"
                own = indicator_rows("objective", objective, opath)
                capaian = achievement.objective_capaian(
                    (i.capaian for i in own), cap=self.government.objective_cap
                )
                linked = [programs[pk] for pk in self.objective_programs[objective.pk]]
                ceiling, spent = totals.roll_up((p.figures.ceiling, p.figures.spent) for p in linked)
                budget = totals.figures(ceiling, spent)
                mission_number = self.mission_numbers.get(objective.mission_id or 0)
                row = ObjectiveRow(
                    code=objective.code,
                    statement=objective.statement,
                    goal_code=goal.code,
                    path=opath,
                    indicators=own,
                    capaian=capaian,
                    predicate=self.scale.band_for(capaian),
                    program_codes=tuple(p.code for p in linked),
                    budget=budget,
                    efficiency=totals.efficiency(capaian, budget.absorption),
                    strategies=tuple(
                        (s.statement, tuple(p.statement for p in s.policies.all()))
                        for s in self.strategies[objective.pk]
                    ),
                    notes=tuple(self.objective_notes[objective.pk]),
                    mission_number=mission_number,
                    mission=self.missions[mission_number - 1] if mission_number else "",
                    rpjmd_goal=objective.rpjmd_goal,
                )
                objective_index[objective.pk] = row
                objectives.append(row)
            objective_rows.extend(objectives)
            goals.append(GoalRow(goal.code, goal.statement, goal_indicators, tuple(objectives)))
        rows.extend(program_indicator_rows)
        # The sasaran a program supports, in the report's order (the links themselves come unordered).
        program_results = [
            replace(p, objective_codes=tuple(o.code for o in objective_rows if o.code in p.objective_codes))
            for p in program_results
        ]

        total = self.parent_row(self.agency.code, self.agency.name, "total", "$.programs", program_rows)
        total = self.with_group_spending(total, programs)
        report = Report(
            agency=self.agency,
            government=self.government,
            plan=self.plan,
            year=self.year,
            scale=self.scale,
            missions=self.missions,
            org_units=self.org_units,
            goals=tuple(goals),
            indicators=tuple(rows),
            objectives=tuple(objective_rows),
            budget=total,
            surveys=tuple(survey_results),
            agreements=self.agreements,
            narratives=self.narratives,
            signing=self.signing,
            programs=tuple(program_results),
            program_groups=program_groups(objective_rows, program_results),
            expenditures=self.expenditure_rows(),
            spending_groups=self.spending_group_rows(programs),
            profile=self.profile,
            series_years=self.series_years,
            whole_series=self.whole_series,
            indicator_scale=self.scales.per_indicator,
        )
        return replace(report, checks=tuple(report_checks(report)))

    def _entry_inputs(self, indicator: Indicator) -> EntryInputs:
        data = self.inputs[indicator.pk]
        annual = data.annual.get(self.year)
        targets = data.targets
        return EntryInputs(
            entered=_measure(annual),
            entered_places=annual.value_places if annual and annual.value is not None else None,
            ratio=(
                achievement.ratio_value(annual.numerator, annual.denominator, indicator.multiplier)
                if annual and indicator.computation == Indicator.Computation.RATIO
                else None
            ),
            quarter_aggregate=(
                achievement.annual_from_quarters(
                    self.quarter_values(indicator, self.year), self.mode(indicator)
                )
                if self.year in data.quarters
                else None
            ),
            renstra_target=targets.get(("renstra", self.year), {}).get(0),
            pk_target=targets.get(("pk", self.year), {}).get(0),
            pk_revised_target=targets.get(("pk_revised", self.year), {}).get(0),
        )

    def _survey_result(self, survey: SatisfactionSurvey, path: str) -> SurveyResult:
        elements = sorted(survey.elements.all(), key=lambda e: e.position)
        detail = survey_responses.survey_result(
            [(e.code, e.name, e.total, e.answered) for e in elements],
            weight=self.government.ikm_weight,
            scale=self.government.ikm_scale,
        )
        groups = self.survey_groups[survey.pk]
        return SurveyResult(
            year=survey.year,
            conducted_by=survey.conducted_by,
            path=path,
            elements=tuple((e.code, e.name, e.total, e.answered, e.nrr) for e in detail.elements),
            ikm=detail.ikm,
            skm=detail.skm,
            mutu=detail.mutu,
            indicator_code=survey.indicator.code if survey.indicator else None,
            declared_ikm=survey.declared_ikm,
            declared_skm=survey.declared_skm,
            detail=detail,
            profiles=survey_responses.profile_tables(groups) if groups else (),
        )


UNLINKED_GROUP = "Program tanpa sasaran"
# The report's own (Indonesian) names of the parts of the whole budget.
EXPENDITURE_LABELS = {
    "total": "Total Belanja",
    "operating": "Belanja Operasi",
    "personnel": "Belanja Pegawai",
    "goods": "Belanja Barang dan Jasa",
    "capital": "Belanja Modal",
    "indirect": "Belanja Tidak Langsung",
    "direct": "Belanja Langsung",
}


def program_groups(
    objectives: Sequence[ObjectiveRow], programs: Sequence[ProgramResult]
) -> tuple[ProgramGroup, ...]:
    """Programs under each sasaran they support, in plan order (a program supporting two sasaran is in both),
    then "Program tanpa sasaran" for those supporting none (only when there are some)."""
    groups = []
    for objective in objectives:
        linked = tuple(p for p in programs if objective.code in p.objective_codes)
        groups.append(ProgramGroup(objective.code, objective.statement, linked))
    unlinked = tuple(p for p in programs if not p.objective_codes)
    if unlinked:
        groups.append(ProgramGroup("", UNLINKED_GROUP, unlinked))
    return tuple(groups)


def _declared(line: BudgetLine) -> tuple[tuple[str, str], ...]:
    fields = ("ceiling", "spent", "absorption", "remaining", "remaining_pct")
    return tuple((f, getattr(line, f"declared_{f}")) for f in fields if getattr(line, f"declared_{f}"))


REPORT_CACHE_FORMAT = (
    1  # raise when the report object or its builder changes: older cached reports are ignored
)
REPORT_CACHE_TTL = 15 * 60  # a safety net for a write that neither sends a signal nor notes its agency


def _cache_key(
    agency_id: int, year: int, revision: int | None, whole_series: bool | None, plan_years: bool
) -> str:
    return f"report:{REPORT_CACHE_FORMAT}:{agency_id}:{year}:{revision}:{whole_series}:{plan_years}"


def report_build(
    *,
    agency: Agency,
    year: int,
    pending: Iterable[Pending] = (),
    whole_series: bool | None = None,
    plan_years: bool = False,
) -> Report:
    """The report object for an agency and year (raises ReportUnavailable when no Renstra covers the year).

    `pending` holds unsaved `Realisation`, `Target` or `BudgetLine` rows that replace the stored ones: the
    planner's screens preview what a change would do to capaian and roll-ups with the very same engine.
    `whole_series` asks for every year since the Renstra's first in the comparison tables (None: only in the
    Renstra's final year; `achievement.series_years`). `plan_years` also gives every indicator the figures of each
    year of the Renstra (`IndicatorRow.plan_years`, each as that year's own report computes it: the Ringkasan's
    trend, `readmodel/trends.py`); it costs no query.

    Without `pending`, the report is kept in the cache under the agency's committed revision
    (`agencies.revisions`): the same object until the agency's data (or its Pemda's settings) change. Inside a
    transaction it is always built afresh: the revision of uncommitted writes is not raised yet.
    """
    pending = tuple(pending)
    revision = None if pending else committed_revision(agency.pk)
    key = _cache_key(agency.pk, year, revision, whole_series, plan_years)
    if revision is not None:
        cached = cache.get(key)
        if cached is not None:
            # The caller's agency (with what its query annotated) rather than the one cached with the report.
            return replace(cached, agency=agency, government=agency.government)
    report = _Builder(agency, year, pending, whole_series, plan_years).build()
    if revision is not None:
        cache.set(key, report, REPORT_CACHE_TTL)
    return report


def reports_build(
    *, agencies: Sequence[Agency], year: int, rebuild: bool = False, lifetime: int = REPORT_CACHE_TTL
) -> dict[int, Report]:
    """The report object of each agency (by agency id) for the year, equal to what `report_build` gives for each,
    in the same fixed number of queries whatever the number of agencies: a Pemda's dashboard and batch read this.
    Agencies whose Renstra does not cover the year are left out. The agencies should come with their Pemda
    (`select_related("government")`). Reports cached by `report_build` are taken from the cache, and those built
    here are put there, under the same rule (the agency's committed revision), for `lifetime` seconds.
    `rebuild` builds every one from the database even when cached, and caches it again (`warm_reports --refresh`:
    the safety net for a write that raised no revision)."""
    by_id = {a.pk: a for a in agencies}
    revisions = committed_revisions(by_id)
    reports: dict[int, Report] = {}
    keys: dict[int, str] = {}
    if revisions is not None:
        keys = {pk: _cache_key(pk, year, revisions[pk], None, False) for pk in by_id}
        cached = {} if rebuild else cache.get_many(list(keys.values()))
        for pk, key in keys.items():
            if key in cached:
                reports[pk] = replace(cached[key], agency=by_id[pk], government=by_id[pk].government)
    missing = [pk for pk in by_id if pk not in reports]
    if not missing:
        return reports
    plans: dict[int, StrategicPlan] = {}
    for plan in StrategicPlan.objects.filter(agency__in=missing).covering(year):
        plans.setdefault(plan.agency_id, plan)  # the most recent plan covering the year, as `plan_for_year`
    tables = load_tables(list(plans.values()), year)
    fresh = {}
    for agency_id, plan in plans.items():
        builder = _Builder(by_id[agency_id], year, plan=plan)
        reports[agency_id] = builder.build(tables[plan.pk])
        if keys:
            fresh[keys[agency_id]] = reports[agency_id]
    if fresh:
        cache.set_many(fresh, lifetime)
    return reports
