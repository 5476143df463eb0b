"""Renstra structure editor: the cascading tree of the agency's current plan and one form per element.

Every kind of element (tujuan, sasaran, program, ...) is described once in `KINDS`; the create, edit and
delete views are generic over that registry. Objects are always looked up through the agency's current plan,
so an id of another agency's element is a 404, never an edit.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.admin.utils import NestedObjects
from django.db import IntegrityError, router, transaction
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.writes import serialised_writes
from budgets.models import Activity, BudgetLine, Program, SubActivity
from indicators.models import (
    Evidence,
    Goal,
    Indicator,
    Mission,
    Objective,
    Policy,
    Realisation,
    StrategicPlan,
    Strategy,
    Target,
)
from review.locks import plan_frozen_years, plan_locked_message
from workspace.access import agency_view, current_plan_or_404
from workspace.forms import plan as forms
from workspace.shell import workspace_context


@dataclass(frozen=True)
class Kind:
    """One kind of plan element as the editor handles it."""

    slug: str
    model: type
    form: type
    label: str
    plan_path: str  # lookup from the model to its plan's id
    parent: str | None = None  # slug of the kind given as ?parent=<pk> on create
    parent_field: str | None = None
    siblings_by_plan: bool = False  # position counted across the plan (top-level kinds, indicators)
    editable_only: bool = False  # the plan itself: neither created nor deleted here


def _kinds(*kinds: Kind) -> dict[str, Kind]:
    return {kind.slug: kind for kind in kinds}


KINDS = _kinds(
    Kind("renstra", StrategicPlan, forms.PlanYearsForm, gettext_lazy("Renstra"), "pk", editable_only=True),
    Kind("misi", Mission, forms.MissionForm, gettext_lazy("misi"), "plan", siblings_by_plan=True),
    Kind("tujuan", Goal, forms.GoalForm, gettext_lazy("tujuan"), "plan", siblings_by_plan=True),
    Kind("sasaran", Objective, forms.ObjectiveForm, gettext_lazy("sasaran"), "plan", "tujuan", "goal"),
    Kind(
        "strategi",
        Strategy,
        forms.StrategyForm,
        gettext_lazy("strategi"),
        "objective__plan",
        parent="sasaran",
        parent_field="objective",
    ),
    Kind(
        "kebijakan",
        Policy,
        forms.PolicyForm,
        gettext_lazy("arah kebijakan"),
        "strategy__objective__plan",
        parent="strategi",
        parent_field="strategy",
    ),
    Kind(
        "indikator", Indicator, forms.IndicatorForm, gettext_lazy("indikator"), "plan", siblings_by_plan=True
    ),
    Kind("program", Program, forms.ProgramForm, gettext_lazy("program"), "plan", siblings_by_plan=True),
    Kind(
        "kegiatan",
        Activity,
        forms.ActivityForm,
        gettext_lazy("kegiatan"),
        "program__plan",
        parent="program",
        parent_field="program",
    ),
    Kind(
        "subkegiatan",
        SubActivity,
        forms.SubActivityForm,
        gettext_lazy("sub kegiatan"),
        "activity__program__plan",
        parent="kegiatan",
        parent_field="activity",
    ),
)

# An indicator's owner (`?owner=<level>:<pk>`): the model field and the kind it is looked up as.
OWNER_KINDS = {
    "goal": "tujuan",
    "objective": "sasaran",
    "program": "program",
    "activity": "kegiatan",
    "sub_activity": "subkegiatan",
}


def _kind_or_404(slug: str) -> Kind:
    kind = KINDS.get(slug)
    if kind is None:
        raise Http404("Jenis unsur Renstra tidak dikenal / unknown kind")
    return kind


def _object_or_404(kind: Kind, plan: StrategicPlan, pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("Unsur tidak ditemukan / not found") from None
    return get_object_or_404(kind.model.objects.filter(**{kind.plan_path: plan.pk}), pk=pk)


def _plan_locked(plan) -> str:
    """Why the plan's elements are read-only (a year of its period is under review or approved), or ""."""
    frozen = plan_frozen_years(plan)
    return plan_locked_message(frozen) if frozen else ""


