"""Applying a previewed SIPD import: every changed budget line saved through the model (history rows, review
guards), in one transaction, or nothing."""

from __future__ import annotations

from django.db import transaction

from agencies.audit import VIA_SIPD, history_reason
from budgets.models import BudgetLine
from review.locks import ensure_writable

from .reading import SubChange

# How the change reached the database (`history_change_reason`, agencies/audit.py).


@transaction.atomic
def sipd_apply(agency, year: int, changes: list[SubChange]) -> int:
    """Write the changes (all or nothing); returns how many values changed."""
    ensure_writable(
        agency, year
    )  # first, for the year's own message; each save is guarded too (review/guards.py)
    count = 0
    subs = [change.sub_activity for change in changes]
    lines = {
        line.sub_activity_id: line for line in BudgetLine.objects.filter(year=year, sub_activity__in=subs)
    }
    with history_reason(VIA_SIPD):
        for change in changes:
            line = lines.get(change.sub_activity.pk) or BudgetLine(
                sub_activity=change.sub_activity, year=year
            )
            for name in change.changed:
                setattr(line, name, change.new[name])
            count += len(change.changed)
            line.save()
    return count
