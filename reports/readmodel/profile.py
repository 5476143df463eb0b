"""The organisation profile of the report object (BAB I and the risk annex): four queries, whatever the number of
rows, and the derived figures from `agencies.profile_figures`."""

from __future__ import annotations

from collections import defaultdict

from agencies import profile_figures
from agencies.models import Agency, Facility, Risk, StaffCount, StrategicIssue
from reports.readmodel.types import (
    FacilityRow,
    FacilityTable,
    IssueRow,
    OrganisationProfile,
    RiskRow,
    StaffTableRow,
)

STAFF_TITLES = {
    StaffCount.Breakdown.RANK: "Jumlah pegawai menurut golongan",
    StaffCount.Breakdown.EDUCATION: "Jumlah pegawai menurut tingkat pendidikan",
    StaffCount.Breakdown.EMPLOYMENT: "Jumlah pegawai menurut status kepegawaian",
    StaffCount.Breakdown.UNIT: "Jumlah pegawai per unit kerja",
}
RISK_COLUMNS = (
    "cause",
    "impact",
    "likelihood",
    "severity",
    "level",
    "mitigation",
    "schedule",
    "owner_unit",
    "objective_code",
)
FACILITY_COLUMNS = ("category", "acquired_year", "condition", "value", "note")
CONDITION_LABELS = {
    Facility.Condition.GOOD: "Baik",
    Facility.Condition.FAIR: "Rusak ringan",
    Facility.Condition.POOR: "Rusak berat",
}


def _staff(agency: Agency, year: int) -> tuple[StaffTableRow, ...]:
    lines = defaultdict(list)
    for count in StaffCount.objects.filter(agency=agency, year=year).order_by("position", "pk"):
        lines[count.breakdown].append((count.label, count.count))
    return tuple(
        StaffTableRow(breakdown, STAFF_TITLES[breakdown], profile_figures.staff_table(lines[breakdown]))
        for breakdown in StaffCount.Breakdown.values
        if lines[breakdown]
    )


def _facilities(agency: Agency, year: int) -> FacilityTable | None:
    rows = tuple(
        FacilityRow(
            category=f.category,
            name=f.name,
            quantity=f.quantity,
            unit=f.unit,
            acquired_year=f.acquired_year,
            condition=CONDITION_LABELS.get(f.condition, ""),
            value=f.value,
            note=f.note,
        )
        for f in Facility.objects.filter(agency=agency, year=year).order_by("position", "pk")
    )
    if not rows:
        return None
    quantity, value = profile_figures.facility_totals((r.quantity, r.value) for r in rows)
    return FacilityTable(rows, quantity, value, _filled(rows, FACILITY_COLUMNS))


def organisation_profile(agency: Agency, year: int) -> OrganisationProfile:
    issues = tuple(
        IssueRow(
            i.issue,
            i.cause,
            i.objective.code if i.objective else "",
            i.objective.statement if i.objective else "",
        )
        for i in StrategicIssue.objects.filter(agency=agency, year=year)
        .select_related("objective")
        .order_by("position", "pk")
    )
    risks = tuple(
        RiskRow(
            statement=r.statement,
            cause=r.cause,
            impact=r.impact,
            likelihood=r.likelihood,
            severity=r.severity,
            level=profile_figures.risk_level(r.likelihood, r.severity),
            mitigation=r.mitigation,
            schedule=r.schedule,
            owner_unit=r.owner_unit.name if r.owner_unit else "",
            objective_code=r.objective.code if r.objective else "",
        )
        for r in Risk.objects.filter(agency=agency, year=year)
        .select_related("owner_unit", "objective")
        .order_by("position", "pk")
    )
    return OrganisationProfile(
        staff=_staff(agency, year),
        facilities=_facilities(agency, year),
        issues=issues,
        risks=risks,
        risk_columns=_filled(risks, RISK_COLUMNS),
    )


def _filled(rows, columns) -> frozenset[str]:
    return frozenset(c for c in columns if any(getattr(r, c) not in (None, "") for r in rows))
