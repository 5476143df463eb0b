"""Every URL pattern that carries an agency's (or a Pemda's) code, and the arguments to reverse it with; and the
public ones.

Shared by the URL walk test (tests/workspace/test_access_url_walk.py) and the live-server robustness script
(scripts/robustness.py), so that both walk the same screens and a new screen is covered by both without being
listed anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import URLResolver, get_resolver


def agency_patterns(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str = "", *, under: str = "opd/"
) -> list[tuple[str, set[str], dict[str, Any]]]:
    """(view name, set of URL arguments, default arguments) of every named pattern under `under` whose URL has a
    code: an agency's ("opd/", the default) or a Pemda's ("pemda/")."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += agency_patterns(entry, route, ns, under=under)
        # A URLPattern: url_patterns holds only the two kinds.
        elif route.startswith(under) and "<slug:code>" in route and entry.name:
            found.append(
                (namespace + entry.name, set(entry.pattern.converters) | {"code"}, entry.default_args)
            )
    return found


def url_kwargs(names: set[str], defaults: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of one pattern, taken from `values` (a pattern's default arguments are not passed)."""
    return {name: values[name] for name in names if name not in defaults}


PUBLIC_NAMESPACE = "public"


def public_patterns(
    resolver: URLResolver | None = None, namespace: str = ""
) -> list[tuple[str, bool, set[str]]]:
    """(view name, whether its view is marked public, URL arguments) of every named pattern mounted in the public
    namespace or whose view is marked public (`workspace.public.public_view` sets `public_surface`): the screens
    meant for visitors without a login, and anything claiming to be one."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found += public_patterns(
                entry, f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            )
        elif entry.name:
            marked = bool(getattr(entry.callback, "public_surface", False))
            if marked or namespace.startswith(f"{PUBLIC_NAMESPACE}:"):
                found.append((namespace + entry.name, marked, set(entry.pattern.converters)))
    return found
