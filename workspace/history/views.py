"""The agency's history page (`/opd/<code>/riwayat/`) and its xlsx / CSV downloads."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from workspace.access import agency_view
from workspace.history.entries import Entry, when_label
from workspace.history.exports import history_csv_bytes, history_workbook_bytes
from workspace.history.forms import HistoryFilterForm
from workspace.history.selectors import HistoryFilter, entries_for, listed_rows
from workspace.shell import workspace_context


def _years(agency) -> list[int]:
    return sorted({y for plan in agency.plans.all() for y in plan.years}, reverse=True)


@agency_view
def agency_history(request, agency):
    years = _years(agency)
    form = HistoryFilterForm(request.GET, agency=agency, years=years)
    chosen = form.history_filter()
    page = Paginator(listed_rows(agency, chosen), settings.HISTORY_PAGE_SIZE).get_page(
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


def _export_entries(request, agency) -> tuple[list[Entry], HistoryFilter]:
    form = HistoryFilterForm(request.GET, agency=agency, years=_years(agency))
    chosen = form.history_filter()
    listed = list(listed_rows(agency, chosen)[: settings.HISTORY_EXPORT_MAX_ROWS])
    return entries_for(listed), chosen


def _filename(agency, suffix) -> str:
    return f"riwayat-{agency.code}.{suffix}"


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
    content = history_csv_bytes(entries, settings.TIME_ZONE)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(agency, "csv")}"'
    return response
