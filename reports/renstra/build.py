"""The Renstra document (Permendagri 86/2017): one agency's strategic plan assembled once, rendered many times.

`renstra_build` gathers the plan through the LKjIP's own assembly (`report_build` of the plan's last year:
tujuan, sasaran, strategies, indicators with their Renstra targets, the program tree), adds what only a Renstra
shows — indicative funding per year (`BudgetLine.ceiling_plan`), the final condition of every indicator, the
review of the realised years (BAB II) — and returns an immutable `RenstraDocument`. HTML, PDF, Excel and JSON
render that object; `plan_snapshot` freezes its content for revisions (`reports.renstra.diff` compares them).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from agencies.models import Agency
from budgets import totals
from budgets.models import Activity, BudgetLine
from indicators import achievement
from indicators.models import Realisation, StrategicPlan
from reports.documents.base import Caption, Numbering
from reports.models import PlanNarrative, ProgramFunding
from reports.readmodel.build import report_build
from reports.readmodel.types import BudgetRow, Figures, IndicatorRow, Report, ReportUnavailable
from reports.renstra.checks import renstra_checks
from reports.renstra.document import (
    FundingRow,
    PeriodReview,
    PlanGoal,
    PlanIndicator,
    PlanObjective,
    RenstraDocument,
    ReviewRow,
    Value,
    document_outline,
)
from sakip.numbers import format_percent, format_rupiah


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
    number = Numbering()
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
