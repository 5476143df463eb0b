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


def comparison_title(year: int) -> str:
    return f"Perbandingan {year - 2}-{year}"


CONTEXT_TITLE = "Misi dan Strategi"
DEFINITIONS_TITLE = "Definisi Indikator"


def annex_sheet_titles(year: int) -> tuple[str, ...]:
    """The sheets of the annex workbook, in order."""
    return (
        CONTEXT_TITLE,
        "Perjanjian Kinerja",
        "IKU",
        DEFINITIONS_TITLE,
        "Capaian",
        comparison_title(year),
        PROGRAMS_TITLE,
        "Rencana Aksi",
        "Monev Triwulan",
        "Realisasi Anggaran",
        "IKM",
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
    year = report.year
    sheet = AnnexSheet(
        wb,
        report,
        "Perjanjian Kinerja",
        [
            Column("No", "integer", 6),
            Column("Sasaran Strategis", "long"),
            Column("Indikator Kinerja", "long"),
            Column("Satuan"),
            Column(f"Target {year}", "measure"),
        ],
    )
    for number, objective in enumerate(report.objectives, start=1):
        for k, indicator in enumerate(objective.indicators):
            sheet.add(
                [
                    number if k == 0 else "",
                    objective.statement if k == 0 else "",
                    indicator.name,
                    indicator.unit,
                    indicator.target,
                ],
                kinds=["integer", "long", "long", "text", kind_of(indicator.target)],
            )
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
    ]


def _result_row(sheet, i: IndicatorRow, name: str, report: Report) -> None:
    """One indicator's row of a result sheet (`_result_columns`), its predicate cells coloured."""
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
    row = sheet.add(values, kinds=_indicator_kinds(i, report))
    _predicate_cell(sheet, row, 7, i.predicate)
    if report.indicator_scale is not None:
        _predicate_cell(sheet, row, 8, i.indicator_predicate)


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
    sheet.finish()


def _comparison_sheet(wb, report: Report):
    years = (report.year - 2, report.year - 1, report.year)
    columns = [Column("Kode"), Column("Indikator Kinerja Sasaran", "long"), Column("Satuan")]
    for y in years:
        columns += [
            Column(f"Target {y}", "measure"),
            Column(f"Realisasi {y}", "measure"),
            Column(f"Capaian {y} (%)", "percent"),
        ]
    sheet = AnnexSheet(
        wb,
        report,
        comparison_title(report.year),
        columns,
        heading=f"Perbandingan Capaian Kinerja {years[0]}–{years[-1]}",
    )
    for i in report.objective_indicators:
        series = [i.history.get(y, Figures(None, None, None)) for y in years[:2]] + [i.current]
        values, kinds = [i.code, i.name, i.unit], ["text", "long", "text"]
        for f in series:
            values += [f.target, f.realisation, f.capaian]
            kinds += _figure_kinds(f)
        sheet.add(values, kinds=kinds)
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
        _survey_sheet,
        _checks_sheet,
    ):
        build(wb, report)
    return wb
