"""Parallel requests against a live server: two saves of the same row, two review actions, a double-clicked
import confirmation or evidence upload, fired at the same instant from separate sessions (threads).

Each race is repeated, because a race lost once proves little: every round must give no server error, exactly
one winner, the loser told why, and the stored data equal to what the winner was told (agencies/writes.py).
"""

from __future__ import annotations

import io
import re
from functools import partial
from urllib.parse import urlparse

import pytest
from openpyxl import load_workbook
from PIL import Image

from tests.conftest import make_user
from tests.live_client import Session, form_fields, simultaneously

YEAR = 2021
PASSWORD = "rahasia-uji-123"
CONFLICT = "telah diubah pengguna lain"
STATE_CHANGED = "Status laporan sudah berubah"
ALREADY_APPLIED = "Impor ini sudah diterapkan"
ALREADY_UPLOADED = "Sudah diunggah untuk realisasi ini"


@pytest.fixture
def site(transactional_db, live_server, demo_dataset):
    from agencies.models import Profile
    from agencies.services import demo_users_create
    from interchange.dataset.writing import dataset_import

    agency = dataset_import(demo_dataset).agency
    demo_users_create(agency=agency, password=PASSWORD)
    other = make_user("perencana-dua", Profile.Role.PLANNER, agency=agency)
    other.set_password(PASSWORD)
    other.save()
    return agency, live_server.url


def _login(base, username):
    return Session(base).login(username, PASSWORD)


def _messages(session, path) -> str:
    """The page the user lands on after a redirect: where the app's message for them is shown."""
    return session.get(path).text


def _no_server_errors(*replies):
    assert all(not isinstance(r, Exception) for r in replies), replies
    assert [r.status for r in replies if r.status >= 500] == [], [r.text[:300] for r in replies]


def test_parallel_saves_of_one_grid_row_keep_the_winners_value(site):
    from indicators.models import Realisation

    agency, base = site
    first, second = _login(base, "perencana"), _login(base, "perencana-dua")
    url = f"/opd/{agency.code}/{YEAR}/realisasi/tw1/"
    key = next(
        k for k in form_fields(first.get(url).text, form_id="realisation-grid") if k.endswith("-value")
    )
    indicator_pk = int(re.match(r"r(\d+)-value", key).group(1))
    for round_ in range(10):
        forms = [form_fields(s.get(url).text, form_id="realisation-grid") for s in (first, second)]
        typed = [str(200 + 2 * round_), str(201 + 2 * round_)]
        for form, value in zip(forms, typed, strict=True):
            form[key] = value
        replies = simultaneously(partial(first.post, url, forms[0]), partial(second.post, url, forms[1]))
        _no_server_errors(*replies)
        saved = [value for reply, value in zip(replies, typed, strict=True) if reply.status == 302]
        assert len(saved) == 1, [r.status for r in replies]  # one winner; never both told "saved"
        loser = next(r for r in replies if r.status != 302)
        assert loser.status == 200 and CONFLICT in loser.text  # the conflict message, their value shown
        stored = Realisation.objects.get(indicator_id=indicator_pk, year=YEAR, quarter=1)
        assert stored.value == int(saved[0])  # no lost edit: what the winner was told is what is stored


def _act(session, agency, slug):
    path = f"/opd/{agency.code}/{YEAR}/reviu/{slug}/"
    form = form_fields(session.get(path).text, having="seen_state")
    form["confirm"] = "on"  # the submitter has read the warnings (a submission asks, issue 19)
    return lambda: session.post(path, form)


def _race_transition(agency, sessions, slugs):
    """Both sessions open the confirmation, then click at once: one transition, the other told it changed."""
    from review.models import ReviewEvent

    detail = f"/opd/{agency.code}/{YEAR}/reviu/"
    before = ReviewEvent.objects.filter(review__agency=agency, review__year=YEAR).count()
    clicks = [_act(s, agency, slug) for s, slug in zip(sessions, slugs, strict=True)]
    replies = simultaneously(*clicks)
    _no_server_errors(*replies)
    assert [r.status for r in replies] == [302] * len(sessions)
    pages = [_messages(s, detail) for s in sessions]
    assert sum(STATE_CHANGED in page for page in pages) == len(sessions) - 1, "the loser is told it changed"
    assert ReviewEvent.objects.filter(review__agency=agency, review__year=YEAR).count() == before + 1


