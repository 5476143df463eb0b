"""Forms of the RPJMD screens (the Pemda administrators'): the plan, its misi, tujuan, sasaran and IKU Pemda, the
grids of targets and realisations, and the kepala daerah's Perjanjian Kinerja.

Uniqueness and the plan's own choices are checked here (the unique constraints involve `plan`, which is not a
form field). Messages are Indonesian first, then English.
"""

from __future__ import annotations

from django import forms
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from indicators.models import Indicator
from indicators.target_rules import same_measure
from rpjmd.models import (
    MAX_PLAN_YEARS,
    HeadAgreement,
    RegionalGoal,
    RegionalIndicator,
    RegionalMission,
    RegionalObjective,
    RegionalPlan,
    RegionalRealisation,
    RegionalTarget,
)
from sakip.forms import (
    MeasureField,
    PlannerDateField,
    RowForm,
    WholeNumberField,
    measure_units,
    model_bounds,
    period_error,
)

DUPLICATE_CODE = "Kode %(code)s sudah dipakai di RPJMD ini. / Code %(code)s is already used in this RPJMD."
TARGET_BOUNDS = model_bounds(RegionalTarget, "value")
REALISATION_BOUNDS = model_bounds(RegionalRealisation, "value")


def _rows(n):
    return forms.Textarea(attrs={"rows": n})


class RegionalPlanForm(forms.ModelForm):
    start_year = WholeNumberField(label=_("Tahun awal"), min_value=2000, max_value=2100)
    end_year = WholeNumberField(label=_("Tahun akhir"), min_value=2000, max_value=2100)

    class Meta:
        model = RegionalPlan
        fields = ["start_year", "end_year", "revision", "vision", "head_name"]
        widgets = {"vision": _rows(3)}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start is None or end is None:
            return data
        error = period_error(
            start,
            end,
            document="RPJMD",
            document_en="An RPJMD",
            max_years=MAX_PLAN_YEARS,
            taken=lambda: (
                RegionalPlan.objects.filter(
                    government_id=self.instance.government_id,
                    start_year=start,
                    end_year=end,
                    revision=data.get("revision", ""),
                )
                .exclude(pk=self.instance.pk)
                .exists()
            ),
        )
        if error is not None:
            self.add_error(*error)
        elif self.instance.pk and _figures_outside(self.instance, start, end):
            self.add_error(
                "end_year",
                "Ada target atau realisasi di luar periode baru; hapus dahulu. / "
                "Targets or realisations lie outside the new period; delete them first.",
            )
        return data


def _figures_outside(plan: RegionalPlan, start: int, end: int) -> bool:
    outside = {"indicator__plan": plan}
    targets = RegionalTarget.objects.filter(**outside).exclude(year__gte=start, year__lte=end)
    realisations = RegionalRealisation.objects.filter(**outside).exclude(year__gte=start, year__lte=end)
    return targets.exists() or realisations.exists()


