"""What the app already knows about an LKE criterion, and the answer it suggests: the evaluator accepts or
overrides it. Pure: the facts (`AgencyFacts`, gathered by `reports.evaluation.facts`) in, suggestions out.

Which criterion each fact speaks to (LKE PermenPAN-RB 88/2021; a rubric variant without the code is skipped):

- Perencanaan, pemenuhan: 1.a.3 Renstra recorded; 1.a.4 PK recorded with its targets; 1.a.5 Rencana Aksi quarter
  targets recorded; 1.a.6 the year's budget (pagu) recorded. Kualitas: 1.b.1 PK signed; 1.b.2 its signing date
  (facts only: "published on time" is not known here); 1.b.5 IKU with unit, formula and data source; 1.b.6 sasaran
  with an IKU; 1.b.8 PK targets equal to the Renstra's and sasaran supported by a program (the lower of the two).
- Pengukuran: 2.a.2 every IKU has a unit and a formula; 2.a.3 every IKU has a data source and a responsible unit;
  2.b.3 realisations backed by evidence files; 2.b.4 every quarter measured for every IKU/PK indicator (and on
  time where an entry deadline is set); 2.b.6 / 2.b.7 data collected and capaian computed in this application
  (Y when it happened here; no answer otherwise: another application may do it).
- Pelaporan: 3.a.1 the LKjIP submitted to the inspectorate; 3.a.2 quarterly realisations in every quarter;
  3.a.3 the LKjIP signed; 3.a.4 the LKjIP reviewed by the inspectorate; 3.a.6 submitted by the end of February of
  the next year. Kualitas: 3.b.1 the checks clean and the seven analyses present for every sasaran (the lower of
  the two); 3.b.2 indicators with a realisation; 3.b.3 with a capaian against the annual target; 3.b.4 with the
  progress to the Renstra's end target; 3.b.5 with earlier years' realisations; 3.b.6 with a national standard;
  3.b.7 sasaran with their causes typed; 3.b.8 sasaran with an efficiency; 3.b.9 sasaran with solutions or
  follow-up plans typed.
- Evaluasi internal: 4.c.1 and 4.c.2 last year's recommendations followed up (`followup.suggested_follow_up_answer`).

A–E answers from a share (`share_answer`): 100 % A, ≥ 75 % B, ≥ 50 % C, ≥ 25 % D, else E; nothing to count: no
answer. Checks (3.b.1): none A, warnings only B, errors C.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from review.workflow import State
from sakip.numbers import format_percent, format_rupiah

from . import followup
from .rubric import Rubric

YES, NO = "Y", "T"
GRADES = ("A", "B", "C", "D", "E")
QUARTERS = (1, 2, 3, 4)
# Review states in which the inspectorate has acted on the LKjIP (returned it or approved it).
REVIEWED_STATES = frozenset({"returned", "resubmitted", "approved", "reopened"})
DRAFT = "draft"


@dataclass(frozen=True)
class Fact:
    """One thing the app knows, e.g. "PK 2021 ditandatangani 3 Januari 2021", with the screen that shows it."""

    text: str
    ok: bool | None  # True: supports the criterion; False: counts against it; None: for information
    url: str = ""


@dataclass(frozen=True)
class Suggestion:
    criterion: str
    answer: str | None  # an answer of the criterion's type, or None: the app cannot tell
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class QuarterFacts:
    """One quarter of the year: what was entered for the IKU/PK indicators (`AgencyFacts.measured`)."""

    quarter: int
    entered: int  # indicators with a realisation of the quarter
    with_evidence: int  # indicators with an evidence file of the quarter
    on_time: int = 0  # entries first saved on screen by the deadline
    late: int = 0  # entries first saved after it (imported entries have no known time: neither)
    deadline: datetime.date | None = None  # the Pemda's entry window; None: none set
    url: str = ""


@dataclass(frozen=True)
class AgencyFacts:
    """What the agency recorded for the evaluated year, as plain values (gathered by `reports.evaluation.facts`).
    Counts of indicators are over the year's report; `plan_period` "" means no Renstra covers the year."""

    year: int
    plan_period: str = ""
    objectives: int = 0
    indicators: int = 0  # every indicator of the plan
    objectives_with_key: int = 0  # sasaran with at least one IKU
    objectives_with_program: int = 0  # sasaran supported by at least one program
    key_indicators: int = 0
    key_defined: int = 0  # IKU with unit, formula and data source
    key_with_formula: int = 0  # IKU with unit and formula (definisi operasional)
    key_with_source: int = 0  # IKU with data source and responsible unit
    agreement_recorded: bool = False  # a Perjanjian Kinerja (murni) for the year
    agreement_signed_on: str = ""  # as printed ("3 Januari 2021"); "" not typed
    agreement_parties: bool = False  # both parties named
    pk_targets: int = 0  # indicators with a PK target for the year
    pk_equal: int = 0  # of those, equal to the Renstra's target of the year
    pk_differing: int = 0  # of those, different from it (a PK without Renstra target counts in neither)
    measured: int = 0  # the IKU and the indicators with a PK target: what Rencana Aksi and realisations cover
    quarter_targets_complete: int = 0  # of `measured`, with a target in each of the four quarters
    quarter_targets_any: int = 0  # of every indicator, with a target in some quarter
    quarters: tuple[QuarterFacts, ...] = ()
    budget_ceiling: Decimal | None = None
    budget_spent: Decimal | None = None
    review_state: str = DRAFT
    first_submitted: datetime.date | None = None
    report_signed_on: datetime.date | None = None  # the LKjIP's date; None not typed
    report_signatory: bool = False  # its signatory named
    check_errors: int = 0
    check_warnings: int = 0
    objective_indicators: int = 0  # the sasaran indicators BAB III analyses
    with_realisation: int = 0
    with_capaian: int = 0
    with_renstra_progress: int = 0
    with_history: int = 0  # with a realisation of N-1 or N-2
    with_standard: int = 0  # with a national standard
    objectives_with_causes: int = 0  # analysis 5: a cause item typed, or every indicator's analysis text
    objectives_with_efficiency: int = 0  # analysis 6
    objectives_with_follow_up: int = 0  # solutions or follow-up plans typed
    objectives_analysed: int = 0  # with all seven analyses (`reports.evaluation.facts.seven_analyses`)
    previous_rate: followup.FollowUpRate | None = None  # last year's issued LHE (None: none issued)
    plan_url: str = ""
    renstra_targets_url: str = ""
    pk_url: str = ""
    quarter_targets_url: str = ""
    budget_url: str = ""
    lkjip_url: str = ""
    checks_url: str = ""
    review_url: str = ""
    analysis_url: str = ""
    signing_url: str = ""
    followup_url: str = ""

    @property
    def has_plan(self) -> bool:
        return bool(self.plan_period)


