"""Quarterly (and annual) realisation entry, with a live capaian preview and evidence files.

The grid shows every indicator of the plan for one quarter of a year. Capaian and predicates are never computed
here: the preview hands the planner's unsaved rows to `report_build(pending=...)`, so what the planner sees while
typing is exactly what the report will print.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencies.writes import serialised_writes
from indicators.forms.realisations import EvidenceForm
from indicators.models import Evidence, Indicator
from reports.readmodel.build import report_build
from review.guards import one_save
from review.locks import ensure_writable
from sakip.grids import grid_messages, grid_save
from workspace.access import agency_view, plan_or_404
from workspace.realisation_entry import RealisationGrid, store_evidence
from workspace.shell import QUARTER_LABELS, workspace_context


def _check_quarter(quarter):
    if quarter not in QUARTER_LABELS:
        raise Http404("Triwulan tidak dikenal / unknown quarter")


def _results(report, grid):
    """Per indicator pk: the figures the grid shows beside the inputs."""
    by_code = {row.code: row for row in report.indicators}
    results = {}
    for indicator in grid.indicators:
        row = by_code.get(indicator.code)
        if row is None:
            continue
        period = row.quarters[grid.quarter - 1] if grid.quarter else row.current
        results[indicator.pk] = {
            "row": row,
            "period": period,
            "predicate": report.scale.band_for(period.capaian),
            "annual": row.current,
            "annual_predicate": row.predicate,
        }
    return results


def _sections(report, grid, results, evidence_counts):
    """Rows grouped as the report groups them: under each sasaran, then under each program."""
    forms = {row.indicator.pk: row for row in grid.rows}
    by_code = {i.code: i for i in grid.indicators}

    def items(rows):
        return [
            {
                "form": forms[by_code[r.code].pk],
                "indicator": by_code[r.code],
                "result": results.get(by_code[r.code].pk),
                "evidence": evidence_counts.get(by_code[r.code].pk, 0),
            }
            for r in rows
            if r.code in by_code
        ]

    sections = []
    for goal in report.goals:
        if goal.indicators:
            sections.append(
                {"kind": "goal", "code": goal.code, "title": goal.statement, "items": items(goal.indicators)}
            )
        for objective in goal.objectives:
            sections.append(
                {
                    "kind": "objective",
                    "code": objective.code,
                    "title": objective.statement,
                    "objective": objective,
                    "items": items(objective.indicators),
                }
            )
    program_of = {}  # budget owner code -> program code
    for program in report.budget.children:
        program_of[program.code] = program.code
        for activity in program.children:
            program_of[activity.code] = program.code
            for sub in activity.children:
                program_of[sub.code] = program.code
    programs = {}
    for row in report.indicators:
        if row.level in ("program", "activity", "sub_activity"):
            programs.setdefault(program_of.get(row.parent_code), []).append(row)
    for program in report.budget.children:
        if program.code in programs:
            sections.append(
                {
                    "kind": "program",
                    "code": program.code,
                    "title": program.name,
                    "items": items(programs[program.code]),
                }
            )
    return sections


def _evidence_counts(grid):
    counts = (
        Evidence.objects.filter(indicator__plan=grid.plan, year=grid.year, quarter=grid.quarter)
        .values("indicator_id")
        .annotate(n=Count("pk"))
    )
    return {c["indicator_id"]: c["n"] for c in counts}


@serialised_writes
@agency_view
def entry(request, agency, year, quarter):
    _check_quarter(quarter)
    grid = RealisationGrid(agency, year, quarter, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        with one_save():  # the year's lock asked once for the grid's rows
            outcome = grid_save(grid.rows, grid.write)
        grid_messages(
            request,
            outcome,
            lambda n: (
                ngettext("%(n)d baris realisasi disimpan.", "%(n)d baris realisasi disimpan.", n) % {"n": n}
            ),
        )
        if outcome.ok:
            return redirect(request.get_full_path())
        report = report_build(agency=agency, year=year, pending=grid.pending())
    else:
        report = report_build(agency=agency, year=year)
    results = _results(report, grid)
    context = workspace_context(
        request,
        agency,
        section="realisations",
        year=year,
        quarter=quarter,
        quarter_label=QUARTER_LABELS[quarter],
        quarters=QUARTER_LABELS.items(),
        report=report,
        sections=_sections(report, grid, results, _evidence_counts(grid)),
    )
    return render(request, "realisations/entry.html", context, status=200)


@agency_view
@require_POST
def preview(request, agency, year, quarter):
    """htmx: the figures of every row, recomputed with the planner's unsaved values (out-of-band swaps)."""
    _check_quarter(quarter)
    grid = RealisationGrid(agency, year, quarter, request.POST)
    report = report_build(agency=agency, year=year, pending=grid.pending())
    results = _results(report, grid)
    rows = [
        {"indicator": i, "result": results.get(i.pk), "form": f}
        for i, f in zip(grid.indicators, grid.rows, strict=True)
    ]
    return render(
        request,
        "realisations/_preview.html",
        {"rows": rows, "objectives": report.objectives, "quarter": quarter},
    )


