"""Writes of the review workflow: one transition at a time, logged, with the approved figures kept."""

from __future__ import annotations

from django.db import transaction

from agencies.access import role_of
from sakip.writes import lock_agency

from .models import ReviewEvent, YearReview
from .workflow import State, next_state


def approved_figures(agency, year: int) -> dict:
    """The sakip-report/1 figures of the year, as approved (kept so that a later difference shows)."""
    from reports.assembly import report_build
    from reports.json_report import report_json

    report = report_json(report_build(agency=agency, year=year))
    report.pop("checks", None)  # findings are about the data, not figures of the report
    return report


@transaction.atomic
def review_transition(*, agency, year: int, action: str, user, note: str = "") -> YearReview:
    """Apply a workflow action for the user's role; raises `workflow.TransitionRefused` when not allowed."""
    # One writer per agency (sakip/writes.py): a grid save never straddles a transition.
    lock_agency(agency.code)
    review, _ = YearReview.objects.select_for_update().get_or_create(agency=agency, year=year)
    target = next_state(review.state, action, role_of(user), note)
    ReviewEvent.objects.create(
        review=review,
        actor=user,
        action=action,
        from_state=review.state,
        to_state=target,
        note=note.strip(),
        snapshot=approved_figures(agency, year) if target == State.APPROVED else None,
    )
    review.state = target
    review.save(update_fields=["state", "updated_at"])
    return review


def figures_diff(approved, current, path: str = "$", limit: int = 20) -> list[tuple[str, object, object]]:
    """(JSON path, approved, now) of every figure that differs between two sakip-report/1 objects (pure)."""
    out: list[tuple[str, object, object]] = []

    def walk(a, b, where):
        if len(out) >= limit:
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for key in list(a) + [k for k in b if k not in a]:
                walk(a.get(key), b.get(key), f"{where}.{key}")
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for index, (x, y) in enumerate(zip(a, b, strict=True)):
                label = x.get("code") if isinstance(x, dict) and "code" in x else index
                walk(x, y, f"{where}[{label}]")
        elif a != b:
            out.append((where, a, b))

    walk(approved, current, path)
    return out
