"""The Pemda's RPJMD screens (`workspace.access.pemda_view`): the Pemda-wide roles read; the Pemda administrators
(and admins) write the plan, its misi, tujuan, sasaran and IKU Pemda, the targets and realisations, and the
kepala daerah's Perjanjian Kinerja. The pohon kinerja: each RPJMD sasaran → the agency sasaran serving it →
their programs.

Every figure shown comes from `reports.pemda.rpjmd.rpjmd_report` (which asks `rpjmd.figures`); nothing derived
is stored. A write runs in one transaction holding the Pemda's row (`serialised`), so that two grid saves are
compared with each other's rows (`sakip.grids.grid_save`), never interleaved.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.db import connection, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_safe

from agencies.models import Government
from reports.pemda.rpjmd import rpjmd_report
from rpjmd.models import (
    HeadAgreement,
    RegionalGoal,
    RegionalIndicator,
    RegionalMission,
    RegionalObjective,
    RegionalPlan,
    RegionalRealisation,
    RegionalTarget,
)
from sakip.forms import row_id
from sakip.grids import grid_messages, grid_save
from workspace.access import pemda_view
from workspace.forms import rpjmd as forms

GET_POST = require_http_methods(["GET", "HEAD", "POST"])

# kind in the URL → (model, form, label)
KINDS = {
    "misi": (RegionalMission, forms.MissionForm, gettext_lazy("misi")),
    "tujuan": (RegionalGoal, forms.GoalForm, gettext_lazy("tujuan")),
    "sasaran": (RegionalObjective, forms.ObjectiveForm, gettext_lazy("sasaran")),
    "iku": (RegionalIndicator, forms.IndicatorForm, gettext_lazy("IKU Pemda")),
}


def serialised(view):
    """A POST in one transaction holding the Pemda's row (on SQLite the immediate transaction holds the database's
    write lock already); a refused response rolls back whatever the view wrote."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST" or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            if connection.features.has_select_for_update:
                list(Government.objects.select_for_update().filter(code=kwargs.get("code", "")).values("pk"))
            response = view(request, *args, **kwargs)
            if response.status_code >= 400:
                transaction.set_rollback(True)
            return response

    return wrapper


def _plans(government) -> list[RegionalPlan]:
    return list(RegionalPlan.objects.filter(government=government).order_by("-start_year", "-pk"))


def plan_of(government, pk) -> RegionalPlan:
    return get_object_or_404(RegionalPlan, pk=pk, government=government)


def _year(request, plan: RegionalPlan) -> int:
    """The year asked for (?tahun=), else this year inside the plan's period."""
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        year = timezone.localdate().year
    return min(max(year, plan.start_year), plan.end_year)


def _chosen_plan(request, plans: list[RegionalPlan]) -> RegionalPlan | None:
    wanted = request.GET.get("rpjmd", "")
    # A hand-edited address: other text than digits shows the default plan, a number that is no plan of this
    # Pemda's is a 404.
    if wanted.isascii() and wanted.isdigit():
        pk = row_id(wanted)
        found = next((p for p in plans if p.pk == pk), None)
        if found is None:
            raise Http404("RPJMD tidak ditemukan / RPJMD not found")
        return found
    this_year = timezone.localdate().year
    covering = [p for p in plans if p.start_year <= this_year <= p.end_year]
    return (covering or plans or [None])[0]


def _base(request, government, **extra) -> dict:
    return {"government": government, "can_administer": request.can_administer, **extra}


