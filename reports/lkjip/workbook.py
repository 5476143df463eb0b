"""Excel exports: the LKjIP annex workbook and the Renstra program/activity table (openpyxl).

Every figure comes from the report object (`report_build`); nothing is computed here except what Excel itself
recomputes: the budget roll-ups are written as live formulas over the sub kegiatan cells, so a planner who
corrects a figure in the workbook sees kegiatan, program and total follow.

Numbers are written as Decimal cells: openpyxl turns them into the file's double (`"%.16g" % value`) when it
serialises the sheet, which is the one place a float may appear. Percentages are kept in percent units (94,54,
not 0,9454) with a two-decimal format, as the report prints them.

Every cell is written through `sakip.spreadsheet.set_cell`: a planner's text ("=HYPERLINK(…)" as an indicator
name) goes out as text; only the `Formula` values built here are live.
"""

from __future__ import annotations

import re
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from reports.lkjip import narration
from reports.readmodel.types import BudgetRow, Figures, IndicatorRow, Report
from sakip.numbers import format_number
from sakip.spreadsheet import set_cell
from sakip.xlsx import (
    BOLD,
    Column,
    Sheet,
    difference_formula,
    kind_of,
    new_workbook,
    ratio_formula,
    spent_sum_formula,
    sum_formula,
    text_colour,
)

QUARTER_LABELS = ("TW I", "TW II", "TW III", "TW IV")


PROGRAMS_TITLE = "Capaian Program"


def comparison_title(year: int, first_year: int | None = None) -> str:
    """The comparison sheet's name: its years, N-2..N or the whole Renstra series (`Report.series_years`)."""
    return f"Perbandingan {year - 2 if first_year is None else first_year}-{year}"


EXPENDITURE_TITLE = "Belanja OPD"
PROGRESS_TITLE = "Fisik dan Keuangan"


def optional_sheet_titles(report: Report) -> tuple[str, ...]:
    """The sheets written after "Realisasi Anggaran" only when the year has their data."""
    titles = []
    if report.expenditures or report.spending_groups:
        titles.append(EXPENDITURE_TITLE)
    if report.budget.has_progress:
        titles.append(PROGRESS_TITLE)
    return tuple(titles)


CONTEXT_TITLE = "Misi dan Strategi"
DEFINITIONS_TITLE = "Definisi Indikator"
STAFF_TITLE = "SDM"
FACILITIES_TITLE = "Sarana Prasarana"
ISSUES_TITLE = "Isu Strategis"
RISKS_TITLE = "Daftar Risiko"


def annex_sheet_titles(
    year: int, first_year: int | None = None, report: Report | None = None
) -> tuple[str, ...]:
    """The sheets of the annex workbook, in order. The comparison sheet is named after the report's series
    (`first_year`, or the report's first series year). The organisation profile's sheets (BAB I first, the risk
    register before the checks) are there only when the report has their data, and so are
    `optional_sheet_titles`, after "Realisasi Anggaran"."""
    if report is not None and first_year is None and report.series_years:
        first_year = report.series_years[0]
    profile = report.profile if report is not None else None
    first = (
        (STAFF_TITLE,) * bool(profile and profile.staff)
        + (FACILITIES_TITLE,) * bool(profile and profile.facilities)
        + (ISSUES_TITLE,) * bool(profile and profile.issues)
    )
    risks = (RISKS_TITLE,) * bool(profile and profile.risks)
    optional = optional_sheet_titles(report) if report is not None else ()
    return (
        *first,
        CONTEXT_TITLE,
        "Perjanjian Kinerja",
        "IKU",
        DEFINITIONS_TITLE,
        "Capaian",
        comparison_title(year, first_year),
        PROGRAMS_TITLE,
        "Rencana Aksi",
        "Monev Triwulan",
        "Realisasi Anggaran",
        *optional,
        "IKM",
        *risks,
        "Pemeriksaan",
    )


