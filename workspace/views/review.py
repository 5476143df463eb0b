"""The review of an agency's year: its page (state, history, comments), the workflow actions, comments.

Who may POST is decided here, from the workflow table (`review.workflow`) and the user's role, not by
`agency_view`'s "planners write" rule: reviewers act and comment on data they cannot edit.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from agencies.models import role_of
from agencies.writes import serialised_writes
from reports.approval import approved_figures, review_transition
from reports.readmodel.build import report_build
from reports.readmodel.readiness import readiness
from review.comments import (
    comment_create,
    comment_reply,
    comment_set_answered,
    comment_set_resolved,
    may_mark_answered,
    may_reply,
    may_resolve,
    replies_prefetch,
)
from review.differences import report_differences
from review.forms import ActionForm, CommentForm, ReplyForm
from review.models import Comment, ReviewEvent, YearReview
from review.workflow import ADMIN, REVIEWER, Action, State, TransitionRefused, allowed_rules, rule_for
from workspace.access import agency_view, plan_or_404
from workspace.anchors import anchor_fragment, anchor_label, anchor_labels, anchor_url
from workspace.review_years import STATE_BADGES
from workspace.shell import workspace_context

EXPLANATIONS = {
    Action.SUBMIT: gettext_lazy(
        "Laporan diajukan ke Inspektorat untuk direviu. Selama direviu, target, realisasi, anggaran, narasi, "
        "Perjanjian Kinerja dan IKM tahun ini tidak dapat diubah, sampai Inspektorat mengembalikannya atau "
        "Anda menarik pengajuan."
    ),
    Action.WITHDRAW: gettext_lazy(
        "Pengajuan ditarik sebelum direviu: perencana dapat mengubah data lagi, lalu Anda mengajukannya kembali."
    ),
    Action.RETURN: gettext_lazy(
        "Laporan dikembalikan kepada perangkat daerah untuk diperbaiki. Tulis apa yang harus diperbaiki; "
        "catatan per indikator atau baris anggaran dapat ditambahkan dari layar datanya."
    ),
    Action.APPROVE: gettext_lazy(
        "Laporan disetujui dan data tahun ini dikunci di semua jalur (layar, impor, admin). Angka yang disetujui "
        "disimpan; hanya admin yang dapat membukanya kembali, dengan alasan yang tercatat."
    ),
    Action.REOPEN: gettext_lazy(
        "Tahun yang telah disetujui dibuka kembali sehingga datanya dapat diubah, lalu diajukan ulang. Alasan "
        "pembukaan dicatat dalam riwayat reviu."
    ),
}
NOTE_LABELS = {
    Action.RETURN: gettext_lazy("Catatan untuk perangkat daerah (wajib)"),
    Action.REOPEN: gettext_lazy("Alasan membuka kembali (wajib)"),
}


def can_comment(user) -> bool:
    return role_of(user) in (REVIEWER, ADMIN)


def action_links(agency, year: int, state: str, role) -> list[dict]:
    return [
        {
            "action": rule.action,
            "label": Action(rule.action).label,
            "url": reverse(f"review:{rule.action}", args=[agency.code, year]),
        }
        for rule in allowed_rules(state, role)
    ]


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


def _comment_filters(request):
    status = request.GET.get("status", "open")
    status = status if status in ("open", "resolved", "all") else "open"
    kind = request.GET.get("kind", "")
    kind = kind if kind in Comment.Anchor.values else ""
    return status, kind


@agency_view(review=True)
@require_safe
def detail(request, agency, year):
    """The year's review: state, what happens next, the history of events, comments with filters."""
    plan = plan_or_404(agency, year)
    status = request.review
    role = role_of(request.user)
    review = YearReview.objects.filter(agency=agency, year=year).first()
    events = list(ReviewEvent.objects.filter(review=review).select_related("actor")) if review else []
    comments = Comment.objects.filter(agency=agency, year=year)
    counts = comments.aggregate(
        open=Count("pk", filter=Q(resolved=False)), resolved=Count("pk", filter=Q(resolved=True))
    )
    status_filter, kind_filter = _comment_filters(request)
    shown = (
        comments.select_related("author", "resolved_by", "answered_by")
        .prefetch_related(replies_prefetch())
        .order_by("resolved", "created_at", "pk")
    )
    if status_filter != "all":
        shown = shown.filter(resolved=status_filter == "resolved")
    if kind_filter:
        shown = shown.filter(anchor_kind=kind_filter)
    shown = list(shown)
    labels = anchor_labels(plan, {c.anchor_kind for c in shown})
    for comment in shown:
        comment.label = labels.get((comment.anchor_kind, comment.anchor_key), comment.anchor_key)
        comment.url = anchor_url(agency, year, comment.anchor_kind, comment.anchor_key)
    approval = next((e for e in reversed(events) if e.action == Action.APPROVE), None)
    differences = None
    if (
        approval is not None
        and approval.snapshot is not None
        and status.state in (State.APPROVED, State.REOPENED)
    ):
        differences = report_differences(approval.snapshot, approved_figures(agency, year))
    context = workspace_context(
        request,
        agency,
        section="review_workflow",
        year=year,
        events=events,
        comments=shown,
        counts=counts,
        status_filter=status_filter,
        kind_filter=kind_filter,
        kinds=Comment.Anchor.choices,
        actions=action_links(agency, year, status.state, role),
        can_comment=can_comment(request.user),
        can_resolve=may_resolve(role),
        can_answer=may_mark_answered(role),
        can_reply=may_reply(role),
        reply_form=ReplyForm(),
        comment_form=CommentForm(initial={"kind": Comment.Anchor.GENERAL}),
        approval=approval,
        differences=differences,
        badge=STATE_BADGES[status.state],
    )
    return render(request, "review/detail.html", context)


