"""The reading API: what a user may see on the screens, as JSON (issue 22).

Every agency's answer goes through `api.access.api_agency` (another Pemda's or agency's code: 404) and every
Pemda's through `api_government` (the Pemda-wide roles only, like the dashboard screen): no rule of its own here.
Lists are paginated (`api.pagination`), filtered by plain query parameters checked before any query
(`api.filters`: a bad value is a 400 in both languages), and tagged (`api.etags`): an agency's lists by its data
revision, so that a client holding the answer gets a 304 for one query. Each list reads its rows in a fixed
number of queries, whatever their number. Figures are text (`api.serializers.reads`), never floats.
"""

from __future__ import annotations

import json
from dataclasses import fields

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response

from agencies.models import Agency
from budgets.models import Activity, BudgetLine, Program, SubActivity
from indicators.models import OWNER_FIELDS, Goal, Indicator, Objective, Realisation, StrategicPlan, Target
from reports.lkjip.editions import approved_edition
from reports.pemda.dashboard import dashboard
from reports.readmodel.build import report_build
from reports.readmodel.json_report import report_json
from reports.readmodel.types import ReportUnavailable
from review.locks import today, window_open
from review.models import Comment, EntryException, EntryWindow, ReviewEvent, YearReview
from review.workflow import State
from surveys import responses as survey_responses
from surveys.models import SatisfactionSurvey
from workspace.shell import current_quarter

from ..access import api_agency, api_government, visible_agencies, visible_governments
from ..etags import IF_NONE_MATCH, conditional, revision_etag
from ..filters import Param, choice_param, code_param, quarter_param, query_filters, year_param
from ..serializers import reads as s

# Quarters an entry window or a dashboard speaks of.
QUARTERS = (1, 2, 3, 4)
NOT_MODIFIED = OpenApiResponse(description="Tidak berubah sejak ETag Anda. / Not modified since your ETag.")
NOT_FOUND = OpenApiResponse(
    description="Tidak ditemukan, bukan wewenang Anda, atau halaman di luar daftar. / "
    "Not found, not yours, or a page beyond the list."
)
BAD_FILTER = OpenApiResponse(
    description="Filter tidak sah (pesan dwibahasa). / Bad filter (bilingual message)."
)


