"""The `sakip-report/1` JSON rendering of a report object (SPEC.md §5): every computed figure, decimals as
strings rounded half-up to 2 places, `null` where there is none."""

from __future__ import annotations

import json

from reports.readmodel.types import BudgetRow, Figures, Report
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