def _tree_url(agency, anchor: str = "") -> str:
    url = reverse("indicators:plan", args=[agency.code])
    return f"{url}#{anchor}" if anchor else url


# --- the tree ---------------------------------------------------------------------------------------------


@dataclass
class Group:
    """A list of children of one kind under a node, with the "tambah" link for a new one."""

    label: str
    kind: str
    nodes: list
    add_query: str = ""  # query string of the "tambah" link (the parent, or the sasaran to link to)


@dataclass
class Node:
    kind: str
    obj: object
    code: str
    text: str
    anchor: str  # empty on a repeated program (a program linked to two sasaran appears twice)
    owner: str = ""  # "<level>:<pk>" when the node may have indicators
    indicators: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    collapsible: bool = False
    summary: str = ""  # what is below, shown on a collapsed node
    context: str = ""  # a sasaran's misi and RPJMD goal (issue 18, point 9)

    @property
    def label(self):
        return KINDS[self.kind].label


class _Tree:
    """Loads each table of the plan once and assembles the cascade in Python (a fixed number of queries)."""

    def __init__(self, plan):
        self.plan = plan
        self.missions = list(plan.missions.order_by("position"))
        self.mission_numbers = {m.pk: n for n, m in enumerate(self.missions, start=1)}
        self.goals = list(Goal.objects.filter(plan=plan).order_by("position"))
        self.objectives = defaultdict(list)
        for o in Objective.objects.filter(plan=plan).select_related("rpjmd_objective").order_by("position"):
            self.objectives[o.goal_id].append(o)
        self.strategies = defaultdict(list)
        for s in Strategy.objects.filter(objective__plan=plan).order_by("position"):
            self.strategies[s.objective_id].append(s)
        self.policies = defaultdict(list)
        for p in Policy.objects.filter(strategy__objective__plan=plan).order_by("position"):
            self.policies[p.strategy_id].append(p)
        self.programs = list(Program.objects.filter(plan=plan).order_by("position"))
        self.objective_programs = defaultdict(set)
        linked = set()
        for link in Program.objectives.through.objects.filter(program__plan=plan):
            self.objective_programs[link.objective_id].add(link.program_id)
            linked.add(link.program_id)
        self.unlinked = [p for p in self.programs if p.pk not in linked]
        self.activities = defaultdict(list)
        for a in Activity.objects.filter(program__plan=plan).order_by("position"):
            self.activities[a.program_id].append(a)
        self.subs = defaultdict(list)
        for s in SubActivity.objects.filter(activity__program__plan=plan).order_by("position"):
            self.subs[s.activity_id].append(s)
        self.indicators = defaultdict(list)
        for i in Indicator.objects.filter(plan=plan).order_by("position"):
            self.indicators[(i.level, i.owner_id)].append(i)
        self.shown = set()  # anchors already given: ids must be unique in the page

    def _anchor(self, kind, pk):
        anchor = f"{kind}-{pk}"
        if anchor in self.shown:
            return ""
        self.shown.add(anchor)
        return anchor

    def _node(self, kind, level, obj, code, text, **kwargs):
        node = Node(kind, obj, code, text, self._anchor(kind, obj.pk), **kwargs)
        if level:
            node.owner = f"{level}:{obj.pk}"
            node.indicators = self.indicators[(level, obj.pk)]
        return node

    def goals_nodes(self):
        return [self.goal(g) for g in self.goals]

    def goal(self, g):
        objectives = [self.objective(o) for o in self.objectives[g.pk]]
        groups = [Group(_("Sasaran"), "sasaran", objectives, f"parent={g.pk}")]
        return self._node("tujuan", "goal", g, g.code, g.statement, groups=groups)

    def objective(self, o):
        strategies = [self.strategy(s) for s in self.strategies[o.pk]]
        programs = [self.program(p) for p in self.programs if p.pk in self.objective_programs[o.pk]]
        groups = [
            Group(_("Strategi"), "strategi", strategies, f"parent={o.pk}"),
            # A new program added here starts linked to this sasaran.
            Group(_("Program"), "program", programs, f"objective={o.pk}"),
        ]
        node = self._node("sasaran", "objective", o, o.code, o.statement, groups=groups)
        parts = []
        if o.mission_id in self.mission_numbers:
            parts.append(_("Misi %(n)s") % {"n": self.mission_numbers[o.mission_id]})
        if o.rpjmd_objective is not None:
            linked = o.rpjmd_objective
            parts.append(_("Sasaran RPJMD %(code)s") % {"code": f"{linked.code} {linked.statement}"})
        if o.rpjmd_goal:
            parts.append(_("RPJMD: %(goal)s") % {"goal": o.rpjmd_goal})
        node.context = " · ".join(parts)
        return node

    def strategy(self, s):
        policies = [self._node("kebijakan", None, p, "", p.statement) for p in self.policies[s.pk]]
        groups = [Group(_("Arah kebijakan"), "kebijakan", policies, f"parent={s.pk}")]
        return self._node("strategi", None, s, "", s.statement, groups=groups)

    def program(self, p):
        activities = [self.activity(a) for a in self.activities[p.pk]]
        groups = [Group(_("Kegiatan"), "kegiatan", activities, f"parent={p.pk}")]
        node = self._node("program", "program", p, p.code, p.name, groups=groups, collapsible=True)
        node.summary = _("%(activities)s kegiatan, %(subs)s sub kegiatan") % {
            "activities": len(activities),
            "subs": sum(len(self.subs[a.pk]) for a in self.activities[p.pk]),
        }
        return node

    def activity(self, a):
        subs = [self._node("subkegiatan", "sub_activity", s, s.code, s.name) for s in self.subs[a.pk]]
        groups = [Group(_("Sub kegiatan"), "subkegiatan", subs, f"parent={a.pk}")]
        return self._node("kegiatan", "activity", a, a.code, a.name, groups=groups)


