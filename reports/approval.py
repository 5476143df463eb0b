"""What an approval keeps (the report layer's half of `review.services.review_transition`): the approved
figures as sakip-report/1 with the definitions they rest on (review/differences.py compares them with today's),
and the report as rendered (`reports.lkjip.editions`). Both come from one build of the year's report."""

from __future__ import annotations

from dataclasses import dataclass

from agencies.models import Agency
from reports.lkjip.editions import capture_edition
from reports.readmodel.build import report_build
from reports.readmodel.json_report import report_json
from reports.readmodel.types import Report
from review import services
from review.differences import AGREEMENT_FIELDS
from review.models import ReviewEvent, YearReview
from sakip.numbers import canonical_str, report_str


def review_transition(*, agency, year: int, action: str, user, note: str = "") -> YearReview:
    """Apply a workflow action; an approval keeps the year's figures and its edition in the same transaction."""
    return services.review_transition(
        agency=agency, year=year, action=action, user=user, note=note, approving=approval_record
    )


@dataclass(frozen=True)
class ApprovedReport:
    agency: Agency
    year: int
    report: Report

    @property
    def snapshot(self) -> dict:
        return approved_figures(self.agency, self.year, self.report)

    def keep(self, event: ReviewEvent) -> None:
        capture_edition(event, self.agency, self.year, self.report)


def approval_record(agency, year: int) -> ApprovedReport:
    return ApprovedReport(agency, year, report_build(agency=agency, year=year))


def approved_figures(agency, year: int, report: Report | None = None) -> dict:
    """The sakip-report/1 figures of the year, as approved (kept so that a later difference shows).
    `report`: the year's report, when the caller has built it already."""
    report = report or report_build(agency=agency, year=year)
    figures = report_json(report)
    figures.pop("checks", None)  # findings are about the data, not figures of the report
    # The json leaves out a section the year has no data for; an approval keeps it empty, so that data typed
    # later is told as added, while an approval of an older format (without the key) is not compared there.
    for key in ("expenditures", "spending_groups", "staff", "risks"):
        figures.setdefault(key, [])
    for key in ("progress", "facilities"):
        figures.setdefault(key, None)
    figures["definitions"] = {**report_definitions(agency, year), **report_contents(report)}
    return figures


def report_contents(report: Report) -> dict:
    """What the year's report prints as typed besides its figures (issue 18), from the report already built (no
    query): the date and signatory, the signed PK murni and perubahan, each sasaran's analysis items, the units'
    tugas and fungsi, the sarana-prasarana lines, the strategic issues and the whole risk register."""
    signing, profile = report.signing, report.profile
    facilities = profile.facilities.rows if profile.facilities is not None else ()
    return {
        "signing": None
        if signing is None
        else {
            "signed_on": signing.signed_on.isoformat() if signing.signed_on else None,
            "place": signing.place,
            "title": signing.title,
            "name": signing.name,
            "nip": signing.nip,
            "rank": signing.rank,
        },
        "agreements": {
            a.revision: {name: getattr(a, name) for name in AGREEMENT_FIELDS} for a in report.agreements
        },
        "notes": {
            o.code: [
                {"kind": n.kind, "text": n.text, "program": n.program_code, "partner": n.partner}
                for n in o.notes
            ]
            for o in report.objectives
            if o.notes
        },
        "units": [
            {"code": u.code, "name": u.name, "duties": u.duties, "functions": u.functions}
            for u in report.org_units
        ],
        "facilities": [
            {
                "category": f.category,
                "name": f.name,
                "quantity": f.quantity,
                "unit": f.unit,
                "acquired_year": f.acquired_year,
                "condition": f.condition,
                "value": report_str(f.value),
                "note": f.note,
            }
            for f in facilities
        ],
        "issues": [
            {"issue": i.issue, "cause": i.cause, "objective_code": i.objective_code} for i in profile.issues
        ],
        "risks": [
            {
                "statement": r.statement,
                "cause": r.cause,
                "impact": r.impact,
                "likelihood": r.likelihood,
                "severity": r.severity,
                "level": r.level,
                "mitigation": r.mitigation,
                "schedule": r.schedule,
                "owner_unit": r.owner_unit,
                "objective_code": r.objective_code,
            }
            for r in profile.risks
        ],
    }


def report_definitions(agency, year: int) -> dict:
    """What the year's report is built on besides its figures: the plan's statements, each indicator's definition,
    the agency's signature block and the Pemda's settings (kept with the approval; review/differences.py reads it)."""
    agency = Agency.objects.select_related("government").get(pk=agency.pk)  # as stored now
    plan = agency.plans.covering(year).first()
    government = agency.government
    definitions = {
        "agency": {
            name: getattr(agency, name)
            for name in ("name", "short_name", "address", "website", "head_name", "head_nip", "head_rank")
        },
        "settings": {
            "objective_cap": canonical_str(government.objective_cap),
            "ikm_weight": government.ikm_weight,
            "ikm_scale": government.ikm_scale,
            "renstra_series": government.renstra_series,
        },
    }
    if plan is None:
        return definitions
    definitions["plan"] = {"start_year": plan.start_year, "end_year": plan.end_year, "vision": plan.vision}
    definitions["missions"] = list(
        plan.missions.order_by("position", "pk").values_list("statement", flat=True)
    )
    definitions["goals"] = dict(plan.goals.order_by("position", "pk").values_list("code", "statement"))
    definitions["objectives"] = dict(
        plan.objectives.order_by("position", "pk").values_list("code", "statement")
    )
    definitions["indicators"] = {
        row.pop("code"): {**row, "multiplier": canonical_str(row["multiplier"])}
        for row in plan.indicators.order_by("position", "pk").values(
            "code", "polarity", "kind", "computation", "cumulative", "multiplier", "formula", "is_key"
        )
    }
    return definitions
