"""Writes of the review workflow: one transition at a time, logged, with the approved figures kept."""

from __future__ import annotations

from django.db import transaction

from agencies.access import role_of
from agencies.writes import lock_agency
from sakip.numbers import canonical_str

from .models import ReviewEvent, YearReview
from .workflow import State, next_state


def approved_figures(agency, year: int, report=None) -> dict:
    """The sakip-report/1 figures of the year, as approved (kept so that a later difference shows).
    `report`: the year's report, when the caller has built it already."""
    from reports.assembly import report_build
    from reports.json_report import report_json

    report = report_json(report or report_build(agency=agency, year=year))
    report.pop("checks", None)  # findings are about the data, not figures of the report
    report["definitions"] = report_definitions(agency, year)
    return report


def report_definitions(agency, year: int) -> dict:
    """What the year's report is built on besides its figures: the plan's statements, each indicator's definition,
    the agency's signature block and the Pemda's settings (kept with the approval; review/differences.py reads it)."""
    from agencies.models import Agency

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


@transaction.atomic
def review_transition(*, agency, year: int, action: str, user, note: str = "") -> YearReview:
    """Apply a workflow action for the user's role; raises `workflow.TransitionRefused` when not allowed."""
    # One writer per agency (agencies/writes.py): a grid save never straddles a transition.
    lock_agency(agency.code)
    review, _ = YearReview.objects.select_for_update().get_or_create(agency=agency, year=year)
    target = next_state(review.state, action, role_of(user), note)
    report = None
    if target == State.APPROVED:
        from reports.assembly import report_build

        report = report_build(agency=agency, year=year)
    event = ReviewEvent.objects.create(
        review=review,
        actor=user,
        action=action,
        from_state=review.state,
        to_state=target,
        note=note.strip(),
        snapshot=approved_figures(agency, year, report) if report is not None else None,
    )
    if report is not None:
        # The report as approved, served while the year stays approved (reports.editions).
        from reports.editions import capture_edition

        capture_edition(event, agency, year, report)
    review.state = target
    review.save(update_fields=["state", "updated_at"])
    return review
