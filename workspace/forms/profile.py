"""The organisation profile of a year as grid rows (`RowForm`): each unit's tugas and fungsi, and one row per
table (staff per golongan, education, status and unit; sarana-prasarana; strategic issues; risks) whose one box
holds the table, one line per row, its cells separated by "|" or by tabs (as a range copied from Excel pastes).

A table is saved whole or not at all; a line that cannot be read names its number and what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Facility, OrgUnit, Risk, StaffCount, StrategicIssue
from sakip.forms import RowForm, input_str
from sakip.numbers import RUPIAH, NumberFormatError, parse_localized

CELL_SEPARATOR = re.compile(r"\t|\|")
# A staff line may also be "S1: 36" or "S1 : 36 orang", as the reports print them.
STAFF_LINE = re.compile(r"^(?P<label>.+?)\s*[:\t|]\s*(?P<count>[0-9.]+)\s*(orang)?\s*$", re.IGNORECASE)
CONDITIONS = {str(label).lower(): value for value, label in Facility.Condition.choices} | {
    value.replace("_", " "): value for value in Facility.Condition.values
}
SCORE_RANGE = (1, 5)


def _textarea(rows: int = 6) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "class": "form-control font-monospace small", "wrap": "off"})


def _cells(line: str, columns: int) -> list[str]:
    cells = [c.strip() for c in CELL_SEPARATOR.split(line)]
    while len(cells) > columns and not cells[-1]:
        cells.pop()
    if len(cells) > columns:
        raise forms.ValidationError(
            _("lebih dari %(n)d kolom. / more than %(n)d columns.") % {"n": columns}, code="columns"
        )
    return cells + [""] * (columns - len(cells))


def _line(cells: Sequence[str]) -> str:
    """A table line as it reads back: cells joined by " | ", trailing empty cells left out."""
    cells = list(cells)
    while cells and not cells[-1]:
        cells.pop()
    return " | ".join(cells)


def _whole_number(text: str, what: str, *, low: int = 0, high: int | None = None) -> int | None:
    text = re.sub(r"\s*orang\s*$", "", text.strip(), flags=re.IGNORECASE)
    if not text:
        return None
    try:
        number = parse_localized(text, units=())
    except NumberFormatError:
        number = None
    if number is None or number != number.to_integral_value() or number < low or (high and number > high):
        bounds = f"{low}–{high}" if high else f"≥ {low}"
        raise forms.ValidationError(
            _(
                "%(what)s harus bilangan bulat %(bounds)s (%(text)r). / %(what)s must be a whole number %(bounds)s."
            )
            % {"what": what, "bounds": bounds, "text": text},
            code="number",
        )
    return int(number)


class TableRow(RowForm):
    """One table of the profile in one text box (`lines`): `parse(cells)` reads a line's cells into an item,
    `format(item)` writes it back, so that what is stored and what is typed compare as the same text."""

    value_fields = ("lines",)
    columns: tuple[Any, ...] = ()  # the cells' labels, shown as the box's help
    title: Any = ""
    key = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"] = forms.CharField(
            label=self.title,
            required=False,
            widget=_textarea(),
            help_text=" | ".join(str(c) for c in self.columns),
        )

    def parse(self, cells: list[str]) -> Any:
        raise NotImplementedError

    @staticmethod
    def format(item: Any) -> str:
        raise NotImplementedError

    def split(self, line: str) -> list[str]:
        return _cells(line, len(self.columns))

    def items(self) -> list:
        return self.cleaned_data["_items"]

    def clean(self):
        cleaned = super().clean()
        items, errors = [], []
        for number, line in enumerate((cleaned.get("lines") or "").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                items.append(self.parse(self.split(line)))
            except forms.ValidationError as error:
                errors.extend(
                    _("Baris %(n)d: %(error)s") % {"n": number, "error": message}
                    for message in error.messages
                )
        errors.extend(self.check_items(items))
        if errors:
            self.add_error("lines", errors)
        cleaned["_items"] = items
        cleaned["lines"] = "\n".join(self.format(item) for item in items)
        return cleaned

    def check_items(self, items: list) -> list[str]:
        return []


# --- tugas dan fungsi -------------------------------------------------------------------------------------------
class UnitDutiesRow(RowForm):
    """One unit's tugas (a paragraph) and fungsi (one per line)."""

    value_fields = ("duties", "functions")

    def __init__(self, *args, unit: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["duties"] = forms.CharField(
            label=gettext_lazy("Tugas"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        )
        self.fields["functions"] = forms.CharField(
            label=gettext_lazy("Fungsi"),
            required=False,
            help_text=gettext_lazy("Satu fungsi per baris."),
            widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        )

    def clean(self):
        cleaned = super().clean()
        cleaned["duties"] = (cleaned.get("duties") or "").strip()
        cleaned["functions"] = "\n".join(
            line.strip() for line in (cleaned.get("functions") or "").splitlines() if line.strip()
        )
        return cleaned


def unit_stored(unit: OrgUnit) -> dict:
    return {"duties": unit.duties, "functions": unit.functions}


# --- staff -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StaffItem:
    label: str
    count: int


class StaffRow(TableRow):
    columns = (gettext_lazy("Uraian"), gettext_lazy("Jumlah pegawai"))
    LABEL_MAX = StaffCount._meta.get_field("label").max_length

    def __init__(self, *args, breakdown: str, **kwargs):
        self.breakdown = breakdown
        self.title = StaffCount.Breakdown(breakdown).label
        self.key = f"staff-{breakdown}"
        super().__init__(*args, **kwargs)
        self.fields["lines"].help_text = _("Satu baris per uraian: Uraian: jumlah (mis. S1: 36)")
        self.fields["lines"].widget.attrs["rows"] = 5

    def split(self, line: str) -> list[str]:
        match = STAFF_LINE.match(line.strip())
        if match is None:
            raise forms.ValidationError(
                _(
                    'tulis uraian lalu jumlahnya, mis. "S1: 36". / write the label then the number, e.g. "S1: 36".'
                )
            )
        return [match["label"].strip(), match["count"]]

    def parse(self, cells: list[str]) -> StaffItem:
        label, count = cells
        if len(label) > self.LABEL_MAX:
            raise forms.ValidationError(_("uraian terlalu panjang. / label too long."))
        number = _whole_number(count, _("Jumlah pegawai"))
        return StaffItem(label, number or 0)

    @staticmethod
    def format(item: StaffItem) -> str:
        return f"{item.label}: {item.count}"

    def check_items(self, items: list) -> list[str]:
        seen, errors = set(), []
        for item in items:
            if item.label.lower() in seen:
                errors.append(
                    _("Uraian %(label)r tertulis dua kali. / %(label)r is listed twice.")
                    % {"label": item.label}
                )
            seen.add(item.label.lower())
        return errors


def staff_stored(rows: Sequence[StaffCount]) -> dict:
    return {"lines": "\n".join(StaffRow.format(StaffItem(r.label, r.count)) for r in rows)}


# --- sarana dan prasarana --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FacilityItem:
    category: str
    name: str
    quantity: int | None
    unit: str
    acquired_year: int | None
    condition: str
    value: Decimal | None
    note: str


def _condition_label(value: str) -> str:
    return str(dict(Facility.Condition.choices).get(value, "")) if value else ""


class FacilitiesRow(TableRow):
    key = "facilities"
    title = gettext_lazy("Sarana dan prasarana")
    columns = (
        gettext_lazy("Kelompok"),
        gettext_lazy("Nama / jenis barang"),
        gettext_lazy("Jumlah"),
        gettext_lazy("Satuan"),
        gettext_lazy("Tahun perolehan"),
        gettext_lazy("Kondisi (baik / rusak ringan / rusak berat)"),
        gettext_lazy("Nilai (Rp)"),
        gettext_lazy("Keterangan"),
    )

    def parse(self, cells: list[str]) -> FacilityItem:
        category, name, quantity, unit, acquired, condition, value, note = cells
        if not name:
            raise forms.ValidationError(_("nama barang kosong. / the item has no name."))
        condition_value = ""
        if condition:
            condition_value = CONDITIONS.get(condition.lower(), "")
            if not condition_value:
                raise forms.ValidationError(
                    _(
                        "kondisi %(text)r tidak dikenal (baik, rusak ringan, rusak berat). / unknown condition."
                    )
                    % {"text": condition}
                )
        try:
            amount = parse_localized(value, units=RUPIAH) if value else None
        except NumberFormatError as error:
            raise forms.ValidationError(str(error)) from error
        if amount is not None and amount < 0:
            raise forms.ValidationError(_("nilai tidak boleh negatif. / the value cannot be negative."))
        for text, field in ((category, "category"), (name, "name"), (unit, "unit"), (note, "note")):
            if len(text) > Facility._meta.get_field(field).max_length:
                raise forms.ValidationError(
                    _("%(field)s terlalu panjang. / %(field)s too long.")
                    % {"field": Facility._meta.get_field(field).verbose_name}
                )
        return FacilityItem(
            category=category,
            name=name,
            quantity=_whole_number(quantity, _("Jumlah")),
            unit=unit,
            acquired_year=_whole_number(acquired, _("Tahun perolehan"), low=1900, high=2100),
            condition=condition_value,
            value=amount,
            note=note,
        )

    @staticmethod
    def format(item: FacilityItem) -> str:
        return _line(
            [
                item.category,
                item.name,
                "" if item.quantity is None else str(item.quantity),
                item.unit,
                "" if item.acquired_year is None else str(item.acquired_year),
                _condition_label(item.condition),
                input_str(item.value),
                item.note,
            ]
        )


def facility_item(f: Facility) -> FacilityItem:
    return FacilityItem(f.category, f.name, f.quantity, f.unit, f.acquired_year, f.condition, f.value, f.note)


def facilities_stored(rows: Sequence[Facility]) -> dict:
    return {"lines": "\n".join(FacilitiesRow.format(facility_item(f)) for f in rows)}


# --- isu strategis ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class IssueItem:
    issue: str
    cause: str
    objective: Any = None  # indicators.Objective


def _objective(code: str, objectives: dict) -> Any:
    if not code:
        return None
    if code not in objectives:
        raise forms.ValidationError(
            _(
                "kode sasaran %(code)r tidak ada di Renstra tahun ini. / no sasaran %(code)r in this year's plan."
            )
            % {"code": code}
        )
    return objectives[code]


class IssuesRow(TableRow):
    key = "issues"
    title = gettext_lazy("Isu strategis")
    columns = (
        gettext_lazy("Isu strategis"),
        gettext_lazy("Penyebab / permasalahan"),
        gettext_lazy("Kode sasaran terkait"),
    )

    def __init__(self, *args, objectives: dict, **kwargs):
        self.objectives = objectives  # code → Objective of the year's plan
        super().__init__(*args, **kwargs)

    def parse(self, cells: list[str]) -> IssueItem:
        issue, cause, code = cells
        if not issue:
            raise forms.ValidationError(_("isu strategis kosong. / the issue is empty."))
        return IssueItem(issue, cause, _objective(code, self.objectives))

    @staticmethod
    def format(item: IssueItem) -> str:
        return _line([item.issue, item.cause, item.objective.code if item.objective else ""])


def issues_stored(rows: Sequence[StrategicIssue]) -> dict:
    return {"lines": "\n".join(IssuesRow.format(IssueItem(r.issue, r.cause, r.objective)) for r in rows)}


# --- risiko ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RiskItem:
    statement: str
    cause: str
    impact: str
    likelihood: int | None
    severity: int | None
    mitigation: str
    schedule: str
    owner_unit: Any = None  # OrgUnit
    objective: Any = None  # indicators.Objective


class RisksRow(TableRow):
    key = "risks"
    title = gettext_lazy("Daftar risiko")
    columns = (
        gettext_lazy("Pernyataan risiko"),
        gettext_lazy("Penyebab"),
        gettext_lazy("Dampak"),
        gettext_lazy("Skor kemungkinan (1–5)"),
        gettext_lazy("Skor dampak (1–5)"),
        gettext_lazy("Rencana tindak pengendalian"),
        gettext_lazy("Target waktu"),
        gettext_lazy("Kode unit penanggung jawab"),
        gettext_lazy("Kode sasaran terkait"),
    )

    def __init__(self, *args, objectives: dict, units: dict, **kwargs):
        self.objectives = objectives
        self.units = units  # code → OrgUnit of the agency
        super().__init__(*args, **kwargs)

    def parse(self, cells: list[str]) -> RiskItem:
        statement, cause, impact, likelihood, severity, mitigation, schedule, unit, objective = cells
        if not statement:
            raise forms.ValidationError(_("pernyataan risiko kosong. / the risk is empty."))
        if len(schedule) > Risk._meta.get_field("schedule").max_length:
            raise forms.ValidationError(_("target waktu terlalu panjang. / the schedule is too long."))
        if unit and unit not in self.units:
            raise forms.ValidationError(
                _("kode unit %(code)r tidak dikenal. / no unit %(code)r.") % {"code": unit}
            )
        low, high = SCORE_RANGE
        return RiskItem(
            statement,
            cause,
            impact,
            _whole_number(likelihood, _("Skor kemungkinan"), low=low, high=high),
            _whole_number(severity, _("Skor dampak"), low=low, high=high),
            mitigation,
            schedule,
            self.units.get(unit) if unit else None,
            _objective(objective, self.objectives),
        )

    @staticmethod
    def format(item: RiskItem) -> str:
        return _line(
            [
                item.statement,
                item.cause,
                item.impact,
                "" if item.likelihood is None else str(item.likelihood),
                "" if item.severity is None else str(item.severity),
                item.mitigation,
                item.schedule,
                item.owner_unit.code if item.owner_unit else "",
                item.objective.code if item.objective else "",
            ]
        )


def risk_item(r: Risk) -> RiskItem:
    return RiskItem(
        r.statement,
        r.cause,
        r.impact,
        r.likelihood,
        r.severity,
        r.mitigation,
        r.schedule,
        r.owner_unit,
        r.objective,
    )


def risks_stored(rows: Sequence[Risk]) -> dict:
    return {"lines": "\n".join(RisksRow.format(risk_item(r)) for r in rows)}
