"""Every URL of an agency × role × own/other agency × open/frozen year: who gets what, and no write gets through.

The URL list is walked from the URL configuration (as tests/workspace/test_access_url_walk.py does), so a new screen is
covered without touching this file. GET: the status each role gets. POST (an empty form, rolled back after each
request): the status, and that no figure of a frozen year changed, whatever the screen answered.
"""

import re
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from agencies.models import Agency, Profile
from evaluation.models import AnswerEvidence, FollowUp, Recommendation
from evaluation.services import evaluation_for
from indicators.models import Indicator
from interchange.models import ImportRun
from review.models import Comment
from review.workflow import ADMIN, HEAD, PLANNER, REVIEWER, Action, State, rule_for
from tests.conftest import make_user
from tests.review.helpers import YEAR, evidence_for, set_state, small_dataset, year_data
from tests.workspace.test_access_url_walk import agency_patterns

ANONYMOUS = "anonymous"
PEMDA = Profile.Role.PEMDA  # the Pemda's administrators (Bappeda): every agency of the Pemda, read only
ROLES = (ANONYMOUS, PLANNER, HEAD, REVIEWER, PEMDA, ADMIN)
# Under review (submitted) freezes exactly as approved does: tests/review/test_locks.py and test_review_views.py.
STATES = (State.DRAFT, State.APPROVED)

POST_ONLY = {
    "indicators:targets_quarters_check",
    "indicators:realisations_preview",
    "indicators:evidence_delete",
    "budgets:preview",
    "interchange:confirm",
    "interchange:sipd_confirm",
    "surveys:create",
    "review:comment_resolve",
    "review:comment_answer",
    "review:comment_reply",
    # evaluation: (the LKE page)
    "evaluation:issue",
    "evaluation:reopen",
    "evaluation:evidence_delete",
}
GET_REDIRECTS = {"surveys:import"}  # a GET goes back to the survey page
GET_ONLY = {"interchange:run", "interchange:run_status"}  # an import run's page: read, never posted to
ACTIONS = {f"review:{action}": action for action in Action.values}

# --- evaluation_followup: (workspace/views/evaluation_followup.py) ---------------------------------------------------
# The world's evaluation is ISSUED, with one recommendation and one follow-up waiting for a decision; the year's
# review state does not matter to these screens. Everyone who sees the agency reads the list and downloads the
# follow-up's file. The recommendations are the evaluator's and frozen by the issue: creating, editing, deleting
# and reordering are refused to everyone (403). The agency's planners (and admins) post follow-ups: an empty form
# is shown again with its errors (200). The evaluator (reviewers, admins) decides on a follow-up: an empty form is
# shown again with its error (200). Everyone else: 403.
FOLLOWUP_POST_ONLY = {
    "evaluation_followup:delete",
    "evaluation_followup:move_up",
    "evaluation_followup:move_down",
    "evaluation_followup:decide",
}
POST_ONLY |= FOLLOWUP_POST_ONLY
FOLLOWUP_READ = {"evaluation_followup:list", "evaluation_followup:follow_up_file"}


def followup_expected_get(name, role) -> set[int]:
    if name in FOLLOWUP_POST_ONLY:
        return {405}
    if name in FOLLOWUP_READ:
        return {200}
    if name == "evaluation_followup:follow_up":
        return {200} if role in (PLANNER, ADMIN) else {403}
    return {403}  # create, edit: frozen by the issue, and the evaluator's only


def followup_expected_post(name, role) -> set[int]:
    if name in FOLLOWUP_READ:
        return {405}
    if name == "evaluation_followup:follow_up":
        return {200} if role in (PLANNER, ADMIN) else {403}
    if name == "evaluation_followup:decide":
        return {200} if role in (REVIEWER, ADMIN) else {403}
    return {403}  # create, edit, delete, move_up, move_down


# --- end of evaluation_followup ---------------------------------------------------------------------------------


