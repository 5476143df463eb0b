"""ETags of the API's GET answers, and the 304 to a client that already holds the answer (`If-None-Match`).

Two ways to tag an answer:
- before building it, from what it is built of: the agencies' `AgencyRevision` numbers (raised by every committed
  change of their data, `agencies.revisions`), the request's path and query, and whatever else the answer reads
  that a revision does not cover (a review state). A matching `If-None-Match` then costs one query, not the build.
- after building it, from its content (`content_etag`): for answers no revision covers (the review's history, the
  Pemda dashboard, the agency list's review states), and inside a transaction with writes not yet committed, when
  the revision cannot be trusted (`committed_revisions` says None).
Used by the reading views (`api/views/reads.py`) and open to the writing ones.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.utils.http import parse_etags, quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from agencies.revisions import committed_revisions

# Raise when what a revision-tagged answer holds changes shape: tags handed out before then stop matching.
ETAG_FORMAT = "1"


# The header, as the schema describes it on every tagged GET.
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="ETag jawaban sebelumnya: 304 bila tidak berubah. / A previous answer's ETag: 304 if unchanged.",
)


def make_etag(*parts: Any) -> str:
    """A strong tag (quoted) of the given parts."""
    text = "\x1f".join(str(part) for part in (ETAG_FORMAT, *parts))
    return quote_etag(hashlib.sha256(text.encode()).hexdigest()[:32])


def request_key(request) -> str:
    """The path and the query, the query's parameters sorted: `?a=1&b=2` and `?b=2&a=1` are one answer."""
    pairs = sorted(
        (key, value) for key in request.query_params for value in request.query_params.getlist(key)
    )
    return f"{request.path}?{json.dumps(pairs)}"


def revision_etag(request, agency_ids: Iterable[int], *extra: Any) -> str | None:
    """The tag of an answer built from these agencies' data only (one query); None when their revisions cannot be
    trusted now (writes of this thread not yet committed)."""
    numbers = committed_revisions(agency_ids)
    if numbers is None:
        return None
    return make_etag(request_key(request), sorted(numbers.items()), *extra)


def content_etag(data: Any) -> str:
    """The tag of an answer's data as it will be sent."""
    return make_etag(json.dumps(data, cls=JSONEncoder, sort_keys=True, ensure_ascii=False))


def matches(request, etag: str) -> bool:
    """Whether the client's `If-None-Match` names this tag (or `*`); weak tags compare as their strong form."""
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    tags = parse_etags(header)
    return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)


def tagged(response: Response, etag: str) -> Response:
    response["ETag"] = etag
    # Answers depend on who asks: a shared cache must not keep them, the client's own must ask again.
    response["Cache-Control"] = "private, no-cache"
    return response


def not_modified(etag: str) -> Response:
    return tagged(Response(status=304), etag)


def conditional(request, build: Callable[[], Response], etag: str | None = None) -> Response:
    """The answer of `build`, tagged; a 304 instead when the client holds it. With `etag` known beforehand, a
    match skips the build; without it, the tag is the content's."""
    if etag is not None and matches(request, etag):
        return not_modified(etag)
    response = build()
    if response.status_code != 200:
        return response
    if etag is None:
        etag = content_etag(response.data)
        if matches(request, etag):
            return not_modified(etag)
    return tagged(response, etag)
