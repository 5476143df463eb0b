"""Which history rows belong to an agency, filtered and newest first, and their entries (the ORM side).

Which history rows belong to an agency is decided through the history tables themselves (a target belongs
to the agency if its indicator ever belonged to one of the agency's plans), so the trail of a deleted
indicator, and of the rows deleted with it, stays visible. A page costs a bounded number of queries: one
UNION over the history tables for the page's ids (and one to count them), one query per table present on
the page (its rows and the versions before them), and one per kind of label (indicator codes, budget codes,
unit names).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import IntegerField, Q, Value

from agencies.audit import VIA_IMPORT
from agencies.models import Agency, Facility, OrgUnit, Risk, StaffCount, StrategicIssue
from budgets.models import (
    MONEY_FIELDS,
    Activity,
    BudgetLine,
    Expenditure,
    Program,
    SpendingGroup,
    SubActivity,
)
from indicators.models import (
    Evidence,
    Goal,
    Indicator,
    Mission,
    Narrative,
    Objective,
    ObjectiveNote,
    PerformanceAgreement,
    Policy,
    Realisation,
    ReportSigning,
    StrategicPlan,
    Strategy,
    Target,
)
from workspace.history.entries import Entry, FieldSpec, Version, change_entry, previous_versions
from workspace.history.subjects import RowLabels, subject


# --- the tracked tables ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    key: str
    model: type[models.Model]
    kind: str
    identity: tuple[str, ...] = ()  # fields named in the subject rather than listed as changes
    yearly: bool = False
    indicator_field: str | None = None  # the field holding the indicator id ("id" for Indicator itself)
    activity_field: str | None = None
    sub_activity_field: str | None = None

    @property
    def history(self):
        return self.model.history.model


SOURCES = (
    Source("agency", Agency, "rencana", ("government", "code")),
    Source("orgunit", OrgUnit, "rencana", ("agency", "position")),
    Source("plan", StrategicPlan, "rencana", ("agency",)),
    Source("mission", Mission, "rencana", ("plan", "position")),
    Source("goal", Goal, "rencana", ("plan", "position")),
    Source("objective", Objective, "rencana", ("plan", "goal", "position")),
    Source("strategy", Strategy, "rencana", ("objective", "position")),
    Source("policy", Policy, "rencana", ("strategy", "position")),
    Source(
        "indicator",
        Indicator,
        "rencana",
        ("plan", "goal", "objective", "program", "activity", "sub_activity", "position"),
        indicator_field="id",
    ),
    Source("program", Program, "rencana", ("plan", "position")),
    Source("activity", Activity, "rencana", ("program", "position"), activity_field="id"),
    Source("subactivity", SubActivity, "rencana", ("activity", "position"), sub_activity_field="id"),
    Source("agreement", PerformanceAgreement, "target", ("agency", "year", "revision"), yearly=True),
    Source(
        "target",
        Target,
        "target",
        ("indicator", "kind", "year", "quarter"),
        yearly=True,
        indicator_field="indicator_id",
    ),
    Source(
        "realisation",
        Realisation,
        "realisasi",
        ("indicator", "year", "quarter"),
        yearly=True,
        indicator_field="indicator_id",
    ),
    Source(
        "evidence",
        Evidence,
        "realisasi",
        ("indicator", "year", "quarter", "file", "uploaded_by", "uploaded_at"),
        yearly=True,
        indicator_field="indicator_id",
    ),
    Source(
        "budgetline",
        BudgetLine,
        "anggaran",
        ("activity", "sub_activity", "year"),
        yearly=True,
        activity_field="activity_id",
        sub_activity_field="sub_activity_id",
    ),
    Source("narrative", Narrative, "narasi", ("agency", "year", "key"), yearly=True),
    Source("objectivenote", ObjectiveNote, "narasi", ("objective", "year", "kind"), yearly=True),
    Source("reportsigning", ReportSigning, "narasi", ("agency", "year"), yearly=True),
    Source("expenditure", Expenditure, "anggaran", ("agency", "year", "part"), yearly=True),
    Source("spendinggroup", SpendingGroup, "anggaran", ("agency", "year", "position"), yearly=True),
    Source("staffcount", StaffCount, "profil", ("agency", "year", "breakdown"), yearly=True),
    Source("facility", Facility, "profil", ("agency", "year"), yearly=True),
    Source("strategicissue", StrategicIssue, "profil", ("agency", "year"), yearly=True),
    Source("risk", Risk, "profil", ("agency", "year"), yearly=True),
)
SOURCE_BY_KEY = {s.key: s for s in SOURCES}


def _field_kind(model, field) -> str:
    if field.is_relation:
        return "ref"
    if field.choices:
        return "choice"
    if isinstance(field, models.DecimalField):
        money = (model is BudgetLine and field.name in MONEY_FIELDS) or model in (Expenditure, SpendingGroup)
        return "money" if money else "decimal"
    if isinstance(field, models.BooleanField):
        return "bool"
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return "date"
    return "text"


def field_specs(source: Source) -> tuple[FieldSpec, ...]:
    """The fields a change lists, labelled in the current language."""
    specs = []
    for f in source.model._meta.concrete_fields:
        if f.primary_key or f.name in source.identity or f.name == "position":
            continue
        kind = _field_kind(source.model, f)
        specs.append(
            FieldSpec(
                name=f.attname,
                label=str(f.verbose_name),
                kind=kind,
                choices={k: str(v) for k, v in f.choices} if f.choices else {},
                ref=f.related_model._meta.model_name if f.is_relation else "",
            )
        )
    return tuple(specs)


@cache
def _tracked_attnames(source_key: str) -> tuple[str, ...]:
    return tuple(f.attname for f in SOURCE_BY_KEY[source_key].history.tracked_fields)


# --- which rows belong to the agency ---------------------------------------------------------------------
def _either(field: str, ids: tuple) -> Q:
    live, past = ids
    return Q(**{f"{field}__in": live}) | Q(**{f"{field}__in": past})


class _Scope:
    """Id sets (subqueries, never evaluated here) of the agency's rows, live or known from history."""

    def __init__(self, agency):
        pk = agency.pk
        h = {s.key: s.history for s in SOURCES}
        self.plans = (
            StrategicPlan.objects.filter(agency_id=pk).values("id"),
            h["plan"].objects.filter(agency_id=pk).values("id"),
        )
        self.objectives = (
            Objective.objects.filter(plan__agency_id=pk).values("id"),
            h["objective"].objects.filter(_either("plan_id", self.plans)).values("id"),
        )
        self.strategies = (
            Strategy.objects.filter(objective__plan__agency_id=pk).values("id"),
            h["strategy"].objects.filter(_either("objective_id", self.objectives)).values("id"),
        )
        self.indicators = (
            Indicator.objects.filter(plan__agency_id=pk).values("id"),
            h["indicator"].objects.filter(_either("plan_id", self.plans)).values("id"),
        )
        self.programs = (
            Program.objects.filter(plan__agency_id=pk).values("id"),
            h["program"].objects.filter(_either("plan_id", self.plans)).values("id"),
        )
        self.activities = (
            Activity.objects.filter(program__plan__agency_id=pk).values("id"),
            h["activity"].objects.filter(_either("program_id", self.programs)).values("id"),
        )
        self.sub_activities = (
            SubActivity.objects.filter(activity__program__plan__agency_id=pk).values("id"),
            h["subactivity"].objects.filter(_either("activity_id", self.activities)).values("id"),
        )
        self.agency_pk = pk

    def q(self, source: Source) -> Q:
        key = source.key
        if key == "agency":
            return Q(id=self.agency_pk)
        if key in (
            "orgunit",
            "plan",
            "agreement",
            "narrative",
            "reportsigning",
            "expenditure",
            "spendinggroup",
            "staffcount",
            "facility",
            "strategicissue",
            "risk",
        ):
            return Q(agency_id=self.agency_pk)
        if key in ("mission", "goal", "objective", "indicator", "program"):
            return _either("plan_id", self.plans)
        if key in ("strategy", "objectivenote"):
            return _either("objective_id", self.objectives)
        if key == "policy":
            return _either("strategy_id", self.strategies)
        if key in ("target", "realisation", "evidence"):
            return _either("indicator_id", self.indicators)
        if key == "activity":
            return _either("program_id", self.programs)
        if key == "subactivity":
            return _either("activity_id", self.activities)
        if key == "budgetline":
            return _either("activity_id", self.activities) | _either("sub_activity_id", self.sub_activities)
        raise KeyError(key)


