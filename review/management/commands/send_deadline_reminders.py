"""Run once a day (cron or a systemd timer): e-mails the planners and heads of every agency whose year is still
open, seven days before a quarter's entry deadline; a window is reminded of once."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from review.notifications import REMIND_DAYS_BEFORE, send_deadline_reminders
from sakip.dates import parse_date


class Command(BaseCommand):
    help = (
        f"Kirim pengingat {REMIND_DAYS_BEFORE} hari sebelum batas pengisian / send entry-deadline reminders."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="tanggal hari ini / today's date (default: today)")

    def handle(self, *args, today=None, **options):
        if today:
            try:
                day = parse_date(today)
            except ValueError as error:
                raise CommandError(str(error)) from error
        else:
            day = timezone.localdate()
        sent = send_deadline_reminders(day)
        for window, count in sent:
            self.stdout.write(
                f"{window.government.code} {window.year} TW{window.quarter} ({window.deadline:%Y-%m-%d}): "
                f"{count} email"
            )
        if not sent:
            self.stdout.write("Tidak ada pengingat yang jatuh tempo. / No reminder due.")