def _absolute(request, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def _agency_links(request, code: str) -> dict[str, str]:
    links = {
        name: _absolute(request, f"api:{name}", code)
        for name in ("plan-list", "indicator-list", "target-list", "realisation-list", "budget-line-list")
    }
    links["survey-list"] = _absolute(request, "api:survey-list", code)
    year_pattern = _absolute(request, "api:report", code, 1).replace("/1/", "/{year}/")
    links["report"] = year_pattern
    links["review"] = year_pattern.replace("/report/", "/review/")
    return links


class Root(GenericAPIView):
    """Where to start: the lists, the schema and the docs page."""

    serializer_class = s.RootSerializer
    pagination_class = None

    @extend_schema(responses=s.RootSerializer, summary="Daftar isi API. / The API's entry point.")
    def get(self, request):
        agency_pattern = _absolute(request, "api:agency-detail", "CODE").replace("CODE", "{code}")
        data = {
            "agencies": _absolute(request, "api:agency-list"),
            "pemda": _absolute(request, "api:government-list"),
            "schema": _absolute(request, "api:schema"),
            "docs": _absolute(request, "api:docs"),
            "agency_links": {
                "agency": agency_pattern,
                **{
                    name: url.replace("/CODE/", "/{code}/")
                    for name, url in _agency_links(request, "CODE").items()
                },
            },
        }
        return Response(s.RootSerializer(data).data)


# --- agencies and Pemda -------------------------------------------------------------------------------------------
def _agency_row(request, agency: Agency) -> dict:
    return {
        "code": agency.code,
        "name": agency.name,
        "short_name": agency.short_name,
        "government": agency.government,
        "url": _absolute(request, "api:agency-detail", agency.code),
    }


AGENCY_FILTERS = (
    Param("government", "text", "Kode Pemda. / The Pemda's code."),
    code_param("Kode perangkat daerah. / The agency's code."),
)


class AgencyList(ListAPIView):
    """The agencies the user may see: their own (planners, heads), their Pemda's (inspectorate, Pemda admins)."""

    serializer_class = s.AgencySerializer

    @extend_schema(
        parameters=[p.openapi for p in AGENCY_FILTERS] + [IF_NONE_MATCH],
        responses={200: s.AgencySerializer(many=True), 304: NOT_MODIFIED, 400: BAD_FILTER, 404: NOT_FOUND},
        summary="Perangkat daerah yang terlihat. / The agencies you may see.",
    )
    def get(self, request):
        chosen = query_filters(request, AGENCY_FILTERS)
        agencies = visible_agencies(request.user).order_by("government__name", "name", "pk")
        if "government" in chosen:
            agencies = agencies.filter(government__code=chosen["government"])
        if "code" in chosen:
            agencies = agencies.filter(code=chosen["code"])

        def build():
            page = self.paginate_queryset(agencies)
            rows = [_agency_row(request, agency) for agency in page]
            return self.get_paginated_response(self.get_serializer(rows, many=True).data)

        return conditional(request, build)


class AgencyDetail(GenericAPIView):
    """One agency: its Pemda, its Renstra periods, the review state of each year it has one, links to its lists."""

    serializer_class = s.AgencyDetailSerializer

    @extend_schema(
        parameters=[IF_NONE_MATCH],
        responses={200: s.AgencyDetailSerializer, 304: NOT_MODIFIED, 404: NOT_FOUND},
        summary="Satu perangkat daerah. / One agency.",
    )
    def get(self, request, code):
        agency = api_agency(request, code)

        def build():
            plans = agency.plans.order_by("start_year", "end_year", "pk")
            reviews = YearReview.objects.filter(agency=agency).order_by("year")
            data = {
                **_agency_row(request, agency),
                "address": agency.address,
                "head_name": agency.head_name,
                "plans": plans,
                "reviews": [
                    {"year": r.year, "state": r.state, "state_label": State(r.state).label} for r in reviews
                ],
                "links": _agency_links(request, agency.code),
            }
            return Response(s.AgencyDetailSerializer(data).data)

        return conditional(request, build)


class GovernmentList(ListAPIView):
    """The Pemda whose own screens the user may open (the Pemda-wide roles): none for an agency's planners."""

    serializer_class = s.GovernmentSerializer

    @extend_schema(
        parameters=[IF_NONE_MATCH],
        responses={200: s.GovernmentSerializer(many=True), 304: NOT_MODIFIED, 404: NOT_FOUND},
        summary="Pemda yang terlihat. / The Pemda you may see.",
    )
    def get(self, request):
        governments = (
            visible_governments(request.user)
            .annotate(
                agency_count=Count("agencies", distinct=True),
                first_year=Min("agencies__plans__start_year"),
                last_year=Max("agencies__plans__end_year"),
            )
            .order_by("name", "pk")
        )

        def build():
            page = self.paginate_queryset(governments)
            rows = [
                {
                    "code": g.code,
                    "name": g.name,
                    "level": g.level,
                    "agencies": g.agency_count,
                    "years": list(range(g.first_year, g.last_year + 1)) if g.first_year else [],
                }
                for g in page
            ]
            return self.get_paginated_response(self.get_serializer(rows, many=True).data)

        return conditional(request, build)


# --- an agency's lists --------------------------------------------------------------------------------------------
class _AgencyRows(ListAPIView):
    """A paginated list of one agency's rows, tagged by the agency's data revision: a client holding the answer
    gets a 304 after two queries (the agency, its revision), nothing built."""

    params: tuple[Param, ...] = ()

    def get(self, request, code):
        self.agency = api_agency(request, code)
        self.chosen = query_filters(request, self.params)
        return conditional(request, lambda: self.list(request), revision_etag(request, [self.agency.pk]))


def _list_schema(serializer, params: tuple[Param, ...], summary: str):
    return extend_schema(
        parameters=[p.openapi for p in params] + [IF_NONE_MATCH],
        responses={200: serializer(many=True), 304: NOT_MODIFIED, 400: BAD_FILTER, 404: NOT_FOUND},
        summary=summary,
    )


def _codes_by_owner(indicators: list[dict]) -> dict[tuple[str, int], list[str]]:
    owned: dict[tuple[str, int], list[str]] = {}
    for row in indicators:
        level = next(field for field in OWNER_FIELDS if row[f"{field}_id"] is not None)
        owned.setdefault((level, row[f"{level}_id"]), []).append(row["code"])
    return owned


def plan_trees(plans: list[StrategicPlan]) -> list[dict]:
    """Each plan's tree: tujuan → sasaran (with their indicators' codes), and program → kegiatan → sub kegiatan
    (with theirs, and the sasaran a program serves). Seven queries for any number of plans and rows."""
    ids = [plan.pk for plan in plans]
    indicators = list(
        Indicator.objects.filter(plan_id__in=ids)
        .order_by("position", "pk")
        .values("code", *(f"{field}_id" for field in OWNER_FIELDS))
    )
    owned = _codes_by_owner(indicators)
    goals = Goal.objects.filter(plan_id__in=ids).order_by("position", "pk")
    objectives = Objective.objects.filter(plan_id__in=ids).order_by("position", "pk")
    programs = Program.objects.filter(plan_id__in=ids).order_by("position", "pk")
    served = Program.objectives.through.objects.filter(program__plan_id__in=ids).values_list(
        "program_id", "objective__code"
    )
    activities = Activity.objects.filter(program__plan_id__in=ids).order_by("position", "pk")
    subs = SubActivity.objects.filter(activity__program__plan_id__in=ids).order_by("position", "pk")

    def node(level, row, text="name", **more):
        return {
            "code": row.code,
            text: getattr(row, text),
            "indicators": owned.get((level, row.pk), []),
            **more,
        }

    sub_nodes: dict[int, list] = {}
    for sub in subs:
        sub_nodes.setdefault(sub.activity_id, []).append(node("sub_activity", sub))
    activity_nodes: dict[int, list] = {}
    for activity in activities:
        activity_nodes.setdefault(activity.program_id, []).append(
            node("activity", activity, sub_activities=sub_nodes.get(activity.pk, []))
        )
    serves: dict[int, list[str]] = {}
    for program_id, objective_code in served:
        serves.setdefault(program_id, []).append(objective_code)
    program_nodes: dict[int, list] = {}
    for program in programs:
        program_nodes.setdefault(program.plan_id, []).append(
            node(
                "program",
                program,
                objectives=sorted(serves.get(program.pk, [])),
                activities=activity_nodes.get(program.pk, []),
            )
        )
    objective_nodes: dict[int, list] = {}
    for objective in objectives:
        objective_nodes.setdefault(objective.goal_id, []).append(node("objective", objective, "statement"))
    goal_nodes: dict[int, list] = {}
    for goal in goals:
        goal_nodes.setdefault(goal.plan_id, []).append(
            node("goal", goal, "statement", objectives=objective_nodes.get(goal.pk, []))
        )
    return [
        {
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "revision": plan.revision,
            "vision": plan.vision,
            "goals": goal_nodes.get(plan.pk, []),
            "programs": program_nodes.get(plan.pk, []),
        }
        for plan in plans
    ]


PLAN_FILTERS = (year_param("Renstra yang mencakup tahun ini. / Plans covering this year."),)


class PlanList(_AgencyRows):
    serializer_class = s.PlanSerializer
    params = PLAN_FILTERS

    def get_queryset(self):
        plans = self.agency.plans.order_by("start_year", "end_year", "pk")
        if "year" in self.chosen:
            plans = plans.covering(self.chosen["year"]).order_by("start_year", "end_year", "pk")
        return plans

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(plan_trees(page), many=True).data)

    @_list_schema(
        s.PlanSerializer, PLAN_FILTERS, "Renstra dengan pohonnya. / The Renstra plans with their tree."
    )
    def get(self, request, code):
        return super().get(request, code)


