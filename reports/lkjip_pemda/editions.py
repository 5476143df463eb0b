"""The approved edition of the Pemda LKjIP of a year: the Pemda's inspectorate (or an admin) approves the report,
which keeps it as rendered then (`review.models.PemdaEdition`, the same documents and compression as an agency's
`ApprovedEdition`, served through the same `Edition`); while the year stays approved its page, downloads and PDF
are that edition, and the public page publishes it (workspace/public.py). Reopening shows the live report again;
approving again keeps a new edition.

Who may approve is the access layer's answer (`workspace.access.may_approve_pemda_report`), asked by the view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from agencies.models import Government
from reports.lkjip.editions import SHEET_SEPARATOR, Edition, latest_approved_edition, pack
from review.models import PemdaEdition, PemdaReportEvent, PemdaReportReview
from review.workflow import Action, State, TransitionRefused

from .build import pemda_lkjip_build
from .json_form import pemda_report_dumps
from .render import pemda_lkjip_body, pemda_lkjip_html, pemda_lkjip_pdf_input
from .workbook import pemda_workbook

APPROVABLE = (State.DRAFT, State.REOPENED)


def capture_pemda_edition(event: PemdaReportEvent, government: Government, year: int) -> PemdaEdition:
    """Render the Pemda LKjIP as it stands (inside the approval's transaction) and keep it with `event`."""
    document = pemda_lkjip_build(government, year)
    html, sheets = pemda_lkjip_pdf_input(document)
    # Its two stylesheets in one field (`Edition.pdf_input` splits them again): the same PDF input as the live
    # report's, so an unchanged report's PDF, rendered before the approval, is the approved one's file too.
    return PemdaEdition.objects.create(
        event=event,
        title=f"LKjIP {year} · {government.name}",
        page_body=pack(pemda_lkjip_body(document)),
        print_html=pack(html),
        stylesheet=pack(SHEET_SEPARATOR.join(sheets)),
        download_html=pack(pemda_lkjip_html(document, for_print=True)),
        report_json=pack(pemda_report_dumps(document)),
        workbook=pemda_workbook(document),
    )


def pemda_report_transition(
    *, government: Government, year: int, action: str, user: Any
) -> PemdaReportReview:
    """Approve (keeping the edition) or reopen the Pemda LKjIP of the year, all or nothing. Raises
    `TransitionRefused` when the year is not in a state the action applies to (someone else acted first), and
    `ReportUnavailable` when there is no report to approve (no RPJMD covers the year)."""
    with transaction.atomic():
        review, _ = PemdaReportReview.objects.select_for_update().get_or_create(
            government=government, year=year
        )
        if action == Action.APPROVE and review.state in APPROVABLE:
            target = State.APPROVED
        elif action == Action.REOPEN and review.state == State.APPROVED:
            target = State.REOPENED
        else:
            raise TransitionRefused(
                "LKjIP Pemda tahun ini tidak dalam status yang memungkinkan tindakan ini. / "
                "The Pemda LKjIP of this year is not in a state that allows this action."
            )
        event = PemdaReportEvent.objects.create(review=review, actor=user, action=action)
        if target == State.APPROVED:
            capture_pemda_edition(event, government, year)  # ReportUnavailable: nothing is kept
        review.state = target
        review.save(update_fields=["state", "updated_at"])
    return review


def approved_pemda_edition(government: Government, year: int | None) -> Edition | None:
    """The edition to serve for the year: the one kept with its latest approval, while the year is approved;
    None otherwise. One query."""
    if year is None:
        return None
    return latest_approved_edition(
        PemdaReportEvent.objects.filter(review__government=government, review__year=year)
    )


@dataclass(frozen=True)
class PemdaApproval:
    """Whether the Pemda LKjIP of a year stands approved, by whom and when: what the dashboard says beside its
    link. The documents themselves are not read (`approved_pemda_edition` serves them)."""

    approved_at: datetime | None  # None: not approved (never, or reopened since)
    approved_by: str = ""


def pemda_report_approval(government: Government, year: int) -> PemdaApproval:
    """The latest approval of the year while it stays approved, the same event `approved_pemda_edition` serves the
    edition of; one query, none of the edition's documents loaded."""
    event = (
        PemdaReportEvent.objects.filter(
            review__government=government,
            review__year=year,
            review__state=State.APPROVED,
            action=Action.APPROVE,
            edition__isnull=False,
        )
        .select_related("actor")
        .only("at", "actor__username", "actor__first_name", "actor__last_name")
        .order_by("-at", "-pk")
        .first()
    )
    if event is None:
        return PemdaApproval(None)
    actor = event.actor
    return PemdaApproval(event.at, (actor.get_full_name() or actor.get_username()) if actor else "")
