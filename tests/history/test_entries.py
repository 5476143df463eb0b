"""The pure part of the audit history: versions of a row → "field: old → new" in Indonesian form."""

import datetime
from decimal import Decimal

from agencies.audit import VIA_IMPORT, VIA_WORKBOOK
from agencies.history import (
    EMPTY,
    FieldSpec,
    Version,
    change_entry,
    field_changes,
    format_value,
    previous_versions,
    when_label,
)

T0 = datetime.datetime(2026, 3, 1, 1, 5, tzinfo=datetime.UTC)
VALUE = FieldSpec("value", "realisasi", "decimal")
CEILING = FieldSpec("ceiling_revised", "pagu perubahan", "money")
STATUS = FieldSpec("status", "status", "choice", {"final": "Final", "provisional": "Sementara"})
KEY = FieldSpec("is_key", "IKU", "bool")
UNIT = FieldSpec("responsible_unit_id", "unit", "ref", ref="orgunit")
NOTE = FieldSpec("note", "catatan")


def version(history_id, action="~", minutes=0, user="budi", reason=None, **values):
    return Version(
        "realisation", 7, history_id, T0 + datetime.timedelta(minutes=minutes), action, user, reason, values
    )


def test_values_are_shown_exactly_in_indonesian_form():
    assert format_value(Decimal("1715.0000"), VALUE) == "1.715"
    assert format_value(Decimal("80.1250"), VALUE) == "80,125"
    assert format_value(Decimal("22511784601.00"), CEILING) == "Rp\u00a022.511.784.601"
    assert format_value(Decimal("1000.50"), CEILING) == "Rp\u00a01.000,5"
    assert format_value("provisional", STATUS) == "Sementara"
    assert format_value(True, KEY) == "ya"
    assert format_value(3, UNIT, {("orgunit", 3): "Bidang UKM"}) == "Bidang UKM"
    assert format_value(None, VALUE) == format_value("", NOTE) == EMPTY


def test_a_change_lists_only_the_fields_that_differ():
    before = version(1, "+", value=Decimal("80.0000"), status="final", note="")
    after = version(2, "~", 5, value=Decimal("82.5"), status="final", note="Naik.")
    changes = field_changes(after, before, [VALUE, STATUS, NOTE])
    assert [(c.label, c.old, c.new) for c in changes] == [
        ("realisasi", "80", "82,5"),
        ("catatan", EMPTY, "Naik."),
    ]


def test_creation_and_deletion_show_the_filled_fields():
    created = version(1, "+", value=Decimal("5"), note="")
    deleted = version(2, "-", value=Decimal("5"), note="")
    assert [(c.old, c.new) for c in field_changes(created, None, [VALUE, NOTE])] == [(EMPTY, "5")]
    assert [(c.old, c.new) for c in field_changes(deleted, created, [VALUE, NOTE])] == [("5", EMPTY)]


def test_a_change_without_an_earlier_version_says_the_old_value_was_not_recorded():
    (change,) = field_changes(version(3, value=Decimal("9")), None, [VALUE])
    assert (change.old, change.new) == ("(tidak tercatat)", "9")


def test_previous_versions_follow_time_per_object():
    a1, a2 = version(1, "+", 0), version(5, "~", 10)
    other = Version("target", 7, 2, T0, "+", None, None, {})
    previous = previous_versions([a2, other, a1])
    assert previous[("realisation", 5)] == a1
    assert previous[("realisation", 1)] is None
    assert previous[("target", 2)] is None


def test_who_and_how():
    screen = change_entry(version(2, user="budi"), None, kind="realisasi", subject="S1", fields=[VALUE])
    assert (screen.who, screen.via, screen.action_label) == ("budi", "layar", "diubah")
    command = change_entry(version(2, user=None), None, kind="realisasi", subject="S1", fields=[VALUE])
    assert (command.who, command.via) == ("sistem", "sistem")
    excel = change_entry(
        version(2, reason=VIA_WORKBOOK), None, kind="realisasi", subject="S1", fields=[VALUE]
    )
    assert excel.via == "impor Excel"
    imported = change_entry(
        version(2, user=None, reason=VIA_IMPORT, value=Decimal(1)),
        None,
        kind="rencana",
        subject="D",
        fields=[VALUE],
    )
    assert (imported.action, imported.changes) == ("import", ())


def test_times_are_local():
    assert when_label(T0, "Asia/Jakarta") == "01-03-2026 08.05"
