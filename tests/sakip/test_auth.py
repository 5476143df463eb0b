"""Login throttling (django-axes): a user name is locked from one address after repeated wrong passwords."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse

from sakip.auth import client_ip
from tests.conftest import make_user


@pytest.fixture
def user(demo_agency):
    return make_user("budi", "planner", agency=demo_agency)  # password "x"


def attempt(client, password, username="budi", address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_repeated_wrong_passwords_lock_the_name_from_that_address(client, user, settings, demo_agency):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "salah").status_code == 200  # the form again, with Django's error
    locked = attempt(client, "salah")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal" in text and "Too many failed login attempts" in text
    assert f"{int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)} menit" in text
    # Locked: even the right password is refused now...
    assert attempt(client, "x").status_code == 429
    assert "_auth_user_id" not in client.session
    # ...but only for that name from that address.
    assert attempt(client, "x", address="10.0.0.2").status_code == 302
    other = make_user("sari", "planner", agency=demo_agency)
    assert attempt(client, "x", username=other.username).status_code == 302


def test_a_successful_login_resets_the_count(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "salah")
    assert attempt(client, "x").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "salah").status_code == 200


def test_authentication_without_a_request_still_works(user):
    """Commands and shells authenticate without a request; there is no client to throttle."""
    assert authenticate(username="budi", password="x") == user


def test_the_client_address_behind_a_proxy(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(request) == "127.0.0.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9", "the address our proxy saw, not what the client claimed"


# --- password spraying: one address, many user names -------------------------------------------------------
def spray(client, count, address="10.0.0.9"):
    """One common password tried on `count` different user names: each stays under the per-name limit."""
    return [attempt(client, "rahasia123", username=f"pegawai{n}", address=address) for n in range(count)]


def test_many_user_names_from_one_address_lock_the_address(client, user, settings):
    assert settings.AXES_ADDRESS_FAILURE_LIMIT == 20  # the default
    responses = spray(client, settings.AXES_ADDRESS_FAILURE_LIMIT - 1)
    assert {r.status_code for r in responses} == {200}
    assert attempt(client, "salah", username="pegawai99", address="10.0.0.9").status_code == 429  # the 20th
    # Now every login from that address is refused, even a correct one of a name never tried...
    refused = attempt(client, "x", address="10.0.0.9")
    assert refused.status_code == 429 and "_auth_user_id" not in client.session
    text = refused.content.decode()
    assert "dari alamat jaringan Anda" in text and "from your network address" in text
    assert f"{int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)} menit" in text
    # ...while the same user logs in from another address.
    assert attempt(client, "x", address="10.0.0.2").status_code == 302


def test_the_address_limit_is_a_setting(client, user, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    spray(client, 8)
    assert attempt(client, "x", address="10.0.0.9").status_code == 429
    settings.AXES_ADDRESS_FAILURE_LIMIT = 0  # no per-address limit: only the name + address pairs count
    assert attempt(client, "x", address="10.0.0.9").status_code == 302


def test_logging_in_to_one_account_does_not_clear_the_address_count(client, user, settings):
    """A sprayer who owns one account (or a colleague behind the same office address) logs in between tries:
    that forgives only that account's own failures."""
    spray(client, settings.AXES_ADDRESS_FAILURE_LIMIT - 1)
    assert attempt(client, "x", address="10.0.0.9").status_code == 302
    client.logout()
    assert attempt(client, "salah", username="pegawai99", address="10.0.0.9").status_code == 429
    assert attempt(client, "x", address="10.0.0.9").status_code == 429


def test_a_locked_name_says_so_and_not_the_address(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "salah")
    text = attempt(client, "x").content.decode()
    assert "Terlalu banyak percobaan masuk yang gagal" in text and "alamat jaringan" not in text
