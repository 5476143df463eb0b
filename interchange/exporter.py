"""Export of one agency's data as `sakip-dataset/2` (CURRENT_FORMAT): the inverse of `dataset.writing.dataset_import`.

Decimals are written in canonical form without trailing zeros, optional keys only when they hold something,
so that export → import → export gives the same bytes.
"""

from __future__ import annotations

import json
from collections import defaultdict

from agencies.models import Agency, Facility, Government, Risk, StaffCount, StrategicIssue
from budgets.models import BudgetLine, Program
from budgets.spending import PART_ORDER
from indicators.models import Indicator, ObjectiveNote, Realisation, StrategicPlan, Target
from interchange.dataset.validation import CURRENT_FORMAT
from sakip.numbers import canonical_str, figure_with_places


def _put(out: dict, key: str, value):
    if value not in (None, "", [], {}):
        out[key] = value


def _measure(value, grade):
    return grade or canonical_str(value)


def _typed_measure(realisation):
    """A realisation's value with the decimals it was typed with ("0.10", not "0.1"): the import reads them back."""
    if realisation.grade or realisation.value is None:
        return _measure(realisation.value, realisation.grade)
    return figure_with_places(realisation.value, realisation.value_places)


_NOTE_KINDS = {kind: i for i, kind in enumerate(ObjectiveNote.Kind.values)}


def _objective_analysis(objective) -> dict:
    """The sasaran's analysis items per year, each year's items by kind (in `ObjectiveNote.Kind` order) and then
    in their typed order: what the import gives back as positions."""
    notes = sorted(objective.notes.all(), key=lambda n: (n.year, _NOTE_KINDS[n.kind], n.position, n.pk))
    analysis: dict[str, list] = {}
    for note in notes:
        item = {"kind": note.kind, "text": note.text}
        if note.program is not None:
            item["program"] = note.program.code
        _put(item, "partner", note.partner)
        analysis.setdefault(str(note.year), []).append(item)
    return analysis


def _organisation_profile(agency: Agency) -> dict:
    """Each year's staff tables, sarana-prasarana, strategic issues and risks (/2), each list in its typed order:
    four queries whatever the number of rows."""
    years: dict[str, dict] = defaultdict(dict)
    order = ("position", "pk")
    for count in StaffCount.objects.filter(agency=agency).order_by("year", "breakdown", *order):
        staff = years[str(count.year)].setdefault("staff", {})
        staff.setdefault(count.breakdown, []).append({"label": count.label, "count": count.count})
    for f in Facility.objects.filter(agency=agency).order_by("year", *order):
        row = {}
        _put(row, "category", f.category)
        row["name"] = f.name
        for key in ("quantity", "unit", "acquired_year", "condition"):
            _put(row, key, getattr(f, key))
        _put(row, "value", canonical_str(f.value))
        _put(row, "note", f.note)
        years[str(f.year)].setdefault("facilities", []).append(row)
    for i in (
        StrategicIssue.objects.filter(agency=agency).select_related("objective").order_by("year", *order)
    ):
        row = {"issue": i.issue}
        _put(row, "cause", i.cause)
        _put(row, "objective", i.objective.code if i.objective else None)
        years[str(i.year)].setdefault("strategic_issues", []).append(row)
    risks = Risk.objects.filter(agency=agency).select_related("owner_unit", "objective")
    for r in risks.order_by("year", *order):
        row = {"statement": r.statement}
        for key in ("cause", "impact", "likelihood", "severity", "mitigation", "schedule"):
            _put(row, key, getattr(r, key))
        _put(row, "owner_unit", r.owner_unit.code if r.owner_unit else None)
        _put(row, "objective", r.objective.code if r.objective else None)
        years[str(r.year)].setdefault("risks", []).append(row)
    # Staff breakdowns in their declared order, whatever order the database sorts their codes in.
    breakdowns = StaffCount.Breakdown.values
    for profile in years.values():
        if "staff" in profile:
            profile["staff"] = {b: profile["staff"][b] for b in breakdowns if b in profile["staff"]}
    return {year: years[year] for year in sorted(years)}