# --- answers ---------------------------------------------------------------------------------------------------
def share_answer(part: int, whole: int) -> str | None:
    """A–E from a share: 100 % A, ≥ 75 % B, ≥ 50 % C, ≥ 25 % D, else E; None when there is nothing to count."""
    if whole <= 0:
        return None
    for grade, floor in (("A", 100), ("B", 75), ("C", 50), ("D", 25)):
        if part * 100 >= floor * whole:
            return grade
    return "E"


def lower_answer(*answers: str | None) -> str | None:
    """The weakest A–E answer of several (None when any is unknown)."""
    if any(a is None for a in answers):
        return None
    return max(answers, key=lambda a: GRADES.index(a or "E"))


def yes_no(condition: bool) -> str:
    return YES if condition else NO


def submitted_on_time(submitted: datetime.date | None, year: int) -> bool | None:
    """Whether the LKjIP of `year` reached the inspectorate by the last day of February of the next year (the
    deadline of the LKjIP's publication); None when it was never submitted."""
    if submitted is None:
        return None
    last = calendar.monthrange(year + 1, 2)[1]
    return submitted <= datetime.date(year + 1, 2, last)


def long_date(day: datetime.date) -> str:
    """15 Juli 2021 (15 July 2021 in English), as `review.locks.long_date`."""
    return formats.date_format(day, "j F Y")


def _count(part: int, whole: int) -> str:
    return f"{part}/{whole}"


# --- the rules, one per criterion ------------------------------------------------------------------------------
Result = tuple[str | None, tuple[Fact, ...]] | None
Rule = Callable[[AgencyFacts], Result]


def _plan_fact(f: AgencyFacts) -> Fact:
    if not f.has_plan:
        return Fact(
            _("Belum ada Renstra yang mencakup tahun %(year)s.") % {"year": f.year}, False, f.plan_url
        )
    return Fact(
        _("Renstra %(period)s tercatat: %(objectives)s sasaran, %(indicators)s indikator.")
        % {"period": f.plan_period, "objectives": f.objectives, "indicators": f.indicators},
        f.objectives > 0 and f.indicators > 0,
        f.plan_url,
    )