@pemda_view
@require_safe
def page(request, government):
    """The RPJMD: visi, misi, tujuan, sasaran, IKU Pemda with baseline, yearly targets, final target, and the
    realisation, capaian and predicate of the chosen year, responsible agencies and source."""
    plans = _plans(government)
    plan = _chosen_plan(request, plans)
    if plan is None:
        return render(request, "pemda/rpjmd/page.html", _base(request, government, plan=None, plans=plans))
    year = _year(request, plan)
    report = rpjmd_report(government, year, plan=plan)
    years = list(plan.years)
    # Each IKU's targets in the order of the columns (a template cannot look a year up in a dict).
    goals = [
        {
            "goal": goal,
            "objectives": [
                {
                    "objective": objective,
                    "ikus": [
                        {
                            "row": row,
                            "years": [(y, row.rpjmd_targets.get(y), row.pk_targets.get(y)) for y in years],
                        }
                        for row in objective.indicators
                    ],
                }
                for objective in goal.objectives
            ],
        }
        for goal in report.goals
    ]
    return render(
        request,
        "pemda/rpjmd/page.html",
        _base(
            request,
            government,
            plan=plan,
            plans=plans,
            year=year,
            years=years,
            report=report,
            goals=goals,
        ),
    )


@serialised
@pemda_view(administer=True)
@GET_POST
def plan_edit(request, government, plan=None):
    """Create (no `plan`) or edit an RPJMD: period, revision, visi, kepala daerah."""
    instance = plan_of(government, plan) if plan is not None else RegionalPlan(government=government)
    form = forms.RegionalPlanForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("RPJMD disimpan."))
        return redirect(f"{reverse('pemda:rpjmd', args=[government.code])}?rpjmd={saved.pk}")
    return render(
        request,
        "pemda/rpjmd/form.html",
        _base(
            request,
            government,
            form=form,
            title=_("Ubah RPJMD") if instance.pk else _("Buat RPJMD"),
            cancel_url=reverse("pemda:rpjmd", args=[government.code]),
        ),
    )


def _kind(kind: str):
    if kind not in KINDS:
        raise Http404("Jenis tidak dikenal / unknown kind")
    return KINDS[kind]


def back_to_plan(government, plan: RegionalPlan) -> str:
    return f"{reverse('pemda:rpjmd', args=[government.code])}?rpjmd={plan.pk}"


def _element_form(request, government, plan, kind, instance):
    _model, form_class, label = _kind(kind)
    form = form_class(request.POST if request.method == "POST" else None, instance=instance, plan=plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("%(kind)s disimpan.") % {"kind": str(label).capitalize()})
        return redirect(back_to_plan(government, plan))
    title = (_("Ubah %(kind)s") if instance.pk else _("Tambah %(kind)s")) % {"kind": label}
    return render(
        request,
        "pemda/rpjmd/form.html",
        _base(
            request, government, form=form, title=title, plan=plan, cancel_url=back_to_plan(government, plan)
        ),
    )


@serialised
@pemda_view(administer=True)
@GET_POST
def element_create(request, government, plan, kind):
    model, _form, _label = _kind(kind)
    the_plan = plan_of(government, plan)
    return _element_form(request, government, the_plan, kind, model(plan=the_plan))


def _element_of(government, kind, pk):
    model, _form, _label = _kind(kind)
    return get_object_or_404(model.objects.select_related("plan"), pk=pk, plan__government=government)


@serialised
@pemda_view(administer=True)
@GET_POST
def element_edit(request, government, kind, pk):
    element = _element_of(government, kind, pk)
    return _element_form(request, government, element.plan, kind, element)


@serialised
@pemda_view(administer=True)
@GET_POST
def element_delete(request, government, kind, pk):
    element = _element_of(government, kind, pk)
    _model, _form, label = _kind(kind)
    if request.method == "POST":
        element.delete()
        messages.success(request, _("%(kind)s dihapus.") % {"kind": str(label).capitalize()})
        return redirect(back_to_plan(government, element.plan))
    return render(
        request,
        "pemda/rpjmd/delete.html",
        _base(
            request,
            government,
            object=element,
            label=label,
            cancel_url=back_to_plan(government, element.plan),
        ),
    )


def _ikus(plan) -> list[RegionalIndicator]:
    return list(
        RegionalIndicator.objects.filter(plan=plan)
        .select_related("objective", "source_indicator__plan__agency")
        .order_by("objective__position", "position", "pk")
    )


