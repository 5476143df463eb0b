"""The facts an AKIP evaluation can read off the agency's own data (plan, IKU, PK, Rencana Aksi, realisations and
their evidence, the LKjIP and its checks, last year's follow-ups), and the suggested answers they give
(`evaluation.suggestions`).

Everything comes from the year's report object (`report_build`, itself a fixed number of queries and cached under
the agency's revision) plus one query each for: the review state and first submission, the entry windows, the
realisations' first entry times, the evidence files, last year's recommendations and their follow-ups, and the
evaluation's rubric. The number of queries does not grow with the agency.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone

from agencies.audit import VIA_IMPORT
from agencies.models import Agency
from evaluation import followup, services
from evaluation.models import Evaluation, Recommendation
from evaluation.rubric import Rubric
from evaluation.suggestions import AgencyFacts, QuarterFacts, Suggestion, suggestions_from_facts
from indicators.models import Evidence, Realisation
from reports.readmodel.build import report_build
from reports.readmodel.types import Figures, IndicatorRow, ObjectiveRow, Report, ReportUnavailable
from review.models import EntryWindow, YearReview
from review.workflow import Action, State
from sakip.dates import stored_date_display

QUARTERS = (1, 2, 3, 4)
CAUSE_KINDS = frozenset({"success", "obstacle", "solution", "follow_up"})
FOLLOW_UP_KINDS = frozenset({"solution", "follow_up"})
PROGRAM_KINDS = frozenset({"supporting", "hindering", "non_apbd"})
ORIGINAL, REVISED = "murni", "perubahan"


# --- pure readings of the report object ------------------------------------------------------------------------
def measured_indicators(report: Report) -> tuple[IndicatorRow, ...]:
    """The indicators the year is measured by: the IKU and those with a PK target for the year (what Rencana
    Aksi and the quarterly realisations should cover)."""
    return tuple(
        row
        for row in report.indicators
        if row.is_key or row.inputs.pk_target is not None or row.inputs.pk_revised_target is not None
    )


def _has_history(row: IndicatorRow, year: int) -> bool:
    return any(y < year and figures.realisation is not None for y, figures in row.history.items())


def seven_analyses(objective: ObjectiveRow, year: int) -> bool:
    """Whether BAB III can print the seven analyses of PermenPAN-RB 53/2014 for the sasaran (SPEC §2): (1) every
    indicator's capaian against its target; (2) a realisation of an earlier year to compare with; (3) its
    progress to the Renstra's end target; (4) its standing against the national standard, where it has one;
    (5) the causes: a typed cause item, or every indicator's analysis text; (6) the efficiency; (7) the
    supporting programs: a linked program or a typed program item. A sasaran without indicators has none."""
    rows = objective.indicators
    if not rows:
        return False
    kinds = {note.kind for note in objective.notes}
    return (
        all(row.capaian is not None for row in rows)
        and all(_has_history(row, year) for row in rows)
        and all(row.renstra_progress is not None for row in rows)
        and all(row.standard_status is not None for row in rows if row.national_standard is not None)
        and (bool(kinds & CAUSE_KINDS) or all(row.analysis.strip() for row in rows))
        and objective.efficiency is not None
        and (bool(objective.program_codes) or bool(kinds & PROGRAM_KINDS))
    )


def _equal(a: object, b: object) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b
    return str(a).strip() == str(b).strip()


def _quarter_has(figures_list: tuple[Figures, ...], quarter: int, attr: str) -> bool:
    return getattr(figures_list[quarter - 1], attr) is not None


# --- the queries ---------------------------------------------------------------------------------------------------
def _review(agency: Agency, year: int) -> tuple[str, datetime.date | None]:
    """The year's review state and the day the LKjIP first reached the inspectorate (one query)."""
    row = (
        YearReview.objects.filter(agency=agency, year=year)
        .annotate(first_submit=Min("events__at", filter=Q(events__action=Action.SUBMIT)))
        .values_list("state", "first_submit")
        .first()
    )
    if row is None:
        return State.DRAFT, None
    state, first = row
    return state, (timezone.localdate(first) if first is not None else None)


def _deadlines(agency: Agency, year: int) -> dict[int, datetime.date]:
    return dict(
        EntryWindow.objects.filter(government_id=agency.government_id, year=year).values_list(
            "quarter", "deadline"
        )
    )


