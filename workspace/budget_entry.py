"""Writing a year's budget lines: the one code path of the Anggaran screens (pagu and realisasi; anggaran kas and
physical progress) and of the API's quarterly spending and physical progress.

`BudgetGrid` holds the plan's budget owners (the sub kegiatan, and the kegiatan without sub kegiatan) with their
stored line for the year and a row form each (prefix `s<pk>` or `a<pk>`); `grid_save(grid.forms.values(),
grid.write)` saves it whole or not at all. `keys` keeps only some owners' rows (the API's), so that the others are
left alone.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from django.db.models import Q

from budgets.forms import BudgetLineRow, ProgressLineRow, stored_line
from budgets.models import Activity, BudgetLine, Program, SubActivity
from workspace.access import plan_or_404


class BudgetGrid:
    """The plan's budget owners with their stored line for the year, and a row form each."""

    def __init__(
        self,
        agency,
        year: int,
        data: Mapping[str, Any] | None = None,
        row_form=BudgetLineRow,
        stored=stored_line,
        *,
        keys: Collection[str] | None = None,
    ):
        plan = plan_or_404(agency, year)
        self.year = year
        self.programs = {p.code: p for p in Program.objects.filter(plan=plan)}
        activities = list(Activity.objects.filter(program__plan=plan).order_by("position", "pk"))
        subs = list(SubActivity.objects.filter(activity__program__plan=plan).order_by("position", "pk"))
        # Codes are unique under their parent, so (parent pk, code) finds the object behind a report row.
        self.activities = {(a.program_id, a.code): a for a in activities}
        self.subs = {(s.activity_id, s.code): s for s in subs}
        with_subs = {s.activity_id for s in subs}
        self.owners: dict[str, Activity | SubActivity] = {
            **{f"s{s.pk}": s for s in subs},
            **{f"a{a.pk}": a for a in activities if a.pk not in with_subs},
        }
        # By the owners' keys, not through the joins up to the plan: an OR across two join paths cannot use the
        # lines' indexes and reads every agency's lines of every year.
        lines = BudgetLine.objects.filter(year=year).filter(
            Q(activity_id__in=[a.pk for a in activities]) | Q(sub_activity_id__in=[s.pk for s in subs])
        )
        self.existing = {
            (f"s{x.sub_activity_id}" if x.sub_activity_id else f"a{x.activity_id}"): x for x in lines
        }
        self.row_form, self.stored = row_form, stored
        chosen = self.owners if keys is None else {k: self.owners[k] for k in keys}
        self.forms = {key: self.form(data, key) for key, owner in chosen.items()}

    def form(self, data: Mapping[str, Any] | None, key: str, row_form=None, stored=None):
        """The row form of one owner (another kind of row: `row_form` with its `stored`)."""
        row_form, stored = row_form or self.row_form, stored or self.stored
        return row_form(data, owner=self.owners[key], stored=stored(self.existing.get(key)), prefix=key)

    def paths(self) -> dict[str, str]:
        """Each owner's code path, "program/kegiatan" or "program/kegiatan/sub kegiatan", by its key."""
        programs = {p.pk: p.code for p in self.programs.values()}
        activities = {a.pk: f"{programs[a.program_id]}/{a.code}" for a in self.activities.values()}
        return {
            key: (
                f"{activities[owner.activity_id]}/{owner.code}"
                if isinstance(owner, SubActivity)
                else activities[owner.pk]
            )
            for key, owner in self.owners.items()
        }

    def write(self, row: BudgetLineRow | ProgressLineRow):
        # Only the row's editable figures are written: the declared_* strings of a legacy document stay as printed,
        # and the other grid's figures as they are.
        BudgetLine.objects.update_or_create(
            year=self.year, **{row.owner_kind: row.owner}, defaults=row.submitted()
        )

    def pending(self) -> list[BudgetLine]:
        """Unsaved lines of every row that parses; a row with errors keeps its stored figures."""
        return [
            form.pending(self.year, self.existing.get(key))
            for key, form in self.forms.items()
            if form.is_valid()
        ]