def _agreement_fact(f: AgencyFacts) -> Fact:
    if not f.agreement_recorded:
        return Fact(_("Perjanjian Kinerja %(year)s belum tercatat.") % {"year": f.year}, False, f.pk_url)
    if f.agreement_signed_on:
        return Fact(
            _("Perjanjian Kinerja %(year)s ditandatangani %(date)s.")
            % {"year": f.year, "date": f.agreement_signed_on},
            True,
            f.pk_url,
        )
    return Fact(
        _("Perjanjian Kinerja %(year)s tercatat tanpa tanggal tanda tangan.") % {"year": f.year},
        False,
        f.pk_url,
    )


def _pk_targets_fact(f: AgencyFacts) -> Fact:
    return Fact(
        _("Target PK %(year)s: %(count)s indikator.") % {"year": f.year, "count": f.pk_targets},
        f.pk_targets > 0,
        f.pk_url,
    )


def _pk_equal_fact(f: AgencyFacts) -> Fact:
    compared = f.pk_equal + f.pk_differing
    return Fact(
        _(
            "Target PK %(year)s dibandingkan dengan target Renstra: %(equal)s sama, %(differing)s berbeda, "
            "%(missing)s tanpa target Renstra."
        )
        % {
            "year": f.year,
            "equal": f.pk_equal,
            "differing": f.pk_differing,
            "missing": max(f.pk_targets - compared, 0),
        },
        f.pk_differing == 0 if compared else None,
        f.renstra_targets_url,
    )


def _key_fact(f: AgencyFacts, part: int, text: str) -> Fact:
    return Fact(
        text % {"count": _count(part, f.key_indicators)},
        part == f.key_indicators if f.key_indicators else False,
        f.plan_url,
    )


def rule_1a3(f: AgencyFacts) -> Result:
    return yes_no(f.has_plan and f.objectives > 0 and f.indicators > 0), (_plan_fact(f),)


def rule_1a4(f: AgencyFacts) -> Result:
    return yes_no(f.agreement_recorded and f.pk_targets > 0), (_agreement_fact(f), _pk_targets_fact(f))


def rule_1a5(f: AgencyFacts) -> Result:
    fact = Fact(
        _("Rencana Aksi %(year)s: target triwulan tercatat untuk %(count)s indikator.")
        % {"year": f.year, "count": f.quarter_targets_any},
        f.quarter_targets_any > 0,
        f.quarter_targets_url,
    )
    return yes_no(f.quarter_targets_any > 0), (fact,)


def rule_1a6(f: AgencyFacts) -> Result:
    recorded = f.budget_ceiling is not None and f.budget_ceiling > 0
    if recorded:
        text = _("Pagu anggaran %(year)s tercatat: %(amount)s.") % {
            "year": f.year,
            "amount": format_rupiah(f.budget_ceiling),
        }
    else:
        text = _("Pagu anggaran %(year)s belum tercatat.") % {"year": f.year}
    return yes_no(recorded), (Fact(text, recorded, f.budget_url),)


def rule_1b1(f: AgencyFacts) -> Result:
    signed = f.agreement_recorded and bool(f.agreement_signed_on) and f.agreement_parties
    facts = [_agreement_fact(f)]
    if f.agreement_recorded:
        facts.append(
            Fact(
                _("Para pihak Perjanjian Kinerja tercantum.")
                if f.agreement_parties
                else _("Para pihak Perjanjian Kinerja belum lengkap."),
                f.agreement_parties,
                f.pk_url,
            )
        )
    return yes_no(signed), tuple(facts)


def rule_1b2(f: AgencyFacts) -> Result:
    # The app knows when the PK was signed, not when (or whether) it was published: facts only.
    return None, (_agreement_fact(f),)


def rule_1b5(f: AgencyFacts) -> Result:
    if not f.has_plan:
        return None
    fact = _key_fact(f, f.key_defined, _("IKU dengan satuan, formulasi dan sumber data: %(count)s."))
    return share_answer(f.key_defined, f.key_indicators), (fact,)


def rule_1b6(f: AgencyFacts) -> Result:
    if not f.has_plan:
        return None
    fact = Fact(
        _("Sasaran yang memiliki IKU: %(count)s.") % {"count": _count(f.objectives_with_key, f.objectives)},
        f.objectives_with_key == f.objectives if f.objectives else False,
        f.plan_url,
    )
    return share_answer(f.objectives_with_key, f.objectives), (fact,)


