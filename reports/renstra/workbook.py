"""The Renstra document as an Excel workbook (openpyxl): one sheet per table of the document; BAB VI's program,
total and period-total cells are live SUM formulas over the kegiatan figures. Every cell through
`sakip.spreadsheet.set_cell` (a planner's text is text; only our `Formula` values are live).
"""

from __future__ import annotations

from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from reports.renstra.document import PlanIndicator, RenstraDocument
from sakip.spreadsheet import Formula, set_cell
from sakip.xlsx import (
    BOLD,
    PERCENT,
    Column,
    Sheet,
    kind_of,
    new_workbook,
    ratio_formula,
    sum_formula,
)

LEVEL_NAMES = {"program": "Program", "activity": "Kegiatan", "sub_activity": "Sub Kegiatan"}


# --- the Renstra document ------------------------------------------------------------------------------------
def renstra_sheet_titles() -> tuple[str, ...]:
    """The sheets of the Renstra document workbook, in order (one per table of the document)."""
    return (
        "BAB II Kinerja",
        "BAB II Anggaran",
        "BAB IV Tujuan Sasaran",
        "BAB V Strategi",
        "BAB VI Program Kegiatan",
        "BAB VII Kinerja Urusan",
        "Lampiran Formulasi",
        "Pemeriksaan",
    )


class _RenstraSheet(Sheet):
    """A sheet of the Renstra: the plan period instead of a report year in its title rows and page header."""

    def __init__(self, wb: Workbook, doc: RenstraDocument, title: str, columns: list[Column], heading: str):
        plan = doc.plan
        period = f"{plan.start_year}–{plan.end_year}"
        super().__init__(
            wb,
            title,
            columns,
            heading=heading,
            subtitle=f"{doc.agency.name} — {doc.report.government.name} — Renstra {period} ({doc.revision})",
            page_header=f"{doc.agency.name} — Renstra {period} — {heading}",
        )


def _target_kinds(values):
    return [kind_of(v) for v in values]


def _review_sheets(wb, doc: RenstraDocument):
    review = doc.review
    years = list(review.years)
    columns = [Column("Kode"), Column("Indikator Kinerja", "long"), Column("Satuan"), Column("Uraian")]
    columns += [Column(str(y), "measure") for y in years]
    sheet = _RenstraSheet(wb, doc, "BAB II Kinerja", columns, "Pencapaian Kinerja Pelayanan Perangkat Daerah")
    for r in review.indicators:
        head = ["text", "long", "text", "text"]
        sheet.add([r.code, r.name, r.unit, "Target", *r.first], kinds=head + _target_kinds(r.first))
        sheet.add(["", "", "", "Realisasi", *r.second], kinds=head + _target_kinds(r.second))
        sheet.add(["", "", "", "Capaian (%)", *r.ratio], kinds=head + ["percent"] * len(years))
    if not review.indicators:
        sheet.note("Belum ada realisasi kinerja yang tercatat untuk ditelaah.")
    sheet.finish()

    columns = [Column("Kode"), Column("Program", "long"), Column("Uraian")]
    columns += [Column(f"{y} (Rp)", "rupiah") for y in years]
    columns += [Column("Rata-rata pertumbuhan (%)", "percent")]
    sheet = _RenstraSheet(
        wb, doc, "BAB II Anggaran", columns, "Anggaran dan Realisasi Pendanaan Pelayanan Perangkat Daerah"
    )
    letters = [get_column_letter(4 + k) for k in range(len(years))]
    for r in (*review.budget, *([review.total] if review.total else [])):
        style = "total" if r is review.total else ""
        first = sheet.add([r.code, r.name, "Anggaran", *r.first, r.first_growth], style=style)
        second = sheet.add(["", "", "Realisasi", *r.second, r.second_growth], style=style)
        ratio = sheet.add(["", "", "Rasio (%)", *[None] * len(years), None], style=style)
        for letter in letters:
            # Rasio realisasi ÷ anggaran is a live formula over the two cells above it.
            cell = sheet.ws[f"{letter}{ratio}"]
            set_cell(cell, ratio_formula(f"{letter}{second}", f"{letter}{first}"))
            cell.number_format = PERCENT
    if not review.budget:
        sheet.note("Belum ada anggaran dan realisasi yang tercatat untuk ditelaah.")
    sheet.finish()


