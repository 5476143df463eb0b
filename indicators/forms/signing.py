"""Who signs a year's LKjIP, where and when (`ReportSigning`), as one grid row: saved whole, with conflict
detection like every grid."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sakip.forms import PlannerDateField, RowForm

from ..models import ReportSigning

TEXT_FIELDS = ("place", "title", "name", "nip", "rank")


def stored_signing(signing: ReportSigning | None) -> dict:
    if signing is None:
        return dict.fromkeys(("signed_on", *TEXT_FIELDS))
    return {"signed_on": signing.signed_on, **{name: getattr(signing, name) for name in TEXT_FIELDS}}


class ReportSigningRow(RowForm):
    value_fields = ("signed_on", *TEXT_FIELDS)

    signed_on = PlannerDateField(label=_("Tanggal laporan"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:
            field = ReportSigning._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=field.verbose_name.capitalize(),
                max_length=field.max_length,
                required=False,
                help_text=field.help_text,
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )
        # Field order as the signature block prints it.
        self.order_fields(["signed_on", "place", "title", "name", "rank", "nip"])
