"""Every API endpoint × role × credential × target (own/other Pemda) × open/frozen year: who gets what, and no
write gets through where the screens would refuse it.

The endpoints are walked from the URL configuration (the "api" namespace), so a new endpoint is covered without
touching this file; an endpoint whose view is still a placeholder (501) is skipped until it is built.

Credentials: the browser session, the user's active key (`Authorization: Token sakip_…`), and a revoked key.

                              GET                          PUT/POST (an empty body; a real one), rolled back
                              own        other Pemda       own, open year     own, frozen year   other Pemda
  anonymous (no credential)   401        401               401                401                401
  revoked key                 401        401               401                401                401
  planner                     200        404               200/204/400; 2xx   403                404
  head                        200        404               403                403                404
  reviewer                    200        404               403                403                404
  pemda (Bappeda)             200        404               403                403                404
  admin (superuser)           200        200               200/204/400; 2xx   403                as own
  other Pemda's planner       404        200               404                404                as own's planner

A real body (a realisation, a quarter's spending, an evidence file) changes figures when it is allowed; where the
table says 403 or 404 nothing changed, and a refusal (4xx) never leaves anything half-saved.

"own"/"other" is the agency for /v1/agencies/<code>/…, the Pemda for /v1/pemda/<code>/… (whose screens only the
Pemda-wide roles open: a planner or head gets 404 there). Endpoints without a code (the root, the lists) answer
200 to every authenticated user and list only what the user may see. Session and key give the same answer. The
schema and the docs page are open to anyone (200), but a revoked key is refused on the schema (401); the docs page,
HTML for a browser, reads the session only. A write never
answers 2xx to anyone but the agency's planner or an admin, and in the frozen (approved) year no role's write,
whatever it answers, changes a Realisation or BudgetLine row. Every refusal (401, 403, 404) says why in both
languages ("Indonesian. / English.").
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from agencies.api_tokens import issue_token, revoke
from agencies.models import Agency, Profile
from budgets.models import SubActivity
from indicators.models import Indicator
from interchange.dataset.writing import dataset_import
from review.workflow import State
from tests.conftest import make_user
from tests.review.helpers import PDF, YEAR, set_state, small_dataset, year_data

ANONYMOUS = "anonymous"
PLANNER, HEAD, REVIEWER, PEMDA, ADMIN = (
    Profile.Role.PLANNER,
    Profile.Role.HEAD,
    Profile.Role.REVIEWER,
    Profile.Role.PEMDA,
    Profile.Role.ADMIN,
)
OTHER_PLANNER = "other_planner"
ROLES = (PLANNER, HEAD, REVIEWER, PEMDA, ADMIN, OTHER_PLANNER)
SESSION, KEY, REVOKED = "session", "key", "revoked key"
WRITE_METHODS = ("put", "post", "patch", "delete")
PUBLIC = {"schema", "docs"}  # the API's description of itself: anyone may read it
QUARTER = 1
# A write with an empty body by someone allowed to write an open year: refused as invalid, or nothing to do.
WRITER_ANSWERS = {200, 204, 400}
EMPTY, REAL = "empty body", "real body"


# --- the walk -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Endpoint:
    name: str  # the URL name in the "api" namespace
    route: str  # as written in api/urls.py, e.g. "v1/agencies/<slug:code>/years/<int:year>/report/"
    view: type
    arguments: tuple[str, ...]

    @property
    def placeholder(self) -> bool:
        """Still the contract's placeholder (answers 501) rather than a built view."""
        return any(cls.__name__ == "_Placeholder" for cls in self.view.__mro__)

    @property
    def on_pemda(self) -> bool:
        return self.route.startswith("v1/pemda/<")

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(m for m in ("get", *WRITE_METHODS) if hasattr(self.view, m))

    @property
    def write_methods(self) -> tuple[str, ...]:
        return tuple(m for m in self.methods if m in WRITE_METHODS)


def api_endpoints() -> list[Endpoint]:
    """Every URL pattern of the "api" namespace, in the order of api/urls.py."""
    resolvers = [
        p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.namespace == "api"
    ]
    assert len(resolvers) == 1, "the API is mounted once, as the 'api' namespace"
    endpoints = []
    for pattern in resolvers[0].url_patterns:
        assert isinstance(pattern, URLPattern), "api/urls.py holds plain paths"
        view = getattr(pattern.callback, "view_class", None) or pattern.callback.cls
        endpoints.append(
            Endpoint(pattern.name, str(pattern.pattern), view, tuple(pattern.pattern.converters))
        )
    return endpoints


ENDPOINTS = api_endpoints()


def endpoint_param(endpoint: Endpoint):
    marks = []
    if endpoint.placeholder:
        marks.append(pytest.mark.skip(reason=f"api:{endpoint.name} is still a placeholder (501)"))
    return pytest.param(endpoint, id=endpoint.name, marks=marks)