class AnnexSheet(Sheet):
    """A sheet of the LKjIP annexes: the report year and the agency in its title rows and page header."""

    def __init__(self, wb: Workbook, report: Report, title: str, columns: list[Column], heading: str = ""):
        agency, year = report.agency, report.year
        heading = heading or f"{title} Tahun {year}"
        super().__init__(
            wb,
            title,
            columns,
            heading=heading,
            subtitle=f"{agency.name} — {report.government.name} — Tahun {year}",
            page_header=f"{agency.name} — {page_heading(heading, year)}",
        )


def page_heading(heading: str, year: int) -> str:
    """The sheet's heading as the printed page's header names it: with the report year once ("Rencana Aksi Tahun
    2021", "Perbandingan Capaian Kinerja 2019–2021"), never twice (issue 18: "… Tahun 2021 2021")."""
    return heading if re.search(rf"(?<!\d){year}(?!\d)", heading) else f"{heading} Tahun {year}"


def _predicate_cell(sheet: Sheet, row: int, column: int, band):
    if band is None:
        return
    cell = sheet.ws.cell(row, column)
    colour = band.colour.lstrip("#").upper()
    cell.fill = PatternFill("solid", fgColor=colour)
    cell.font = Font(bold=True, color=text_colour(colour))


def _figure_kinds(figures: Figures):
    return [kind_of(figures.target), kind_of(figures.realisation), "percent"]


# --- the annex sheets ----------------------------------------------------------------------------------------
def _agreement_sheet(wb, report: Report):
    """The year's targets of each set side by side: Renstra, PK murni and, when there is one, PK perubahan with
    the reason for the change (issue 18)."""
    year = report.year
    revised = bool(narration.revised_rows(report)) or report.agreement("perubahan") is not None
    columns = [
        Column("No", "integer", 6),
        Column("Sasaran Strategis", "long"),
        Column("Indikator Kinerja", "long"),
        Column("Satuan"),
        Column(f"Target Renstra {year}", "measure"),
        Column(f"Target PK murni {year}", "measure"),
    ]
    if revised:
        columns += [Column(f"Target PK perubahan {year}", "measure"), Column("Alasan perubahan", "long")]
    sheet = AnnexSheet(wb, report, "Perjanjian Kinerja", columns, heading=narration.agreement_caption(report))
    for number, objective in enumerate(report.objectives, start=1):
        for k, indicator in enumerate(objective.indicators):
            inputs = indicator.inputs
            values = [
                number if k == 0 else "",
                objective.statement if k == 0 else "",
                indicator.name,
                indicator.unit,
                inputs.renstra_target,
                inputs.pk_target,
            ]
            if revised:
                values += [inputs.pk_revised_target, indicator.revision_reason]
            sheet.add(
                values,
                kinds=["integer", "long", "long", "text", *(kind_of(v) for v in values[4:6])]
                + ([kind_of(inputs.pk_revised_target), "long"] if revised else []),
            )
    sheet.note(narration.agreement_sentence(report))
    sheet.header(["No", "Program", "Anggaran (Rp)"])
    kinds = ["integer", "long", "rupiah"]
    rows = [
        sheet.add([k, f"{p.code} {p.name}", p.figures.ceiling], kinds=kinds)
        for k, p in enumerate(report.budget.children, start=1)
    ]
    if rows:
        sheet.add(
            ["", "Jumlah", sum_formula("C", rows, report.budget.figures.ceiling is not None)],
            kinds=kinds,
            style="total",
        )
    sheet.finish()


def _key_indicator_sheet(wb, report: Report):
    sheet = AnnexSheet(
        wb,
        report,
        "IKU",
        [
            Column("No", "integer", 6),
            Column("Kode"),
            Column("Indikator Kinerja Utama", "long"),
            Column("Satuan"),
            Column("Formulasi", "long"),
            Column("Sumber Data", "long"),
            Column("Penanggung Jawab", "long"),
        ],
        heading="Indikator Kinerja Utama (IKU)",
    )
    key = [i for i in report.indicators if i.is_key]
    for k, i in enumerate(key, start=1):
        sheet.add([k, i.code, i.name, i.unit, i.formula, i.data_source, i.responsible_unit])
    if not key:
        sheet.note("Belum ada indikator yang ditetapkan sebagai IKU.")
    sheet.finish()


