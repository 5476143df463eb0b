"""Forms of the IKM screens: a new survey's year, a survey's settings, one unsur row, a response file."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator
from sakip.forms import LocalizedDecimalField, RowForm, model_bounds
from sakip.numbers import NO_UNIT, NumberBounds

from .models import SatisfactionSurvey, SurveyElement


class SurveyCreateForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Tahun survei"), coerce=int)

    def __init__(self, data=None, *, years: list[int], **kwargs):
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "Tahun ini tidak tersedia: di luar Renstra atau sudah ada surveinya. / "
            "This year is not available: outside the Renstra or already surveyed."
        )


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.name if len(obj.name) <= 90 else obj.name[:89] + "…"
        return f"{obj.code} {name}"


class SurveySettingsForm(forms.ModelForm):
    indicator = IndicatorChoiceField(
        queryset=Indicator.objects.none(),
        required=False,
        label=_("Indikator yang realisasinya nilai SKM ini"),
        empty_label=_("(tidak ditautkan)"),
    )

    class Meta:
        model = SatisfactionSurvey
        fields = ["conducted_by", "indicator"]
        labels = {"conducted_by": _("Pelaksana survei")}
        widgets = {"conducted_by": forms.TextInput(attrs={"class": "form-control"})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the plan's own indicators: a survey of another Renstra's indicator would feed nothing.
        self.fields["indicator"].queryset = Indicator.objects.filter(plan=plan).order_by("position", "pk")
        self.fields["indicator"].widget.attrs["class"] = "form-select"


class ElementRow(RowForm):
    """One unsur: its name, and (when no raw responses exist) its total score and answered questionnaires."""

    value_fields = ("name", "total", "answered")
    name = forms.CharField(
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    total = LocalizedDecimalField(
        min_value=Decimal(0),
        bounds=model_bounds(SurveyElement, "total"),
        units=NO_UNIT,
        label=_("Jumlah nilai"),
    )
    # A count of questionnaires: whole numbers, in a column of 4 decimal places.
    answered = LocalizedDecimalField(
        min_value=Decimal(0),
        bounds=NumberBounds.of(SurveyElement._meta.get_field("answered")).whole(),
        units=NO_UNIT,
        label=_("Kuesioner terjawab"),
    )

    def __init__(self, data=None, *, element, derived: bool, **kwargs):
        self.element = element
        super().__init__(data, **kwargs)
        self.fields["name"].label = _("Nama unsur %(code)s") % {"code": element.code}
        self.fields["total"].label = _("Jumlah nilai %(code)s") % {"code": element.code}
        self.fields["answered"].label = _("Kuesioner terjawab %(code)s") % {"code": element.code}
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = field.label  # the grid shows column headers, not labels
        if derived:
            # Totals come from the responses (surveys.responses.survey_totals_refresh): only names are typed.
            self.value_fields = ("name",)
            del self.fields["total"], self.fields["answered"]

    def clean(self):
        data = super().clean()
        total, answered = data.get("total"), data.get("answered")
        # Every score is 1–4, so the mean (NRR) must be too: catches a total typed in the wrong row.
        if total is not None and answered and not answered <= total <= 4 * answered:
            raise forms.ValidationError(
                _(
                    "Jumlah nilai harus antara 1 dan 4 kali jumlah kuesioner (NRR 1–4). / "
                    "The total must be 1 to 4 times the questionnaires (NRR 1–4)."
                )
            )
        return data


class ResponseFileForm(forms.Form):
    file = forms.FileField(
        allow_empty_file=True,  # an empty file gets the parser's own message, like every other bad file
        label=_("Berkas respons (.xlsx atau .csv)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )
