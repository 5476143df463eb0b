"""The RPJMD of a year with what only the agencies' reports know: the realisation of each IKU Pemda taken from
an agency indicator, and the pohon kinerja (each RPJMD sasaran → the agency sasaran serving it, with their
capaian and programs).

Here and not in `rpjmd/`: the rpjmd app sits below the reports layer and imports no report. This module loads
the RPJMD (`rpjmd.readmodel.load_tables`), the agency sasaran linked to it (one query), builds the reports of
every agency concerned in one batch (`reports_build`: a fixed number of queries whatever the number of
agencies), and hands the values to `rpjmd.readmodel.regional_report`. An agency indicator or sasaran counts only
when its Renstra is the one the agency's report of the year uses (the most recent covering the year).
"""

from __future__ import annotations

from collections.abc import Mapping

from agencies.models import Agency, Government
from indicators.achievement import Value
from indicators.models import Objective
from reports.readmodel.build import reports_build
from reports.readmodel.types import Report
from rpjmd.models import RegionalPlan
from rpjmd.readmodel import (
    AgencyObjectiveRow,
    AgencyRef,
    ProgramRef,
    RegionalReport,
    load_tables,
    plan_for_year,
    regional_report,
)


def _objective_row(objective: Objective, report: Report | None) -> AgencyObjectiveRow:
    agency = objective.plan.agency
    ref = AgencyRef(code=agency.code, name=agency.name)
    if report is None or report.plan.pk != objective.plan_id:
        return AgencyObjectiveRow(
            agency=ref,
            code=objective.code,
            statement=objective.statement,
            capaian=None,
            predicate=None,
            reported=False,
        )
    row = next((o for o in report.objectives if o.code == objective.code), None)
    programs = tuple(
        ProgramRef(code=p.code, name=p.name)
        for group in report.program_groups
        if group.objective_code == objective.code
        for p in group.programs
    )
    return AgencyObjectiveRow(
        agency=ref,
        code=objective.code,
        statement=objective.statement,
        capaian=row.capaian if row else None,
        predicate=row.predicate if row else None,
        programs=programs,
    )


def rpjmd_report(
    government: Government,
    year: int,
    *,
    plan: RegionalPlan | None = None,
    reports: Mapping[int, Report] | None = None,
) -> RegionalReport | None:
    """The RPJMD covering `year` (or `plan`) with every figure of the year; None when no RPJMD covers it.
    `reports`: the year's reports of every agency of the Pemda (by agency id) when the caller has built them
    already (the Pemda LKjIP), so that none is built twice."""
    plan = plan or plan_for_year(government, year)
    if plan is None:
        return None
    tables = load_tables(plan)
    linked = list(
        Objective.objects.filter(rpjmd_objective__plan=plan)
        .select_related("plan__agency")
        .order_by("plan__agency__name", "goal__position", "position", "pk")
    )
    if reports is None:
        agency_ids = tables.source_agency_ids | {o.plan.agency_id for o in linked}
        agencies = (
            list(Agency.objects.filter(pk__in=agency_ids).select_related("government")) if agency_ids else []
        )
        reports = reports_build(agencies=agencies, year=year) if agencies else {}
    source_values: dict[int, Value] = {}
    for indicator in tables.indicators:
        source = indicator.source_indicator
        if source is None:
            continue
        report = reports.get(source.plan.agency_id)
        if report is None or report.plan.pk != source.plan_id:
            continue
        row = next((r for r in report.indicators if r.code == source.code), None)
        if row is not None:
            source_values[source.pk] = row.realisation
    by_objective: dict[int, list[AgencyObjectiveRow]] = {}
    for objective in linked:
        by_objective.setdefault(objective.rpjmd_objective_id, []).append(
            _objective_row(objective, reports.get(objective.plan.agency_id))
        )
    return regional_report(
        tables,
        year,
        government=government,
        source_values=source_values,
        agency_objectives={k: tuple(v) for k, v in by_objective.items()},
    )