def rule_1b8(f: AgencyFacts) -> Result:
    if not f.has_plan:
        return None
    compared = f.pk_equal + f.pk_differing
    programs = Fact(
        _("Sasaran yang didukung program: %(count)s.")
        % {"count": _count(f.objectives_with_program, f.objectives)},
        f.objectives_with_program == f.objectives if f.objectives else False,
        f.plan_url,
    )
    answer = lower_answer(
        share_answer(f.pk_equal, compared), share_answer(f.objectives_with_program, f.objectives)
    )
    return answer, (_pk_equal_fact(f), programs)


def rule_2a2(f: AgencyFacts) -> Result:
    if not f.key_indicators:
        return None
    fact = _key_fact(
        f, f.key_with_formula, _("IKU dengan satuan dan formulasi (definisi operasional): %(count)s.")
    )
    return yes_no(f.key_with_formula == f.key_indicators), (fact,)


def rule_2a3(f: AgencyFacts) -> Result:
    if not f.key_indicators:
        return None
    fact = _key_fact(f, f.key_with_source, _("IKU dengan sumber data dan unit penanggung jawab: %(count)s."))
    return yes_no(f.key_with_source == f.key_indicators), (fact,)


def _quarter_entered_fact(f: AgencyFacts, q: QuarterFacts, *, every: bool = True) -> Fact:
    """The quarter's entries; `every`: whether the criterion asks for every indicator (else for some)."""
    return Fact(
        _("Realisasi TW %(quarter)s diisi untuk %(count)s indikator IKU/PK.")
        % {"quarter": q.quarter, "count": _count(q.entered, f.measured)},
        q.entered == f.measured if every else q.entered > 0,
        q.url,
    )


def _quarter_timing_fact(q: QuarterFacts) -> Fact | None:
    if q.deadline is None or not (q.on_time or q.late):
        return None
    return Fact(
        _("TW %(quarter)s: %(on_time)s diisi tepat waktu, %(late)s terlambat (batas %(deadline)s).")
        % {"quarter": q.quarter, "on_time": q.on_time, "late": q.late, "deadline": long_date(q.deadline)},
        q.late == 0,
        q.url,
    )


def rule_2b3(f: AgencyFacts) -> Result:
    if not f.measured or not f.quarters:
        return None
    entered = sum(q.entered for q in f.quarters)
    backed = sum(min(q.with_evidence, q.entered) for q in f.quarters)
    facts = tuple(
        Fact(
            _("Bukti dukung TW %(quarter)s: %(count)s indikator.")
            % {"quarter": q.quarter, "count": _count(q.with_evidence, f.measured)},
            q.with_evidence >= q.entered if q.entered else None,
            q.url,
        )
        for q in f.quarters
    )
    return share_answer(backed, entered), facts


def rule_2b4(f: AgencyFacts) -> Result:
    if not f.measured or not f.quarters:
        return None
    facts: list[Fact] = []
    for q in f.quarters:
        facts.append(_quarter_entered_fact(f, q))
        timing = _quarter_timing_fact(q)
        if timing is not None:
            facts.append(timing)
    regular = len(f.quarters) == len(QUARTERS) and all(
        q.entered == f.measured and q.late == 0 for q in f.quarters
    )
    return yes_no(regular), tuple(facts)


def rule_2b6(f: AgencyFacts) -> Result:
    entered = sum(q.entered for q in f.quarters)
    if not entered:
        return None  # another application may collect the data: the app cannot tell
    fact = Fact(
        _("Data realisasi triwulan %(year)s dikumpulkan di aplikasi ini.") % {"year": f.year},
        True,
        f.quarters[0].url,
    )
    return YES, (fact,)


def rule_2b7(f: AgencyFacts) -> Result:
    if not f.with_capaian:
        return None
    fact = Fact(
        _("Capaian %(count)s indikator sasaran dihitung oleh aplikasi ini.")
        % {"count": _count(f.with_capaian, f.objective_indicators)},
        True,
        f.lkjip_url,
    )
    return YES, (fact,)


def _review_fact(f: AgencyFacts, ok: bool) -> Fact:
    label = State(f.review_state).label if f.review_state in State.values else f.review_state
    return Fact(
        _("Status reviu LKjIP %(year)s: %(state)s.") % {"year": f.year, "state": label}, ok, f.review_url
    )


