"""Generated sentences of the LKjIP, built from the figures: a first draft is complete with no typing.

Pure functions of the report object. A planner's own text (Narrative) always wins; these fill the gaps.
"""

from __future__ import annotations

from collections.abc import Iterable

from indicators.achievement import is_achieved
from reports.readmodel.sections import objective_section_key
from reports.readmodel.types import IndicatorRow, ObjectiveRow, Report
from sakip.numbers import format_percent, format_rupiah


def _name(report: Report) -> str:
    return report.agency.short_name or report.agency.name


def objective_sentence(objective: ObjectiveRow, year: int) -> str:
    if objective.capaian is None:
        return (
            f"Capaian sasaran {objective.code} {objective.statement} tahun {year} belum dapat dihitung "
            "karena target atau realisasinya belum lengkap."
        )
    band = f" (kategori {objective.predicate.label})" if objective.predicate else ""
    return (
        f"Capaian sasaran {objective.code} {objective.statement} tahun {year} sebesar "
        f"{format_percent(objective.capaian)}{band}."
    )


def achievement_counts(report: Report) -> tuple[int, int, int]:
    """(achieved, not achieved, not measurable) among the objective indicators of year N."""
    rows = report.objective_indicators
    achieved = sum(1 for r in rows if r.capaian is not None and r.capaian >= 100)
    missed = sum(1 for r in rows if r.capaian is not None and r.capaian < 100)
    return achieved, missed, len(rows) - achieved - missed


def counts_of(rows: Iterable[IndicatorRow]) -> tuple[int, int, int]:
    """(achieved, not achieved, not measurable) among indicators: capaian ≥ 100 %, < 100 %, none."""
    verdicts = [is_achieved(r.capaian) for r in rows]
    achieved = verdicts.count(True)
    missed = verdicts.count(False)
    return achieved, missed, len(verdicts) - achieved - missed


PROGRAM_LEVELS = (("program", "program"), ("activity", "kegiatan"), ("sub_activity", "sub kegiatan"))


def program_sentence(report: Report) -> str:
    """How many program, kegiatan and sub kegiatan indicators of year N reached their target (BAB III)."""
    rows = report.program_indicators
    if not rows:
        return f"Program dan kegiatan tahun {report.year} belum memiliki indikator kinerja."
    parts = []
    for level, label in PROGRAM_LEVELS:
        achieved, missed, unknown = counts_of(r for r in rows if r.level == level)
        total = achieved + missed + unknown
        if not total:
            continue
        text = f"Dari {total} indikator {label}, {achieved} mencapai atau melampaui target"
        if unknown:
            text += f", {missed} belum mencapai target dan {unknown} belum dapat diukur."
        else:
            text += f" dan {missed} belum mencapai target."
        parts.append(text)
    return " ".join(parts)


def budget_sentence(report: Report) -> str:
    """The programs' budget of year N, preceded by the agency's whole budget and followed by the year's
    physical and financial progress when they are known."""
    parts = [s for s in (whole_budget_sentence(report), program_budget_sentence(report)) if s]
    progress = progress_sentence(report)
    return " ".join([*parts, progress] if progress else parts)


def program_budget_sentence(report: Report) -> str:
    figures = report.budget.figures
    if figures.ceiling is None:
        return f"Data anggaran tahun {report.year} belum diisi."
    if figures.spent is None:
        return f"Pagu anggaran tahun {report.year} sebesar {format_rupiah(figures.ceiling)}; realisasinya belum lengkap."
    grouped = (
        " (termasuk realisasi yang dilaporkan gabungan untuk beberapa program)"
        if report.spending_groups
        else ""
    )
    return (
        f"Realisasi anggaran tahun {report.year} sebesar {format_rupiah(figures.spent)}{grouped} dari pagu "
        f"{format_rupiah(figures.ceiling)} ({format_percent(figures.absorption)}), dengan sisa "
        f"{format_rupiah(figures.remaining)}."
    )


def whole_budget_sentence(report: Report) -> str:
    """The top part of the agency's whole budget (total belanja, else the first part typed), its parts, and
    the change from the previous year. Empty when no part is typed."""
    if not report.expenditures:
        return ""
    top = report.expenditures[0]
    figures = top.figures
    text = f"{top.label} {_name(report)} tahun {report.year}"
    if figures.ceiling is None:
        text += " belum memiliki pagu."
    elif figures.spent is None:
        text += f" sebesar {format_rupiah(figures.ceiling)}; realisasinya belum diisi."
    else:
        text += (
            f" sebesar {format_rupiah(figures.ceiling)} dengan realisasi {format_rupiah(figures.spent)} "
            f"({format_percent(figures.absorption)})."
        )
    below = [e for e in report.expenditures[1:] if e.depth == top.depth + 1 and e.figures.ceiling is not None]
    if below:
        listed = ", ".join(f"{e.label.lower()} {format_rupiah(e.figures.ceiling)}" for e in below)
        text += f" Pagu tersebut terdiri atas {listed}."
    change = top.spent_change
    if change.difference is not None:
        direction = "naik" if change.difference > 0 else "turun" if change.difference < 0 else "tetap"
        text += (
            f" Dibandingkan tahun {report.year - 1} ({format_rupiah(change.previous)}), realisasi {direction}"
        )
        if change.difference:
            text += f" {format_rupiah(abs(change.difference))}"
            if change.percent is not None:
                text += f" ({format_percent(abs(change.percent))})"
        text += "."
    return text


