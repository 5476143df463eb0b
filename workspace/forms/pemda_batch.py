"""What the Pemda's administrator asks for when starting the batch of every agency's LKjIP."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

FORMAT_CHOICES = (("pdf", _("PDF")), ("xlsx", _("Excel (lampiran)")))


class BatchStart(forms.Form):
    formats = forms.MultipleChoiceField(
        label=_("Format"),
        choices=FORMAT_CHOICES,
        initial=["pdf", "xlsx"],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih paling sedikit satu format. / Choose at least one format.")},
    )