INDICATOR_FILTERS = (
    year_param("Indikator Renstra yang mencakup tahun ini. / Indicators of the plans covering this year."),
    code_param("Kode indikator. / Indicator code."),
    choice_param("level", OWNER_FIELDS, "Tingkat pemilik indikator. / The level of the indicator's owner."),
)


class IndicatorList(_AgencyRows):
    serializer_class = s.IndicatorSerializer
    params = INDICATOR_FILTERS

    def get_queryset(self):
        rows = (
            Indicator.objects.filter(plan__agency=self.agency)
            .select_related("plan", *OWNER_FIELDS)
            .order_by("plan__start_year", "plan_id", "position", "pk")
        )
        chosen = self.chosen
        if "year" in chosen:
            rows = rows.filter(plan__start_year__lte=chosen["year"], plan__end_year__gte=chosen["year"])
        if "code" in chosen:
            rows = rows.filter(code=chosen["code"])
        if "level" in chosen:
            rows = rows.filter(**{f"{chosen['level']}__isnull": False})
        return rows

    @_list_schema(s.IndicatorSerializer, INDICATOR_FILTERS, "Indikator. / Indicators.")
    def get(self, request, code):
        return super().get(request, code)


TARGET_FILTERS = (
    year_param(),
    code_param("Kode indikator. / Indicator code."),
    choice_param("kind", Target.Kind.values, "Jenis target. / Target set."),
)


