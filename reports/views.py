"""Report screens: the narrative sections a planner writes for the year's LKjIP."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies.access import agency_view, plan_or_404
from agencies.workspace import workspace_context
from indicators.models import Narrative, Objective
from sakip.forms import RowForm
from sakip.grids import grid_save

from .sections import report_sections


class NarrativeRow(RowForm):
    value_fields = ("text",)
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}))


@agency_view
def narratives(request, agency, year):
    plan = plan_or_404(agency, year)
    sections = report_sections(Objective.objects.filter(plan=plan).order_by("goal__position", "position"))
    stored = {n.key: n for n in Narrative.objects.filter(agency=agency, year=year)}
    data = request.POST if request.method == "POST" else None
    rows = [
        NarrativeRow(data, stored={"text": stored[s.key].text if s.key in stored else ""}, prefix=s.key)
        for s in sections
    ]
    for row, section in zip(rows, sections, strict=True):
        row.section = section
        row.fields["text"].label = section.title

    def write(row):
        text = row.cleaned_data["text"].strip()
        if text:
            Narrative.objects.update_or_create(
                agency=agency, year=year, key=row.section.key, defaults={"text": text}
            )
        else:
            Narrative.objects.filter(agency=agency, year=year, key=row.section.key).delete()

    if data is not None:
        outcome = grid_save(rows, write)
        if outcome.ok:
            messages.success(
                request,
                ngettext("%(n)d bagian narasi disimpan.", "%(n)d bagian narasi disimpan.", outcome.saved)
                % {"n": outcome.saved}
                if outcome.saved
                else _("Tidak ada perubahan."),
            )
            return redirect(request.get_full_path())
        messages.error(
            request,
            _(
                "Bagian yang ditandai telah diubah pengguna lain sejak halaman ini dibuka; tidak ada yang "
                "disimpan. Periksa teks mereka, lalu simpan lagi untuk menimpanya."
            ),
        )
    chapters = {}
    for row in rows:
        chapters.setdefault(row.section.chapter, []).append(row)
    context = workspace_context(request, agency, section="narratives", year=year, chapters=chapters.items())
    return render(request, "reports/narratives.html", context)
