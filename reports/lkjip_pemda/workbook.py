"""The Pemda LKjIP as a workbook (`sakip/xlsx.py`): one sheet per table of BAB III and the annexes; the total rows
of the budget sheets are live SUM formulas over the rows above, so a reader can check them."""

from __future__ import annotations

from datetime import datetime

from sakip.xlsx import Column, Sheet, new_workbook, ratio_formula, sum_formula, workbook_bytes

from .document import PemdaLkjipDocument

IKU_COLUMNS = [
    Column("Sasaran"),
    Column("Kode"),
    Column("Indikator", "long"),
    Column("Satuan"),
    Column("Target", "measure"),
    Column("Sumber target"),
    Column("Realisasi", "measure"),
    Column("Capaian (%)", "percent"),
    Column("Predikat"),
    Column("Target akhir RPJMD", "measure"),
    Column("Capaian thd target akhir (%)", "percent"),
    Column("Sumber realisasi", "long"),
]
BUDGET_COLUMNS = [Column("Kode"), Column("Uraian", "long"), Column("Pagu (Rp)", "rupiah"),
                  Column("Realisasi (Rp)", "rupiah"), Column("Serapan (%)", "percent")]  # fmt: skip


def _budget_sheet(
    wb, title: str, heading: str, page: str, rows: list[tuple[str, str, object, object]]
) -> None:
    sheet = Sheet(wb, title, BUDGET_COLUMNS, heading=heading, subtitle="", page_header=page)
    first = sheet.row_number + 1
    for code, label, ceiling, spent in rows:
        n = sheet.row_number + 1
        sheet.add([code, label, ceiling, spent, ratio_formula(f"D{n}", f"C{n}")])
    numbers = list(range(first, sheet.row_number + 1))
    if numbers:
        n = sheet.row_number + 1
        sheet.add(["", "Jumlah", sum_formula("C", numbers), sum_formula("D", numbers),
                   ratio_formula(f"D{n}", f"C{n}")], style="total")  # fmt: skip
    else:
        sheet.note("Belum ada data anggaran.")
    sheet.finish()


def pemda_workbook(doc: PemdaLkjipDocument) -> bytes:
    page = f"LKjIP {doc.government.name} Tahun {doc.year}"
    wb = new_workbook(page, datetime(doc.year, 12, 31))
    sheet = Sheet(wb, "Capaian IKU", IKU_COLUMNS, heading=f"Capaian IKU Pemerintah Daerah {doc.year}",
                  subtitle="Per sasaran RPJMD: target, realisasi, capaian, predikat.", page_header=page)  # fmt: skip
    for s in doc.sections:
        for a in s.ikus:
            i, f = a.iku, a.iku.current
            source = f"{i.source.agency.name} ({i.source.code})" if i.source else "Pemerintah Daerah"
            sheet.add([s.code, i.code, i.name, i.unit, f.target, f.target_source or "", f.realisation, f.capaian,
                       f.predicate.label if f.predicate else "", i.final_target, a.final_progress, source])  # fmt: skip
        o = s.objective.current
        sheet.add([s.code, "", f"Capaian sasaran {s.code}", "", None, "", None, o.capaian,
                   o.predicate.label if o.predicate else "", None, None, ""], style="group")  # fmt: skip
    sheet.finish()
    contrib = Sheet(wb, "Kontribusi OPD", [Column("Sasaran RPJMD"), Column("Perangkat daerah", "long"),
                    Column("Kode"), Column("Sasaran perangkat daerah", "long"), Column("Capaian (%)", "percent"),
                    Column("Predikat")], heading="Kontribusi perangkat daerah", subtitle="", page_header=page)  # fmt: skip
    for s in doc.sections:
        for c in s.contributions:
            contrib.add([s.code, c.agency.name, c.code, c.statement, c.capaian if c.reported else None,
                         c.predicate.label if c.predicate else ""])  # fmt: skip
    contrib.finish()
    _budget_sheet(wb, "Anggaran per Urusan", "Realisasi anggaran per urusan", page,
                  [(u.key or "–", u.name, u.figures.ceiling, u.figures.spent) for u in doc.budget_by_urusan])  # fmt: skip
    _budget_sheet(wb, "Anggaran per OPD", "Realisasi anggaran per perangkat daerah", page,
                  [(b.agency.code, b.agency.name, b.figures.ceiling, b.figures.spent)
                   for b in doc.budget_by_agency if b.figures is not None])  # fmt: skip
    ikm = Sheet(wb, "IKM", [Column("Perangkat daerah", "long"), Column("IKM", "measure"), Column("Mutu")],
                heading=f"Indeks Kepuasan Masyarakat {doc.year}", subtitle="", page_header=page)  # fmt: skip
    for r in doc.ikm:
        ikm.add(
            [r.agency.name, r.value, f"{r.mutu.letter} ({r.mutu.label})" if r.mutu else "tidak ada survei"]
        )
    ikm.add(["Rata-rata Pemerintah Daerah", doc.ikm_mean, doc.ikm_mutu.letter if doc.ikm_mutu else ""],
            style="total")  # fmt: skip
    ikm.finish()
    return workbook_bytes(wb)
