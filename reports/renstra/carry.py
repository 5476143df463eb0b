"""What the Renstra screens store beside the plan and the interchange format does not carry: the Renstra
narratives, the frozen revisions and the program funding a signed Renstra prints (reports/models.py).

`import_dataset --replace` deletes an agency's plans and writes them anew from the dataset; these records hang
from the old plan and program rows and would go with them. They are kept across the replacement and given back
to the new rows of the same plan period and program code; what has no counterpart in the dataset any more is
dropped, with the plan it belonged to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from agencies.models import Agency
from budgets.models import Program
from indicators.models import StrategicPlan
from reports.models import PlanNarrative, PlanRevision, ProgramFunding


@dataclass
class RenstraInputs:
    narratives: list[tuple[tuple[int, int], str, str]] = field(default_factory=list)
    revisions: list[tuple[tuple[int, int], dict]] = field(default_factory=list)
    funding: list[tuple[tuple[int, int], str, int, object]] = field(default_factory=list)


def renstra_inputs_keep(agency: Agency) -> RenstraInputs:
    """The agency's Renstra inputs, by plan period (start, end) and program code: 3 queries."""
    kept = RenstraInputs()
    for n in PlanNarrative.objects.filter(plan__agency=agency).select_related("plan"):
        kept.narratives.append(((n.plan.start_year, n.plan.end_year), n.key, n.text))
    for r in PlanRevision.objects.filter(plan__agency=agency).select_related("plan").order_by("pk"):
        values = {
            "label": r.label,
            "note": r.note,
            "snapshot": r.snapshot,
            "created_at": r.created_at,
            "created_by_id": r.created_by_id,
        }
        kept.revisions.append(((r.plan.start_year, r.plan.end_year), values))
    for f in ProgramFunding.objects.filter(program__plan__agency=agency).select_related("program__plan"):
        plan = f.program.plan
        kept.funding.append(((plan.start_year, plan.end_year), f.program.code, f.year, f.amount))
    return kept


def renstra_inputs_restore(agency: Agency, kept: RenstraInputs) -> int:
    """Give the kept inputs back to the agency's (new) plans and programs; returns how many were restored."""
    plans = {(p.start_year, p.end_year): p for p in StrategicPlan.objects.filter(agency=agency)}
    programs = {
        ((p.plan.start_year, p.plan.end_year), p.code): p
        for p in Program.objects.filter(plan__agency=agency).select_related("plan")
    }
    narratives = [
        PlanNarrative(plan=plans[period], key=key, text=text)
        for period, key, text in kept.narratives
        if period in plans
    ]
    funding = [
        ProgramFunding(program=programs[(period, code)], year=year, amount=amount)
        for period, code, year, amount in kept.funding
        if (period, code) in programs
    ]
    PlanNarrative.objects.bulk_create(narratives)
    ProgramFunding.objects.bulk_create(funding)
    revisions = 0
    for period, values in kept.revisions:
        if period in plans:
            created_at = values.pop("created_at")
            revision = PlanRevision.objects.create(plan=plans[period], **values)
            # auto_now_add stamps the creation; a revision keeps the moment it was frozen.
            PlanRevision.objects.filter(pk=revision.pk).update(created_at=created_at)
            revisions += 1
    return len(narratives) + len(funding) + revisions
