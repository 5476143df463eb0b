"""The `sakip-pemda-report/1` JSON of the Pemda LKjIP: every figure the document prints, decimals as strings
rounded half-up to 2 places (as `sakip-report/1`), `null` where there is none; keys in a fixed order."""

from __future__ import annotations

import json

from budgets.totals import BudgetFigures
from sakip.numbers import report_str

from .document import FORMAT, IkuAnalysis, ObjectiveSection, PemdaLkjipDocument


def _v(value):
    return value if isinstance(value, str) else report_str(value)


def _budget(f: BudgetFigures | None) -> dict | None:
    if f is None:
        return None
    return {"ceiling": _v(f.ceiling), "spent": _v(f.spent), "absorption": _v(f.absorption)}


def _iku(a: IkuAnalysis) -> dict:
    i, f = a.iku, a.iku.current
    return {
        "code": i.code,
        "name": i.name,
        "unit": i.unit,
        "source": {"agency": i.source.agency.code, "indicator": i.source.code} if i.source else None,
        "target": _v(f.target),
        "target_set": f.target_source,
        "realisation": _v(f.realisation),
        "capaian": _v(f.capaian),
        "predicate": f.predicate.label if f.predicate else None,
        "years": [
            {
                "year": y.year,
                "target": _v(y.target),
                "realisation": _v(y.realisation),
                "capaian": _v(y.capaian),
            }
            for y in a.years
        ],
        "final_target": _v(i.final_target),
        "final_progress": _v(a.final_progress),
        "standard": _v(a.standard),
        "standard_status": a.standard_status,
    }


def _section(s: ObjectiveSection) -> dict:
    return {
        "code": s.code,
        "statement": s.objective.statement,
        "goal": s.goal_code,
        "capaian": _v(s.objective.current.capaian),
        "predicate": s.objective.current.predicate.label if s.objective.current.predicate else None,
        "indicators": [_iku(a) for a in s.ikus],
        "causes": [{"indicator": code, "note": note} for code, note in s.causes],
        "contributions": [
            {
                "agency": c.agency.code,
                "objective": c.code,
                "reported": c.reported,
                "capaian": _v(c.capaian),
                "predicate": c.predicate.label if c.predicate else None,
            }
            for c in s.contributions
        ],
        "programs": [
            {"agency": p.agency.code, "code": p.code, "budget": _budget(p.figures)} for p in s.programs
        ],
        "budget": _budget(s.budget),
        "efficiency": _v(s.efficiency),
    }


def pemda_report_json(doc: PemdaLkjipDocument) -> dict:
    plan = doc.regional.plan
    return {
        "format": FORMAT,
        "government": {"code": doc.government.code, "name": doc.government.name},
        "year": doc.year,
        "rpjmd": {"start_year": plan.start_year, "end_year": plan.end_year, "vision": plan.vision},
        "agencies": [
            {"code": a.agency.code, "name": a.agency.name, "reported": a.has_report, "capaian": _v(a.capaian)}
            for a in doc.agencies
        ],
        "counts": {"met": doc.counts[0], "missed": doc.counts[1], "unmeasured": doc.counts[2]},
        "objectives": [_section(s) for s in doc.sections],
        "budget": {
            "by_urusan": [
                {
                    "urusan": u.key or None,
                    "name": u.name,
                    "programs": u.program_count,
                    **(_budget(u.figures) or {}),
                }
                for u in doc.budget_by_urusan
            ],
            "by_agency": [
                {"agency": b.agency.code, "budget": _budget(b.figures)} for b in doc.budget_by_agency
            ],
            "total_by_urusan": _budget(doc.total_by_urusan),
            "total_by_agency": _budget(doc.total_by_agency),
            "agencies_total": _budget(doc.agencies_total),
        },
        "ikm": {
            "agencies": [
                {"agency": r.agency.code, "ikm": _v(r.value), "mutu": r.mutu.letter if r.mutu else None}
                for r in doc.ikm
            ],
            "mean": _v(doc.ikm_mean),
            "mutu": doc.ikm_mutu.letter if doc.ikm_mutu else None,
        },
        "checks": [
            {
                "level": c.level,
                "code": c.code,
                "path": c.path,
                "message": c.message,
                "declared": _v(c.declared),
                "computed": _v(c.computed),
            }
            for c in doc.checks
        ],
    }


def pemda_report_dumps(doc: PemdaLkjipDocument) -> str:
    return json.dumps(pemda_report_json(doc), ensure_ascii=False, indent=2) + "\n"