def _context_sheet(wb, report: Report):
    """BAB II's strategic context (issue 18, point 9): each sasaran's misi and RPJMD goal, the misi, and the
    strategies with their arah kebijakan."""
    sheet = AnnexSheet(
        wb,
        report,
        CONTEXT_TITLE,
        [
            Column("Kode"),
            Column("Sasaran Strategis", "long"),
            Column("Misi", "long"),
            Column("Tujuan/Sasaran RPJMD", "long"),
        ],
        heading="Misi, Keterkaitan Sasaran dan Strategi",
    )
    kinds = ["text", "long", "long", "long"]
    for o in report.objectives:
        mission = f"{o.mission_number}. {o.mission}" if o.mission_number else ""
        sheet.add([o.code, o.statement, mission, o.rpjmd_goal], kinds=kinds)
    sheet.header(["No", "Misi"])
    for k, mission in enumerate(report.missions, start=1):
        sheet.add([k, mission], kinds=["integer", "long"])
    if not report.missions:
        sheet.note("Misi belum dicatat.")
    sheet.header(["Kode", "Sasaran Strategis", "Strategi", "Arah Kebijakan"])
    for o in report.objectives:
        for statement, policies in o.strategies:
            sheet.add([o.code, o.statement, statement, "\n".join(policies)], kinds=kinds)
    if not any(o.strategies for o in report.objectives):
        sheet.note("Strategi dan arah kebijakan belum dicatat.")
    sheet.finish()


def _definitions_sheet(wb, report: Report):
    """How every sasaran indicator is measured (issue 18, point 7): BAB II's table of definitions."""
    sheet = AnnexSheet(
        wb,
        report,
        DEFINITIONS_TITLE,
        [
            Column("Kode"),
            Column("Indikator Kinerja Sasaran", "long"),
            Column("Satuan"),
            Column("Formulasi", "long"),
            Column("Sumber Data", "long"),
            Column("Kumulatif"),
            Column("Jenis Standar", "long"),
            Column("Standar", "measure"),
            Column("Dasar Standar", "long"),
        ],
        heading="Definisi Indikator Kinerja Sasaran",
    )
    for i in report.objective_indicators:
        has_standard = i.national_standard is not None
        sheet.add(
            [
                i.code,
                i.name,
                i.unit,
                i.formula,
                i.data_source,
                "Ya" if i.cumulative else "Tidak",
                i.national_standard_name if has_standard else "",
                i.national_standard,
                i.national_standard_source,
            ],
            kinds=[
                "text",
                "long",
                "text",
                "long",
                "long",
                "text",
                "long",
                kind_of(i.national_standard),
                "long",
            ],
        )
    if not report.objective_indicators:
        sheet.note("Belum ada indikator kinerja sasaran.")
    sheet.finish()


def _indicator_kinds(i: IndicatorRow, report: Report):
    second = ["text"] if report.indicator_scale is not None else []
    return ["text", "long", "text", *_figure_kinds(i.current), "text", *second]


def _result_columns(name: str, report: Report) -> list[Column]:
    """The columns of a table of year N's results: code, name, unit, target, realisation, capaian, predicate, and
    a second predicate ("Kategori") when the Pemda declares a scale per indicator (issue 18, point 10)."""
    year = report.year
    second = [Column("Kategori", width=20)] if report.indicator_scale is not None else []
    return [
        Column("Kode"),
        Column(name, "long"),
        Column("Satuan"),
        Column(f"Target {year}", "measure"),
        Column(f"Realisasi {year}", "measure"),
        Column("Capaian (%)", "percent"),
        Column("Predikat", width=20),
        *second,
        Column("Sumber target", width=16),
        Column("Status realisasi", width=14),
    ]


def _result_row(sheet, i: IndicatorRow, name: str, report: Report) -> None:
    """One indicator's row of a result sheet (`_result_columns`), its predicate cells coloured; the target's set
    and a provisional realisation ("Sementara") named in the last two columns."""
    values = [
        i.code,
        name,
        i.unit,
        i.target,
        i.realisation,
        i.capaian,
        i.predicate.label if i.predicate else "",
    ]
    if report.indicator_scale is not None:
        values.append(i.indicator_predicate.label if i.indicator_predicate else "")
    values += [i.current.source_label, "Sementara" if i.provisional else ""]
    row = sheet.add(values, kinds=[*_indicator_kinds(i, report), "text", "text"])
    _predicate_cell(sheet, row, 7, i.predicate)
    if report.indicator_scale is not None:
        _predicate_cell(sheet, row, 8, i.indicator_predicate)


