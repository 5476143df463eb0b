"""The report object: what `report_build` returns and every renderer reads (JSON, HTML, PDF, Excel, the screens).

Immutable rows of figures, each with its JSON path in the sakip-dataset/1 document, and the consistency findings
(`checks.py`) that come with them. Types only: no query, no computation.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from agencies.models import Agency, Government, OrgUnit
from agencies.profile_figures import StaffTable
from budgets import spending, totals
from budgets.models import BudgetLine
from indicators import achievement
from indicators.models import PerformanceAgreement, Realisation, ReportSigning, StrategicPlan, Target
from indicators.predicates import Band, PredicateScale
from surveys import ikm as ikm_engine
from surveys import responses as survey_responses

Value = Decimal | str | None
# An unsaved row a preview puts in place of the stored one (`report_build(pending=…)`).
Pending = Realisation | Target | BudgetLine
QUARTERS = (1, 2, 3, 4)


class ReportUnavailable(Exception):
    """The agency has no Renstra covering the requested year."""


@dataclass(frozen=True)
class Finding:
    level: str  # error | warning
    code: str
    path: str
    message: str
    declared: Decimal | str | None = None
    computed: Decimal | str | None = None


# --- the report object ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Figures:
    target: Value
    realisation: Value
    capaian: Decimal | None
    source: str | None = None  # the target's set: pk_revised | pk | renstra (achievement.target_source)
    provisional: bool = False  # the year's realisation is "sementara" (awaiting an evaluation)

    @property
    def verdict(self) -> str:
        """achieved | missed | provisional | unmeasured (achievement.verdict)."""
        return achievement.verdict(self.capaian, provisional=self.provisional)

    @property
    def source_label(self) -> str:
        return achievement.TARGET_SET_LABELS.get(self.source or "", "")


@dataclass(frozen=True)
class EntryInputs:
    """What the planner entered for year N, kept beside the derived figures so checks can compare them."""

    entered: Value = None
    entered_places: int | None = None  # the decimals `entered` was typed with ("0,10": 2); None: not known
    ratio: Decimal | None = None
    quarter_aggregate: Value = None
    renstra_target: Value = None
    pk_target: Value = None
    pk_revised_target: Value = None


# The names a report prints for each kind of standard (Indonesian: the document's language whatever the UI's).
STANDARD_NAMES = {
    "": "Standar nasional",
    "nasional": "Standar nasional",
    "spm": "Standar Pelayanan Minimal (SPM)",
    "ikk": "Indikator Kinerja Kunci (IKK)",
    "lainnya": "Standar",
}


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    name: str
    level: str  # goal | objective | program | activity | sub_activity
    parent_code: str
    path: str  # JSON path in the sakip-dataset/1 document (links checks to data)
    unit: str
    kind: str
    polarity: str
    is_key: bool
    quarter_mode: str
    formula: str
    data_source: str
    responsible_unit: str
    baseline_year: int | None
    baseline: Value
    national_standard: Value
    current: Figures
    predicate: Band | None
    history: dict[
        int, Figures
    ]  # the earlier years of `Report.series_years` (N-2 and N-1, or since the start)
    renstra_targets: dict[int, Value]
    renstra_end_target: Value
    renstra_progress: Decimal | None
    quarters: tuple[Figures, ...]
    status: str
    note: str
    analysis: str
    declared_capaian: str
    inputs: EntryInputs
    cumulative: bool = False  # realisation N = the sum of the years since the Renstra start
    year_realisation: Value = None  # a cumulative indicator's own realisation of year N (before the sum)
    # Years of N-2..N whose figures are in another unit than `unit` (a count where the indicator is a percentage):
    # the comparisons and charts do not set them against year N, and the checks flag them.
    year_units: dict[int, str] = field(default_factory=dict)
    declared_history: dict[int, str] = field(default_factory=dict)  # capaian printed for N-2 and N-1
    # Every year of the Renstra, figured as that year's own report does (year N: `current`); only when the report
    # is built with `report_build(plan_years=True)` (the Ringkasan's trend), else empty.
    plan_years: dict[int, Figures] = field(default_factory=dict)

    def unit_of(self, year: int) -> str:
        """The unit of the year's figures: the indicator's, unless that year's realisation names another."""
        return self.year_units.get(year, self.unit)

    grade_scale: str = ""
    revision_reason: str = ""  # why the PK perubahan changed year N's target (e.g. refocusing)

    @property
    def provisional(self) -> bool:
        return self.current.provisional

    # Issue 18: the band on the Pemda's second scale for indicators (`Report.indicator_scale`), if it declares one.
    indicator_predicate: Band | None = None
    national_standard_kind: str = ""  # Indicator.StandardKind ("" reads as a national standard)
    national_standard_source: str = ""
    standard_status: str | None = None  # achievement.against_standard: melampaui / memenuhi / belum memenuhi

    @property
    def national_standard_name(self) -> str:
        """What analysis 4 calls the standard: "Standar nasional", "Standar Pelayanan Minimal (SPM)", …"""
        return STANDARD_NAMES.get(self.national_standard_kind, STANDARD_NAMES[""])

    @property
    def target(self) -> Value:
        return self.current.target

    @property
    def realisation(self) -> Value:
        return self.current.realisation

    @property
    def capaian(self) -> Decimal | None:
        return self.current.capaian


