"""Saving an editing grid: all rows valid and free of conflicts, then every changed row in one transaction.

A grid is a list of `sakip.forms.RowForm`; the view supplies `write(row)`, which stores one changed row.
Either every changed row is saved or none is: a planner never finds half a grid saved.

The view is decorated with `agencies.writes.serialised_writes`, so that the rows' stored values are read, checked
for conflicts and written in one transaction holding the agency's write lock: a save that waited for another
one reads its values and reports the conflict, instead of overwriting them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .concurrency import Change
from .forms import RowForm


@dataclass
class GridOutcome:
    saved: int = 0
    invalid: bool = False
    conflicts: list[RowForm] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.invalid and not self.conflicts


class _Rollback(Exception):
    pass


def grid_save(rows: Sequence[RowForm], write: Callable[[RowForm], None]) -> GridOutcome:
    if not all([row.is_valid() for row in rows]):  # a list, so that every row shows its errors
        return GridOutcome(invalid=True)
    changes = [(row, row.change()) for row in rows]
    conflicts = [row for row, change in changes if change is Change.CONFLICT]
    if conflicts:
        for row in conflicts:
            row.mark_conflict()
        return GridOutcome(conflicts=conflicts)
    changed = [row for row, change in changes if change is Change.SAVE]
    try:
        with transaction.atomic():
            failed = False
            for row in changed:
                try:
                    write(row)
                except ValidationError as error:  # a rule only the model can check (e.g. a constraint)
                    # As a row error: the model may name a field the row form does not have.
                    row.add_error(None, ValidationError(error.messages))
                    failed = True
            if failed:
                raise _Rollback
    except _Rollback:
        return GridOutcome(invalid=True)
    return GridOutcome(saved=len(changed))


def grid_messages(request: HttpRequest, outcome: GridOutcome, saved_text: Callable[[int], str]) -> None:
    """The message every editing grid shows after a save: rows saved, no change, a conflict, or errors.

    `saved_text(n)` words the success for the grid's rows ("3 baris target disimpan."), so each grid keeps its
    own noun and plural while the rules stay the same everywhere.
    """
    if outcome.ok:
        if outcome.saved:
            messages.success(request, saved_text(outcome.saved))
        else:
            messages.info(request, _("Tidak ada perubahan."))
    elif outcome.conflicts:
        messages.error(
            request,
            _(
                "Baris yang ditandai telah diubah pengguna lain sejak halaman ini dibuka; tidak ada yang "
                "disimpan. Periksa nilai mereka, lalu simpan lagi untuk menimpanya."
            ),
        )
    else:
        messages.error(request, _("Periksa isian yang ditandai; tidak ada yang disimpan."))


def detached_copy(instance):
    """A copy of a stored row, so that a preview can change it without touching the instance a save may use."""
    if instance is None:
        return None
    model = type(instance)
    clone = model(**{f.attname: getattr(instance, f.attname) for f in model._meta.concrete_fields})
    clone._state.adding = False
    return clone
