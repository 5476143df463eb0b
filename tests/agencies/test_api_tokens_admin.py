"""The admin lists API keys read only (no key, no digest, nothing to edit) and revokes them."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from agencies.api_tokens import issue_token
from agencies.models import ApiToken
from tests.conftest import make_user

CHANGELIST = reverse("admin:agencies_apitoken_changelist")


@pytest.fixture
def admin_client_with_keys(client, demo_agency):
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    planner = make_user("perencana-kunci", "planner", agency=demo_agency)
    keys = [issue_token(planner, name) for name in ("Dasbor", "SIPD")]
    return client, keys


def test_the_admin_lists_keys_without_the_key_or_its_digest(admin_client_with_keys):
    client, keys = admin_client_with_keys
    page = client.get(CHANGELIST).content.decode()
    for token, key in keys:
        assert token.name in page and token.prefix in page
        assert key not in page and token.digest not in page
    assert "perencana-kunci" in page
    assert client.get(reverse("admin:agencies_apitoken_add")).status_code == 403
    change = client.get(reverse("admin:agencies_apitoken_change", args=[keys[0][0].pk])).content.decode()
    assert keys[0][0].digest not in change and 'name="name"' not in change and 'name="_save"' not in change
    # Nothing changes by posting the change form either.
    client.post(reverse("admin:agencies_apitoken_change", args=[keys[0][0].pk]), {"name": "lain"})
    assert ApiToken.objects.get(pk=keys[0][0].pk).name == "Dasbor"


def test_the_admin_revokes_keys(admin_client_with_keys):
    client, keys = admin_client_with_keys
    chosen = keys[0][0]
    response = client.post(
        CHANGELIST, {"action": "revoke_tokens", "_selected_action": [chosen.pk]}, follow=True
    )
    assert "1 token dicabut" in response.content.decode()
    assert ApiToken.objects.get(pk=chosen.pk).revoked_at is not None
    assert ApiToken.objects.get(pk=keys[1][0].pk).revoked_at is None
