"""Generated sentences of the LKjIP, built from the figures: a first draft is complete with no typing.

Pure functions of the report object. A planner's own text (Narrative) always wins; these fill the gaps.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from indicators.achievement import TARGET_SET_LABELS, grade_capaian_rule, target_set_counts
from reports.lkjip.annex import indonesian_date
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


class Counts(NamedTuple):
    """Indicators by verdict (`achievement.verdict`). A provisional realisation (still awaiting its evaluation)
    is counted apart, neither as met nor as missed, whatever its capaian."""

    achieved: int
    missed: int
    unmeasured: int
    provisional: int = 0

    @property
    def total(self) -> int:
        return sum(self)


def counts_of(rows: Iterable[IndicatorRow]) -> Counts:
    """Counts of indicators: capaian ≥ 100 %, < 100 %, none, and provisional realisations (apart)."""
    verdicts = [r.current.verdict for r in rows]
    return Counts(
        verdicts.count("achieved"),
        verdicts.count("missed"),
        verdicts.count("unmeasured"),
        verdicts.count("provisional"),
    )


def achievement_counts(report: Report) -> Counts:
    """Counts among the objective indicators of year N."""
    return counts_of(report.objective_indicators)


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


def target_set_phrase(report: Report) -> str:
    """Which target set the year's capaian and counts are measured against: "target PK perubahan tahun 2021",
    "target Renstra tahun 2021 (belum ada Perjanjian Kinerja)", or, when the sets mix, how many indicators take
    their target from each ("target tahun 2021 dari PK murni 4 indikator dan Renstra 2 indikator")."""
    sets, year = report.target_sets, report.year
    known = {source: n for source, n in sets.items() if source != "none"}
    if not known:
        return f"target tahun {year} (belum ditetapkan)"
    if len(sets) == 1:
        (source,) = known
        if source == "renstra":
            return f"target Renstra tahun {year} (belum ada Perjanjian Kinerja)"
        return f"target {TARGET_SET_LABELS[source]} tahun {year}"
    listed = [f"{TARGET_SET_LABELS[source]} {n} indikator" for source, n in known.items()]
    if "none" in sets:
        listed.append(f"tanpa target {sets['none']} indikator")
    return f"target tahun {year} dari {_joined(listed)}"


def provisional_sentence(counts: Counts, what: str = "indikator") -> str:
    """How provisional realisations were counted, or "" when there are none."""
    if not counts.provisional:
        return ""
    return (
        f"{counts.provisional} {what} memiliki realisasi sementara (menunggu hasil evaluasi), sehingga belum "
        "dihitung sebagai mencapai maupun belum mencapai target."
    )


PROGRAM_LEVELS = (("program", "program"), ("activity", "kegiatan"), ("sub_activity", "sub kegiatan"))


def program_sentence(report: Report) -> str:
    """How many program, kegiatan and sub kegiatan indicators of year N reached their target (BAB III)."""
    rows = report.program_indicators
    if not rows:
        return f"Program dan kegiatan tahun {report.year} belum memiliki indikator kinerja."
    parts = []
    for level, label in PROGRAM_LEVELS:
        counts = counts_of(r for r in rows if r.level == level)
        achieved, missed, unknown, _provisional = counts
        if not counts.total:
            continue
        text = f"Dari {counts.total} indikator {label}, {achieved} mencapai atau melampaui target"
        if unknown:
            text += f", {missed} belum mencapai target dan {unknown} belum dapat diukur."
        else:
            text += f" dan {missed} belum mencapai target."
        if counts.provisional:
            text += " " + provisional_sentence(counts, f"indikator {label}")
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
    counts = achievement_counts(report)
    achieved, missed, unknown, _provisional = counts
    parts = [
        f"Pada tahun {report.year} {_name(report)} menetapkan {len(report.objectives)} sasaran strategis "
        f"yang diukur dengan {counts.total} indikator kinerja, diukur terhadap {target_set_phrase(report)}.",
        f"Sebanyak {achieved} dari {counts.total} indikator mencapai atau melampaui target dan {missed} "
        "indikator belum mencapai target"
        + (f", sedangkan {unknown} indikator belum dapat diukur." if unknown else "."),
    ]
    if counts.provisional:
        parts.append(provisional_sentence(counts))
    parts.append(budget_sentence(report))
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
    met = [i for i in objective.indicators if i.current.verdict == "achieved"]
    missed = [i for i in objective.indicators if i.current.verdict == "missed"]
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


# --- target sets, provisional realisations and grades under the tables (issue 18, points 3 and 12) ----------
TARGET_SET_MARKS = {"pk_revised": "PK-P", "pk": "PK", "renstra": "R"}


def _sources(rows: Iterable[IndicatorRow]) -> list[str]:
    """The target sets the rows' year-N targets come from, each once, in `target_set_counts` order."""
    return [s for s in target_set_counts(r.current.source for r in rows) if s != "none"]


def target_set_heading(rows: Iterable[IndicatorRow]) -> str:
    """The target set a table's "Target" header names when all its targets come from the same one ("PK
    perubahan", "PK murni", "Renstra"); "" when they mix (each target is marked then) or there is none."""
    used = _sources(rows)
    return TARGET_SET_LABELS[used[0]] if len(used) == 1 else ""


def target_set_mark(source: str | None, heading: str) -> str:
    """The mark beside a target ("PK-P", "PK", "R") when the table's header names no set."""
    if heading or source is None:
        return ""
    return TARGET_SET_MARKS[source]


TARGET_SET_MEANINGS = {
    "pk_revised": "target Perjanjian Kinerja perubahan",
    "pk": "target Perjanjian Kinerja murni",
    "renstra": "target Renstra (belum ada target Perjanjian Kinerja)",
}


