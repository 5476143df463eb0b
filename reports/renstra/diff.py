"""What changed between two states of a Renstra: pure, over two `reports.renstra.plan_snapshot` dicts.

Indicators are matched by code, programs and kegiatan by their code path; targets and funding are compared
year by year as numbers ("88" and "88.00" are the same target), grades as letters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

Value = Decimal | str | None
# A `plan_snapshot`: JSON as stored, read by key. Any, because its shape is the snapshot format's, not a type's.
Snapshot = Mapping[str, Any]


@dataclass(frozen=True)
class Change:
    kind: (
        str  # indicator-added | indicator-dropped | target | baseline | owner-added | owner-dropped | funding
    )
    #            statement | indicator-renamed
    code: str
    name: str
    year: int | None = None
    old: Value = None
    new: Value = None
    level: str = ""

    @property
    def difference(self) -> Decimal | None:
        if isinstance(self.old, Decimal) and isinstance(self.new, Decimal):
            return self.new - self.old
        return None


@dataclass(frozen=True)
class RevisionDiff:
    indicators_added: tuple[Change, ...]
    indicators_dropped: tuple[Change, ...]
    targets: tuple[Change, ...]  # target and baseline changes of indicators present in both
    owners_added: tuple[Change, ...]  # programs, kegiatan, sub kegiatan
    owners_dropped: tuple[Change, ...]
    funding: tuple[Change, ...]
    statements: tuple[Change, ...]  # tujuan / sasaran / indicator wording

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.indicators_added,
                self.indicators_dropped,
                self.targets,
                self.owners_added,
                self.owners_dropped,
                self.funding,
                self.statements,
            )
        )

    @property
    def count(self) -> int:
        return sum(
            len(group)
            for group in (
                self.indicators_added,
                self.indicators_dropped,
                self.targets,
                self.owners_added,
                self.owners_dropped,
                self.funding,
                self.statements,
            )
        )


def _value(raw: object) -> Value:
    if raw is None or raw == "":
        return None
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        return str(raw).upper()  # a grade


def _years(*series: Mapping[str, object]) -> list[int]:
    return sorted({int(y) for s in series for y in s})


def _yearly(
    kind: str, code: str, name: str, old: Mapping[str, object], new: Mapping[str, object], level: str = ""
) -> list[Change]:
    out = []
    for year in _years(old, new):
        a, b = _value(old.get(str(year))), _value(new.get(str(year)))
        if a != b:
            out.append(Change(kind, code, name, year, a, b, level))
    return out


def revision_diff(old: Snapshot, new: Snapshot) -> RevisionDiff:
    """Indicators added or dropped, target and baseline changes, programs/kegiatan added or dropped, funding
    changes per year, and reworded tujuan, sasaran and indicators — from `old` to `new`."""
    old_ind = {i["code"]: i for i in old.get("indicators", [])}
    new_ind = {i["code"]: i for i in new.get("indicators", [])}
    added = tuple(
        Change("indicator-added", code, i["name"], level=i.get("owner", ""))
        for code, i in new_ind.items()
        if code not in old_ind
    )
    dropped = tuple(
        Change("indicator-dropped", code, i["name"], level=i.get("owner", ""))
        for code, i in old_ind.items()
        if code not in new_ind
    )
    targets, statements = [], []
    for code, after in new_ind.items():
        before = old_ind.get(code)
        if before is None:
            continue
        a, b = _value(before.get("baseline")), _value(after.get("baseline"))
        if a != b:
            targets.append(Change("baseline", code, after["name"], None, a, b))
        targets += _yearly("target", code, after["name"], before.get("targets", {}), after.get("targets", {}))
        if before["name"] != after["name"]:
            statements.append(
                Change("indicator-renamed", code, after["name"], old=before["name"], new=after["name"])
            )

    old_own = {o["key"]: o for o in old.get("owners", [])}
    new_own = {o["key"]: o for o in new.get("owners", [])}
    owners_added = tuple(
        Change("owner-added", o["code"], o["name"], level=o["level"])
        for k, o in new_own.items()
        if k not in old_own
    )
    owners_dropped = tuple(
        Change("owner-dropped", o["code"], o["name"], level=o["level"])
        for k, o in old_own.items()
        if k not in new_own
    )
    funding = []
    for key, after in new_own.items():
        before = old_own.get(key)
        if before is not None:
            funding += _yearly(
                "funding",
                after["code"],
                after["name"],
                before.get("funding", {}),
                after.get("funding", {}),
                after["level"],
            )

    for group in ("goals", "objectives"):
        before = {g["code"]: g["statement"] for g in old.get(group, [])}
        for g in new.get(group, []):
            if g["code"] in before and before[g["code"]] != g["statement"]:
                level = "goal" if group == "goals" else "objective"
                statements.append(
                    Change(
                        "statement",
                        g["code"],
                        g["statement"],
                        old=before[g["code"]],
                        new=g["statement"],
                        level=level,
                    )
                )
    return RevisionDiff(
        indicators_added=added,
        indicators_dropped=dropped,
        targets=tuple(targets),
        owners_added=owners_added,
        owners_dropped=owners_dropped,
        funding=tuple(funding),
        statements=tuple(statements),
    )
