"""The review workflow of an agency's year as a table: who may do what, from which state, to which state.

Pure: no database. The agency's planner (who prepares it) or its head submits the year's report, the inspectorate (APIP) returns it with comments
or approves it, the head resubmits a returned report, and only an admin reopens an approved year, with a reason:

    draft ─submit→ submitted ─return→ returned ─submit→ resubmitted ─approve→ approved ─reopen→ reopened
                   submitted ─approve→ approved          resubmitted ─return→ returned
                   submitted ─withdraw→ draft            resubmitted ─withdraw→ returned
                                                         reopened ─submit→ resubmitted

While the report is under review (submitted, resubmitted) and once it is approved, the year's data is read-only
everywhere (`review.locks`): the inspectorate reviews figures that cannot move under it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

# Profile.Role values (agencies.models), repeated so that this module stays free of the ORM. The Pemda's
# administrators (PEMDA) watch every agency of their Pemda but take no part in the review: no rule names them.
PLANNER, HEAD, REVIEWER, PEMDA, ADMIN = "planner", "head", "reviewer", "pemda", "admin"


class State(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    RESUBMITTED = "resubmitted", _("Diajukan ulang")
    APPROVED = "approved", _("Disetujui")
    REOPENED = "reopened", _("Dibuka kembali")


class Action(models.TextChoices):
    SUBMIT = "submit", _("Ajukan ke Inspektorat")
    WITHDRAW = "withdraw", _("Tarik kembali pengajuan")
    RETURN = "return", _("Kembalikan dengan catatan")
    APPROVE = "approve", _("Setujui dan kunci")
    REOPEN = "reopen", _("Buka kembali")


# Planners edit in these states only; in the others the year's data is read-only everywhere.
EDITABLE = frozenset({State.DRAFT, State.RETURNED, State.REOPENED})
UNDER_REVIEW = frozenset({State.SUBMITTED, State.RESUBMITTED})
FROZEN = frozenset({State.SUBMITTED, State.RESUBMITTED, State.APPROVED})


@dataclass(frozen=True)
class Rule:
    action: str
    role: str
    source: str
    target: str
    note_required: bool = False


# The agency side (planner or head) submits and may withdraw; in many Pemda the planner (operator) submits
# on the head's behalf, so both may.
_AGENCY_SIDE = (PLANNER, HEAD)

RULES: tuple[Rule, ...] = (
    *(Rule(Action.SUBMIT, role, State.DRAFT, State.SUBMITTED) for role in _AGENCY_SIDE),
    *(Rule(Action.SUBMIT, role, State.RETURNED, State.RESUBMITTED) for role in _AGENCY_SIDE),
    *(Rule(Action.SUBMIT, role, State.REOPENED, State.RESUBMITTED) for role in _AGENCY_SIDE),
    *(Rule(Action.WITHDRAW, role, State.SUBMITTED, State.DRAFT) for role in _AGENCY_SIDE),
    *(Rule(Action.WITHDRAW, role, State.RESUBMITTED, State.RETURNED) for role in _AGENCY_SIDE),
    Rule(Action.RETURN, REVIEWER, State.SUBMITTED, State.RETURNED, note_required=True),
    Rule(Action.RETURN, REVIEWER, State.RESUBMITTED, State.RETURNED, note_required=True),
    Rule(Action.APPROVE, REVIEWER, State.SUBMITTED, State.APPROVED),
    Rule(Action.APPROVE, REVIEWER, State.RESUBMITTED, State.APPROVED),
    Rule(Action.REOPEN, ADMIN, State.APPROVED, State.REOPENED, note_required=True),
)


class TransitionRefused(Exception):
    """The action is not open to this role in this state, or a required note is missing."""


def rule_for(state: str, action: str, role: str | None) -> Rule | None:
    return next((r for r in RULES if (r.source, r.action, r.role) == (state, action, role)), None)


def allowed_rules(state: str, role: str | None) -> list[Rule]:
    """The actions open to a role in a state, in the order of the table."""
    return [r for r in RULES if r.source == state and r.role == role]


def next_state(state: str, action: str, role: str | None, note: str = "") -> str:
    rule = rule_for(state, action, role)
    if rule is None:
        raise TransitionRefused(
            _("Tindakan ini tidak tersedia untuk peran Anda pada status ini. / Not allowed in this state.")
        )
    if rule.note_required and not note.strip():
        raise TransitionRefused(
            _("Tindakan ini memerlukan catatan atau alasan. / This action needs a note or a reason.")
        )
    return rule.target


def editable(state: str) -> bool:
    return state in EDITABLE
