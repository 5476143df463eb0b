"""Consistency checks (SPEC.md §3): the report's arithmetic is proven, not trusted.

`report_checks` reads a finished report object and returns findings; it never touches the database.
A printed ("declared") figure matches when the computed value, rounded half-up to the printed figure's own
number of decimals, equals it: "103 %" for 103,32 % is right, "23,52" for 23,525 is a truncation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from budgets import spending
from reports.readmodel.types import BudgetRow, ExpenditureRow, Finding, IndicatorRow, Report, SpendingGroupRow
from sakip.numbers import decimal_places, figure_with_places, format_number, round_half_up

ERROR, WARNING = "error", "warning"


# What the structure checks read of a sasaran and of a program: the LKjIP's rows (`ObjectiveRow`, `BudgetRow`)
# and the Renstra's (`PlanObjective`, `FundingRow`) both have it. Read-only properties, as the rows are frozen.
class _Objective(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def indicators(self) -> tuple[object, ...]: ...
    @property
    def program_codes(self) -> tuple[str, ...]: ...


class _Program(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def objective_codes(self) -> tuple[str, ...]: ...


def declared_matches(declared: str, computed: Decimal | None) -> bool:
    """Does a printed figure agree with the computed one at the printed figure's own precision?"""
    if computed is None:
        return False
    return round_half_up(computed, decimal_places(declared)) == Decimal(declared)


def _fmt(value: Decimal | str | None) -> str:
    return format_number(value, 2)


FIGURE_LABELS = {
    "capaian": "capaian (%)",
    "ceiling": "pagu",
    "spent": "realisasi anggaran",
    "absorption": "serapan (%)",
    "remaining": "sisa anggaran",
    "remaining_pct": "sisa anggaran (%)",
    "ikm": "IKM",
    "skm": "SKM",
}


def _declared_finding(
    code: str, path: str, subject: str, declared: str, computed: Decimal | None
) -> Finding | None:
    if declared_matches(declared, computed):
        return None
    shown = format_number(Decimal(declared), decimal_places(declared))
    return Finding(
        WARNING,
        f"declared-{code}",
        path,
        f"{subject} {FIGURE_LABELS[code]}: dokumen {shown}; dihitung {_fmt(computed)}",
        Decimal(declared),
        computed,
    )


def _differs(a: Decimal | str | None, b: Decimal | str | None) -> bool:
    if a is None or b is None:
        return False
    if isinstance(a, str) or isinstance(b, str):
        return str(a).upper() != str(b).upper()
    return a != b


def objective_structure_findings(objective: _Objective, *, without_program: str) -> list[Finding]:
    """A sasaran needs an indicator (always an error) and a supporting program: a warning in the LKjIP (the year
    can still be reported), an error in the Renstra (the plan is incomplete). `objective` has `code`, `path`,
    `indicators` and `program_codes` (the LKjIP's and the Renstra's sasaran both do)."""
    findings = []
    if not objective.indicators:
        findings.append(
            Finding(
                ERROR,
                "objective-without-indicator",
                objective.path,
                f"Sasaran {objective.code} tidak memiliki indikator.",
            )
        )
    if not objective.program_codes:
        findings.append(
            Finding(
                without_program,
                "objective-without-program",
                objective.path,
                f"Sasaran {objective.code} tidak didukung program apa pun.",
            )
        )
    return findings


def program_link_findings(program: _Program) -> list[Finding]:
    """A program supports at least one sasaran (a warning in both documents). `program` has `code`, `path` and
    `objective_codes` (the LKjIP's budget rows and the Renstra's programs both do)."""
    if program.objective_codes:
        return []
    return [
        Finding(
            WARNING,
            "program-without-objective",
            program.path,
            f"Program {program.code} tidak terhubung ke sasaran mana pun.",
        )
    ]


def report_checks(report: Report) -> list[Finding]:
    findings: list[Finding] = []
    year = report.year
    for objective in report.objectives:
        findings += objective_structure_findings(objective, without_program=WARNING)
    for program in report.budget.children:
        findings += program_link_findings(program)
    for row in report.indicators:
        findings.extend(_indicator_checks(row, year))
    for program in report.budget.children:
        findings.extend(_budget_checks(program))
    for survey in report.surveys:
        for key, declared, computed in (
            ("ikm", survey.declared_ikm, survey.ikm),
            ("skm", survey.declared_skm, survey.skm),
        ):
            if declared:
                found = _declared_finding(
                    key, f"{survey.path}.declared.{key}", f"IKM {survey.year}", declared, computed
                )
                if found:
                    findings.append(found)
    findings += expenditure_findings(report.expenditures, report.budget)
    for group in report.spending_groups:
        findings += _group_checks(group)
    return findings


AMOUNT_LABELS = {
    "ceiling_original": "pagu murni",
    "ceiling_rationalised": "pagu rasionalisasi",
    "ceiling_revised": "pagu perubahan",
    "spent": "realisasi",
}


