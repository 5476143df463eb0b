"""The pure part of the audit history: versions of a row → "field: old → new" in Indonesian form."""

import datetime
from decimal import Decimal

from agencies.audit import VIA_IMPORT, VIA_WORKBOOK
from workspace.history.entries import (
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


# --- found by mutation testing (scripts/mutation.py history) -------------------------------------------------
def test_no_and_a_retired_choice_are_shown_as_such():
    assert format_value(False, KEY) == "tidak"
    # A status no longer offered (an older version of the app) is shown as it was stored, not as "None".
    assert format_value("draft", STATUS) == "draft"


def test_the_same_figure_written_with_other_decimals_is_not_a_change():
    before = version(1, "+", value=Decimal("80.0000"), note="")
    after = version(2, "~", 5, value=Decimal("80"), note=None)  # an empty note stays empty, whatever its form
    assert field_changes(after, before, [VALUE, NOTE]) == ()
    assert field_changes(version(3, "~", 6, note=""), version(2, "~", 5, note=None), [NOTE]) == ()


def test_references_are_named_on_creation_change_and_deletion():
    refs = {("orgunit", 3): "Bidang UKM", ("orgunit", 4): "Bidang Koperasi"}
    created = version(1, "+", responsible_unit_id=3)
    changed = version(2, "~", 5, responsible_unit_id=4)
    deleted = version(3, "-", 6, responsible_unit_id=4)
    steps = [(created, None), (changed, created), (deleted, changed)]
    shown = [[(c.label, c.old, c.new) for c in field_changes(v, p, [UNIT], refs)] for v, p in steps]
    assert shown == [
        [("unit", EMPTY, "Bidang UKM")],
        [("unit", "Bidang UKM", "Bidang Koperasi")],
        [("unit", "Bidang Koperasi", EMPTY)],
    ]


def test_a_row_created_again_after_its_deletion_lists_its_fields_as_new():
    deleted = version(1, "-", value=Decimal("5"))
    recreated = version(2, "+", 5, value=Decimal("5"))
    assert [(c.old, c.new) for c in field_changes(recreated, deleted, [VALUE])] == [(EMPTY, "5")]


def test_an_entry_carries_its_changes_moment_and_row():
    refs = {("orgunit", 4): "Bidang Koperasi"}
    before = version(10, "+", value=Decimal("80"), responsible_unit_id=4)
    after = version(11, "~", 5, value=Decimal("82.5"), responsible_unit_id=4)
    entry = change_entry(after, before, kind="realisasi", subject="IKU 1.1", fields=[VALUE, UNIT], refs=refs)
    assert [(c.label, c.old, c.new) for c in entry.changes] == [("realisasi", "80", "82,5")]
    assert (entry.when, entry.kind, entry.kind_label, entry.subject) == (
        after.when,
        "realisasi",
        "Realisasi",
        "IKU 1.1",
    )
    assert (entry.source, entry.object_id, entry.history_id) == ("realisation", 7, 11)
    created = change_entry(before, None, kind="realisasi", subject="IKU 1.1", fields=[UNIT], refs=refs)
    assert [(c.old, c.new) for c in created.changes] == [(EMPTY, "Bidang Koperasi")]


def test_a_reason_the_app_does_not_name_is_shown_as_recorded():
    entry = change_entry(
        version(2, reason="skrip perbaikan"), None, kind="realisasi", subject="S1", fields=[]
    )
    assert entry.via == "skrip perbaikan"


def test_times_are_shown_in_the_pemdas_own_zone():
    assert when_label(T0, "Asia/Makassar") == "01-03-2026 09.05"
    assert when_label(T0, "Asia/Jayapura") == "01-03-2026 10.05"