@dataclass(frozen=True)
class HistoryFilter:
    year: int | None = None
    kind: str | None = None
    indicator: int | None = None
    budget: str | None = None  # "a<activity pk>" or "s<sub-activity pk>", as the budget grid names its rows


def _source_filter(source: Source, f: HistoryFilter) -> Q | None:
    """The filter's condition on one table; None when the filter rules the whole table out."""
    q = Q()
    if f.kind and source.kind != f.kind:
        return None
    if f.year:
        if not source.yearly:
            return None
        q &= Q(year=f.year)
    if f.indicator:
        if not source.indicator_field:
            return None
        q &= Q(**{source.indicator_field: f.indicator})
    if f.budget:
        field = source.activity_field if f.budget[0] == "a" else source.sub_activity_field
        if not field:
            return None
        q &= Q(**{field: int(f.budget[1:])})
    return q


def listed_rows(agency, f: HistoryFilter):
    """UNION of (source index, history id, date) of every listed row, newest first. Import baselines are
    not listed (the agency's import event stands for them)."""
    scope = _Scope(agency)
    parts = []
    for index, source in enumerate(SOURCES):
        condition = _source_filter(source, f)
        if condition is None:
            continue
        qs = source.history.objects.filter(scope.q(source), condition)
        if source.key != "agency":
            qs = qs.exclude(history_change_reason=VIA_IMPORT)
        parts.append(
            qs.order_by()
            .annotate(src=Value(index, output_field=IntegerField()))
            .values_list("src", "history_id", "history_date")
        )
    if not parts:
        return StrategicPlan.history.model.objects.none().values_list(
            "history_id", "history_id", "history_date"
        )
    first, *rest = parts
    return (
        first.union(*rest, all=True).order_by("-history_date", "-history_id")
        if rest
        else first.order_by("-history_date", "-history_id")
    )


