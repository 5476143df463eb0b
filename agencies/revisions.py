"""Which agencies' data changed: a revision number per agency (`AgencyRevision`), raised once by every committed
transaction that wrote any of the agency's rows, with the time of the change.

A cache keyed on an agency's revision (the Pemda dashboard's figures, reports/pemda/dashboard.py) is therefore
never read after the agency's data changed, in any process. Rows are noted as they are saved or deleted
(`review/revisions.py` connects the signals of every model a report reads, from the lock guards' own table of
how each row reaches its agency); writes that send no signal (bulk inserts and updates: the dataset and workbook
imports, survey responses) note their agency themselves with `note_agency`. The notes of a transaction are
resolved to agencies and written when it commits, in at most four queries plus one per kind of parent row,
whatever the number of rows; a rolled-back transaction leaves its notes to the next commit (a needless raise,
never a missed one).
"""

from __future__ import annotations

import threading
from collections import defaultdict

from django.apps import apps
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Agency, AgencyRevision

_local = threading.local()
AGENCY, GOVERNMENT = "", "agencies.Government"


def _pending() -> set[tuple[str, str, int]]:
    if not hasattr(_local, "pending"):
        _local.pending = set()
    return _local.pending


def note(parent: str, path: str, ref: int | None) -> None:
    """A row reaching its agency through row `ref` of model `parent` (a label) along `path` ("plan__agency")."""
    if ref is None:
        return
    _pending().add((parent, path, ref))
    transaction.on_commit(flush, robust=True)  # outside a transaction: at once


def note_agency(agency_id: int | None) -> None:
    note(AGENCY, "", agency_id)


def note_government(government_id: int | None) -> None:
    """The Pemda's computation settings changed: every one of its agencies' figures did."""
    note(GOVERNMENT, "", government_id)


def forget_pending() -> None:
    """Drop the notes no commit has written (those of rolled-back transactions): each test starts from none."""
    _local.pending = set()


def flush() -> None:
    """Write the notes: raise the revision of every agency they reach (on commit; or at once when asked)."""
    keys, _local.pending = _pending(), set()
    if not keys:
        return
    agency_ids: set[int] = set()
    by_parent: defaultdict[tuple[str, str], set[int]] = defaultdict(set)
    for parent, path, ref in keys:
        if parent == AGENCY:
            agency_ids.add(ref)
        else:
            by_parent[(parent, path)].add(ref)
    for (parent, path), refs in by_parent.items():
        if parent == GOVERNMENT:
            rows = Agency.objects.filter(government_id__in=refs).values_list("pk", flat=True)
        else:
            rows = apps.get_model(parent).objects.filter(pk__in=refs).values_list(path, flat=True)
        agency_ids.update(a for a in rows if a is not None)  # a parent deleted too: its own note says whose
    raise_revisions(agency_ids)


def raise_revisions(agency_ids: set[int]) -> None:
    if not agency_ids:
        return
    existing = set(Agency.objects.filter(pk__in=agency_ids).values_list("pk", flat=True))  # not deleted since
    if not existing:
        return
    AgencyRevision.objects.bulk_create(
        [AgencyRevision(agency_id=pk) for pk in existing], ignore_conflicts=True
    )
    AgencyRevision.objects.filter(agency_id__in=existing).update(
        number=F("number") + 1, changed_at=timezone.now()
    )


def committed_revision(agency_id: int) -> int | None:
    """The agency's revision as committed (one query), or None while this thread has writes not yet committed
    (inside a transaction, or notes a rollback left): a cache keyed on it must not be read or filled then."""
    numbers = committed_revisions([agency_id])
    return None if numbers is None else numbers[agency_id]


def committed_revisions(agency_ids) -> dict[int, int] | None:
    """`committed_revision` of many agencies in one query."""
    if transaction.get_connection().in_atomic_block or _pending():
        return None
    ids = list(agency_ids)
    numbers = dict(AgencyRevision.objects.filter(agency_id__in=ids).values_list("agency_id", "number"))
    return {pk: numbers.get(pk, 0) for pk in ids}