def expenditure_findings(rows: tuple[ExpenditureRow, ...], programs: BudgetRow) -> list[Finding]:
    """The whole budget: each typed part against the sum of its parts (to the rupiah), spending over the pagu,
    a year mixing the two structures, and total belanja against the programs' own roll-up."""
    out = []
    parts = {r.part for r in rows if not r.computed}
    if parts & {"operating", "capital", "personnel", "goods"} and parts & {"indirect", "direct"}:
        out.append(
            Finding(
                WARNING,
                "expenditure-mixed-structure",
                rows[0].path.rsplit(".", 1)[0],
                "Belanja operasi/modal dan belanja tidak langsung/langsung diisi pada tahun yang sama; "
                "total belanja tidak dapat dijumlahkan.",
            )
        )
    for row in rows:
        label = row.label
        if row.parts_sum is not None:
            for name in spending.AMOUNT_FIELDS:
                declared, total = getattr(row.amounts, name), getattr(row.parts_sum, name)
                if declared is not None and total is not None and declared != total:
                    out.append(
                        Finding(
                            ERROR,
                            "expenditure-parts-sum",
                            f"{row.path}.{name}",
                            f"{label}: {AMOUNT_LABELS[name]} {_fmt(declared)}, jumlah rinciannya "
                            f"({', '.join(row.parts)}) {_fmt(total)}.",
                            declared,
                            total,
                        )
                    )
        figures = row.figures
        if figures.ceiling is not None and figures.spent is not None and figures.spent > figures.ceiling:
            out.append(
                Finding(
                    ERROR,
                    "spent-over-ceiling",
                    row.path,
                    f"{label}: realisasi {_fmt(figures.spent)} melebihi pagu {_fmt(figures.ceiling)}.",
                    figures.ceiling,
                    figures.spent,
                )
            )
    total = next((r for r in rows if r.part == "total"), None)
    if total is not None and programs.children:
        for key, name in (("ceiling", "pagu"), ("spent", "realisasi")):
            declared, computed = getattr(total.figures, key), getattr(programs.figures, key)
            if declared is not None and computed is not None and declared != computed:
                out.append(
                    Finding(
                        WARNING,
                        "expenditure-vs-programs",
                        f"{total.path}",
                        f"Total belanja: {name} {_fmt(declared)}, jumlah program/kegiatan {_fmt(computed)}.",
                        declared,
                        computed,
                    )
                )
    return out


def _group_checks(group: SpendingGroupRow) -> list[Finding]:
    spent = group.figures.spent
    if spent is None or group.members_spent is None or spent == group.members_spent:
        return []
    return [
        Finding(
            WARNING,
            "group-spent-vs-programs",
            f"{group.path}.spent",
            f"{group.label}: realisasi gabungan {_fmt(spent)}, jumlah realisasi programnya "
            f"{_fmt(group.members_spent)}.",
            spent,
            group.members_spent,
        )
    ]


def _progress_checks(row: BudgetRow) -> list[Finding]:
    """A line's anggaran kas should add up to its pagu; physical progress is a share of the year's work."""
    out = []
    planned = row.planned_quarters
    ceiling = row.figures.ceiling
    if ceiling is not None and None not in planned:
        total = sum((q for q in planned if q is not None), Decimal(0))
        if total != ceiling:
            out.append(
                Finding(
                    WARNING,
                    "cash-plan-vs-ceiling",
                    f"{row.path}.planned_quarters",
                    f"{row.code}: anggaran kas TW I–IV berjumlah {_fmt(total)}, pagu {_fmt(ceiling)}.",
                    ceiling,
                    total,
                )
            )
    for k, physical in enumerate(row.physical_quarters):
        if physical is not None and physical > 100:
            out.append(
                Finding(
                    ERROR,
                    "physical-over-100",
                    f"{row.path}.physical_quarters[{k}]",
                    f"{row.code}: realisasi fisik TW {k + 1} {_fmt(physical)} % melebihi 100 %.",
                    Decimal(100),
                    physical,
                )
            )
    return out