@dataclass
class World:
    own: Agency
    other: Agency  # an agency of another Pemda
    users: dict
    objects: dict  # agency code -> URL arguments of its objects
    media: object  # where the evidence files are


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, demo_dataset_pristine, tmp_path_factory):
    """One import of the demo agency and of another Pemda's agency for the whole module (rolled back after)."""
    from interchange.dataset.writing import dataset_import

    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        pytest.MonkeyPatch.context() as patch,
        override_settings(MEDIA_ROOT=media),
    ):
        patch.setattr("weasyprint.HTML.write_pdf", lambda self, *a, **k: b"%PDF-1.4 stub")
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            own = dataset_import(small_dataset(demo_dataset_pristine)).agency
            data = small_dataset(demo_dataset_pristine)
            data["agency"].update(code="dinas-lain", name="Dinas Lain")
            data["government"].update(code="kota-lain", name="Kota Lain")
            other = dataset_import(data).agency
            users = {
                PLANNER: make_user("m-perencana", PLANNER, agency=own),
                HEAD: make_user("m-kepala", HEAD, agency=own),
                REVIEWER: make_user("m-reviu", REVIEWER, government=own.government),
                PEMDA: make_user("m-bappeda", PEMDA, government=own.government),
                ADMIN: make_user("m-admin", ADMIN),
            }
            objects = {}
            for agency in (own, other):
                evidence = evidence_for(agency)
                comment = Comment.objects.create(
                    agency=agency,
                    year=YEAR,
                    anchor_kind="general",
                    text="Periksa BAB III",
                    author=users[REVIEWER],
                )
                indicator = Indicator.objects.filter(plan__agency=agency).order_by("pk").first()
                run = ImportRun.objects.create(
                    kind=ImportRun.Kind.WORKBOOK, agency=agency, agency_code=agency.code, year=YEAR
                )
                objects[agency.code] = {
                    "run": run.pk,
                    "evidence": evidence.pk,
                    "comment": comment.pk,
                    "indicator": indicator.pk,
                    **evaluation_objects(agency, users[REVIEWER]),
                }
            yield World(own, other, users, objects, media)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def evaluation_objects(agency, reviewer) -> dict:
    """The year's AKIP evaluation, issued (so that the agency reads it and may follow it up): one self-assessment
    evidence file, one recommendation, one follow-up waiting for the inspectorate's decision."""
    evaluation = evaluation_for(agency, YEAR)
    evaluation.letter_number = "700/001/Itko"
    evaluation.issued_at = timezone.now()
    evaluation.issued_by = reviewer
    evaluation.save()
    criterion = evaluation.rubric.rubric.criteria[0].code
    answer_evidence = AnswerEvidence.objects.create(
        evaluation=evaluation,
        criterion=criterion,
        file=ContentFile(b"%PDF-1.4\n", name="bukti.pdf"),
        original_name="bukti.pdf",
        content_type="application/pdf",
        size=9,
    )
    recommendation = Recommendation.objects.create(
        evaluation=evaluation, position=1, text="Selaraskan target PK dengan Renstra", criterion=criterion
    )
    follow_up = FollowUp.objects.create(
        recommendation=recommendation,
        text="Target PK telah diselaraskan",
        file=ContentFile(b"%PDF-1.4\n", name="tindak-lanjut.pdf"),
        original_name="tindak-lanjut.pdf",
        content_type="application/pdf",
        size=9,
    )
    return {
        "answer_evidence": answer_evidence.pk,
        "recommendation": recommendation.pk,
        "follow_up": follow_up.pk,
    }


# URL names whose `pk` is a follow-up's (the other evaluation_followup names take a recommendation's).
FOLLOW_UP_PK = {"evaluation_followup:follow_up_file", "evaluation_followup:decide"}


def url_for(world, agency, name, args, defaults):
    objects = world.objects[agency.code]
    if name.startswith("indicators:evidence_"):
        pk = objects["evidence"]
    elif name.startswith("evaluation:evidence_"):
        pk = objects["answer_evidence"]
    elif name in FOLLOW_UP_PK:
        pk = objects["follow_up"]
    elif name.startswith("evaluation_followup:"):
        pk = objects["recommendation"]
    elif name.startswith("review:comment"):
        pk = objects["comment"]
    elif name in GET_ONLY:
        pk = objects["run"]
    else:
        pk = objects["indicator"]
    kind = "tujuan" if name == "indicators:plan_create" else "indikator"  # a goal needs no parent
    values = {"code": agency.code, "year": YEAR, "quarter": 1, "kind": kind, "pk": pk, **objects}
    return reverse(name, kwargs={n: values[n] for n in args if n not in defaults})


def sees(role, agency, world) -> bool:
    return role == ADMIN or (role in (PLANNER, HEAD, REVIEWER, PEMDA) and agency == world.own)


def expected_get(name, role, state) -> set[int]:
    if name.startswith("evaluation_followup:"):
        return followup_expected_get(name, role)
    # --- evaluation_documents: the LHE letter and the LKE worksheet. The world's evaluation is issued, so every
    # role that sees the agency reads them whatever the year's state; the PDF's preparation is POST only.
    if name.startswith("evaluation_documents:"):
        return {405} if name == "evaluation_documents:lhe_pdf_prepare" else {200}
    if name in POST_ONLY:
        return {405}
    if name in GET_REDIRECTS:
        return {302}
    if name in ACTIONS:
        return {200} if rule_for(state, ACTIONS[name], role) else {403}
    if name == "review:comment_new":
        return {200} if role in (REVIEWER, ADMIN) else {403}
    if DOCUMENTS.search(name):
        return {200, 302}  # an old download address may send on to its new one (within the agency: below)
    return {200}


# --- evaluation: the LKE page (workspace/views/evaluation.py) -----------------------------------------------------
# Not bound by the year's review lock: the same answers in the draft and the approved year. The world's evaluation
# is ISSUED, hence frozen: a POST to the LKE page or an evidence deletion is refused (403) for the planner and the
# evaluator alike (frozen) and for heads and the Pemda's administrators (read only). Issuing again is a no-op back
# to the page, reopening is allowed: both the inspectorate's (and the admins') only. The history and the
# evidence download are read with GET only.
def expected_evaluation_post(name, role) -> set[int]:
    if name in ("evaluation:answer_history", "evaluation:evidence_download"):
        return {405}
    if name in ("evaluation:issue", "evaluation:reopen"):
        return {302} if role in (REVIEWER, ADMIN) else {403}
    return {403}