def target_set_legend(rows: Iterable[IndicatorRow]) -> str:
    """The note under a table whose targets mix sets: what each mark means ("" when the header names the set)."""
    used = _sources(rows)
    if len(used) < 2:
        return ""
    return (
        "Sumber target: " + "; ".join(f"{TARGET_SET_MARKS[s]} = {TARGET_SET_MEANINGS[s]}" for s in used) + "."
    )


def series_set_legend(rows: Iterable[IndicatorRow], years: Iterable[int]) -> str:
    """The note under a comparison table, whose every target is marked: what the marks it uses mean."""
    years = tuple(years)
    sources = [
        f.source
        for row in rows
        for y, f in {**row.history, max(years, default=0): row.current}.items()
        if y in years and f.source is not None
    ]
    used = [s for s in target_set_counts(sources) if s != "none"]
    if not used:
        return ""
    return (
        "Sumber target: " + "; ".join(f"{TARGET_SET_MARKS[s]} = {TARGET_SET_MEANINGS[s]}" for s in used) + "."
    )


def provisional_note(rows: Iterable[IndicatorRow]) -> str:
    """The footnote of a table printing provisional realisations (marked *), or "" when it prints none."""
    items = []
    for row in rows:
        if row.provisional:
            items.append(f"{row.code} ({row.note})" if row.note else row.code)
    if not items:
        return ""
    return (
        "* Realisasi sementara, menunggu hasil evaluasi: "
        + "; ".join(items)
        + ". Capaian dan predikatnya dapat berubah setelah hasil evaluasi diterima; indikator ini tidak "
        "dihitung sebagai mencapai maupun belum mencapai target."
    )


def series_provisional_note(rows: Iterable[IndicatorRow], years: Iterable[int]) -> str:
    """The footnote of a comparison table: which indicators' realisations are provisional in which years."""
    years = tuple(years)
    items = []
    for row in rows:
        series = {**row.history, max(years, default=0): row.current} if years else {}
        marked = [str(y) for y in years if (f := series.get(y)) is not None and f.provisional]
        if marked:
            items.append(f"{row.code} tahun {', '.join(marked)}")
    if not items:
        return ""
    return (
        "* Realisasi sementara, menunggu hasil evaluasi: " + "; ".join(items) + ". Capaiannya dapat berubah "
        "setelah hasil evaluasi diterima dan tidak dihitung sebagai mencapai maupun belum mencapai target."
    )


def grade_notes(rows: Iterable[IndicatorRow]) -> tuple[str, ...]:
    """How a grade converts to a percentage, once per grade scale used by the rows' capaian."""
    scales: list[str] = []
    for row in rows:
        graded = row.kind == "grade" or isinstance(row.target, str) or isinstance(row.realisation, str)
        if graded and row.grade_scale not in scales:
            scales.append(row.grade_scale)
    return tuple(grade_capaian_rule(scale or None) for scale in scales)


def target_set_title(rows: Iterable[IndicatorRow]) -> str:
    """What a table's title says of its targets: "target PK murni", "target PK perubahan dan Renstra"."""
    used = _sources(rows)
    if not used:
        return "target belum ditetapkan"
    if len(used) == len(TARGET_SET_LABELS):  # all three: the marks' short name keeps a caption on one line
        return "target PK-P, PK murni dan Renstra"
    return "target " + _joined([TARGET_SET_LABELS[s] for s in used])


def revised_rows(report: Report) -> tuple[IndicatorRow, ...]:
    """The objective indicators whose year-N target a PK perubahan restates."""
    return tuple(i for i in report.objective_indicators if i.inputs.pk_revised_target is not None)


def has_agreement(report: Report) -> bool:
    """Whether the year has a Perjanjian Kinerja: a signed form recorded, or PK targets entered."""
    return bool(report.agreements) or any(
        i.inputs.pk_target is not None or i.inputs.pk_revised_target is not None
        for i in report.objective_indicators
    )


def agreement_caption(report: Report) -> str:
    """The title of BAB II's target table: which sets it prints, or that there is no Perjanjian Kinerja. Short
    enough for one line of the list of tables (a wrapped entry ran into its page number)."""
    year = report.year
    if not has_agreement(report):
        return f"Target Renstra tahun {year} (Perjanjian Kinerja belum tercatat)"
    if revised_rows(report) or report.agreement("perubahan"):
        return f"Target Renstra, PK murni dan PK perubahan tahun {year}"
    return f"Target Renstra dan Perjanjian Kinerja (PK murni) tahun {year}"


def agreement_sentence(report: Report) -> str:
    """What BAB II says of the year's target sets: the PK murni, the PK perubahan (its date and how many targets
    it changed), or that there is no PK and the Renstra targets are used."""
    year = report.year
    if not has_agreement(report):
        return (
            f"Perjanjian Kinerja tahun {year} belum tercatat; capaian tahun {year} diukur terhadap target "
            "Renstra tahun itu, dan setiap tabel serta jumlah indikator menyebut target Renstra."
        )
    text = f"Capaian tahun {year} diukur terhadap {target_set_phrase(report)}."
    revised = revised_rows(report)
    agreement = report.agreement("perubahan")
    if revised or agreement:
        signed = indonesian_date(agreement.signed_on) if agreement else ""
        when = f" yang ditandatangani {signed}" if signed else ""
        text += (
            f" Perjanjian Kinerja perubahan{when} menetapkan ulang target {len(revised)} indikator sasaran; "
            "target murni dan target perubahan disajikan berdampingan beserta alasan perubahannya."
        )
    return text
