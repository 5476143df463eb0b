"""A new Renstra period made from the current one: the years and vision, then each element kept, renamed or
retired (elements are added afterwards in the plan editor, like any other)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.writes import serialised_writes
from budgets.models import Activity, Program, SubActivity
from budgets.next_period import KEEP, RENAME, RETIRE, Choice, create_next_period, last_realised
from indicators.models import Goal, Indicator, Objective
from sakip.forms import input_str
from workspace.access import agency_view, current_plan_or_404
from workspace.shell import workspace_context

KIND_LABELS = {
    "goal": gettext_lazy("Tujuan"),
    "objective": gettext_lazy("Sasaran"),
    "indicator": gettext_lazy("Indikator"),
    "program": gettext_lazy("Program"),
    "activity": gettext_lazy("Kegiatan"),
    "sub_activity": gettext_lazy("Sub kegiatan"),
}


class PeriodForm(forms.Form):
    start_year = forms.IntegerField(label=gettext_lazy("Tahun awal"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=gettext_lazy("Tahun akhir"), min_value=2000, max_value=2100)
    revision = forms.CharField(label=gettext_lazy("Revisi (boleh kosong)"), required=False, max_length=100)
    vision = forms.CharField(
        label=gettext_lazy("Visi"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, after: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.after = after

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start is not None and start <= self.after:
            self.add_error(
                "start_year",
                _("Periode baru dimulai setelah %(year)s. / The new period starts after %(year)s.")
                % {"year": self.after},
            )
        if start is not None and end is not None and end < start:
            self.add_error(
                "end_year", _("Tahun akhir sebelum tahun awal. / The end year is before the start year.")
            )
        return data


def _elements(plan) -> list[dict]:
    """Every element in the order of the plan tree, each with its depth (seven queries)."""
    baselines = last_realised(plan)
    indicators: dict[tuple[str, int], list] = {}
    for indicator in Indicator.objects.filter(plan=plan).order_by("position", "pk"):
        indicators.setdefault((indicator.level, indicator.owner_id), []).append(indicator)
    out: list[dict] = []

    def add(kind, row, depth, code, name):
        out.append(
            {
                "kind": kind,
                "label": KIND_LABELS[kind],
                "pk": row.pk,
                "depth": depth,
                "code": code,
                "name": name,
            }
        )
        for indicator in indicators.get((kind, row.pk), []):
            baseline = baselines.get(indicator.pk)
            out.append(
                {
                    "kind": "indicator",
                    "label": KIND_LABELS["indicator"],
                    "pk": indicator.pk,
                    "depth": depth + 1,
                    "code": indicator.code,
                    "name": indicator.name,
                    "baseline": baseline
                    and f"{baseline.year}: {input_str(baseline.grade or baseline.value)} {indicator.unit}".strip(),
                }
            )

    objectives: dict[int, list] = {}
    for objective in Objective.objects.filter(plan=plan).order_by("position", "pk"):
        objectives.setdefault(objective.goal_id, []).append(objective)
    for goal in Goal.objects.filter(plan=plan).order_by("position", "pk"):
        add("goal", goal, 0, goal.code, goal.statement)
        for objective in objectives.get(goal.pk, []):
            add("objective", objective, 1, objective.code, objective.statement)
    subs: dict[int, list] = {}
    for sub in SubActivity.objects.filter(activity__program__plan=plan).order_by("position", "pk"):
        subs.setdefault(sub.activity_id, []).append(sub)
    activities: dict[int, list] = {}
    for activity in Activity.objects.filter(program__plan=plan).order_by("position", "pk"):
        activities.setdefault(activity.program_id, []).append(activity)
    for program in Program.objects.filter(plan=plan).order_by("position", "pk"):
        add("program", program, 0, program.code, program.name)
        for activity in activities.get(program.pk, []):
            add("activity", activity, 1, activity.code, activity.name)
            for sub in subs.get(activity.pk, []):
                add("sub_activity", sub, 2, sub.code, sub.name)
    return out


def _choices(request, elements) -> dict[tuple[str, int], Choice]:
    chosen = {}
    for element in elements:
        prefix = f"{element['kind']}-{element['pk']}"
        action = request.POST.get(f"{prefix}-action", KEEP)
        if action in (RENAME, RETIRE):
            chosen[(element["kind"], element["pk"])] = Choice(action, request.POST.get(f"{prefix}-name", ""))
    return chosen


@serialised_writes
@agency_view
def next_period(request, agency):
    source = current_plan_or_404(agency)
    elements = _elements(source)
    length = source.end_year - source.start_year
    initial = {
        "start_year": source.end_year + 1,
        "end_year": source.end_year + 1 + length,
        "vision": source.vision,
    }
    form = PeriodForm(
        request.POST if request.method == "POST" else None, initial=initial, after=source.end_year
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = create_next_period(
                source,
                start_year=data["start_year"],
                end_year=data["end_year"],
                vision=data["vision"],
                revision=data["revision"],
                choices=_choices(request, elements),
            )
        except (ValidationError, IntegrityError) as error:
            detail = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            form.add_error(None, _("Renstra baru tidak dibuat: %(detail)s") % {"detail": detail})
        else:
            messages.success(
                request,
                _("Renstra %(start)s–%(end)s dibuat dari Renstra %(old)s. Tambahkan unsur baru di sini.")
                % {
                    "start": plan.start_year,
                    "end": plan.end_year,
                    "old": f"{source.start_year}–{source.end_year}",
                },
            )
            return redirect("indicators:plan", agency.code)
    for element in elements:
        prefix = f"{element['kind']}-{element['pk']}"
        element["action"] = request.POST.get(f"{prefix}-action", KEEP) if request.method == "POST" else KEEP
        element["new_name"] = request.POST.get(f"{prefix}-name", "") if request.method == "POST" else ""
    context = workspace_context(
        request,
        agency,
        section="plan",
        source=source,
        form=form,
        elements=elements,
        actions=[(KEEP, _("Pertahankan")), (RENAME, _("Ganti nama")), (RETIRE, _("Hentikan"))],
    )
    return render(request, "plan/next_period.html", context)
