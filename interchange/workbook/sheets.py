"""The import template's sheets, their columns, and the stored figures each row shows.

Sheets (headers in row 1, one row per code from row 2; a row left out of the workbook is left untouched):
- "Petunjuk": instructions, ignored on import;
- "Target": every indicator — Renstra target of the year, PK, PK Perubahan, Rencana Aksi TW I–IV;
- "Realisasi": indicators measured directly — realisation TW I–IV and the year (Tahunan);
- "Rasio": ratio indicators (pembilang ÷ penyebut) — numerator and denominator per period, because for them
  the engine divides and a typed value would be ignored;
- "Anggaran": budget owners (sub kegiatan, and kegiatan without sub kegiatan) — pagu and realisasi;
- "_meta" (hidden): format version, agency code and year, so a workbook of another agency or year is refused.

Names and units are shown for orientation only (grey) and never imported.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Q

from budgets.models import Activity, BudgetLine, SubActivity
from indicators.models import Indicator, Realisation, Target

FORMAT = "sakip-templat/1"
HELP, TARGET, REALISATION, RATIO, BUDGET, META = (
    "Petunjuk",
    "Target",
    "Realisasi",
    "Rasio",
    "Anggaran",
    "_meta",
)
QUARTERS = ("TW I", "TW II", "TW III", "TW IV")
PERIODS = ((1, "TW I"), (2, "TW II"), (3, "TW III"), (4, "TW IV"), (0, "Tahunan"))
BUDGET_FIELDS = (
    ("ceiling_original", "Pagu murni"),
    ("ceiling_rationalised", "Pagu rasionalisasi"),
    ("ceiling_revised", "Pagu perubahan"),
    ("spent_q1", "Realisasi TW I"),
    ("spent_q2", "Realisasi TW II"),
    ("spent_q3", "Realisasi TW III"),
    ("spent_q4", "Realisasi TW IV"),
    ("spent", "Realisasi total"),
    ("physical_progress", "Realisasi fisik (%)"),
)


class Change(NamedTuple):
    what: str  # the sheet
    code: str
    field: str  # the column header
    old: Decimal | str | None
    new: Decimal | str | None
    name: str = ""
    slot: tuple = ()  # where the value lives: ("target", kind, quarter) | ("realisation", quarter, attr) | ...
    places: int | None = None  # the decimals typed in a text cell ("0,10" → 2); None for a number cell


@dataclass(frozen=True)
class Column:
    header: str
    slot: tuple
    kind: str  # measure | money | progress | part (numerator / denominator)


def sheet_columns(year: int) -> dict[str, tuple[list[str], list[Column]]]:
    """Per data sheet: the read-only lead headers and the value columns, in order."""
    lead = ["Kode", "Nama indikator", "Satuan"]
    targets = [
        Column(f"Renstra {year}", ("target", Target.Kind.RENSTRA, 0), "measure"),
        Column("PK", ("target", Target.Kind.PK, 0), "measure"),
        Column("PK Perubahan", ("target", Target.Kind.PK_REVISED, 0), "measure"),
        *(
            Column(label, ("target", Target.Kind.QUARTER, q), "measure")
            for q, label in enumerate(QUARTERS, 1)
        ),
    ]
    realisations = [Column(label, ("realisation", q, "value"), "measure") for q, label in PERIODS]
    ratios = [
        Column(f"{word} {label}", ("realisation", q, attr), "part")
        for attr, word in (("numerator", "Pembilang"), ("denominator", "Penyebut"))
        for q, label in PERIODS
    ]
    budget = [Column(label, ("budget", name), "money") for name, label in BUDGET_FIELDS]
    budget[-1] = Column(BUDGET_FIELDS[-1][1], ("budget", "physical_progress"), "progress")
    return {
        TARGET: (lead, targets),
        REALISATION: (lead, realisations),
        RATIO: (lead[:2], ratios),
        BUDGET: (["Kode", "Nama"], budget),
    }


class StoredFigures:
    """The agency's stored figures for a year, keyed the way the workbook addresses them (few queries)."""

    def __init__(self, agency, year: int):
        self.plan = agency.plans.covering(year).first()
        self.year = year
        if self.plan is None:
            raise ValueError(f"Tidak ada Renstra untuk tahun {year}. / No Renstra covers {year}.")
        self.indicators = list(Indicator.objects.filter(plan=self.plan).order_by("position", "pk"))
        self.targets = {
            (t.indicator_id, t.kind, t.quarter): t
            for t in Target.objects.filter(indicator__plan=self.plan, year=year)
        }
        self.realisations = {
            (r.indicator_id, r.quarter): r
            for r in Realisation.objects.filter(indicator__plan=self.plan, year=year)
        }
        subs = list(
            SubActivity.objects.filter(activity__program__plan=self.plan).order_by(
                "activity__program__position", "activity__position", "position", "pk"
            )
        )
        by_activity = defaultdict(list)
        for sub in subs:
            by_activity[sub.activity_id].append(("sub_activity", sub))
        # Report order: each activity without sub-activities is an owner itself, otherwise its subs are.
        owners = []
        for activity in Activity.objects.filter(program__plan=self.plan).order_by(
            "program__position", "position", "pk"
        ):
            owners.extend(by_activity.get(activity.pk) or [("activity", activity)])
        self.owners = owners
        # Codes are unique only under their parent: a code used twice cannot be addressed by the workbook.
        counts = Counter(owner.code for _, owner in owners)
        self.ambiguous = {code for code, n in counts.items() if n > 1}
        self.owner_by_code = {owner.code: (kind, owner) for kind, owner in owners}
        lines = BudgetLine.objects.filter(year=year).filter(
            Q(activity__program__plan=self.plan) | Q(sub_activity__activity__program__plan=self.plan)
        )
        self.lines = {
            ("sub_activity", x.sub_activity_id) if x.sub_activity_id else ("activity", x.activity_id): x
            for x in lines
        }
        self.indicator_by_code = {i.code: i for i in self.indicators}

    def rows(self, sheet: str):
        """(code, read-only lead values, the object) of each row of a sheet, in the order planners read."""
        if sheet == BUDGET:
            return [(o.code, [o.code, o.name], (kind, o)) for kind, o in self.owners]
        chosen = {
            TARGET: self.indicators,
            REALISATION: [i for i in self.indicators if not is_ratio(i)],
            RATIO: [i for i in self.indicators if is_ratio(i)],
        }[sheet]
        return [(i.code, [i.code, i.name, i.unit][: 2 if sheet == RATIO else 3], i) for i in chosen]

    def current(self, obj, slot):
        if slot[0] == "target":
            return _measure(self.targets.get((obj.pk, slot[1], slot[2])))
        if slot[0] == "realisation":
            row = self.realisations.get((obj.pk, slot[1]))
            if row is None:
                return None
            return _measure(row) if slot[2] == "value" else getattr(row, slot[2])
        line = self.lines.get((obj[0], obj[1].pk))
        return getattr(line, slot[1]) if line else None


def is_ratio(indicator) -> bool:
    return indicator.computation == Indicator.Computation.RATIO


def _measure(row):
    if row is None:
        return None
    return row.grade or row.value
