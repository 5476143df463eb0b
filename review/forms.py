from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Comment


class ActionForm(forms.Form):
    """The confirmation of a workflow action, with its note (required to return or reopen)."""

    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )

    confirm = forms.BooleanField(
        label=_("Saya sudah membaca peringatan di atas dan tetap mengajukan laporan."),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(
        self, *args, note_required: bool = False, note_label=None, confirm_required: bool = False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = note_required
        self.fields["confirm"].required = confirm_required
        self.fields["confirm"].error_messages["required"] = _(
            "Centang konfirmasi bahwa peringatan sudah dibaca. / Confirm that you have read the warnings."
        )
        if note_label:
            self.fields["note"].label = note_label


class CommentForm(forms.Form):
    kind = forms.ChoiceField(choices=Comment.Anchor.choices, widget=forms.HiddenInput)
    key = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    next = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Catatan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"})
    )


class ReplyForm(forms.Form):
    next = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Balasan"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )


class NotificationSettingsForm(forms.Form):
    email = forms.BooleanField(
        label=_("Kirim email pemberitahuan reviu dan pengingat batas pengisian"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
