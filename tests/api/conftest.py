"""The API's test world: the demo agency, an agency of another Pemda, a user of every role with a key each, and
a revoked key. `api_client(key)` calls with the key (`None`: anonymous)."""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from agencies.api_tokens import issue_token, revoke
from tests.conftest import make_user

ROLES = ("planner", "head", "reviewer", "pemda", "admin")


@dataclass
class ApiWorld:
    agency: object  # the demo agency (Tangerang Selatan, 2021)
    other: object  # an agency of another Pemda, same codes
    users: dict  # role -> user of the demo agency's Pemda ("admin": a superuser)
    keys: dict  # role -> key; also "other_planner" (the other agency's planner) and "revoked" (a planner's)


@pytest.fixture
def api_world(demo_agency, other_agency, django_user_model):
    users = {}
    for role in ROLES:
        if role == "admin":
            users[role] = django_user_model.objects.create_superuser("admin-api", password="x")
        elif role in ("planner", "head"):
            users[role] = make_user(f"{role}-api", role, agency=demo_agency)
        else:
            users[role] = make_user(f"{role}-api", role, government=demo_agency.government)
    users["other_planner"] = make_user("other-planner-api", "planner", agency=other_agency)
    keys = {role: issue_token(user, "uji")[1] for role, user in users.items()}
    revoked_token, keys["revoked"] = issue_token(users["planner"], "dicabut")
    revoke(revoked_token)
    return ApiWorld(agency=demo_agency, other=other_agency, users=users, keys=keys)


@pytest.fixture
def api_client():
    def make(key: str | None = None) -> APIClient:
        client = APIClient()
        if key:
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make