def _result_notes(sheet, rows: list[IndicatorRow]) -> None:
    """The notes under a result sheet: provisional realisations and how a grade's capaian is computed."""
    provisional = narration.provisional_note(rows)
    if provisional:
        sheet.note(provisional)
    for rule in narration.grade_notes(rows):
        sheet.note(rule)


def _achievement_sheet(wb, report: Report):
    year = report.year
    sheet = AnnexSheet(
        wb,
        report,
        "Capaian",
        _result_columns("Sasaran / Indikator Kinerja", report),
        heading=f"Capaian Kinerja Sasaran Tahun {year}",
    )
    for objective in report.objectives:
        row = sheet.add(
            [
                objective.code,
                objective.statement,
                "",
                "",
                "",
                objective.capaian,
                objective.predicate.label if objective.predicate else "",
            ],
            style="group",
        )
        _predicate_cell(sheet, row, 7, objective.predicate)
        for i in objective.indicators:
            _result_row(sheet, i, i.name, report)
    rows = list(report.objective_indicators)
    counts = narration.achievement_counts(report)
    sheet.note(
        f"Capaian diukur terhadap {narration.target_set_phrase(report)}: {counts.achieved} dari {counts.total} "
        "indikator mencapai atau melampaui target."
    )
    _result_notes(sheet, rows)
    sheet.finish()


def _units_text(indicator: IndicatorRow, years: tuple[int, ...]) -> str:
    """The indicator's unit, and the years whose figures are in another ("%; 2019, 2020: produk")."""
    others: dict[str, list[str]] = {}
    for y in years:
        if indicator.unit_of(y) != indicator.unit:
            others.setdefault(indicator.unit_of(y), []).append(str(y))
    return "; ".join([indicator.unit, *(f"{', '.join(ys)}: {u}" for u, ys in others.items())])


def _comparison_sheet(wb, report: Report):
    """Target, realisation and capaian of every year of the report's series (N-2..N, or since the Renstra's
    first year in its final year or on request), with each year's target set."""
    years = report.series_years or (report.year - 2, report.year - 1, report.year)
    columns = [Column("Kode"), Column("Indikator Kinerja Sasaran", "long"), Column("Satuan")]
    for y in years:
        columns += [
            Column(f"Target {y}", "measure"),
            Column(f"Sumber target {y}", width=14),
            Column(f"Realisasi {y}", "measure"),
            Column(f"Capaian {y} (%)", "percent"),
        ]
    sheet = AnnexSheet(
        wb,
        report,
        comparison_title(report.year, years[0]),
        columns,
        heading=f"Perbandingan Capaian Kinerja {years[0]}–{years[-1]}",
    )
    empty = Figures(None, None, None)
    provisional = False
    for i in report.objective_indicators:
        series = {**i.history, report.year: i.current}
        values, kinds = [i.code, i.name, _units_text(i, years)], ["text", "long", "text"]
        for y in years:
            f = series.get(y, empty)
            provisional = provisional or f.provisional
            realisation = f"{format_number(f.realisation)}*" if f.provisional else f.realisation
            values += [f.target, f.source_label, realisation, f.capaian]
            kinds += [kind_of(f.target), "text", kind_of(realisation), "percent"]
        sheet.add(values, kinds=kinds)
    if provisional:
        sheet.note(narration.series_provisional_note(report.objective_indicators, years))
    for rule in narration.grade_notes(report.objective_indicators):
        sheet.note(rule)
    sheet.finish()