def rule_3a1(f: AgencyFacts) -> Result:
    if not f.has_plan:
        return None
    submitted = f.review_state != DRAFT
    return yes_no(submitted), (_review_fact(f, submitted),)


def rule_3a2(f: AgencyFacts) -> Result:
    if not f.quarters:
        return None
    facts = tuple(_quarter_entered_fact(f, q, every=False) for q in f.quarters)
    return yes_no(len(f.quarters) == len(QUARTERS) and all(q.entered > 0 for q in f.quarters)), facts


def rule_3a3(f: AgencyFacts) -> Result:
    if not f.has_plan:
        return None
    signed = f.report_signed_on is not None and f.report_signatory
    if f.report_signed_on is not None and signed:
        text = _("LKjIP %(year)s ditandatangani %(date)s.") % {
            "year": f.year,
            "date": long_date(f.report_signed_on),
        }
    else:
        text = _("Tanggal dan penanda tangan LKjIP %(year)s belum lengkap.") % {"year": f.year}
    return yes_no(signed), (Fact(text, signed, f.signing_url),)


def rule_3a4(f: AgencyFacts) -> Result:
    if not f.has_plan:
        return None
    reviewed = f.review_state in REVIEWED_STATES
    return yes_no(reviewed), (_review_fact(f, reviewed),)


def rule_3a6(f: AgencyFacts) -> Result:
    if not f.has_plan:
        return None
    on_time = submitted_on_time(f.first_submitted, f.year)
    if f.first_submitted is None:
        fact = Fact(
            _("LKjIP %(year)s belum diajukan ke Inspektorat.") % {"year": f.year}, False, f.review_url
        )
        return None, (fact,)
    fact = Fact(
        _("LKjIP %(year)s pertama diajukan %(date)s (batas akhir Februari %(next)s).")
        % {"year": f.year, "date": long_date(f.first_submitted), "next": f.year + 1},
        on_time,
        f.review_url,
    )
    return yes_no(bool(on_time)), (fact,)


def checks_answer(errors: int, warnings: int) -> str:
    """3.b.1: the report's consistency checks — none A, warnings only B, errors C."""
    if errors:
        return "C"
    return "B" if warnings else "A"


def rule_3b1(f: AgencyFacts) -> Result:
    if not f.has_plan:
        return None
    checks = Fact(
        _("Pemeriksaan LKjIP: %(errors)s galat, %(warnings)s peringatan.")
        % {"errors": f.check_errors, "warnings": f.check_warnings},
        f.check_errors == 0 and f.check_warnings == 0,
        f.checks_url,
    )
    analyses = Fact(
        _("Sasaran dengan ketujuh analisis lengkap: %(count)s.")
        % {"count": _count(f.objectives_analysed, f.objectives)},
        f.objectives_analysed == f.objectives if f.objectives else False,
        f.analysis_url,
    )
    answer = lower_answer(
        checks_answer(f.check_errors, f.check_warnings), share_answer(f.objectives_analysed, f.objectives)
    )
    return answer, (checks, analyses)


def _indicator_share_rule(
    part: Callable[[AgencyFacts], int], text: str, url: Callable[[AgencyFacts], str]
) -> Rule:
    def rule(f: AgencyFacts) -> Result:
        if not f.objective_indicators:
            return None
        count = part(f)
        fact = Fact(
            _(text) % {"count": _count(count, f.objective_indicators)},
            count == f.objective_indicators,
            url(f),
        )
        return share_answer(count, f.objective_indicators), (fact,)

    return rule


def _objective_share_rule(part: Callable[[AgencyFacts], int], text: str) -> Rule:
    def rule(f: AgencyFacts) -> Result:
        if not f.objectives:
            return None
        count = part(f)
        fact = Fact(_(text) % {"count": _count(count, f.objectives)}, count == f.objectives, f.analysis_url)
        return share_answer(count, f.objectives), (fact,)

    return rule


def rule_3b8(f: AgencyFacts) -> Result:
    result = _objective_share_rule(
        lambda f: f.objectives_with_efficiency,
        gettext_noop("Sasaran dengan analisis efisiensi anggaran: %(count)s."),
    )(f)
    if result is None:
        return None
    answer, facts = result
    if f.budget_ceiling is not None and f.budget_spent is not None:
        facts += (
            Fact(
                _("Realisasi anggaran %(year)s: %(spent)s dari pagu %(ceiling)s.")
                % {
                    "year": f.year,
                    "spent": format_rupiah(f.budget_spent),
                    "ceiling": format_rupiah(f.budget_ceiling),
                },
                None,
                f.budget_url,
            ),
        )
    return answer, facts