def progress_sentence(report: Report) -> str:
    """The year's last known quarter of financial and physical progress against its milestone; empty when no
    quarterly plan or physical figure is typed."""
    if not report.budget.has_progress:
        return ""
    known = [q for q in report.budget.progress if q.financial_pct is not None or q.physical_pct is not None]
    if not known:
        return ""
    q = known[-1]
    text = f"Sampai akhir triwulan {ROMAN[q.quarter]}"
    pieces = []
    if q.financial_pct is not None:
        verdict = "memenuhi" if q.meets_milestone else "di bawah"
        pieces.append(
            f"realisasi keuangan {format_percent(q.financial_pct)} ({verdict} target serapan "
            f"{format_percent(q.milestone, 0)})"
        )
    if q.physical_pct is not None:
        pieces.append(f"realisasi fisik {format_percent(q.physical_pct)}")
    return f"{text} {' dan '.join(pieces)}."


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def summary(report: Report) -> str:
    achieved, missed, unknown = achievement_counts(report)
    total = achieved + missed + unknown
    parts = [
        f"Pada tahun {report.year} {_name(report)} menetapkan {len(report.objectives)} sasaran strategis "
        f"yang diukur dengan {total} indikator kinerja.",
        f"Sebanyak {achieved} indikator mencapai atau melampaui target dan {missed} indikator belum mencapai "
        "target" + (f", sedangkan {unknown} indikator belum dapat diukur." if unknown else "."),
        budget_sentence(report),
    ]
    return " ".join(parts)


def conclusion(report: Report) -> str:
    measured = [(o.capaian, o.code) for o in report.objectives if o.capaian is not None]
    text = summary(report)
    if measured:
        capaian, code = max(measured, key=lambda pair: pair[0])  # the first of equal capaian, in report order
        text += f" Capaian tertinggi dicapai sasaran {code} ({format_percent(capaian)})."
    return text


def _defaults(report: Report) -> dict[str, str]:
    name, year = report.agency.name, report.year
    texts = {
        "kata_pengantar": (
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) {name} Tahun {year} menyajikan capaian kinerja dan "
            "penggunaan anggaran sebagai wujud akuntabilitas pelaksanaan tugas dan fungsi. Laporan ini "
            "diharapkan menjadi bahan evaluasi untuk meningkatkan kinerja pada tahun berikutnya."
        ),
        "ikhtisar_eksekutif": "",
        "latar_belakang": (
            f"LKjIP disusun sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
            f"Instansi Pemerintah untuk mempertanggungjawabkan pencapaian sasaran {report.plan} pada tahun {year}."
        ),
        "maksud_tujuan": (
            f"LKjIP ini dimaksudkan sebagai bentuk pertanggungjawaban kinerja {name} tahun {year} dan bertujuan "
            "memberikan informasi kinerja yang terukur sebagai bahan perbaikan perencanaan dan pelaksanaan "
            "program tahun berikutnya."
        ),
        "dasar_hukum": "\n".join(
            (
                "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
                "Peraturan Menteri PAN-RB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, "
                "Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah",
                "Peraturan Menteri Dalam Negeri Nomor 90 Tahun 2019 tentang Klasifikasi, Kodefikasi, dan "
                "Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah",
            )
        ),
        "struktur_organisasi": f"Susunan organisasi {name} digambarkan pada bagan berikut.",
        "sumber_daya": "",
        "isu_strategis": "",
        "sistematika": (
            "Laporan ini terdiri atas Bab I Pendahuluan, Bab II Perencanaan Kinerja, Bab III Akuntabilitas "
            "Kinerja (capaian kinerja dan realisasi anggaran) dan Bab IV Penutup, dilengkapi lampiran."
        ),
        "anggaran": budget_sentence(report),
        "penutup": conclusion(report),
    }
    for objective in report.objectives:
        texts[objective_section_key(objective.code)] = objective_sentence(objective, year)
    return texts


def narratives(report: Report) -> dict[str, tuple[str, bool]]:
    """Every section's text and whether it was generated (True) or typed by the planner (False)."""
    out = {key: (text, True) for key, text in _defaults(report).items()}
    for key, text in report.narratives.items():
        if text.strip():
            out[key] = (text, False)
    return out


def causes_default(objective: ObjectiveRow) -> str:
    """What analysis c prints while no cause item (success factor, obstacle, solution, follow-up) is typed: which
    indicators met their target and which did not, so that the reader and the reviewer see what needs explaining.
    Empty when no indicator has a capaian."""
    met = [i for i in objective.indicators if i.capaian is not None and i.capaian >= 100]
    missed = [i for i in objective.indicators if i.capaian is not None and i.capaian < 100]
    parts = []
    if met:
        listed = ", ".join(f"{i.code} ({format_percent(i.capaian)})" for i in met)
        parts.append(f"Indikator yang mencapai atau melampaui target: {listed}.")
    if missed:
        listed = ", ".join(f"{i.code} ({format_percent(i.capaian)})" for i in missed)
        parts.append(
            f"Indikator yang belum mencapai target: {listed}; faktor penyebab dan solusinya belum diuraikan."
        )
    return " ".join(parts)
