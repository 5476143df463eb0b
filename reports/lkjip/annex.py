"""What the LKjIP annexes (Lampiran) show, shaped from the report object for the templates.

Nothing here computes a performance figure: capaian, roll-ups and IKM come from `report_build`. This module
only arranges them (the signed Perjanjian Kinerja sheets, the cascading tree) and derives the two pagu
differences of the budget-version annex, so templates never do arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from indicators.models import PerformanceAgreement
from reports.readmodel.checks import declared_matches
from reports.readmodel.types import BudgetRow, IndicatorRow, ObjectiveRow, Report
from sakip.dates import stored_date_display
from sakip.numbers import decimal_places, format_number
from surveys.charts import unsur_chart
from surveys.ikm import DEFAULT_MUTU_SCALE, MUTU_SCALES, Mutu
from surveys.responses import SurveyResult


def indonesian_date(text: str) -> str:
    """A signing date as printed on the form: "2021-01-02" → "2 Januari 2021", "2021-01" → "Januari 2021".

    Anything else (empty, or typed free-form in an older import) is returned unchanged rather than guessed.
    """
    return stored_date_display(text) or (text or "").strip()


def _difference(new: Decimal | None, old: Decimal | None) -> Decimal | None:
    return new - old if new is not None and old is not None else None


def ceiling_changes(row: BudgetRow) -> tuple[Decimal | None, Decimal | None]:
    """(rasionalisasi − murni, perubahan − rasionalisasi) of a budget row; None where a version is unknown.

    An unknown version is not zero: a row without a rasionalisasi has no change to show, not a cut of 100 %.
    """
    return (
        _difference(row.ceiling_rationalised, row.ceiling_original),
        _difference(row.ceiling_revised, row.ceiling_rationalised),
    )


# --- Lampiran 1: Perjanjian Kinerja ----------------------------------------------------------------------------
@dataclass(frozen=True)
class AgreementTarget:
    objective: ObjectiveRow
    indicator: IndicatorRow
    target: Decimal | str | None
    number: int  # the sasaran's number in the form
    span: int  # rows the sasaran cell spans; 0 on its later indicators


@dataclass(frozen=True)
class AgreementProgram:
    row: BudgetRow
    ceiling: Decimal | None


@dataclass(frozen=True)
class AgreementSheet:
    agreement: PerformanceAgreement
    revised: bool
    signed_on: str  # Indonesian date text
    targets: tuple[AgreementTarget, ...]
    without_target: tuple[IndicatorRow, ...]  # objective indicators that carry no target of this agreement
    programs: tuple[AgreementProgram, ...]
    total_ceiling: Decimal | None


def _agreement_target(indicator: IndicatorRow, revised: bool):
    # A perubahan restates every target; one it leaves blank stays at the murni target.
    if revised and indicator.inputs.pk_revised_target is not None:
        return indicator.inputs.pk_revised_target
    return indicator.inputs.pk_target


def _agreement_ceiling(row: BudgetRow, revised: bool) -> Decimal | None:
    # The murni PK is signed on the pagu murni, the perubahan on the pagu perubahan; else the effective pagu.
    version = row.ceiling_revised if revised else row.ceiling_original
    return version if version is not None else row.figures.ceiling


def agreement_sheets(report: Report) -> tuple[AgreementSheet, ...]:
    """The year's Perjanjian Kinerja forms, murni first then perubahan."""
    order = {PerformanceAgreement.Revision.ORIGINAL: 0, PerformanceAgreement.Revision.REVISED: 1}
    sheets = []
    for agreement in sorted(report.agreements, key=lambda a: order.get(a.revision, 2)):
        revised = agreement.revision == PerformanceAgreement.Revision.REVISED
        targets, without = [], []
        for objective in report.objectives:
            agreed = []
            for indicator in objective.indicators:
                target = _agreement_target(indicator, revised)
                if target is None:
                    without.append(indicator)
                else:
                    agreed.append((indicator, target))
            number = len({t.objective.code for t in targets}) + 1
            for k, (indicator, target) in enumerate(agreed):
                span = len(agreed) if k == 0 else 0
                targets.append(AgreementTarget(objective, indicator, target, number, span))
        programs = tuple(AgreementProgram(p, _agreement_ceiling(p, revised)) for p in report.budget.children)
        sheets.append(
            AgreementSheet(
                agreement=agreement,
                revised=revised,
                signed_on=indonesian_date(agreement.signed_on),
                targets=tuple(targets),
                without_target=tuple(without),
                programs=programs,
                total_ceiling=_agreement_ceiling(report.budget, revised),
            )
        )
    return tuple(sheets)


# --- Lampiran 4: Pohon Kinerja ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class TreeProgram:
    row: BudgetRow
    detailed_under: str  # "" when its kegiatan are drawn here; else the sasaran under which they are drawn


