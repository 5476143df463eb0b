"""The review beside the data: the status bar of the workspace, comment markers per row, the comment panel.

Everything reads `review` (a `review.locks.YearStatus`) from the workspace context: its comments are loaded in
one query per page, and only when the year has any.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from agencies.models import role_of
from workspace.anchors import anchor_url
from workspace.review_years import STATE_BADGES
from workspace.views.review import action_links, can_comment

register = template.Library()


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None)


@register.inclusion_tag("review/_bar.html", takes_context=True)
def review_bar(context):
    review, agency = context.get("review"), context.get("agency")
    if review is None or agency is None:
        return {"review": None}
    user = _user(context)
    return {
        "review": review,
        "agency": agency,
        "badge": STATE_BADGES[review.state],
        "actions": action_links(agency, review.year, review.state, role_of(user)) if user else [],
        "open_comments": review.comments.open_count,
        "detail_url": reverse("review:detail", args=[agency.code, review.year]),
        "can_edit": context.get("can_edit"),
    }


@register.inclusion_tag("review/_marker.html", takes_context=True)
def review_marker(context, kind, key=""):
    """A comment count beside a row (its comments unfold in place) and, for reviewers, a link to add one."""
    review, agency = context.get("review"), context.get("agency")
    if review is None or agency is None:
        return {"show": False}
    key = str(key)
    comments = review.comments.on(kind, key)
    page = _marker_page(context, review, agency)
    new_url = None
    if page.new_url:
        query = urlencode({"anchor": f"{kind}:{key}", "next": page.next_path})
        new_url = f"{page.new_url}?{query}"
    return {
        "show": bool(comments) or page.writer,
        "comments": comments,
        "open": sum(1 for c in comments if not c.resolved),
        "new_url": new_url,
        "kind": kind,
        "key": key,
        "detail_url": page.detail_url,
    }


@dataclass(frozen=True)
class _MarkerPage:
    writer: bool
    next_path: str
    new_url: str
    detail_url: str


def _marker_page(context, review, agency) -> _MarkerPage:
    """What every marker of a page shares (the user's right to comment, the URLs), worked out once per page: a
    grid has a marker per row."""
    key = ("review_marker", agency.pk, review.year)
    page = context.render_context.get(key)
    if page is None:
        user = _user(context)
        writer = user is not None and can_comment(user)
        request = context.get("request")
        page = _MarkerPage(
            writer=writer,
            next_path=request.path if request else "",
            new_url=reverse("review:comment_new", args=[agency.code, review.year]) if writer else "",
            detail_url=reverse("review:detail", args=[agency.code, review.year]),
        )
        context.render_context[key] = page
    return page


@register.inclusion_tag("review/_panel.html", takes_context=True)
def review_panel(context):
    """Every comment of the year, grouped as they come, for pages about the whole report."""
    review, agency = context.get("review"), context.get("agency")
    if review is None or agency is None:
        return {"review": None}
    user = _user(context)
    comments = review.comments.all
    for comment in comments:
        comment.url = anchor_url(agency, review.year, comment.anchor_kind, comment.anchor_key)
    return {
        "review": review,
        "agency": agency,
        "comments": comments,
        "open": review.comments.open_count,
        "new_url": reverse("review:comment_new", args=[agency.code, review.year]) + "?anchor=general"
        if user is not None and can_comment(user)
        else None,
        "detail_url": reverse("review:detail", args=[agency.code, review.year]),
    }
