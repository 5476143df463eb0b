"""The history of a Pemda's own settings and of its entry windows and extensions (the Pemda administration's
history page), the ORM side; the agency history's pattern (`selectors.py`) and its pure formatter (`entries.py`).

Which rows belong to the Pemda is decided through the history tables themselves, as for an agency: an
extension belongs to the Pemda if its agency ever did, so the trail of a deleted extension (or of an agency's
extensions) stays visible. A page costs a bounded number of queries, whatever the number of rows: one UNION
over the three history tables for the page's ids (and one to count them), one query per table present on the
page (its rows and the versions before them), one for the users' names and one or two for the agencies' names.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db.models import IntegerField, Q, Value
from django.utils.translation import gettext as _

from agencies.models import Agency, Government
from review.models import QUARTER, EntryException, EntryWindow
from workspace.history.entries import Entry, Version, change_entry, previous_versions
from workspace.history.selectors import Source, _labels_of, _user_names, field_specs

# The identity fields are named in the subject; who granted an extension, and when, is the entry's own who and when.
SOURCES = (
    Source("government", Government, "pengaturan", ("code",)),
    Source("entrywindow", EntryWindow, "batas", ("government", "year", "quarter")),
    Source(
        "entryexception",
        EntryException,
        "perpanjangan",
        ("agency", "year", "quarter", "granted_by", "granted_at"),
    ),
)
SOURCE_BY_KEY = {s.key: s for s in SOURCES}
QUARTER_LABELS: dict[Any, str] = dict(QUARTER["choices"])
_HISTORY_COLUMNS = ("history_id", "history_date", "history_type", "history_change_reason", "history_user_id")


def _tracked(source: Source) -> tuple[str, ...]:
    return tuple(f.attname for f in source.history.tracked_fields)


def _scope(source: Source, government: Government) -> Q:
    if source.key == "government":
        return Q(id=government.pk)
    if source.key == "entrywindow":
        return Q(government_id=government.pk)
    agencies = (
        Agency.objects.filter(government_id=government.pk).values("id"),
        Agency.history.model.objects.filter(government_id=government.pk).values("id"),
    )
    return Q(agency_id__in=agencies[0]) | Q(agency_id__in=agencies[1])


def listed_rows(government):
    """UNION of (source index, history id, date) of every row of the Pemda's history, newest first."""
    parts = [
        source.history.objects.filter(_scope(source, government))
        .order_by()
        .annotate(src=Value(index, output_field=IntegerField()))
        .values_list("src", "history_id", "history_date")
        for index, source in enumerate(SOURCES)
    ]
    first, *rest = parts
    return first.union(*rest, all=True).order_by("-history_date", "-history_id")


def _subject(source_key: str, values: Mapping[str, Any], agencies: Mapping[Any, tuple]) -> str:
    period = f"{values.get('year')} {QUARTER_LABELS.get(values.get('quarter'), '')}".strip()
    if source_key == "government":
        return _("Pengaturan Pemda")
    if source_key == "entrywindow":
        return f"{_('Batas pengisian')} {period}"
    name = agencies.get(values.get("agency_id"), (f"#{values.get('agency_id')}",))[0]
    return f"{_('Perpanjangan')} {name} · {period}"


def entries_for(listed: list[tuple[int, int, datetime]]) -> list[Entry]:
    """The entries of listed (source index, history id, date) rows, in the listed order."""
    wanted = {(SOURCES[index].key, history_id) for index, history_id, _when in listed}
    fetched: list[tuple[Source, dict]] = []
    for index in sorted({index for index, _h, _w in listed}):
        source = SOURCES[index]
        model = source.history
        ids = [h for i, h, _w in listed if i == index]
        latest = max(when for i, _h, when in listed if i == index)
        # The listed rows and every earlier version of the same objects, for "old → new".
        rows = (
            model.objects.filter(
                id__in=model.objects.filter(history_id__in=ids).values("id"), history_date__lte=latest
            )
            .order_by()
            .values(*_tracked(source), *_HISTORY_COLUMNS)
        )
        fetched.extend((source, row) for row in rows)
    users = _user_names(row["history_user_id"] for _source, row in fetched)
    versions = [
        Version(
            source=source.key,
            object_id=row["id"],
            history_id=row["history_id"],
            when=row["history_date"],
            action=row["history_type"],
            user=users.get(row["history_user_id"]),
            reason=row["history_change_reason"],
            values={name: row[name] for name in _tracked(source)},
        )
        for source, row in fetched
    ]
    previous = previous_versions(versions)
    shown = [v for v in versions if (v.source, v.history_id) in wanted]
    agencies = _labels_of(
        Agency, [v.values.get("agency_id") for v in shown if v.source == "entryexception"], ("name",)
    )
    specs = {s.key: field_specs(s) for s in SOURCES}
    entries = {
        (v.source, v.history_id): change_entry(
            v,
            previous.get((v.source, v.history_id)),
            kind=SOURCE_BY_KEY[v.source].kind,
            subject=_subject(v.source, v.values, agencies),
            fields=specs[v.source],
        )
        for v in shown
    }
    return [entries[(SOURCES[i].key, h)] for i, h, _w in listed if (SOURCES[i].key, h) in entries]
