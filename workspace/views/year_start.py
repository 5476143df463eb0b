"""Preparing a year of the Renstra period from the plan and from last year: proposals the planner ticks."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agencies.writes import serialised_writes
from indicators.year_start import apply_proposals, year_proposals
from reports.readmodel.sections import SECTIONS_AFTER_ANALYSIS, SECTIONS_BEFORE_ANALYSIS
from sakip.forms import input_str, row_id
from workspace.access import agency_view, plan_or_404
from workspace.shell import workspace_context

SECTION_TITLES = {s.key: s.title for s in (*SECTIONS_BEFORE_ANALYSIS, *SECTIONS_AFTER_ANALYSIS)}


def _ids(request, name: str) -> set[int]:
    return {pk for pk in map(row_id, request.POST.getlist(name)) if pk is not None}


@serialised_writes
@agency_view
def year_start(request, agency, year):
    plan = plan_or_404(agency, year)
    if request.method == "POST":
        applied = apply_proposals(
            agency,
            plan,
            year,
            pk=_ids(request, "pk"),
            quarters=_ids(request, "quarters"),
            agreement=request.POST.get("agreement") == "1",
            signing=request.POST.get("signing") == "1",
            narratives=set(request.POST.getlist("narratives")),
        )
        if applied.total:
            parts = [
                _("%(n)s target PK") % {"n": applied.pk},
                _("Rencana Aksi %(n)s indikator") % {"n": applied.quarters},
                _("%(n)s bagian narasi") % {"n": applied.narratives},
            ]
            parts += [_("para pihak PK")] if applied.agreement else []
            parts += [_("penanda tangan laporan")] if applied.signing else []
            messages.success(
                request, _("Tahun %(year)s disiapkan: %(what)s.") % {"year": year, "what": ", ".join(parts)}
            )
        else:
            messages.info(request, _("Tidak ada usulan yang dipilih; tidak ada yang diubah."))
        return redirect("indicators:year_start", agency.code, year)
    proposals = year_proposals(agency, plan, year)
    context = workspace_context(
        request,
        agency,
        section="targets",
        year=year,
        proposals=proposals,
        pk_rows=[(p.indicator, input_str(p.value)) for p in proposals.pk],
        narrative_rows=[(n.key, SECTION_TITLES.get(n.key, n.key)) for n in proposals.narratives],
        quarter_rows=[
            (p.indicator, input_str(p.annual), [input_str(q) for q in p.quarters]) for p in proposals.quarters
        ],
    )
    return render(request, "targets/year_start.html", context)
