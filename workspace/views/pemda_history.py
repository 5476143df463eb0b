"""The history of the Pemda's own administration (`/pemda/<code>/kelola/riwayat/`): who changed which setting,
entry window or extension, when, "field: old → new" (workspace/history/pemda.py). Read by everyone who opens
the administration (its administrators, the inspectorate of the Pemda, the admins); anyone else meets a 404."""

from __future__ import annotations

from django.conf import settings as conf
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from workspace.access import pemda_view
from workspace.history.entries import when_label
from workspace.history.pemda import entries_for, listed_rows


@pemda_view
@require_safe
def history(request, government):
    page = Paginator(listed_rows(government), conf.HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    entries = entries_for(list(page.object_list))
    return render(
        request,
        "pemda/admin/history.html",
        {
            "government": government,
            "section": "history",
            "can_administer": request.can_administer,
            "page": page,
            "rows": [(when_label(e.when, conf.TIME_ZONE), e) for e in entries],
        },
    )
