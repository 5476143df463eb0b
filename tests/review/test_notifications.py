"""E-mail notifications: who hears of submit, return, approve and reopen, the reminder seven days before an entry
deadline (once), opting out, and a mail server that is down."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from review.models import DeadlineReminder, EntryWindow, MailOptOut
from review.notifications import send_deadline_reminders
from review.workflow import Action, State
from tests.conftest import make_user
from tests.review.helpers import YEAR, set_state


def transition(agency, action, user, note=""):
    from reports.approval import review_transition

    return review_transition(agency=agency, year=YEAR, action=action, user=user, note=note)


def person(username, role, email=True, **scope):
    user = make_user(username, role, **scope)
    if email:
        user.email = f"{username}@pemda.example"
        user.save(update_fields=["email"])
    return user


@pytest.fixture
def people(demo_agency, other_agency):
    government = demo_agency.government
    return {
        "planner": person("perencana", "planner", agency=demo_agency),
        "head": person("kepala", "head", agency=demo_agency),
        "reviewer": person("inspektur", "reviewer", government=government),
        "reviewer_no_mail": person("tanpa-email", "reviewer", email=False, government=government),
        "other_reviewer": person("inspektur-lain", "reviewer", government=other_agency.government),
        "other_planner": person("perencana-lain", "planner", agency=other_agency),
    }


def sent_to():
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_submission_reaches_the_pemdas_reviewers_after_it_commits(
    demo_agency, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        transition(demo_agency, Action.SUBMIT, people["head"], note="Mohon direviu")
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(callbacks) == 1
    assert sent_to() == ["inspektur@pemda.example"]  # not the head who acted, nor another Pemda's reviewer
    message = mail.outbox[0]
    assert "diajukan" in message.subject and "2021" in message.subject
    assert "Mohon direviu" in message.body and f"/opd/{demo_agency.code}/2021/reviu/" in message.body


def test_return_approve_and_reopen_reach_the_agencys_planners_and_head(
    demo_agency, people, django_capture_on_commit_callbacks
):
    admin = person("admin", "admin")
    with django_capture_on_commit_callbacks(execute=True):
        transition(demo_agency, Action.SUBMIT, people["head"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        transition(demo_agency, Action.RETURN, people["reviewer"], note="Lengkapi bukti TW IV")
    assert sent_to() == ["kepala@pemda.example", "perencana@pemda.example"]
    assert "dikembalikan" in mail.outbox[0].subject and "Lengkapi bukti TW IV" in mail.outbox[0].body
    for action, user, word in (
        (Action.SUBMIT, people["head"], "diajukan"),
        (Action.APPROVE, people["reviewer"], "disetujui"),
        (Action.REOPEN, admin, "dibuka kembali"),
    ):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            transition(demo_agency, action, user, note="alasan")
        assert mail.outbox and all(word in m.subject for m in mail.outbox), action


def test_a_user_who_opted_out_receives_nothing(demo_agency, people, django_capture_on_commit_callbacks):
    MailOptOut.objects.create(user=people["reviewer"])
    with django_capture_on_commit_callbacks(execute=True):
        transition(demo_agency, Action.SUBMIT, people["head"])
    assert mail.outbox == []


def test_a_mail_server_that_is_down_does_not_undo_the_action(
    demo_agency, people, django_capture_on_commit_callbacks, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.review.test_notifications.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        review = transition(demo_agency, Action.SUBMIT, people["head"])
    review.refresh_from_db()
    assert review.state == State.SUBMITTED
    assert "review notification not sent" in caplog.text


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")


def test_the_deadline_reminder_goes_seven_days_before_and_only_once(demo_agency, other_agency, people):
    today = datetime.date(2021, 4, 3)
    window = EntryWindow.objects.create(
        government=demo_agency.government, year=YEAR, quarter=1, deadline=today + datetime.timedelta(days=7)
    )
    EntryWindow.objects.create(  # further away: not yet
        government=demo_agency.government, year=YEAR, quarter=2, deadline=today + datetime.timedelta(days=8)
    )
    assert send_deadline_reminders(today - datetime.timedelta(days=1)) == []
    assert send_deadline_reminders(today) == [(window, 2)]
    assert sent_to() == ["kepala@pemda.example", "perencana@pemda.example"]  # this Pemda's agency side only
    assert "TW I" in mail.outbox[0].subject and "10-04-2021" in mail.outbox[0].subject
    assert f"/opd/{demo_agency.code}/2021/realisasi/tw1/" in mail.outbox[0].body
    mail.outbox.clear()
    assert send_deadline_reminders(today) == [] and mail.outbox == []  # a second run the same day
    assert DeadlineReminder.objects.get(window=window).recipients == 2


def test_a_missed_day_still_reminds_but_not_an_agency_whose_year_is_frozen(demo_agency, people):
    window = EntryWindow.objects.create(
        government=demo_agency.government, year=YEAR, quarter=3, deadline=datetime.date(2021, 10, 10)
    )
    set_state(demo_agency, State.SUBMITTED)
    assert send_deadline_reminders(datetime.date(2021, 10, 6)) == [(window, 0)]
    assert mail.outbox == []


def test_the_command_reports_what_it_sent(demo_agency, people, capsys):
    EntryWindow.objects.create(
        government=demo_agency.government, year=YEAR, quarter=4, deadline=datetime.date(2022, 1, 10)
    )
    call_command("send_deadline_reminders", "--today", "3 Januari 2022")
    assert "TW4 (2022-01-10): 2 email" in capsys.readouterr().out
    call_command("send_deadline_reminders", "--today", "03/01/2022")
    assert "Tidak ada pengingat" in capsys.readouterr().out
