"""Renstra structure editor (placeholder: being built)."""

from django.http import HttpResponse

from agencies.access import agency_view


@agency_view
def plan_tree(request, agency):
    return HttpResponse("")


@agency_view
def plan_create(request, agency, kind):
    return HttpResponse("")


@agency_view
def plan_edit(request, agency, kind, pk):
    return HttpResponse("")


@agency_view
def plan_delete(request, agency, kind, pk):
    return HttpResponse("")