@dataclass(frozen=True)
class BudgetRow:
    code: str
    name: str
    level: str  # total | program | activity | sub_activity
    path: str
    figures: totals.BudgetFigures
    ceiling_original: Decimal | None = None
    ceiling_rationalised: Decimal | None = None
    ceiling_revised: Decimal | None = None
    physical_progress: Decimal | None = None
    spent_quarters: tuple[Decimal | None, ...] = (None, None, None, None)
    spent_entered: Decimal | None = None
    declared: tuple[tuple[str, str], ...] = ()  # (field, printed figure) from a legacy document
    objective_codes: tuple[str, ...] = ()
    children: tuple[BudgetRow, ...] = ()
    planned_quarters: tuple[Decimal | None, ...] = (None, None, None, None)  # anggaran kas, per quarter
    physical_quarters: tuple[Decimal | None, ...] = (None, None, None, None)  # cumulative physical %
    progress: tuple[spending.QuarterProgress, ...] = ()  # cumulative, against the plan and the milestones

    @property
    def has_progress(self) -> bool:
        """Whether an anggaran kas or a quarterly physical figure is known here or below."""
        own = any(v is not None for v in (*self.planned_quarters, *self.physical_quarters))
        return own or any(c.has_progress for c in self.children)

    @property
    def progress_lines(self) -> tuple[BudgetRow, ...]:
        """The typed lines below (sub kegiatan, or kegiatan without any) that have a quarterly plan or physical
        figure, in plan order."""
        if not self.children:
            return (self,) if self.has_progress else ()
        return tuple(line for child in self.children for line in child.progress_lines)


@dataclass(frozen=True)
class ExpenditureRow:
    """One part of the agency's whole budget (belanja OPD) for year N, with year N-1 beside it."""

    part: str  # budgets.models.Expenditure.Part
    label: str
    depth: int  # 0 total belanja, 1 operasi/modal (BTL/BL), 2 pegawai, barang dan jasa
    path: str
    amounts: spending.PartAmounts  # as typed, or the sum of its parts (`computed`)
    figures: totals.BudgetFigures
    computed: bool
    parts: tuple[str, ...]
    parts_sum: spending.PartAmounts | None  # a typed part: the sum of its parts, to check it against
    previous: totals.BudgetFigures | None  # year N-1 (None: nothing known of that year)
    ceiling_change: spending.Change
    spent_change: spending.Change


@dataclass(frozen=True)
class SpendingGroupRow:
    """A realisation declared for several programs together (their own figures unknown or not printed)."""

    label: str
    path: str
    programs: tuple[tuple[str, str], ...]  # (code, name)
    figures: totals.BudgetFigures  # pagu: the sum of the programs' pagu
    members_spent: Decimal | None  # the programs' own realisations when every one is known, to check against


@dataclass(frozen=True)
class SigningRow:
    """Who signs the year's report, where and when, as typed (`indicators.models.ReportSigning`)."""

    signed_on: datetime.date | None
    place: str
    title: str
    name: str
    nip: str
    rank: str

    @classmethod
    def of(cls, signing: ReportSigning | None) -> SigningRow | None:
        """The row of a stored `ReportSigning`, or None without one."""
        if signing is None:
            return None
        return cls(signing.signed_on, signing.place, signing.title, signing.name, signing.nip, signing.rank)


@dataclass(frozen=True)
class ObjectiveNoteRow:
    """One item of a sasaran's analysis for the year (`indicators.models.ObjectiveNote`), in the typed order."""

    kind: str  # ObjectiveNote.Kind
    text: str
    program_code: str = ""  # supporting / hindering items
    program_name: str = ""
    partner: str = ""  # work without APBD money


