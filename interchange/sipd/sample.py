"""A realistic SIPD export made from an agency's own sub kegiatan, to try the import with (`manage.py sipd_sample`)
and to test it: SIPD's title rows, its header names, program / kegiatan / sub kegiatan subtotal rows, account groups
(5.1.02) above the leaf accounts (5.1.02.01.01.0024), realisation per month, the pagu perubahan written as text in
the Indonesian format as SIPD's exports often do. The figures are made up from `seed` (same seed, same bytes)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from budgets.models import Activity, BudgetLine, Program, SubActivity
from sakip.dates import MONTHS
from sakip.xlsx import new_workbook, workbook_bytes

HEADERS = (
    "Kode Urusan",
    "Bidang Urusan",
    "Kode Program",
    "Program",
    "Kode Kegiatan",
    "Kegiatan",
    "Kode Sub Kegiatan",
    "Sub Kegiatan",
    "Kode Rekening",
    "Uraian",
    "Pagu Murni",
    "Pagu Perubahan (Anggaran Setelah Perubahan)",
    *(f"Realisasi {name}" for name in MONTHS),
    "Realisasi",
)
# (group, leaf accounts): Permendagri 90/2019's belanja barang dan jasa and belanja modal.
ACCOUNTS = (
    ("5.1.02", "Belanja Barang dan Jasa"),
    ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor"),
    ("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat"),
    ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi"),
    ("5.1.02.04.01.0001", "Belanja Perjalanan Dinas Biasa"),
)
# Spending leans towards the end of the year, as it does in the regions.
MONTH_WEIGHTS = (2, 4, 6, 7, 8, 8, 9, 9, 10, 11, 12, 14)


@dataclass(frozen=True)
class SampleFigures:
    """What the sample says of one sub kegiatan (for tests: the figures the import must store)."""

    code: str
    ceiling_original: Decimal
    ceiling_revised: Decimal
    months: tuple[Decimal, ...]

    @property
    def quarters(self) -> tuple[Decimal, ...]:
        return tuple(sum(self.months[q * 3 : q * 3 + 3], Decimal(0)) for q in range(4))

    @property
    def spent(self) -> Decimal:
        return sum(self.months, Decimal(0))


def _split(total: int, weights) -> list[int]:
    """`total` rupiah in whole parts proportional to `weights` (the last part takes the rounding)."""
    whole = sum(weights)
    parts = [total * w // whole for w in weights[:-1]]
    return [*parts, total - sum(parts)]


def sample_figures(sub: SubActivity, line: BudgetLine | None, seed: int) -> SampleFigures:
    rng = random.Random(f"{seed}:{sub.code}")
    stored = line.ceiling_original if line and line.ceiling_original else None
    original = int(stored) if stored else rng.randrange(50_000, 900_000) * 1000
    revised = original + rng.randrange(-8, 12) * original // 100 // 1000 * 1000
    spent = revised * rng.randrange(78, 99) // 100
    weights = [w + rng.randrange(0, 4) for w in MONTH_WEIGHTS]
    return SampleFigures(
        sub.code, Decimal(original), Decimal(revised), tuple(Decimal(m) for m in _split(spent, weights))
    )


def _indonesian(amount: Decimal) -> str:
    return f"{int(amount):,}".replace(",", ".") + ",00"


def sample_export(
    agency, year: int, *, seed: int = 1, renamed: dict[str, str] | None = None
) -> tuple[bytes, list[SampleFigures]]:
    """The .xlsx bytes of a SIPD realisation report for the agency's year, and the figures it holds per sub
    kegiatan (by the agency's own code). `renamed` writes some codes as SIPD would after a renumbering."""
    renamed = renamed or {}
    plan = agency.plans.covering(year).first()
    if plan is None:
        raise ValueError(f"Tidak ada Renstra untuk tahun {year}. / No Renstra covers {year}.")
    programs = list(Program.objects.filter(plan=plan).order_by("position", "pk"))
    activities = list(Activity.objects.filter(program__plan=plan).order_by("position", "pk"))
    subs = list(SubActivity.objects.filter(activity__program__plan=plan).order_by("position", "pk"))
    lines = {
        line.sub_activity_id: line for line in BudgetLine.objects.filter(year=year, sub_activity__in=subs)
    }
    figures = {sub.pk: sample_figures(sub, lines.get(sub.pk), seed) for sub in subs}

    workbook = new_workbook(f"Realisasi Anggaran {agency.name} {year}", datetime(year, 12, 31))
    ws = workbook.create_sheet("Realisasi Sub Kegiatan")
    government = agency.government.name if agency.government_id else ""
    for text in (
        f"PEMERINTAH {government.upper()}",
        "LAPORAN REALISASI ANGGARAN PER SUB KEGIATAN",
        f"SKPD : {agency.name}",
        f"TAHUN ANGGARAN {year}",
        "Dicetak dari SIPD (contoh buatan SAKIP, bukan data resmi)",
        None,
    ):
        ws.append([text])
    ws.append(list(HEADERS))

    def row(program, activity=None, sub=None, account=("", ""), amounts=None, text=""):
        urusan = program.code.split(".")
        cells = [
            urusan[0],
            ".".join(urusan[:2]),
            program.code,
            program.name,
            activity.code if activity else "",
            activity.name if activity else "",
            renamed.get(sub.code, sub.code) if sub else "",
            sub.name if sub else "",
            account[0],
            account[1] or text,
        ]
        if amounts is None:
            return cells
        original, revised, months = amounts
        return [*cells, int(original), _indonesian(revised), *(int(m) for m in months), int(sum(months))]

    def total(items):
        found = [figures[s.pk] for s in items]
        return (
            sum((f.ceiling_original for f in found), Decimal(0)),
            sum((f.ceiling_revised for f in found), Decimal(0)),
            [sum((f.months[m] for f in found), Decimal(0)) for m in range(12)],
        )

    for program in programs:
        in_program = {a.pk for a in activities if a.program_id == program.pk}
        program_subs = [s for s in subs if s.activity_id in in_program]
        ws.append(row(program, amounts=total(program_subs)))
        for activity in [a for a in activities if a.program_id == program.pk]:
            activity_subs = [s for s in subs if s.activity_id == activity.pk]
            if not activity_subs:
                continue
            ws.append(row(program, activity, amounts=total(activity_subs)))
            for sub in activity_subs:
                own = figures[sub.pk]
                ws.append(row(program, activity, sub, amounts=total([sub])))
                rng = random.Random(f"{seed}:{sub.code}:accounts")
                leaves = rng.sample(ACCOUNTS[1:], rng.randrange(2, 4))
                leaves.sort()
                shares = [rng.randrange(2, 9) for _leaf in leaves]
                originals = _split(int(own.ceiling_original), shares)
                reviseds = _split(int(own.ceiling_revised), shares)
                months = [_split(int(m), shares) for m in own.months]
                ws.append(row(program, activity, sub, ACCOUNTS[0], total([sub])))
                for k, leaf in enumerate(leaves):
                    amounts = (originals[k], reviseds[k], [months[m][k] for m in range(12)])
                    ws.append(row(program, activity, sub, leaf, amounts))
    for column, width in zip("ABCDEFGHIJ", (8, 8, 12, 40, 14, 40, 20, 40, 20, 44), strict=True):
        ws.column_dimensions[column].width = width
    return workbook_bytes(workbook), list(figures.values())
