"""What the app already knows about an LKE criterion, and the answer it suggests: the evaluator accepts or
overrides it. Pure: the facts (`AgencyFacts`, gathered by `reports.evaluation.facts`) in, suggestions out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fact:
    """One thing the app knows, e.g. "PK 2021 ditandatangani 3 Januari 2021", with the screen that shows it."""

    text: str
    ok: bool | None  # True: supports the criterion; False: counts against it; None: for information
    url: str = ""


@dataclass(frozen=True)
class Suggestion:
    criterion: str
    answer: str | None  # an answer of the criterion's type, or None: the app cannot tell
    facts: tuple[Fact, ...]
