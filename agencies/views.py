from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from reports.assembly import ReportUnavailable, report_build

from .access import agency_for_user_or_404, visible_agencies


def _default_year(agency):
    plan = agency.plans.order_by("-end_year").first()
    return plan.end_year if plan else None


@login_required
def home(request):
    agencies = list(visible_agencies(request.user))
    if len(agencies) == 1:
        return redirect("agencies:overview", code=agencies[0].code)
    return render(request, "agencies/home.html", {"agencies": agencies})


@login_required
def overview(request, code, year=None):
    agency = agency_for_user_or_404(request.user, code)
    year = year or _default_year(agency)
    report = None
    if year:
        try:
            report = report_build(agency=agency, year=year)
        except ReportUnavailable:
            report = None
    years = sorted({y for plan in agency.plans.all() for y in plan.years}, reverse=True)
    return render(
        request, "agencies/overview.html", {"agency": agency, "year": year, "years": years, "report": report}
    )
