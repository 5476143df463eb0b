"""Target grids: Renstra targets per year, the Perjanjian Kinerja (and its revision), and the Rencana Aksi.

Each grid is one `RowForm` per indicator, saved through `grid_save` (all or nothing, with conflict detection).
Only the cells a planner changed are written; an emptied cell deletes its target. The Rencana Aksi warns,
as the planner types, when the quarters do not give the year's target (`target_rules.quarter_target_warning`).
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencies.writes import serialised_writes
from indicators.achievement import effective_quarter_mode, target_for_year
from indicators.forms.targets import (
    AgreementForm,
    AgreementTargetRow,
    QuarterTargetRow,
    RenstraTargetRow,
    TargetRow,
    measure_of,
)
from indicators.models import Indicator, PerformanceAgreement, Target
from indicators.target_rules import quarter_target_warning
from review.guards import one_save
from review.locks import frozen_message, frozen_years_rendered, printed_message
from sakip.forms import input_str
from sakip.grids import grid_messages, grid_save
from sakip.numbers import EMPTY
from workspace.access import agency_view, current_plan_or_404, plan_or_404
from workspace.shell import workspace_context

QUARTER_MODE_LABELS = dict(Indicator.QuarterMode.choices)


def _indicators(plan) -> list[Indicator]:
    owners = ("goal", "objective__goal", "program", "activity__program", "sub_activity__activity__program")
    return list(Indicator.objects.filter(plan=plan).select_related(*owners).order_by("position", "pk"))


def _existing(plan, *, years, kinds) -> dict:
    """Stored targets keyed (indicator pk, kind, year, quarter): one query for the whole grid."""
    targets = Target.objects.filter(indicator__plan=plan, year__in=list(years), kind__in=kinds)
    return {(t.indicator_id, t.kind, t.year, t.quarter): t for t in targets}


def _show(value) -> str:
    """A read-only figure as planners type it (1.715; 0,5; a grade unchanged), "–" when missing."""
    return EMPTY if value is None else input_str(value)


def _sections(indicators, items: dict) -> list[dict]:
    """Rows grouped as the Renstra reads: goal/objective indicators under their sasaran (or tujuan) first,
    then program, activity and sub-activity indicators under their program."""
    strategic, programs = {}, {}
    for indicator in indicators:
        if indicator.objective_id:
            objective = indicator.objective
            key = (objective.goal.position, objective.goal_id, 1, objective.position, objective.pk)
            section = strategic.setdefault(key, {"kind": "objective", "owner": objective, "items": []})
        elif indicator.goal_id:
            goal = indicator.goal
            key = (goal.position, goal.pk, 0, 0, 0)
            section = strategic.setdefault(key, {"kind": "goal", "owner": goal, "items": []})
        else:
            program = indicator.program or (indicator.activity or indicator.sub_activity.activity).program
            key = (program.position, program.pk)
            section = programs.setdefault(key, {"kind": "program", "owner": program, "items": []})
        section["items"].append(items[indicator.pk])
    sections = [strategic[k] for k in sorted(strategic)] + [programs[k] for k in sorted(programs)]
    for section in sections:
        owner = section["owner"]
        section["title"] = f"{owner.code} · {owner.name if section['kind'] == 'program' else owner.statement}"
    return sections


def _cells(row: TargetRow) -> list[dict]:
    """The inputs of a row, each with its errors flagged and, after a conflict, the other user's value."""
    cells = []
    for name in row.cells:
        field = row[name]
        if field.errors:
            field.field.widget.attrs["class"] += " is-invalid"
        other = (row.stored_display(name) or EMPTY) if row.conflict else None
        cells.append({"field": field, "other": other})
    return cells


def _write(row: TargetRow) -> None:
    """Store the changed cells of a row: update or create their targets, delete the emptied ones."""
    data = row.cleaned_data
    for name in row.changed_cells():
        kind, year, quarter = row.cells[name]
        value = data.get(name)
        lookup = {"indicator": row.indicator, "kind": kind, "year": year, "quarter": quarter}
        if value is None:
            Target.objects.filter(**lookup).delete()
            continue
        defaults = (
            {"grade": value, "value": None} if isinstance(value, str) else {"grade": "", "value": value}
        )
        if kind == Target.Kind.PK_REVISED:
            defaults["revision_reason"] = data.get("revision_reason", "")
        Target.objects.update_or_create(**lookup, defaults=defaults)


