"""The analysis of each sasaran for a year (issue 18, point 2): success factors, obstacles, solutions, follow-ups,
the programs that supported or hindered it, and work done without APBD money. One grid row per sasaran, saved
whole or not at all; printed in the LKjIP's analyses c and e."""

from __future__ import annotations

from collections import defaultdict

from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from agencies.writes import serialised_writes
from budgets.models import Program
from indicators.models import Objective, ObjectiveNote
from sakip.grids import grid_messages, grid_save
from workspace.access import agency_view, plan_or_404
from workspace.forms.objective_notes import ObjectiveNotesRow, item_line
from workspace.shell import workspace_context


@serialised_writes
@agency_view
def objective_notes(request, agency, year):
    plan = plan_or_404(agency, year)
    objectives = list(Objective.objects.filter(plan=plan).order_by("goal__position", "position"))
    programs = {p.code: p for p in Program.objects.filter(plan=plan)}
    stored = defaultdict(lambda: defaultdict(list))
    for note in (
        ObjectiveNote.objects.filter(objective__plan=plan, year=year)
        .select_related("program")
        .order_by("kind", "position", "pk")
    ):
        stored[note.objective_id][note.kind].append(item_line(note))
    data = request.POST if request.method == "POST" else None
    rows = [
        ObjectiveNotesRow(
            data,
            stored={kind: "\n".join(stored[o.pk][kind]) for kind in ObjectiveNotesRow.value_fields},
            objective=o,
            programs=programs,
            prefix=f"sasaran-{o.pk}",
        )
        for o in objectives
    ]

    def write(row):
        # One save per item (a sasaran has a handful): each passes the year's guard and leaves its history row,
        # which bulk_create would skip.
        for note in ObjectiveNote.objects.filter(objective=row.objective, year=year):
            note.delete()
        for position, item in enumerate(row.items()):
            ObjectiveNote.objects.create(
                objective=row.objective,
                year=year,
                kind=item.kind,
                position=position,
                text=item.text,
                program=item.program,
                partner=item.partner,
            )

    if data is not None:
        outcome = grid_save(rows, write)
        grid_messages(
            request,
            outcome,
            lambda n: (
                ngettext("Analisis %(n)d sasaran disimpan.", "Analisis %(n)d sasaran disimpan.", n) % {"n": n}
            ),
        )
        if outcome.ok:
            return redirect(request.get_full_path())
    context = workspace_context(request, agency, section="analysis", year=year, rows=rows)
    return render(request, "analysis/objective_notes.html", context)