def _programs_sheet(wb, report: Report):
    """Program → kegiatan → sub kegiatan indicators of year N under each sasaran (BAB III's table, issue 18)."""
    year = report.year
    sheet = AnnexSheet(
        wb,
        report,
        PROGRAMS_TITLE,
        _result_columns("Program / Kegiatan / Indikator", report),
        heading=f"Capaian Indikator Program dan Kegiatan per Sasaran Tahun {year}",
    )
    start = report.plan.start_year

    def indicator(i: IndicatorRow) -> None:
        name = i.name
        if i.cumulative:
            name += f" (kumulatif {start}–{year}; tahun {year}: {format_number(i.year_realisation)})"
        _result_row(sheet, i, name, report)

    for group in report.program_groups:
        title = (
            f"Sasaran {group.objective_code}: {group.statement}" if group.objective_code else group.statement
        )
        sheet.add([group.objective_code, title], kinds=["text", "long"], style="group")
        for program in group.programs:
            shared = program.objective_codes
            note = f" (mendukung sasaran {', '.join(shared)})" if len(shared) > 1 else ""
            sheet.add([program.code, f"Program: {program.name}{note}"], kinds=["text", "long"])
            for i in program.indicators:
                indicator(i)
            if shared and shared[0] != group.objective_code:  # kegiatan detailed under the first sasaran only
                sheet.add(["", f"Indikator kegiatan: lihat sasaran {shared[0]}."], kinds=["text", "long"])
                continue
            for activity in program.activities:
                if not activity.has_indicators:
                    continue
                sheet.add([activity.code, f"Kegiatan: {activity.name}"], kinds=["text", "long"])
                for i in activity.indicators:
                    indicator(i)
                for sub in activity.children:
                    if sub.indicators:
                        sheet.add([sub.code, f"Sub kegiatan: {sub.name}"], kinds=["text", "long"])
                        for i in sub.indicators:
                            indicator(i)
        if not group.programs:
            sheet.note("Belum ada program yang dikaitkan dengan sasaran ini.")
    _result_notes(sheet, list(report.program_indicators))
    sheet.finish()


def _has_quarters(i: IndicatorRow) -> bool:
    return any(q.target is not None or q.realisation is not None for q in i.quarters)


def _action_plan_sheet(wb, report: Report):
    year = report.year
    columns = [
        Column("Kode"),
        Column("Indikator Kinerja", "long"),
        Column("Satuan"),
        Column(f"Target {year}", "measure"),
    ]
    columns += [Column(f"Target {q}", "measure") for q in QUARTER_LABELS]
    sheet = AnnexSheet(wb, report, "Rencana Aksi", columns, heading=f"Rencana Aksi Tahun {year}")
    listed = [i for i in report.indicators if _has_quarters(i)]
    for i in listed:
        targets = [q.target for q in i.quarters]
        sheet.add(
            [i.code, i.name, i.unit, i.target, *targets],
            kinds=["text", "long", "text", *(kind_of(v) for v in (i.target, *targets))],
        )
    if not listed:
        sheet.note("Belum ada target triwulan.")
    sheet.finish()


def _quarterly_sheet(wb, report: Report):
    columns = [Column("Kode"), Column("Indikator Kinerja", "long"), Column("Satuan")]
    for q in QUARTER_LABELS:
        columns += [
            Column(f"Target {q}", "measure"),
            Column(f"Realisasi {q}", "measure"),
            Column(f"Capaian {q} (%)", "percent"),
        ]
    sheet = AnnexSheet(
        wb, report, "Monev Triwulan", columns, heading=f"Monitoring dan Evaluasi Triwulan Tahun {report.year}"
    )
    listed = [i for i in report.indicators if _has_quarters(i)]
    for i in listed:
        values, kinds = [i.code, i.name, i.unit], ["text", "long", "text"]
        for q in i.quarters:
            values += [q.target, q.realisation, q.capaian]
            kinds += _figure_kinds(q)
        sheet.add(values, kinds=kinds)
    if not listed:
        sheet.note("Belum ada data triwulan.")
    sheet.finish()


BUDGET_COLUMNS = ("C", "D", "E", "F", "G")  # pagu, realisasi, serapan, sisa, sisa %


