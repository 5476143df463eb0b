"""An imported agency for a test in a fraction of an import's time.

Hundreds of tests start from the demo agency. Importing it (`dataset_import`: the checks, ~1 250 rows with their
history, the signals) is ~0,3 s each, a third of the suite's time. The rows an import writes are the same every
time the database is in the same state, so the first import of a test session keeps them, and a later test (whose
transaction rolled the first test's rows back) writes them again: one statement per table, ids and all, in one
transaction (Django's foreign keys are checked at its end).

Only when the database is as the first import found it: the same number of rows in every table. A test that wrote
rows first (another agency, a user with the same code...) imports as usual, and so does a changed dataset (the
fixture passes the import a fresh copy of the bundled file only when it is unchanged). The rows kept are those of
an import inside a test's transaction that made its own Pemda: nothing committed, nothing pointing outside them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction


@dataclass
class _Snapshot:
    counts: tuple[int, ...]  # rows per table before the import
    tables: list[tuple[str, list[str], list[tuple]]]  # (table, columns, rows the import wrote)
    agency_pk: int


_snapshots: dict[str, _Snapshot] = {}
_tables: list[str] = []


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _counts() -> tuple[int, ...]:
    if not _tables:
        _tables.extend(sorted(connection.introspection.table_names()))
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {_quote(table)})" for table in _tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


def _writable(value):
    """psycopg2 reads a json column as a dict or list and cannot write those back; as text, PostgreSQL casts it."""
    if isinstance(value, dict | list):
        return json.dumps(value)
    return bytes(value) if isinstance(value, memoryview) else value


def _rows(table: str) -> tuple[list[str], list[tuple]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {_quote(table)}")
        rows = [tuple(_writable(value) for value in row) for row in cursor.fetchall()]
        return [column[0] for column in cursor.description], rows


def imported_agency(key: str, do_import: Callable[[], object]):
    """The agency `do_import()` makes (its `.agency`), from the kept rows of the session's first import `key`
    when the database is as it was then."""
    from agencies.models import Agency
    from agencies.revisions import note_agency

    counts = _counts()
    snapshot = _snapshots.get(key)
    if snapshot is not None and snapshot.counts == counts:
        with transaction.atomic(), connection.cursor() as cursor:
            for table, columns, rows in snapshot.tables:
                names = ", ".join(_quote(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})", rows)
        note_agency(snapshot.agency_pk)  # as the import's writes do: its revision is raised when they commit
        return Agency.objects.select_related("government").get(
            pk=snapshot.agency_pk
        )  # as the import returns it
    if snapshot is not None:  # another state of the database: as usual
        return do_import().agency
    if not connection.in_atomic_block:
        # A transactional test: the import commits, and its commit hooks write more (the agency's revision); only
        # a test's rolled-back import is what every later test starts from.
        return do_import().agency
    before = {table: _rows(table)[1] for table, count in zip(_tables, counts, strict=True) if count}
    agency = do_import().agency
    if _counts()[_tables.index("agencies_government")] == counts[_tables.index("agencies_government")]:
        # The import found its Pemda made by the test: the kept rows would point at that test's Pemda by id.
        return agency
    written = []
    for table, count, now in zip(_tables, counts, _counts(), strict=True):
        if now == count:
            continue
        columns, rows = _rows(table)
        new = list((Counter(rows) - Counter(before.get(table, ()))).elements())
        if len(new) != now - count:  # the import changed or deleted rows that were there: nothing to keep
            return agency
        written.append((table, columns, new))
    _snapshots[key] = _Snapshot(counts, written, agency.pk)
    return agency