@agency_view
def plan_tree(request, agency):
    plan = current_plan_or_404(agency)
    tree = _Tree(plan)
    goals = tree.goals_nodes()
    unlinked = [tree.program(p) for p in tree.unlinked]
    context = workspace_context(
        request,
        agency,
        section="plan",
        plan=plan,
        missions=tree.missions,
        goals=goals,
        unlinked_programs=unlinked,
        program_count=len(tree.programs),
        plan_locked=_plan_locked(plan),
    )
    return render(request, "plan/tree.html", context)


# --- create / edit ----------------------------------------------------------------------------------------


def _new_instance(kind: Kind, plan, query):
    """An unsaved element of `kind` attached to its plan and to the parent named in the query string."""
    instance = kind.model()
    if hasattr(instance, "plan_id"):
        instance.plan = plan
    if kind.parent:
        parent = _object_or_404(KINDS[kind.parent], plan, query.get("parent"))
        setattr(instance, kind.parent_field, parent)
    elif kind.slug == "indikator":
        level, _sep, pk = (query.get("owner") or "").partition(":")
        if level not in OWNER_KINDS:
            raise Http404("Pemilik indikator tidak dikenal / unknown indicator owner")
        setattr(instance, level, _object_or_404(KINDS[OWNER_KINDS[level]], plan, pk))
    return instance


def _next_position(kind: Kind, instance, plan) -> int:
    if kind.siblings_by_plan:
        siblings = kind.model.objects.filter(plan=plan)
    else:
        siblings = kind.model.objects.filter(**{kind.parent_field: getattr(instance, kind.parent_field)})
    top = siblings.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def _parent_label(instance) -> str:
    """What the new element is attached to, shown above the form ("Sasaran S1 ...")."""
    for name in ("goal", "objective", "strategy", "program", "activity", "sub_activity"):
        parent = getattr(instance, f"{name}_id", None) and getattr(instance, name)
        if parent:
            return f"{parent._meta.verbose_name.capitalize()}: {parent}"
    return ""