def _budget_sheet(wb, report: Report):
    sheet = AnnexSheet(
        wb,
        report,
        "Realisasi Anggaran",
        [
            Column("Kode"),
            Column("Program / Kegiatan / Sub Kegiatan", "long"),
            Column("Pagu (Rp)", "rupiah"),
            Column("Realisasi (Rp)", "rupiah"),
            Column("Serapan (%)", "percent"),
            Column("Sisa (Rp)", "rupiah"),
            Column("Sisa (%)", "percent"),
        ],
        heading=f"Realisasi Anggaran Tahun {report.year}",
    )
    c, d, e, f, g = BUDGET_COLUMNS

    def derived(row: int):
        # Serapan and sisa of every row are formulas too, so a corrected pagu or realisasi recomputes them.
        ws = sheet.ws
        set_cell(ws[f"{e}{row}"], ratio_formula(f"{d}{row}", f"{c}{row}"))
        set_cell(ws[f"{f}{row}"], difference_formula(f"{c}{row}", f"{d}{row}"))
        set_cell(ws[f"{g}{row}"], ratio_formula(f"{f}{row}", f"{c}{row}"))

    def write(budget: BudgetRow, style="") -> int:
        row = sheet.add([budget.code, budget.name, None, None, None, None, None], style=style)
        if not budget.children:  # a sub kegiatan, or a kegiatan without any: the figures themselves
            set_cell(sheet.ws[f"{c}{row}"], budget.figures.ceiling)
            set_cell(sheet.ws[f"{d}{row}"], budget.figures.spent)
        derived(row)
        return row

    def fill_parent(row: int, budget: BudgetRow, children: list[int]):
        set_cell(sheet.ws[f"{c}{row}"], sum_formula(c, children, budget.figures.ceiling is not None))
        set_cell(sheet.ws[f"{d}{row}"], spent_sum_formula(c, d, children, budget.figures.spent is not None))

    program_rows = []
    for program in report.budget.children:
        prow = write(program, style="group")
        activity_rows = []
        for activity in program.children:
            arow = write(activity)
            sheet.ws[f"B{arow}"].font = BOLD
            subs = [write(sub) for sub in activity.children]
            if subs:
                fill_parent(arow, activity, subs)
            activity_rows.append(arow)
        if activity_rows:
            fill_parent(prow, program, activity_rows)
        program_rows.append(prow)
    total = sheet.add(["", "Jumlah", None, None, None, None, None], style="total")
    derived(total)
    if program_rows:
        fill_parent(total, report.budget, program_rows)
    sheet.finish()


def _expenditure_sheet(wb, report: Report):
    """The whole budget per part with year N-1 beside it, then the realisations declared for groups of
    programs. Written only when the year has either."""
    if EXPENDITURE_TITLE not in optional_sheet_titles(report):
        return
    previous = report.year - 1
    sheet = AnnexSheet(
        wb,
        report,
        EXPENDITURE_TITLE,
        [
            Column("Uraian", "long"),
            Column("Pagu Murni (Rp)", "rupiah"),
            Column("Pagu Rasionalisasi (Rp)", "rupiah"),
            Column("Pagu Perubahan (Rp)", "rupiah"),
            Column("Realisasi (Rp)", "rupiah"),
            Column("Serapan (%)", "percent"),
            Column("Sisa (Rp)", "rupiah"),
            Column(f"Pagu {previous} (Rp)", "rupiah"),
            Column(f"Realisasi {previous} (Rp)", "rupiah"),
            Column("Perubahan Realisasi (%)", "percent"),
        ],
        heading=f"Belanja {report.agency.short_name or report.agency.name} Tahun {report.year}",
    )
    for e in report.expenditures:
        a, f = e.amounts, e.figures
        sheet.add(
            [
                ("  " * e.depth) + e.label + (" *" if e.computed else ""),
                a.ceiling_original,
                a.ceiling_rationalised,
                a.ceiling_revised,
                f.spent,
                f.absorption,
                f.remaining,
                e.ceiling_change.previous,
                e.spent_change.previous,
                e.spent_change.percent,
            ],
            style="total" if e.depth == 0 else "",
        )
    if any(e.computed for e in report.expenditures):
        sheet.note("* Jumlah dari rinciannya.")
    for g in report.spending_groups:
        programs = "; ".join(f"{code} {name}" for code, name in g.programs) or "–"
        sheet.add(
            [
                f"Realisasi gabungan: {g.label} ({programs})",
                None,
                None,
                g.figures.ceiling,
                g.figures.spent,
                g.figures.absorption,
                g.figures.remaining,
                None,
                None,
                None,
            ],
            style="group",
        )
    sheet.finish()


