"""The LHE's recommendations and the agency's follow-ups (issue 21, point 5).

Who may write is decided here, not by `agency_view`'s "planners write" rule (hence `review=True`): the evaluator
(`may_evaluate`) writes the recommendations while the evaluation is not issued (`writable_message`) and accepts or
returns follow-ups at any time; the agency's planners (`may_self_assess`) post follow-ups once the LHE is issued.
Neither is bound by the year's review lock: the evaluated year is usually approved and frozen by then, and the
follow-up goes on. Before the LHE is issued the agency sees none of it (`sees_evaluator_work`). The status of a
recommendation and the follow-up rate are derived (`evaluation.followup`), never stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max, Prefetch
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST, require_safe

from agencies.models import Agency
from agencies.writes import serialised_writes
from evaluation import followup
from evaluation.models import Evaluation, FollowUp, Recommendation
from evaluation.services import current_rubric, evaluation_for, writable_message
from sakip.numbers import format_percent
from workspace.access import (
    agency_view,
    locked_response,
    may_evaluate,
    may_self_assess,
    sees_evaluator_work,
)
from workspace.forms.evaluation_followup import (
    DecisionForm,
    FollowUpForm,
    RecommendationForm,
    criterion_label,
)
from workspace.shell import workspace_context

ONLY_EVALUATOR = (
    "Hanya Inspektorat yang dapat mengelola rekomendasi dan memutuskan tindak lanjut. / "
    "Only the inspectorate manages recommendations and decides on follow-ups."
)
ONLY_AGENCY = (
    "Hanya perencana perangkat daerah ini yang dapat mengirim tindak lanjut. / "
    "Only the agency's planners post follow-ups."
)
NOT_ISSUED = (
    "LHE belum diterbitkan; rekomendasinya belum dapat ditindaklanjuti. / "
    "The LHE is not issued yet; its recommendations cannot be followed up."
)
ALREADY_DONE = (
    "Rekomendasi ini sudah selesai: tindak lanjutnya telah diterima. / "
    "This recommendation is done: a follow-up has been accepted."
)

STATUS_LABELS = {
    followup.NOT_STARTED: pgettext_lazy("status tindak lanjut", "Belum"),
    followup.IN_PROGRESS: pgettext_lazy("status tindak lanjut", "Proses"),
    followup.DONE: pgettext_lazy("status tindak lanjut", "Selesai"),
}
STATUS_BADGES = {
    followup.NOT_STARTED: "text-bg-secondary",
    followup.IN_PROGRESS: "text-bg-warning",
    followup.DONE: "text-bg-success",
}
DECISION_BADGES: dict[str, str] = {
    FollowUp.Decision.PENDING: "text-bg-info",
    FollowUp.Decision.ACCEPTED: "text-bg-success",
    FollowUp.Decision.RETURNED: "text-bg-danger",
}


@dataclass
class FollowUpRow:
    item: FollowUp
    badge: str
    form: DecisionForm | None  # the evaluator's decision form, for a follow-up still waiting


@dataclass
class RecommendationRow:
    item: Recommendation
    number: int
    criterion: str
    status: str
    status_label: str
    badge: str
    overdue: bool
    may_follow_up: bool
    follow_ups: list[FollowUpRow] = field(default_factory=list)


# --- reading ----------------------------------------------------------------------------------------------------
def _recommendation_of(agency: Agency, year: int, pk: int) -> Recommendation:
    return get_object_or_404(
        Recommendation.objects.select_related("evaluation__rubric"),
        pk=pk,
        evaluation__agency=agency,
        evaluation__year=year,
    )


def _follow_up_of(agency: Agency, year: int, pk: int) -> FollowUp:
    return get_object_or_404(
        FollowUp.objects.select_related("recommendation__evaluation"),
        pk=pk,
        recommendation__evaluation__agency=agency,
        recommendation__evaluation__year=year,
    )


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # `agency_view` lets only a logged-in user through
    return request.user


def _hidden_from(request: HttpRequest, agency: Agency, evaluation: Evaluation) -> bool:
    return not sees_evaluator_work(request.user, agency, evaluation.issued)


def _list_url(agency: Agency, year: int, anchor: str = "") -> str:
    url = reverse("evaluation_followup:list", args=[agency.code, year])
    return f"{url}#{anchor}" if anchor else url


def _context(request: HttpRequest, agency: Agency, *, year: int, **extra: Any) -> dict[str, Any]:
    """The workspace's context, whose year buttons lead to each year's recommendations (not to this object's
    page under another year, which does not exist, nor to a POST-only address the page was answered from)."""
    context = workspace_context(request, agency, year=year, **extra)
    context["year_links"] = [(y, _list_url(agency, y)) for y in context["years"]]
    return context


def _list_context(
    request: HttpRequest, agency: Agency, year: int, *, decision_forms: dict[int, DecisionForm] | None = None
) -> dict:
    """The year's recommendations with their follow-ups, in a constant number of queries (the follow-ups and
    their users prefetched); nothing of them when the user may not see the evaluator's work yet."""
    evaluation = evaluation_for(agency, year, create=False)
    evaluator = may_evaluate(request.user, agency)
    planner = may_self_assess(request.user, agency)
    issued = evaluation is not None and evaluation.issued
    shown = evaluation is not None and sees_evaluator_work(request.user, agency, issued)
    rows: list[RecommendationRow] = []
    rate = None
    if shown:
        assert evaluation is not None
        rubric = evaluation.rubric.rubric
        today = timezone.localdate()
        follow_ups = FollowUp.objects.select_related("uploaded_by", "decided_by")
        recommendations = evaluation.recommendations.prefetch_related(
            Prefetch("follow_ups", queryset=follow_ups)
        )
        for number, item in enumerate(recommendations, start=1):
            stored = list(item.follow_ups.all())
            status = item.status(stored)
            row = RecommendationRow(
                item=item,
                number=number,
                criterion=criterion_label(rubric, item.criterion) if item.criterion else "",
                status=status,
                status_label=str(STATUS_LABELS[status]),
                badge=STATUS_BADGES[status],
                overdue=followup.overdue(item.target_date, status, today),
                may_follow_up=planner and issued and status != followup.DONE,
            )
            for follow_up in stored:
                form = None
                if evaluator and follow_up.decision == FollowUp.Decision.PENDING:
                    form = (decision_forms or {}).get(follow_up.pk) or DecisionForm(
                        auto_id=f"d{follow_up.pk}_%s"
                    )
                row.follow_ups.append(FollowUpRow(follow_up, DECISION_BADGES[follow_up.decision], form))
            rows.append(row)
        rate = followup.follow_up_rate(row.status for row in rows)
    frozen = writable_message(evaluation) if evaluation is not None else None
    return _context(
        request,
        agency,
        section="recommendations",
        year=year,
        # What the shell's read-only banner goes by: whether this screen lets the user write anything.
        can_edit=evaluator or (planner and issued),
        evaluation=evaluation,
        issued=issued,
        shown=shown,
        evaluator=evaluator,
        manages=evaluator and frozen is None,
        frozen_message=frozen if evaluator else None,
        rows=rows,
        rate=rate,
        rate_text=format_percent(rate.rate) if rate is not None and rate.rate is not None else None,
    )


