"""The LKjIP as a document: the report object plus what a document needs around the figures.

Numbered tables and figures (so the lists of tables and figures can be printed before them), the narrative of
every section (typed or generated), and the charts. HTML and PDF render this same object, once built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from reports.documents.base import Caption, CaptionedDocument, Numbering, logo_data_url
from reports.lkjip import charts, narration
from reports.lkjip.analysis import CAUSE_NOTES, Comparison, comparisons
from reports.lkjip.annex import Annexes, annexes_build
from reports.lkjip.narration import achievement_counts, narratives, program_sentence, summary
from reports.lkjip.signature import SignatureBlock, report_signature
from reports.readmodel.types import Report

CHAPTERS = (
    ("I", "Pendahuluan"),
    ("II", "Perencanaan Kinerja"),
    ("III", "Akuntabilitas Kinerja"),
    ("IV", "Penutup"),
)


@dataclass(frozen=True)
class LkjipDocument(CaptionedDocument):
    report: Report
    title: str
    captions: dict[str, Caption]
    texts: dict[str, tuple[str, bool]]  # section key -> (text, generated?)
    summary: str
    counts: narration.Counts  # achieved, not achieved, not measurable, provisional (counted apart)
    capaian_chart: str
    budget_chart: str
    trend_charts: dict[str, str]  # objective indicator code -> SVG
    comparisons: dict[str, Comparison]  # objective indicator code -> its N-2..N comparison (BAB III)
    annexes: Annexes  # what the Lampiran show, arranged once
    program_summary: str = ""  # how many program / kegiatan indicators reached their target (BAB III)
    # Sasaran code -> analysis c's generated sentence, for each sasaran without a typed cause (narration).
    causes_defaults: dict[str, str] = field(default_factory=dict)

    @property
    def signature(self) -> SignatureBlock:
        return report_signature(self.report)

    @property
    def has_resources(self) -> bool:
        """Whether BAB I prints "Sumber Daya": a typed text, a staff table or the sarana-prasarana."""
        return bool(self.text("sumber_daya")) or self.report.profile.has_resources

    @property
    def has_issues(self) -> bool:
        """Whether BAB I prints "Isu Strategis": a typed text or the year's problem mapping."""
        return bool(self.text("isu_strategis")) or bool(self.report.profile.issues)

    @cached_property
    def cover_logo(self) -> str:
        """The Pemda's logo as a data: URL for the cover ("" without one, or when its file cannot be read)."""
        return logo_data_url(self.report.government.logo)


def objective_keys(code: str) -> dict[str, str]:
    """Caption keys of one sasaran's analysis tables."""
    return {
        "realisation": f"objective-{code}-realisation",
        "comparison": f"objective-{code}-comparison",
        "efficiency": f"objective-{code}-efficiency",
        "cascade": f"objective-{code}-cascade",
    }


def document_build(report: Report) -> LkjipDocument:
    year, plan = report.year, report.plan
    number = Numbering()
    number.add("figure", 1, "organisation", "Struktur organisasi")
    profile = report.profile
    for staff in profile.staff:  # only the tables that have lines: the numbering stays consecutive
        number.add("table", 1, f"staff-{staff.breakdown}", f"{staff.title} tahun {year}")
    if profile.facilities is not None:
        number.add("table", 1, "facilities", f"Sarana dan prasarana tahun {year}")
    if profile.issues:
        number.add("table", 1, "issues", f"Pemetaan isu strategis tahun {year}")
    if report.has_objective_context:
        number.add("table", 2, "context", "Keterkaitan sasaran strategis dengan misi dan RPJMD")
    number.add(
        "table",
        2,
        "renstra",
        f"Tujuan, sasaran, indikator dan target Renstra {plan.start_year}–{plan.end_year}",
    )
    number.add("table", 2, "iku", "Indikator Kinerja Utama")
    number.add("table", 2, "indicators", "Definisi indikator kinerja sasaran")
    number.add("table", 2, "agreement", narration.agreement_caption(report))
    number.add("table", 2, "agreement-budget", f"Program dan anggaran Perjanjian Kinerja tahun {year}")
    number.add("table", 3, "scale", f"Skala penilaian capaian ({report.scale.name})")
    if report.indicator_scale is not None:
        number.add(
            "table",
            3,
            "scale-indicator",
            f"Skala penilaian capaian per indikator ({report.indicator_scale.name})",
        )
    objective_targets = narration.target_set_title(report.objective_indicators)
    number.add("table", 3, "capaian", f"Capaian sasaran tahun {year} ({objective_targets})")
    number.add("figure", 3, "capaian-chart", f"Capaian indikator sasaran tahun {year}")
    trend_charts = charts.objective_trend_charts(report)
    first = report.series_years[0] if report.series_years else year - 2
    for objective in report.objectives:
        keys = objective_keys(objective.code)
        number.add(
            "table", 3, keys["realisation"], f"Target dan realisasi sasaran {objective.code} tahun {year}"
        )
        number.add(
            "table",
            3,
            keys["comparison"],
            f"Perbandingan target dan realisasi sasaran {objective.code} tahun {first}–{year}",
        )
        for indicator in objective.indicators:
            if indicator.code in trend_charts:
                number.add(
                    "figure",
                    3,
                    f"trend-{indicator.code}",
                    f"Target dan realisasi {indicator.code} {first}–{year}",
                )
        number.add(
            "table", 3, keys["efficiency"], f"Efisiensi penggunaan sumber daya sasaran {objective.code}"
        )
        number.add("table", 3, keys["cascade"], f"Program dan kegiatan pendukung sasaran {objective.code}")
    number.add("table", 3, "programs", f"Capaian indikator program dan kegiatan per sasaran tahun {year}")
    number.add("table", 3, "action-plan", f"Rencana Aksi tahun {year}")
    number.add("table", 3, "monitoring", f"Monitoring dan evaluasi Rencana Aksi tahun {year}")
    if report.expenditures:
        number.add(
            "table",
            3,
            "expenditure",
            f"Belanja {report.agency.short_name or report.agency.name} tahun {year}",
        )
    if report.has_previous_expenditure:
        number.add("table", 3, "expenditure-change", f"Perbandingan belanja tahun {year - 1} dan {year}")
    number.add("table", 3, "budget", f"Realisasi anggaran tahun {year}")
    if report.spending_groups:
        number.add("table", 3, "spending-groups", f"Realisasi gabungan program tahun {year}")
    if report.budget.has_progress:
        number.add("table", 3, "progress-total", f"Realisasi fisik dan keuangan per triwulan tahun {year}")
        number.add(
            "table", 3, "progress", f"Realisasi fisik dan keuangan per triwulan per sub kegiatan tahun {year}"
        )
    number.add("figure", 3, "budget-chart", f"Pagu dan realisasi anggaran per program tahun {year}")
    return LkjipDocument(
        report=report,
        title=f"Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun {year}",
        captions=number.captions,
        texts=narratives(report),
        summary=summary(report),
        counts=achievement_counts(report),
        capaian_chart=charts.report_capaian_chart(report),
        budget_chart=charts.report_budget_chart(report),
        trend_charts=trend_charts,
        comparisons=comparisons(report),
        annexes=annexes_build(report),
        program_summary=program_sentence(report),
        causes_defaults={
            o.code: narration.causes_default(o)
            for o in report.objectives
            if not any(o.notes_of(kind) for kind, _title in CAUSE_NOTES)
        },
    )
