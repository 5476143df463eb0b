"""A key acts as its user; an unknown, revoked or malformed key, or a deactivated user's, is a 401, never a fallback
to anonymous. The key's last use is kept to the minute.

`api:root` answers 501 to an authenticated call until the reads are built (and 200 after): these tests tell 401
from anything else."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIRequestFactory

from agencies.api_tokens import issue_token, revoke, token_for_key
from agencies.models import ApiToken
from api.authentication import ApiTokenAuthentication

ROOT = reverse("api:root")


def test_a_key_acts_as_its_user(api_world):
    request = APIRequestFactory().get(ROOT, HTTP_AUTHORIZATION=f"Token {api_world.keys['head']}")
    user, token = ApiTokenAuthentication().authenticate(request)
    assert user == api_world.users["head"]
    assert token.user == user and token.name == "uji"


def test_a_key_is_accepted_as_token_or_bearer(api_world, api_client):
    key = api_world.keys["planner"]
    assert api_client(key).get(ROOT).status_code not in (401, 403)
    bearer = api_client()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert bearer.get(ROOT).status_code not in (401, 403)


def test_no_key_is_refused_with_a_challenge(db, api_client):
    response = api_client().get(ROOT)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_unknown_and_malformed_keys_are_refused(api_world, api_client):
    key = api_world.keys["planner"]
    for header in (
        f"Token {key[:-1]}x",  # one character off
        "Token sakip_",
        "Token geheim",  # not a SAKIP key at all
        f"Token {key} extra",
        "Token",
    ):
        client = api_client()
        client.credentials(HTTP_AUTHORIZATION=header)
        assert client.get(ROOT).status_code == 401, header


def test_a_revoked_key_is_refused(api_world, api_client):
    response = api_client(api_world.keys["revoked"]).get(ROOT)
    assert response.status_code == 401
    assert "dicabut" in response.json()["detail"]


def test_a_key_revoked_while_in_use_is_refused_from_the_next_request(api_world, api_client):
    token, key = issue_token(api_world.users["planner"], "dasbor")
    client = api_client(key)
    assert client.get(ROOT).status_code != 401
    revoke(token)
    assert client.get(ROOT).status_code == 401
    # The schema is open to anyone, but a revoked key is refused there too rather than read as anonymous.
    assert client.get(reverse("api:schema")).status_code == 401
    assert api_client().get(reverse("api:schema")).status_code == 200


def test_a_deactivated_users_keys_are_refused(api_world, api_client):
    planner = api_world.users["planner"]
    client = api_client(api_world.keys["planner"])
    assert client.get(ROOT).status_code != 401
    planner.is_active = False
    planner.save()
    assert client.get(ROOT).status_code == 401
    planner.is_active = True
    planner.save()
    assert client.get(ROOT).status_code != 401


def test_the_last_use_is_kept_to_the_minute(api_world, api_client):
    key = api_world.keys["reviewer"]
    token = token_for_key(key)
    assert token.last_used_at is None
    before = timezone.now()
    api_client(key).get(ROOT)
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None and first_use >= before

    # Within the minute: not written again (one UPDATE per key per minute, not one per request).
    api_client(key).get(ROOT)
    token.refresh_from_db()
    assert token.last_used_at == first_use

    # A use a minute later is recorded.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first_use - timedelta(minutes=2))
    api_client(key).get(ROOT)
    token.refresh_from_db()
    assert token.last_used_at >= before


def test_a_refused_key_leaves_the_last_use_alone(api_world, api_client):
    api_client(api_world.keys["revoked"]).get(ROOT)
    assert ApiToken.objects.get(name="dicabut").last_used_at is None


def test_a_key_is_stored_as_its_digest_only(api_world):
    key = api_world.keys["planner"]
    assert not ApiToken.objects.filter(digest__contains=key[6:]).exists()
    assert ApiToken.objects.filter(prefix=key[:12]).count() == 1