def _indicator_values(i: PlanIndicator):
    row = i.row
    return [row.unit, row.baseline, *i.targets], ["text", kind_of(row.baseline), *_target_kinds(i.targets)]


def _goals_sheet(wb, doc: RenstraDocument):
    years = list(doc.years)
    columns = [Column("Kode"), Column("Tujuan / Sasaran / Indikator Kinerja", "long"), Column("Satuan")]
    columns += [Column("Kondisi Awal", "measure"), *(Column(f"Target {y}", "measure") for y in years)]
    columns += [Column("Kondisi Akhir", "measure")]
    sheet = _RenstraSheet(wb, doc, "BAB IV Tujuan Sasaran", columns, "Tujuan dan Sasaran Jangka Menengah")
    width = len(columns)

    def indicator(i: PlanIndicator):
        values, kinds = _indicator_values(i)
        sheet.add(
            [i.code, i.row.name, *values, i.final],
            kinds=["text", "long", *kinds, kind_of(i.final)],
        )

    for goal in doc.goals:
        sheet.add([goal.code, f"Tujuan: {goal.statement}", *[""] * (width - 2)], style="group")
        for i in goal.indicators:
            indicator(i)
        for o in goal.objectives:
            sheet.add([o.code, f"Sasaran: {o.statement}", *[""] * (width - 2)], style="group")
            for i in o.indicators:
                indicator(i)
    if not doc.goals:
        sheet.note("Tujuan dan sasaran Renstra belum diisi.")
    sheet.finish()


def _strategies_sheet(wb, doc: RenstraDocument):
    columns = [Column("Sasaran", "long"), Column("Strategi", "long"), Column("Arah Kebijakan", "long")]
    sheet = _RenstraSheet(wb, doc, "BAB V Strategi", columns, "Tujuan, Sasaran, Strategi dan Arah Kebijakan")
    listed = False
    for o in doc.objectives:
        for k, (statement, policies) in enumerate(o.strategies):
            sheet.add([f"{o.code} {o.statement}" if k == 0 else "", statement, "\n".join(policies)])
            listed = True
    if not listed:
        sheet.note("Strategi dan arah kebijakan belum dicatat.")
    sheet.finish()


def _programs_sheet(wb, doc: RenstraDocument):
    """BAB VI: targets and indicative funding per year. Kegiatan (or sub kegiatan) funding cells hold the figures;
    program and total rows are live SUM formulas, and each row's period total sums its years."""
    years = list(doc.years)
    n = len(years)
    columns = [
        Column("Kode"),
        Column("Program / Kegiatan / Indikator Kinerja", "long"),
        Column("Satuan"),
        Column("Kondisi Awal", "measure"),
        *(Column(f"Target {y}", "measure") for y in years),
        *(Column(f"Pendanaan {y} (Rp)", "rupiah") for y in years),
        Column("Kondisi Akhir (Target)", "measure"),
        Column("Kondisi Akhir (Rp)", "rupiah"),
        Column("Unit Kerja Penanggung Jawab", "long"),
    ]
    sheet = _RenstraSheet(
        wb, doc, "BAB VI Program Kegiatan", columns, "Rencana Program, Kegiatan dan Pendanaan Indikatif"
    )
    first_money = 5 + n
    money = [get_column_letter(first_money + k) for k in range(n)]
    final_money = get_column_letter(first_money + n + 1)
    blank = [""] * n

    def owner(row, depth: int) -> int:
        name = f"{LEVEL_NAMES.get(row.level, '')}: {row.name}" if depth == 0 else row.name
        number = sheet.add(
            [row.code, name, "Rp", "", *blank, *[None] * n, "", None, row.responsible_unit],
            kinds=["text", "long", "text", "text", *["text"] * n, *["rupiah"] * n, "text", "rupiah", "long"],
            style="group" if depth == 0 else "",
        )
        sheet.ws.cell(number, 2).alignment = Alignment(wrap_text=True, vertical="top", indent=2 * depth)
        if depth:
            sheet.ws.cell(number, 2).font = BOLD
        for i in row.indicators:
            values, kinds = _indicator_values(i)
            k = sheet.add(
                ["", i.row.name, *values, *[None] * n, i.final, None, ""],
                kinds=["text", "long", *kinds, *["rupiah"] * n, kind_of(i.final), "rupiah", "long"],
            )
            sheet.ws.cell(k, 2).alignment = Alignment(wrap_text=True, vertical="top", indent=2 * depth + 2)
        children = [owner(child, depth + 1) for child in row.children]
        for k, letter in enumerate(money):
            cell = sheet.ws[f"{letter}{number}"]
            set_cell(cell, sum_formula(letter, children, known=False) if children else row.funding[k])
        set_cell(
            sheet.ws[f"{final_money}{number}"],
            Formula(
                f'=IF(COUNT({money[0]}{number}:{money[-1]}{number})=0,"",'
                f"SUM({money[0]}{number}:{money[-1]}{number}))"
            ),
        )
        return number

    program_rows = [owner(p, 0) for p in doc.programs]
    total = sheet.add(
        ["", "Jumlah pendanaan indikatif", "Rp", "", *blank, *[None] * n, "", None, ""],
        kinds=["text", "long", "text", "text", *["text"] * n, *["rupiah"] * n, "text", "rupiah", "long"],
        style="total",
    )
    if program_rows:
        for letter in money:
            set_cell(sheet.ws[f"{letter}{total}"], sum_formula(letter, program_rows, known=False))
        set_cell(sheet.ws[f"{final_money}{total}"], sum_formula(final_money, program_rows, known=False))
    sheet.finish()