@agency_view(review=True)
@require_safe
def recommendation_list(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    return render(request, "evaluation_followup/list.html", _list_context(request, agency, year))


@agency_view(review=True)
def follow_up_file(request: HttpRequest, agency: Agency, year: int, pk: int) -> HttpResponseBase:
    item = _follow_up_of(agency, year, pk)  # another agency's follow-up is a 404 before the method is judged
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if _hidden_from(request, agency, item.recommendation.evaluation) or not item.file:
        raise Http404("Berkas tidak ditemukan / file not found")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Berkas tidak ditemukan / file missing") from error
    return FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )


# --- the evaluator's recommendations --------------------------------------------------------------------------
def _management_refusal(
    request: HttpRequest, agency: Agency, evaluation: Evaluation | None
) -> HttpResponse | None:
    """403 unless the user is the evaluator and the evaluation is not issued; None when the write may go on."""
    if not may_evaluate(request.user, agency):
        return locked_response(request, agency, ONLY_EVALUATOR)
    message = writable_message(evaluation) if evaluation is not None else None
    if message:
        return locked_response(request, agency, message)
    return None


def _form_page(
    request: HttpRequest,
    agency: Agency,
    year: int,
    form: RecommendationForm,
    recommendation: Recommendation | None = None,
) -> HttpResponse:
    context = _context(
        request,
        agency,
        section="recommendations",
        year=year,
        can_edit=True,
        form=form,
        recommendation=recommendation,
        cancel_url=_list_url(agency, year),
    )
    return render(request, "evaluation_followup/form.html", context)