@serialised_writes
@agency_view(review=True)
def act(request, agency, year, action):
    """A workflow action: GET asks for confirmation (and the note), POST applies it."""
    plan_or_404(agency, year)
    state = request.review.state
    detail_url = reverse("review:detail", args=[agency.code, year])
    seen = request.POST.get("seen_state", "") if request.method == "POST" else ""
    if seen and seen != state:  # someone acted between this page and the click: do not act on a new state
        messages.error(
            request,
            _(
                "Status laporan sudah berubah menjadi %(state)s sejak halaman ini dibuka; tindakan tidak "
                "dijalankan. / The state has already changed (now: %(state)s); the action was not applied."
            )
            % {"state": State(state).label},
        )
        return redirect(detail_url)
    rule = rule_for(state, action, role_of(request.user))
    if rule is None:
        raise PermissionDenied("Tindakan tidak tersedia / action not available")
    # A submission is checked first: errors block it, warnings and what is missing need a confirmation.
    ready = None
    if action in (Action.SUBMIT, Action.APPROVE):
        ready = readiness(report_build(agency=agency, year=year))
    submitting = action == Action.SUBMIT
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        note_required=rule.note_required,
        note_label=NOTE_LABELS.get(action),
        confirm_required=submitting and ready is not None and ready.needs_confirmation,
    )
    if request.method == "POST" and submitting and ready is not None and ready.blocked:
        form.add_error(
            None,
            _(
                "Laporan belum dapat diajukan: perbaiki dulu %(n)s galat pemeriksaan. / The report cannot be "
                "submitted before its %(n)s check errors are corrected."
            )
            % {"n": len(ready.errors)},
        )
    if request.method == "POST" and form.is_valid():
        try:
            review = review_transition(
                agency=agency, year=year, action=action, user=request.user, note=form.cleaned_data["note"]
            )
        except TransitionRefused as error:  # someone else acted first
            messages.error(request, str(error))
            return redirect(detail_url)
        messages.success(
            request,
            _("Status laporan %(year)s sekarang: %(state)s.")
            % {"year": year, "state": review.get_state_display()},
        )
        return redirect(detail_url)
    open_comments = Comment.objects.filter(agency=agency, year=year, resolved=False).count()
    context = workspace_context(
        request,
        agency,
        section="review_workflow",
        year=year,
        rule=rule,
        action_label=Action(action).label,
        explanation=EXPLANATIONS[action],
        form=form,
        ready=ready,
        submitting=submitting,
        open_comments=open_comments,
        cancel_url=detail_url,
        seen_state=state,
    )
    return render(request, "review/confirm.html", context)