class TargetList(_AgencyRows):
    serializer_class = s.TargetSerializer
    params = TARGET_FILTERS

    def get_queryset(self):
        rows = (
            Target.objects.filter(indicator__plan__agency=self.agency)
            .select_related("indicator")
            .only(*TARGET_COLUMNS, "indicator__code")
            .order_by("indicator__plan_id", "indicator__position", "indicator_id", "year", "kind", "quarter")
        )
        return _by_year_and_code(rows, self.chosen)

    @_list_schema(s.TargetSerializer, TARGET_FILTERS, "Target per indikator dan tahun. / Targets.")
    def get(self, request, code):
        return super().get(request, code)


TARGET_COLUMNS = ("kind", "year", "quarter", "value", "grade", "revision_reason")


def _by_year_and_code(rows, chosen: dict):
    if "year" in chosen:
        rows = rows.filter(year=chosen["year"])
    if "code" in chosen:
        rows = rows.filter(indicator__code=chosen["code"])
    if "kind" in chosen:
        rows = rows.filter(kind=chosen["kind"])
    if "quarter" in chosen:
        rows = rows.filter(quarter=chosen["quarter"])
    return rows


REALISATION_FILTERS = (year_param(), quarter_param(), code_param("Kode indikator. / Indicator code."))
REALISATION_COLUMNS = (
    "year",
    "quarter",
    "value",
    "grade",
    "numerator",
    "denominator",
    "status",
    "unit",
    "note",
    "analysis",
)


def last_change(model):
    """The time of a row's latest history record (its last change), as a subquery."""
    history = model.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date")
    return Subquery(history.values("history_date")[:1])


class RealisationList(_AgencyRows):
    """Realisations in two queries a page (the count and the rows, each with its indicator's code and its last
    change), read as values rather than model objects: a page of 1 000 costs what a page of 10 does in queries
    (tests/api/test_reads_queries.py) and stays well under 200 ms (scripts/benchmark.py)."""

    serializer_class = s.RealisationSerializer
    params = REALISATION_FILTERS

    def get_queryset(self):
        rows = (
            Realisation.objects.filter(indicator__plan__agency=self.agency)
            .annotate(updated=last_change(Realisation))
            .order_by("indicator__plan_id", "indicator__position", "indicator_id", "year", "quarter")
            .values(*REALISATION_COLUMNS, "indicator__code", "updated")
        )
        return _by_year_and_code(rows, self.chosen)

    @_list_schema(
        s.RealisationSerializer, REALISATION_FILTERS, "Realisasi (tahunan dan triwulan). / Realisations."
    )
    def get(self, request, code):
        return super().get(request, code)


BUDGET_FILTERS = (
    year_param(),
    code_param(
        "Kode program, kegiatan atau sub kegiatan. / The code of a program, kegiatan or sub kegiatan."
    ),
)