def _follow_up_rule(f: AgencyFacts) -> Result:
    rate = f.previous_rate
    if rate is None or not rate.total:
        fact = Fact(
            _("Tidak ada rekomendasi LHE %(year)s yang perlu ditindaklanjuti.") % {"year": f.year - 1},
            None,
            f.followup_url,
        )
        return None, (fact,)
    fact = Fact(
        _(
            "Rekomendasi LHE %(year)s: %(done)s dari %(total)s selesai ditindaklanjuti (%(rate)s), "
            "%(in_progress)s dalam proses, %(not_started)s belum."
        )
        % {
            "year": f.year - 1,
            "done": rate.done,
            "total": rate.total,
            "rate": format_percent(rate.rate),
            "in_progress": rate.in_progress,
            "not_started": rate.not_started,
        },
        rate.done == rate.total,
        f.followup_url,
    )
    return followup.suggested_follow_up_answer(rate.rate), (fact,)


RULES: dict[str, Rule] = {
    "1.a.3": rule_1a3,
    "1.a.4": rule_1a4,
    "1.a.5": rule_1a5,
    "1.a.6": rule_1a6,
    "1.b.1": rule_1b1,
    "1.b.2": rule_1b2,
    "1.b.5": rule_1b5,
    "1.b.6": rule_1b6,
    "1.b.8": rule_1b8,
    "2.a.2": rule_2a2,
    "2.a.3": rule_2a3,
    "2.b.3": rule_2b3,
    "2.b.4": rule_2b4,
    "2.b.6": rule_2b6,
    "2.b.7": rule_2b7,
    "3.a.1": rule_3a1,
    "3.a.2": rule_3a2,
    "3.a.3": rule_3a3,
    "3.a.4": rule_3a4,
    "3.a.6": rule_3a6,
    "3.b.1": rule_3b1,
    "3.b.2": _indicator_share_rule(
        lambda f: f.with_realisation,
        gettext_noop("Indikator sasaran dengan realisasi tahun ini: %(count)s."),
        lambda f: f.lkjip_url,
    ),
    "3.b.3": _indicator_share_rule(
        lambda f: f.with_capaian,
        gettext_noop("Indikator sasaran dengan capaian terhadap target tahunan: %(count)s."),
        lambda f: f.lkjip_url,
    ),
    "3.b.4": _indicator_share_rule(
        lambda f: f.with_renstra_progress,
        gettext_noop("Indikator sasaran dengan kemajuan terhadap target akhir Renstra: %(count)s."),
        lambda f: f.renstra_targets_url,
    ),
    "3.b.5": _indicator_share_rule(
        lambda f: f.with_history,
        gettext_noop("Indikator sasaran dengan realisasi tahun-tahun sebelumnya: %(count)s."),
        lambda f: f.lkjip_url,
    ),
    "3.b.6": _indicator_share_rule(
        lambda f: f.with_standard,
        gettext_noop("Indikator sasaran dengan standar nasional sebagai pembanding: %(count)s."),
        lambda f: f.plan_url,
    ),
    "3.b.7": _objective_share_rule(
        lambda f: f.objectives_with_causes,
        gettext_noop("Sasaran dengan uraian keberhasilan/kegagalan dan penyebabnya: %(count)s."),
    ),
    "3.b.8": rule_3b8,
    "3.b.9": _objective_share_rule(
        lambda f: f.objectives_with_follow_up,
        gettext_noop("Sasaran dengan solusi atau rencana tindak lanjut: %(count)s."),
    ),
    "4.c.1": _follow_up_rule,
    "4.c.2": _follow_up_rule,
}


def suggestions_from_facts(rubric: Rubric, facts: AgencyFacts) -> dict[str, Suggestion]:
    """criterion code → suggestion, for the rubric's criteria the facts speak to. An answer the criterion's type
    does not offer (a Pemda variant that changed the type) is dropped, its facts kept."""
    out: dict[str, Suggestion] = {}
    for criterion in rubric.criteria:
        rule = RULES.get(criterion.code)
        if rule is None:
            continue
        result = rule(facts)
        if result is None:
            continue
        answer, shown = result
        if answer is not None and answer not in {o.answer for o in rubric.options(criterion)}:
            answer = None
        out[criterion.code] = Suggestion(criterion.code, answer, shown)
    return out