@dataclass(frozen=True)
class ObjectiveRow:
    code: str
    statement: str
    goal_code: str
    path: str
    indicators: tuple[IndicatorRow, ...]
    capaian: Decimal | None
    predicate: Band | None
    program_codes: tuple[str, ...]
    budget: totals.BudgetFigures
    efficiency: Decimal | None
    strategies: tuple[tuple[str, tuple[str, ...]], ...]
    notes: tuple[ObjectiveNoteRow, ...] = ()  # the analysis items typed for the year
    # Issue 18, point 9: the misi it serves (its number in `Report.missions`, from 1, and its statement) and the
    # RPJMD tujuan or sasaran it supports.
    mission_number: int | None = None
    mission: str = ""
    rpjmd_goal: str = ""

    def notes_of(self, kind: str) -> tuple[ObjectiveNoteRow, ...]:
        return tuple(n for n in self.notes if n.kind == kind)


@dataclass(frozen=True)
class GoalRow:
    code: str
    statement: str
    indicators: tuple[IndicatorRow, ...]
    objectives: tuple[ObjectiveRow, ...]


@dataclass(frozen=True)
class ActivityResult:
    """A kegiatan (or sub kegiatan) with its indicators' figures of year N: the same `IndicatorRow`s as in
    `Report.indicators`, arranged under their owner."""

    code: str
    name: str
    level: str  # activity | sub_activity
    path: str
    indicators: tuple[IndicatorRow, ...]
    children: tuple[ActivityResult, ...] = ()  # sub kegiatan

    @property
    def has_indicators(self) -> bool:
        """Whether it or one of its sub kegiatan has an indicator (a table of results shows only those)."""
        return bool(self.indicators) or any(c.indicators for c in self.children)


@dataclass(frozen=True)
class ProgramResult:
    """A program with its indicators and those of its kegiatan (and sub kegiatan), for year N."""

    code: str
    name: str
    path: str
    indicators: tuple[IndicatorRow, ...]
    activities: tuple[ActivityResult, ...]
    objective_codes: tuple[str, ...]  # the sasaran it supports, in plan order

    @property
    def all_indicators(self) -> tuple[IndicatorRow, ...]:
        """Its own indicators, then each kegiatan's and sub kegiatan's, depth first."""
        out = list(self.indicators)
        for activity in self.activities:
            out += activity.indicators
            for sub in activity.children:
                out += sub.indicators
        return tuple(out)


@dataclass(frozen=True)
class ProgramGroup:
    """The programs supporting one sasaran (`objective_code`), or, last, those linked to none (code "")."""

    objective_code: str
    statement: str
    programs: tuple[ProgramResult, ...]


@dataclass(frozen=True)
class SurveyResult:
    year: int
    conducted_by: str
    path: str
    elements: tuple[
        tuple[str, str, Decimal | None, Decimal | None, Decimal | None], ...
    ]  # code, name, total, n, NRR
    ikm: Decimal | None
    skm: Decimal | None
    mutu: ikm_engine.Mutu | None
    indicator_code: str | None
    declared_ikm: str
    declared_skm: str
    detail: survey_responses.SurveyResult | None = None  # per unsur: weighted NRR, mutu, priority
    profiles: tuple = ()  # respondent profile tables (surveys.responses.ProfileTable) when raw responses exist


# --- the organisation profile (BAB I, the risk annex) -------------------------------------------------------------
@dataclass(frozen=True)
class StaffTableRow:
    """One staff table of the year (`agencies.models.StaffCount` of one breakdown), with its total and shares."""

    breakdown: str  # StaffCount.Breakdown
    title: str
    table: StaffTable


@dataclass(frozen=True)
class FacilityRow:
    category: str
    name: str
    quantity: int | None
    unit: str
    acquired_year: int | None
    condition: str  # its label ("Baik"), "" when not given
    value: Decimal | None
    note: str


@dataclass(frozen=True)
class FacilityTable:
    """The sarana-prasarana table: its lines in order, their totals, and which optional columns any line fills
    (a column no line fills is not printed)."""

    rows: tuple[FacilityRow, ...]
    total_quantity: int | None
    total_value: Decimal | None
    columns: frozenset[str]  # of "category", "acquired_year", "condition", "value", "note"

    @property
    def width(self) -> int:
        """Printed columns: No, name, quantity, unit, and each filled optional one (a group is a row, not a
        column)."""
        return 4 + len(self.columns - {"category"})


@dataclass(frozen=True)
class IssueRow:
    issue: str
    cause: str
    objective_code: str = ""
    objective_statement: str = ""


@dataclass(frozen=True)
class RiskRow:
    statement: str
    cause: str
    impact: str
    likelihood: int | None
    severity: int | None
    level: int | None  # likelihood × severity (agencies.profile_figures.risk_level)
    mitigation: str
    schedule: str
    owner_unit: str  # the unit's name, "" when none
    objective_code: str = ""


