"""The rate limit: per API key (each key its own budget), per user for the browser session.

The rate is the `API_RATE` setting ("1200/minute"), read when a request is checked rather than when DRF's
settings were first loaded, so that a deployment's (or a test's) setting is the one in force. Past it the API
answers 429 with `Retry-After` (seconds).
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from agencies.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "token"

    def get_rate(self) -> str:
        return settings.API_RATE

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"key-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
