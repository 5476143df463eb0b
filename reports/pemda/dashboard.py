"""The Pemda dashboard's data: every agency's report for the year in one batch (`reports_build`), the review
states and the last change of each agency's year, in a fixed number of queries whatever the number of agencies."""

from __future__ import annotations

import datetime

from django.db.models import Max

from agencies.models import Agency, Government
from budgets.models import BudgetLine
from indicators.models import Narrative, Realisation, Target
from indicators.predicates import declared_scales
from reports.pemda.standing import (
    AgencyStanding,
    PemdaStanding,
    agency_standing,
    pemda_standing,
    without_report,
)
from reports.readmodel.build import reports_build
from review.models import YearReview
from review.workflow import State

# The year's rows a planner keeps changing, and the path from each to its agency: "last change" is the newest
# history row among them (screens, workbooks and imports all write one; agencies/audit.py).
_CHANGED = (
    (Realisation, "indicator__plan__agency"),
    (Target, "indicator__plan__agency"),
    (BudgetLine, "activity__program__plan__agency"),
    (BudgetLine, "sub_activity__activity__program__plan__agency"),
    (Narrative, "agency"),
)


def last_changes(government: Government, year: int) -> dict[int, datetime.datetime]:
    """The newest change of each agency's year (targets, realisations, budget lines, narratives), by agency id."""
    newest: dict[int, datetime.datetime] = {}
    for model, to_agency in _CHANGED:
        history = model.history.model  # simple-history adds the manager at run time
        rows = (
            history.objects.filter(year=year, **{f"{to_agency}__government": government})
            .values_list(f"{to_agency}_id")
            .annotate(last=Max("history_date"))
            .order_by()
        )
        for agency_id, moment in rows:
            if agency_id is not None and (agency_id not in newest or moment > newest[agency_id]):
                newest[agency_id] = moment
    return newest


def agencies_standing(government: Government, year: int, quarter: int) -> list[AgencyStanding]:
    agencies = list(
        Agency.objects.filter(government=government).select_related("government").order_by("name")
    )
    reports = reports_build(agencies=agencies, year=year)
    states = dict(
        YearReview.objects.filter(agency__government=government, year=year).values_list("agency_id", "state")
    )
    changes = last_changes(government, year)
    rows = []
    for agency in agencies:
        state, changed = states.get(agency.pk, State.DRAFT), changes.get(agency.pk)
        report = reports.get(agency.pk)
        if report is None:
            rows.append(
                without_report(
                    agency.pk,
                    agency.code,
                    agency.name,
                    agency.short_name,
                    quarter=quarter,
                    review_state=state,
                    last_change=changed,
                )
            )
        else:
            rows.append(agency_standing(report, quarter=quarter, review_state=state, last_change=changed))
    return rows


def dashboard(government: Government, year: int, quarter: int) -> PemdaStanding:
    rows = agencies_standing(government, year, quarter)
    scale = declared_scales(government.predicate_scale, government.indicator_scale).main
    return pemda_standing(rows, year=year, quarter=quarter, scale=scale)
