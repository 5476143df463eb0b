"""E-mail notifications of the review: who hears of a transition, and the reminder before an entry deadline.

Sent through Django's mail framework (the console by default, SMTP by settings: sakip/settings/base.py), after
the transaction that made the change commits: a mail is never sent for a change that was rolled back, and a mail
server that is down never undoes a planner's or a reviewer's action (the failure is logged).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse

from agencies.models import Agency, Profile

from .models import DeadlineReminder, EntryWindow, ReviewEvent, YearReview
from .workflow import FROZEN, Action

logger = logging.getLogger(__name__)

REMIND_DAYS_BEFORE = 7
AGENCY_SIDE = (Profile.Role.PLANNER, Profile.Role.HEAD)

# What each action says, in both languages: (subject, first line). The agency's name and the year are filled in.
TRANSITION_TEXTS = {
    Action.SUBMIT: (
        "Laporan {year} {agency} diajukan untuk direviu / submitted for review",
        "Laporan kinerja {year} {agency} diajukan ke Inspektorat untuk direviu.\n"
        "The {year} performance report of {agency} was submitted for review.",
    ),
    Action.RETURN: (
        "Laporan {year} {agency} dikembalikan untuk diperbaiki / returned for correction",
        "Inspektorat mengembalikan laporan kinerja {year} untuk diperbaiki.\n"
        "The inspectorate returned the {year} performance report for correction.",
    ),
    Action.APPROVE: (
        "Laporan {year} {agency} disetujui / approved",
        "Inspektorat menyetujui laporan kinerja {year}; data tahun ini kini terkunci.\n"
        "The inspectorate approved the {year} performance report; the year's data is now locked.",
    ),
    Action.REOPEN: (
        "Laporan {year} {agency} dibuka kembali / reopened",
        "Admin membuka kembali laporan kinerja {year} yang telah disetujui.\n"
        "An administrator reopened the approved {year} performance report.",
    ),
}


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


def _reachable(users):
    """Active users with an address who did not opt out."""
    return users.filter(is_active=True, mail_opt_out__isnull=True).exclude(email="").order_by("pk")


def agency_side(agency: Agency):
    return _reachable(get_user_model().objects.filter(profile__agency=agency, profile__role__in=AGENCY_SIDE))


def reviewers_of(agency: Agency):
    return _reachable(
        get_user_model().objects.filter(
            profile__government_id=agency.government_id, profile__role=Profile.Role.REVIEWER
        )
    )


def transition_recipients(action: str, agency: Agency):
    """Users told of an action: reviewers of a submission, the agency's planners and head of the rest."""
    if action not in TRANSITION_TEXTS:
        return get_user_model().objects.none()
    return reviewers_of(agency) if action == Action.SUBMIT else agency_side(agency)


def review_link(agency: Agency, year: int) -> str:
    return settings.SITE_URL + reverse("review:detail", args=[agency.code, year])


def transition_mails(event: ReviewEvent) -> list[Mail]:
    review: YearReview = event.review
    agency = review.agency
    if event.action not in TRANSITION_TEXTS:
        return []
    subject, opening = TRANSITION_TEXTS[event.action]
    names = {"year": review.year, "agency": agency.short_name or agency.name}
    body = opening.format(**names)
    if event.note:
        body += f"\n\nCatatan / Note:\n{event.note}"
    body += f"\n\n{review_link(agency, review.year)}\n"
    recipients = transition_recipients(event.action, agency)
    if event.actor_id is not None:
        recipients = recipients.exclude(pk=event.actor_id)  # the one who acted knows
    return [Mail(user.email, "[SAKIP] " + subject.format(**names), body) for user in recipients]


def deliver(mails: list[Mail]) -> int:
    """Send, each to its own recipient (addresses are not shared); returns how many were sent."""
    if not mails:
        return 0
    messages = [EmailMessage(m.subject, m.body, settings.DEFAULT_FROM_EMAIL, [m.to]) for m in mails]
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:  # a mail server problem must not turn a committed action into an error page
        logger.exception("review notification not sent (%d messages)", len(messages))
        return 0


def notify_transition_on_commit(event: ReviewEvent) -> None:
    transaction.on_commit(lambda: deliver(transition_mails(event)))


def reminder_mails(window: EntryWindow) -> list[Mail]:
    """The planners and heads of the Pemda's agencies whose year is still open for entry."""
    frozen = YearReview.objects.filter(year=window.year, state__in=FROZEN).values("agency")
    agencies = Agency.objects.filter(government_id=window.government_id).exclude(pk__in=frozen)
    deadline = window.deadline
    quarter = ("I", "II", "III", "IV")[window.quarter - 1]
    mails = []
    for agency in agencies.order_by("code"):
        subject = f"[SAKIP] Batas pengisian TW {quarter} {window.year}: {deadline:%d-%m-%Y} / entry deadline"
        body = (
            f"Realisasi triwulan {quarter} tahun {window.year} untuk {agency.name} dapat diisi sampai "
            f"{deadline:%d-%m-%Y}.\n"
            f"Quarter {quarter} {window.year} realisations of {agency.name} can be entered until "
            f"{deadline:%Y-%m-%d}.\n\n"
            f"{settings.SITE_URL}{reverse('indicators:realisations', args=[agency.code, window.year, window.quarter])}\n"
        )
        mails += [Mail(user.email, subject, body) for user in agency_side(agency)]
    return mails


def due_windows(today: datetime.date):
    """Windows closing within the reminder period that have not been reminded of yet (a missed day still sends)."""
    return (
        EntryWindow.objects.filter(
            deadline__gte=today,
            deadline__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
            reminder__isnull=True,
        )
        .select_related("government")
        .order_by("deadline", "pk")
    )


def send_deadline_reminders(today: datetime.date) -> list[tuple[EntryWindow, int]]:
    """Send each due window's reminder once; returns (window, mails sent) per window."""
    sent = []
    for window in due_windows(today):
        with transaction.atomic():
            # Claimed before sending: two runs at once send one reminder (the second fails on the unique row).
            reminder, created = DeadlineReminder.objects.get_or_create(window=window)
            if not created:
                continue
            reminder.recipients = deliver(reminder_mails(window))
            reminder.save(update_fields=["recipients"])
        sent.append((window, reminder.recipients))
    return sent
