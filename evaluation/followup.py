"""Where a recommendation of an LHE stands, and an agency's follow-up rate. Pure: values in, values out.

A recommendation is "belum" (not started) until the agency posts a follow-up, "proses" while its follow-ups wait
for the inspectorate or were returned, and "selesai" once the inspectorate has accepted one. The rate is the
share of recommendations that are selesai (None when there is none: nothing to follow up is not 0 % followed up).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

NOT_STARTED = "belum"
IN_PROGRESS = "proses"
DONE = "selesai"
STATUSES = (NOT_STARTED, IN_PROGRESS, DONE)

PENDING = "pending"
ACCEPTED = "accepted"
RETURNED = "returned"


def recommendation_status(decisions: Iterable[str]) -> str:
    """The status of one recommendation from the decisions on its follow-ups (pending / accepted / returned)."""
    decisions = list(decisions)
    if not decisions:
        return NOT_STARTED
    if ACCEPTED in decisions:
        return DONE
    return IN_PROGRESS


@dataclass(frozen=True)
class FollowUpRate:
    total: int
    done: int
    in_progress: int
    not_started: int

    @property
    def rate(self) -> Decimal | None:
        """Percent of recommendations selesai, exact; None without recommendations."""
        if not self.total:
            return None
        return Decimal(self.done) * 100 / Decimal(self.total)


def follow_up_rate(statuses: Iterable[str]) -> FollowUpRate:
    statuses = list(statuses)
    return FollowUpRate(
        total=len(statuses),
        done=statuses.count(DONE),
        in_progress=statuses.count(IN_PROGRESS),
        not_started=statuses.count(NOT_STARTED),
    )


def suggested_follow_up_answer(rate: Decimal | None) -> str | None:
    """The A–E answer the follow-up criteria suggest for a rate: all followed up A, > 75 % B, > 50 % C, > 25 % D,
    else E (the LKE's own bands for "sebagian besar / sebagian kecil"); None without recommendations."""
    if rate is None:
        return None
    if rate >= 100:
        return "A"
    if rate > 75:
        return "B"
    if rate > 50:
        return "C"
    if rate > 25:
        return "D"
    return "E"


def overdue(target: date | None, status: str, today: date) -> bool:
    """A recommendation is overdue once its target date has passed (the day itself still counts) and it is not
    selesai; without a target date it never is."""
    return target is not None and target < today and status != DONE
