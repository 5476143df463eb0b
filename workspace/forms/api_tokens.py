"""Naming a new personal API key on the user's account page (`workspace.views.account.api_tokens`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from agencies.api_tokens import MAX_ACTIVE_TOKENS, active_tokens
from agencies.models import ApiToken

NAME_MAX = ApiToken._meta.get_field("name").max_length


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Nama kunci"),
        max_length=NAME_MAX,
        help_text=gettext_lazy("Untuk apa kunci ini, mis. “Dasbor kepala daerah” atau “Sinkron SIPD”."),
        error_messages={
            "required": "Beri nama kunci ini. / Give this key a name.",
            "max_length": f"Nama paling banyak {NAME_MAX} karakter. / At most {NAME_MAX} characters.",
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        if active_tokens(self.user).count() >= MAX_ACTIVE_TOKENS:
            raise forms.ValidationError(
                f"Anda sudah memiliki {MAX_ACTIVE_TOKENS} kunci aktif; cabut yang tidak dipakai lagi dahulu. / "
                f"You already have {MAX_ACTIVE_TOKENS} active keys; revoke one you no longer use first."
            )
        return cleaned
