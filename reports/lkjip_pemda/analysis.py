"""The Pemda LKjIP assembled from the read models (pure: values in, values out, `Decimal`, no ORM, no rounding).

`assemble` takes the RPJMD of the year (`rpjmd.readmodel.RegionalReport`, its figures from `rpjmd.figures`) and
every agency's report object (`reports.readmodel.types.Report`, by agency code), and gives the document: per
RPJMD sasaran the seven analyses of PermenPAN-RB 53/2014 as the agency LKjIP does them, the budget by urusan and
by agency, the IKM of the Pemda. The figures of a sourced IKU come from the agency indicator's row of its report
(`source_rows`), so the Pemda's document cannot disagree with the agency's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from agencies.models import Government
from budgets import totals
from budgets.totals import BudgetFigures
from indicators import achievement
from indicators.predicates import declared_scales
from reports.documents.base import Numbering
from reports.readmodel.types import IndicatorRow, Report
from rpjmd import figures
from rpjmd.readmodel import AgencyRef, GoalRow, IkuRow, ObjectiveRow, RegionalReport
from sakip.numbers import format_percent
from surveys import ikm as ikm_engine

from . import urusan
from .checks import document_checks
from .document import (
    AgencyBudget,
    AgencyContribution,
    AgencyIkm,
    IkuAnalysis,
    ObjectiveSection,
    PemdaLkjipDocument,
    SupportingProgram,
    UrusanBudget,
    YearFigures,
)

STANDARD_PHRASES = {
    "melampaui": "melampaui standar",
    "memenuhi": "memenuhi standar",
    "belum memenuhi": "belum memenuhi standar",
}


def iku_years(
    iku: IkuRow, year: int, first_year: int, source: IndicatorRow | None
) -> tuple[YearFigures, ...]:
    """Target, realisation and capaian of each RPJMD year up to `year` (analysis 2). A sourced IKU's earlier
    realisations are the agency report's (its comparison years); a year the report does not reach stays empty."""
    rows = []
    for y in range(first_year, year + 1):
        target = figures.iku_target(rpjmd=iku.rpjmd_targets.get(y), pk=iku.pk_targets.get(y))
        if y == year:
            realisation: achievement.Value = iku.current.realisation
        elif source is not None:
            known = source.history.get(y)
            realisation = known.realisation if known is not None else None
        else:
            realisation = iku.direct_realisations.get(y)
        number = realisation if isinstance(realisation, Decimal) else None
        rows.append(
            YearFigures(
                year=y,
                target=target,
                realisation=realisation,
                capaian=figures.iku_capaian(target, number, polarity=iku.polarity, kind=iku.kind),
            )
        )
    return tuple(rows)


def iku_analysis(iku: IkuRow, year: int, first_year: int, source: IndicatorRow | None) -> IkuAnalysis:
    years = iku_years(iku, year, first_year, source)
    previous = years[-2].realisation if len(years) > 1 else None
    current = iku.current.realisation
    standard = source.national_standard if source is not None else None
    return IkuAnalysis(
        iku=iku,
        years=years,
        change=achievement.difference(current, previous),
        final_progress=figures.iku_capaian(iku.final_target, current, polarity=iku.polarity, kind=iku.kind),
        standard=standard,
        standard_status=achievement.against_standard(current, standard, polarity=iku.polarity)
        if standard is not None
        else None,
        standard_source=source.national_standard_source if source is not None else "",
    )


def causes_sentence(objective: ObjectiveRow) -> str:
    """Analysis 5 when no cause is typed: which IKU met their target and which did not, with their capaian."""
    met = [i for i in objective.indicators if achievement.is_achieved(i.current.capaian) is True]
    missed = [i for i in objective.indicators if achievement.is_achieved(i.current.capaian) is False]
    parts = []
    if met:
        listed = "; ".join(f"{i.code} {i.name} ({format_percent(i.current.capaian)})" for i in met)
        parts.append(f"Indikator yang mencapai atau melampaui target: {listed}.")
    if missed:
        listed = "; ".join(f"{i.code} {i.name} ({format_percent(i.current.capaian)})" for i in missed)
        parts.append(
            f"Indikator yang belum mencapai target: {listed}; penyebabnya perlu diuraikan oleh perangkat daerah "
            "penanggung jawab."
        )
    if not parts:
        return (
            "Capaian indikator sasaran ini belum dapat diukur karena target atau realisasinya belum lengkap."
        )
    return " ".join(parts) + " Penyebab keberhasilan atau kegagalan belum diisi untuk tahun ini."


def objective_summary(objective: ObjectiveRow, year: int) -> str:
    count = len(objective.indicators)
    if objective.current.capaian is None:
        return (
            f"Sasaran {objective.code} diukur dengan {count} indikator kinerja utama; capaiannya tahun {year} belum "
            "dapat dihitung."
        )
    band = f" dengan predikat {objective.current.predicate.label}" if objective.current.predicate else ""
    return (
        f"Sasaran {objective.code} diukur dengan {count} indikator kinerja utama; capaian sasaran tahun {year} "
        f"adalah {format_percent(objective.current.capaian)}{band} (rata-rata capaian indikatornya)."
    )


