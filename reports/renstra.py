"""The Renstra document (Permendagri 86/2017): one agency's strategic plan assembled once, rendered many times.

`renstra_build` gathers the plan through the LKjIP's own assembly (`report_build` of the plan's last year:
tujuan, sasaran, strategies, indicators with their Renstra targets, the program tree), adds what only a Renstra
shows — indicative funding per year (`BudgetLine.ceiling_plan`), the final condition of every indicator, the
review of the realised years (BAB II) — and returns an immutable `RenstraDocument`. HTML, PDF, Excel and JSON
render that object; `plan_snapshot` freezes its content for revisions (`reports.renstra_diff` compares them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from budgets import totals
from budgets.models import Activity, BudgetLine
from indicators import achievement
from indicators.models import Realisation, StrategicPlan
from reports.document import Caption, _Numbering
from reports.models import PlanNarrative, ProgramFunding
from reports.readmodel.build import report_build
from reports.readmodel.sections import Section
from reports.readmodel.types import BudgetRow, Figures, Finding, IndicatorRow, Report, ReportUnavailable
from reports.renstra_checks import renstra_checks
from sakip.numbers import canonical_str, format_number, format_percent, format_rupiah

Value = Decimal | str | None
SNAPSHOT_FORMAT = "sakip-renstra-snapshot/1"


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
class RenstraDocument:
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

    @property
    def tables(self):
        return [c for c in self.captions.values() if c.kind == "table"]

    @property
    def figures(self):
        return [c for c in self.captions.values() if c.kind == "figure"]

    def text(self, key: str) -> str:
        return self.texts.get(key, ("", True))[0]

    def has_text(self, key: str) -> bool:
        return bool(self.text(key).strip())


# --- pure helpers ------------------------------------------------------------------------------------------
def final_condition(targets: tuple[Value, ...]) -> Value:
    """Kondisi kinerja pada akhir periode: the target of the last year of the period that has one.

    A kegiatan that stops before the plan's last year ends at its own last target.
    """
    return next((t for t in reversed(targets) if t is not None), None)


def average_growth(values: tuple[Value, ...]) -> Decimal | None:
    """Rata-rata pertumbuhan (%): the mean of the year-on-year growth of consecutive known figures."""
    steps = [
        achievement.growth(current, previous)
        for previous, current in zip(values, values[1:], strict=False)
        if previous is not None and current is not None
    ]
    steps = [s for s in steps if s is not None]
    return sum(steps, Decimal(0)) / len(steps) if steps else None


def plan_ceilings(plan) -> dict[tuple[str, ...], dict[int, Decimal]]:
    """Indicative funding per year of every kegiatan and sub kegiatan of a plan, keyed by their code path.

    The Renstra's indicative pagu (`ceiling_plan`) when set, else the effective pagu of the year's budget.
    Two queries whatever the size of the plan.
    """
    fields = ("year", "ceiling_plan", "ceiling_original", "ceiling_rationalised", "ceiling_revised")
    rows = [
        ((p, a), rest)
        for p, a, *rest in BudgetLine.objects.filter(activity__program__plan=plan).values_list(
            "activity__program__code", "activity__code", *fields
        )
    ] + [
        ((p, a, s), rest)
        for p, a, s, *rest in BudgetLine.objects.filter(
            sub_activity__activity__program__plan=plan
        ).values_list(
            "sub_activity__activity__program__code",
            "sub_activity__activity__code",
            "sub_activity__code",
            *fields,
        )
    ]
    out: dict[tuple[str, ...], dict[int, Decimal]] = {}
    for key, (year, planned, original, rationalised, revised) in rows:
        ceiling = (
            planned
            if planned is not None
            else totals.effective_ceiling(original=original, rationalised=rationalised, revised=revised)
        )
        if ceiling is not None:
            out.setdefault(key, {})[year] = ceiling
    return out


# --- assembly ----------------------------------------------------------------------------------------------
def current_plan(agency: Agency) -> StrategicPlan | None:
    """The plan a Renstra document is made of: the latest one (as `workspace.access.current_plan_or_404`)."""
    return agency.plans.order_by("-end_year", "-start_year", "-pk").first()


def _owner_path(indicator_path: str) -> str:
    return indicator_path.rsplit(".indicators[", 1)[0]


class _Builder:
    def __init__(self, agency: Agency, *, with_review: bool = True):
        self.with_review = with_review
        plan = current_plan(agency)
        if plan is None:
            raise ReportUnavailable("Belum ada Renstra / no Renstra yet")
        self.agency = agency
        # The LKjIP assembly of the plan's last year reads the whole plan structure in a fixed number of queries.
        self.report = report_build(agency=agency, year=plan.end_year)
        self.plan = self.report.plan
        self.years = tuple(self.plan.years)

    def indicator(self, row: IndicatorRow) -> PlanIndicator:
        targets = tuple(row.renstra_targets.get(y) for y in self.years)
        return PlanIndicator(row, targets, final_condition(targets))

    def build(self) -> RenstraDocument:
        report, plan, years = self.report, self.plan, self.years
        indicators = tuple(self.indicator(row) for row in report.indicators)
        by_owner = defaultdict(list)
        for i in indicators:
            by_owner[_owner_path(i.row.path)].append(i)

        goals = []
        for gi, goal in enumerate(report.goals):
            gpath = f"$.goals[{gi}]"
            objectives = tuple(
                PlanObjective(
                    o.code,
                    o.statement,
                    o.path,
                    tuple(by_owner[o.path]),
                    o.strategies,
                    o.program_codes,
                )
                for o in goal.objectives
            )
            goals.append(PlanGoal(goal.code, goal.statement, gpath, tuple(by_owner[gpath]), objectives))

        ceilings = plan_ceilings(plan)
        units = {
            (p, a): unit or ""
            for p, a, unit in Activity.objects.filter(program__plan=plan).values_list(
                "program__code", "code", "responsible_unit__name"
            )
        }
        declared = defaultdict(dict)
        for code, year, amount in ProgramFunding.objects.filter(program__plan=plan).values_list(
            "program__code", "year", "amount"
        ):
            declared[code][year] = amount

        def funding_row(budget: BudgetRow, path: str, key: tuple[str, ...], unit: str) -> FundingRow:
            children = []
            child_kind = {"program": "activities", "activity": "sub_activities"}.get(budget.level)
            for k, child in enumerate(budget.children):
                child_unit = units.get(key + (child.code,), "") if budget.level == "program" else unit
                children.append(
                    funding_row(child, f"{path}.{child_kind}[{k}]", (*key, child.code), child_unit)
                )
            if children:
                funding = totals.column_sums([c.funding for c in children], len(years))
            else:
                own = ceilings.get(key, {})
                funding = tuple(own.get(y) for y in years)
            own_indicators = tuple(by_owner[path])
            if budget.level == "program":
                # The units answering for a program: its indicators' units, else those of its kegiatan.
                named = [i.row.responsible_unit for i in own_indicators] or [
                    c.responsible_unit for c in children
                ]
                unit = ", ".join(dict.fromkeys(u for u in named if u))
            return FundingRow(
                code=budget.code,
                name=budget.name,
                level=budget.level,
                path=path,
                key="/".join(key),
                indicators=own_indicators,
                funding=funding,
                total=totals.sum_known(funding),
                responsible_unit=unit,
                objective_codes=budget.objective_codes,
                declared=tuple(declared[budget.code].get(y) for y in years)
                if budget.level == "program"
                else (),
                children=tuple(children),
            )

        programs = tuple(
            funding_row(p, f"$.programs[{k}]", (p.code,), "") for k, p in enumerate(report.budget.children)
        )
        funding_totals = totals.column_sums([p.funding for p in programs], len(years))
        narratives = {
            key: text for key, text in PlanNarrative.objects.filter(plan=plan).values_list("key", "text")
        }
        revision = plan.revision or "Renstra awal"
        document = RenstraDocument(
            report=report,
            plan=plan,
            years=years,
            title=f"Rencana Strategis Tahun {plan.start_year}–{plan.end_year}",
            revision=revision,
            goals=tuple(goals),
            programs=programs,
            funding_totals=funding_totals,
            funding_total=totals.sum_known(funding_totals),
            indicators=indicators,
            review=self.review() if self.with_review else PeriodReview("", (), (), (), None),
            captions=_captions(plan),
            texts={},
        )
        texts = renstra_texts(document, narratives)
        document = replace(document, texts=texts, outline=document_outline(texts))
        return replace(document, checks=tuple(renstra_checks(document)))

    # --- BAB II: the review of the realised years -----------------------------------------------------------
    def review(self) -> PeriodReview:
        """Realisations and budget of the previous plan's years, else of this plan's years that have any.

        Each year is the LKjIP report object of that year, so capaian, cumulative indicators and budget
        roll-ups are computed exactly as the LKjIP computes them.
        """
        previous = (
            StrategicPlan.objects.filter(agency=self.agency, end_year__lt=self.plan.start_year)
            .order_by("-end_year", "-pk")
            .first()
        )
        source = previous or self.plan
        realised = set(
            Realisation.objects.filter(indicator__plan=source).values_list("year", flat=True).distinct()
        )
        spent = (
            BudgetLine.objects.filter(activity__program__plan=source)
            | BudgetLine.objects.filter(sub_activity__activity__program__plan=source)
        ).exclude(
            ceiling_original__isnull=True,
            ceiling_rationalised__isnull=True,
            ceiling_revised__isnull=True,
            spent__isnull=True,
        )
        budgeted = set(spent.values_list("year", flat=True).distinct())
        years = tuple(sorted(y for y in realised | budgeted if source.start_year <= y <= source.end_year))
        reports = {}
        for year in years:
            if year == self.report.year and source == self.plan:
                reports[year] = self.report
            else:
                try:
                    reports[year] = report_build(agency=self.agency, year=year)
                except ReportUnavailable:
                    continue
        years = tuple(y for y in years if y in reports)
        if not years:
            return PeriodReview(str(source), (), (), (), None)
        label = f"{source}, tahun {years[0]}" + (f"–{years[-1]}" if len(years) > 1 else "")

        def strategic(r: Report):
            return {i.code: i for i in r.indicators if i.level in ("goal", "objective")}

        per_year = {y: strategic(reports[y]) for y in years}
        order = {}
        for y in years:
            for code, row in per_year[y].items():
                order.setdefault(code, row)
        empty = Figures(None, None, None)
        indicator_rows = []
        for code, row in order.items():
            figures = [per_year[y][code].current if code in per_year[y] else empty for y in years]
            indicator_rows.append(
                ReviewRow(
                    code,
                    row.name,
                    row.unit,
                    tuple(f.target for f in figures),
                    tuple(f.realisation for f in figures),
                    tuple(f.capaian for f in figures),
                )
            )
        budget_order = {}
        for y in years:
            for p in reports[y].budget.children:
                budget_order.setdefault(p.code, p.name)

        def budget_row(code, name, by_year) -> ReviewRow:
            ceilings = tuple(by_year[y].ceiling if y in by_year else None for y in years)
            spent_ = tuple(by_year[y].spent if y in by_year else None for y in years)
            return ReviewRow(
                code,
                name,
                "Rp",
                ceilings,
                spent_,
                tuple(by_year[y].absorption if y in by_year else None for y in years),
                average_growth(ceilings),
                average_growth(spent_),
            )

        budget_rows = []
        for code, name in budget_order.items():
            by_year = {y: p.figures for y in years for p in reports[y].budget.children if p.code == code}
            budget_rows.append(budget_row(code, name, by_year))
        total = (
            budget_row("", "Jumlah", {y: reports[y].budget.figures for y in years}) if budget_rows else None
        )
        return PeriodReview(label, years, tuple(indicator_rows), tuple(budget_rows), total)


def _captions(plan) -> dict[str, Caption]:
    number = _Numbering()
    period = f"{plan.start_year}–{plan.end_year}"
    number.add("figure", 2, "organisation", "Struktur organisasi")
    number.add("table", 2, "review-performance", "Pencapaian kinerja pelayanan perangkat daerah")
    number.add("table", 2, "review-budget", "Anggaran dan realisasi pendanaan pelayanan perangkat daerah")
    number.add("table", 4, "goals", f"Tujuan dan sasaran jangka menengah pelayanan perangkat daerah {period}")
    number.add("table", 5, "strategies", "Tujuan, sasaran, strategi dan arah kebijakan")
    number.add(
        "table",
        6,
        "programs",
        f"Rencana program, kegiatan, indikator kinerja dan pendanaan indikatif {period}",
    )
    number.add(
        "table",
        7,
        "indicators",
        "Indikator kinerja perangkat daerah yang mengacu pada tujuan dan sasaran RPJMD",
    )
    number.add("table", "L", "formulas", "Formulasi indikator kinerja")
    return number.captions


# --- generated sentences -----------------------------------------------------------------------------------
LEGAL_BASIS = (
    "Undang-Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
    "Peraturan Pemerintah Nomor 8 Tahun 2008 tentang Tahapan, Tata Cara Penyusunan, Pengendalian dan Evaluasi "
    "Pelaksanaan Rencana Pembangunan Daerah",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah",
    "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang Tata Cara Perencanaan, Pengendalian dan "
    "Evaluasi Pembangunan Daerah, Tata Cara Evaluasi Rancangan Peraturan Daerah tentang RPJPD dan RPJMD, serta "
    "Tata Cara Perubahan RPJPD, RPJMD dan Rencana Kerja Pemerintah Daerah",
)


def _count(rows) -> int:
    return len(tuple(rows))


def review_sentence(review: PeriodReview) -> str:
    if not review.years:
        return (
            "Belum ada data realisasi kinerja dan anggaran yang tercatat untuk ditelaah; tabel capaian kinerja "
            "pelayanan dan pendanaannya terisi setelah realisasi tahunan dicatat."
        )
    last = len(review.years) - 1
    year = review.years[last]
    measured = [r.ratio[last] for r in review.indicators if r.ratio[last] is not None]
    achieved = sum(1 for c in measured if c >= 100)
    parts = [
        f"Telaahan kinerja pelayanan mencakup {review.label}.",
        f"Pada tahun {year}, {achieved} dari {len(review.indicators)} indikator tujuan dan sasaran mencapai "
        "atau melampaui target"
        + (
            f", {len(review.indicators) - len(measured)} indikator belum dapat diukur."
            if len(measured) < len(review.indicators)
            else "."
        ),
    ]
    if review.total is not None and review.total.first[last] is not None:
        ratio = review.total.ratio[last]
        parts.append(
            f"Anggaran tahun {year} sebesar {format_rupiah(review.total.first[last])}"
            + (
                f" terealisasi {format_rupiah(review.total.second[last])} ({format_percent(ratio)})."
                if review.total.second[last] is not None
                else "; realisasinya belum lengkap."
            )
        )
    return " ".join(parts)


def problems_sentence(review: PeriodReview) -> str:
    if not review.years:
        return (
            "Permasalahan pelayanan diidentifikasi dari capaian kinerja dan pendanaan periode sebelumnya serta "
            "dari tugas dan fungsi perangkat daerah; capaian tahunan yang dicatat akan menunjukkan indikator yang "
            "memerlukan perhatian."
        )
    last = len(review.years) - 1
    missed = [r for r in review.indicators if r.ratio[last] is not None and r.ratio[last] < 100]
    if not missed:
        return (
            f"Seluruh indikator tujuan dan sasaran yang dapat diukur pada tahun {review.years[last]} mencapai "
            "target; permasalahan pelayanan terutama terletak pada upaya mempertahankan dan meningkatkan capaian "
            "tersebut."
        )
    listed = "; ".join(f"{r.code} {r.name} ({format_percent(r.ratio[last])})" for r in missed)
    return (
        f"Indikator yang belum mencapai target pada tahun {review.years[last]} menunjukkan permasalahan "
        f"pelayanan yang perlu dijawab Renstra ini: {listed}."
    )


def renstra_texts(doc: RenstraDocument, typed: dict[str, str]) -> dict[str, tuple[str, bool]]:
    """Every section's text and whether it was generated (True) or typed by the planner (False)."""
    agency, plan = doc.agency.name, doc.plan
    period = f"{plan.start_year}–{plan.end_year}"
    objectives = doc.objectives
    strategies = [s for o in objectives for s in o.strategies]
    policies = [p for _, ps in strategies for p in ps]
    activities = doc.activities
    units = [u for u in doc.report.org_units if u.parent_id is None]
    revision = f" ({plan.revision})" if plan.revision else ""
    funded = [(y, t) for y, t in zip(doc.years, doc.funding_totals, strict=True) if t is not None]
    largest = max(funded, key=lambda pair: pair[1], default=None)
    key_count = sum(1 for i in doc.strategic_indicators if i.row.is_key)
    defaults = {
        "kata_pengantar": (
            f"Rencana Strategis (Renstra) {agency} Tahun {period}{revision} memuat tujuan, sasaran, strategi, arah "
            "kebijakan, program dan kegiatan beserta indikator kinerja dan pendanaan indikatifnya. Renstra ini "
            "menjadi pedoman penyusunan Rencana Kerja tahunan dan tolok ukur Laporan Kinerja Instansi Pemerintah "
            "selama periode perencanaan."
        ),
        "latar_belakang": (
            f"Sesuai Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017, setiap perangkat daerah menyusun Rencana "
            f"Strategis untuk periode lima tahunan sebagai penjabaran RPJMD. {agency} menetapkan "
            f"{_count(doc.goals)} tujuan dan {_count(objectives)} sasaran yang dicapai melalui "
            f"{_count(doc.programs)} program dan {_count(activities)} kegiatan selama tahun {period}."
        ),
        "landasan_hukum": "\n".join(LEGAL_BASIS),
        "maksud_tujuan": (
            f"Renstra ini dimaksudkan sebagai dokumen perencanaan {agency} untuk periode {period} dan bertujuan "
            "menjabarkan visi dan misi kepala daerah ke dalam tujuan, sasaran, program dan kegiatan yang terukur, "
            "sehingga kinerja setiap tahun dapat dipantau dan dievaluasi."
        ),
        "sistematika": (
            "Renstra ini terdiri atas Bab I Pendahuluan; Bab II Gambaran Pelayanan Perangkat Daerah; Bab III "
            "Permasalahan dan Isu-isu Strategis; Bab IV Tujuan dan Sasaran; Bab V Strategi dan Arah Kebijakan; "
            "Bab VI Rencana Program dan Kegiatan serta Pendanaan; Bab VII Kinerja Penyelenggaraan Bidang Urusan; "
            "dan Bab VIII Penutup, dilengkapi lampiran formulasi indikator kinerja."
        ),
        "tugas_fungsi": (
            f"Susunan organisasi {agency} terdiri atas {len(units)} unit kerja utama"
            + (": " + ", ".join(u.name for u in units) + "." if units else ".")
            if units
            else f"Unit kerja {agency} belum dicatat; susunan organisasinya tersaji setelah unit kerja diisi."
        ),
        "sumber_daya": "",
        "kinerja_pelayanan": review_sentence(doc.review),
        "tantangan_peluang": "",
        "permasalahan": problems_sentence(doc.review),
        "telaahan_visi_misi": (
            f"Renstra {agency} mendukung pencapaian visi kepala daerah"
            + (f" «{plan.vision}»" if plan.vision else "")
            + (
                f" melalui {_count(doc.report.missions)} misi berikut; tujuan dan sasaran Renstra disusun untuk "
                "mendukung misi yang sesuai dengan tugas dan fungsi perangkat daerah."
                if doc.report.missions
                else "."
            )
        ),
        "telaahan_renstra_kl": "",
        "telaahan_rtrw_klhs": "",
        "isu_strategis": (
            "Isu strategis dirumuskan dari permasalahan pelayanan dan telaahan di atas, dan dijawab melalui "
            + (
                "sasaran berikut: " + "; ".join(f"{o.code} {o.statement}" for o in objectives) + "."
                if objectives
                else "sasaran Renstra (belum dicatat)."
            )
        ),
        "tujuan_sasaran": (
            f"Tujuan dan sasaran jangka menengah {agency}, beserta indikator kinerja, kondisi awal, target setiap "
            f"tahun dan kondisi akhir periode {period}, disajikan pada tabel berikut."
        ),
        "strategi_kebijakan": (
            f"Untuk mencapai {_count(objectives)} sasaran ditetapkan {len(strategies)} strategi dengan "
            f"{len(policies)} arah kebijakan, disajikan per sasaran pada tabel berikut."
            if strategies
            else f"Strategi dan arah kebijakan untuk mencapai {_count(objectives)} sasaran belum dicatat."
        ),
        "rencana_program": (
            f"Sasaran Renstra dicapai melalui {_count(doc.programs)} program dan {_count(activities)} kegiatan "
            + (
                f"dengan pendanaan indikatif seluruhnya {format_rupiah(doc.funding_total)} selama periode "
                f"{period}; pendanaan terbesar pada tahun {largest[0]} ({format_rupiah(largest[1])})."
                if largest
                else "; pendanaan indikatifnya belum dicatat."
            )
        ),
        "kinerja_urusan": (
            f"Kinerja penyelenggaraan bidang urusan {agency} diukur dengan {len(doc.strategic_indicators)} "
            f"indikator tujuan dan sasaran, {key_count} di antaranya Indikator Kinerja Utama, dengan kondisi awal, "
            "target tahunan dan kondisi akhir periode Renstra berikut."
        ),
        "penutup": (
            f"Renstra {agency} Tahun {period}{revision} menjadi acuan penyusunan Rencana Kerja, Perjanjian "
            "Kinerja dan Laporan Kinerja setiap tahun. Keberhasilannya bergantung pada komitmen seluruh unit "
            "kerja dan dukungan pemangku kepentingan; capaian setiap tahun dievaluasi terhadap target dan "
            "kondisi akhir yang ditetapkan di dalamnya."
        ),
    }
    out = {key: (text, True) for key, text in defaults.items()}
    for key, text in typed.items():
        if text.strip():
            out[key] = (text, False)
    return out


