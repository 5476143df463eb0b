"""Reviewers' comments: read in one query per page and looked up by what they are about."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from .models import Comment


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
                .select_related("author", "resolved_by")
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
