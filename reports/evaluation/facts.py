"""The facts an AKIP evaluation can read off the agency's own data (plan, IKU, PK, Rencana Aksi, realisations and
their evidence, the LKjIP and its checks, last year's follow-ups), and the suggested answers they give
(`evaluation.suggestions`)."""

from __future__ import annotations

from agencies.models import Agency
from evaluation.suggestions import Suggestion


def evaluation_suggestions(agency: Agency, year: int) -> dict[str, Suggestion]:
    """criterion code → suggestion, for the criteria the app can speak to (a fixed number of queries)."""
    return {}