def expected_post(name, args, role, state) -> set[int]:
    if name.startswith("evaluation:"):
        return expected_evaluation_post(name, role)
    # --- evaluation_documents: only the PDF's preparation is posted (by anyone who reads the letter; it writes
    # nothing but the render queue); the other views answer GET only.
    if name.startswith("evaluation_documents:"):
        return {200, 202} if name == "evaluation_documents:lhe_pdf_prepare" else {405}
    if name == "review:detail":
        return {405}
    if name.startswith("evaluation_followup:"):
        return followup_expected_post(name, role)
    if name in ACTIONS:
        # An empty form: applied (redirect), or shown again when the action needs a note.
        return {200, 302} if rule_for(state, ACTIONS[name], role) else {403}
    if name == "review:comment_new":
        return {302} if role in (REVIEWER, ADMIN) else {403}
    if name == "review:comment_resolve":  # the reviewer decides whether a comment is dealt with
        return {302} if role in (REVIEWER, ADMIN) else {403}
    if name == "review:comment_answer":  # the agency says it answered
        return {302} if role in (PLANNER, HEAD) else {403}
    if name == "review:comment_reply":  # both sides talk; the Pemda's administrators only read
        return {403} if role == PEMDA else {302}
    if role not in (PLANNER, ADMIN):
        return {403}
    frozen = state != State.DRAFT
    if frozen and "year" in args:
        return {403}
    if frozen:  # screens without a year in the URL: they may answer, but a frozen figure never changes
        return {200, 302, 403}
    if name in GET_ONLY:
        return {405}
    return {200, 302}


def client_for(client, world, role):
    if role != ANONYMOUS:
        client.force_login(world.users[role])
    return client


# Documents (LKjIP, Renstra, downloads) read the data and never depend on the review state or the role: their GET
# is checked in the open year, by a planner and a reviewer (heads and admins reach them through the same
# `agency_view` as every other screen, checked below). An admin sees every agency: another agency's screens are checked through their POSTs
# (the lock binds admins everywhere; documents only where the year is frozen) and its home page.
DOCUMENTS = re.compile(r"lkjip|renstra|pdf|xlsx|json|html|template|history|riwayat")


def methods(name, role, agency, state, world) -> tuple[str, ...]:
    if role == ADMIN and agency == world.other and name != "agencies:overview":
        return () if DOCUMENTS.search(name) and state == State.DRAFT else ("post",)
    if DOCUMENTS.search(name) and (state != State.DRAFT or role in (HEAD, ADMIN)):
        return ("post",)
    return ("get", "post")


CASES = [(role, state) for role in ROLES for state in STATES if role != ANONYMOUS or state == State.DRAFT]


@pytest.mark.parametrize("role, state", CASES)
def test_permission_matrix(client, db, settings, world, role, state):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    settings.MEDIA_ROOT = world.media
    for agency in (world.own, world.other):
        set_state(agency, state)
    client = client_for(client, world, role)
    problems, checked = [], 0
    for agency in (world.own, world.other):
        before = year_data(agency)
        for name, args, defaults in agency_patterns():
            url = url_for(world, agency, name, args, defaults)
            for method in methods(name, role, agency, state, world):
                with transaction.atomic():
                    response = getattr(client, method)(url, {})
                    changed = method == "post" and state != State.DRAFT and year_data(agency) != before
                    transaction.set_rollback(True)
                checked += 1
                if role == ANONYMOUS:
                    expected = {302}
                    if response.status_code == 302 and not response.url.startswith("/masuk/"):
                        problems.append(f"{method.upper()} {url}: redirected to {response.url}, not to login")
                elif not sees(role, agency, world):
                    expected = {404}
                elif method == "get":
                    expected = expected_get(name, role, state)
                else:
                    expected = expected_post(name, args, role, state)
                if (
                    role != ANONYMOUS
                    and response.status_code == 302
                    and not response.url.startswith((f"/opd/{agency.code}/", "/masuk/"))
                ):
                    problems.append(f"{method.upper()} {url}: redirected out of the agency to {response.url}")
                if response.status_code not in expected:
                    problems.append(
                        f"{method.upper()} {url}: {response.status_code}, expected {sorted(expected)}"
                    )
                if changed:
                    problems.append(f"{method.upper()} {url}: changed figures of the frozen year {YEAR}")
    assert checked > 100
    assert not problems, "\n".join(problems)


def test_the_matrix_walks_the_review_screens_too():
    names = {name for name, _, _ in agency_patterns()}
    assert {
        "review:detail",
        "review:comment_new",
        "review:comment_resolve",
        "review:comment_answer",
        "review:comment_reply",
        *ACTIONS,
    } <= names
    assert set(Profile.Role.values) == {PLANNER, HEAD, REVIEWER, PEMDA, ADMIN}
