"""The `sakip-report/1` JSON rendering of a report object (SPEC.md §5): every computed figure, decimals as
strings rounded half-up to 2 places, `null` where there is none."""

from __future__ import annotations

import json

from reports.readmodel.types import ActivityResult, BudgetRow, Figures, IndicatorRow, ProgramResult, Report
from sakip.numbers import report_str


def _value(value):
    return value if isinstance(value, str) else report_str(value)


def _figures(f: Figures) -> dict:
    return {
        "target": _value(f.target),
        "realisation": _value(f.realisation),
        "capaian": report_str(f.capaian),
    }


def _budget(row: BudgetRow, with_identity: bool = True) -> dict[str, str | None]:
    f = row.figures
    out = {
        "ceiling": report_str(f.ceiling),
        "spent": report_str(f.spent),
        "absorption": report_str(f.absorption),
        "remaining": report_str(f.remaining),
        "remaining_pct": report_str(f.remaining_pct),
    }
    if with_identity:
        out = {"code": row.code, "name": row.name, **out}
    return out


def _result(row: IndicatorRow) -> dict:
    """An indicator's figures of year N in the program results (the same figures as in "indicators")."""
    return {
        "code": row.code,
        "name": row.name,
        "unit": row.unit or None,
        **_figures(row.current),
        "predicate": row.predicate.label if row.predicate else None,
        "cumulative": row.cumulative,
        "year_realisation": _value(row.year_realisation),
    }


def _activity(activity: ActivityResult) -> dict:
    out = {
        "code": activity.code,
        "name": activity.name,
        "indicators": [_result(i) for i in activity.indicators],
    }
    if activity.level == "activity":
        out["sub_activities"] = [_activity(sub) for sub in activity.children]
    return out


def _program(program: ProgramResult) -> dict:
    return {
        "code": program.code,
        "name": program.name,
        "objectives": list(program.objective_codes),
        "indicators": [_result(i) for i in program.indicators],
        "activities": [_activity(a) for a in program.activities],
    }


def report_json(report: Report) -> dict:
    indicators = []
    for row in report.indicators:
        indicators.append(
            {
                "code": row.code,
                "level": row.level,
                "parent": row.parent_code,
                "name": row.name,
                "unit": row.unit or None,
                **_figures(row.current),
                "predicate": row.predicate.label if row.predicate else None,
                "history": {str(year): _figures(f) for year, f in sorted(row.history.items())},
                "renstra_end_target": _value(row.renstra_end_target),
                "renstra_progress": report_str(row.renstra_progress),
                "quarters": [_figures(q) for q in row.quarters],
                # Issue 18: the second scale's band, and the definition a report prints for the indicator.
                "indicator_predicate": row.indicator_predicate.label if row.indicator_predicate else None,
                "formula": row.formula or None,
                "data_source": row.data_source or None,
                "cumulative": row.cumulative,
                "national_standard": _value(row.national_standard),
                "national_standard_kind": row.national_standard_kind or None,
                "national_standard_source": row.national_standard_source or None,
                "standard_status": row.standard_status,
            }
        )
    programs = []
    for program in report.budget.children:
        activities = []
        for activity in program.children:
            activities.append(
                {**_budget(activity), "sub_activities": [_budget(sub) for sub in activity.children]}
            )
        programs.append({**_budget(program), "activities": activities})
    return {
        "format": "sakip-report/1",
        "agency": report.agency.code,
        "year": report.year,
        "predicate_scale": report.scale.code,
        "indicator_scale": report.indicator_scale.code if report.indicator_scale else None,
        "indicators": indicators,
        "objectives": [
            {
                "code": o.code,
                "capaian": report_str(o.capaian),
                "predicate": o.predicate.label if o.predicate else None,
                "ceiling": report_str(o.budget.ceiling),
                "spent": report_str(o.budget.spent),
                "absorption": report_str(o.budget.absorption),
                "efficiency": report_str(o.efficiency),
            }
            for o in report.objectives
        ],
        "budget": {**_budget(report.budget, with_identity=False), "programs": programs},
        # Issue 18: program → kegiatan → sub kegiatan indicator results of year N, and the programs under each
        # sasaran they support (a program of two sasaran in both; "objective": null for those supporting none).
        "program_results": [_program(p) for p in report.programs],
        "program_groups": [
            {
                "objective": g.objective_code or None,
                "statement": g.statement,
                "programs": [p.code for p in g.programs],
            }
            for g in report.program_groups
        ],
        # Issue 18, point 9: the misi, and for each sasaran the misi (by number) and RPJMD goal it serves, its
        # strategies and their arah kebijakan.
        "strategic_context": {
            "missions": list(report.missions),
            "objectives": [
                {
                    "code": o.code,
                    "mission": o.mission_number,
                    "rpjmd_goal": o.rpjmd_goal or None,
                    "strategies": [
                        {"statement": statement, "policies": list(policies)}
                        for statement, policies in o.strategies
                    ],
                }
                for o in report.objectives
            ],
        },
        "surveys": [
            {
                "year": s.year,
                "nrr": {code: report_str(nrr) for code, _name, _total, _n, nrr in s.elements},
                "ikm": report_str(s.ikm),
                "skm": report_str(s.skm),
                "mutu": s.mutu.letter if s.mutu else None,
            }
            for s in report.surveys
        ],
        "checks": [
            {
                "level": c.level,
                "code": c.code,
                "path": c.path,
                "message": c.message,
                "declared": _value(c.declared),
                "computed": _value(c.computed),
            }
            for c in report.checks
        ],
    }


def dumps(report: Report) -> str:
    return json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n"