@dataclass(frozen=True)
class TreeRun:
    """A program's box in one column of a sasaran's detail page and the kegiatan drawn below it in that column;
    `continued` when the program's kegiatan started in the column before."""

    program: BudgetRow
    continued: bool
    see: str  # the sasaran under which its kegiatan are drawn, or ""
    activities: tuple[BudgetRow, ...]


TREE_COLUMNS = 4
TREE_LINE_CHARACTERS = 42  # characters of a line in a quarter of a landscape page at the tree's 7 pt


def _lines(text: str) -> int:
    return max(1, -(-len(text) // TREE_LINE_CHARACTERS))


def balanced_columns(heights: list[int], count: int) -> list[tuple[int, int]]:
    """Cut a sequence of boxes, kept in order, into at most `count` columns so that the tallest is as short as
    possible: the [start, end) slice of each non-empty column. Exact (dynamic programming), for the few dozen
    kegiatan of a sasaran.

    The LKjIP laid these boxes out with CSS columns, which WeasyPrint balances by laying the content out again and
    again: the four-column pages cost more than the rest of the annexes together (docs/performance.md)."""
    n = len(heights)
    if n == 0:
        return []
    count = max(1, min(count, n))
    prefix = [0]
    for height in heights:
        prefix.append(prefix[-1] + height)
    # best[k][i]: the tallest column when the first i boxes fill k columns; cut[k][i]: where the last one starts.
    best = [[0] * (n + 1)] + [[prefix[-1] + 1] * (n + 1) for _ in range(count)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    for i in range(1, n + 1):
        best[1][i], cut[1][i] = prefix[i], 0
    for k in range(2, count + 1):
        for i in range(k, n + 1):
            for j in range(k - 1, i):
                tallest = max(best[k - 1][j], prefix[i] - prefix[j])
                if tallest < best[k][i]:
                    best[k][i], cut[k][i] = tallest, j
    slices, end = [], n
    for k in range(count, 0, -1):
        start = cut[k][end]
        slices.append((start, end))
        end = start
    return slices[::-1]


@dataclass(frozen=True)
class TreeObjective:
    row: ObjectiveRow
    programs: tuple[TreeProgram, ...]

    @property
    def has_activities(self) -> bool:
        """Whether kegiatan are drawn under it (then its subtree gets its own page after the tujuan's)."""
        return any(not p.detailed_under and p.row.children for p in self.programs)

    @property
    def columns(self) -> tuple[tuple[TreeRun, ...], ...]:
        """The detail page's boxes in `TREE_COLUMNS` columns of about equal height, in reading order: each kegiatan
        box whole, a program's box above its first kegiatan and again ("lanjutan") atop a column it continues in."""
        boxes: list[tuple[TreeProgram, BudgetRow | None]] = []
        heights: list[int] = []
        for program in self.programs:
            box_height = 2 + _lines(program.row.name)
            activities = () if program.detailed_under else program.row.children
            if not activities:
                boxes.append((program, None))
                heights.append(box_height + (1 if program.detailed_under else 0))
            for k, activity in enumerate(activities):
                lines = (
                    2 + _lines(activity.name) + sum(_lines(f"{s.code} {s.name}") for s in activity.children)
                )
                boxes.append((program, activity))
                heights.append(lines + (box_height if k == 0 else 0))
        columns = []
        for start, end in balanced_columns(heights, TREE_COLUMNS):
            runs: list[TreeRun] = []
            for program, activity in boxes[start:end]:
                if runs and runs[-1].program is program.row:
                    last = runs[-1]
                    runs[-1] = TreeRun(last.program, last.continued, last.see, (*last.activities, activity))
                    continue
                continued = activity is not None and activity is not program.row.children[0]
                runs.append(
                    TreeRun(program.row, continued, program.detailed_under, (activity,) if activity else ())
                )
            columns.append(tuple(runs))
        columns += [()] * (TREE_COLUMNS - len(columns))  # a quarter of the page each, however few boxes
        return tuple(columns)


@dataclass(frozen=True)
class TreeGoal:
    code: str
    statement: str
    indicators: tuple[IndicatorRow, ...]
    objectives: tuple[TreeObjective, ...]


@dataclass(frozen=True)
class PerformanceTree:
    goals: tuple[TreeGoal, ...]
    unlinked: tuple[BudgetRow, ...]  # programs supporting no sasaran, drawn apart so none is lost


def performance_tree(report: Report) -> PerformanceTree:
    """Tujuan → sasaran → program → kegiatan → sub kegiatan.

    A program serving several sasaran is drawn under each, but its kegiatan only under the first: repeating
    them would multiply the tree's height without telling the reader anything new.
    """
    programs = {p.code: p for p in report.budget.children}
    first_shown: dict[str, str] = {}
    goals = []
    for goal in report.goals:
        objectives = []
        for objective in goal.objectives:
            nodes = []
            for code in objective.program_codes:
                row = programs.get(code)
                if row is None:
                    continue
                nodes.append(TreeProgram(row, first_shown.get(code, "")))
                first_shown.setdefault(code, objective.code)
            objectives.append(TreeObjective(objective, tuple(nodes)))
        goals.append(TreeGoal(goal.code, goal.statement, goal.indicators, tuple(objectives)))
    unlinked = tuple(p for p in report.budget.children if p.code not in first_shown)
    return PerformanceTree(tuple(goals), unlinked)


# --- Lampiran 7: Pagu per versi --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CeilingRow:
    row: BudgetRow
    depth: int  # 0 program, 1 kegiatan, 2 sub kegiatan
    rationalisation_change: Decimal | None
    revision_change: Decimal | None


def _ceiling_row(row: BudgetRow, depth: int) -> CeilingRow:
    return CeilingRow(row, depth, *ceiling_changes(row))


def ceiling_rows(budget: BudgetRow) -> tuple[CeilingRow, ...]:
    """Every program, kegiatan and sub kegiatan in order, with its pagu differences."""
    rows = []

    def walk(row: BudgetRow, depth: int):
        rows.append(_ceiling_row(row, depth))
        for child in row.children:
            walk(child, depth + 1)

    for program in budget.children:
        walk(program, 0)
    return tuple(rows)


# --- Lampiran 6: Target Renstra -------------------------------------------------------------------------------
LEVEL_LABELS = {
    "goal": "Indikator tujuan",
    "objective": "Indikator sasaran",
    "program": "Indikator program",
    "activity": "Indikator kegiatan",
    "sub_activity": "Indikator sub kegiatan",
}


@dataclass(frozen=True)
class RenstraRow:
    indicator: IndicatorRow
    targets: tuple  # one per plan year, in order (templates cannot look a dict up by a variable key)

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS.get(self.indicator.level, self.indicator.level)


def renstra_rows(report: Report) -> tuple[RenstraRow, ...]:
    years = tuple(report.plan.years)
    return tuple(
        RenstraRow(i, tuple(i.renstra_targets.get(year) for year in years)) for i in report.indicators
    )


# --- all annexes -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Annexes:
    agreements: tuple[AgreementSheet, ...]
    key_indicators: tuple[IndicatorRow, ...]
    mutu_scale: tuple[Mutu, ...]
    tree: PerformanceTree
    action_plan: tuple[IndicatorRow, ...]  # indicators with a quarterly target or realisation
    without_action_plan: tuple[IndicatorRow, ...]
    renstra_years: tuple[int, ...]
    renstra: tuple[RenstraRow, ...]
    ceilings: tuple[CeilingRow, ...]
    ceiling_total: CeilingRow
    surveys: tuple[SurveyAnnex, ...] = ()


@dataclass(frozen=True)
class SurveyAnnex:
    """One year's survey as the annex shows it: the per-unsur table with weights, mutu and the priority."""

    year: int
    conducted_by: str
    result: SurveyResult
    chart: str
    profiles: tuple = ()  # respondent profile tables, when raw questionnaires are stored
    # The IKM and SKM a legacy document printed where they do not recompute, as printed ("3,2"); "" otherwise.
    declared_ikm: str = ""
    declared_skm: str = ""


def _mismatch(declared: str, computed: Decimal | None) -> str:
    """A printed figure that does not recompute, in Indonesian with its own decimals; "" when it does."""
    if not declared or declared_matches(declared, computed):
        return ""
    return format_number(Decimal(declared), decimal_places(declared))


def survey_annexes(report: Report) -> tuple[SurveyAnnex, ...]:
    """Each survey's figures as the report computed them, with its chart, and a printed IKM or SKM that does
    not recompute (SPEC §3), to be shown beside the computed one."""
    out = []
    for survey in report.surveys:
        rows = [(e.code, e.nrr, e.priority) for e in survey.detail.elements]
        chart = unsur_chart(rows, title=f"Nilai rata-rata per unsur pelayanan {survey.year}")
        out.append(
            SurveyAnnex(
                survey.year,
                survey.conducted_by,
                survey.detail,
                chart,
                survey.profiles,
                declared_ikm=_mismatch(survey.declared_ikm, survey.ikm),
                declared_skm=_mismatch(survey.declared_skm, survey.skm),
            )
        )
    return tuple(out)


def _has_quarters(indicator: IndicatorRow) -> bool:
    return any(q.target is not None or q.realisation is not None for q in indicator.quarters)


def annexes_build(report: Report) -> Annexes:
    scale = report.government.ikm_scale or DEFAULT_MUTU_SCALE
    return Annexes(
        agreements=agreement_sheets(report),
        key_indicators=tuple(i for i in report.indicators if i.is_key),
        mutu_scale=MUTU_SCALES.get(scale, ()),
        tree=performance_tree(report),
        action_plan=tuple(i for i in report.indicators if _has_quarters(i)),
        without_action_plan=tuple(i for i in report.indicators if not _has_quarters(i)),
        renstra_years=tuple(report.plan.years),
        renstra=renstra_rows(report),
        ceilings=ceiling_rows(report.budget),
        ceiling_total=_ceiling_row(report.budget, 0),
        surveys=survey_annexes(report),
    )
