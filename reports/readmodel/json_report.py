"""The `sakip-report/1` JSON rendering of a report object (SPEC.md §5): every computed figure, decimals as
strings rounded half-up to 2 places, `null` where there is none."""

from __future__ import annotations

import json

from indicators import achievement
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


def _year(f: Figures) -> dict:
    """A year's figures with the set its target comes from and whether its realisation is provisional."""
    return {**_figures(f), "target_set": f.source, "provisional": f.provisional}


def _targets(row: IndicatorRow) -> dict:
    """Year N's targets of each set (issue 18: PK murni and PK perubahan side by side), and the set used."""
    inputs = row.inputs
    return {
        "target_set": row.current.source,
        "targets": {
            "renstra": _value(inputs.renstra_target),
            "pk": _value(inputs.pk_target),
            "pk_revised": _value(inputs.pk_revised_target),
        },
        "revision_reason": row.revision_reason or None,
        # a provisional realisation (awaiting its evaluation) is counted apart: verdict "provisional"
        "provisional": row.provisional,
        "verdict": row.current.verdict,
        "grade_rule": achievement.grade_capaian_rule(row.grade_scale or None) if _graded(row) else None,
    }


def _graded(row: IndicatorRow) -> bool:
    return row.kind == "grade" or isinstance(row.target, str) or isinstance(row.realisation, str)


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


def _progress(row: BudgetRow) -> list[dict[str, str | None]]:
    return [
        {
            "quarter": str(q.quarter),
            "milestone": report_str(q.milestone),
            "planned": report_str(q.planned),
            "planned_pct": report_str(q.planned_pct),
            "spent": report_str(q.spent),
            "financial_pct": report_str(q.financial_pct),
            "financial_deviation": report_str(q.financial_deviation),
            "physical_pct": report_str(q.physical_pct),
            "physical_deviation": report_str(q.physical_deviation),
        }
        for q in row.progress
    ]


def _whole_budget(report: Report) -> dict:
    """The whole budget's parts and the grouped realisations; only the keys the year has data for (issue 18)."""
    out: dict = {}
    if report.expenditures:
        out["expenditures"] = [
            {
                "part": e.part,
                "computed": e.computed,
                "ceiling_original": report_str(e.amounts.ceiling_original),
                "ceiling_rationalised": report_str(e.amounts.ceiling_rationalised),
                "ceiling_revised": report_str(e.amounts.ceiling_revised),
                "ceiling": report_str(e.figures.ceiling),
                "spent": report_str(e.figures.spent),
                "absorption": report_str(e.figures.absorption),
                "remaining": report_str(e.figures.remaining),
                "previous_ceiling": report_str(e.ceiling_change.previous),
                "previous_spent": report_str(e.spent_change.previous),
                "spent_change": report_str(e.spent_change.difference),
                "spent_change_pct": report_str(e.spent_change.percent),
            }
            for e in report.expenditures
        ]
    if report.spending_groups:
        out["spending_groups"] = [
            {
                "label": g.label,
                "programs": [code for code, _name in g.programs],
                "ceiling": report_str(g.figures.ceiling),
                "spent": report_str(g.figures.spent),
                "absorption": report_str(g.figures.absorption),
            }
            for g in report.spending_groups
        ]
    if report.budget.has_progress:
        out["progress"] = {
            "total": _progress(report.budget),
            "lines": [
                {"code": line.code, "quarters": _progress(line)} for line in report.budget.progress_lines
            ],
        }
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


def _profile(report: Report) -> dict:
    profile = report.profile
    out: dict = {}
    if profile.staff:
        out["staff"] = [
            {
                "breakdown": s.breakdown,
                "total": s.table.total,
                "lines": [
                    {"label": line.label, "count": line.count, "share": report_str(line.share)}
                    for line in s.table.lines
                ],
            }
            for s in profile.staff
        ]
    if profile.facilities is not None:
        out["facilities"] = {
            "count": len(profile.facilities.rows),
            "total_quantity": profile.facilities.total_quantity,
            "total_value": report_str(profile.facilities.total_value),
        }
    if profile.risks:
        out["risks"] = [{"statement": r.statement, "level": r.level} for r in profile.risks]
    return out


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
                **_targets(row),
                "history": {str(year): _year(f) for year, f in sorted(row.history.items())},
                "renstra_end_target": _value(row.renstra_end_target),
                "renstra_progress": report_str(row.renstra_progress),
                "quarters": [_figures(q) for q in row.quarters],
                # Only where a year's figure is in another unit (so unchanged elsewhere).
                **(
                    {"year_units": {str(y): u for y, u in sorted(row.year_units.items())}}
                    if row.year_units
                    else {}
                ),
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
        # The years the comparison reprints: N-2..N, or since the Renstra's first year (its final year, or asked).
        "series_years": list(report.series_years),
        "whole_series": report.whole_series,
        "target_sets": report.target_sets,
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
        **_whole_budget(report),
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
        # Issue 18, point 8: the organisation profile's derived figures (staff totals and shares, facility
        # totals, risk levels); only when the year has such data, so older reports keep their bytes.
        **_profile(report),
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
