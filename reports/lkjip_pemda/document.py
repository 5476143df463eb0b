"""The Pemda's LKjIP as one immutable object: what every output (page, PDF, workbook, json) reads.

Built by `build.pemda_lkjip_build` from the read models (the RPJMD's `RegionalReport` and every agency's
`Report`); assembled by the pure `analysis.assemble`. No figure is computed in a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from agencies.models import Government
from budgets.totals import BudgetFigures
from indicators.achievement import Value
from indicators.predicates import PredicateScale
from reports.documents.base import Caption, CaptionedDocument
from reports.readmodel.types import Finding
from rpjmd.readmodel import AgencyObjectiveRow, AgencyRef, IkuRow, ObjectiveRow, RegionalReport
from surveys.ikm import Mutu

FORMAT = "sakip-pemda-report/1"


@dataclass(frozen=True)
class YearFigures:
    """An IKU's target, realisation and capaian in one year of the RPJMD (analysis 2)."""

    year: int
    target: Decimal | None
    realisation: Value
    capaian: Decimal | None


@dataclass(frozen=True)
class IkuAnalysis:
    """One IKU Pemda under its sasaran, with what analyses 1–4 print of it."""

    iku: IkuRow
    years: tuple[YearFigures, ...]  # the RPJMD's years up to the report year
    change: Decimal | None  # year N's realisation minus year N-1's (None: either unknown)
    final_progress: Decimal | None  # year N's realisation against the RPJMD's final target, as a capaian
    standard: Value  # the source agency indicator's national standard (SPM/IKK); None: none known
    standard_status: str | None  # melampaui / memenuhi / belum memenuhi
    standard_source: str

    @property
    def code(self) -> str:
        return self.iku.code


@dataclass(frozen=True)
class SupportingProgram:
    """An agency program serving the sasaran through an agency sasaran linked to it (analysis 7)."""

    agency: AgencyRef
    code: str
    name: str
    figures: BudgetFigures | None  # None: not in the agency's budget of the year


@dataclass(frozen=True)
class ObjectiveSection:
    """One RPJMD sasaran in BAB III: its IKU and the seven analyses, and the agencies' contributions."""

    goal_code: str
    goal_statement: str
    objective: ObjectiveRow
    ikus: tuple[IkuAnalysis, ...]
    causes: tuple[tuple[str, str], ...]  # (IKU code, note) typed with the year's realisation
    causes_generated: str  # said when none is typed
    contributions: tuple[AgencyObjectiveRow, ...]
    programs: tuple[SupportingProgram, ...]
    budget: BudgetFigures  # the supporting programs' pagu and realisation
    efficiency: Decimal | None  # the sasaran's capaian ÷ its programs' absorption (our own index)
    summary: str

    @property
    def code(self) -> str:
        return self.objective.code


@dataclass(frozen=True)
class UrusanBudget:
    key: str  # "2.17"; "" for programs whose code names no urusan (urusan.UNKNOWN)
    name: str
    program_count: int
    agencies: tuple[str, ...]  # codes
    figures: BudgetFigures


@dataclass(frozen=True)
class AgencyBudget:
    agency: AgencyRef
    has_report: bool
    figures: BudgetFigures | None


@dataclass(frozen=True)
class AgencyIkm:
    agency: AgencyRef
    value: Decimal | None  # the survey's SKM (IKM on the 25–100 scale); None: no survey of the year
    mutu: Mutu | None


@dataclass(frozen=True)
class AgencyContribution:
    """An agency's place in the Pemda's performance: its sasaran serving the RPJMD (for the BAB I count)."""

    agency: AgencyRef
    has_report: bool
    capaian: Decimal | None


@dataclass(frozen=True)
class PemdaLkjipDocument(CaptionedDocument):
    government: Government
    year: int
    regional: RegionalReport
    scale: PredicateScale
    agencies: tuple[AgencyContribution, ...]
    sections: tuple[ObjectiveSection, ...]
    budget_by_urusan: tuple[UrusanBudget, ...]
    budget_by_agency: tuple[AgencyBudget, ...]
    total_by_urusan: BudgetFigures
    total_by_agency: BudgetFigures
    agencies_total: (
        BudgetFigures  # the sum of the agencies' own report totals (checks.py holds all three equal)
    )
    ikm: tuple[AgencyIkm, ...]
    ikm_mean: Decimal | None
    ikm_mutu: Mutu | None
    counts: tuple[int, int, int]  # IKU met or exceeded, missed, not measurable
    captions: dict[str, Caption]
    texts: dict[str, tuple[str, bool]]
    checks: tuple[Finding, ...] = ()

    title = "Laporan Kinerja Instansi Pemerintah Daerah"

    @property
    def reported(self) -> int:
        return sum(1 for a in self.agencies if a.has_report)

    @property
    def ikm_surveyed(self) -> tuple[AgencyIkm, ...]:
        return tuple(row for row in self.ikm if row.value is not None)