@dataclass(frozen=True)
class OrganisationProfile:
    """What BAB I prints of the year's organisation besides the org chart, and the risk register annex. Empty
    parts are left out of the report (no table of dashes)."""

    staff: tuple[StaffTableRow, ...] = ()
    facilities: FacilityTable | None = None
    issues: tuple[IssueRow, ...] = ()
    risks: tuple[RiskRow, ...] = ()
    # The risk annex's optional columns that some risk fills (a column none fills is not printed).
    risk_columns: frozenset[str] = frozenset()

    @property
    def has_resources(self) -> bool:
        return bool(self.staff) or self.facilities is not None

    @property
    def issue_columns(self) -> frozenset[str]:
        """The issue table's optional columns that some issue fills."""
        return frozenset(c for c in ("cause", "objective_code") if any(getattr(i, c) for i in self.issues))


@dataclass(frozen=True)
class Report:
    agency: Agency
    government: Government
    plan: StrategicPlan
    year: int
    scale: PredicateScale
    missions: tuple[str, ...]
    org_units: tuple[OrgUnit, ...]
    goals: tuple[GoalRow, ...]
    indicators: tuple[
        IndicatorRow, ...
    ]  # every indicator, depth first (goal → objective, program → activity → sub)
    objectives: tuple[ObjectiveRow, ...]
    budget: BudgetRow
    surveys: tuple[SurveyResult, ...]
    agreements: tuple[PerformanceAgreement, ...]
    narratives: dict[str, str]
    checks: tuple[Finding, ...] = field(default=())
    signing: SigningRow | None = None  # None: nothing typed for the year
    programs: tuple[ProgramResult, ...] = ()  # program → kegiatan → sub kegiatan indicators, plan order
    # Programs under the sasaran they support (a program supporting two sasaran is in both groups), then a last
    # group of the programs supporting none, only when there are such programs.
    program_groups: tuple[ProgramGroup, ...] = ()
    expenditures: tuple[
        ExpenditureRow, ...
    ] = ()  # the whole budget's parts, in print order; () when not typed
    spending_groups: tuple[SpendingGroupRow, ...] = ()  # realisations declared for groups of programs

    @property
    def has_previous_expenditure(self) -> bool:
        return any(e.previous is not None for e in self.expenditures)

    @property
    def has_computed_expenditure(self) -> bool:
        """Whether a part of the whole budget is printed as the sum of its parts (marked "*")."""
        return any(e.computed for e in self.expenditures)

    profile: OrganisationProfile = field(default_factory=OrganisationProfile)

    @property
    def units_with_duties(self) -> tuple[OrgUnit, ...]:
        """The units whose tugas or fungsi are typed, in the org chart's order (BAB I prints these)."""
        return tuple(u for u in self.org_units if u.duties or u.functions)

    # The years the comparison tables show: N-2..N, or every year since the Renstra's first one in its final
    # year or on request (`achievement.series_years`).
    series_years: tuple[int, ...] = ()
    whole_series: bool = False  # the comparison runs from the Renstra's first year (final year or on request)

    def agreement(self, revision: str) -> PerformanceAgreement | None:
        """The year's signed Perjanjian Kinerja of a revision ("murni" or "perubahan"), if recorded."""
        return next((a for a in self.agreements if a.revision == revision), None)

    @property
    def target_sets(self) -> dict[str, int]:
        """How many objective indicators take year N's target from each set (achievement.target_set_counts)."""
        return achievement.target_set_counts(i.current.source for i in self.objective_indicators)

    # Issue 18, point 10: a second scale printed per indicator beside `scale` (None: one scale).
    indicator_scale: PredicateScale | None = None

    @property
    def scales(self) -> tuple[PredicateScale, ...]:
        """Every scale the report prints, `scale` first: one legend each."""
        return (self.scale,) if self.indicator_scale is None else (self.scale, self.indicator_scale)

    @property
    def has_objective_context(self) -> bool:
        """Whether any sasaran names its misi or RPJMD goal (else BAB II prints no table of them)."""
        return any(o.mission_number or o.rpjmd_goal for o in self.objectives)

    @property
    def objective_indicators(self) -> tuple[IndicatorRow, ...]:
        return tuple(i for i in self.indicators if i.level == "objective")

    @property
    def program_indicators(self) -> tuple[IndicatorRow, ...]:
        """The indicators of programs, kegiatan and sub kegiatan, each once, in plan order."""
        return tuple(i for p in self.programs for i in p.all_indicators)