def dataset_export(agency: Agency) -> dict:
    government = agency.government
    plan = StrategicPlan.objects.filter(agency=agency).order_by("-start_year", "-pk").first()
    out = {"format": CURRENT_FORMAT}
    gov = {"code": government.code, "name": government.name}
    _put(gov, "level", government.level)
    _put(gov, "head_title", government.head_title)
    out["government"] = gov
    ag = {"code": agency.code, "name": agency.name}
    for key in ("short_name", "address", "website"):
        _put(ag, key, getattr(agency, key))
    head = {}
    _put(head, "name", agency.head_name)
    _put(head, "nip", agency.head_nip)
    _put(head, "rank", agency.head_rank)
    _put(ag, "head", head)
    out["agency"] = ag
    settings = {
        "predicate_scale": government.predicate_scale,
        "objective_cap": canonical_str(government.objective_cap),
        "ikm_weight": government.ikm_weight,
        "ikm_scale": government.ikm_scale,
    }
    if government.renstra_series != Government.RenstraSeries.FINAL_YEAR:  # /2; the default is left out
        settings["renstra_series"] = government.renstra_series
    if government.indicator_scale:
        settings["indicator_scale"] = government.indicator_scale
    out["settings"] = settings
    units = []
    for unit in agency.org_units.select_related("parent").order_by("position"):
        row = {"code": unit.code, "name": unit.name, "parent": unit.parent.code if unit.parent else None}
        _put(row, "head_title", unit.head_title)
        _put(row, "duties", unit.duties)
        _put(row, "functions", [line.strip() for line in unit.functions.splitlines() if line.strip()])
        units.append(row)
    _put(out, "org_units", units)
    _put(out, "organisation_profile", _organisation_profile(agency))
    if plan is None:
        out["plan"] = None
        out["goals"] = []
        return out

    plan_out = {"start_year": plan.start_year, "end_year": plan.end_year}
    _put(plan_out, "revision", plan.revision)
    _put(plan_out, "vision", plan.vision)
    missions = list(plan.missions.order_by("position", "pk"))
    mission_numbers = {m.pk: n for n, m in enumerate(missions, start=1)}
    _put(plan_out, "missions", [m.statement for m in missions])
    out["plan"] = plan_out

    indicators = _indicators_by_owner(plan)
    goals = []
    for goal in plan.goals.order_by("position").prefetch_related(
        "objectives__strategies__policies", "objectives__notes__program"
    ):
        g = {"code": goal.code, "statement": goal.statement}
        _put(g, "indicators", indicators[("goal", goal.pk)])
        objectives = []
        for objective in sorted(goal.objectives.all(), key=lambda o: o.position):
            o = {"code": objective.code, "statement": objective.statement}
            _put(o, "mission", mission_numbers.get(objective.mission_id))
            _put(o, "rpjmd_goal", objective.rpjmd_goal)
            _put(o, "indicators", indicators[("objective", objective.pk)])
            strategies = []
            for strategy in sorted(objective.strategies.all(), key=lambda s: s.position):
                s = {"statement": strategy.statement}
                _put(
                    s,
                    "policies",
                    [p.statement for p in sorted(strategy.policies.all(), key=lambda p: p.position)],
                )
                strategies.append(s)
            _put(o, "strategies", strategies)
            _put(o, "analysis", _objective_analysis(objective))
            objectives.append(o)
        _put(g, "objectives", objectives)
        goals.append(g)
    out["goals"] = goals

    budget = _budget_by_owner(plan)
    programs = []
    program_qs = (
        Program.objects.filter(plan=plan)
        .order_by("position")
        .prefetch_related("objectives__goal", "activities__sub_activities", "activities__responsible_unit")
    )
    for program in program_qs:
        p = {"code": program.code, "name": program.name}
        _put(
            p,
            "objectives",
            [o.code for o in sorted(program.objectives.all(), key=lambda o: (o.goal.position, o.position))],
        )
        _put(p, "indicators", indicators[("program", program.pk)])
        activities = []
        for activity in sorted(program.activities.all(), key=lambda a: a.position):
            a = {"code": activity.code, "name": activity.name}
            _put(a, "responsible_unit", activity.responsible_unit.code if activity.responsible_unit else None)
            _put(a, "indicators", indicators[("activity", activity.pk)])
            _put(a, "budget", budget[("activity", activity.pk)])
            subs = []
            for sub in sorted(activity.sub_activities.all(), key=lambda s: s.position):
                s = {"code": sub.code, "name": sub.name}
                _put(s, "indicators", indicators[("sub_activity", sub.pk)])
                _put(s, "budget", budget[("sub_activity", sub.pk)])
                subs.append(s)
            _put(a, "sub_activities", subs)
            activities.append(a)
        _put(p, "activities", activities)
        programs.append(p)
    _put(out, "programs", programs)

    agreements = []
    for agreement in agency.agreements.order_by("year", "revision"):
        row = {"year": agreement.year, "revision": agreement.revision}
        _put(row, "signed_on", agreement.signed_on)
        _put(row, "place", agreement.place)
        first, second = {}, {}
        _put(first, "name", agreement.first_party_name)
        _put(first, "nip", agreement.first_party_nip)
        _put(first, "position", agreement.first_party_position)
        _put(second, "name", agreement.second_party_name)
        _put(second, "position", agreement.second_party_position)
        _put(row, "first_party", first)
        _put(row, "second_party", second)
        agreements.append(row)
    _put(out, "agreements", agreements)

    surveys = []
    for survey in agency.surveys.order_by("year").select_related("indicator").prefetch_related("elements"):
        row = {"year": survey.year}
        _put(row, "conducted_by", survey.conducted_by)
        unsur = []
        for element in sorted(survey.elements.all(), key=lambda e: e.position):
            e = {"code": element.code}
            _put(e, "name", element.name)
            e["total"] = canonical_str(element.total)
            e["answered"] = canonical_str(element.answered)
            unsur.append(e)
        row["unsur"] = unsur
        row["indicator"] = survey.indicator.code if survey.indicator else None
        declared = {}
        _put(declared, "ikm", survey.declared_ikm)
        _put(declared, "skm", survey.declared_skm)
        _put(row, "declared", declared)
        surveys.append(row)
    _put(out, "surveys", surveys)

    narratives = defaultdict(dict)
    for narrative in agency.narratives.order_by("year", "key"):
        narratives[str(narrative.year)][narrative.key] = narrative.text
    _put(out, "narratives", dict(narratives))

    signings = {}
    for signing in agency.report_signings.order_by("year"):
        row = {"signed_on": signing.signed_on.isoformat() if signing.signed_on else None}
        for key in ("place", "title", "name", "nip", "rank"):
            row[key] = getattr(signing, key)
        signings[str(signing.year)] = {k: v for k, v in row.items() if v}
    _put(out, "report_signing", signings)

    expenditures: defaultdict[str, dict] = defaultdict(dict)
    for part in agency.expenditures.order_by("year", "pk"):
        amounts = {}
        for key in ("ceiling_original", "ceiling_rationalised", "ceiling_revised", "spent"):
            _put(amounts, key, canonical_str(getattr(part, key)))
        expenditures[str(part.year)][part.part] = amounts
    _put(out, "expenditures", {year: _in_part_order(parts) for year, parts in expenditures.items()})

    groups: defaultdict[str, list] = defaultdict(list)
    for group in agency.spending_groups.prefetch_related("members__program").order_by(
        "year", "position", "pk"
    ):
        row = {"label": group.label, "programs": sorted(m.program.code for m in group.members.all())}
        _put(row, "spent", canonical_str(group.spent))
        groups[str(group.year)].append(row)
    _put(out, "spending_groups", dict(groups))
    return out


