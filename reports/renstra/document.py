"""The Renstra document's types (Permendagri 86/2017): the immutable `RenstraDocument` every renderer reads, its
rows (goals → objectives → PlanIndicator, the FundingRow tree, the BAB II review), its narrative sections and
outline. Built by `reports.renstra.build.renstra_build`; no query here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from indicators.models import StrategicPlan
from reports.documents.base import Caption, CaptionedDocument
from reports.readmodel.sections import Section
from reports.readmodel.types import Finding, IndicatorRow, Report
from sakip.numbers import canonical_str, format_number

Value = Decimal | str | None


# --- the narrative sections, in document order -------------------------------------------------------------
BAB = {
    "front": _("Pembuka"),
    "1": _("BAB I Pendahuluan"),
    "2": _("BAB II Gambaran Pelayanan"),
    "3": _("BAB III Permasalahan dan Isu Strategis"),
    "4": _("BAB IV Tujuan dan Sasaran"),
    "5": _("BAB V Strategi dan Arah Kebijakan"),
    "6": _("BAB VI Rencana Program dan Kegiatan serta Pendanaan"),
    "7": _("BAB VII Kinerja Penyelenggaraan Bidang Urusan"),
    "8": _("BAB VIII Penutup"),
}
OPTIONAL = _("Bagian ini hanya dicetak bila diisi.")
RENSTRA_SECTIONS = (
    Section("kata_pengantar", _("Kata Pengantar"), BAB["front"]),
    Section("latar_belakang", _("Latar Belakang"), BAB["1"]),
    Section("landasan_hukum", _("Landasan Hukum"), BAB["1"], _("Satu peraturan per baris.")),
    Section("maksud_tujuan", _("Maksud dan Tujuan"), BAB["1"]),
    Section("sistematika", _("Sistematika Penulisan"), BAB["1"]),
    Section("tugas_fungsi", _("Tugas, Fungsi dan Struktur Organisasi"), BAB["2"]),
    Section("sumber_daya", _("Sumber Daya"), BAB["2"], OPTIONAL),
    Section("kinerja_pelayanan", _("Kinerja Pelayanan"), BAB["2"]),
    Section("tantangan_peluang", _("Tantangan dan Peluang Pengembangan Pelayanan"), BAB["2"], OPTIONAL),
    Section("permasalahan", _("Identifikasi Permasalahan berdasarkan Tugas dan Fungsi"), BAB["3"]),
    Section("telaahan_visi_misi", _("Telaahan Visi, Misi dan Program Kepala Daerah"), BAB["3"]),
    Section("telaahan_renstra_kl", _("Telaahan Renstra K/L dan Renstra Provinsi"), BAB["3"], OPTIONAL),
    Section("telaahan_rtrw_klhs", _("Telaahan RTRW dan KLHS"), BAB["3"], OPTIONAL),
    Section("isu_strategis", _("Penentuan Isu-isu Strategis"), BAB["3"]),
    Section("tujuan_sasaran", _("Tujuan dan Sasaran Jangka Menengah"), BAB["4"]),
    Section("strategi_kebijakan", _("Strategi dan Arah Kebijakan"), BAB["5"]),
    Section("rencana_program", _("Rencana Program dan Kegiatan serta Pendanaan"), BAB["6"]),
    Section("kinerja_urusan", _("Kinerja Penyelenggaraan Bidang Urusan"), BAB["7"]),
    Section("penutup", _("Penutup"), BAB["8"]),
)
OPTIONAL_KEYS = frozenset(s.key for s in RENSTRA_SECTIONS if s.help == OPTIONAL)
# The printed outline (always Indonesian, whatever the UI language): chapter, subsections (key, title).
OUTLINE = (
    (
        "I",
        "Pendahuluan",
        (
            ("latar_belakang", "Latar Belakang"),
            ("landasan_hukum", "Landasan Hukum"),
            ("maksud_tujuan", "Maksud dan Tujuan"),
            ("sistematika", "Sistematika Penulisan"),
        ),
    ),
    (
        "II",
        "Gambaran Pelayanan Perangkat Daerah",
        (
            ("tugas_fungsi", "Tugas, Fungsi dan Struktur Organisasi"),
            ("sumber_daya", "Sumber Daya"),
            ("kinerja_pelayanan", "Kinerja Pelayanan"),
            ("tantangan_peluang", "Tantangan dan Peluang Pengembangan Pelayanan"),
        ),
    ),
    (
        "III",
        "Permasalahan dan Isu-isu Strategis",
        (
            ("permasalahan", "Identifikasi Permasalahan berdasarkan Tugas dan Fungsi Pelayanan"),
            ("telaahan_visi_misi", "Telaahan Visi, Misi dan Program Kepala Daerah"),
            ("telaahan_renstra_kl", "Telaahan Renstra Kementerian/Lembaga dan Renstra Provinsi"),
            (
                "telaahan_rtrw_klhs",
                "Telaahan Rencana Tata Ruang Wilayah dan Kajian Lingkungan Hidup Strategis",
            ),
            ("isu_strategis", "Penentuan Isu-isu Strategis"),
        ),
    ),
    ("IV", "Tujuan dan Sasaran", ()),
    ("V", "Strategi dan Arah Kebijakan", ()),
    ("VI", "Rencana Program dan Kegiatan serta Pendanaan", ()),
    ("VII", "Kinerja Penyelenggaraan Bidang Urusan", ()),
    ("VIII", "Penutup", ()),
)


@dataclass(frozen=True)
class OutlineEntry:
    number: str  # "2.3"
    title: str
    anchor: str
    key: str


@dataclass(frozen=True)
class OutlineChapter:
    roman: str
    title: str
    anchor: str
    entries: tuple[OutlineEntry, ...]


def document_outline(texts: dict[str, tuple[str, bool]]) -> tuple[OutlineChapter, ...]:
    """Chapters and their numbered subsections; an optional subsection is numbered only when it has text."""
    chapters = []
    for n, (roman, title, sections) in enumerate(OUTLINE, start=1):
        shown = [(k, t) for k, t in sections if k not in OPTIONAL_KEYS or texts.get(k, ("", True))[0].strip()]
        entries = tuple(
            OutlineEntry(f"{n}.{m}", t, f"bab-{n}-{k.replace('_', '-')}", k)
            for m, (k, t) in enumerate(shown, 1)
        )
        chapters.append(OutlineChapter(roman, title, f"bab-{n}", entries))
    return tuple(chapters)


# --- the document object -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlanIndicator:
    """An indicator as the Renstra prints it: baseline, the target of every year, the final condition."""

    row: IndicatorRow
    targets: tuple[Value, ...]  # in the order of `RenstraDocument.years`
    final: Value

    @property
    def code(self):
        return self.row.code


@dataclass(frozen=True)
class PlanObjective:
    code: str
    statement: str
    path: str
    indicators: tuple[PlanIndicator, ...]
    strategies: tuple[tuple[str, tuple[str, ...]], ...]
    program_codes: tuple[str, ...]


@dataclass(frozen=True)
class PlanGoal:
    code: str
    statement: str
    path: str
    indicators: tuple[PlanIndicator, ...]
    objectives: tuple[PlanObjective, ...]


@dataclass(frozen=True)
class FundingRow:
    """A row of BAB VI: program, kegiatan or sub kegiatan with its indicators and indicative funding per year.

    Program and kegiatan-with-sub-kegiatan funding is the sum of the children (years where no child has a
    figure stay unknown); `declared` holds a program's funding as the signed document prints it.
    """

    code: str
    name: str
    level: str  # program | activity | sub_activity
    path: str  # of the owner in the sakip-dataset/1 document
    key: str  # code path "program/kegiatan[/sub]": unique in the plan
    indicators: tuple[PlanIndicator, ...]
    funding: tuple[Decimal | None, ...]  # in the order of `RenstraDocument.years`
    total: Decimal | None  # over the whole period
    responsible_unit: str
    objective_codes: tuple[str, ...] = ()
    declared: tuple[Decimal | None, ...] = ()
    children: tuple[FundingRow, ...] = ()

    def walk(self) -> Iterator[FundingRow]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class ReviewRow:
    """BAB II: one indicator or one program over the reviewed years."""

    code: str
    name: str
    unit: str
    first: tuple[Value, ...]  # target (indicator) or anggaran (program), per reviewed year
    second: tuple[Value, ...]  # realisasi
    ratio: tuple[Decimal | None, ...]  # capaian, or realisasi ÷ anggaran × 100
    first_growth: Decimal | None = None  # average yearly growth (%), budget rows only
    second_growth: Decimal | None = None


@dataclass(frozen=True)
class PeriodReview:
    label: str  # "Renstra 2016–2021 (Perubahan II), tahun 2019–2021"
    years: tuple[int, ...]
    indicators: tuple[ReviewRow, ...]
    budget: tuple[ReviewRow, ...]
    total: ReviewRow | None


@dataclass(frozen=True)
class RenstraDocument(CaptionedDocument):
    report: Report  # the plan's structure as the LKjIP assembly read it (last year of the plan)
    plan: StrategicPlan
    years: tuple[int, ...]
    title: str
    revision: str
    goals: tuple[PlanGoal, ...]
    programs: tuple[FundingRow, ...]
    funding_totals: tuple[Decimal | None, ...]  # per year, over every program
    funding_total: Decimal | None
    indicators: tuple[PlanIndicator, ...]  # every indicator, in the report's order
    review: PeriodReview
    captions: dict[str, Caption]
    texts: dict[str, tuple[str, bool]]  # section key -> (text, generated?)
    outline: tuple[OutlineChapter, ...] = ()
    checks: tuple[Finding, ...] = field(default=())

    @property
    def numbers(self) -> dict[str, OutlineEntry]:
        """Subsection of each section key that is printed: `{{ doc.numbers.sumber_daya.number }}`."""
        return {e.key: e for chapter in self.outline for e in chapter.entries}

    @property
    def agency(self) -> Agency:
        return self.report.agency

    @property
    def objectives(self) -> tuple[PlanObjective, ...]:
        return tuple(o for g in self.goals for o in g.objectives)

    @property
    def strategic_indicators(self) -> tuple[PlanIndicator, ...]:
        """Indicators of tujuan and sasaran: BAB VII, the agency's performance indicators."""
        return tuple(i for i in self.indicators if i.row.level in ("goal", "objective"))

    @property
    def activities(self) -> tuple[FundingRow, ...]:
        return tuple(a for p in self.programs for a in p.children)

    def has_text(self, key: str) -> bool:
        return bool(self.text(key).strip())


def measure_text(value: Value) -> str:
    """A target or baseline as the Renstra prints it: its own decimals (88; 78,5; 1.500), a grade unchanged."""
    if value is None or isinstance(value, str):
        return format_number(value)
    text = canonical_str(value)
    places = min(len(text.partition(".")[2]), 4)
    return format_number(value, places)
