"""IKM/SKM screens: the agency's surveys, one survey (settings, unsur grid, response import, results).

Every figure on the results section comes from `surveys.responses.survey_result` (which uses `surveys.ikm`)
with the Pemda's weight and mutu table, the same computation the report engine runs on the same
SurveyElement rows. A survey with raw responses has derived totals (see `surveys.responses`), so its totals
grid is read-only and only the unsur names can be edited.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from agencies.writes import serialised_writes
from review.locks import printed_error
from sakip.csp import allow_inline_chart_styles
from sakip.grids import grid_messages, grid_save
from surveys.charts import unsur_chart
from surveys.forms import ElementRow, ResponseFileForm, SurveyCreateForm, SurveySettingsForm
from surveys.models import SatisfactionSurvey, SurveyElement, SurveyResponse
from surveys.responses import (
    HEADER,
    MAX_FILE_BYTES,
    PROFILE_FIELDS,
    ResponseFileError,
    parse_responses,
    profile_tables,
    responses_clear,
    responses_replace,
    standard_elements_missing,
    survey_create,
    survey_result,
)
from workspace.access import agency_view, plan_or_404
from workspace.shell import workspace_context


def _result(survey, elements):
    government = survey.agency.government
    return survey_result(
        [(e.code, e.name, e.total, e.answered) for e in elements],
        weight=government.ikm_weight,
        scale=government.ikm_scale,
    )


def _open_years(agency, taken) -> list[int]:
    """Years of the agency's plans that have no survey yet, latest first."""
    years = {y for plan in agency.plans.all() for y in plan.years}
    return sorted(years - set(taken), reverse=True)


@agency_view
def survey_list(request, agency):
    surveys = list(
        SatisfactionSurvey.objects.filter(agency=agency)
        .select_related("indicator")
        .prefetch_related("elements")
        .order_by("-year")
    )
    for survey in surveys:
        survey.agency = agency  # the government is already loaded with it
        survey.result = _result(survey, sorted(survey.elements.all(), key=lambda e: e.position))
    open_years = _open_years(agency, [s.year for s in surveys])
    context = workspace_context(
        request,
        agency,
        section="survey",
        surveys=surveys,
        create_form=SurveyCreateForm(years=open_years),
    )
    return render(request, "surveys/list.html", context)


@serialised_writes
@agency_view
@require_POST
def create(request, agency):
    taken = SatisfactionSurvey.objects.filter(agency=agency).values_list("year", flat=True)
    form = SurveyCreateForm(request.POST, years=_open_years(agency, taken))
    if not form.is_valid():
        for error in form.errors.get("year", []):
            messages.error(request, error)
        return redirect("surveys:list", agency.code)
    year = form.cleaned_data["year"]
    survey_create(agency, year)
    messages.success(request, _("Survei IKM tahun %(year)s dibuat dengan 9 unsur baku.") % {"year": year})
    return redirect("surveys:detail", agency.code, year)


class _Page:
    """Everything the survey page shows, loaded in a fixed number of queries whatever the survey's size."""

    def __init__(self, request, agency, year):
        self.request, self.agency, self.year = request, agency, year
        self.plan = plan_or_404(agency, year)
        self.survey = (
            SatisfactionSurvey.objects.filter(agency=agency, year=year).select_related("indicator").first()
        )
        self.elements = []
        self.groups = []
        if self.survey is not None:
            self.survey.agency = agency
            self.elements = list(SurveyElement.objects.filter(survey=self.survey).order_by("position", "pk"))
            # One row per distinct respondent profile: the counts for the profile tables and the total.
            self.groups = list(
                SurveyResponse.objects.filter(survey=self.survey)
                .values(*PROFILE_FIELDS)
                .annotate(n=Count("pk"))
                .order_by()
            )
        self.response_count = sum(group["n"] for group in self.groups)

    def rows(self, data=None) -> list[ElementRow]:
        derived = self.response_count > 0
        return [
            ElementRow(
                data,
                element=e,
                derived=derived,
                stored={"name": e.name, "total": e.total, "answered": e.answered},
                prefix=f"e{e.pk}",
            )
            for e in self.elements
        ]

    def render(self, *, settings_form=None, rows=None, file_form=None, import_errors=(), status=200):
        survey = self.survey
        context = {"survey": survey, "plan": self.plan, "response_count": self.response_count}
        if survey is not None:
            result = _result(survey, self.elements)
            context.update(
                settings_form=settings_form or SurveySettingsForm(instance=survey, plan=self.plan),
                rows=list(zip(rows or self.rows(), result.elements, strict=True)),
                file_form=file_form or ResponseFileForm(),
                import_errors=import_errors,
                result=result,
                profiles=profile_tables(self.groups) if self.groups else (),
                chart=unsur_chart(
                    [(e.code, e.nrr, e.priority) for e in result.elements],
                    title=_("Nilai rata-rata (NRR) per unsur pelayanan"),
                )
                if result.elements
                else "",
                header=HEADER,
                missing_codes=standard_elements_missing(e.code for e in self.elements),
            )
        else:
            context["can_create"] = True
        context = workspace_context(self.request, self.agency, section="survey", year=self.year, **context)
        return render(self.request, "surveys/detail.html", context, status=status)


