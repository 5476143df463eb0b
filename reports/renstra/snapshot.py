"""The Renstra document as plain JSON: the snapshot a frozen revision keeps (`reports.renstra.diff` compares two)
and `sakip-renstra/1`, the document's figures and checks."""

from __future__ import annotations

from reports.renstra.document import PlanIndicator, RenstraDocument, Value
from sakip.numbers import canonical_str

SNAPSHOT_FORMAT = "sakip-renstra-snapshot/1"


# --- snapshot (frozen revisions) and JSON ------------------------------------------------------------------
def _str(value: Value) -> str | None:
    return value if isinstance(value, str) or value is None else canonical_str(value)


def plan_snapshot(doc: RenstraDocument) -> dict:
    """The plan's Renstra content as plain JSON: what a frozen revision keeps and `reports.renstra.diff` compares."""
    years = doc.years

    def by_year(values) -> dict[str, str]:
        return {str(y): _str(v) for y, v in zip(years, values, strict=True) if v is not None}

    def owner_of(i: PlanIndicator) -> str:
        return f"{i.row.level}:{i.row.parent_code}"

    plan = doc.plan
    return {
        "format": SNAPSHOT_FORMAT,
        "plan": {
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "revision": plan.revision,
            "vision": plan.vision,
            "missions": list(doc.report.missions),
        },
        "goals": [{"code": g.code, "statement": g.statement} for g in doc.goals],
        "objectives": [
            {
                "code": o.code,
                "statement": o.statement,
                "strategies": [[s, list(p)] for s, p in o.strategies],
            }
            for o in doc.objectives
        ],
        "indicators": [
            {
                "code": i.code,
                "name": i.row.name,
                "unit": i.row.unit,
                "owner": owner_of(i),
                "baseline": _str(i.row.baseline),
                "targets": by_year(i.targets),
            }
            for i in doc.indicators
        ],
        "owners": [
            {
                "key": row.key,
                "code": row.code,
                "name": row.name,
                "level": row.level,
                "funding": by_year(row.funding),
            }
            for program in doc.programs
            for row in program.walk()
        ],
    }


def renstra_json(doc: RenstraDocument) -> dict:
    """`sakip-renstra/1`: the document's figures (decimals as plain strings) and its checks."""
    snapshot = plan_snapshot(doc)
    totals_by_year = {str(y): _str(t) for y, t in zip(doc.years, doc.funding_totals, strict=True)}
    for row, indicator in zip(snapshot["indicators"], doc.indicators, strict=True):
        row["final"] = _str(indicator.final)
    return {
        "format": "sakip-renstra/1",
        "agency": doc.agency.code,
        "revision": doc.revision,
        **{k: v for k, v in snapshot.items() if k != "format"},
        "funding_totals": totals_by_year,
        "funding_total": _str(doc.funding_total),
        "checks": [
            {
                "level": c.level,
                "code": c.code,
                "path": c.path,
                "message": c.message,
                "declared": _str(c.declared),
                "computed": _str(c.computed),
            }
            for c in doc.checks
        ],
    }