def _indicator_checks(row: IndicatorRow, year: int) -> list[Finding]:
    out = []
    path = row.path
    inputs = row.inputs
    label = f"{row.code} {year}"
    if (
        row.level == "objective"
        and row.is_key
        and inputs.pk_target is None
        and inputs.pk_revised_target is None
    ):
        out.append(
            Finding(
                WARNING,
                "pk-target-missing",
                f"{path}.targets.pk",
                f"{label}: IKU tanpa target Perjanjian Kinerja.",
            )
        )
    if row.target is None and row.realisation is not None:
        out.append(
            Finding(
                WARNING,
                "target-missing",
                f"{path}.targets",
                f"{label}: ada realisasi tetapi tidak ada target; capaian tidak dapat dihitung.",
            )
        )
    if _differs(inputs.pk_target, inputs.renstra_target):
        out.append(
            Finding(
                WARNING,
                "pk-vs-renstra",
                f"{path}.targets.pk.{year}",
                f"{label}: target PK {_fmt(inputs.pk_target)} berbeda dari target Renstra "
                f"{_fmt(inputs.renstra_target)}.",
                inputs.pk_target,
                inputs.renstra_target,
            )
        )
    quarter_targets = [q.target for q in row.quarters if q.target is not None]
    if (
        row.quarter_mode == "increment"
        and quarter_targets
        and row.target is not None
        and not isinstance(row.target, str)
    ):
        total = sum(quarter_targets, Decimal(0))
        if total != row.target:
            out.append(
                Finding(
                    WARNING,
                    "quarter-target-sum",
                    f"{path}.quarter_targets.{year}",
                    f"{label}: target TW I–IV berjumlah {_fmt(total)}, target tahunan {_fmt(row.target)}.",
                    row.target,
                    total,
                )
            )
    if inputs.entered is not None and _differs(inputs.entered, inputs.quarter_aggregate):
        out.append(
            Finding(
                WARNING,
                "annual-vs-quarters",
                f"{path}.realisations.{year}.value",
                f"{label}: realisasi tahunan {_fmt(inputs.entered)} berbeda dari gabungan triwulan "
                f"{_fmt(inputs.quarter_aggregate)}.",
                inputs.entered,
                inputs.quarter_aggregate,
            )
        )
    # An entered value that equals numerator ÷ denominator at its own precision (34,67 for 34,666…) is fine; the
    # precision is the one typed ("0,10" has two decimals though the column keeps 0,1).
    entered_number = inputs.entered if isinstance(inputs.entered, Decimal) else None
    if (
        entered_number is not None
        and inputs.ratio is not None
        and not declared_matches(figure_with_places(entered_number, inputs.entered_places), inputs.ratio)
    ):
        out.append(
            Finding(
                WARNING,
                "value-vs-ratio",
                f"{path}.realisations.{year}.value",
                f"{label}: nilai {_fmt(inputs.entered)} berbeda dari pembilang ÷ penyebut "
                f"{_fmt(inputs.ratio)}.",
                inputs.entered,
                inputs.ratio,
            )
        )
    if row.declared_capaian:
        found = _declared_finding(
            "capaian",
            f"{path}.realisations.{year}.declared.capaian",
            row.code,
            row.declared_capaian,
            row.capaian,
        )
        if found:
            out.append(found)
    # The comparison tables reprint N-2 and N-1: a capaian printed for them is checked as well (SPEC §3).
    for earlier, declared in sorted(row.declared_history.items()):
        history = row.history.get(earlier)
        found = _declared_finding(
            "capaian",
            f"{path}.realisations.{earlier}.declared.capaian",
            f"{row.code} {earlier}",
            declared,
            history.capaian if history else None,
        )
        if found:
            out.append(found)
    out.extend(_unit_findings(row, year))
    return out


def _unit_findings(row: IndicatorRow, year: int) -> list[Finding]:
    """A year whose figure is in another unit than year N's (800 produk where N is 3,27 %) cannot be compared
    with it: flagged, and the comparisons and charts leave it out. Year N in another unit than the indicator's
    is flagged too (its tables print the indicator's unit)."""
    unit = row.unit_of(year)
    out = []
    for other in sorted(row.year_units):
        other_unit = row.unit_of(other)
        if other == year:
            message = (
                f"{row.code}: realisasi {year} dalam satuan “{unit}”, bukan satuan indikator “{row.unit}”."
            )
            against = row.unit
        elif other_unit != unit:
            message = (
                f"{row.code}: realisasi {other} dalam satuan “{other_unit}”, realisasi {year} dalam “{unit}”; "
                f"keduanya tidak dibandingkan."
            )
            against = unit
        else:
            continue
        out.append(
            Finding(
                WARNING, "unit-change", f"{row.path}.realisations.{other}.unit", message, other_unit, against
            )
        )
    return out


def _budget_checks(row: BudgetRow) -> list[Finding]:
    out = []
    figures = row.figures
    if figures.ceiling is not None and figures.spent is not None and figures.spent > figures.ceiling:
        out.append(
            Finding(
                ERROR,
                "spent-over-ceiling",
                row.path,
                f"{row.code}: realisasi {_fmt(figures.spent)} melebihi pagu {_fmt(figures.ceiling)}.",
                figures.ceiling,
                figures.spent,
            )
        )
    quarters = [q for q in row.spent_quarters if q is not None]
    if quarters and row.spent_entered is not None:
        total = sum(quarters, Decimal(0))
        if total != row.spent_entered:
            out.append(
                Finding(
                    WARNING,
                    "spent-quarters-sum",
                    f"{row.path}.spent_quarters",
                    f"{row.code}: realisasi TW I–IV berjumlah {_fmt(total)}, realisasi tahunan "
                    f"{_fmt(row.spent_entered)}.",
                    row.spent_entered,
                    total,
                )
            )
    for key, declared in row.declared:
        found = _declared_finding(
            key, f"{row.path}.declared.{key}", row.code, declared, getattr(figures, key)
        )
        if found:
            out.append(found)
    if not row.children:  # only typed lines: a roll-up's plan is the sum of typed ones
        out.extend(_progress_checks(row))
    for child in row.children:
        out.extend(_budget_checks(child))
    return out
