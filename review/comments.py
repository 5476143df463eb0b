"""Reviewers' comments: read in one query per page and looked up by what they are about."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from .models import Comment, CommentReply
from .workflow import ADMIN, HEAD, PLANNER, REVIEWER

# Who does what in a comment's conversation: the reviewer who raised it decides when it is resolved; the agency
# answers (and says so); both sides reply.
RESOLVERS = frozenset({REVIEWER, ADMIN})
ANSWERERS = frozenset({PLANNER, HEAD})
REPLIERS = RESOLVERS | ANSWERERS


def may_resolve(role: str | None) -> bool:
    return role in RESOLVERS


def may_mark_answered(role: str | None) -> bool:
    return role in ANSWERERS


def may_reply(role: str | None) -> bool:
    return role in REPLIERS


class CommentIndex:
    """The comments of an agency's year keyed by (anchor kind, anchor key)."""

    def __init__(self, comments: list[Comment]):
        self.all = comments
        self._by_anchor = defaultdict(list)
        for comment in comments:
            self._by_anchor[(comment.anchor_kind, comment.anchor_key)].append(comment)

    @classmethod
    def load(cls, agency, year: int) -> CommentIndex:
        return cls(
            list(
                Comment.objects.filter(agency=agency, year=year)
                .select_related("author", "resolved_by", "answered_by")
                .order_by("created_at", "pk")
            )
        )

    @classmethod
    def empty(cls) -> CommentIndex:
        return cls([])

    def on(self, kind: str, key: str = "") -> list[Comment]:
        return self._by_anchor.get((kind, str(key)), [])

    @property
    def open_count(self) -> int:
        return sum(1 for c in self.all if not c.resolved)


def replies_prefetch() -> Prefetch:
    return Prefetch(
        "replies", queryset=CommentReply.objects.select_related("author").order_by("created_at", "pk")
    )


def comment_create(*, agency, year: int, kind: str, key: str, text: str, author) -> Comment:
    comment = Comment(
        agency=agency,
        year=year,
        anchor_kind=kind,
        anchor_key="" if kind == Comment.Anchor.GENERAL else key,
        text=text.strip(),
        author=author,
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_set_resolved(*, comment: Comment, resolved: bool, user) -> Comment:
    comment.resolved = resolved
    comment.resolved_by = user if resolved else None
    comment.resolved_at = timezone.now() if resolved else None
    comment.save(update_fields=["resolved", "resolved_by", "resolved_at"])
    return comment


@transaction.atomic
def comment_set_answered(*, comment: Comment, answered: bool, user) -> Comment:
    comment.answered_by = user if answered else None
    comment.answered_at = timezone.now() if answered else None
    comment.save(update_fields=["answered_by", "answered_at"])
    return comment


def comment_reply(*, comment: Comment, text: str, author) -> CommentReply:
    reply = CommentReply(comment=comment, text=text.strip(), author=author)
    reply.full_clean()
    reply.save()
    return reply