def _progress_sheet(wb, report: Report):
    """Per typed line and in total, per quarter: anggaran kas, financial and physical progress (cumulative % of
    the pagu) with their deviations from the plan, and the quarter's absorption milestone."""
    if PROGRESS_TITLE not in optional_sheet_titles(report):
        return
    columns = [Column("Kode"), Column("Sub Kegiatan", "long"), Column("Pagu (Rp)", "rupiah")]
    for label, q in zip(QUARTER_LABELS, report.budget.progress, strict=True):
        target = format_number(q.milestone, 0)
        columns += [
            Column(f"Rencana {label} (%)", "percent"),
            Column(f"Keuangan {label} (%) [target {target}]", "percent"),
            Column(f"Deviasi Keuangan {label}", "percent"),
            Column(f"Fisik {label} (%)", "percent"),
            Column(f"Deviasi Fisik {label}", "percent"),
        ]
    sheet = AnnexSheet(
        wb,
        report,
        PROGRESS_TITLE,
        columns,
        heading=f"Realisasi Fisik dan Keuangan per Triwulan Tahun {report.year}",
    )

    def values(row: BudgetRow) -> list:
        out: list = [row.figures.ceiling]
        for q in row.progress:
            out += [
                q.planned_pct,
                q.financial_pct,
                q.financial_deviation,
                q.physical_pct,
                q.physical_deviation,
            ]
        return out

    for line in report.budget.progress_lines:
        sheet.add([line.code, line.name, *values(line)])
    sheet.add(["", "Jumlah", *values(report.budget)], style="total")
    sheet.note(
        "Kumulatif sampai akhir triwulan, dalam persen pagu; deviasi = realisasi − rencana (anggaran kas)."
    )
    sheet.finish()


def _survey_sheet(wb, report: Report):
    sheet = AnnexSheet(
        wb,
        report,
        "IKM",
        [
            Column("Kode"),
            Column("Unsur Pelayanan", "long"),
            Column("Jumlah Nilai", "measure"),
            Column("Jumlah Responden (n)", "integer"),
            Column("NRR", "measure"),
        ],
        heading="Indeks Kepuasan Masyarakat (IKM)",
    )
    for survey in report.surveys:
        title = f"Survei {survey.year}" + (f" — {survey.conducted_by}" if survey.conducted_by else "")
        sheet.add(["", title, "", "", ""], style="group")
        for code, name, total, n, nrr in survey.elements:
            sheet.add([code, name, total, n, nrr], kinds=["text", "long", "measure", "integer", "measure"])
        kinds = ["text", "long", "text", "text", "measure"]
        sheet.add(["", "IKM (skala 1–4)", "", "", survey.ikm], kinds=kinds, style="total")
        sheet.add(["", "SKM / nilai konversi (25–100)", "", "", survey.skm], kinds=kinds, style="total")
        mutu = f"{survey.mutu.letter} ({survey.mutu.label})" if survey.mutu else "–"
        sheet.add(
            ["", "Mutu pelayanan", "", "", mutu],
            kinds=["text", "long", "text", "text", "text"],
            style="total",
        )
    if not report.surveys:
        sheet.note("Belum ada survei kepuasan masyarakat.")
    sheet.finish()


# --- the organisation profile (BAB I) and the risk register: sheets only when there is data ---------------------
def _staff_sheet(wb, report: Report):
    if not report.profile.staff:
        return
    sheet = AnnexSheet(
        wb,
        report,
        STAFF_TITLE,
        [
            Column("No", "integer", 6),
            Column("Uraian", "long"),
            Column("Jumlah (orang)", "integer"),
            Column("Persentase (%)", "percent"),
        ],
        heading="Sumber Daya Manusia",
    )
    for staff in report.profile.staff:
        sheet.add(["", staff.title, "", ""], style="group", kinds=["text", "long", "text", "text"])
        for k, line in enumerate(staff.table.lines, start=1):
            sheet.add([k, line.label, line.count, line.share])
        sheet.add(["", "Jumlah", staff.table.total, None], style="total")
    sheet.finish()


