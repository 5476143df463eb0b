"""The rate limit per key (API_RATE): past it, 429 with Retry-After; each key has its own budget, and the browser
session its user's. The rate is read from the setting when a request is checked (api/throttling.py), so
`override_settings` sets it honestly here."""

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from agencies.api_tokens import issue_token

ROOT = reverse("api:root")


@pytest.fixture(autouse=True)
def three_a_minute():
    with override_settings(API_RATE="3/minute"):
        yield


def test_a_key_past_its_rate_gets_429_with_retry_after(api_world, api_client):
    client = api_client(api_world.keys["planner"])
    for _ in range(3):
        assert client.get(ROOT).status_code != 429
    refused = client.get(ROOT)
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "detail" in refused.json()


def test_each_key_has_its_own_budget(api_world, api_client):
    planner = api_client(api_world.keys["planner"])
    for _ in range(4):
        planner.get(ROOT)
    assert planner.get(ROOT).status_code == 429
    # Another key of the same user, and another user's key, still answer.
    second_key = issue_token(api_world.users["planner"], "kedua")[1]
    assert api_client(second_key).get(ROOT).status_code != 429
    assert api_client(api_world.keys["head"]).get(ROOT).status_code != 429


def test_the_browser_session_is_limited_per_user(api_world):
    session = APIClient()
    session.force_login(api_world.users["reviewer"])
    for _ in range(3):
        assert session.get(ROOT).status_code != 429
    assert session.get(ROOT).status_code == 429
