"""Budget entry: one grid with the pagu and realisasi of every budget owner for a year, and a live roll-up.

Budget owners are the sub-activities and the activities without sub-activities; an activity with
sub-activities, a program and the agency only show the roll-up. Every computed figure comes from
`report_build(...).budget`: the preview hands the planner's unsaved lines to `report_build(pending=...)`, so
what the planner sees while typing is exactly what the report will print.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencies.writes import serialised_writes
from budgets import spending
from budgets.forms import (
    BudgetLineRow,
    ExpenditurePartRow,
    ProgressLineRow,
    SpendingGroupRow,
    programs_in_two_groups,
    stored_expenditure,
    stored_group,
    stored_progress,
)
from budgets.models import (
    Expenditure,
    Program,
    SpendingGroup,
    SpendingGroupMember,
)
from reports.readmodel.build import report_build
from reports.readmodel.types import BudgetRow
from review.guards import one_save
from sakip.grids import grid_messages, grid_save
from workspace.access import agency_view, plan_or_404
from workspace.budget_entry import BudgetGrid
from workspace.shell import workspace_context


@dataclass(frozen=True)
class _Row:
    """One row of the grid: a roll-up (total, program, activity with sub-activities) or an editable owner."""

    kind: str  # total | program | activity | owner
    key: str  # stable id of the row's computed cells (and form prefix of an owner row)
    budget: BudgetRow
    form: BudgetLineRow | ProgressLineRow | None = None
    depth: int = 0

    @property
    def figures(self):
        return self.budget.figures

    @property
    def overspent(self) -> bool:
        """Spending above the pagu is allowed (it happens with late revisions) but must stand out."""
        return self.figures.remaining is not None and self.figures.remaining < 0


def _grid_rows(grid: BudgetGrid, report) -> list[_Row]:
    """The grid in report order: program, then each activity (a roll-up or an owner), then its subs."""
    out = []
    for prow in report.budget.children:
        program = grid.programs[prow.code]
        out.append(_Row("program", f"p{program.pk}", prow))
        for arow in prow.children:
            activity = grid.activities[(program.pk, arow.code)]
            key = f"a{activity.pk}"
            if key in grid.forms:
                out.append(_Row("owner", key, arow, grid.forms[key], depth=1))
                continue
            out.append(_Row("activity", key, arow, depth=1))
            for srow in arow.children:
                sub = grid.subs[(activity.pk, srow.code)]
                out.append(_Row("owner", f"s{sub.pk}", srow, grid.forms[f"s{sub.pk}"], depth=2))
    return out


@serialised_writes
@agency_view
def entry(request, agency, year):
    grid = BudgetGrid(agency, year, request.POST if request.method == "POST" else None)
    return _grid_page(request, agency, year, grid, "budgets/entry.html")


def _grid_page(request, agency, year, grid, template: str):
    """A budget grid's page: a POST saved whole or not at all; the roll-up below it from the report object, with
    what the planner typed (rows that parse) when the save was refused, as the live preview shows it."""
    pending = ()
    if request.method == "POST":
        with one_save():  # the year's lock asked once for the grid's rows
            outcome = grid_save(list(grid.forms.values()), grid.write)
        grid_messages(
            request,
            outcome,
            lambda n: (
                ngettext("%(n)d baris anggaran disimpan.", "%(n)d baris anggaran disimpan.", n) % {"n": n}
            ),
        )
        if outcome.ok:
            return redirect(request.path)
        pending = grid.pending()
    report = report_build(agency=agency, year=year, pending=pending)
    context = workspace_context(
        request,
        agency,
        section="budget",
        year=year,
        rows=_grid_rows(grid, report),
        total=_Row("total", "total", report.budget),
    )
    return render(request, template, context)


@agency_view  # first, so that another agency's URL is a 404 whatever the method
@require_POST
def preview(request, agency, year):
    """htmx: the computed cells of every row, recomputed from the planner's unsaved figures (out-of-band)."""
    grid = BudgetGrid(agency, year, request.POST)
    report = report_build(agency=agency, year=year, pending=grid.pending())
    rows = [*_grid_rows(grid, report), _Row("total", "total", report.budget)]
    return render(request, "budgets/_preview.html", {"rows": rows})


