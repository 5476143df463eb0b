"""The upload form of the workbook import; the workbook itself is checked by `workbook.reading.workbook_changes`."""

from django import forms
from django.utils.translation import gettext_lazy as _


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas templat (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "class": "form-control",
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ),
    )
