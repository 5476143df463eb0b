"""The Pemda LKjIP of a year from the read models, in a fixed number of queries whatever the number of agencies:
the RPJMD covering the year (`rpjmd.readmodel`), the Pemda's agencies (one query), every agency's report in one
batch (`reports_build`, shared with the RPJMD's sourced IKU and pohon kinerja: `rpjmd_report(reports=…)`)."""

from __future__ import annotations

from agencies.models import Agency, Government
from reports.pemda.rpjmd import rpjmd_report
from reports.readmodel.build import reports_build
from reports.readmodel.types import IndicatorRow, ReportUnavailable
from rpjmd.readmodel import AgencyRef, plan_for_year

from .analysis import assemble
from .document import PemdaLkjipDocument


def pemda_lkjip_build(government: Government, year: int) -> PemdaLkjipDocument:
    """The document; raises ReportUnavailable when no RPJMD of the Pemda covers the year."""
    plan = plan_for_year(government, year)
    if plan is None:
        raise ReportUnavailable(
            f"Tidak ada RPJMD {government.name} untuk tahun {year}. / No RPJMD of {government.name} covers {year}."
        )
    agencies = list(
        Agency.objects.filter(government=government).select_related("government").order_by("name")
    )
    reports = reports_build(agencies=agencies, year=year) if agencies else {}
    regional = rpjmd_report(government, year, plan=plan, reports=reports)
    assert regional is not None  # the plan is given
    by_code = {report.agency.code: report for report in reports.values()}
    source_rows: dict[int, IndicatorRow] = {}
    for iku in regional.indicators:
        if iku.source is None:
            continue
        report = by_code.get(iku.source.agency.code)
        if report is None or report.plan.pk != iku.source.plan_pk:
            continue
        row = next((r for r in report.indicators if r.code == iku.source.code), None)
        if row is not None:
            source_rows[iku.pk] = row
    return assemble(
        government,
        year,
        regional,
        agencies=tuple(AgencyRef(code=a.code, name=a.name) for a in agencies),
        reports=by_code,
        source_rows=source_rows,
    )