def _urusan_sheet(wb, doc: RenstraDocument):
    years = list(doc.years)
    columns = [
        Column("No", "integer", 6),
        Column("Kode"),
        Column("Indikator", "long"),
        Column("IKU"),
        Column("Satuan"),
        Column("Kondisi Awal", "measure"),
        *(Column(f"Target {y}", "measure") for y in years),
        Column("Kondisi Akhir", "measure"),
    ]
    sheet = _RenstraSheet(
        wb,
        doc,
        "BAB VII Kinerja Urusan",
        columns,
        "Indikator Kinerja Perangkat Daerah yang Mengacu pada Tujuan dan Sasaran RPJMD",
    )
    for k, i in enumerate(doc.strategic_indicators, start=1):
        values, kinds = _indicator_values(i)
        sheet.add(
            [k, i.code, i.row.name, "IKU" if i.row.is_key else "", *values, i.final],
            kinds=["integer", "text", "long", "text", *kinds, kind_of(i.final)],
        )
    if not doc.strategic_indicators:
        sheet.note("Indikator tujuan dan sasaran belum ditetapkan.")
    sheet.finish()


def _formulas_sheet(wb, doc: RenstraDocument):
    columns = [
        Column("Kode"),
        Column("Indikator Kinerja", "long"),
        Column("Satuan"),
        Column("Formulasi", "long"),
        Column("Sumber Data", "long"),
        Column("Penanggung Jawab", "long"),
    ]
    sheet = _RenstraSheet(wb, doc, "Lampiran Formulasi", columns, "Formulasi Indikator Kinerja")
    for i in doc.indicators:
        r = i.row
        sheet.add([r.code, r.name, r.unit, r.formula, r.data_source, r.responsible_unit])
    if not doc.indicators:
        sheet.note("Belum ada indikator.")
    sheet.finish()


def _renstra_checks_sheet(wb, doc: RenstraDocument):
    columns = [
        Column("No", "integer", 6),
        Column("Tingkat"),
        Column("Temuan", "long"),
        Column("Data", "long"),
    ]
    sheet = _RenstraSheet(wb, doc, "Pemeriksaan", columns, "Pemeriksaan Renstra")
    for k, finding in enumerate(doc.checks, start=1):
        sheet.add([k, "galat" if finding.level == "error" else "peringatan", finding.message, finding.path])
    if not doc.checks:
        sheet.note("Tidak ada temuan: Renstra lengkap dan angkanya konsisten.")
    sheet.finish()


def renstra_document_workbook(doc: RenstraDocument) -> Workbook:
    """The Renstra document as an Excel workbook: one sheet per table (see `renstra_sheet_titles`)."""
    plan = doc.plan
    wb = new_workbook(
        f"Renstra {plan.start_year}-{plan.end_year} {doc.agency.name}", datetime(doc.report.year, 12, 31)
    )
    for build in (
        _review_sheets,
        _goals_sheet,
        _strategies_sheet,
        _programs_sheet,
        _urusan_sheet,
        _formulas_sheet,
        _renstra_checks_sheet,
    ):
        build(wb, doc)
    return wb
