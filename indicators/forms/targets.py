"""Forms of the target screens: one grid row per indicator, and the Perjanjian Kinerja signatories.

Every editable figure of a row is a "cell" that maps to one `Target` row (kind, year, quarter); the view
writes only the cells that changed, and an emptied cell deletes its target.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.dates import DateFormatError, parse_date, parse_month, stored_date_display
from sakip.forms import MeasureField, PlannerDateInput, RowForm, input_str, measure_units, model_bounds
from sakip.numbers import EMPTY

from ..models import Indicator, PerformanceAgreement, Target
from ..target_rules import same_measure

QUARTER_LABELS = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}

TARGET_BOUNDS = model_bounds(Target, "value")
CellKey = tuple[str, int, int]  # (kind, year, quarter) of the Target a cell edits


def measure_of(target: Target | None):
    """The value a cell shows: a grade letter or a number (None when there is no target)."""
    return None if target is None else target.measure


class TargetRow(RowForm):
    """One indicator's row of a target grid. Subclasses fill `cells` (field name → Target key)."""

    def __init__(self, data=None, *, indicator: Indicator, existing: dict, cells: dict[str, CellKey], **kw):
        self.indicator = indicator
        self.cells = cells
        self.existing = {name: existing.get((indicator.pk, *key)) for name, key in cells.items()}
        stored = {name: measure_of(target) for name, target in self.existing.items()}
        super().__init__(data, stored={**stored, **self.extra_stored()}, prefix=f"r{indicator.pk}", **kw)
        scale = (indicator.grade_scale or "akip") if indicator.kind == Indicator.Kind.GRADE else None
        for name in cells:
            if name not in self.fields:
                self.fields[name] = MeasureField(bounds=TARGET_BOUNDS)
            self.fields[name].grade_scale = scale
            self.fields[name].units = measure_units(indicator.kind)
            self.fields[name].widget.attrs["aria-label"] = f"{self.cell_label(name)} {indicator.code}"
        self.value_fields = (*cells, *self.extra_fields())
        self.locked: dict[str, tuple[int, str]] = {}

    def lock(self, name: str, year: int, reason: str) -> None:
        """Make a cell read-only because its year is frozen, or printed by a report under review (`reason`).

        The input stays (read-only, not disabled) so the page shows the figure; a posted change to it is refused
        with the reason, where a disabled field would drop the value the planner typed without a word (a page
        opened before the year was submitted still has the cell editable).
        """
        self.locked[name] = (year, reason)
        attrs = self.fields[name].widget.attrs
        attrs["readonly"] = True
        attrs["data-locked"] = "true"

    def clean(self):
        data = super().clean()
        for name, (_year, reason) in self.locked.items():
            key, stored = self.add_prefix(name), self.stored[name]
            if self.fields[name].widget.value_omitted_from_data(self.data, self.files, key):
                data[name] = stored  # not posted (an old page's disabled input): unchanged
                continue
            if name not in self.errors and same_measure(data.get(name), stored):
                continue
            typed = (self.data.get(key) or "").strip() or EMPTY
            # A figure that does not parse is refused for the lock, not for its format.
            self.errors.pop(name, None)
            self.add_error(
                name,
                [
                    reason,
                    _(
                        "Nilai yang diketik, %(value)s, tidak disimpan. / "
                        "The value typed, %(value)s, was not saved."
                    )
                    % {"value": typed},
                ],
            )
            # The page shows the stored figure again, so that saving once more (without it) goes through.
            self.data = self.data.copy()
            self.data[key] = input_str(stored)
        return data

    def extra_stored(self) -> dict:
        return {}

    def extra_fields(self) -> tuple[str, ...]:
        return ()

    def cell_label(self, name: str) -> str:
        return str(self.fields[name].label or name) if name in self.fields else name

    def value(self, name):
        """The planner's value of a cell (None while it does not parse), or the stored one when unbound."""
        if self.is_bound:
            self.is_valid()  # cleans once; a field that does not parse is left out of cleaned_data
            return self.cleaned_data.get(name)
        return self.stored.get(name)

    def changed_cells(self) -> list[str]:
        return [
            name for name in self.cells if not same_measure(self.cleaned_data.get(name), self.stored[name])
        ]


class RenstraTargetRow(TargetRow):
    """Targets of every year of the Renstra period."""

    def __init__(self, data=None, *, indicator, existing, years, **kw):
        cells = {f"y{year}": (Target.Kind.RENSTRA, year, 0) for year in years}
        super().__init__(data, indicator=indicator, existing=existing, cells=cells, **kw)

    def cell_label(self, name):
        return f"{_('Target')} {name[1:]}"


