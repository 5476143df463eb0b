"""A user's personal API keys on their account page (/akun/token/): made with a name, shown once, listed with their
last use, revoked; another user's key is out of reach; at most MAX_ACTIVE_TOKENS active at once."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APIClient

from agencies.api_tokens import MAX_ACTIVE_TOKENS, issue_token, key_digest, revoke
from agencies.models import ApiToken
from tests.conftest import make_user

URL = reverse("agencies:api_tokens")


def revoke_url(token):
    return reverse("agencies:api_token_revoke", args=[token.pk])


def api_status(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get(reverse("api:root")).status_code


def test_a_planner_makes_a_key_and_sees_it_once(planner_client, planner):
    response = planner_client.post(URL, {"name": "Dasbor kepala daerah"})
    assert response.status_code == 200
    page = response.content.decode()
    token = ApiToken.objects.get(user=planner)
    key = page.split('data-testid="new-key">')[1].split("<")[0]
    assert key.startswith("sakip_") and key_digest(key) == token.digest and token.prefix == key[:12]
    assert "hanya ditampilkan sekali" in page
    assert "no-store" in response["Cache-Control"]  # no browser or proxy cache keeps it
    assert api_status(key) != 401

    # Never again: not on the page, not in the session.
    again = planner_client.get(URL).content.decode()
    assert key not in again and "Dasbor kepala daerah" in again and f"{token.prefix}…" in again
    assert key not in str(dict(planner_client.session))


def test_the_list_shows_each_keys_last_use_and_state(planner_client, planner):
    used, used_key = issue_token(planner, "Sinkron SIPD")
    revoked, _ = issue_token(planner, "Skrip lama")
    revoke(revoked)
    assert api_status(used_key) != 401
    page = planner_client.get(URL).content.decode()
    rows = {row.split("</td>")[0].split(">")[-1]: row for row in page.split('data-testid="api-token"')[1:]}
    assert "belum pernah" not in rows["Sinkron SIPD"] and "Aktif" in rows["Sinkron SIPD"]
    assert "belum pernah" in rows["Skrip lama"] and "Dicabut" in rows["Skrip lama"]
    assert revoke_url(used) in rows["Sinkron SIPD"] and revoke_url(revoked) not in page


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Beri nama kunci ini. / Give this key a name."), ("x" * 101, "paling banyak 100 karakter")],
)
def test_a_key_needs_a_name_of_at_most_100_characters(planner_client, planner, name, message):
    response = planner_client.post(URL, {"name": name})
    assert response.status_code == 400
    assert message in response.content.decode() and 'data-testid="new-key"' not in response.content.decode()
    assert not ApiToken.objects.filter(user=planner).exists()


def test_at_most_so_many_active_keys(planner_client, planner):
    for n in range(MAX_ACTIVE_TOKENS):
        issue_token(planner, f"kunci {n}")
    response = planner_client.post(URL, {"name": "satu lagi"})
    assert response.status_code == 400
    assert f"{MAX_ACTIVE_TOKENS} kunci aktif" in response.content.decode()
    assert not ApiToken.objects.filter(name="satu lagi").exists()
    # A revoked key makes room.
    revoke(ApiToken.objects.filter(user=planner).first())
    assert planner_client.post(URL, {"name": "satu lagi"}).status_code == 200
    assert ApiToken.objects.filter(name="satu lagi", user=planner).exists()


def test_revoking_a_key_refuses_it_at_once(planner_client, planner):
    token, key = issue_token(planner, "Dasbor")
    assert api_status(key) != 401
    response = planner_client.post(revoke_url(token), follow=True)
    assert response.redirect_chain[-1][0] == URL
    assert "dicabut" in response.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_status(key) == 401
    assert planner_client.get(revoke_url(token)).status_code == 405  # a link cannot revoke


def test_another_users_key_is_out_of_reach(planner_client, other_agency):
    stranger = make_user("orang-lain", "planner", agency=other_agency)
    token, key = issue_token(stranger, "Milik orang lain")
    assert planner_client.post(revoke_url(token)).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None and api_status(key) != 401
    assert "Milik orang lain" not in planner_client.get(URL).content.decode()


def test_every_role_may_hold_keys_a_user_without_one_may_not(client, demo_agency):
    for user in (
        make_user("kepala-uji", "head", agency=demo_agency),
        make_user("pemda-uji", "pemda", government=demo_agency.government),
        get_user_model().objects.create_superuser("root-uji", password="x"),
    ):
        client.force_login(user)
        assert client.post(URL, {"name": "kunci"}).status_code == 200, user
    client.force_login(get_user_model().objects.create_user("tanpa-peran", password="x"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"name": "kunci"}).status_code == 403


def test_the_page_needs_a_login_and_is_in_the_account_menu(client, planner):
    assert client.get(URL).url.startswith("/masuk/")
    token, _ = issue_token(planner, "Dasbor")
    assert client.post(revoke_url(token)).url.startswith("/masuk/")
    client.force_login(planner)
    home = client.get(reverse("agencies:home"), follow=True).content.decode()
    assert f'href="{URL}"' in home
    page = client.get(URL).content.decode()
    assert 'href="/api/docs/"' in page and "bertindak sebagai Anda" in page


def test_the_page_reads_in_english(planner_client, settings):
    planner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = planner_client.post(URL, {"name": "Dashboard"}).content.decode()
    assert "API tokens" in page and "it is shown only once" in page and "Last used" in page
