"""Report screens (placeholder: being built)."""

from django.http import HttpResponse

from agencies.access import agency_view


@agency_view
def narratives(request, agency, year):
    return HttpResponse("")