def _write_element(row: ElementRow, agency, year):
    # QuerySet.update sends no signals: a later year's report under review, which prints this survey, is asked here.
    error = printed_error(agency, year, later=True)
    if error is not None:
        raise error
    SurveyElement.objects.filter(pk=row.element.pk).update(**row.submitted())


@allow_inline_chart_styles  # the IKM chart is a matplotlib SVG, styled inline (sakip/csp.py)
@serialised_writes
@agency_view
def detail(request, agency, year):
    page = _Page(request, agency, year)
    if request.method != "POST":
        return page.render()
    if page.survey is None:
        raise Http404("Belum ada survei untuk tahun ini / no survey for this year")
    action = request.POST.get("action")
    if action == "settings":
        form = SurveySettingsForm(request.POST, instance=page.survey, plan=page.plan)
        if form.is_valid():
            form.save()
            messages.success(request, _("Pengaturan survei disimpan."))
            return redirect(request.path)
        messages.error(
            request, _("Periksa isian yang ditandai; tidak ada yang disimpan. / Nothing was saved.")
        )
        return page.render(settings_form=form)
    if action == "elements":
        rows = page.rows(request.POST)
        outcome = grid_save(rows, lambda row: _write_element(row, agency, year))
        grid_messages(
            request,
            outcome,
            lambda n: ngettext("%(n)d unsur disimpan.", "%(n)d unsur disimpan.", n) % {"n": n},
        )
        if outcome.ok:
            return redirect(request.path)
        return page.render(rows=rows)
    return redirect(request.path)


@allow_inline_chart_styles
@serialised_writes
@agency_view
def import_responses(request, agency, year):
    """POST a response file (replaces every response of the survey) or `clear`; GET goes to the survey."""
    detail_url = reverse("surveys:detail", args=[agency.code, year])
    if request.method != "POST":
        return redirect(detail_url)
    page = _Page(request, agency, year)
    survey = page.survey
    if survey is None:
        raise Http404("Belum ada survei untuk tahun ini / no survey for this year")
    error = printed_error(agency, year, later=True)  # bulk writes: no model signals
    if error is not None:
        messages.error(request, error.messages[0])
        return redirect(detail_url)
    if request.POST.get("action") == "clear":
        deleted = responses_clear(survey)
        messages.success(
            request,
            _("%(n)d respons dihapus; jumlah nilai per unsur kini dapat diketik.") % {"n": deleted},
        )
        return redirect(detail_url)
    form = ResponseFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return page.render(file_form=form)
    missing = standard_elements_missing(e.code for e in page.elements)
    if missing:
        errors = [
            _("Survei ini tidak memiliki unsur %(codes)s; respons tidak dapat disimpan. / Missing unsur.")
            % {"codes": ", ".join(missing)}
        ]
        return page.render(file_form=form, import_errors=errors)
    upload = form.cleaned_data["file"]
    try:
        # Read at most one byte over the limit: a larger file is refused without holding it all in memory.
        records = parse_responses(upload.name, upload.read(MAX_FILE_BYTES + 1))
    except ResponseFileError as error:
        messages.error(request, _("Berkas tidak diimpor; tidak ada yang berubah. / Nothing was imported."))
        return page.render(file_form=form, import_errors=error.errors)
    count = responses_replace(survey, records)
    messages.success(
        request,
        ngettext(
            "%(n)d respons diimpor; jumlah nilai per unsur dihitung ulang.",
            "%(n)d respons diimpor; jumlah nilai per unsur dihitung ulang.",
            count,
        )
        % {"n": count},
    )
    return redirect(detail_url)