def _program_figures(report: Report | None, code: str) -> BudgetFigures | None:
    if report is None:
        return None
    row = next((p for p in report.budget.children if p.code == code), None)
    return row.figures if row is not None else None


def _roll(rows: Sequence[BudgetFigures | None]) -> BudgetFigures:
    ceiling, spent = totals.roll_up((f.ceiling, f.spent) for f in rows if f is not None)
    return totals.figures(ceiling, spent)


def objective_section(
    goal: GoalRow,
    objective: ObjectiveRow,
    year: int,
    first_year: int,
    *,
    reports: Mapping[str, Report],
    source_rows: Mapping[int, IndicatorRow],
) -> ObjectiveSection:
    ikus = tuple(iku_analysis(i, year, first_year, source_rows.get(i.pk)) for i in objective.indicators)
    programs: list[SupportingProgram] = []
    seen: set[tuple[str, str]] = set()
    for row in objective.agency_objectives:
        for p in row.programs:
            if (row.agency.code, p.code) in seen:  # one program serving two linked sasaran counts once
                continue
            seen.add((row.agency.code, p.code))
            figures_ = _program_figures(reports.get(row.agency.code), p.code)
            programs.append(SupportingProgram(agency=row.agency, code=p.code, name=p.name, figures=figures_))
    budget = _roll([p.figures for p in programs])
    causes = tuple((i.code, i.notes[year]) for i in objective.indicators if i.notes.get(year))
    return ObjectiveSection(
        goal_code=goal.code,
        goal_statement=goal.statement,
        objective=objective,
        ikus=ikus,
        causes=causes,
        causes_generated=causes_sentence(objective),
        contributions=objective.agency_objectives,
        programs=tuple(programs),
        budget=budget,
        efficiency=totals.efficiency(objective.current.capaian, budget.absorption),
        summary=objective_summary(objective, year),
    )


def budget_by_urusan(reports: Sequence[Report]) -> tuple[UrusanBudget, ...]:
    """Every agency's programs grouped by the urusan their code names (`urusan.urusan_of`)."""
    groups: dict[str, list[tuple[str, BudgetFigures]]] = {}
    for report in reports:
        for program in report.budget.children:
            key = urusan.urusan_of(program.code)
            groups.setdefault(key, []).append((report.agency.code, program.figures))
    rows = []
    for key in sorted(groups, key=urusan.sort_key):
        members = groups[key]
        rows.append(
            UrusanBudget(
                key=key,
                name=urusan.urusan_name(key),
                program_count=len(members),
                agencies=tuple(sorted({code for code, _f in members})),
                figures=_roll([f for _code, f in members]),
            )
        )
    return tuple(rows)


def agency_ikm(agency: AgencyRef, report: Report | None, year: int, scale: str) -> AgencyIkm:
    """The agency's IKM of the year: the SKM of its survey of the year (the latest when it has several)."""
    surveys = [s for s in (report.surveys if report else ()) if s.year == year and s.skm is not None]
    value = surveys[-1].skm if surveys else None
    return AgencyIkm(
        agency=agency, value=value, mutu=ikm_engine.mutu(value, scale=scale) if value is not None else None
    )


def ikm_mean(rows: Sequence[AgencyIkm]) -> Decimal | None:
    """The Pemda's IKM: the mean of its agencies' IKM (those with a survey of the year)."""
    values = [r.value for r in rows if r.value is not None]
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


def _texts(government: Government, year: int, regional: RegionalReport, agency_count: int) -> dict:
    head = government.head_title or "Kepala Daerah"
    plan = regional.plan
    return {
        "kata_pengantar": (
            f"Laporan Kinerja Instansi Pemerintah (LKjIP) {government.name} Tahun {year} disusun sebagai wujud "
            f"pertanggungjawaban {head} atas pelaksanaan RPJMD {plan.start_year}–{plan.end_year} pada tahun "
            f"{year}. Laporan ini menyajikan capaian Indikator Kinerja Utama (IKU) Pemerintah Daerah per sasaran "
            "RPJMD, kontribusi perangkat daerah, realisasi anggaran dan hasil survei kepuasan masyarakat.",
            True,
        ),
        "latar_belakang": (
            f"{government.name} menyelenggarakan urusan pemerintahan melalui {agency_count} perangkat daerah. "
            "Sesuai Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
            "Pemerintah, setiap instansi pemerintah menyusun laporan kinerja tahunan yang memuat capaian kinerja "
            "terhadap perjanjian kinerja.",
            True,
        ),
    }


