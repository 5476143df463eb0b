"""The Pemda's own screens, for the Pemda-wide roles (`workspace.access.pemda_view`): the dashboard of every
agency, its workbook."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from indicators.predicates import declared_scales
from reports.lkjip_pemda.editions import pemda_report_approval
from reports.pemda.chart import standing_chart
from reports.pemda.dashboard import agencies_standing, dashboard_year, plan_years
from reports.pemda.standing import STATE_ORDER, filtered_rows, pemda_standing, sorted_rows
from reports.pemda.workbook import dashboard_workbook
from review.workflow import State
from workspace.access import pemda_view
from workspace.forms.pemda import DashboardFilter
from workspace.review_years import STATE_BADGES
from workspace.shell import QUARTER_LABELS, current_quarter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = (
    ("name", _("Perangkat daerah")),
    ("capaian", _("Capaian kinerja")),
    ("absorption", _("Serapan anggaran")),
    ("gap", _("Terhadap milestone")),
    ("entered", _("Realisasi terisi")),
    ("state", _("Status reviu")),
    ("checks", _("Temuan")),
    ("changed", _("Perubahan terakhir")),
)


@pemda_view
@require_safe
def home(request, government):
    """The dashboard of this year, or of the last year the plans cover when they end earlier."""
    year = dashboard_year(plan_years(government), timezone.localdate().year)
    return redirect("pemda:dashboard", code=government.code, year=year)


def _standing(request, government, year):
    scale = declared_scales(government.predicate_scale, government.indicator_scale).main
    form = DashboardFilter(request.GET or None, scale=scale)
    quarter = form.value("tw") or current_quarter(year, timezone.localdate())
    rows = agencies_standing(government, year, quarter)
    whole = pemda_standing(rows, year=year, quarter=quarter, scale=scale)
    key, descending = form.value("urut", "name"), form.value("arah", "asc") == "desc"
    shown = filtered_rows(
        rows,
        text=form.value("cari", ""),
        state=form.value("status", ""),
        predicate=form.value("predikat", ""),
        behind=bool(form.value("tertinggal", False)),
    )
    shown_standing = pemda_standing(
        sorted_rows(shown, key, descending=descending), year=year, quarter=quarter, scale=scale
    )
    return form, whole, shown_standing, key, descending


def _query(request, **changes) -> str:
    params = {k: v for k, v in request.GET.items() if v}
    params.update({k: v for k, v in changes.items()})
    return urlencode({k: v for k, v in params.items() if v not in ("", None)})


@pemda_view
@require_safe
def dashboard(request, government, year):
    """A row per agency: capaian per sasaran, absorption against the quarter's milestone, the quarter's entry,
    review state, open findings, last change; sortable, filterable, with totals and a chart; and whether the Pemda
    LKjIP of the year is approved (one query more, whatever the number of agencies)."""
    form, whole, shown, key, descending = _standing(request, government, year)
    headers = [
        {
            "key": column,
            "label": label,
            "active": column == key,
            "descending": descending,
            "query": _query(request, urut=column, arah="desc" if column == key and not descending else "asc"),
        }
        for column, label in COLUMNS
    ]
    quarters = [
        {
            "quarter": q,
            "label": QUARTER_LABELS[q],
            "query": _query(request, tw=q),
            "active": q == whole.quarter,
        }
        for q in (1, 2, 3, 4)
    ]
    return render(
        request,
        "pemda/dashboard.html",
        {
            "government": government,
            "year": year,
            "years": plan_years(government),
            "form": form,
            "whole": whole,
            "shown": shown,
            "headers": headers,
            "quarters": quarters,
            "quarter_label": QUARTER_LABELS[whole.quarter],
            "state_counts": [
                {"state": s, "label": State(s).label, "count": whole.states[s], "badge": STATE_BADGES[s]}
                for s in STATE_ORDER
                if s in whole.states
            ],
            "chart": standing_chart(whole),
            "lkjip_approval": pemda_report_approval(government, year),
            "export_query": _query(request),
            "sort": {"key": key if key != "name" or "urut" in request.GET else "", "descending": descending},
            "filtered": len(shown.rows) != len(whole.rows),
        },
    )


@pemda_view
@require_safe
def dashboard_xlsx(request, government, year):
    """The rows the screen shows (same filter and order) as a workbook, with the totals as formulas."""
    _form, _whole, shown, _key, _descending = _standing(request, government, year)
    data = dashboard_workbook(shown, government.name, timezone.get_current_timezone())
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="dasbor-{government.code}-{year}-tw{shown.quarter}.xlsx"'
    )
    return response
