"""Login throttling (django-axes): the backend, the failure counts, the client address behind proxies and the
lockout page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.shortcuts import render
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest

    class AxesRequest(HttpRequest):
        """A request as django-axes hands it to the handler: its middleware has set the client address, and
        `get_failures` records whether the address limit was reached (for `lockout_message`)."""

        axes_ip_address: str
        axes_address_locked: bool


# django-axes passes the credentials of authenticate(): the login form's fields.
Credentials = dict[str, Any]


class RequestAxesBackend(AxesStandaloneBackend):
    """Refuses logins of a locked-out user name + address (or a locked-out address); lets `authenticate()` without a request through.

    Only the login page is exposed to guessing, and it always passes its request. Code that authenticates
    without one (a management command, a shell, a test) has no client address to lock and is not throttled,
    where the stock backend would raise.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class ThrottleHandler(AxesDatabaseHandler):
    """Two limits over the failures of the cool-off period: AXES_FAILURE_LIMIT for one user name from one
    address (a guessed password), AXES_ADDRESS_FAILURE_LIMIT for one address over every user name (password
    spraying: one common password tried on many names stays under the per-name limit). Either locks.

    django-axes compares the largest count of its lockout parameters with a single limit; this handler gives
    it the name's count, raised to that limit once the address has reached its own.
    """

    def get_failures(self, request: AxesRequest, credentials: Credentials | None = None) -> int:
        by_name, by_address = self.failure_counts(request, credentials)
        address_limit = settings.AXES_ADDRESS_FAILURE_LIMIT
        request.axes_address_locked = bool(address_limit) and by_address >= address_limit
        if request.axes_address_locked:
            return max(by_name, get_failure_limit(request, credentials))
        return by_name

    def failure_counts(self, request: AxesRequest, credentials: Credentials | None = None) -> tuple[int, int]:
        """(failures of this user name from this address, failures from this address), recent ones only."""
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        username = get_client_username(request, credentials)

        def total(queryset: QuerySet[AccessAttempt]) -> int:
            return queryset.aggregate(n=Sum("failures_since_start"))["n"] or 0

        return total(attempts.filter(username=username)), total(attempts)

    def reset_user_attempts(self, request: AxesRequest, credentials: Credentials | None = None) -> int:
        """A correct password forgives that name's failures from that address only: logging in to the one
        account a sprayer owns must not wipe the address's count (nor an office colleague's lock)."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count


def client_ip(request: HttpRequest) -> str | None:
    """The client address: REMOTE_ADDR, or the entry the last of `TRUSTED_PROXY_COUNT` proxies appended to
    X-Forwarded-For (earlier entries are whatever the client sent, so they are never trusted)."""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_message(request: HttpRequest | None = None) -> str:
    minutes = max(1, round(get_cool_off(request).total_seconds() / 60)) if get_cool_off(request) else None
    if getattr(request, "axes_address_locked", False):
        if minutes is None:
            return _(
                "Terlalu banyak percobaan masuk yang gagal dari alamat jaringan Anda, dengan berbagai nama "
                "pengguna; hubungi admin. / Too many failed login attempts from your network address, for "
                "several user names; ask an administrator."
            )
        return _(
            "Terlalu banyak percobaan masuk yang gagal dari alamat jaringan Anda, dengan berbagai nama "
            "pengguna. Semua login dari alamat ini ditolak; coba lagi dalam %(minutes)d menit. / Too many "
            "failed login attempts from your network address, for several user names. Every login from this "
            "address is refused; try again in %(minutes)d minutes."
        ) % {"minutes": minutes}
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