def test_parallel_review_transitions_apply_once(site):
    from review.models import YearReview

    agency, base = site
    planner, head, reviewer = _login(base, "perencana"), _login(base, "kepala"), _login(base, "reviu")
    for _round in range(5):
        _race_transition(agency, (planner, head), ("ajukan", "ajukan"))  # both submit
        assert YearReview.objects.get(agency=agency, year=YEAR).state == "submitted"
        _race_transition(agency, (head, planner), ("tarik", "tarik"))  # both withdraw
        assert YearReview.objects.get(agency=agency, year=YEAR).state == "draft"
    _race_transition(agency, (planner,), ("ajukan",))
    _race_transition(agency, (reviewer, head), ("setujui", "tarik"))  # approve against withdraw
    assert YearReview.objects.get(agency=agency, year=YEAR).state in ("approved", "draft")


def _changed_template(session, agency, value) -> bytes:
    workbook = load_workbook(
        io.BytesIO(session.opener.open(f"{session.base}/opd/{agency.code}/{YEAR}/templat.xlsx").read())
    )
    ws = workbook["Target"]
    column = next(c.column_letter for c in ws[1] if c.value == "PK")
    row = next(c.row for c in ws["A"][1:] if c.value and ws[f"{column}{c.row}"].value is not None)
    ws[f"{column}{row}"] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_double_confirmed_import_is_applied_once(site):
    agency, base = site
    planner = _login(base, "perencana")
    again = planner.twin()  # a double click
    upload = f"/opd/{agency.code}/{YEAR}/impor/"
    confirm = f"/opd/{agency.code}/{YEAR}/impor/konfirmasi/"
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    for round_ in range(5):
        form = form_fields(planner.get(upload).text, form_id="workbook-upload")
        data = _changed_template(planner, agency, 300 + round_)
        preview = planner.post(upload, form, {"file": ("templat.xlsx", data, xlsx)})
        token = re.search(r'name="token" value="([^"]+)"', preview.text).group(1)
        fields = {"csrfmiddlewaretoken": form["csrfmiddlewaretoken"], "token": token}
        replies = simultaneously(partial(planner.post, confirm, fields), partial(again.post, confirm, fields))
        _no_server_errors(*replies)
        assert [r.status for r in replies] == [302, 302]
        # Where each click lands: the run's page (its result) for one, the "already applied" message for the other.
        pages = [
            _messages(s, urlparse(r.location).path) for s, r in zip((planner, again), replies, strict=True)
        ]
        assert sorted("1 nilai dari berkas disimpan" in page for page in pages) == [False, True]
        assert sorted(ALREADY_APPLIED in page for page in pages) == [False, True]
    from interchange.models import AppliedImport

    assert AppliedImport.objects.filter(agency=agency).count() == 5  # each preview applied once


def _png(seed: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (seed, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_double_posted_evidence_upload_stores_one_file(site, settings):
    from pathlib import Path

    from indicators.models import Evidence, Indicator

    agency, base = site
    planner = _login(base, "perencana")
    again = planner.twin()  # a double click
    indicator = Indicator.objects.filter(plan__agency=agency).order_by("position").first()
    path = f"/opd/{agency.code}/{YEAR}/realisasi/tw1/{indicator.pk}/bukti/"
    for round_ in range(5):
        form = form_fields(planner.get(path).text, having="description")
        files = {"file": (f"bukti-{round_}.png", _png(round_), "image/png")}
        replies = simultaneously(
            partial(planner.post, path, form, files), partial(again.post, path, form, files)
        )
        _no_server_errors(*replies)
        assert [r.status for r in replies] == [302, 302]
        assert Evidence.objects.filter(indicator=indicator, year=YEAR, quarter=1).count() == round_ + 1
        pages = [_messages(s, path) for s in (planner, again)]
        assert sorted(ALREADY_UPLOADED in page for page in pages) == [False, True]
    stored = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert len(stored) == 5  # one file per distinct upload on disk too
