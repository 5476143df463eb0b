"""Login throttling (django-axes): the backend, the client address behind proxies and the lockout page."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils.translation import gettext as _


class RequestAxesBackend(AxesStandaloneBackend):
    """Refuses logins of a locked-out user name + address; lets `authenticate()` without a request through.

    Only the login page is exposed to guessing, and it always passes its request. Code that authenticates
    without one (a management command, a shell, a test) has no client address to lock and is not throttled,
    where the stock backend would raise.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The client address: REMOTE_ADDR, or the entry the last of `TRUSTED_PROXY_COUNT` proxies appended to
    X-Forwarded-For (earlier entries are whatever the client sent, so they are never trusted)."""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_message(request=None) -> str:
    minutes = max(1, round(get_cool_off(request).total_seconds() / 60)) if get_cool_off(request) else None
    if minutes is None:
        return _(
            "Terlalu banyak percobaan masuk yang gagal; hubungi admin untuk membuka akun. / "
            "Too many failed login attempts; ask an administrator to unlock the account."
        )
    return _(
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(minutes)d menit. / "
        "Too many failed login attempts. Try again in %(minutes)d minutes."
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, with the lockout message and HTTP 429 (no form errors: the form is not checked,
    so a locked-out attempt does not count as yet another failure)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = {
        "form": form,
        "lockout_message": lockout_message(request),
        "next": request.POST.get("next", ""),
    }
    return render(request, "registration/login.html", context, status=429)
