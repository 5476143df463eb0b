"""Placeholder for the AKIP evaluation screens while they are being built: every URL name exists (so links and the
URL walk see them), behind the access layer. Replaced by the screens themselves."""

from django.http import HttpResponse
from django.shortcuts import redirect

from workspace.access import agency_view


@agency_view
def not_built(request, agency, *args, **kwargs):
    if request.method == "POST":
        return redirect(request.path)
    return HttpResponse("")