LEGAL_BASIS = (
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi Pemerintah;",
    "Peraturan Menteri PANRB Nomor 53 Tahun 2014 tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja "
    "dan Tata Cara Reviu atas Laporan Kinerja Instansi Pemerintah;",
    "Peraturan Menteri Dalam Negeri Nomor 90 Tahun 2019 tentang Klasifikasi, Kodefikasi, dan Nomenklatur "
    "Perencanaan Pembangunan dan Keuangan Daerah;",
    "Peraturan Daerah tentang Rencana Pembangunan Jangka Menengah Daerah (RPJMD).",
)


def _captions(sections: Sequence[ObjectiveSection]) -> Numbering:
    numbering = Numbering()
    numbering.add("table", 2, "rpjmd", "Visi, misi, tujuan dan sasaran RPJMD")
    numbering.add("table", 2, "iku", "Indikator Kinerja Utama Pemerintah Daerah dan targetnya")
    numbering.add("table", 2, "agreement", "Perjanjian Kinerja kepala daerah")
    numbering.add("table", 3, "capaian", "Capaian IKU Pemerintah Daerah")
    for s in sections:
        numbering.add("table", 3, f"result-{s.code}", f"Capaian sasaran {s.code}")
        numbering.add("table", 3, f"years-{s.code}", f"Perbandingan realisasi sasaran {s.code} antartahun")
        numbering.add(
            "table", 3, f"final-{s.code}", f"Realisasi sasaran {s.code} terhadap target akhir RPJMD"
        )
        numbering.add("table", 3, f"contrib-{s.code}", f"Kontribusi perangkat daerah pada sasaran {s.code}")
        numbering.add("table", 3, f"programs-{s.code}", f"Program pendukung sasaran {s.code} dan anggarannya")
    numbering.add("table", 3, "urusan", "Realisasi anggaran per urusan")
    numbering.add("table", 3, "agency-budget", "Realisasi anggaran per perangkat daerah")
    numbering.add("table", 3, "ikm", "Indeks Kepuasan Masyarakat per perangkat daerah")
    numbering.add("table", "L", "annex-agreement", "Perjanjian Kinerja kepala daerah")
    numbering.add("table", "L", "annex-iku", "Indikator Kinerja Utama Pemerintah Daerah")
    return numbering


def assemble(
    government: Government,
    year: int,
    regional: RegionalReport,
    *,
    agencies: Sequence[AgencyRef],
    reports: Mapping[str, Report],
    source_rows: Mapping[int, IndicatorRow],
) -> PemdaLkjipDocument:
    """The document. `agencies`: every agency of the Pemda, in print order; `reports`: the report of each one
    whose Renstra covers the year (by code); `source_rows`: the agency indicator row of each sourced IKU (by IKU
    pk), from its agency's report."""
    first_year = regional.plan.start_year
    sections = tuple(
        objective_section(goal, objective, year, first_year, reports=reports, source_rows=source_rows)
        for goal in regional.goals
        for objective in goal.objectives
    )
    own = [reports[a.code] for a in agencies if a.code in reports]
    by_urusan = budget_by_urusan(own)
    by_agency = tuple(
        AgencyBudget(
            agency=a,
            has_report=a.code in reports,
            figures=reports[a.code].budget.figures if a.code in reports else None,
        )
        for a in agencies
    )
    ikm_scale = government.ikm_scale or ikm_engine.DEFAULT_MUTU_SCALE
    ikm_rows = tuple(agency_ikm(a, reports.get(a.code), year, ikm_scale) for a in agencies)
    mean = ikm_mean(ikm_rows)
    contributions = tuple(
        AgencyContribution(
            agency=a,
            has_report=a.code in reports,
            capaian=achievement.objective_capaian(o.capaian for o in reports[a.code].objectives)
            if a.code in reports
            else None,
        )
        for a in agencies
    )
    capaians = [i.current.capaian for i in regional.indicators]
    counts = (
        sum(1 for c in capaians if achievement.is_achieved(c) is True),
        sum(1 for c in capaians if achievement.is_achieved(c) is False),
        sum(1 for c in capaians if c is None),
    )
    document = PemdaLkjipDocument(
        government=government,
        year=year,
        regional=regional,
        scale=declared_scales(government.predicate_scale, government.indicator_scale).main,
        agencies=contributions,
        sections=sections,
        budget_by_urusan=by_urusan,
        budget_by_agency=by_agency,
        total_by_urusan=_roll([u.figures for u in by_urusan]),
        total_by_agency=_roll([b.figures for b in by_agency]),
        agencies_total=_roll([r.budget.figures for r in own]),
        ikm=ikm_rows,
        ikm_mean=mean,
        ikm_mutu=ikm_engine.mutu(mean, scale=ikm_scale) if mean is not None else None,
        counts=counts,
        captions=_captions(sections).captions,
        texts=_texts(government, year, regional, len(agencies)),
    )
    return replace(document, checks=document_checks(document, own))
