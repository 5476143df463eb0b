"""Sessions last a working day and end with the browser: a shared office computer left with the browser closed,
or a cookie copied off it, does not open the app the next day."""

import datetime
import json
import subprocess
import sys

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_user
from tests.sakip.test_settings_prod import ROOT, _prod_env

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def logged_in(client, demo_agency):
    """A planner logged in through the login page (not force_login: the page's own cookie is checked)."""
    make_user("budi", "planner", agency=demo_agency)  # password "x"
    response = client.post(reverse("login"), {"username": "budi", "password": "x"})
    assert response.status_code == 302
    return response


def test_the_session_cookie_ends_with_the_browser(logged_in, settings):
    cookie = logged_in.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert cookie["expires"] == "" and cookie["max-age"] == "", "no date: the browser drops it when it closes"
    assert cookie["httponly"]


def at(monkeypatch, moment):
    """Every clock reading of Django (sessions included) says `moment`."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def signed_in(client) -> bool:
    response = client.get(reverse("agencies:home"))
    return not (response.status_code == 302 and response.url.startswith(reverse("login")))


def test_the_server_ends_the_session_nine_hours_after_the_login(client, logged_in, monkeypatch):
    login = timezone.now()
    assert signed_in(client)
    # Working all day does not stretch the session: it ends 9 hours after the login, not after the last page.
    at(monkeypatch, login + 8 * HOUR)
    assert signed_in(client)
    at(monkeypatch, login + 8 * HOUR + 59 * HOUR / 60)
    assert signed_in(client)
    at(monkeypatch, login + 9 * HOUR + HOUR / 60)
    assert not signed_in(client)


def _settings(**env) -> dict:
    code = (
        "import json, django; from django.conf import settings as s; django.setup();"
        "print(json.dumps({k: getattr(s, k) for k in ('SESSION_EXPIRE_AT_BROWSER_CLOSE', 'SESSION_COOKIE_AGE',"
        "'SESSION_SAVE_EVERY_REQUEST', 'AXES_FAILURE_LIMIT', 'AXES_ADDRESS_FAILURE_LIMIT')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_prod_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_defaults_a_working_day_session_and_an_address_limit():
    values = _settings()
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert values["SESSION_COOKIE_AGE"] == 9 * 3600  # was two weeks
    assert values["SESSION_SAVE_EVERY_REQUEST"] is False
    assert values["AXES_ADDRESS_FAILURE_LIMIT"] == 20


def test_session_length_and_address_limit_are_set_from_the_environment():
    values = _settings(SESSION_COOKIE_HOURS="7.5", AXES_ADDRESS_FAILURE_LIMIT="50")
    assert values["SESSION_COOKIE_AGE"] == 7 * 3600 + 1800
    assert values["AXES_ADDRESS_FAILURE_LIMIT"] == 50