def _first_entries(agency: Agency, year: int) -> dict[tuple[str, int], datetime.date]:
    """(indicator code, quarter) → the day its value was first saved, when that was through a screen or a workbook
    (one query over the realisations' history). A value that came first through a dataset import has no known
    entry day (the import's is not the day it was typed): left out, as is a later edit of it."""
    typed = Q(history_change_reason__isnull=True) | ~Q(history_change_reason=VIA_IMPORT)
    rows = (
        Realisation.history.filter(indicator__plan__agency=agency, year=year, quarter__in=QUARTERS)
        .filter(Q(value__isnull=False) | ~Q(grade="") | Q(numerator__isnull=False))
        .values("indicator__code", "quarter")
        .annotate(first=Min("history_date"), first_typed=Min("history_date", filter=typed))
        .values_list("indicator__code", "quarter", "first", "first_typed")
    )
    return {
        (code, quarter): timezone.localdate(first)
        for code, quarter, first, first_typed in rows
        if first_typed is not None and first_typed == first
    }


def _evidence(agency: Agency, year: int) -> set[tuple[str, int]]:
    return set(
        Evidence.objects.filter(indicator__plan__agency=agency, year=year, quarter__in=QUARTERS)
        .values_list("indicator__code", "quarter")
        .distinct()
    )


def _previous_rate(agency: Agency, year: int) -> followup.FollowUpRate | None:
    """The follow-up of the recommendations of last year's issued LHE (None: none issued, or none made): one
    query, the decisions joined to their recommendations."""
    decisions: dict[int, list[str]] = defaultdict(list)
    rows = Recommendation.objects.filter(
        evaluation__agency=agency, evaluation__year=year - 1, evaluation__issued_at__isnull=False
    ).values_list("pk", "follow_ups__decision")
    for pk, decision in rows:
        decisions[pk].extend([decision] if decision else [])
    if not decisions:
        return None
    return followup.follow_up_rate(followup.recommendation_status(d) for d in decisions.values())


def _urls(agency: Agency, year: int) -> dict[str, Any]:
    def url(name: str, **kwargs: int) -> str:
        return reverse(name, kwargs={"code": agency.code, **kwargs})

    return {
        "plan_url": url("indicators:plan"),
        "renstra_targets_url": url("indicators:targets_renstra"),
        "pk_url": url("indicators:targets_pk", year=year),
        "quarter_targets_url": url("indicators:targets_quarters", year=year),
        "budget_url": url("budgets:entry", year=year),
        "lkjip_url": url("reports:lkjip", year=year),
        "checks_url": url("reports:review", year=year),
        "review_url": url("review:detail", year=year),
        "analysis_url": url("indicators:objective_notes", year=year),
        "signing_url": url("reports:report_signing", year=year),
        "followup_url": url("evaluation_followup:list", year=year - 1),
    }


