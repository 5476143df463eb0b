"""The budget grid's row form: the pagu and realisasi of one budget owner (a sub-activity, or an activity
without sub-activities) for one year."""

from __future__ import annotations

from html import escape

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from sakip.forms import LocalizedDecimalField, MoneyField, RowForm, input_str, model_bounds
from sakip.grids import detached_copy
from sakip.numbers import PERCENT

from . import totals
from .models import Activity, BudgetLine, Expenditure, Program, SpendingGroup, SubActivity

QUARTER_FIELDS = ("spent_q1", "spent_q2", "spent_q3", "spent_q4")
VALUE_FIELDS = (
    "ceiling_original",
    "ceiling_rationalised",
    "ceiling_revised",
    *QUARTER_FIELDS,
    "spent",
    "physical_progress",
)


def stored_line(line: BudgetLine | None) -> dict:
    """The editable values of a stored line (all unknown when there is none yet)."""
    return {name: getattr(line, name) if line else None for name in VALUE_FIELDS}


class _GridInputs:
    """The inputs of a grid row, built by hand: Django's widget templates (and format_html) cost about a third of
    a millisecond per input, which made up most of the page time in a grid of hundreds of inputs."""

    value_fields: tuple[str, ...]

    def _input(self, name: str, kind: str = "text") -> str:
        field = self[name]  # type: ignore[index]
        value = field.value()
        attrs = {
            "type": kind,
            "name": field.html_name,
            "value": "" if value is None else value,
            "id": field.auto_id,
            **field.field.widget.attrs,
        }
        return mark_safe("<input" + "".join(f' {k}="{escape(str(v))}"' for k, v in attrs.items()) + ">")

    def version_input(self) -> str:
        return self._input("version", "hidden")

    def value_inputs(self) -> list[str]:
        return [self._input(name) for name in self.value_fields]


class BudgetLineRow(_GridInputs, RowForm):
    value_fields = VALUE_FIELDS

    ceiling_original = MoneyField(label=_("Pagu murni"), bounds=model_bounds(BudgetLine, "ceiling_original"))
    ceiling_rationalised = MoneyField(
        label=_("Pagu rasionalisasi"), bounds=model_bounds(BudgetLine, "ceiling_rationalised")
    )
    ceiling_revised = MoneyField(
        label=_("Pagu perubahan"), bounds=model_bounds(BudgetLine, "ceiling_revised")
    )
    spent_q1 = MoneyField(label=_("Realisasi TW I"), bounds=model_bounds(BudgetLine, "spent_q1"))
    spent_q2 = MoneyField(label=_("Realisasi TW II"), bounds=model_bounds(BudgetLine, "spent_q2"))
    spent_q3 = MoneyField(label=_("Realisasi TW III"), bounds=model_bounds(BudgetLine, "spent_q3"))
    spent_q4 = MoneyField(label=_("Realisasi TW IV"), bounds=model_bounds(BudgetLine, "spent_q4"))
    spent = MoneyField(label=_("Realisasi total"), bounds=model_bounds(BudgetLine, "spent"))
    physical_progress = LocalizedDecimalField(
        label=_("Realisasi fisik (%)"),
        bounds=model_bounds(BudgetLine, "physical_progress"),
        units=PERCENT,
        min_value=0,
        max_value=100,
    )

    def __init__(self, data=None, *, owner: Activity | SubActivity, **kwargs):
        self.owner = owner
        self.owner_kind = "sub_activity" if isinstance(owner, SubActivity) else "activity"
        super().__init__(data, **kwargs)
        for name in VALUE_FIELDS:
            # Screen readers get the owner in each input's name, since the grid has no visible label per cell.
            self.fields[name].widget.attrs["aria-label"] = f"{self.fields[name].label} {owner.code}"
        self.fields["physical_progress"].widget.attrs["class"] += " progress-input"

    def full_clean(self):
        super().full_clean()
        # Mark the inputs at fault; the row's messages are in the line below it (id "<prefix>-errors").
        invalid = set(self.errors) - {"__all__"}
        if "__all__" in self.errors:
            invalid |= {"spent", *QUARTER_FIELDS}
        for name in invalid & set(self.fields):
            attrs = self.fields[name].widget.attrs
            attrs["class"] += " is-invalid"
            attrs.update({"aria-invalid": "true", "aria-describedby": f"{self.prefix}-errors"})

    def clean(self):
        data = super().clean()
        quarters = [data.get(name) for name in QUARTER_FIELDS]
        total = data.get("spent")
        # Only when every figure is known: with a quarter missing the total may rightly be larger, and with
        # the total empty the engine derives it from the quarters.
        if total is not None and all(q is not None for q in quarters):
            quarter_sum = totals.spent_from_quarters(quarters)
            if quarter_sum != total:
                raise forms.ValidationError(
                    _(
                        "Jumlah realisasi TW I–IV (%(sum)s) tidak sama dengan realisasi total (%(total)s); "
                        "perbaiki salah satunya atau kosongkan realisasi total. / The four quarters "
                        "(%(sum)s) do not add up to the total spending (%(total)s); correct one of them "
                        "or leave the total empty."
                    ),
                    code="quarter_sum",
                    params={"sum": input_str(quarter_sum), "total": input_str(total)},
                )
        return data

    def conflict_values(self) -> list[tuple[str, str]]:
        """(label, value stored by the other user) of the figures where theirs differs from the planner's."""
        submitted = self.submitted()
        return [
            (self.fields[name].label, self.stored_display(name) or "–")
            for name in VALUE_FIELDS
            if self.stored.get(name) != submitted.get(name)
        ]

    def pending(self, year: int, existing: BudgetLine | None) -> BudgetLine:
        """An unsaved line with the planner's values over a copy of the stored one (declared_* kept)."""
        line = detached_copy(existing) if existing else BudgetLine(year=year, **{self.owner_kind: self.owner})
        for name in VALUE_FIELDS:
            setattr(line, name, self.cleaned_data.get(name))
        return line