# --- the world ----------------------------------------------------------------------------------------------------
@dataclass
class World:
    own: Agency
    other: Agency  # an agency of another Pemda, same codes
    users: dict  # role -> user
    keys: dict  # role -> an active key; REVOKED -> a revoked key of the planner
    indicator: str  # an indicator code both agencies have
    budget_path: str  # "program/kegiatan/sub kegiatan" of a budget line both agencies have


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, demo_dataset_pristine):
    """One import of the demo agency (cut small) and of another Pemda's agency for the whole module, rolled back
    after; each test runs in its own transaction inside it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            own = dataset_import(small_dataset(demo_dataset_pristine)).agency
            data = small_dataset(demo_dataset_pristine)
            data["agency"].update(code="dinas-lain", name="Dinas Lain")
            data["government"].update(code="kota-lain", name="Kota Lain")
            other = dataset_import(data).agency
            users = {
                PLANNER: make_user("w-perencana", PLANNER, agency=own),
                HEAD: make_user("w-kepala", HEAD, agency=own),
                REVIEWER: make_user("w-reviu", REVIEWER, government=own.government),
                PEMDA: make_user("w-bappeda", PEMDA, government=own.government),
                OTHER_PLANNER: make_user("w-perencana-lain", PLANNER, agency=other),
            }
            users[ADMIN] = get_user_model().objects.create_superuser("w-admin", password="x")
            keys = {role: issue_token(user, "uji")[1] for role, user in users.items()}
            revoked, keys[REVOKED] = issue_token(users[PLANNER], "dicabut")
            revoke(revoked)
            indicator = (
                Indicator.objects.filter(plan__agency=own)
                .order_by("code")
                .values_list("code", flat=True)
                .first()
            )
            sub = (
                SubActivity.objects.filter(activity__program__plan__agency=own)
                .select_related("activity__program")
                .order_by("pk")
                .first()
            )
            path = f"{sub.activity.program.code}/{sub.activity.code}/{sub.code}"
            yield World(own, other, users, keys, indicator, path)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def url_for(world: World, endpoint: Endpoint, target: str) -> str:
    agency = world.own if target == "own" else world.other
    code = agency.government.code if endpoint.on_pemda else agency.code
    values = {"code": code, "year": YEAR, "quarter": QUARTER, "indicator": world.indicator}
    return reverse(f"api:{endpoint.name}", kwargs={name: values[name] for name in endpoint.arguments})


def client_for(world: World, role: str, credential: str) -> APIClient:
    client = APIClient()
    if credential == REVOKED:
        client.credentials(HTTP_AUTHORIZATION=f"Token {world.keys[REVOKED]}")
    elif role == ANONYMOUS:
        pass
    elif credential == SESSION:
        client.force_login(world.users[role])
    else:
        client.credentials(HTTP_AUTHORIZATION=f"Token {world.keys[role]}")
    return client


# role, credential: anonymous has none; the revoked key is the planner's.
CALLERS = [(ANONYMOUS, None), (PLANNER, REVOKED)] + [(r, c) for r in ROLES for c in (SESSION, KEY)]


# --- the expected table -------------------------------------------------------------------------------------------
def sees(role: str, endpoint: Endpoint, target: str) -> bool:
    if role == ADMIN:
        return True
    if role == OTHER_PLANNER:
        return target == "other" and not endpoint.on_pemda
    if target != "own":
        return False
    return role in (REVIEWER, PEMDA) if endpoint.on_pemda else True


def may_write(role: str) -> bool:
    return role in (PLANNER, ADMIN, OTHER_PLANNER)  # the agency's own planner (where they see it) and admins


def expected(
    endpoint: Endpoint, method: str, role: str, credential: str | None, target: str, state, body: str = EMPTY
) -> set[int]:
    if endpoint.name == "docs":
        return {200}  # a page for browsers: their session only, a key (even a revoked one) is not read there
    if endpoint.name in PUBLIC:
        return {401} if credential == REVOKED else {200}  # open to anyone, but a revoked key is no "anyone"
    if role == ANONYMOUS or credential == REVOKED:
        return {401}
    if "code" in endpoint.arguments and not sees(role, endpoint, target):
        return {404}
    if method == "get":
        return {200}
    if not may_write(role):
        return {403}
    if state != State.DRAFT and "year" in endpoint.arguments:
        return {403}
    return {200, 201} if body == REAL else WRITER_ANSWERS


def real_write(world: World, endpoint: Endpoint) -> dict | None:
    """A request that changes figures when it is allowed (so that "nothing changed" proves a refusal), as
    `APIClient` arguments; None for an endpoint without one here."""
    if endpoint.name == "quarter-realisations":
        row = {
            "indicator": world.indicator,
            "value": "12,5",
            "status": "final",
            "analysis": "Uji jalan izin.",
        }
        return {"data": {"rows": [row]}, "format": "json"}
    if endpoint.name == "quarter-budget":
        row = {"path": world.budget_path, "spent": "1.000.000", "physical_progress": "10"}
        return {"data": {"rows": [row]}, "format": "json"}
    if endpoint.name == "evidence":
        upload = SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")
        return {"data": {"file": [upload], "description": "Uji jalan izin"}, "format": "multipart"}
    return None


def send(client: APIClient, method: str, url: str, request: dict | None = None):
    if method == "get":
        return client.get(url)
    if request is not None:
        return getattr(client, method)(url, **request)
    return getattr(client, method)(url, data=b"", content_type="application/json")


def message_of(response) -> str:
    """The refusal's message (`{"detail": …}`), as a client would show it."""
    try:
        body = json.loads(response.content)
    except ValueError:
        return ""
    return str(body.get("detail", "")).strip() if isinstance(body, dict) else ""


