"""A SIPD export against the database: `sipd_preview` lists every change per sub kegiatan (old → new), the codes
the agency's Renstra does not know (to be mapped, `SipdCodeMapping`) and every problem. Nothing is written here;
the confirmed changes go to `applying.sipd_apply`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from budgets.models import BudgetLine, SubActivity
from sakip.forms import model_bounds

from ..models import SipdCodeMapping
from .parse import DEFAULT_MAX_BYTES, QUARTER_FIELDS, Problem, SipdTable, sipd_table

FIELDS = ("ceiling_original", "ceiling_revised", *QUARTER_FIELDS, "spent")


def field_label(name: str) -> str:
    return str(BudgetLine._meta.get_field(name).verbose_name)


@dataclass(frozen=True)
class SubChange:
    """The figures of one sub kegiatan: the stored ones and the file's, for the fields the file gives."""

    sub_activity: SubActivity
    sipd_code: str  # the code as SIPD writes it (another one when mapped)
    row: int
    old: dict[str, Decimal | None]
    new: dict[str, Decimal | None]

    @property
    def changed(self) -> list[str]:
        return [name for name in self.new if not _same(self.old.get(name), self.new[name])]

    @property
    def mapped(self) -> bool:
        return self.sipd_code != self.sub_activity.code


@dataclass(frozen=True)
class UnknownCode:
    code: str
    row: int
    name: str


@dataclass
class Preview:
    fields: tuple[str, ...] = ()
    changes: list[SubChange] = field(default_factory=list)
    unchanged: int = 0  # sub kegiatan of the file whose figures are already stored
    unknown: list[UnknownCode] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def values(self) -> int:
        return sum(len(change.changed) for change in self.changes)


def _same(old: Decimal | None, new: Decimal | None) -> bool:
    if old is None or new is None:
        return old is None and new is None
    return Decimal(old) == Decimal(new)


def max_bytes() -> int:
    return getattr(settings, "WORKBOOK_MAX_BYTES", DEFAULT_MAX_BYTES)


def sipd_preview(agency, year: int, plan, data: bytes, filename: str) -> Preview:
    """Every change the file would make to the year's budget lines of the plan's sub kegiatan, or its problems."""
    table, problems = sipd_table(
        data, filename, max_bytes=max_bytes(), bounds=model_bounds(BudgetLine, "ceiling_original")
    )
    if table is None:
        return Preview(problems=problems)
    return _compare(agency, year, plan, table)


def _compare(agency, year: int, plan, table: SipdTable) -> Preview:
    subs = list(SubActivity.objects.filter(activity__program__plan=plan).order_by("pk"))
    by_code: dict[str, list[SubActivity]] = {}
    for sub in subs:
        by_code.setdefault(sub.code, []).append(sub)
    mapped = {
        m.sipd_code: m.sub_activity
        for m in SipdCodeMapping.objects.filter(
            agency=agency, sub_activity__activity__program__plan=plan
        ).select_related("sub_activity")
    }
    lines = {
        line.sub_activity_id: line for line in BudgetLine.objects.filter(year=year, sub_activity__in=subs)
    }
    preview = Preview(fields=table.fields)
    taken: dict[int, str] = {}
    column = table.code_column
    for code, figures in table.subs.items():
        found = by_code.get(code, [])
        if len(found) > 1:
            preview.problems.append(
                Problem(
                    figures.row,
                    column,
                    f"Kode {code} dipakai lebih dari satu sub kegiatan di Renstra; isi lewat halaman Anggaran. / "
                    f"Code {code} names more than one sub kegiatan in the Renstra; use the budget screen.",
                )
            )
            continue
        sub = found[0] if found else mapped.get(code)
        if sub is None:
            preview.unknown.append(UnknownCode(code, figures.row, figures.name))
            preview.problems.append(
                Problem(
                    figures.row,
                    column,
                    f"Kode sub kegiatan {code} tidak ada di Renstra perangkat daerah ini: petakan ke sub kegiatan "
                    f"yang sesuai lalu pratinjau lagi. / Sub kegiatan code {code} is not in this agency's "
                    f"Renstra: map it to its sub kegiatan, then preview again.",
                )
            )
            continue
        if sub.pk in taken:
            preview.problems.append(
                Problem(
                    figures.row,
                    column,
                    f"Kode {code} dan {taken[sub.pk]} menunjuk sub kegiatan yang sama ({sub.code}). / Codes "
                    f"{code} and {taken[sub.pk]} name the same sub kegiatan ({sub.code}).",
                )
            )
            continue
        taken[sub.pk] = code
        line = lines.get(sub.pk)
        old = {name: getattr(line, name) if line else None for name in FIELDS}
        new = dict(figures.values)
        problem = _stored_quarters_problem(figures.row, code, old, new)
        if problem:
            preview.problems.append(problem)
            continue
        change = SubChange(sub, code, figures.row, {name: old[name] for name in new}, new)
        if change.changed:
            preview.changes.append(change)
        else:
            preview.unchanged += 1
    if preview.problems:
        preview.changes = []
    return preview


def _stored_quarters_problem(row: int, code: str, old: dict, new: dict) -> Problem | None:
    """A file with a total and no quarters must agree with the quarters stored (the grid's rule)."""
    total = new.get("spent")
    if "spent_q1" in new or total is None:
        return None
    quarters = [old[name] for name in QUARTER_FIELDS]
    if any(q is None for q in quarters) or sum(quarters, Decimal(0)) == total:
        return None
    return Problem(
        row,
        "",
        f"Sub kegiatan {code}: realisasi total ({total}) tidak sama dengan jumlah realisasi TW I–IV yang "
        f"tersimpan; ekspor realisasi per bulan atau per triwulan. / The total realisation ({total}) does not "
        f"match the stored quarters; export the realisation per month or per quarter.",
    )


def sipd_digest(changes: list[SubChange]) -> str:
    """A fingerprint of a preview: confirming refuses when re-reading the file gives another list."""
    text = "\n".join(
        f"{c.sub_activity.pk}|{name}|{c.old.get(name)}|{c.new[name]}" for c in changes for name in c.new
    )
    return hashlib.sha256(text.encode()).hexdigest()
