"""Forms of the realisation screens: one grid row per indicator, and the evidence upload."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sakip.forms import LocalizedDecimalField, MeasureField, RowForm, measure_units, model_bounds
from sakip.numbers import RUPIAH, typed_places

from ..evidence import EvidenceError, evidence_content_type
from ..models import Indicator, Realisation


def stored_realisation(row: Realisation | None) -> dict:
    """The editable values of a stored realisation (or of none yet), as the grid compares them."""
    if row is None:
        return {"value": None, "numerator": None, "denominator": None, "status": "final", "analysis": ""}
    return {
        "value": row.grade or row.value,
        "numerator": row.numerator,
        "denominator": row.denominator,
        "status": row.status,
        "analysis": row.analysis,
    }


class RealisationRow(RowForm):
    """One indicator's realisation for a quarter (or the year): a value, or numerator and denominator."""

    value = MeasureField(label=_("Realisasi"), bounds=model_bounds(Realisation, "value"))
    # The parts of a ratio are counts or amounts ("Rp 1.500.000"), never percentages.
    numerator = LocalizedDecimalField(
        label=_("Pembilang"), bounds=model_bounds(Realisation, "numerator"), units=RUPIAH
    )
    denominator = LocalizedDecimalField(
        label=_("Penyebut"), bounds=model_bounds(Realisation, "denominator"), units=RUPIAH
    )
    status = forms.ChoiceField(label=_("Status"), choices=Realisation.Status.choices)
    analysis = forms.CharField(
        label=_("Analisis"), required=False, widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )

    def __init__(self, data=None, *, indicator: Indicator, **kwargs):
        self.indicator = indicator
        super().__init__(data, **kwargs)
        self.is_ratio = indicator.computation == Indicator.Computation.RATIO
        if self.is_ratio:
            # A ratio is typed as its two parts; the engine divides (and applies the multiplier).
            del self.fields["value"]
            self.value_fields = ("numerator", "denominator", "status", "analysis")
        else:
            del self.fields["numerator"], self.fields["denominator"]
            self.value_fields = ("value", "status", "analysis")
            self.fields["value"].grade_scale = (
                (indicator.grade_scale or "akip") if indicator.kind == Indicator.Kind.GRADE else None
            )
            self.fields["value"].units = measure_units(indicator.kind)
        self.fields["status"].widget.attrs["class"] = "form-select form-select-sm"

    def clean_denominator(self):
        denominator = self.cleaned_data.get("denominator")
        if denominator == 0:
            raise forms.ValidationError(
                _("Penyebut tidak boleh nol. / The denominator must not be zero."), code="zero"
            )
        return denominator

    def is_blank(self) -> bool:
        data = self.submitted()
        return all(data.get(f) in (None, "") for f in self.value_fields if f != "status")

    def pending(self, year: int, quarter: int, existing: Realisation | None) -> Realisation:
        """An unsaved realisation with the planner's values (for previews, and as the row to save)."""
        data = self.cleaned_data
        row = existing or Realisation(indicator=self.indicator, year=year, quarter=quarter)
        row.indicator_id = self.indicator.pk
        if self.is_ratio:
            row.numerator, row.denominator = data.get("numerator"), data.get("denominator")
        else:
            value = data.get("value")
            row.grade, row.value = (value, None) if isinstance(value, str) else ("", value)
            # "0,10" is kept as 0,1: the decimals typed go beside it (what the value-vs-ratio check reads).
            typed = self.data.get(self.add_prefix("value")) if value is not None else None
            row.value_places = typed_places(typed) if isinstance(value, Decimal) else None
        row.status = data.get("status") or Realisation.Status.FINAL
        row.analysis = data.get("analysis") or ""
        return row


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern): cleaned to a list, each file as FileField would."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


def checked_evidence_upload(upload):
    """One evidence file (of a realisation, an LKE criterion or a follow-up) within the size limit and of an
    accepted type by its content, with that type as `upload.sniffed_type`; otherwise a ValidationError."""
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise forms.ValidationError(
            _("%(name)s terlalu besar (maksimal %(mb)s MB). / %(name)s is too large (at most %(mb)s MB)."),
            params={"mb": limit // (1024 * 1024), "name": upload.name},
            code="too_large",
        )
    data = upload.read()  # within the size limit: the whole file is opened, not only its first bytes
    upload.seek(0)
    try:
        upload.sniffed_type = evidence_content_type(upload.name, data)
    except EvidenceError as error:
        raise forms.ValidationError(f"{upload.name}: {error}", code="type") from error
    return upload


class EvidenceForm(forms.Form):
    file = MultipleFileField(
        label=_("Berkas"),
        help_text=_("PDF, gambar (PNG/JPEG) atau lembar kerja (XLSX/XLS/CSV/ODS); boleh beberapa sekaligus."),
    )
    description = forms.CharField(label=_("Keterangan"), max_length=300, required=False)

    def clean_file(self):
        """Every file checked before any is kept: one file too large or of another type refuses them all."""
        uploads = self.cleaned_data["file"]
        for upload in uploads:
            checked_evidence_upload(upload)
        return uploads
