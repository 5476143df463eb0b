"""Applying a previewed workbook: `workbook_apply` writes all its changes in one transaction, or nothing."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from agencies.audit import VIA_WORKBOOK, history_reason
from agencies.revisions import note_agency
from budgets.models import BudgetLine
from indicators.models import Realisation, Target
from review.locks import ensure_writable, printed_error

from .sheets import BUDGET_FIELDS, Change, StoredFigures


@transaction.atomic
def workbook_apply(agency, year: int, changes: list[Change]) -> int:
    """Write the changes (all or nothing, in bulk); returns how many values changed."""
    ensure_writable(agency, year)  # bulk writes send no signals (review/guards.py): checked here
    for quarter in sorted({c.slot[1] for c in changes if c.slot[:1] == ("realisation",) and c.slot[1]}):
        ensure_writable(agency, year, quarter=quarter)
    state = StoredFigures(agency, year)
    kinds = {c.slot[0] for c in changes}
    error = printed_error(
        agency, year, later="realisation" in kinds, plan=state.plan if "target" in kinds else None
    )
    if error is not None:
        raise error
    by_kind = defaultdict(list)
    for change in changes:
        by_kind[change.slot[0]].append(change)
    _apply_targets(state, by_kind["target"])
    _apply_realisations(state, by_kind["realisation"])
    _apply_budget(state, by_kind["budget"])
    note_agency(agency.pk)  # bulk writes send no signals: the agency's revision is raised here
    return len(changes)


def _set_measure(row, value) -> None:
    row.grade, row.value = (value.upper(), None) if isinstance(value, str) else ("", value)


def _save_rows(model, created, updated, deleted, fields) -> None:
    # In bulk, with a history row per changed row: who (the request's user), and "via Excel" (agencies/audit.py).
    with history_reason(VIA_WORKBOOK):
        if deleted:
            model.objects.filter(pk__in=[row.pk for row in deleted]).delete()
        if created:
            bulk_create_with_history(created, model, batch_size=500, default_change_reason=VIA_WORKBOOK)
        if updated:
            bulk_update_with_history(
                updated, model, fields, batch_size=500, default_change_reason=VIA_WORKBOOK
            )


def _apply_targets(state, changes) -> None:
    created, updated, deleted = [], [], []
    for change in changes:
        indicator = state.indicator_by_code[change.code]
        kind, quarter = change.slot[1:]
        existing = state.targets.get((indicator.pk, kind, quarter))
        if change.new is None:
            if existing:
                deleted.append(existing)
            continue
        row = existing or Target(indicator=indicator, kind=kind, year=state.year, quarter=quarter)
        _set_measure(row, change.new)
        (updated if existing else created).append(row)
    _save_rows(Target, created, updated, deleted, ["value", "grade"])


def _apply_realisations(state, changes) -> None:
    rows = {}
    for change in changes:
        indicator = state.indicator_by_code[change.code]
        quarter, attr = change.slot[1:]
        key = (indicator.pk, quarter)
        if key not in rows:
            rows[key] = state.realisations.get(key) or Realisation(
                indicator=indicator, year=state.year, quarter=quarter
            )
        if attr == "value":
            _set_measure(rows[key], change.new)
            rows[key].value_places = change.places if isinstance(change.new, Decimal) else None
        else:
            setattr(rows[key], attr, change.new)
    created, updated, deleted = [], [], []
    for row in rows.values():
        blank = row.value is None and not row.grade and row.numerator is None and row.denominator is None
        # An emptied row goes, unless it still carries words the planner wrote elsewhere.
        if blank and not (row.note or row.analysis or row.declared_capaian):
            if row.pk:
                deleted.append(row)
        else:
            (updated if row.pk else created).append(row)
    _save_rows(
        Realisation, created, updated, deleted, ["value", "value_places", "grade", "numerator", "denominator"]
    )


def _apply_budget(state, changes) -> None:
    lines = {}
    for change in changes:
        kind, owner = state.owner_by_code[change.code]
        key = (kind, owner.pk)
        if key not in lines:
            lines[key] = state.lines.get(key) or BudgetLine(year=state.year, **{kind: owner})
        setattr(lines[key], change.slot[1], change.new)
    fields = [name for name, _label in BUDGET_FIELDS]
    created = [
        line for line in lines.values() if not line.pk and any(getattr(line, f) is not None for f in fields)
    ]
    # A stored line whose figures are all emptied stays: it may hold the figures a legacy document printed.
    updated = [line for line in lines.values() if line.pk]
    _save_rows(BudgetLine, created, updated, [], fields)