class ElementForm(forms.ModelForm):
    """One element of `plan`; on creation it goes last among its siblings."""

    def __init__(self, *args, plan: RegionalPlan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"]
        model = self._meta.model
        if model.objects.filter(plan=self.plan, code=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(DUPLICATE_CODE, code="duplicate", params={"code": code})
        return code

    def save(self, commit=True):
        self.instance.plan = self.plan
        if self.instance.pk is None:
            last = self._meta.model.objects.filter(plan=self.plan).aggregate(last=Max("position"))["last"]
            self.instance.position = (last or 0) + 1
        return super().save(commit=commit)


class MissionForm(ElementForm):
    class Meta:
        model = RegionalMission
        fields = ["statement"]
        widgets = {"statement": _rows(2)}


class GoalForm(ElementForm):
    class Meta:
        model = RegionalGoal
        fields = ["code", "statement", "mission"]
        widgets = {"statement": _rows(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mission"].queryset = RegionalMission.objects.filter(plan=self.plan)


class ObjectiveForm(ElementForm):
    class Meta:
        model = RegionalObjective
        fields = ["goal", "code", "statement"]
        widgets = {"statement": _rows(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = RegionalGoal.objects.filter(plan=self.plan)


def source_choices(government) -> forms.ModelChoiceField:
    return Indicator.objects.filter(
        plan__agency__government=government, goal__isnull=True, objective__isnull=False
    ).select_related("plan__agency")


class SourceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.agency.code} · {obj.plan} · {obj.code} {obj.name}"


class IndicatorForm(ElementForm):
    # Bounded as the agency's baseline year (workspace/forms/plan.py): the column itself has no range on SQLite.
    baseline_year = WholeNumberField(
        label=_("Tahun kondisi awal"), required=False, min_value=2000, max_value=2100
    )

    class Meta:
        model = RegionalIndicator
        fields = [
            "objective",
            "code",
            "name",
            "formula",
            "unit",
            "kind",
            "polarity",
            "baseline_year",
            "baseline_value",
            "final_target",
            "data_source",
            "agencies",
            "source_indicator",
        ]
        widgets = {"name": _rows(2), "formula": _rows(2), "data_source": _rows(2)}
        field_classes = {"source_indicator": SourceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        government = self.plan.government
        self.fields["objective"].queryset = RegionalObjective.objects.filter(plan=self.plan)
        self.fields["agencies"].queryset = Agency.objects.filter(government=government).order_by("name")
        self.fields["agencies"].widget = forms.CheckboxSelectMultiple()
        self.fields["agencies"].widget.choices = self.fields["agencies"].choices
        self.fields["source_indicator"].queryset = source_choices(government).order_by(
            "plan__agency__name", "-plan__start_year", "position"
        )
        self.fields["source_indicator"].help_text = _(
            "Kosong: realisasi diisi Pemda. Terisi: realisasi diambil dari indikator perangkat daerah ini."
        )

    def clean(self):
        data = super().clean()
        source, agencies = data.get("source_indicator"), data.get("agencies")
        if source is not None and agencies is not None and source.plan.agency not in list(agencies):
            self.add_error(
                "source_indicator",
                "Indikator sumber harus milik salah satu perangkat daerah penanggung jawab. / "
                "The source indicator must belong to one of the responsible agencies.",
            )
        return data


class HeadAgreementForm(forms.ModelForm):
    signed_on = PlannerDateField(label=_("Tanggal tanda tangan"), required=False)

    class Meta:
        model = HeadAgreement
        fields = ["signed_on", "signatory", "place"]


class TargetRow(RowForm):
    """One IKU's targets: RPJMD and PK for every year of the plan. An emptied cell deletes its target."""

    def __init__(self, data=None, *, indicator: RegionalIndicator, existing: dict, years, **kwargs):
        self.indicator = indicator
        self.cells = {
            f"{kind}_{year}": (kind, year) for year in years for kind in (RegionalTarget.Kind.RPJMD, "pk")
        }
        stored = {}
        for name, (kind, year) in self.cells.items():
            target = existing.get((indicator.pk, kind, year))
            stored[name] = None if target is None else target.value
        super().__init__(data, stored=stored, prefix=f"t{indicator.pk}", **kwargs)
        for name, (kind, year) in self.cells.items():
            self.fields[name] = MeasureField(
                bounds=TARGET_BOUNDS, units=measure_units(indicator.kind), required=False
            )
            label = "RPJMD" if kind == RegionalTarget.Kind.RPJMD else "PK"
            self.fields[name].widget.attrs.update(
                {"aria-label": f"{label} {year} {indicator.code}", "class": "form-control form-control-sm"}
            )
        self.value_fields = tuple(self.cells)

    def changed_cells(self) -> list[str]:
        return [n for n in self.cells if not same_measure(self.cleaned_data.get(n), self.stored[n])]

    def write(self) -> None:
        for name in self.changed_cells():
            kind, year = self.cells[name]
            value = self.cleaned_data.get(name)
            lookup = {"indicator": self.indicator, "kind": kind, "year": year}
            if value is None:
                RegionalTarget.objects.filter(**lookup).delete()
            else:
                RegionalTarget.objects.update_or_create(**lookup, defaults={"value": value})


class RealisationRow(RowForm):
    """One IKU's realisation of a year, typed by the Pemda (an IKU with a source indicator has no row)."""

    value_fields = ("value", "note")
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.TextInput())

    def __init__(self, data=None, *, indicator: RegionalIndicator, year: int, existing=None, **kwargs):
        self.indicator, self.year = indicator, year
        stored = {"value": existing.value if existing else None, "note": existing.note if existing else ""}
        super().__init__(data, stored=stored, prefix=f"r{indicator.pk}", **kwargs)
        self.fields["value"] = MeasureField(
            bounds=REALISATION_BOUNDS, units=measure_units(indicator.kind), required=False
        )
        self.fields["value"].widget.attrs.update(
            {"aria-label": f"{_('Realisasi')} {indicator.code}", "class": "form-control form-control-sm"}
        )
        self.fields["note"].widget.attrs.update({"class": "form-control form-control-sm"})
        self.order_fields(["value", "note", "version"])

    def clean(self):
        data = super().clean()
        if data.get("value") is None and data.get("note") and "value" not in self.errors:
            self.add_error(
                "value",
                "Catatan tanpa realisasi tidak disimpan; isi realisasinya. / "
                "A note without a realisation is not kept; enter the realisation.",
            )
        return data

    def write(self) -> None:
        value, note = self.cleaned_data.get("value"), self.cleaned_data.get("note") or ""
        lookup = {"indicator": self.indicator, "year": self.year}
        if value is None:
            RegionalRealisation.objects.filter(**lookup).delete()
        else:
            RegionalRealisation.objects.update_or_create(**lookup, defaults={"value": value, "note": note})


RPJMD_FILE_LIMIT = 5 * 1024 * 1024  # a 60-agency Pemda's RPJMD file is well under 1 MB


class RpjmdUploadForm(forms.Form):
    """A `sakip-rpjmd/1` file (what "Unduh berkas RPJMD" and `manage.py export_rpjmd` write) to import."""

    file = forms.FileField(
        label=_("Berkas RPJMD (sakip-rpjmd/1, .json)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )
    replace = forms.BooleanField(
        label=_("Ganti RPJMD dengan periode dan revisi yang sama (isinya dihapus lalu diisi dari berkas)"),
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > RPJMD_FILE_LIMIT:
            raise forms.ValidationError(
                "Berkas terlalu besar (paling besar 5 MB). / The file is too large (5 MB at most)."
            )
        return upload