def _save(request, rows) -> bool:
    """Save the grid; True when the page should redirect (PRG), False to re-render it with the errors."""
    with one_save():  # the year's lock asked once for the grid's rows
        outcome = grid_save(rows, _write)
    grid_messages(
        request,
        outcome,
        lambda n: ngettext("%(n)d baris target disimpan.", "%(n)d baris target disimpan.", n) % {"n": n},
    )
    return outcome.ok


def _baseline(indicator) -> str:
    value = indicator.baseline_grade or indicator.baseline_value
    return _show(value)


@serialised_writes
@agency_view
def renstra_targets(request, agency):
    plan = current_plan_or_404(agency)
    years = list(plan.years)
    indicators = _indicators(plan)
    existing = _existing(plan, years=years, kinds=[Target.Kind.RENSTRA])
    data = request.POST if request.method == "POST" else None
    rows = [RenstraTargetRow(data, indicator=i, existing=existing, years=years) for i in indicators]
    stated = frozen_years_rendered(agency.pk, plan.start_year, plan.end_year)
    frozen = {y: state for y, (state, _live) in stated.items()}  # under review or approved
    reasons = {y: frozen_message(y, state) for y, state in frozen.items()}
    # Every year's Renstra target is printed by the report of every year of the period: while one of them is
    # under review (rendered live), the whole grid holds still.
    printing = {y: state for y, (state, live) in stated.items() if live}
    if printing:
        year, state = next(iter(printing.items()))
        reasons = {y: reasons.get(y) or printed_message(year, state) for y in years}
        frozen = {y: frozen.get(y, state) for y in years}
    for row in rows:
        for y, reason in reasons.items():
            row.lock(f"y{y}", y, reason)
    if data is not None:
        if _save(request, rows):
            return redirect(request.get_full_path())
        refused = sorted({row.locked[name][0] for row in rows for name in row.locked if name in row.errors})
        if refused:
            messages.error(
                request,
                _(
                    "Target tahun %(years)s terkunci dan tidak dapat diubah; tidak ada yang disimpan. / "
                    "The %(years)s targets are locked and cannot change; nothing was saved."
                )
                % {"years": ", ".join(map(str, refused))},
            )
    items = {
        row.indicator.pk: {
            "indicator": row.indicator,
            "form": row,
            "cells": _cells(row),
            "baseline": _baseline(row.indicator),
        }
        for row in rows
    }
    context = workspace_context(
        request,
        agency,
        section="targets",
        year=plan.end_year,
        target_tab="renstra",
        plan=plan,
        plan_years=years,
        locked_years=frozen,
        sections=_sections(indicators, items),
        has_conflicts=any(row.conflict for row in rows),
    )
    return render(request, "targets/renstra.html", context)


def _agreement_forms(request, agency, year, existing, posted: str | None):
    """The signatory forms of the year: murni always, perubahan when it exists or the PK was revised."""
    agreements = {a.revision: a for a in PerformanceAgreement.objects.filter(agency=agency, year=year)}
    revised = any(key[1] == Target.Kind.PK_REVISED for key in existing)
    forms = []
    for revision, label in PerformanceAgreement.Revision.choices:
        instance = agreements.get(revision)
        if revision == PerformanceAgreement.Revision.REVISED and not (
            instance or revised or posted == revision
        ):
            continue
        instance = instance or PerformanceAgreement(agency=agency, year=year, revision=revision)
        data = request.POST if posted == revision else None
        forms.append(
            {
                "revision": revision,
                "label": label,
                "form": AgreementForm(data, instance=instance, prefix=revision),
            }
        )
    return forms


