"""The audit history of an agency: a filtered, paginated list and its xlsx / CSV export.

Which history rows belong to an agency is decided through the history tables themselves (a target belongs
to the agency if its indicator ever belonged to one of the agency's plans), so the trail of a deleted
indicator, and of the rows deleted with it, stays visible. A page costs a bounded number of queries: one
UNION over the history tables for the page's ids (and one to count them), one query per table present on
the page (its rows and the versions before them), and one per kind of label (indicator codes, budget codes,
unit names).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import models
from django.db.models import IntegerField, Q, Value
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from budgets.models import MONEY_FIELDS, Activity, BudgetLine, Program, SubActivity
from indicators.models import (
    Evidence,
    Goal,
    Indicator,
    Mission,
    Narrative,
    Objective,
    PerformanceAgreement,
    Policy,
    Realisation,
    StrategicPlan,
    Strategy,
    Target,
)
from sakip.spreadsheet import append_row, csv_writer, safe_csv_row

from .access import agency_view
from .audit import VIA_IMPORT
from .history.entries import KINDS, Entry, FieldSpec, Version, change_entry, previous_versions, when_label
from .models import Agency, OrgUnit
from .workspace import QUARTER_LABELS, workspace_context


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
)
SOURCE_BY_KEY = {s.key: s for s in SOURCES}


def _field_kind(model, field) -> str:
    if field.is_relation:
        return "ref"
    if field.choices:
        return "choice"
    if isinstance(field, models.DecimalField):
        return "money" if model is BudgetLine and field.name in MONEY_FIELDS else "decimal"
    if isinstance(field, models.BooleanField):
        return "bool"
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
        if key in ("orgunit", "plan", "agreement", "narrative"):
            return Q(agency_id=self.agency_pk)
        if key in ("mission", "goal", "objective", "indicator", "program"):
            return _either("plan_id", self.plans)
        if key == "strategy":
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


def _listed_rows(agency, f: HistoryFilter):
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


class _Labels:
    """Names of the rows a change refers to (indicator codes, budget codes, unit names): live rows first,
    the last recorded version for deleted ones. One or two queries per kind of label."""

    def __init__(self):
        self.indicators: dict[int, tuple[str, str]] = {}
        self.activities: dict[int, str] = {}
        self.sub_activities: dict[int, str] = {}
        self.units: dict[int, str] = {}

    @staticmethod
    def _load(model, ids, columns):
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

    def load(self, versions: list[Version]):
        def ids(source_keys, field):
            return [v.values.get(field) for v in versions if v.source in source_keys]

        self.indicators = self._load(
            Indicator, ids(("target", "realisation", "evidence"), "indicator_id"), ("code", "name")
        )
        self.activities = {
            k: v[0] for k, v in self._load(Activity, ids(("budgetline",), "activity_id"), ("code",)).items()
        }
        self.sub_activities = {
            k: v[0]
            for k, v in self._load(SubActivity, ids(("budgetline",), "sub_activity_id"), ("code",)).items()
        }
        unit_ids = ids(("indicator", "activity"), "responsible_unit_id") + ids(("orgunit",), "parent_id")
        self.units = {k: v[0] for k, v in self._load(OrgUnit, unit_ids, ("name",)).items()}

    @property
    def refs(self):
        return {("orgunit", pk): name for pk, name in self.units.items()}

    def indicator(self, pk) -> str:
        code, _name = self.indicators.get(pk, (f"#{pk}", ""))
        return code


def _period(values) -> str:
    quarter = values.get("quarter") or 0
    year = values.get("year")
    return f"{year} {QUARTER_LABELS[quarter]}" if quarter else f"{year}"


def _short(text, limit=80) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _subject(source: Source, values, labels: _Labels) -> str:
    v = values
    match source.key:
        case "agency":
            return v.get("name") or ""
        case "orgunit":
            return f"{_('Unit kerja')} {v.get('code')} {v.get('name')}"
        case "plan":
            label = f"Renstra {v.get('start_year')}–{v.get('end_year')}"
            return f"{label} ({v['revision']})" if v.get("revision") else label
        case "mission":
            return f"{_('Misi')}: {_short(v.get('statement'))}"
        case "goal":
            return f"{_('Tujuan')} {v.get('code')} {_short(v.get('statement'))}"
        case "objective":
            return f"{_('Sasaran')} {v.get('code')} {_short(v.get('statement'))}"
        case "strategy":
            return f"{_('Strategi')}: {_short(v.get('statement'))}"
        case "policy":
            return f"{_('Arah kebijakan')}: {_short(v.get('statement'))}"
        case "indicator":
            return f"{_('Indikator')} {v.get('code')} {_short(v.get('name'))}"
        case "program":
            return f"{_('Program')} {v.get('code')} {_short(v.get('name'))}"
        case "activity":
            return f"{_('Kegiatan')} {v.get('code')} {_short(v.get('name'))}"
        case "subactivity":
            return f"{_('Sub kegiatan')} {v.get('code')} {_short(v.get('name'))}"
        case "agreement":
            revision = dict(PerformanceAgreement.Revision.choices).get(v.get("revision"), v.get("revision"))
            return f"{_('Perjanjian Kinerja')} {v.get('year')} ({revision})"
        case "target":
            kind = dict(Target.Kind.choices).get(v.get("kind"), v.get("kind"))
            return f"{labels.indicator(v.get('indicator_id'))} · {kind} {_period(v)}"
        case "realisation":
            return f"{labels.indicator(v.get('indicator_id'))} · {_('Realisasi')} {_period(v)}"
        case "evidence":
            return f"{labels.indicator(v.get('indicator_id'))} · {_('Bukti')} {_period(v)}"
        case "budgetline":
            if v.get("sub_activity_id"):
                code = labels.sub_activities.get(v["sub_activity_id"], f"#{v['sub_activity_id']}")
            else:
                code = labels.activities.get(v.get("activity_id"), f"#{v.get('activity_id')}")
            return f"{_('Anggaran')} {code} {v.get('year')}"
        case "narrative":
            return f"{_('Narasi')} {_section_title(v.get('key'))} {v.get('year')}"
    return source.key


def _section_title(key) -> str:
    from reports.sections import SECTIONS_AFTER_ANALYSIS, SECTIONS_BEFORE_ANALYSIS

    titles = {s.key: s.title for s in (*SECTIONS_BEFORE_ANALYSIS, *SECTIONS_AFTER_ANALYSIS)}
    return str(titles.get(key, key))


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
        listed_rows = model.objects.filter(history_id__in=history_ids)
        latest = max(when for i, _h, when in listed if i == index)
        # The listed rows and every earlier version of the same objects, for "old → new" (plain values: an
        # export may hold thousands of rows).
        rows = (
            model.objects.filter(id__in=listed_rows.values("id"), history_date__lte=latest)
            .order_by()
            .values(*_tracked_attnames(source.key), *_HISTORY_COLUMNS)
        )
        fetched.extend((source, row) for row in rows)
    users = _user_names(row["history_user_id"] for _source, row in fetched)
    versions = [_version(source, row, users) for source, row in fetched]
    previous = previous_versions(versions)
    labels = _Labels()
    shown = [v for v in versions if (v.source, v.history_id) in wanted]
    labels.load(shown)
    refs = labels.refs
    specs = {s.key: field_specs(s) for s in SOURCES if s.key in {v.source for v in shown}}
    entries = {
        (v.source, v.history_id): change_entry(
            v,
            previous.get((v.source, v.history_id)),
            kind=SOURCE_BY_KEY[v.source].kind,
            subject=_subject(SOURCE_BY_KEY[v.source], v.values, labels),
            fields=specs[v.source],
            refs=refs,
        )
        for v in shown
    }
    return [entries[(SOURCES[i].key, h)] for i, h, _w in listed if (SOURCES[i].key, h) in entries]


# --- filters, page, exports -----------------------------------------------------------------------------
class HistoryFilterForm(forms.Form):
    tahun = forms.TypedChoiceField(label=gettext_lazy("Tahun"), required=False, coerce=int, empty_value=None)
    jenis = forms.ChoiceField(label=gettext_lazy("Jenis"), required=False)
    indikator = forms.TypedChoiceField(
        label=gettext_lazy("Indikator"), required=False, coerce=int, empty_value=None
    )
    anggaran = forms.ChoiceField(label=gettext_lazy("Baris anggaran"), required=False)

    def __init__(self, data, *, agency, years):
        super().__init__(data)
        everything = [("", _("Semua"))]
        self.fields["tahun"].choices = everything + [(y, str(y)) for y in years]
        self.fields["jenis"].choices = everything + [(k, str(v)) for k, v in KINDS.items()]
        indicators = Indicator.objects.filter(plan__agency=agency).order_by("plan", "position")
        self.fields["indikator"].choices = everything + [
            (pk, _short(f"{code} {name}", 90))
            for pk, code, name in indicators.values_list("pk", "code", "name")
        ]
        rows = [
            (f"a{pk}", f"{code} {_short(name, 80)}")
            for pk, code, name in Activity.objects.filter(program__plan__agency=agency)
            .order_by("program__plan", "program__position", "position")
            .values_list("pk", "code", "name")
        ] + [
            (f"s{pk}", f"{code} {_short(name, 80)}")
            for pk, code, name in SubActivity.objects.filter(activity__program__plan__agency=agency)
            .order_by(
                "activity__program__plan", "activity__program__position", "activity__position", "position"
            )
            .values_list("pk", "code", "name")
        ]
        self.fields["anggaran"].choices = everything + sorted(rows, key=lambda r: r[1])

    def history_filter(self) -> HistoryFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return HistoryFilter(
            year=data.get("tahun"),
            kind=data.get("jenis") or None,
            indicator=data.get("indikator"),
            budget=data.get("anggaran") or None,
        )


def _years(agency) -> list[int]:
    return sorted({y for plan in agency.plans.all() for y in plan.years}, reverse=True)


@agency_view
def agency_history(request, agency):
    years = _years(agency)
    form = HistoryFilterForm(request.GET, agency=agency, years=years)
    chosen = form.history_filter()
    page = Paginator(_listed_rows(agency, chosen), settings.HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    entries = entries_for(list(page.object_list))
    zone = settings.TIME_ZONE
    query = request.GET.copy()
    query.pop("page", None)
    context = workspace_context(
        request,
        agency,
        section="history",
        year=chosen.year,
        form=form,
        page=page,
        rows=[(when_label(e.when, zone), e) for e in entries],
        query=query.urlencode(),
    )
    return render(request, "history/agency.html", context)


EXPORT_HEADER = (
    gettext_lazy("Waktu"),
    gettext_lazy("Pengguna"),
    gettext_lazy("Melalui"),
    gettext_lazy("Jenis"),
    gettext_lazy("Objek"),
    gettext_lazy("Aksi"),
    gettext_lazy("Kolom"),
    gettext_lazy("Nilai lama"),
    gettext_lazy("Nilai baru"),
)


def export_rows(entries: list[Entry], zone: str) -> list[list]:
    """One row per changed field (an entry without fields, such as an import, is one row)."""
    rows = []
    for e in entries:
        lead = [when_label(e.when, zone), e.who, e.via, e.kind_label, e.subject, e.action_label]
        for change in e.changes or [None]:
            rows.append(lead + ([change.label, change.old, change.new] if change else ["", "", ""]))
    return rows


def _export_entries(request, agency) -> tuple[list[Entry], HistoryFilter]:
    form = HistoryFilterForm(request.GET, agency=agency, years=_years(agency))
    chosen = form.history_filter()
    listed = list(_listed_rows(agency, chosen)[: settings.HISTORY_EXPORT_MAX_ROWS])
    return entries_for(listed), chosen


def _filename(agency, suffix) -> str:
    return f"riwayat-{agency.code}.{suffix}"


def history_workbook_bytes(agency, entries: list[Entry], zone: str) -> bytes:
    from reports.xlsx import workbook_bytes

    wb = Workbook()
    sheet = wb.active
    sheet.title = "Riwayat"
    # Fixed document dates (the newest change), so the same history always gives the same file.
    stamp = max((e.when for e in entries), default=datetime(2000, 1, 1, tzinfo=UTC))
    wb.properties.created = wb.properties.modified = timezone.make_naive(stamp, UTC).replace(microsecond=0)
    wb.properties.creator = "SAKIP"
    wb.properties.title = f"{_('Riwayat perubahan')} {agency.name}"
    append_row(sheet, [str(h) for h in EXPORT_HEADER])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in export_rows(entries, zone):  # names, users and values as typed: text, never formulas
        append_row(sheet, row)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHI", (17, 18, 14, 11, 50, 16, 28, 30, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    return workbook_bytes(wb)


@agency_view
def export_xlsx(request, agency):
    entries, _chosen = _export_entries(request, agency)
    content = history_workbook_bytes(agency, entries, settings.TIME_ZONE)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(agency, "xlsx")}"'
    return response


@agency_view
def export_csv(request, agency):
    entries, _chosen = _export_entries(request, agency)
    buffer = io.StringIO()
    # Every field quoted and a formula-like text ("=HYPERLINK(…)" as a name) neutralised with a leading "'"
    # (OWASP); the figures are Indonesian number text ("-1.234,5") and stay as they are (sakip.spreadsheet).
    writer = csv_writer(buffer)
    writer.writerow([str(h) for h in EXPORT_HEADER])
    writer.writerows(safe_csv_row(row) for row in export_rows(entries, settings.TIME_ZONE))
    # With a byte order mark, so that Excel opens the UTF-8 file with its accents and dashes intact.
    response = HttpResponse(buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(agency, "csv")}"'
    return response
