"""The Pemda dashboard's filter and sort (a GET form: the URL is the view, so it can be bookmarked and shared)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.predicates import PredicateScale
from reports.pemda.standing import SORT_KEYS
from review.workflow import State


class DashboardFilter(forms.Form):
    cari = forms.CharField(label=_("Cari perangkat daerah"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status reviu"), required=False)
    predikat = forms.ChoiceField(label=_("Predikat"), required=False)
    tertinggal = forms.BooleanField(label=_("Hanya di bawah milestone"), required=False)
    urut = forms.ChoiceField(required=False, choices=[(k, k) for k in SORT_KEYS])
    arah = forms.ChoiceField(required=False, choices=[("asc", "asc"), ("desc", "desc")])
    tw = forms.TypedChoiceField(required=False, coerce=int, choices=[(q, q) for q in (1, 2, 3, 4)])

    def __init__(self, data, *, scale: PredicateScale):
        super().__init__(data)
        self.fields["status"].choices = [("", _("Semua status")), *State.choices]
        self.fields["predikat"].choices = [
            ("", _("Semua predikat")),
            *[(band.key, band.label) for band in scale.bands],
            ("none", _("Belum ada capaian")),
        ]
        self.fields["cari"].widget.attrs.update({"class": "form-control form-control-sm", "type": "search"})
        for name in ("status", "predikat"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["tertinggal"].widget.attrs["class"] = "form-check-input"

    def value(self, name: str, default=None):
        """The cleaned value, or `default` for a value that is missing or not one of the choices (a hand-edited
        URL shows the unfiltered dashboard rather than an error)."""
        if not self.is_bound:
            return default
        self.is_valid()
        value = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None
        return default if value in (None, "") else value
