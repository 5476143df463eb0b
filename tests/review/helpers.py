"""Shared set-up of the review tests."""

import copy

from django.core.files.base import ContentFile

from budgets.models import BudgetLine
from indicators.models import Evidence, Indicator, Narrative, PerformanceAgreement, Realisation, Target
from review.models import YearReview
from surveys.models import SatisfactionSurvey, SurveyElement
from tests import files

YEAR = 2021
PDF = files.pdf()  # a real one: uploads are opened (indicators.evidence)


def set_state(agency, state, year=YEAR):
    YearReview.objects.update_or_create(agency=agency, year=year, defaults={"state": state})


def evidence_for(agency, year=YEAR, quarter=1):
    indicator = Indicator.objects.filter(plan__agency=agency).order_by("pk").first()
    return Evidence.objects.create(
        indicator=indicator,
        year=year,
        quarter=quarter,
        file=ContentFile(PDF, name="bukti.pdf"),
        original_name="bukti.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )


def year_data(agency, year=YEAR) -> dict:
    """Every figure of the agency's year, as plain values: two calls compare equal when nothing changed."""
    on_indicator = {"indicator__plan__agency": agency, "year": year}
    budget = BudgetLine.objects.filter(year=year).filter(
        activity__program__plan__agency=agency
    ) | BudgetLine.objects.filter(year=year, sub_activity__activity__program__plan__agency=agency)
    return {
        "targets": sorted(
            Target.objects.filter(**on_indicator).values_list(
                "indicator__code", "kind", "quarter", "value", "grade", "revision_reason"
            )
        ),
        "realisations": sorted(
            Realisation.objects.filter(**on_indicator).values_list(
                "indicator__code",
                "quarter",
                "value",
                "grade",
                "numerator",
                "denominator",
                "status",
                "note",
                "analysis",
            )
        ),
        "evidence": sorted(
            Evidence.objects.filter(**on_indicator).values_list("pk", "quarter", "original_name")
        ),
        "budget": sorted(
            budget.values_list(
                "pk",
                "ceiling_original",
                "ceiling_rationalised",
                "ceiling_revised",
                "spent",
                "spent_q1",
                "spent_q2",
                "spent_q3",
                "spent_q4",
                "physical_progress",
            )
        ),
        "narratives": sorted(Narrative.objects.filter(agency=agency, year=year).values_list("key", "text")),
        "agreements": sorted(
            PerformanceAgreement.objects.filter(agency=agency, year=year).values_list(
                "revision", "signed_on", "place", "first_party_name", "second_party_name"
            )
        ),
        "surveys": sorted(
            SatisfactionSurvey.objects.filter(agency=agency, year=year).values_list(
                "pk", "conducted_by", "indicator_id"
            )
        ),
        "elements": sorted(
            SurveyElement.objects.filter(survey__agency=agency, survey__year=year).values_list(
                "code", "name", "total", "answered"
            )
        ),
        "responses": SatisfactionSurvey.objects.filter(agency=agency, year=year)
        .values_list("responses__pk")
        .count(),
    }


def small_dataset(data: dict) -> dict:
    """The demo dataset cut to one tujuan with two sasaran and two programs with one kegiatan each: every kind of
    row is still there, and every screen renders in a fraction of the time (for tests that walk every URL)."""
    data = copy.deepcopy(data)
    goal = data["goals"][0]
    goal["objectives"] = goal["objectives"][:2]
    data["goals"] = [goal]
    kept = {o["code"] for o in goal["objectives"]}
    programs = []
    for program in data["programs"]:
        objectives = [code for code in program["objectives"] if code in kept]
        if objectives and len(programs) < 2:
            program["objectives"] = objectives
            program["activities"] = program["activities"][:1]
            for activity in program["activities"]:
                activity["sub_activities"] = activity["sub_activities"][:2]
            programs.append(program)
    data["programs"] = programs
    codes = {i["code"] for o in goal["objectives"] for i in o["indicators"]}
    for survey in data["surveys"]:
        if survey.get("indicator") not in codes:
            survey["indicator"] = None
    return data


def approve_with_edition(agency, year=YEAR):
    """Approved as today's workflow leaves it: the approval event with its figures and the approved edition
    (`set_state(agency, State.APPROVED)` stands for a year approved before editions were kept)."""
    from reports.approval import approved_figures
    from reports.lkjip.editions import capture_edition
    from review.models import ReviewEvent
    from review.workflow import Action, State

    set_state(agency, State.APPROVED, year)
    event = ReviewEvent.objects.create(
        review=YearReview.objects.get(agency=agency, year=year),
        action=Action.APPROVE,
        from_state=State.SUBMITTED,
        to_state=State.APPROVED,
        snapshot=approved_figures(agency, year),
    )
    capture_edition(event, agency, year)