class AgreementTargetRow(TargetRow):
    """The Perjanjian Kinerja target of a year, its revision (PK Perubahan) and why it was revised."""

    pk = MeasureField(label=_("Target PK"), bounds=TARGET_BOUNDS)
    pk_revised = MeasureField(label=_("Target PK Perubahan"), bounds=TARGET_BOUNDS)
    revision_reason = forms.CharField(
        label=_("Alasan perubahan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
    )

    def __init__(self, data=None, *, indicator, existing, year, **kw):
        cells = {"pk": (Target.Kind.PK, year, 0), "pk_revised": (Target.Kind.PK_REVISED, year, 0)}
        self._revised = existing.get((indicator.pk, Target.Kind.PK_REVISED, year, 0))
        super().__init__(data, indicator=indicator, existing=existing, cells=cells, **kw)
        self.fields["revision_reason"].widget.attrs["aria-label"] = (
            f"{_('Alasan perubahan')} {indicator.code}"
        )

    def extra_stored(self):
        return {"revision_reason": self._revised.revision_reason if self._revised else ""}

    def extra_fields(self):
        return ("revision_reason",)

    def changed_cells(self):
        changed = super().changed_cells()
        reason = (self.cleaned_data.get("revision_reason") or "").strip()
        if "pk_revised" not in changed and reason != self.stored["revision_reason"].strip():
            changed.append("pk_revised")  # the reason lives on the revised target's row
        return changed

    def clean(self):
        data = super().clean()
        if "pk" in self.errors or "pk_revised" in self.errors:
            return data
        original, revised = data.get("pk"), data.get("pk_revised")
        reason = (data.get("revision_reason") or "").strip()
        if revised is None and reason:
            self.add_error(
                "revision_reason",
                _(
                    "Alasan hanya diisi bila ada target PK Perubahan. / "
                    "A reason is only given with a revised PK target."
                ),
            )
        elif revised is not None and not same_measure(revised, original) and not reason:
            self.add_error(
                "revision_reason",
                _(
                    "Target PK Perubahan berbeda dari target PK: isi alasan perubahannya. / "
                    "The revised target differs from the PK target: give the reason for the revision."
                ),
            )
        data["revision_reason"] = reason
        return data


class QuarterTargetRow(TargetRow):
    """Rencana Aksi: the targets of TW I–IV of a year."""

    def __init__(self, data=None, *, indicator, existing, year, **kw):
        cells = {f"q{q}": (Target.Kind.QUARTER, year, q) for q in QUARTER_LABELS}
        super().__init__(data, indicator=indicator, existing=existing, cells=cells, **kw)

    def cell_label(self, name):
        return QUARTER_LABELS[int(name[1:])]

    def quarters(self) -> list:
        return [self.value(f"q{q}") for q in QUARTER_LABELS]

    def quarter_errors(self) -> list[str]:
        if not self.is_bound or self.is_valid():
            return []
        return [str(e) for name in self.cells for e in self.errors.get(name, [])]


class AgreementForm(forms.ModelForm):
    """The signatories of a year's Perjanjian Kinerja (murni or perubahan)."""

    class Meta:
        model = PerformanceAgreement
        fields = [
            "place",
            "signed_on",
            "first_party_name",
            "first_party_nip",
            "first_party_position",
            "second_party_name",
            "second_party_position",
        ]
        labels = {
            "place": _("Tempat"),
            "signed_on": _("Tanggal tanda tangan"),
            "first_party_name": _("Nama pihak pertama"),
            "first_party_nip": _("NIP pihak pertama"),
            "first_party_position": _("Jabatan pihak pertama"),
            "second_party_name": _("Nama pihak kedua"),
            "second_party_position": _("Jabatan pihak kedua"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.initial.get("signed_on") or ""
        if shown := stored_date_display(stored):  # shown as a planner writes it
            self.initial["signed_on"] = shown
        # Typed longer than it is kept ("3 Januari 2022" is kept as 2022-01-03): the column's length is not the
        # typed text's.
        self.fields["signed_on"] = forms.CharField(
            label=self.fields["signed_on"].label,
            required=False,
            max_length=40,
            help_text=_("Tanggal (3 Januari 2022, 03/01/2022) atau bulan (Januari 2022)."),
            widget=PlannerDateInput(),
        )

    def clean_signed_on(self):
        """Kept as YYYY-MM-DD, or YYYY-MM when only the month is known (as printed: "Januari 2022")."""
        text = (self.cleaned_data.get("signed_on") or "").strip()
        if not text:
            return text
        try:
            return parse_date(text).isoformat()
        except DateFormatError:
            pass
        try:
            year, month = parse_month(text)
        except DateFormatError:
            raise forms.ValidationError(
                _(
                    "Tulis tanggal seperti 3 Januari 2022 atau 03/01/2022, atau bulan seperti Januari 2022. / "
                    "Write a date like 3 Januari 2022 or 03/01/2022, or a month like Januari 2022."
                ),
                code="invalid",
            ) from None
        return f"{year:04d}-{month:02d}"