# --- anggaran kas and physical progress per quarter ------------------------------------------------------------
PLANNED_FIELDS = ("planned_q1", "planned_q2", "planned_q3", "planned_q4")
PHYSICAL_FIELDS = ("physical_q1", "physical_q2", "physical_q3", "physical_q4")
PROGRESS_FIELDS = (*PLANNED_FIELDS, *PHYSICAL_FIELDS)


def stored_progress(line: BudgetLine | None) -> dict:
    return {name: getattr(line, name) if line else None for name in PROGRESS_FIELDS}


class ProgressLineRow(_GridInputs, RowForm):
    """The anggaran kas (rupiah planned per quarter) and the cumulative physical progress (%) at the end of each
    quarter of one budget owner for a year; the pagu and realisation stay on the budget grid."""

    value_fields = PROGRESS_FIELDS

    planned_q1 = MoneyField(label=_("Anggaran kas TW I"), bounds=model_bounds(BudgetLine, "planned_q1"))
    planned_q2 = MoneyField(label=_("Anggaran kas TW II"), bounds=model_bounds(BudgetLine, "planned_q2"))
    planned_q3 = MoneyField(label=_("Anggaran kas TW III"), bounds=model_bounds(BudgetLine, "planned_q3"))
    planned_q4 = MoneyField(label=_("Anggaran kas TW IV"), bounds=model_bounds(BudgetLine, "planned_q4"))
    physical_q1 = LocalizedDecimalField(
        label=_("Fisik TW I (%)"),
        bounds=model_bounds(BudgetLine, "physical_q1"),
        units=PERCENT,
        min_value=0,
        max_value=100,
    )
    physical_q2 = LocalizedDecimalField(
        label=_("Fisik TW II (%)"),
        bounds=model_bounds(BudgetLine, "physical_q2"),
        units=PERCENT,
        min_value=0,
        max_value=100,
    )
    physical_q3 = LocalizedDecimalField(
        label=_("Fisik TW III (%)"),
        bounds=model_bounds(BudgetLine, "physical_q3"),
        units=PERCENT,
        min_value=0,
        max_value=100,
    )
    physical_q4 = LocalizedDecimalField(
        label=_("Fisik TW IV (%)"),
        bounds=model_bounds(BudgetLine, "physical_q4"),
        units=PERCENT,
        min_value=0,
        max_value=100,
    )

    def __init__(self, data=None, *, owner: Activity | SubActivity, **kwargs):
        self.owner = owner
        self.owner_kind = "sub_activity" if isinstance(owner, SubActivity) else "activity"
        super().__init__(data, **kwargs)
        for name in PROGRESS_FIELDS:
            self.fields[name].widget.attrs["aria-label"] = f"{self.fields[name].label} {owner.code}"

    def clean(self):
        data = super().clean()
        physical = [data.get(name) for name in PHYSICAL_FIELDS]
        known = [p for p in physical if p is not None]
        # Cumulative: the work done by a quarter's end cannot shrink the next quarter.
        if any(later < earlier for earlier, later in zip(known, known[1:], strict=False)):
            raise forms.ValidationError(
                _(
                    "Realisasi fisik bersifat kumulatif: tidak boleh turun dari triwulan ke triwulan. / Physical "
                    "progress is cumulative: it cannot go down from one quarter to the next."
                ),
                code="physical_decreasing",
            )
        return data

    def pending(self, year: int, existing: BudgetLine | None) -> BudgetLine:
        line = detached_copy(existing) if existing else BudgetLine(year=year, **{self.owner_kind: self.owner})
        for name in PROGRESS_FIELDS:
            setattr(line, name, self.cleaned_data.get(name))
        return line