@serialised_writes
@agency_view(review=True)
def recommendation_create(request: HttpRequest, agency: Agency, year: int) -> HttpResponse:
    evaluation = evaluation_for(agency, year, create=False)
    if refused := _management_refusal(request, agency, evaluation):
        return refused
    # No evaluation yet: the one the evaluator starts on saving will use the Pemda's current rubric.
    rubric = (evaluation.rubric if evaluation is not None else current_rubric(agency.government)).rubric
    form = RecommendationForm(request.POST or None, rubric=rubric)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            evaluation = evaluation or evaluation_for(agency, year)
            assert evaluation is not None
            last = evaluation.recommendations.aggregate(last=Max("position"))["last"] or 0
            recommendation = form.save(commit=False)
            recommendation.evaluation = evaluation
            recommendation.position = last + 1
            recommendation.save()
        messages.success(request, _("Rekomendasi ditambahkan."))
        return redirect(_list_url(agency, year, f"rekomendasi-{recommendation.pk}"))
    return _form_page(request, agency, year, form)


@serialised_writes
@agency_view(review=True)
def recommendation_edit(request: HttpRequest, agency: Agency, year: int, pk: int) -> HttpResponse:
    recommendation = _recommendation_of(agency, year, pk)
    if refused := _management_refusal(request, agency, recommendation.evaluation):
        return refused
    form = RecommendationForm(
        request.POST or None, instance=recommendation, rubric=recommendation.evaluation.rubric.rubric
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Rekomendasi disimpan."))
        return redirect(_list_url(agency, year, f"rekomendasi-{recommendation.pk}"))
    return _form_page(request, agency, year, form, recommendation)


def _renumbered(evaluation: Evaluation) -> list[Recommendation]:
    """The evaluation's recommendations in their order, numbered 1..n again (only changed rows are written)."""
    rows = list(evaluation.recommendations.select_for_update().order_by("position", "pk"))
    for number, row in enumerate(rows, start=1):
        if row.position != number:
            row.position = number
            row.save(update_fields=["position"])
    return rows


@serialised_writes
@agency_view(review=True)
@require_POST
def recommendation_delete(request: HttpRequest, agency: Agency, year: int, pk: int) -> HttpResponse:
    recommendation = _recommendation_of(agency, year, pk)
    evaluation = recommendation.evaluation
    if refused := _management_refusal(request, agency, evaluation):
        return refused
    with transaction.atomic():
        recommendation.delete()
        _renumbered(evaluation)
    messages.success(request, _("Rekomendasi dihapus."))
    return redirect(_list_url(agency, year))


def _move(request: HttpRequest, agency: Agency, year: int, pk: int, step: int) -> HttpResponse:
    recommendation = _recommendation_of(agency, year, pk)
    evaluation = recommendation.evaluation
    if refused := _management_refusal(request, agency, evaluation):
        return refused
    with transaction.atomic():
        rows = _renumbered(evaluation)
        index = next(i for i, row in enumerate(rows) if row.pk == recommendation.pk)
        other = index + step
        if 0 <= other < len(rows):  # the first cannot go up, nor the last down: nothing to do
            moved, neighbour = rows[index], rows[other]
            moved.position, neighbour.position = neighbour.position, moved.position
            moved.save(update_fields=["position"])
            neighbour.save(update_fields=["position"])
    return redirect(_list_url(agency, year, f"rekomendasi-{recommendation.pk}"))


@serialised_writes
@agency_view(review=True)
@require_POST
def recommendation_move_up(request: HttpRequest, agency: Agency, year: int, pk: int) -> HttpResponse:
    return _move(request, agency, year, pk, -1)


@serialised_writes
@agency_view(review=True)
@require_POST
def recommendation_move_down(request: HttpRequest, agency: Agency, year: int, pk: int) -> HttpResponse:
    return _move(request, agency, year, pk, 1)


# --- the agency's follow-ups and the evaluator's decisions ----------------------------------------------------
@serialised_writes
@agency_view(review=True)
def follow_up(request: HttpRequest, agency: Agency, year: int, pk: int) -> HttpResponse:
    recommendation = _recommendation_of(agency, year, pk)
    evaluation = recommendation.evaluation
    if _hidden_from(request, agency, evaluation):
        raise Http404("Rekomendasi tidak ditemukan / recommendation not found")
    if not may_self_assess(request.user, agency):
        return locked_response(request, agency, ONLY_AGENCY)
    if not evaluation.issued:
        return locked_response(request, agency, NOT_ISSUED)
    earlier = list(recommendation.follow_ups.select_related("uploaded_by", "decided_by"))
    if recommendation.status(earlier) == followup.DONE:
        return locked_response(request, agency, ALREADY_DONE)
    form = FollowUpForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        evidence = {"link": data["link"] or ""}
        if upload:
            evidence.update(
                file=upload,
                original_name=upload.name[:255],
                content_type=upload.sniffed_type,
                size=upload.size,
            )
        with transaction.atomic():
            FollowUp.objects.create(
                recommendation=recommendation, text=data["text"], uploaded_by=_actor(request), **evidence
            )
        messages.success(request, _("Tindak lanjut dikirim; menunggu tanggapan Inspektorat."))
        return redirect(_list_url(agency, year, f"rekomendasi-{recommendation.pk}"))
    rubric = evaluation.rubric.rubric
    context = _context(
        request,
        agency,
        section="recommendations",
        year=year,
        can_edit=True,
        recommendation=recommendation,
        criterion=criterion_label(rubric, recommendation.criterion) if recommendation.criterion else "",
        earlier=[FollowUpRow(item, DECISION_BADGES[item.decision], None) for item in earlier],
        form=form,
        cancel_url=_list_url(agency, year, f"rekomendasi-{recommendation.pk}"),
    )
    return render(request, "evaluation_followup/follow_up.html", context)


@serialised_writes
@agency_view(review=True)
@require_POST
def decide(request: HttpRequest, agency: Agency, year: int, pk: int) -> HttpResponse:
    item = _follow_up_of(agency, year, pk)
    if not may_evaluate(request.user, agency):
        return locked_response(request, agency, ONLY_EVALUATOR)
    anchor = f"rekomendasi-{item.recommendation_id}"
    if item.decision != FollowUp.Decision.PENDING:  # a second click, or a colleague was quicker
        messages.info(
            request,
            _("Tindak lanjut ini sudah diputuskan: %(decision)s.")
            % {"decision": item.get_decision_display()},
        )
        return redirect(_list_url(agency, year, anchor))
    form = DecisionForm(request.POST, auto_id=f"d{item.pk}_%s")
    if not form.is_valid():
        context = _list_context(request, agency, year, decision_forms={item.pk: form})
        return render(request, "evaluation_followup/list.html", context)
    item.decision = form.cleaned_data["decision"]
    item.decision_note = form.cleaned_data["note"]
    item.decided_by = _actor(request)
    item.decided_at = timezone.now()
    item.save(update_fields=["decision", "decision_note", "decided_by", "decided_at"])
    if item.decision == FollowUp.Decision.ACCEPTED:
        messages.success(request, _("Tindak lanjut diterima; rekomendasi selesai."))
    else:
        messages.success(request, _("Tindak lanjut dikembalikan kepada perangkat daerah dengan catatan."))
    return redirect(_list_url(agency, year, anchor))