class BudgetLineList(_AgencyRows):
    """Budget lines of kegiatan and sub kegiatan, with their code path (program, kegiatan, sub kegiatan)."""

    serializer_class = s.BudgetLineSerializer
    params = BUDGET_FILTERS

    def get_queryset(self):
        agency = self.agency
        rows = BudgetLine.objects.filter(
            Q(activity__program__plan__agency=agency)
            | Q(sub_activity__activity__program__plan__agency=agency)
        ).annotate(
            level=Case(
                When(sub_activity__isnull=False, then=Value("sub_activity")),
                default=Value("activity"),
                output_field=CharField(),
            ),
            program_code=Coalesce(F("sub_activity__activity__program__code"), F("activity__program__code")),
            activity_code=Coalesce(F("sub_activity__activity__code"), F("activity__code")),
            sub_activity_code=F("sub_activity__code"),
            owner_name=Coalesce(F("sub_activity__name"), F("activity__name")),
            program_position=Coalesce(
                F("sub_activity__activity__program__position"), F("activity__program__position")
            ),
            activity_position=Coalesce(F("sub_activity__activity__position"), F("activity__position")),
        )
        rows = rows.order_by(
            "program_position",
            "program_code",
            "activity_position",
            "activity_code",
            F("sub_activity__position").asc(nulls_first=True),
            "sub_activity_code",
            "year",
            "pk",
        )
        chosen = self.chosen
        if "year" in chosen:
            rows = rows.filter(year=chosen["year"])
        if "code" in chosen:
            code = chosen["code"]
            rows = rows.filter(Q(program_code=code) | Q(activity_code=code) | Q(sub_activity_code=code))
        return rows

    @_list_schema(s.BudgetLineSerializer, BUDGET_FILTERS, "Baris anggaran. / Budget lines.")
    def get(self, request, code):
        return super().get(request, code)


SURVEY_FILTERS = (year_param(),)


def survey_rows(surveys, government) -> list[dict]:
    """Each survey with its figures as the report computes them (`surveys.responses.survey_result`, the Pemda's
    weight and mutu table)."""
    out = []
    for survey in surveys:
        elements = sorted(survey.elements.all(), key=lambda e: (e.position, e.pk))
        result = survey_responses.survey_result(
            [(e.code, e.name, e.total, e.answered) for e in elements],
            weight=government.ikm_weight,
            scale=government.ikm_scale,
        )
        out.append(
            {
                "year": survey.year,
                "conducted_by": survey.conducted_by,
                "indicator": survey.indicator.code if survey.indicator else None,
                "respondents": survey.respondents,
                "weight": result.weight,
                "scale": result.scale,
                "ikm": result.ikm,
                "skm": result.skm,
                "mutu": result.mutu,
                "declared_ikm": survey.declared_ikm,
                "declared_skm": survey.declared_skm,
                "elements": result.elements,
            }
        )
    return out


class SurveyList(_AgencyRows):
    """IKM surveys with their NRR per unsur, IKM, SKM and mutu, computed from the stored totals."""

    serializer_class = s.SurveySerializer
    params = SURVEY_FILTERS

    def get_queryset(self):
        surveys = (
            SatisfactionSurvey.objects.filter(agency=self.agency)
            .select_related("indicator")
            .prefetch_related("elements")
            .annotate(respondents=Count("responses"))
            .order_by("year", "pk")
        )
        if "year" in self.chosen:
            surveys = surveys.filter(year=self.chosen["year"])
        return surveys

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        rows = survey_rows(page, self.agency.government)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    @_list_schema(s.SurveySerializer, SURVEY_FILTERS, "Survei IKM. / IKM surveys.")
    def get(self, request, code):
        return super().get(request, code)


# --- a year: the report, the review ------------------------------------------------------------------------------
class Report(GenericAPIView):
    """The year's report object as `sakip-report/1` (`reports.readmodel.json_report`, the json download of the
    LKjIP): while the year is approved, the one kept with the approval, else built from today's data."""

    pagination_class = None

    @extend_schema(
        parameters=[IF_NONE_MATCH],
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="sakip-report/1 (docs: SPEC.md §5, reports/readmodel/json_report.py)",
            ),
            304: NOT_MODIFIED,
            404: NOT_FOUND,
        },
        summary="Laporan (sakip-report/1). / The report object (sakip-report/1).",
    )
    def get(self, request, code, year):
        agency = api_agency(request, code, year=year)

        def build():
            edition = approved_edition(agency, year)
            if edition is not None:
                return Response(json.loads(edition.report_json))
            try:
                report = report_build(agency=agency, year=year)
            except ReportUnavailable:
                raise Http404(
                    f"Tidak ada Renstra yang mencakup tahun {year}. / No Renstra covers the year {year}."
                ) from None
            return Response(report_json(report))

        # The approval (or its reopening) changes what is served without touching the agency's data.
        return conditional(request, build, revision_etag(request, [agency.pk], agency.review.state))


