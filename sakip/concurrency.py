"""Optimistic concurrency for editing grids: two planners must not silently overwrite each other.

Each row of a grid carries the fingerprint of the stored values the planner saw. On save, a row is written
only if the planner changed it; if someone else changed it meanwhile, it is a conflict and nothing is saved.
Pure functions: values in, decision out.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal

from .numbers import canonical_str


class Change(enum.Enum):
    UNCHANGED = "unchanged"  # the planner left the row as it was (or made the same change as the other user)
    SAVE = "save"  # the planner changed the row and nobody else did
    CONFLICT = "conflict"  # both changed it, differently


def _normal(value: object) -> object:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal | int):
        return canonical_str(value)  # 1.50, 1.5 and (for 3) the int 3 are the same figure
    if isinstance(value, str):
        # An empty text field and a NULL column are both "nothing entered".
        return value.strip().replace("\r\n", "\n") or None
    return str(value)


def fingerprint(values: Mapping[str, object]) -> str:
    """A short, stable digest of a row's values (field order does not matter)."""
    text = json.dumps({k: _normal(v) for k, v in values.items()}, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def classify(seen: str, submitted: Mapping[str, object], stored: Mapping[str, object]) -> Change:
    """Compare what the planner saw, what they submit and what is stored now."""
    submitted_fp, stored_fp = fingerprint(submitted), fingerprint(stored)
    seen = seen or stored_fp  # a row rendered without a version was seen as it is stored
    if submitted_fp in (seen, stored_fp):
        return Change.UNCHANGED
    if stored_fp == seen:
        return Change.SAVE
    return Change.CONFLICT
