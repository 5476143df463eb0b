"""The Pemda-wide AKIP evaluation table (`pemda:evaluation`) and its workbook: every agency's state, score and
predicate of the year against last year's, and the follow-up of its recommendations; sortable, with the Pemda's
means and totals, each agency linked to its LKE page.

Who: the Pemda-wide roles (`pemda_view`: its inspectorate, its administrators, the admins). A draft's score is the
inspectorate's (and the admins') alone, marked as a draft; the Pemda's administrators see it once the LHE is
issued (`evaluation.pemda`, `drafts_visible`).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from agencies.models import Profile, role_of
from evaluation.pemda import SORT_KEYS, pemda_evaluations, sorted_rows
from reports.evaluation.pemda_workbook import pemda_evaluation_workbook
from workspace.access import pemda_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = (
    ("name", _("Perangkat daerah")),
    ("state", _("Status")),
    ("score", _("Nilai")),
    ("last", _("Tahun lalu")),
    ("rate", _("Tindak lanjut rekomendasi")),
)
STATE_LABELS = {"belum": _("Belum dimulai"), "draf": _("Draf"), "terbit": _("LHE terbit")}
STATE_BADGES = {"belum": "text-bg-light border", "draf": "text-bg-warning", "terbit": "text-bg-success"}


def drafts_visible(user, government) -> bool:
    """The Pemda's inspectorate (the evaluators, `workspace.access.may_evaluate`) and the admins."""
    role = role_of(user)
    if role == Profile.Role.ADMIN:
        return True
    return role == Profile.Role.REVIEWER and user.profile.government_id == government.pk


def _table(request, government, year):
    table = pemda_evaluations(government, year, drafts_visible=drafts_visible(request.user, government))
    key = request.GET.get("urut", "name")
    key = key if key in SORT_KEYS else "name"
    descending = request.GET.get("arah") == "desc"
    return table, key, descending


@pemda_view
@require_safe
def evaluation(request, government, year):
    table, key, descending = _table(request, government, year)
    headers = [
        {
            "key": column,
            "label": label,
            "active": column == key,
            "descending": descending,
            "query": urlencode(
                {"urut": column, "arah": "desc" if column == key and not descending else "asc"}
            ),
        }
        for column, label in COLUMNS
    ]
    rows = [
        {"row": row, "state_label": STATE_LABELS[row.state], "badge": STATE_BADGES[row.state]}
        for row in sorted_rows(table.rows, key, descending)
    ]
    states = table.states
    context = {
        "government": government,
        "year": year,
        "table": table,
        "rows": rows,
        "headers": headers,
        "drafts_visible": drafts_visible(request.user, government),
        "state_counts": [
            {"label": STATE_LABELS[state], "count": count, "badge": STATE_BADGES[state]}
            for state, count in states.items()
        ],
        "xlsx_query": urlencode({"urut": key, "arah": "desc" if descending else "asc"}),
    }
    return render(request, "pemda/evaluation.html", context)


@pemda_view
@require_safe
def evaluation_xlsx(request, government, year):
    """The table as a workbook, in the order of the screen."""
    table, key, descending = _table(request, government, year)
    ordered = type(table)(table.government, table.year, tuple(sorted_rows(table.rows, key, descending)))
    response = HttpResponse(pemda_evaluation_workbook(ordered), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="evaluasi-akip-{government.code}-{year}.xlsx"'
    return response