def renstra_build(*, agency: Agency, review: bool = True) -> RenstraDocument:
    """The Renstra document of the agency's current plan (raises ReportUnavailable when it has none).

    `review=False` leaves out BAB II's review of the realised years (one LKjIP assembly per year): the
    screens that edit or compare the plan do not show it.
    """
    return _Builder(agency, with_review=review).build()


# --- snapshot (frozen revisions) and JSON ------------------------------------------------------------------
def _str(value: Value) -> str | None:
    return value if isinstance(value, str) or value is None else canonical_str(value)


def plan_snapshot(doc: RenstraDocument) -> dict:
    """The plan's Renstra content as plain JSON: what a frozen revision keeps and `renstra_diff` compares."""
    years = doc.years

    def by_year(values) -> dict[str, str]:
        return {str(y): _str(v) for y, v in zip(years, values, strict=True) if v is not None}

    def owner_of(i: PlanIndicator) -> str:
        return f"{i.row.level}:{i.row.parent_code}"

    plan = doc.plan
    return {
        "format": SNAPSHOT_FORMAT,
        "plan": {
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "revision": plan.revision,
            "vision": plan.vision,
            "missions": list(doc.report.missions),
        },
        "goals": [{"code": g.code, "statement": g.statement} for g in doc.goals],
        "objectives": [
            {
                "code": o.code,
                "statement": o.statement,
                "strategies": [[s, list(p)] for s, p in o.strategies],
            }
            for o in doc.objectives
        ],
        "indicators": [
            {
                "code": i.code,
                "name": i.row.name,
                "unit": i.row.unit,
                "owner": owner_of(i),
                "baseline": _str(i.row.baseline),
                "targets": by_year(i.targets),
            }
            for i in doc.indicators
        ],
        "owners": [
            {
                "key": row.key,
                "code": row.code,
                "name": row.name,
                "level": row.level,
                "funding": by_year(row.funding),
            }
            for program in doc.programs
            for row in program.walk()
        ],
    }


def renstra_json(doc: RenstraDocument) -> dict:
    """`sakip-renstra/1`: the document's figures (decimals as plain strings) and its checks."""
    snapshot = plan_snapshot(doc)
    totals_by_year = {str(y): _str(t) for y, t in zip(doc.years, doc.funding_totals, strict=True)}
    for row, indicator in zip(snapshot["indicators"], doc.indicators, strict=True):
        row["final"] = _str(indicator.final)
    return {
        "format": "sakip-renstra/1",
        "agency": doc.agency.code,
        "revision": doc.revision,
        **{k: v for k, v in snapshot.items() if k != "format"},
        "funding_totals": totals_by_year,
        "funding_total": _str(doc.funding_total),
        "checks": [
            {
                "level": c.level,
                "code": c.code,
                "path": c.path,
                "message": c.message,
                "declared": _str(c.declared),
                "computed": _str(c.computed),
            }
            for c in doc.checks
        ],
    }


def measure_text(value: Value) -> str:
    """A target or baseline as the Renstra prints it: its own decimals (88; 78,5; 1.500), a grade unchanged."""
    if value is None or isinstance(value, str):
        return format_number(value)
    text = canonical_str(value)
    places = min(len(text.partition(".")[2]), 4)
    return format_number(value, places)
