"""Personal API keys (`ApiToken`): made, found by the key a request carries, and revoked.

A key is 40 random URL-safe characters after the fixed "sakip_" (so that a leaked key is recognisable in logs and
by secret scanners); the database keeps its SHA-256 digest only, so a copy of the database gives no working key.
"""

from __future__ import annotations

import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken

KEY_PREFIX = "sakip_"
# Keys a user may hold at once: enough for every system they connect, few enough to keep track of.
MAX_ACTIVE_TOKENS = 20


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(user, name: str) -> tuple[ApiToken, str]:
    """A new key for `user`: the stored token and the key itself, which is shown once and never again."""
    key = KEY_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:12], digest=key_digest(key))
    return token, key


def token_for_key(key: str) -> ApiToken | None:
    """The active token of this key, with its user (one query), or None for an unknown or revoked key."""
    if not key.startswith(KEY_PREFIX):
        return None
    return (
        ApiToken.objects.select_related("user", "user__profile")
        .filter(digest=key_digest(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def active_tokens(user):
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


def revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
