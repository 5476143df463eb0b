"""Target grids (placeholder: being built)."""

from django.http import HttpResponse

from agencies.access import agency_view


@agency_view
def renstra_targets(request, agency):
    return HttpResponse("")


@agency_view
def agreement_targets(request, agency, year):
    return HttpResponse("")


@agency_view
def quarter_targets(request, agency, year):
    return HttpResponse("")


@agency_view
def quarter_targets_check(request, agency, year):
    return HttpResponse("")