def _anchor(request):
    raw = request.GET.get("anchor", "general")
    kind, _sep, key = raw.partition(":")
    return kind, key


@serialised_writes
@agency_view(review=True)
def comment_new(request, agency, year):
    """A reviewer's comment on a part of the year's report (GET: the form, from a link beside the data)."""
    plan = plan_or_404(agency, year)
    if not can_comment(request.user):
        raise PermissionDenied("Hanya reviu yang dapat menulis catatan / reviewers only")
    if request.method == "POST":
        form = CommentForm(request.POST)
    else:
        kind, key = _anchor(request)
        form = CommentForm(initial={"kind": kind, "key": key, "next": request.GET.get("next", "")})
    kind = form.data.get("kind") if form.is_bound else form.initial["kind"]
    key = (form.data.get("key") if form.is_bound else form.initial["key"]) or ""
    label = anchor_label(plan, kind, key)
    if label is None:
        messages.error(request, _("Bagian laporan yang dituju tidak ditemukan. / Unknown anchor."))
        return redirect("review:detail", agency.code, year)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        comment_create(
            agency=agency,
            year=year,
            kind=data["kind"],
            key=data["key"],
            text=data["text"],
            author=request.user,
        )
        messages.success(request, _("Catatan reviu disimpan."))
        fallback = reverse("review:detail", args=[agency.code, year])
        return redirect(_safe_next(request, fallback) + anchor_fragment(data["kind"], data["key"]))
    context = workspace_context(
        request,
        agency,
        section="review_workflow",
        year=year,
        form=form,
        anchor=label,
        cancel_url=_safe_next(request, reverse("review:detail", args=[agency.code, year])),
    )
    return render(request, "review/comment_form.html", context)


@serialised_writes
@agency_view(review=True)
@require_POST
def comment_resolve(request, agency, year, pk):
    """Resolve a comment (or open it again): the reviewer decides; the agency marks it answered instead."""
    comment = get_object_or_404(Comment, pk=pk, agency=agency, year=year)
    if not may_resolve(role_of(request.user)):
        raise PermissionDenied("Hanya reviu yang menyelesaikan catatan / reviewers resolve comments")
    resolved = request.POST.get("resolved") == "1"
    comment_set_resolved(comment=comment, resolved=resolved, user=request.user)
    messages.success(request, _("Catatan ditandai selesai.") if resolved else _("Catatan dibuka kembali."))
    return redirect(_safe_next(request, reverse("review:detail", args=[agency.code, year])))


@serialised_writes
@agency_view(review=True)
@require_POST
def comment_answer(request, agency, year, pk):
    """The agency's planner or head says a comment has been dealt with (or takes that back)."""
    comment = get_object_or_404(Comment, pk=pk, agency=agency, year=year)
    if not may_mark_answered(role_of(request.user)):
        raise PermissionDenied("Hanya perangkat daerah yang menandai dijawab / the agency marks answered")
    answered = request.POST.get("answered") == "1"
    comment_set_answered(comment=comment, answered=answered, user=request.user)
    messages.success(
        request,
        _("Catatan ditandai sudah dijawab; Inspektorat yang menyatakannya selesai.")
        if answered
        else _("Tanda dijawab dibatalkan."),
    )
    return redirect(
        _safe_next(request, reverse("review:detail", args=[agency.code, year])) + f"#catatan-{pk}"
    )


@serialised_writes
@agency_view(review=True)
@require_POST
def comment_reply_new(request, agency, year, pk):
    """A reply in a comment's conversation, by either side."""
    comment = get_object_or_404(Comment, pk=pk, agency=agency, year=year)
    if not may_reply(role_of(request.user)):
        raise PermissionDenied("Tidak dapat membalas / cannot reply")
    form = ReplyForm(request.POST)
    if form.is_valid():
        comment_reply(comment=comment, text=form.cleaned_data["text"], author=request.user)
        messages.success(request, _("Balasan disimpan."))
    else:
        messages.error(request, _("Balasan kosong tidak disimpan. / An empty reply was not saved."))
    return redirect(
        _safe_next(request, reverse("review:detail", args=[agency.code, year])) + f"#catatan-{pk}"
    )