def _in_part_order(parts: dict) -> dict:
    """A year's parts of the whole budget in the order they are printed, whatever order they were typed in."""
    return {part: parts[part] for part in PART_ORDER if part in parts}


def _indicators_by_owner(plan) -> dict:
    targets = defaultdict(list)
    for t in Target.objects.filter(indicator__plan=plan).order_by("year", "quarter"):
        targets[t.indicator_id].append(t)
    realisations = defaultdict(list)
    for r in Realisation.objects.filter(indicator__plan=plan).order_by("year", "quarter"):
        realisations[r.indicator_id].append(r)

    by_owner = defaultdict(list)
    for indicator in (
        Indicator.objects.filter(plan=plan).select_related("responsible_unit").order_by("position")
    ):
        by_owner[(indicator.level, indicator.owner_id)].append(
            _indicator(indicator, targets[indicator.pk], realisations[indicator.pk])
        )
    return by_owner


def _indicator(indicator: Indicator, targets, realisations) -> dict:
    i = {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit or None,
        "kind": indicator.kind,
        "polarity": indicator.polarity,
        "key": indicator.is_key,
        "computation": indicator.computation,
        "cumulative": indicator.cumulative,
    }
    _put(i, "grade_scale", indicator.grade_scale)
    _put(i, "multiplier", canonical_str(indicator.multiplier))
    _put(i, "numerator_label", indicator.numerator_label)
    _put(i, "denominator_label", indicator.denominator_label)
    _put(i, "quarters", indicator.quarter_mode)
    _put(i, "formula", indicator.formula)
    _put(i, "data_source", indicator.data_source)
    _put(i, "responsible_unit", indicator.responsible_unit.code if indicator.responsible_unit else None)
    baseline = {}
    _put(baseline, "year", indicator.baseline_year)
    _put(baseline, "value", _measure(indicator.baseline_value, indicator.baseline_grade))
    _put(i, "baseline", baseline)
    _put(
        i, "national_standard", _measure(indicator.national_standard_value, indicator.national_standard_grade)
    )
    _put(i, "national_standard_kind", indicator.national_standard_kind)
    _put(i, "national_standard_source", indicator.national_standard_source)

    by_kind = defaultdict(dict)
    quarter_targets = {}
    reasons = {}
    for t in targets:
        if t.kind == Target.Kind.QUARTER:
            quarter_targets.setdefault(str(t.year), [None] * 4)[t.quarter - 1] = _measure(t.value, t.grade)
        else:
            by_kind[t.kind][str(t.year)] = _measure(t.value, t.grade)
            if (
                t.kind == Target.Kind.PK_REVISED
                and t.revision_reason
                and by_kind[t.kind][str(t.year)] is not None
            ):
                reasons[str(t.year)] = t.revision_reason
    _put(i, "targets", {kind: by_kind[kind] for kind in ("renstra", "pk", "pk_revised") if by_kind[kind]})
    _put(i, "revision_reasons", dict(sorted(reasons.items())))
    _put(i, "quarter_targets", quarter_targets)

    annual, quarters, analysis = {}, {}, {}
    for r in realisations:
        if r.quarter:
            quarters.setdefault(str(r.year), [None] * 4)[r.quarter - 1] = _typed_measure(r)
            continue
        row = {}
        _put(row, "value", _typed_measure(r))
        _put(row, "unit", r.unit)
        _put(row, "numerator", canonical_str(r.numerator))
        _put(row, "denominator", canonical_str(r.denominator))
        if r.status != Realisation.Status.FINAL:
            row["status"] = r.status
        _put(row, "note", r.note)
        if r.declared_capaian:
            row["declared"] = {"capaian": r.declared_capaian}
        if row or not r.analysis:
            annual[str(r.year)] = row
        _put(analysis, str(r.year), r.analysis)
    _put(i, "realisations", annual)
    _put(i, "quarter_realisations", quarters)
    _put(i, "analysis", analysis)
    return i


