"""The Pemda LKjIP's arithmetic, proved (pure): every IKU's capaian and every sasaran's recomputed from the
printed target and realisation, and the budget totals by urusan, by agency and as the sum of the agencies' own
report totals held equal (pagu and realisasi each). A finding names the figure printed and the one recomputed,
as the agency report's checks do (`reports/readmodel/checks.py`)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from budgets import totals
from budgets.totals import BudgetFigures
from reports.readmodel.checks import ERROR
from reports.readmodel.types import Finding, Report
from rpjmd import figures

from .document import PemdaLkjipDocument


def _differs(a: Decimal | None, b: Decimal | None) -> bool:
    return (a is None) != (b is None) or (a is not None and b is not None and a != b)


def _budget_pair(
    code: str, path: str, what: str, a: BudgetFigures, b: BudgetFigures, out: list[Finding]
) -> None:
    for field, label in (("ceiling", "pagu"), ("spent", "realisasi")):
        x, y = getattr(a, field), getattr(b, field)
        if _differs(x, y):
            out.append(
                Finding(
                    ERROR,
                    code,
                    f"{path}.{field}",
                    f"Jumlah {label} {what} tidak sama.",
                    declared=x,
                    computed=y,
                )
            )


def _roll(rows: Sequence[BudgetFigures]) -> BudgetFigures:
    ceiling, spent = totals.roll_up((f.ceiling, f.spent) for f in rows)
    return totals.figures(ceiling, spent)


def document_checks(document: PemdaLkjipDocument, reports: Sequence[Report]) -> tuple[Finding, ...]:
    """The findings of the document (none when its arithmetic holds). `reports`: the agencies' reports it read."""
    out: list[Finding] = []
    scale = document.regional.scale
    cap = document.government.objective_cap
    for section in document.sections:
        objective = section.objective
        for iku in objective.indicators:
            f = iku.current
            computed = figures.iku_capaian(f.target, f.realisation, polarity=iku.polarity, kind=iku.kind)
            if _differs(f.capaian, computed):
                out.append(
                    Finding(
                        ERROR,
                        "iku-capaian",
                        f"iku.{iku.code}.capaian",
                        f"Capaian IKU {iku.code} tidak sesuai target dan realisasinya.",
                        declared=f.capaian,
                        computed=computed,
                    )
                )
        mean = figures.objective_figures(
            (i.current.capaian for i in objective.indicators), cap=cap, scale=scale
        )
        if _differs(objective.current.capaian, mean.capaian):
            out.append(
                Finding(
                    ERROR,
                    "objective-capaian",
                    f"objective.{objective.code}.capaian",
                    f"Capaian sasaran {objective.code} tidak sama dengan rata-rata capaian IKU-nya.",
                    declared=objective.current.capaian,
                    computed=mean.capaian,
                )
            )
    own = [r.budget.figures for r in reports]
    _budget_pair(
        "budget-urusan",
        "budget.by_urusan",
        "per urusan dan per perangkat daerah",
        document.total_by_urusan,
        document.total_by_agency,
        out,
    )
    _budget_pair(
        "budget-agencies",
        "budget.by_agency",
        "per perangkat daerah dan laporan perangkat daerah",
        document.total_by_agency,
        _roll(own),
        out,
    )
    values = [row.value for row in document.ikm if row.value is not None]
    ikm_mean = sum(values, Decimal(0)) / len(values) if values else None
    if _differs(document.ikm_mean, ikm_mean):
        out.append(
            Finding(
                ERROR,
                "ikm-mean",
                "ikm.mean",
                "IKM Pemda tidak sama dengan rata-rata IKM perangkat daerah.",
                declared=document.ikm_mean,
                computed=ikm_mean,
            )
        )
    return tuple(out)
