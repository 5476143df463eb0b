"""Checks of a Renstra (the plan every later report is measured against): pure, over the document object.

- every sasaran has an indicator and a supporting program; every program serves a sasaran and has indicators;
- every year of the period has a target: for tujuan, sasaran and programs each year; for a kegiatan or sub
  kegiatan each year it is funded (a kegiatan not run in a year needs no target). A year is covered when one of
  the owner's indicators has a Renstra target that year, or that year is the baseline year of one of them
  (plans such as Semarang 2016–2021 print the first year as the kondisi awal);
- a program's funding per year equals the sum of its kegiatan: against the figure the signed document prints
  (`ProgramFunding`), since the document computes program rows as sums; the table's own arithmetic (program
  rows and the yearly totals row against the rows below them) is proven as well, so no renderer can print a
  total that does not add up.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from budgets.totals import column_sums
from reports.readmodel.checks import ERROR, WARNING, objective_structure_findings, program_link_findings
from reports.readmodel.types import Finding
from reports.renstra.document import FundingRow, PlanIndicator, RenstraDocument
from sakip.numbers import format_rupiah

LEVEL_LABELS = {
    "goal": "Tujuan",
    "objective": "Sasaran",
    "program": "Program",
    "activity": "Kegiatan",
    "sub_activity": "Sub kegiatan",
}


def _years(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in years)


def missing_target_years(
    indicators: tuple[PlanIndicator, ...], years: tuple[int, ...], required: Collection[int]
) -> list[int]:
    """Required years in which none of the owner's indicators has a target (nor its baseline year)."""
    covered: set[int] = set()
    for indicator in indicators:
        covered.update(y for y, t in zip(years, indicator.targets, strict=True) if t is not None)
        if indicator.row.baseline is not None and indicator.row.baseline_year is not None:
            covered.add(indicator.row.baseline_year)
    return [y for y in years if y in required and y not in covered]


def _target_finding(
    level: str,
    code: str,
    path: str,
    indicators: tuple[PlanIndicator, ...],
    years: tuple[int, ...],
    required: Collection[int],
) -> list[Finding]:
    if not indicators:
        return []
    missing = missing_target_years(indicators, years, required)
    if not missing:
        return []
    funded = " (tahun yang didanai)" if level in ("activity", "sub_activity") else ""
    return [
        Finding(
            WARNING,
            "renstra-target-missing",
            f"{indicators[0].row.path}.targets.renstra",
            f"{LEVEL_LABELS[level]} {code}: tidak ada target Renstra untuk tahun {_years(missing)}{funded}.",
        )
    ]


def _arithmetic(row: FundingRow, years: tuple[int, ...]) -> list[Finding]:
    """A parent row's funding against the sum of its children, per year (unknown stays unknown)."""
    out = []
    if row.children:
        sums = column_sums([c.funding for c in row.children], len(years))
        for year, shown, computed in zip(years, row.funding, sums, strict=True):
            if shown != computed:
                out.append(
                    Finding(
                        ERROR,
                        "renstra-funding-rows",
                        f"{row.path}.funding.{year}",
                        f"{LEVEL_LABELS[row.level]} {row.code} tahun {year}: pendanaan {format_rupiah(shown)}, "
                        f"jumlah rincian di bawahnya {format_rupiah(computed)}.",
                        shown,
                        computed,
                    )
                )
        for child in row.children:
            out.extend(_arithmetic(child, years))
    return out


def renstra_checks(doc: RenstraDocument) -> list[Finding]:
    findings: list[Finding] = []
    years = doc.years
    every_year = set(years)
    for goal in doc.goals:
        if not goal.indicators:
            findings.append(
                Finding(
                    WARNING,
                    "goal-without-indicator",
                    goal.path,
                    f"Tujuan {goal.code} tidak memiliki indikator.",
                )
            )
        findings += _target_finding("goal", goal.code, goal.path, goal.indicators, years, every_year)
        for objective in goal.objectives:
            findings += objective_structure_findings(objective, without_program=ERROR)
            findings += _target_finding(
                "objective", objective.code, objective.path, objective.indicators, years, every_year
            )
    for program in doc.programs:
        findings += program_link_findings(program)
        if not program.indicators:
            findings.append(
                Finding(
                    WARNING,
                    "program-without-indicator",
                    program.path,
                    f"Program {program.code} tidak memiliki indikator kinerja (outcome).",
                )
            )
        findings += _target_finding(
            "program", program.code, program.path, program.indicators, years, every_year
        )
        for row in program.walk():
            if row is program:
                continue
            funded = {y for y, f in zip(years, row.funding, strict=True) if f is not None}
            if not row.children and not funded:
                findings.append(
                    Finding(
                        WARNING,
                        "renstra-funding-missing",
                        row.path,
                        f"{LEVEL_LABELS[row.level]} {row.code}: belum ada pendanaan indikatif pada tahun mana pun.",
                    )
                )
            if row.level == "activity" and not row.indicators:
                findings.append(
                    Finding(
                        WARNING,
                        "activity-without-indicator",
                        row.path,
                        f"Kegiatan {row.code} tidak memiliki indikator kinerja (keluaran).",
                    )
                )
            findings += _target_finding(row.level, row.code, row.path, row.indicators, years, funded)
        for year, declared, computed in zip(years, program.declared, program.funding, strict=True):
            if declared is not None and declared != computed:
                findings.append(
                    Finding(
                        ERROR,
                        "program-funding-sum",
                        f"{program.path}.funding.{year}",
                        f"Program {program.code} tahun {year}: pagu program dokumen {format_rupiah(declared)}; "
                        f"jumlah kegiatannya {format_rupiah(computed)}.",
                        declared,
                        computed,
                    )
                )
        findings += _arithmetic(program, years)
    sums = column_sums([p.funding for p in doc.programs], len(years))
    for year, shown, computed in zip(years, doc.funding_totals, sums, strict=True):
        if shown != computed:
            findings.append(
                Finding(
                    ERROR,
                    "renstra-funding-total",
                    f"$.programs.funding.{year}",
                    f"Jumlah pendanaan tahun {year}: {format_rupiah(shown)}; jumlah program "
                    f"{format_rupiah(computed)}.",
                    shown,
                    computed,
                )
            )
    return findings