# --- the whole budget (belanja OPD) and grouped realisations (issue 18, point 4) -----------------------------
NEW_GROUPS = 2  # blank group rows offered below the stored ones


def _whole_budget_rows(agency, year, plan, data):
    stored = {e.part: e for e in Expenditure.objects.filter(agency=agency, year=year)}
    parts = [
        ExpenditurePartRow(
            data,
            part=part,
            label=str(Expenditure.Part(part).label),
            depth=spending.PART_DEPTH[part],
            stored=stored_expenditure(stored.get(part)),
            prefix=f"belanja-{part}",
        )
        for part in spending.PART_ORDER
    ]
    programs = list(Program.objects.filter(plan=plan).order_by("position"))
    stored_groups = list(
        SpendingGroup.objects.filter(agency=agency, year=year)
        .prefetch_related("members__program")
        .order_by("position", "pk")
    )
    keyed = [(g, f"kelompok-{g.pk}") for g in stored_groups] + [
        (None, f"kelompok-baru-{k}") for k in range(NEW_GROUPS)
    ]
    groups = [
        SpendingGroupRow(data, group=g, programs=programs, stored=stored_group(g), prefix=prefix, number=n)
        for n, (g, prefix) in enumerate(keyed, start=1)
    ]
    return parts, groups, {p.code: p for p in programs}


@serialised_writes
@agency_view
def whole_budget(request, agency, year):
    """The agency's whole budget per part and the realisations declared for groups of programs: one form, saved
    whole or not at all."""
    plan = plan_or_404(agency, year)
    data = request.POST if request.method == "POST" else None
    parts, groups, programs = _whole_budget_rows(agency, year, plan, data)

    def write(row):
        if isinstance(row, ExpenditurePartRow):
            existing = Expenditure.objects.filter(agency=agency, year=year, part=row.part).first()
            if row.is_empty:
                if existing:
                    existing.delete()
                return
            Expenditure.objects.update_or_create(
                agency=agency, year=year, part=row.part, defaults=row.submitted()
            )
            return
        group = row.group
        if row.is_empty:
            if group:
                group.delete()
            return
        values = row.submitted()
        if group is None:
            last = SpendingGroup.objects.filter(agency=agency, year=year).order_by("-position").first()
            group = SpendingGroup(agency=agency, year=year, position=last.position + 1 if last else 0)
        group.label, group.spent = values["label"], values["spent"]
        group.save()
        members = {m.program.code: m for m in group.members.select_related("program")}
        for code, member in members.items():
            if code not in values["programs"]:
                member.delete()
        for code in values["programs"]:
            if code not in members:
                SpendingGroupMember.objects.create(group=group, program=programs[code])

    if data is not None:
        rows = [*parts, *groups]
        programs_in_two_groups(groups)
        outcome = grid_save(rows, write)
        grid_messages(
            request,
            outcome,
            lambda n: (
                ngettext("%(n)d baris belanja disimpan.", "%(n)d baris belanja disimpan.", n) % {"n": n}
            ),
        )
        if outcome.ok:
            return redirect(request.path)
    report = report_build(agency=agency, year=year)
    context = workspace_context(
        request,
        agency,
        section="budget",
        year=year,
        parts=parts,
        groups=groups,
        expenditures=report.expenditures,
        checks=[c for c in report.checks if c.path.startswith(("$.expenditures", "$.spending_groups"))],
    )
    return render(request, "budgets/whole_budget.html", context)


# --- anggaran kas and physical progress per quarter (issue 18, point 5) -------------------------------------
@serialised_writes
@agency_view
def progress(request, agency, year):
    """The anggaran kas and the physical progress of every budget owner per quarter: one grid, saved whole or not
    at all; below it, the progress the LKjIP prints, against the quarterly milestones."""
    posted = request.method == "POST"
    grid = BudgetGrid(agency, year, request.POST if posted else None, ProgressLineRow, stored_progress)
    return _grid_page(request, agency, year, grid, "budgets/progress.html")
