"""Placeholder for the AKIP evaluation screens while they are being built: every URL name exists (so links and the
URL walk see them), behind the access layer, and an object of another agency is a 404. Replaced by the screens."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from evaluation.models import AnswerEvidence, FollowUp, Recommendation
from workspace.access import agency_view


@agency_view(review=True)
def not_built(request, agency, *args, year=None, pk=None, **kwargs):
    if pk is not None:
        name = request.resolver_match.view_name
        if name.startswith("evaluation:"):
            rows = AnswerEvidence.objects.filter(evaluation__agency=agency)
        elif name in ("evaluation_followup:follow_up_file", "evaluation_followup:decide"):
            rows = FollowUp.objects.filter(recommendation__evaluation__agency=agency)
        else:
            rows = Recommendation.objects.filter(evaluation__agency=agency)
        if not rows.filter(pk=pk).exists():
            raise Http404
    if request.method == "POST":
        if not request.can_edit:
            return HttpResponse(status=403)
        return redirect(request.path)
    return HttpResponse("")