# --- the whole budget (belanja OPD) and grouped realisations -------------------------------------------------
EXPENDITURE_FIELDS = ("ceiling_original", "ceiling_rationalised", "ceiling_revised", "spent")


def stored_expenditure(part: Expenditure | None) -> dict:
    return {name: getattr(part, name) if part else None for name in EXPENDITURE_FIELDS}


class ExpenditurePartRow(RowForm):
    """One part of the agency's whole budget for a year: the pagu murni, rasionalisasi, perubahan and realisasi.
    A row left empty is not stored (an unknown part, not a zero one)."""

    value_fields = EXPENDITURE_FIELDS

    ceiling_original = MoneyField(label=_("Pagu murni"), bounds=model_bounds(Expenditure, "ceiling_original"))
    ceiling_rationalised = MoneyField(
        label=_("Pagu rasionalisasi"), bounds=model_bounds(Expenditure, "ceiling_rationalised")
    )
    ceiling_revised = MoneyField(
        label=_("Pagu perubahan"), bounds=model_bounds(Expenditure, "ceiling_revised")
    )
    spent = MoneyField(label=_("Realisasi"), bounds=model_bounds(Expenditure, "spent"))

    def __init__(self, data=None, *, part: str, label: str, depth: int, **kwargs):
        self.part, self.label, self.depth = part, label, depth
        super().__init__(data, **kwargs)
        for name in EXPENDITURE_FIELDS:
            self.fields[name].widget.attrs.update(
                {
                    "aria-label": f"{self.fields[name].label} {label}",
                    "class": "form-control form-control-sm num",
                }
            )

    @property
    def is_empty(self) -> bool:
        return all(v is None for v in self.submitted().values())


def stored_group(group: SpendingGroup | None) -> dict:
    if group is None:
        return {"label": "", "programs": (), "spent": None}
    return {
        "label": group.label,
        "programs": tuple(sorted(m.program.code for m in group.members.all())),
        "spent": group.spent,
    }


class SpendingGroupRow(RowForm):
    """A realisation declared for several programs together. Emptied (no label, no program, no figure), the
    group is removed."""

    value_fields = ("label", "programs", "spent")

    label = forms.CharField(
        label=_("Keterangan"), max_length=SpendingGroup._meta.get_field("label").max_length, required=False
    )
    programs = forms.MultipleChoiceField(
        label=_("Program"), required=False, widget=forms.CheckboxSelectMultiple
    )
    spent = MoneyField(label=_("Realisasi gabungan"), bounds=model_bounds(SpendingGroup, "spent"))

    def __init__(
        self, data=None, *, group: SpendingGroup | None, programs: list[Program], number: int, **kwargs
    ):
        self.group = group
        super().__init__(data, **kwargs)
        self.fields["programs"].choices = [(p.code, f"{p.code} {p.name}") for p in programs]
        # The grid has no visible label per cell: screen readers (and tests) find each input by row number.
        for name, css in (
            ("label", "form-control form-control-sm"),
            ("spent", "form-control form-control-sm num"),
        ):
            self.fields[name].widget.attrs.update(
                {"class": css, "aria-label": f"{self.fields[name].label} {number}"}
            )

    def clean_programs(self):
        return tuple(sorted(self.cleaned_data.get("programs") or ()))

    @property
    def is_empty(self) -> bool:
        data = self.submitted()
        return not data["label"] and not data["programs"] and data["spent"] is None

    def clean(self):
        data = super().clean()
        if not self.is_empty and (not data.get("label") or not data.get("programs")):
            raise forms.ValidationError(
                _(
                    "Isi keterangan dan pilih paling sedikit satu program, atau kosongkan seluruh baris. / "
                    "Give a label and at least one program, or leave the whole row empty."
                ),
                code="group_incomplete",
            )
        return data


def programs_in_two_groups(rows: list[SpendingGroupRow]) -> bool:
    """Mark each valid group row naming a program an earlier row names: a program's realisation is in one
    group a year at most. True when one was found."""
    seen: dict[str, int] = {}
    found = False
    for k, row in enumerate(rows):
        if not row.is_valid():
            continue
        for code in row.cleaned_data["programs"]:
            if code in seen:
                row.add_error(
                    "programs",
                    _(
                        "Program %(code)s sudah ada di kelompok lain. / Program %(code)s is already in another group."
                    )
                    % {"code": code},
                )
                found = True
            seen.setdefault(code, k)
    return found
