"""The dashboard as a workbook: a row per agency with the figures the screen shows, and the Pemda's totals as
live formulas (absorption is the total realisation over the total pagu, as on the screen)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from reports.pemda.standing import ANNUAL, PemdaStanding
from sakip.spreadsheet import Formula
from sakip.xlsx import (
    Column,
    Sheet,
    difference_formula,
    new_workbook,
    ratio_formula,
    sum_formula,
    workbook_bytes,
)

COLUMNS = [
    Column("No", "integer", 5),
    Column("Perangkat daerah", "long"),
    Column("Capaian kinerja (%)", "percent"),
    Column("Predikat"),
    Column("Pagu (Rp)", "rupiah"),
    Column("Realisasi s.d. triwulan (Rp)", "rupiah"),
    Column("Serapan (%)", "percent"),
    Column("Milestone (%)", "percent"),
    Column("Selisih milestone (poin)", "percent"),
    Column("Indikator terisi", "integer"),
    Column("Jumlah indikator", "integer"),
    Column("Status reviu"),
    Column("Temuan galat", "integer"),
    Column("Temuan peringatan", "integer"),
    Column("Perubahan terakhir"),
]


def dashboard_workbook(standing: PemdaStanding, government_name: str, zone: tzinfo) -> bytes:
    """`zone`: the time zone the last-change times are written in (the site's)."""
    title = f"Dasbor SAKIP {government_name} {standing.year} TW {standing.quarter}"
    wb = new_workbook(title, datetime(standing.year, 12, 31))
    sheet = Sheet(
        wb,
        "Dasbor",
        COLUMNS,
        heading=title,
        subtitle="Capaian per perangkat daerah, serapan anggaran terhadap milestone triwulan, pengisian, reviu.",
        page_header=title,
    )
    first = sheet.row_number + 1
    for n, row in enumerate(standing.rows, start=1):
        changed = row.last_change.astimezone(zone).strftime("%d-%m-%Y %H:%M") if row.last_change else ""
        name = row.name + (" (realisasi tahunan)" if row.has_report and row.basis == ANNUAL else "")
        if not row.has_report:
            name += " (tidak ada Renstra untuk tahun ini)"
        sheet.add(
            [
                n,
                name,
                row.capaian,
                row.predicate.label if row.predicate else "",
                row.ceiling,
                row.spent,
                row.absorption,
                row.milestone,
                row.milestone_gap,
                row.entered,
                row.indicator_count,
                row.review_label,
                row.errors,
                row.warnings,
                changed,
            ]
        )
    rows = list(range(first, sheet.row_number + 1))
    if rows:
        total = sheet.row_number + 1
        e, f = f"E{first}:E{total - 1}", f"F{first}:F{total - 1}"
        sheet.add(
            [
                "",
                "Jumlah / Pemda",
                standing.capaian,
                standing.predicate.label if standing.predicate else "",
                # As on the screen: only agencies whose pagu and realisation are both known.
                Formula(f"=SUMPRODUCT(ISNUMBER({e})*ISNUMBER({f}),{e})"),
                Formula(f"=SUMPRODUCT(ISNUMBER({e})*ISNUMBER({f}),{f})"),
                ratio_formula(f"F{total}", f"E{total}"),
                standing.milestone,
                difference_formula(f"G{total}", f"H{total}"),
                sum_formula("J", rows),
                sum_formula("K", rows),
                "",
                sum_formula("M", rows),
                sum_formula("N", rows),
                "",
            ],
            style="total",
        )
    else:
        sheet.note("Tidak ada perangkat daerah.")
    sheet.finish()
    return workbook_bytes(wb)
