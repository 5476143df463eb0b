"""The organisation profile of a year (issue 18, point 8): the units' tugas and fungsi, the staff tables, the
sarana-prasarana, the strategic issues and the risk register. Printed in BAB I of the LKjIP and, for the risks,
as its last annex. Each unit and each table is one grid row; a save writes every changed one or none."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from agencies.models import Facility, OrgUnit, Risk, StaffCount, StrategicIssue
from agencies.writes import serialised_writes
from indicators.models import Objective
from reports.readmodel.build import plan_for_year
from sakip.grids import grid_messages, grid_save
from workspace.access import agency_view
from workspace.forms.profile import (
    FacilitiesRow,
    IssuesRow,
    RisksRow,
    StaffRow,
    UnitDutiesRow,
    facilities_stored,
    issues_stored,
    risks_stored,
    staff_stored,
    unit_stored,
)
from workspace.shell import workspace_context


def _replace(model, agency, year, rows_values, **match):
    """The table's stored rows deleted, then the typed ones created, one save each: every write passes the
    year's guard and leaves its history row (bulk writes would skip both)."""
    for row in model.objects.filter(agency=agency, year=year, **match):
        row.delete()
    for position, values in enumerate(rows_values):
        model.objects.create(agency=agency, year=year, position=position, **match, **values)


@serialised_writes
@agency_view
def profile(request, agency, year):
    plan = plan_for_year(agency, year)
    objectives = {o.code: o for o in Objective.objects.filter(plan=plan)} if plan else {}
    units = list(OrgUnit.objects.filter(agency=agency).select_related("parent").order_by("position", "pk"))
    units_by_code = {u.code: u for u in units}
    staff = {b: [] for b in StaffCount.Breakdown.values}
    for count in StaffCount.objects.filter(agency=agency, year=year).order_by("position", "pk"):
        staff[count.breakdown].append(count)
    facilities = list(Facility.objects.filter(agency=agency, year=year).order_by("position", "pk"))
    issues = list(
        StrategicIssue.objects.filter(agency=agency, year=year)
        .select_related("objective")
        .order_by("position", "pk")
    )
    risks = list(
        Risk.objects.filter(agency=agency, year=year)
        .select_related("objective", "owner_unit")
        .order_by("position", "pk")
    )
    data = request.POST if request.method == "POST" else None
    unit_rows = [UnitDutiesRow(data, stored=unit_stored(u), unit=u, prefix=f"unit-{u.pk}") for u in units]
    staff_rows = [
        StaffRow(data, stored=staff_stored(staff[b]), breakdown=b, prefix=f"staff-{b}") for b in staff
    ]
    facilities_row = FacilitiesRow(data, stored=facilities_stored(facilities), prefix="facilities")
    issues_row = IssuesRow(data, stored=issues_stored(issues), objectives=objectives, prefix="issues")
    risks_row = RisksRow(
        data, stored=risks_stored(risks), objectives=objectives, units=units_by_code, prefix="risks"
    )
    rows = [*unit_rows, *staff_rows, facilities_row, issues_row, risks_row]

    def write(row):
        if isinstance(row, UnitDutiesRow):
            row.unit.duties = row.cleaned_data["duties"]
            row.unit.functions = row.cleaned_data["functions"]
            row.unit.save(update_fields=["duties", "functions"])
        elif isinstance(row, StaffRow):
            values = [{"label": i.label, "count": i.count} for i in row.items()]
            _replace(StaffCount, agency, year, values, breakdown=row.breakdown)
        elif isinstance(row, FacilitiesRow):
            _replace(Facility, agency, year, [vars(i) for i in row.items()])
        elif isinstance(row, IssuesRow):
            _replace(StrategicIssue, agency, year, [vars(i) for i in row.items()])
        else:
            _replace(Risk, agency, year, [vars(i) for i in row.items()])

    if data is not None:
        outcome = grid_save(rows, write)
        grid_messages(
            request,
            outcome,
            lambda n: (
                ngettext("%(n)d bagian profil disimpan.", "%(n)d bagian profil disimpan.", n) % {"n": n}
            ),
        )
        if outcome.ok:
            return redirect(request.get_full_path())
    context = workspace_context(
        request,
        agency,
        section="profile",
        year=year,
        unit_rows=unit_rows,
        staff_rows=staff_rows,
        table_rows=[facilities_row, issues_row, risks_row],
        rows=rows,
        has_plan=plan is not None,
    )
    return render(request, "agencies/profile.html", context)
