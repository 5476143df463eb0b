"""Audit history as people read it: consecutive versions of one row → "field: old → new", who, when, how.

Pure: plain values in (`Version`, `FieldSpec`), plain values out (`Entry`); no ORM. The queries that feed it
live in `workspace/history/selectors.py`, the recording in `agencies/audit.py`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.audit import VIA_API, VIA_IMPORT, VIA_SIPD, VIA_WORKBOOK
from sakip.numbers import NBSP, format_number

EMPTY = "–"

KINDS = {
    "rencana": gettext_lazy("Rencana"),
    "target": gettext_lazy("Target"),
    "realisasi": gettext_lazy("Realisasi"),
    "anggaran": gettext_lazy("Anggaran"),
    "narasi": gettext_lazy("Narasi"),
    "profil": gettext_lazy("Profil organisasi"),
    # the Pemda's own history (workspace/history/pemda.py)
    "pengaturan": gettext_lazy("Pengaturan"),
    "batas": gettext_lazy("Batas pengisian"),
    "perpanjangan": gettext_lazy("Perpanjangan"),
}


@dataclass(frozen=True)
class FieldSpec:
    """How to show one tracked field: `kind` is text, decimal, money, bool, date, choice, int or ref (a reference
    to another row, shown through `refs[(ref, id)]`)."""

    name: str
    label: str
    kind: str = "text"
    choices: Mapping[str, str] = field(default_factory=dict)
    ref: str = ""


@dataclass(frozen=True)
class Version:
    """One history row: the full state of object `object_id` of `source` after a save (+, ~) or delete (-)."""

    source: str
    object_id: int
    history_id: int
    when: datetime.datetime
    action: str
    user: str | None
    reason: str | None
    values: Mapping[str, object]


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    when: datetime.datetime
    who: str
    via: str
    action: str  # "+", "~", "-" or "import"
    action_label: str
    kind: str
    subject: str
    changes: tuple[FieldChange, ...]
    source: str
    object_id: int
    history_id: int

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, self.kind))


def _exact_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


# A stored value is typed `Any`: its type follows `spec.kind` (a Decimal for "decimal", a bool for "bool", …),
# which the checker cannot follow.
def format_value(value: Any, spec: FieldSpec, refs: Mapping[tuple[str, object], str] | None = None) -> str:
    """A stored value in Indonesian form, exactly (an audit shows 80,125 as 80,125, not 80,13)."""
    if value is None or value == "":
        return EMPTY
    if spec.kind in ("decimal", "money"):
        number = Decimal(value)
        text = format_number(number, _exact_places(number))
        return f"Rp{NBSP}{text}" if spec.kind == "money" else text
    if spec.kind == "bool":
        return _("ya") if value else _("tidak")
    if spec.kind == "date" and isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")  # as the history's own times are written (`when_label`)
    if spec.kind == "choice":
        return str(spec.choices.get(value, value))
    if spec.kind == "ref":
        return (refs or {}).get((spec.ref, value)) or f"#{value}"
    return str(value)


def _same(old: Any, new: Any) -> bool:
    if old in (None, "") or new in (None, ""):
        return old in (None, "") and new in (None, "")
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        try:
            return Decimal(old) == Decimal(new)
        except (ArithmeticError, TypeError, ValueError):
            return False
    return bool(old == new)  # bool(): the checker cannot know what == of two Any values gives


def field_changes(
    current: Version,
    previous: Version | None,
    fields: Iterable[FieldSpec],
    refs: Mapping[tuple[str, object], str] | None = None,
) -> tuple[FieldChange, ...]:
    """What a version changed. Created: every filled field (– → value); deleted: value → –; changed: the fields
    that differ from the previous version, or, when no earlier version was recorded, every filled field with
    its old value marked as not recorded."""
    out = []
    for spec in fields:
        new = current.values.get(spec.name)
        if current.action == "-":
            if new not in (None, ""):
                out.append(FieldChange(spec.label, format_value(new, spec, refs), EMPTY))
        elif current.action == "+" or previous is None:
            if new not in (None, ""):
                old = EMPTY if current.action == "+" else _("(tidak tercatat)")
                out.append(FieldChange(spec.label, old, format_value(new, spec, refs)))
        else:
            before = previous.values.get(spec.name)
            if not _same(before, new):
                out.append(
                    FieldChange(spec.label, format_value(before, spec, refs), format_value(new, spec, refs))
                )
    return tuple(out)


SYSTEM = gettext_lazy("sistem")
VIA_LABELS = {
    VIA_WORKBOOK: gettext_lazy("impor Excel"),
    VIA_IMPORT: gettext_lazy("impor dataset"),
    VIA_SIPD: gettext_lazy("impor SIPD"),
    VIA_API: "API",
}
SCREEN = gettext_lazy("layar")
ACTION_LABELS = {
    "+": gettext_lazy("dibuat"),
    "~": gettext_lazy("diubah"),
    "-": gettext_lazy("dihapus"),
    "import": gettext_lazy("dataset diimpor"),
}


def who_label(user: str | None) -> str:
    return user or str(SYSTEM)


def via_label(reason: str | None, user: str | None) -> str:
    if reason:
        return str(VIA_LABELS.get(reason, reason))
    return str(SCREEN if user else SYSTEM)


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def change_entry(
    current: Version,
    previous: Version | None,
    *,
    kind: str,
    subject: str,
    fields: Iterable[FieldSpec],
    refs: Mapping[tuple[str, object], str] | None = None,
) -> Entry:
    """One entry of the history list. A dataset import is a single event, without its thousands of rows."""
    is_import = current.reason == VIA_IMPORT
    action = "import" if is_import else current.action
    changes = () if is_import else field_changes(current, previous, fields, refs)
    return Entry(
        when=current.when,
        who=who_label(current.user),
        via=via_label(current.reason, current.user),
        action=action,
        action_label=action_label(action),
        kind=kind,
        subject=subject,
        changes=changes,
        source=current.source,
        object_id=current.object_id,
        history_id=current.history_id,
    )


def previous_versions(versions: Iterable[Version]) -> dict[tuple[str, int], Version | None]:
    """For each version (by source and history id), the version of the same object just before it."""
    by_object: dict[tuple[str, int], list[Version]] = {}
    for version in versions:
        by_object.setdefault((version.source, version.object_id), []).append(version)
    out = {}
    for rows in by_object.values():
        rows.sort(key=lambda v: (v.when, v.history_id))
        for before, version in zip([None, *rows], rows, strict=False):
            out[(version.source, version.history_id)] = before
    return out


def when_label(moment: datetime.datetime, zone: str) -> str:
    """Local date and time as Indonesians write it: 23-11-2026 14.05."""
    return moment.astimezone(ZoneInfo(zone)).strftime("%d-%m-%Y %H.%M")