def _facilities_sheet(wb, report: Report):
    table = report.profile.facilities
    if table is None:
        return
    sheet = AnnexSheet(
        wb,
        report,
        FACILITIES_TITLE,
        [
            Column("No", "integer", 6),
            Column("Kelompok"),
            Column("Nama / Jenis Barang", "long"),
            Column("Jumlah", "integer"),
            Column("Satuan"),
            Column("Tahun Perolehan"),
            Column("Kondisi"),
            Column("Nilai", "rupiah"),
            Column("Keterangan"),
        ],
        heading="Sarana dan Prasarana",
    )
    for k, f in enumerate(table.rows, start=1):
        year = str(f.acquired_year) if f.acquired_year else ""
        sheet.add([k, f.category, f.name, f.quantity, f.unit, year, f.condition, f.value, f.note])
    sheet.add(["", "", "Jumlah", table.total_quantity, "", "", "", table.total_value, ""], style="total")
    sheet.finish()


def _issues_sheet(wb, report: Report):
    if not report.profile.issues:
        return
    sheet = AnnexSheet(
        wb,
        report,
        ISSUES_TITLE,
        [
            Column("No", "integer", 6),
            Column("Isu Strategis", "long"),
            Column("Penyebab / Permasalahan", "long"),
            Column("Sasaran Terkait", "long"),
        ],
        heading="Pemetaan Isu Strategis",
    )
    for k, i in enumerate(report.profile.issues, start=1):
        sheet.add([k, i.issue, i.cause, f"{i.objective_code} {i.objective_statement}".strip()])
    sheet.finish()


def _risks_sheet(wb, report: Report):
    if not report.profile.risks:
        return
    sheet = AnnexSheet(
        wb,
        report,
        RISKS_TITLE,
        [
            Column("No", "integer", 6),
            Column("Pernyataan Risiko", "long"),
            Column("Penyebab", "long"),
            Column("Dampak", "long"),
            Column("Skor Kemungkinan", "integer"),
            Column("Skor Dampak", "integer"),
            Column("Tingkat Risiko", "integer"),
            Column("Rencana Tindak Pengendalian", "long"),
            Column("Target Waktu"),
            Column("Penanggung Jawab"),
            Column("Sasaran"),
        ],
    )
    for k, r in enumerate(report.profile.risks, start=1):
        sheet.add(
            [k, r.statement, r.cause, r.impact, r.likelihood, r.severity, r.level, r.mitigation, r.schedule]
            + [r.owner_unit, r.objective_code]
        )
    sheet.finish()


def _checks_sheet(wb, report: Report):
    sheet = AnnexSheet(
        wb,
        report,
        "Pemeriksaan",
        [Column("No", "integer", 6), Column("Tingkat"), Column("Temuan", "long"), Column("Data", "long")],
        heading="Pemeriksaan Konsistensi",
    )
    for k, finding in enumerate(report.checks, start=1):
        sheet.add([k, "galat" if finding.level == "error" else "peringatan", finding.message, finding.path])
    if not report.checks:
        sheet.note("Tidak ada temuan: semua angka konsisten.")
    sheet.finish()


def annex_workbook(report: Report) -> Workbook:
    """The LKjIP annexes as an Excel workbook, one sheet per table (see `annex_sheet_titles`)."""
    # Fixed dates (derived from the year) so the same data always gives the same file.
    wb = new_workbook(f"Lampiran LKjIP {report.year} {report.agency.name}", datetime(report.year, 12, 31))
    for build in (
        _staff_sheet,
        _facilities_sheet,
        _issues_sheet,
        _context_sheet,
        _agreement_sheet,
        _key_indicator_sheet,
        _definitions_sheet,
        _achievement_sheet,
        _comparison_sheet,
        _programs_sheet,
        _action_plan_sheet,
        _quarterly_sheet,
        _budget_sheet,
        _expenditure_sheet,
        _progress_sheet,
        _survey_sheet,
        _risks_sheet,
        _checks_sheet,
    ):
        build(wb, report)
    return wb