@serialised_writes
@agency_view
def evidence(request, agency, year, quarter, indicator):
    """The evidence files of one indicator for a period: list, upload (planners) and links to download."""
    _check_quarter(quarter)
    plan = plan_or_404(agency, year)
    indicator = get_object_or_404(Indicator, pk=indicator, plan=plan)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    dropped = request.headers.get("Accept") == "application/json"  # files dropped on a row of the grid
    if request.method == "POST" and dropped and not form.is_valid():
        return JsonResponse(
            {"errors": [str(e) for errors in form.errors.values() for e in errors]}, status=400
        )
    if request.method == "POST" and form.is_valid():
        stored, repeated = store_evidence(request.user, indicator, year, quarter, form.cleaned_data)
        if dropped:
            count = Evidence.objects.filter(indicator=indicator, year=year, quarter=quarter).count()
            return JsonResponse({"stored": stored, "repeated": repeated, "count": count})
        if repeated:  # a double click, or the same file again: one copy is enough
            messages.info(
                request,
                _(
                    "Sudah diunggah untuk realisasi ini (isinya sama); tidak disimpan lagi: %(names)s. / Already "
                    "uploaded for this realisation; not stored again."
                )
                % {"names": ", ".join(repeated)},
            )
        if stored:
            messages.success(request, _("Bukti dukung diunggah: %(names)s.") % {"names": ", ".join(stored)})
        return redirect(request.get_full_path())
    files = Evidence.objects.filter(indicator=indicator, year=year, quarter=quarter).select_related(
        "uploaded_by"
    )
    context = workspace_context(
        request,
        agency,
        section="realisations",
        year=year,
        quarter=quarter,
        quarter_label=QUARTER_LABELS[quarter],
        indicator=indicator,
        files=files,
        form=form,
    )
    return render(request, "realisations/evidence.html", context)


def _evidence_of(agency, pk):
    return get_object_or_404(
        Evidence.objects.select_related("indicator"), pk=pk, indicator__plan__agency=agency
    )


@agency_view
def evidence_download(request, agency, pk):
    item = _evidence_of(agency, pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Berkas tidak ditemukan / file missing") from error
    return FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


@serialised_writes
@agency_view
@require_POST
def evidence_delete(request, agency, pk):
    item = _evidence_of(agency, pk)
    ensure_writable(agency, item.year, quarter=item.quarter)  # the URL has no year: the file's period decides
    back = redirect("indicators:evidence", agency.code, item.year, item.quarter, item.indicator_id)
    item.delete()  # the file goes with it (indicators/signals.py)
    messages.success(request, _("Bukti dukung %(name)s dihapus.") % {"name": item.original_name})
    return back