def _report_facts(report: Report, year: int) -> dict[str, Any]:
    """What the year's report object says, as AgencyFacts' fields (no query)."""
    indicators = report.indicators
    key = tuple(row for row in indicators if row.is_key)
    key_codes = {row.code for row in key}
    objectives = report.objectives
    pk = tuple(row for row in indicators if row.inputs.pk_target is not None)
    compared = tuple(row for row in pk if row.inputs.renstra_target is not None)
    equal = sum(1 for row in compared if _equal(row.inputs.pk_target, row.inputs.renstra_target))
    measured = measured_indicators(report)
    agreement = report.agreement(ORIGINAL) or report.agreement(REVISED)
    signed_on = ""
    if agreement is not None and agreement.signed_on:
        signed_on = stored_date_display(agreement.signed_on) or agreement.signed_on
    sasaran_rows = report.objective_indicators
    signing = report.signing
    return {
        "plan_period": f"{report.plan.start_year}–{report.plan.end_year}",
        "objectives": len(objectives),
        "indicators": len(indicators),
        "objectives_with_key": sum(1 for o in objectives if any(i.code in key_codes for i in o.indicators)),
        "objectives_with_program": sum(1 for o in objectives if o.program_codes),
        "key_indicators": len(key),
        "key_defined": sum(1 for r in key if r.unit.strip() and r.formula.strip() and r.data_source.strip()),
        "key_with_formula": sum(1 for r in key if r.unit.strip() and r.formula.strip()),
        "key_with_source": sum(1 for r in key if r.data_source.strip() and r.responsible_unit.strip()),
        "agreement_recorded": agreement is not None,
        "agreement_signed_on": signed_on,
        "agreement_parties": agreement is not None
        and bool(agreement.first_party_name.strip() and agreement.second_party_name.strip()),
        "pk_targets": len(pk),
        "pk_equal": equal,
        "pk_differing": len(compared) - equal,
        "measured": len(measured),
        "quarter_targets_complete": sum(
            1 for row in measured if all(_quarter_has(row.quarters, q, "target") for q in QUARTERS)
        ),
        "quarter_targets_any": sum(
            1 for row in indicators if any(_quarter_has(row.quarters, q, "target") for q in QUARTERS)
        ),
        "budget_ceiling": report.budget.figures.ceiling,
        "budget_spent": report.budget.figures.spent,
        "report_signed_on": signing.signed_on if signing else None,
        "report_signatory": bool(signing and signing.name.strip()),
        "check_errors": sum(1 for c in report.checks if c.level == "error"),
        "check_warnings": sum(1 for c in report.checks if c.level != "error"),
        "objective_indicators": len(sasaran_rows),
        "with_realisation": sum(1 for r in sasaran_rows if r.realisation is not None),
        "with_capaian": sum(1 for r in sasaran_rows if r.capaian is not None),
        "with_renstra_progress": sum(1 for r in sasaran_rows if r.renstra_progress is not None),
        "with_history": sum(1 for r in sasaran_rows if _has_history(r, year)),
        "with_standard": sum(1 for r in sasaran_rows if r.national_standard is not None),
        "objectives_with_causes": sum(
            1
            for o in objectives
            if {n.kind for n in o.notes} & CAUSE_KINDS
            or (o.indicators and all(i.analysis.strip() for i in o.indicators))
        ),
        "objectives_with_efficiency": sum(1 for o in objectives if o.efficiency is not None),
        "objectives_with_follow_up": sum(
            1 for o in objectives if {n.kind for n in o.notes} & FOLLOW_UP_KINDS
        ),
        "objectives_analysed": sum(1 for o in objectives if seven_analyses(o, year)),
    }


def _quarters(
    report: Report | None,
    deadlines: dict[int, datetime.date],
    first_entries: dict[tuple[str, int], datetime.date],
    evidence: set[tuple[str, int]],
    agency: Agency,
    year: int,
) -> tuple[QuarterFacts, ...]:
    measured = measured_indicators(report) if report is not None else ()
    out = []
    for q in QUARTERS:
        entered = [row for row in measured if _quarter_has(row.quarters, q, "realisation")]
        deadline = deadlines.get(q)
        known = [first_entries[(row.code, q)] for row in entered if (row.code, q) in first_entries]
        on_time = sum(1 for day in known if deadline is not None and day <= deadline)
        late = sum(1 for day in known if deadline is not None and day > deadline)
        out.append(
            QuarterFacts(
                quarter=q,
                entered=len(entered),
                with_evidence=sum(1 for row in measured if (row.code, q) in evidence),
                on_time=on_time,
                late=late,
                deadline=deadline,
                url=reverse(
                    "indicators:realisations", kwargs={"code": agency.code, "year": year, "quarter": q}
                ),
            )
        )
    return tuple(out)


def agency_facts(agency: Agency, year: int) -> AgencyFacts:
    """Everything the app knows about the agency's year that the LKE asks about (a fixed number of queries)."""
    try:
        report: Report | None = report_build(agency=agency, year=year)
    except ReportUnavailable:
        report = None
    state, first_submitted = _review(agency, year)
    fields: dict[str, Any] = _report_facts(report, year) if report is not None else {}
    quarters = _quarters(
        report,
        _deadlines(agency, year),
        _first_entries(agency, year) if report is not None else {},
        _evidence(agency, year) if report is not None else set(),
        agency,
        year,
    )
    return AgencyFacts(
        year=year,
        quarters=quarters,
        review_state=state,
        first_submitted=first_submitted,
        previous_rate=_previous_rate(agency, year),
        **_urls(agency, year),
        **fields,
    )


def evaluation_rubric(agency: Agency, year: int) -> Rubric:
    """The rubric of the agency's evaluation of the year, else the one a new evaluation would start with."""
    evaluation = Evaluation.objects.select_related("rubric").filter(agency=agency, year=year).first()
    record = evaluation.rubric if evaluation is not None else services.current_rubric(agency.government)
    return record.rubric


def evaluation_suggestions(agency: Agency, year: int) -> dict[str, Suggestion]:
    """criterion code → suggestion, for the criteria the app can speak to (a fixed number of queries)."""
    return suggestions_from_facts(evaluation_rubric(agency, year), agency_facts(agency, year))
