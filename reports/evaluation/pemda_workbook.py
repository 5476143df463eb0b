"""The Pemda-wide evaluation table as a workbook: a row per agency (state, score and predicate of the year and of
the year before, recommendations and their follow-up), the mean scores and the Pemda's follow-up rate as live
formulas. A draft's score is written only for a viewer who may see it (the rows say so). Same rows, same bytes."""

from __future__ import annotations

from datetime import datetime

from evaluation.pemda import DRAFT, PemdaEvaluations
from sakip.spreadsheet import Formula
from sakip.xlsx import Column, Sheet, cell_refs, new_workbook, ratio_formula, sum_formula, workbook_bytes

STATE_LABELS = {"belum": "Belum dimulai", "draf": "Draf", "terbit": "LHE terbit"}


def _columns(year: int) -> list[Column]:
    return [
        Column("No", "integer", 5),
        Column("Perangkat daerah", "long"),
        Column("Status"),
        Column(f"Nilai {year}", "measure"),
        Column(f"Predikat {year}"),
        Column(f"Nilai {year - 1}", "measure"),
        Column(f"Predikat {year - 1}"),
        Column("Rekomendasi", "integer"),
        Column("Selesai", "integer"),
        Column("Tindak lanjut (%)", "percent"),
    ]


def pemda_evaluation_workbook(table: PemdaEvaluations) -> bytes:
    year = table.year
    title = f"Evaluasi AKIP {table.government.name} {year}"
    wb = new_workbook(title, datetime(year, 12, 31))
    sheet = Sheet(
        wb,
        "Evaluasi",
        _columns(year),
        heading=title,
        subtitle="Nilai dan predikat evaluasi AKIP (LKE PermenPAN-RB 88/2021) per perangkat daerah, dan tindak "
        "lanjut rekomendasinya.",
        page_header=title,
    )
    first = sheet.row_number + 1
    for n, row in enumerate(table.rows, start=1):
        this, last = row.this_year, row.last_year
        state = STATE_LABELS[this.state]
        if this.state == DRAFT and this.total is not None:
            state += " (nilai sementara)"
        rate = row.follow_up
        line = sheet.row_number + 1
        sheet.add(
            [
                n,
                row.agency.name,
                state,
                this.total,
                this.predicate.code if this.predicate else "",
                last.total,
                last.predicate.code if last.predicate else "",
                rate.total if rate else None,
                rate.done if rate else None,
                ratio_formula(f"I{line}", f"H{line}") if rate and rate.total else None,
            ]
        )
    rows = list(range(first, sheet.row_number + 1))
    if rows:
        mean = {
            column: Formula(f'=IF(COUNT({cell_refs(column, rows)})=0,"",AVERAGE({cell_refs(column, rows)}))')
            for column in ("D", "F")
        }
        total_row = sheet.row_number + 1
        sheet.add(
            [
                None,
                "Pemda (rata-rata nilai; jumlah rekomendasi)",
                "",
                mean["D"],
                "",
                mean["F"],
                "",
                sum_formula("H", rows),
                sum_formula("I", rows),
                ratio_formula(f"I{total_row}", f"H{total_row}"),
            ],
            style="total",
        )
    sheet.finish()
    return workbook_bytes(wb)