def _edit(request, agency, plan, kind: Kind, instance, *, creating: bool):
    initial = {}
    if creating and kind.slug == "program" and request.GET.get("objective"):
        initial["objectives"] = [request.GET["objective"]]
    data = request.POST if request.method == "POST" else None
    form = kind.form(data, instance=instance, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if creating:
                    form.instance.position = _next_position(kind, form.instance, plan)
                saved = form.save()
        except IntegrityError:
            # Another planner saved the same code a moment ago: the form's check passed, the database refused.
            form.add_error(
                None,
                _("Tidak tersimpan: data bentrok dengan perubahan lain. Periksa kode lalu simpan lagi.")
                + " / Not saved: it conflicts with another change; check the code and save again.",
            )
        else:
            messages.success(request, _("%(kind)s tersimpan.") % {"kind": str(kind.label).capitalize()})
            anchor = "renstra" if kind.slug == "renstra" else f"{kind.slug}-{saved.pk}"
            return redirect(_tree_url(agency, anchor))
    if request.method == "POST":
        messages.error(request, _("Belum tersimpan: periksa isian yang ditandai."))
        if not creating:
            # Validating the form wrote the typed values into `instance`: the heading names the stored row, so
            # that a refused change (a frozen year's sasaran) does not look saved.
            instance = type(instance).objects.get(pk=instance.pk)
    context = workspace_context(
        request,
        agency,
        section="plan",
        plan=plan,
        form=form,
        kind=kind,
        creating=creating,
        object=instance,
        parent_label=_parent_label(instance),
        # The Renstra's own form stays open: its revision label is not in any year's report.
        plan_locked="" if kind.editable_only else _plan_locked(plan),
        cancel_url=_tree_url(agency, "" if creating else f"{kind.slug}-{instance.pk}"),
    )
    return render(request, "plan/form.html", context)


@serialised_writes
@agency_view
def plan_create(request, agency, kind):
    kind = _kind_or_404(kind)
    if kind.editable_only:
        raise Http404("Renstra dibuat lewat impor / plans are created by import")
    plan = current_plan_or_404(agency)
    return _edit(request, agency, plan, kind, _new_instance(kind, plan, request.GET), creating=True)


@serialised_writes
@agency_view
def plan_edit(request, agency, kind, pk):
    kind = _kind_or_404(kind)
    plan = current_plan_or_404(agency)
    return _edit(request, agency, plan, kind, _object_or_404(kind, plan, pk), creating=False)


# --- delete -----------------------------------------------------------------------------------------------

# The order in which "what goes with it" is listed: the cascade from the top down.
_DELETE_ORDER = [
    Objective,
    Strategy,
    Policy,
    Program,
    Activity,
    SubActivity,
    Indicator,
    Target,
    Realisation,
    Evidence,
    BudgetLine,
]


def cascade_counts(obj) -> list[tuple[int, str]]:
    """(count, name) of every kind of row deleted together with `obj` (the object itself not included)."""
    collector = NestedObjects(using=router.db_for_write(type(obj)))
    collector.collect([obj])
    counts = []
    for model, objs in collector.model_objs.items():
        n = len(objs) - (1 if model is type(obj) else 0)
        if n and not model._meta.auto_created:  # a program's links to sasaran are not worth listing
            counts.append((model, n))
    order = {model: i for i, model in enumerate(_DELETE_ORDER)}
    counts.sort(key=lambda item: order.get(item[0], len(order)))
    return [(n, str(model._meta.verbose_name_plural)) for model, n in counts]


@serialised_writes
@agency_view
def plan_delete(request, agency, kind, pk):
    kind = _kind_or_404(kind)
    if kind.editable_only:
        raise Http404("Renstra tidak dihapus dari sini / the plan is not deleted here")
    plan = current_plan_or_404(agency)
    obj = _object_or_404(kind, plan, pk)
    if request.method == "POST":
        with transaction.atomic():
            label = str(obj)
            obj.delete()
        messages.success(
            request, _("%(kind)s %(name)s dihapus.") % {"kind": str(kind.label).capitalize(), "name": label}
        )
        return redirect(_tree_url(agency))
    context = workspace_context(
        request,
        agency,
        section="plan",
        plan=plan,
        kind=kind,
        object=obj,
        cascade=cascade_counts(obj),
        plan_locked=_plan_locked(plan),
        cancel_url=_tree_url(agency, f"{kind.slug}-{obj.pk}"),
    )
    return render(request, "plan/delete.html", context)