class Review(GenericAPIView):
    """The year's review: its state, whether the user may write, the comments, each quarter's entry window (with
    the agency's extension) and the workflow's history."""

    serializer_class = s.ReviewSerializer
    pagination_class = None

    @extend_schema(
        parameters=[IF_NONE_MATCH],
        responses={200: s.ReviewSerializer, 304: NOT_MODIFIED, 404: NOT_FOUND},
        summary="Status reviu tahun ini. / The year's review state.",
    )
    def get(self, request, code, year):
        agency = api_agency(request, code, year=year)
        status = agency.review

        def build():
            counts = Comment.objects.filter(agency=agency, year=year).aggregate(
                total=Count("pk"), open=Count("pk", filter=Q(resolved=False))
            )
            deadlines = dict(
                EntryWindow.objects.filter(government_id=agency.government_id, year=year).values_list(
                    "quarter", "deadline"
                )
            )
            extended: dict[int, object] = {}
            for quarter, until in EntryException.objects.filter(agency=agency, year=year).values_list(
                "quarter", "until"
            ):
                extended[quarter] = max(until, extended.get(quarter, until))
            on = today()
            events = ReviewEvent.objects.filter(review__agency=agency, review__year=year).select_related(
                "actor"
            )
            data = {
                "year": year,
                "state": status.state,
                "state_label": status.state_label,
                "frozen": status.frozen,
                "can_edit": agency.can_edit,
                "open_comments": counts["open"],
                "comments": counts["total"],
                "windows": [
                    {
                        "quarter": q,
                        "deadline": deadlines.get(q),
                        "extended_until": extended.get(q),
                        "open": window_open(deadlines.get(q), extended.get(q), on),
                    }
                    for q in QUARTERS
                ],
                "events": [
                    {
                        "action": e.action,
                        "from_state": e.from_state,
                        "to_state": e.to_state,
                        "actor": (e.actor.get_full_name() or e.actor.get_username()) if e.actor else None,
                        "note": e.note,
                        "at": e.at,
                    }
                    for e in events.order_by("at", "pk")
                ],
            }
            return Response(s.ReviewSerializer(data).data)

        return conditional(request, build)


# --- the Pemda dashboard ------------------------------------------------------------------------------------------
DASHBOARD_FILTERS = (
    quarter_param(
        "tw", low=1, description="Triwulan 1–4 (bawaan: triwulan berjalan). / Quarter (default: now)."
    ),
)


class Dashboard(GenericAPIView):
    """The Pemda dashboard's rows for a quarter (`reports.pemda.dashboard`, the screen's read model and cache):
    for the Pemda-wide roles only, as the screen; every agency, in the screen's default order."""

    serializer_class = s.DashboardSerializer
    pagination_class = None

    @extend_schema(
        parameters=[p.openapi for p in DASHBOARD_FILTERS] + [IF_NONE_MATCH],
        responses={200: s.DashboardSerializer, 304: NOT_MODIFIED, 400: BAD_FILTER, 404: NOT_FOUND},
        summary="Dasbor Pemda. / The Pemda dashboard.",
    )
    def get(self, request, code, year):
        government = api_government(request, code)
        chosen = query_filters(request, DASHBOARD_FILTERS)
        quarter = chosen.get("tw") or current_quarter(year, timezone.localdate())

        def build():
            standing = dashboard(government, year, int(quarter))
            data = {f.name: getattr(standing, f.name) for f in fields(standing)}
            data["government"] = government
            data["states"] = dict(standing.states)
            return Response(s.DashboardSerializer(data).data)

        return conditional(request, build)
