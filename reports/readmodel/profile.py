"""The organisation profile of the report object (BAB I and the risk annex): four queries, whatever the number of
rows, and the derived figures from `agencies.profile_figures`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from agencies import profile_figures
from agencies.models import Facility, Risk, StaffCount, StrategicIssue
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


def _staff(counts: list[StaffCount]) -> tuple[StaffTableRow, ...]:
    lines = defaultdict(list)
    for count in counts:
        lines[count.breakdown].append((count.label, count.count))
    return tuple(
        StaffTableRow(breakdown, STAFF_TITLES[breakdown], profile_figures.staff_table(lines[breakdown]))
        for breakdown in StaffCount.Breakdown.values
        if lines[breakdown]
    )


def _facilities(facilities: list[Facility]) -> FacilityTable | None:
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
        for f in facilities
    )
    if not rows:
        return None
    quantity, value = profile_figures.facility_totals((r.quantity, r.value) for r in rows)
    return FacilityTable(rows, quantity, value, _filled(rows, FACILITY_COLUMNS))


def _issue_row(i: StrategicIssue) -> IssueRow:
    return IssueRow(
        i.issue,
        i.cause,
        i.objective.code if i.objective else "",
        i.objective.statement if i.objective else "",
    )


def _risk_row(r: Risk) -> RiskRow:
    return RiskRow(
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


def _by_agency(rows) -> defaultdict[int, list]:
    groups: defaultdict[int, list] = defaultdict(list)
    for row in rows:
        groups[row.agency_id].append(row)
    return groups


def organisation_profiles(agency_ids: Sequence[int], year: int) -> dict[int, OrganisationProfile]:
    """The profile of each agency for the year, by agency id: four queries, whatever the number of agencies."""
    order = ("position", "pk")
    staff = _by_agency(StaffCount.objects.filter(agency__in=agency_ids, year=year).order_by(*order))
    facilities = _by_agency(Facility.objects.filter(agency__in=agency_ids, year=year).order_by(*order))
    issues = _by_agency(
        StrategicIssue.objects.filter(agency__in=agency_ids, year=year)
        .select_related("objective")
        .order_by(*order)
    )
    risks = _by_agency(
        Risk.objects.filter(agency__in=agency_ids, year=year)
        .select_related("owner_unit", "objective")
        .order_by(*order)
    )
    profiles = {}
    for agency_id in agency_ids:
        risk_rows = tuple(_risk_row(r) for r in risks[agency_id])
        profiles[agency_id] = OrganisationProfile(
            staff=_staff(staff[agency_id]),
            facilities=_facilities(facilities[agency_id]),
            issues=tuple(_issue_row(i) for i in issues[agency_id]),
            risks=risk_rows,
            risk_columns=_filled(risk_rows, RISK_COLUMNS),
        )
    return profiles


def _filled(rows, columns) -> frozenset[str]:
    return frozenset(c for c in columns if any(getattr(r, c) not in (None, "") for r in rows))
