"""Quarterly realisation entry (placeholder: being built)."""

from django.http import HttpResponse

from agencies.access import agency_view


@agency_view
def entry(request, agency, year, quarter):
    return HttpResponse("")


@agency_view
def preview(request, agency, year, quarter):
    return HttpResponse("")


@agency_view
def evidence(request, agency, year, quarter, indicator):
    return HttpResponse("")


@agency_view
def evidence_download(request, agency, pk):
    return HttpResponse("")


@agency_view
def evidence_delete(request, agency, pk):
    return HttpResponse("")
