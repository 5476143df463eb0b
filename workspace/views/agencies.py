from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from reports.readmodel.build import report_build
from reports.readmodel.todo import todo_list
from reports.readmodel.trends import report_trends
from reports.readmodel.types import ReportUnavailable
from workspace.access import agency_view, visible_agencies, visible_governments
from workspace.review_years import attach_review_years
from workspace.shell import workspace_context


@login_required
def home(request):
    agencies = list(visible_agencies(request.user))
    governments = list(visible_governments(request.user))  # the Pemda-wide roles: their Pemda's dashboard
    if len(agencies) == 1 and not governments:
        return redirect("agencies:overview", code=agencies[0].code)
    waiting = attach_review_years(agencies)  # the review state of each agency's recent years
    return render(
        request, "agencies/home.html", {"agencies": agencies, "waiting": waiting, "governments": governments}
    )


@agency_view
def overview(request, agency, year=None):
    """The agency's home: this year's capaian per sasaran, their trend over the Renstra's years, the budget's
    absorption per quarter against the milestones, the quarter's progress and what is left to do."""
    context = workspace_context(request, agency, section="overview", year=year)
    year = context["year"]
    report = todo = trends = None
    if year:
        try:
            report = report_build(agency=agency, year=year, plan_years=True)
        except ReportUnavailable:
            report = None
    if report:
        todo = todo_list(report, context["quarter_now"])
        trends = report_trends(report)
    return render(
        request, "agencies/overview.html", {**context, "report": report, "todo": todo, "trends": trends}
    )
