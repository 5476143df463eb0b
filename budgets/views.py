"""Budget entry (placeholder: being built)."""

from django.http import HttpResponse

from agencies.access import agency_view


@agency_view
def entry(request, agency, year):
    return HttpResponse("")


@agency_view
def preview(request, agency, year):
    return HttpResponse("")
