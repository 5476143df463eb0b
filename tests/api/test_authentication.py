"""A key acts as its user; an unknown or revoked key is a 401, not a fallback to anonymous."""

from django.urls import reverse


def test_a_revoked_key_is_refused(api_world, api_client):
    response = api_client(api_world.keys["revoked"]).get(reverse("api:root"))
    assert response.status_code == 401
    assert "dicabut" in response.json()["detail"]


def test_no_key_is_refused(db, api_client):
    assert api_client().get(reverse("api:root")).status_code in (401, 403)


def test_a_key_is_stored_as_its_digest_only(api_world):
    from agencies.models import ApiToken

    key = api_world.keys["planner"]
    assert not ApiToken.objects.filter(digest__contains=key[6:]).exists()
    assert ApiToken.objects.filter(prefix=key[:12]).count() == 1