@serialised
@pemda_view
@GET_POST
def targets(request, government, plan):
    """The targets of every IKU for every year of the plan, RPJMD and PK side by side; all or nothing."""
    the_plan = plan_of(government, plan)
    years = list(the_plan.years)
    existing = {
        (t.indicator_id, t.kind, t.year): t for t in RegionalTarget.objects.filter(indicator__plan=the_plan)
    }
    data = request.POST if request.method == "POST" else None
    rows = [forms.TargetRow(data, indicator=i, existing=existing, years=years) for i in _ikus(the_plan)]
    if data is not None:
        outcome = grid_save(rows, lambda row: row.write())
        grid_messages(
            request,
            outcome,
            lambda n: ngettext("%(n)d baris target disimpan.", "%(n)d baris target disimpan.", n) % {"n": n},
        )
        if outcome.ok:
            return redirect(request.get_full_path())
    return render(
        request,
        "pemda/rpjmd/targets.html",
        _base(request, government, plan=the_plan, years=years, rows=rows),
    )


@serialised
@pemda_view
@GET_POST
def realisations(request, government, plan, year):
    """The realisation of every IKU for the year: typed for those the Pemda measures, read-only (from the agency's
    report) for those taken from an agency indicator."""
    the_plan = plan_of(government, plan)
    if year not in the_plan.years:
        raise Http404("Tahun di luar periode RPJMD / year outside the RPJMD period")
    ikus = _ikus(the_plan)
    existing = {
        r.indicator_id: r for r in RegionalRealisation.objects.filter(indicator__plan=the_plan, year=year)
    }
    data = request.POST if request.method == "POST" else None
    rows = {
        i.pk: forms.RealisationRow(data, indicator=i, year=year, existing=existing.get(i.pk))
        for i in ikus
        if i.source_indicator_id is None
    }
    if data is not None:
        outcome = grid_save(list(rows.values()), lambda row: row.write())
        grid_messages(
            request,
            outcome,
            lambda n: ngettext("%(n)d realisasi disimpan.", "%(n)d realisasi disimpan.", n) % {"n": n},
        )
        if outcome.ok:
            return redirect(request.get_full_path())
    report = rpjmd_report(government, year, plan=the_plan)
    figures = {row.pk: row for row in report.indicators} if report else {}
    items = [{"indicator": i, "row": rows.get(i.pk), "figures": figures.get(i.pk)} for i in ikus]
    return render(
        request,
        "pemda/rpjmd/realisations.html",
        _base(request, government, plan=the_plan, year=year, items=items),
    )


@serialised
@pemda_view
@GET_POST
def agreement(request, government, year):
    """The kepala daerah's Perjanjian Kinerja of the year: date, signatory, place (its targets: the PK column of
    the target grid)."""
    instance = HeadAgreement.objects.filter(government=government, year=year).first()
    instance = instance or HeadAgreement(government=government, year=year)
    form = forms.HeadAgreementForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Perjanjian Kinerja kepala daerah disimpan."))
        return redirect(f"{reverse('pemda:rpjmd', args=[government.code])}?tahun={year}")
    return render(
        request,
        "pemda/rpjmd/form.html",
        _base(
            request,
            government,
            form=form,
            title=_("Perjanjian Kinerja kepala daerah %(year)s") % {"year": year},
            cancel_url=reverse("pemda:rpjmd", args=[government.code]),
            read_only=not request.can_administer,
        ),
    )


@pemda_view
@require_safe
def tree(request, government, year):
    """The Pemda's pohon kinerja of the year: RPJMD sasaran → agency sasaran (capaian) → programs."""
    report = rpjmd_report(government, year)
    if report is None:
        raise Http404("Tidak ada RPJMD untuk tahun ini / no RPJMD covers this year")
    return render(request, "pemda/rpjmd/tree.html", _base(request, government, year=year, report=report))
