"""The filters of the history page and its downloads: year, kind, indicator, budget row."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budgets.models import Activity, SubActivity
from indicators.models import Indicator
from workspace.history.entries import KINDS
from workspace.history.selectors import HistoryFilter
from workspace.history.subjects import shortened


class HistoryFilterForm(forms.Form):
    tahun = forms.TypedChoiceField(label=gettext_lazy("Tahun"), required=False, coerce=int, empty_value=None)
    jenis = forms.ChoiceField(label=gettext_lazy("Jenis"), required=False)
    indikator = forms.TypedChoiceField(
        label=gettext_lazy("Indikator"), required=False, coerce=int, empty_value=None
    )
    anggaran = forms.ChoiceField(label=gettext_lazy("Baris anggaran"), required=False)

    def __init__(self, data, *, agency, years):
        super().__init__(data)
        everything = [("", _("Semua"))]
        self.fields["tahun"].choices = everything + [(y, str(y)) for y in years]
        self.fields["jenis"].choices = everything + [(k, str(v)) for k, v in KINDS.items()]
        indicators = Indicator.objects.filter(plan__agency=agency).order_by("plan", "position")
        self.fields["indikator"].choices = everything + [
            (pk, shortened(f"{code} {name}", 90))
            for pk, code, name in indicators.values_list("pk", "code", "name")
        ]
        rows = [
            (f"a{pk}", f"{code} {shortened(name, 80)}")
            for pk, code, name in Activity.objects.filter(program__plan__agency=agency)
            .order_by("program__plan", "program__position", "position")
            .values_list("pk", "code", "name")
        ] + [
            (f"s{pk}", f"{code} {shortened(name, 80)}")
            for pk, code, name in SubActivity.objects.filter(activity__program__plan__agency=agency)
            .order_by(
                "activity__program__plan", "activity__program__position", "activity__position", "position"
            )
            .values_list("pk", "code", "name")
        ]
        self.fields["anggaran"].choices = everything + sorted(rows, key=lambda r: r[1])

    def history_filter(self) -> HistoryFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return HistoryFilter(
            year=data.get("tahun"),
            kind=data.get("jenis") or None,
            indicator=data.get("indikator"),
            budget=data.get("anggaran") or None,
        )