def _budget_by_owner(plan) -> dict:
    by_owner = defaultdict(list)
    lines = BudgetLine.objects.filter(activity__program__plan=plan) | BudgetLine.objects.filter(
        sub_activity__activity__program__plan=plan
    )
    for line in lines.order_by("year"):
        row = {"year": line.year}
        for key in ("ceiling_original", "ceiling_rationalised", "ceiling_revised", "ceiling_plan", "spent"):
            _put(row, key, canonical_str(getattr(line, key)))
        if any(q is not None for q in line.spent_quarters):
            row["spent_quarters"] = [canonical_str(q) for q in line.spent_quarters]
        if any(q is not None for q in line.planned_quarters):
            row["planned_quarters"] = [canonical_str(q) for q in line.planned_quarters]
        if any(q is not None for q in line.physical_quarters):
            row["physical_quarters"] = [canonical_str(q) for q in line.physical_quarters]
        _put(row, "physical_progress", canonical_str(line.physical_progress))
        declared = {}
        for key in ("ceiling", "spent", "absorption", "remaining", "remaining_pct"):
            _put(declared, key, getattr(line, f"declared_{key}"))
        _put(row, "declared", declared)
        owner = ("activity", line.activity_id) if line.activity_id else ("sub_activity", line.sub_activity_id)
        by_owner[owner].append(row)
    return by_owner


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
