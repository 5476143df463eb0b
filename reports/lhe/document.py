"""The LHE letter (Laporan Hasil Evaluasi AKIP, PermenPAN-RB 88/2021) as an immutable document: the letterhead of
the Pemda's inspectorate, the letter's particulars, the fixed Pendahuluan, the Hasil (score, predicate and its
meaning, a component – weight – score table, this year against last year, the evaluator's note per component),
the numbered Rekomendasi, the signature and the copies. Built by `reports.lhe.build.lhe_build`; no query here.

The score is computed (`evaluation.scoring`) from the evaluator's answers whenever the document is built; nothing
derived is stored. The printed text is Indonesian whatever the UI language: it is a letter of the Pemda.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from agencies.models import Agency, Government
from evaluation.rubric import PredicateBand, Rubric
from evaluation.scoring import Score, printed_score
from sakip.dates import format_date

# What the Pendahuluan prints: the legal basis of the evaluation, its purpose, scope and method.
LEGAL_BASIS = (
    "Peraturan Pemerintah Nomor 8 Tahun 2006 tentang Pelaporan Keuangan dan Kinerja Instansi Pemerintah;",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang "
    "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja Instansi "
    "Pemerintah;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 88 Tahun 2021 tentang "
    "Evaluasi Akuntabilitas Kinerja Instansi Pemerintah.",
)
PURPOSE = (
    "Evaluasi bertujuan menilai tingkat implementasi SAKIP, memberikan saran perbaikan untuk peningkatan "
    "implementasi SAKIP, dan memantau tindak lanjut rekomendasi hasil evaluasi periode sebelumnya."
)
METHOD = (
    "Evaluasi dilaksanakan dengan menelaah dokumen dan data kinerja, membandingkan jawaban penilaian mandiri "
    "dengan bukti dukung, serta mengisi Lembar Kerja Evaluasi (LKE). Nilai setiap subkomponen adalah rata-rata "
    "nilai jawaban kriterianya dikalikan bobotnya; nilai akhir adalah jumlah nilai seluruh komponen."
)
DRAFT_MARK = "DRAF"


def letter_date_text(day: datetime.date | None) -> str:
    return format_date(day) if day is not None else ""


@dataclass(frozen=True)
class Letterhead:
    government: str  # "PEMERINTAH KOTA …"
    inspectorate: str  # "INSPEKTORAT" or the inspectorate agency's own name
    address: str
    website: str
    logo: str  # a data: URL, "" without a logo


@dataclass(frozen=True)
class SubComponentRow:
    code: str
    name: str
    weight: Decimal
    value: Decimal | None


@dataclass(frozen=True)
class ComponentRow:
    code: str
    name: str
    weight: Decimal
    value: Decimal | None  # None until every criterion of the component is answered
    sub_components: tuple[SubComponentRow, ...]
    note: str  # the evaluator's note on the component ("" without one)

    @property
    def percent(self) -> Decimal | None:
        """The component's value as a share of its weight (0..100)."""
        if self.value is None or not self.weight:
            return None
        return self.value / self.weight * 100


@dataclass(frozen=True)
class CriterionAnswer:
    """The evaluator's answer to one criterion (None: not answered yet) and its note, as the LKE worksheet lists."""

    code: str
    answer: str | None
    note: str


@dataclass(frozen=True)
class YearResult:
    year: int
    total: Decimal | None  # as printed: two decimals, half up
    predicate: PredicateBand | None
    issued: bool


@dataclass(frozen=True)
class RecommendationRow:
    number: int
    text: str
    criterion: str
    priority: str  # its label
    target_date: datetime.date | None

    @property
    def target_text(self) -> str:
        return letter_date_text(self.target_date)


@dataclass(frozen=True)
class LheDocument:
    agency: Agency
    government: Government
    year: int
    rubric: Rubric
    issued: bool
    letter_number: str
    letter_date: datetime.date | None
    addressee: str
    signatory_name: str
    signatory_title: str
    signatory_nip: str
    copies: tuple[str, ...]
    letterhead: Letterhead
    score: Score
    components: tuple[ComponentRow, ...]
    this_year: YearResult
    last_year: YearResult | None  # None: no issued evaluation of the year before
    recommendations: tuple[RecommendationRow, ...]
    answers: tuple[CriterionAnswer, ...]  # in the rubric's order, one per criterion

    def answer_of(self, code: str) -> CriterionAnswer | None:
        return next((row for row in self.answers if row.code == code), None)

    @property
    def draft(self) -> bool:
        return not self.issued

    @property
    def total(self) -> Decimal | None:
        return self.this_year.total

    @property
    def predicate(self) -> PredicateBand | None:
        return self.this_year.predicate

    @property
    def weight_total(self) -> Decimal:
        return sum((row.weight for row in self.components), Decimal(0))

    @property
    def letter_date_text(self) -> str:
        return letter_date_text(self.letter_date)

    @property
    def difference(self) -> Decimal | None:
        """This year's printed score less last year's (None when either is missing)."""
        if self.last_year is None or self.last_year.total is None or self.total is None:
            return None
        return self.total - self.last_year.total

    @property
    def notes(self) -> tuple[ComponentRow, ...]:
        return tuple(row for row in self.components if row.note)


def year_result(year: int, score: Score, issued: bool) -> YearResult:
    total = printed_score(score.total) if score.total is not None else None
    return YearResult(year, total, score.predicate, issued)