# --- from listed ids to entries ----------------------------------------------------------------------------
def _user_names(ids) -> dict[int, str]:
    users = get_user_model().objects.filter(pk__in={i for i in ids if i is not None})
    return {user.pk: user.get_full_name() or user.get_username() for user in users}


def _labels_of(model, ids, columns):
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    found = {
        row[0]: row[1:] for row in model.objects.filter(id__in=ids).order_by().values_list("id", *columns)
    }
    missing = ids - set(found)
    if missing:
        rows = model.history.model.objects.filter(id__in=missing).order_by(
            "id", "-history_date", "-history_id"
        )
        for row in rows.values_list("id", *columns):
            found.setdefault(row[0], row[1:])
    return found


def row_labels(versions: list[Version]) -> RowLabels:
    """Names of the rows the versions refer to (indicator codes, budget codes, unit names): live rows first,
    the last recorded version for deleted ones. One or two queries per kind of label."""

    def ids(source_keys, field):
        return [v.values.get(field) for v in versions if v.source in source_keys]

    indicators = _labels_of(
        Indicator, ids(("target", "realisation", "evidence"), "indicator_id"), ("code", "name")
    )
    activities = {
        k: v[0] for k, v in _labels_of(Activity, ids(("budgetline",), "activity_id"), ("code",)).items()
    }
    sub_activities = {
        k: v[0]
        for k, v in _labels_of(SubActivity, ids(("budgetline",), "sub_activity_id"), ("code",)).items()
    }
    unit_ids = ids(("indicator", "activity"), "responsible_unit_id") + ids(("orgunit",), "parent_id")
    units = {k: v[0] for k, v in _labels_of(OrgUnit, unit_ids, ("name",)).items()}
    return RowLabels(indicators=indicators, activities=activities, sub_activities=sub_activities, units=units)


_HISTORY_COLUMNS = ("history_id", "history_date", "history_type", "history_change_reason", "history_user_id")


def _version(source: Source, row: dict, users: dict[int, str]) -> Version:
    return Version(
        source=source.key,
        object_id=row["id"],
        history_id=row["history_id"],
        when=row["history_date"],
        action=row["history_type"],
        user=users.get(row["history_user_id"]),
        reason=row["history_change_reason"],
        values={name: row[name] for name in _tracked_attnames(source.key)},
    )


def entries_for(listed: list[tuple[int, int, datetime]]) -> list[Entry]:
    """The entries of listed (source index, history id, date) rows, in the listed order."""
    by_source: dict[int, list[int]] = {}
    for index, history_id, _when in listed:
        by_source.setdefault(index, []).append(history_id)
    wanted = {(SOURCES[index].key, history_id) for index, history_id, _when in listed}
    fetched: list[tuple[Source, dict]] = []
    for index, history_ids in by_source.items():
        source = SOURCES[index]
        model = source.history
        listed_in_table = model.objects.filter(history_id__in=history_ids)
        latest = max(when for i, _h, when in listed if i == index)
        # The listed rows and every earlier version of the same objects, for "old → new" (plain values: an
        # export may hold thousands of rows).
        rows = (
            model.objects.filter(id__in=listed_in_table.values("id"), history_date__lte=latest)
            .order_by()
            .values(*_tracked_attnames(source.key), *_HISTORY_COLUMNS)
        )
        fetched.extend((source, row) for row in rows)
    users = _user_names(row["history_user_id"] for _source, row in fetched)
    versions = [_version(source, row, users) for source, row in fetched]
    previous = previous_versions(versions)
    shown = [v for v in versions if (v.source, v.history_id) in wanted]
    labels = row_labels(shown)
    refs = labels.refs
    specs = {s.key: field_specs(s) for s in SOURCES if s.key in {v.source for v in shown}}
    entries = {
        (v.source, v.history_id): change_entry(
            v,
            previous.get((v.source, v.history_id)),
            kind=SOURCE_BY_KEY[v.source].kind,
            subject=subject(v.source, v.values, labels),
            fields=specs[v.source],
            refs=refs,
        )
        for v in shown
    }
    return [entries[(SOURCES[i].key, h)] for i, h, _w in listed if (SOURCES[i].key, h) in entries]