def walk(world: World, endpoint: Endpoint, state, methods) -> tuple[list[str], int]:
    problems, checked = [], 0
    targets = ("own", "other") if "code" in endpoint.arguments else ("own",)
    # The public pages answer everyone alike (and build the whole schema each time): three callers suffice.
    callers = CALLERS[:3] if endpoint.name in PUBLIC else CALLERS
    for role, credential in callers:
        client = client_for(world, role, credential)
        for target in targets:
            url = url_for(world, endpoint, target)
            for method, body in [(m, b) for m in methods for b in (EMPTY, REAL)]:
                request = real_write(world, endpoint) if body == REAL and method in ("put", "post") else None
                if body == REAL and request is None:
                    continue
                agency = world.own if target == "own" else world.other
                before = year_data(agency) if method != "get" else None
                with transaction.atomic():
                    response = send(client, method, url, request)
                    changed = before is not None and year_data(agency) != before
                    transaction.set_rollback(True)
                checked += 1
                want = expected(endpoint, method, role, credential, target, state, body)
                caller = f"{role} ({credential or 'no credential'}, {body})" if method != "get" else role
                if response.status_code not in want:
                    problems.append(
                        f"{method.upper()} {url} as {caller}: {response.status_code}, expected {sorted(want)}"
                    )
                if method != "get" and 200 <= response.status_code < 300 and not may_write(role):
                    problems.append(
                        f"{method.upper()} {url} as {caller}: a read-only role's write answered 2xx"
                    )
                if changed and state != State.DRAFT:
                    problems.append(f"{method.upper()} {url} as {caller}: changed figures of the frozen year")
                elif changed and response.status_code >= 400:
                    problems.append(f"{method.upper()} {url} as {caller}: refused, yet changed figures")
                elif request is not None and 200 <= response.status_code < 300 and not changed:
                    problems.append(f"{method.upper()} {url} as {caller}: answered 2xx, changed nothing")
                refused = response.status_code in (401, 403, 404) and endpoint.name not in PUBLIC
                if refused and " / " not in message_of(response):
                    problems.append(
                        f"{method.upper()} {url} as {caller}: {response.status_code} without a message in both "
                        f"languages: {message_of(response)!r}"
                    )
    return problems, checked


# --- the tests ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("endpoint", [endpoint_param(e) for e in ENDPOINTS])
def test_every_caller_reads_what_the_screens_show(db, world, endpoint):
    for agency in (world.own, world.other):
        set_state(agency, State.DRAFT)
    methods = ("get",) if "get" in endpoint.methods else ()
    if not methods:
        pytest.skip(f"api:{endpoint.name} answers no GET")
    problems, checked = walk(world, endpoint, State.DRAFT, methods)
    assert checked >= 3
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("state", [State.DRAFT, State.APPROVED])
@pytest.mark.parametrize(
    "endpoint", [endpoint_param(e) for e in ENDPOINTS if hasattr(e.view, "put") or hasattr(e.view, "post")]
)
def test_only_the_agencys_planner_and_admins_write_and_never_a_frozen_year(db, world, endpoint, state):
    for agency in (world.own, world.other):
        set_state(agency, state)
    problems, checked = walk(world, endpoint, state, endpoint.write_methods)
    assert checked >= len(CALLERS)
    assert not problems, "\n".join(problems)


def test_the_walk_covers_every_endpoint_of_the_contract():
    names = {e.name for e in ENDPOINTS}
    assert {
        "root",
        "agency-list",
        "agency-detail",
        "report",
        "review",
        "government-list",
        "dashboard",
        "quarter-realisations",
        "quarter-budget",
        "evidence",
    } <= names
    assert names >= PUBLIC
    assert {e.name for e in ENDPOINTS if e.on_pemda} == {"dashboard"}
    arguments = {a for e in ENDPOINTS for a in e.arguments}
    assert arguments <= {"code", "year", "quarter", "indicator"}, (
        "a new URL argument needs a value in url_for"
    )


def test_lists_name_only_the_agencies_the_caller_may_see(db, world):
    endpoint = next(e for e in ENDPOINTS if e.name == "agency-list")
    if endpoint.placeholder:
        pytest.skip("api:agency-list is still a placeholder (501)")
    seen = {
        PLANNER: {world.own.code},
        HEAD: {world.own.code},
        REVIEWER: {world.own.code},
        PEMDA: {world.own.code},
        OTHER_PLANNER: {world.other.code},
        ADMIN: {world.own.code, world.other.code},
    }
    for role, codes in seen.items():
        response = client_for(world, role, KEY).get(reverse("api:agency-list"), {"page_size": 1000})
        assert response.status_code == 200
        body = response.json()
        rows = body["results"] if isinstance(body, dict) else body
        assert {row["code"] for row in rows} == codes, role