@serialised_writes
@agency_view
def agreement_targets(request, agency, year):
    plan = plan_or_404(agency, year)
    indicators = _indicators(plan)
    kinds = [Target.Kind.RENSTRA, Target.Kind.PK, Target.Kind.PK_REVISED]
    existing = _existing(plan, years=[year], kinds=kinds)
    action = request.POST.get("action", "targets") if request.method == "POST" else None
    posted_agreement = (
        action.removeprefix("agreement-") if action and action.startswith("agreement-") else None
    )
    data = request.POST if action == "targets" else None
    rows = [AgreementTargetRow(data, indicator=i, existing=existing, year=year) for i in indicators]
    agreement_forms = _agreement_forms(request, agency, year, existing, posted_agreement)
    if data is not None and _save(request, rows):
        return redirect(request.get_full_path())
    if posted_agreement:
        form = next((f["form"] for f in agreement_forms if f["revision"] == posted_agreement), None)
        if form is not None and form.is_valid():
            form.save()
            messages.success(request, _("Penandatangan Perjanjian Kinerja disimpan."))
            return redirect(request.get_full_path())
        messages.error(request, _("Periksa isian penandatangan; tidak ada yang disimpan."))
    items = {}
    for row in rows:
        renstra = existing.get((row.indicator.pk, Target.Kind.RENSTRA, year, 0))
        items[row.indicator.pk] = {
            "indicator": row.indicator,
            "form": row,
            "cells": _cells(row),
            "renstra": _show(measure_of(renstra)),
        }
    context = workspace_context(
        request,
        agency,
        section="targets",
        year=year,
        target_tab="pk",
        plan=plan,
        sections=_sections(indicators, items),
        agreement_forms=agreement_forms,
    )
    return render(request, "targets/pk.html", context)


class _QuarterGrid:
    """The Rencana Aksi of a year: TW I–IV targets per indicator beside the year's target."""

    def __init__(self, agency, year, data=None):
        self.plan = plan_or_404(agency, year)
        self.year = year
        self.indicators = _indicators(self.plan)
        self.existing = _existing(self.plan, years=[year], kinds=list(Target.Kind))
        self.rows = [
            QuarterTargetRow(data, indicator=i, existing=self.existing, year=year) for i in self.indicators
        ]

    def annual(self, indicator):
        def get(kind):
            return measure_of(self.existing.get((indicator.pk, kind, self.year, 0)))

        return target_for_year(
            renstra=get(Target.Kind.RENSTRA), pk=get(Target.Kind.PK), pk_revised=get(Target.Kind.PK_REVISED)
        )

    def items(self) -> list[dict]:
        out = []
        for row in self.rows:
            indicator = row.indicator
            annual = self.annual(indicator)
            mode = effective_quarter_mode(indicator.kind, indicator.quarter_mode)
            errors = row.quarter_errors()
            out.append(
                {
                    "indicator": indicator,
                    "form": row,
                    "annual": _show(annual),
                    "mode": mode,
                    "mode_label": QUARTER_MODE_LABELS[mode],
                    # A cell that does not parse says so; otherwise the rule compares the figures.
                    "warning": None if errors else quarter_target_warning(row.quarters(), annual, mode),
                    "errors": errors,
                }
            )
        return out


@serialised_writes
@agency_view
def quarter_targets(request, agency, year):
    grid = _QuarterGrid(agency, year, request.POST if request.method == "POST" else None)
    if request.method == "POST" and _save(request, grid.rows):
        return redirect(request.get_full_path())
    items = grid.items()
    for item in items:
        item["cells"] = _cells(item["form"])
    context = workspace_context(
        request,
        agency,
        section="targets",
        year=year,
        target_tab="quarters",
        plan=grid.plan,
        sections=_sections(grid.indicators, {item["indicator"].pk: item for item in items}),
    )
    return render(request, "targets/quarters.html", context)


@agency_view  # access first: another agency's URL is a 404 whatever the method
@require_POST
def quarter_targets_check(request, agency, year):
    """The warning cell of every row for the figures being typed (htmx, out-of-band swaps; nothing saved)."""
    grid = _QuarterGrid(agency, year, request.POST)
    return render(request, "targets/_quarter_warnings.html", {"items": grid.items()})
