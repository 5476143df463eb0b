"""Who calls the API: a personal key (`Authorization: Token sakip_…` or `Bearer sakip_…`) or the browser session.

A key acts as its user, through the same access layer as the screens (`api/access.py` → `workspace.access`). An
unknown, revoked or malformed key, or a deactivated user's, is a 401, never a fallback to anonymous.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from rest_framework import authentication, exceptions

from agencies.api_tokens import token_for_key

# The last-used date is kept to the minute: one UPDATE per key per minute, not one per request.
LAST_USED_PRECISION = timedelta(minutes=1)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Format token salah: 'Authorization: Token <kunci>'. / Malformed token header."
            )
        try:
            key = header[1].decode()
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed("Token tidak sah. / Invalid token.") from error
        token = token_for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(
                "Token tidak dikenal, sudah dicabut, atau akunnya nonaktif. / "
                "Unknown or revoked token, or an inactive account."
            )
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
            type(token).objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request):
        return 'Token realm="api"'
