"""The review through its screens: the actions each role sees and takes, comments beside the data, the approved
figures, the reviewer's home, and the admin's reopening."""

import copy
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Profile
from budgets.models import BudgetLine
from indicators.models import Indicator, Realisation
from interchange.dataset.writing import dataset_import
from review.models import Comment, ReviewEvent, YearReview
from review.workflow import State
from tests.conftest import make_user
from tests.review.helpers import YEAR, set_state
from tests.workspace.views import test_realisations as realisation_page


def url(name, agency, *args):
    return reverse(f"review:{name}", args=[agency.code, YEAR, *args])


def state(agency):
    review = YearReview.objects.filter(agency=agency, year=YEAR).first()
    return review.state if review else State.DRAFT


@pytest.fixture
def users(demo_agency):
    return {
        "planner": make_user("u-perencana", "planner", agency=demo_agency),
        "head": make_user("u-kepala", "head", agency=demo_agency),
        "reviewer": make_user("u-reviu", "reviewer", government=demo_agency.government),
        "admin": make_user("u-admin", "admin"),
    }


def as_(client, users, role):
    client.force_login(users[role])
    return client


def test_the_head_submits_after_confirming(client, demo_agency, users):
    as_(client, users, "head")
    overview = client.get(reverse("agencies:overview_year", args=[demo_agency.code, YEAR])).content.decode()
    assert 'data-testid="review-state">Draf<' in overview and url("submit", demo_agency) in overview
    confirm = client.get(url("submit", demo_agency))
    assert confirm.status_code == 200 and 'data-testid="findings-summary"' in confirm.content.decode()
    response = client.post(
        url("submit", demo_agency), {"note": "Mohon direviu", "confirm": "on"}, follow=True
    )
    assert "Diajukan" in response.content.decode()
    assert state(demo_agency) == State.SUBMITTED
    event = ReviewEvent.objects.get(review__agency=demo_agency)
    assert (event.actor, event.from_state, event.to_state, event.note) == (
        users["head"],
        State.DRAFT,
        State.SUBMITTED,
        "Mohon direviu",
    )


def test_the_submission_lists_what_is_missing_and_the_warnings_and_asks_to_confirm(
    client, demo_agency, users
):
    Realisation.objects.filter(
        indicator__code="R2.1", indicator__plan__agency=demo_agency, year=YEAR
    ).delete()
    as_(client, users, "planner")
    page = client.get(url("submit", demo_agency)).content.decode()
    todo = page[page.index('data-testid="todo"') :].split("</div>")[1]
    assert "indikator belum memiliki realisasi TW IV maupun tahunan" in todo and "R2.1" in todo
    plausibility = page[page.index('data-testid="plausibility"') :].split("</div>\n")[1]
    assert "Capaian S1.1 314" in plausibility and "melebihi batas wajar 200 %" in plausibility
    response = client.post(url("submit", demo_agency), {"note": ""})
    assert "Centang konfirmasi bahwa peringatan sudah dibaca" in response.content.decode()
    assert state(demo_agency) == State.DRAFT  # not submitted without the confirmation
    client.post(url("submit", demo_agency), {"note": "", "confirm": "on"})
    assert state(demo_agency) == State.SUBMITTED


def test_check_errors_block_a_submission(client, demo_agency, users):
    line = BudgetLine.objects.filter(
        year=YEAR, sub_activity__activity__program__plan__agency=demo_agency
    ).first()
    line.spent = (line.ceiling_revised or line.ceiling_original) + 1
    line.save()
    as_(client, users, "planner")
    page = client.get(url("submit", demo_agency)).content.decode()
    assert 'data-testid="blocking-errors"' in page and "melebihi pagu" in page
    assert 'class="btn btn-primary" disabled' in page
    response = client.post(url("submit", demo_agency), {"note": "", "confirm": "on"})
    assert "Laporan belum dapat diajukan" in response.content.decode()
    assert state(demo_agency) == State.DRAFT


def test_a_planner_submits_and_a_reviewer_cannot(client, demo_agency, users):
    as_(client, users, "reviewer")
    assert url("submit", demo_agency) not in client.get(url("detail", demo_agency)).content.decode()
    assert client.post(url("submit", demo_agency), {}).status_code == 403
    assert state(demo_agency) == State.DRAFT
    as_(client, users, "planner")
    assert url("submit", demo_agency) in client.get(url("detail", demo_agency)).content.decode()
    client.post(url("submit", demo_agency), {"note": "", "confirm": "on"})
    assert state(demo_agency) == State.SUBMITTED
    assert ReviewEvent.objects.get(review__agency=demo_agency).actor == users["planner"]


def test_returning_needs_a_note_and_reopens_the_data(client, demo_agency, users):
    set_state(demo_agency, State.SUBMITTED)
    as_(client, users, "reviewer")
    response = client.post(url("return", demo_agency), {"note": "  "})
    assert response.status_code == 200 and state(demo_agency) == State.SUBMITTED
    client.post(url("return", demo_agency), {"note": "Target S1.1 tidak sesuai PK"})
    assert state(demo_agency) == State.RETURNED
    as_(client, users, "planner")
    page = client.get(realisation_page.grid_url(demo_agency, 4)).content.decode()
    assert "<fieldset disabled>" not in page
    assert "Target S1.1 tidak sesuai PK" in client.get(url("detail", demo_agency)).content.decode()


def test_approval_keeps_the_figures_and_the_review_page_compares_them(client, demo_agency, users):
    set_state(demo_agency, State.RESUBMITTED)
    as_(client, users, "reviewer")
    response = client.post(url("approve", demo_agency), {})
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert state(demo_agency) == State.APPROVED
    approval = ReviewEvent.objects.get(action="approve")
    assert approval.snapshot["year"] == YEAR and approval.snapshot["agency"] == demo_agency.code
    page = client.get(url("detail", demo_agency)).content.decode()
    assert 'data-testid="approved-figures"' in page and "sama dengan angka yang disetujui" in page
    # The admin reopens with a reason; a realisation changes; the page shows what differs from the approval.
    as_(client, users, "admin")
    assert client.post(url("reopen", demo_agency), {"note": ""}).status_code == 200
    client.post(url("reopen", demo_agency), {"note": "Salah ketik realisasi TW IV"})
    assert state(demo_agency) == State.REOPENED
    row = (
        Realisation.objects.filter(indicator__plan__agency=demo_agency, year=YEAR, quarter=0)
        .exclude(value=None)
        .first()
    )
    row.value += Decimal(1)
    row.save()
    page = client.get(url("detail", demo_agency)).content.decode()
    assert "berbeda dari angka yang disetujui" in page and row.indicator.code in page
    assert "Salah ketik realisasi TW IV" in page


def test_nobody_else_approves_or_reopens(client, demo_agency, users):
    set_state(demo_agency, State.SUBMITTED)
    for role in ("planner", "head", "admin"):
        as_(client, users, role)
        assert client.post(url("approve", demo_agency), {}).status_code == 403, role
    set_state(demo_agency, State.APPROVED)
    for role in ("planner", "head", "reviewer"):
        as_(client, users, role)
        assert client.post(url("reopen", demo_agency), {"note": "x"}).status_code == 403, role
    assert state(demo_agency) == State.APPROVED


def test_a_reviewer_comments_beside_an_indicator_and_the_planner_sees_it_there(client, demo_agency, users):
    indicator = Indicator.objects.filter(plan__agency=demo_agency).order_by("pk").first()
    grid = realisation_page.grid_url(demo_agency, 4)
    as_(client, users, "reviewer")
    page = client.get(grid).content.decode()
    link = f'data-testid="add-comment-indicator-{indicator.code}"'
    assert link in page
    form = client.get(url("comment_new", demo_agency) + f"?anchor=indicator:{indicator.code}&next={grid}")
    assert indicator.name in form.content.decode()
    response = client.post(
        url("comment_new", demo_agency),
        {"kind": "indicator", "key": indicator.code, "text": "Bukti dukung belum ada", "next": grid},
    )
    assert response.status_code == 302 and response.url == f"{grid}#indikator-{indicator.code}"
    as_(client, users, "planner")
    page = client.get(grid).content.decode()
    row = page[page.index(f'id="indikator-{indicator.code}"') :].split("</tr>")[0]
    assert "Bukti dukung belum ada" in row and "1 terbuka" in row
    assert link not in page  # planners read comments; they do not write them
    assert 'data-testid="open-comments"' in page


def test_comments_cost_one_query_per_page(client, demo_agency, users):
    as_(client, users, "planner")
    grid = realisation_page.grid_url(demo_agency, 4)
    client.get(grid)
    with CaptureQueriesContext(connection) as without:
        client.get(grid)
    codes = Indicator.objects.filter(plan__agency=demo_agency).values_list("code", flat=True)
    Comment.objects.bulk_create(
        Comment(
            agency=demo_agency,
            year=YEAR,
            anchor_kind="indicator",
            anchor_key=code,
            text="cek",
            author=users["reviewer"],
        )
        for code in codes
    )
    with CaptureQueriesContext(connection) as with_comments:
        page = client.get(grid).content.decode()
    assert page.count('class="review-comments"') == len(codes)
    assert len(with_comments) == len(without) + 1


def test_comments_show_on_every_screen_of_their_data(client, demo_agency, users):
    as_(client, users, "reviewer")
    for kind, key, name, args in (
        ("budget", "2.17.01.2.01.0001", "budgets:entry", [YEAR]),
        ("objective", "S1", "indicators:targets_pk", [YEAR]),
        ("section", "penutup", "reports:narratives", [YEAR]),
        ("general", "", "reports:review", [YEAR]),
    ):
        text = f"Catatan tentang {kind}"
        client.post(url("comment_new", demo_agency), {"kind": kind, "key": key, "text": text})
        assert text in client.get(reverse(name, args=[demo_agency.code, *args])).content.decode(), name


def test_an_unknown_anchor_or_a_foreign_next_is_refused(client, demo_agency, users):
    as_(client, users, "reviewer")
    response = client.post(url("comment_new", demo_agency), {"kind": "indicator", "key": "X9.9", "text": "?"})
    assert response.status_code == 302 and not Comment.objects.exists()
    response = client.post(
        url("comment_new", demo_agency),
        {"kind": "general", "key": "", "text": "Umum", "next": "https://contoh.invalid/"},
    )
    assert response.url.startswith(url("detail", demo_agency))


def test_only_the_reviewer_resolves_and_the_list_filters(client, demo_agency, users):
    comment = Comment.objects.create(
        agency=demo_agency, year=YEAR, anchor_kind="general", text="Lengkapi BAB I", author=users["reviewer"]
    )
    as_(client, users, "planner")
    assert client.post(url("comment_resolve", demo_agency, comment.pk), {"resolved": "1"}).status_code == 403
    comment.refresh_from_db()
    assert not comment.resolved
    page = client.get(url("detail", demo_agency)).content.decode()
    assert (
        f'action="{url("comment_resolve", demo_agency, comment.pk)}"' not in page
    )  # no button they can't use
    as_(client, users, "reviewer")
    client.post(url("comment_resolve", demo_agency, comment.pk), {"resolved": "1"})
    comment.refresh_from_db()
    assert comment.resolved and comment.resolved_by == users["reviewer"] and comment.resolved_at
    assert "Lengkapi BAB I" not in client.get(url("detail", demo_agency)).content.decode()  # open only
    assert "Lengkapi BAB I" in client.get(url("detail", demo_agency) + "?status=resolved").content.decode()
    client.post(url("comment_resolve", demo_agency, comment.pk), {"resolved": "0"})
    comment.refresh_from_db()
    assert not comment.resolved and comment.resolved_by is None


def test_the_planner_answers_and_marks_answered_and_the_reviewer_replies(client, demo_agency, users):
    comment = Comment.objects.create(
        agency=demo_agency,
        year=YEAR,
        anchor_kind="general",
        text="Sumber data IKU 2?",
        author=users["reviewer"],
    )
    as_(client, users, "planner")
    client.post(url("comment_reply", demo_agency, comment.pk), {"text": "Dari BPS, sudah ditambahkan."})
    response = client.post(url("comment_answer", demo_agency, comment.pk), {"answered": "1"}, follow=True)
    page = response.content.decode()
    assert "Dari BPS, sudah ditambahkan." in page and 'data-testid="comment-answered"' in page
    comment.refresh_from_db()
    assert comment.answered_by == users["planner"] and not comment.resolved  # answered is not resolved
    as_(client, users, "reviewer")
    assert client.post(url("comment_answer", demo_agency, comment.pk), {"answered": "0"}).status_code == 403
    client.post(url("comment_reply", demo_agency, comment.pk), {"text": "Terima kasih, sesuai."})
    page = client.get(url("detail", demo_agency)).content.decode()
    replies = page[page.index('data-testid="replies"') :]
    assert replies.index("Dari BPS") < replies.index("Terima kasih, sesuai.")  # the conversation in order
    assert client.post(url("comment_reply", demo_agency, comment.pk), {"text": "  "}).status_code == 302
    assert comment.replies.count() == 2  # an empty reply is refused, with a message


def test_the_return_note_stays_on_the_years_pages_until_resubmission(client, demo_agency, users):
    as_(client, users, "head")
    client.post(url("submit", demo_agency), {"confirm": "on"})
    as_(client, users, "reviewer")
    client.post(url("return", demo_agency), {"note": "Perbaiki analisis sasaran R2."})
    as_(client, users, "planner")
    realisations = reverse("indicators:realisations", args=[demo_agency.code, YEAR, 4])
    page = client.get(realisations).content.decode()
    banner = page[page.index('data-testid="return-note"') :].split("</div>\n</div>")[0]
    assert "Perbaiki analisis sasaran R2." in banner and "u-reviu" in banner
    as_(client, users, "head")
    client.post(url("submit", demo_agency), {"confirm": "on"})
    assert 'data-testid="return-note"' not in client.get(realisations).content.decode()


def test_the_reviewer_home_lists_each_agency_with_the_state_of_its_years(
    client, demo_agency, demo_dataset, users
):
    sibling = copy.deepcopy(demo_dataset)  # a second agency of the same Pemda
    sibling["agency"].update(code="dinas-kedua", name="Dinas Kedua")
    second = dataset_import(sibling).agency
    set_state(demo_agency, State.SUBMITTED)
    set_state(demo_agency, State.APPROVED, year=YEAR - 1)
    as_(client, users, "reviewer")
    html = client.get(reverse("agencies:home")).content.decode()
    assert 'data-testid="waiting"' in html and "1 laporan menunggu reviu" in html
    own = html[html.index(f'data-testid="review-years-{demo_agency.code}"') :].split("</div>")[0]
    assert f'href="{url("detail", demo_agency)}"' in own and "Diajukan" in own and "Disetujui" in own
    theirs = html[html.index(f'data-testid="review-years-{second.code}"') :].split("</div>")[0]
    assert "Draf" in theirs and "Diajukan" not in theirs


def test_admin_reopens_from_the_admin_list_with_a_reason(client, demo_agency):
    set_state(demo_agency, State.APPROVED)
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    review = YearReview.objects.get(agency=demo_agency, year=YEAR)
    changelist = reverse("admin:review_yearreview_changelist")
    ask = client.post(changelist, {"action": "reopen", "_selected_action": [review.pk]})
    assert ask.status_code == 200 and "Alasan membuka kembali" in ask.content.decode()
    client.post(
        changelist,
        {"action": "reopen", "_selected_action": [review.pk], "apply": "1", "reason": "Koreksi BPK"},
    )
    review.refresh_from_db()
    assert review.state == State.REOPENED
    assert review.events.get().note == "Koreksi BPK"


def test_roles_are_assigned_on_the_users_admin_page(client, demo_agency):
    client.force_login(get_user_model().objects.create_superuser("root", password="x"))
    page = client.get(reverse("admin:auth_user_add")).content.decode()
    assert 'name="profile-0-role"' in page
    user = get_user_model().objects.create_user("baru", password="x")
    change = reverse("admin:auth_user_change", args=[user.pk])
    form = client.get(change).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields if name not in ("password",)}
    data.update(
        {"date_joined_0": "2021-01-01", "date_joined_1": "00:00:00", "last_login_0": "", "last_login_1": ""}
    )
    data.update(
        {
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "0",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
        }
    )
    data.update({"profile-0-role": "planner", "profile-0-agency": demo_agency.pk, "profile-0-government": ""})
    data["groups"], data["user_permissions"] = [], []
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Profile.objects.get(user=user).agency == demo_agency


def test_the_review_page_tells_what_changed_since_approval_in_plain_indonesian(client, demo_agency, users):
    """Before: JSON paths with dot decimals ("$.indicators[S1.1].capaian: 103.32"); now sentences and 1.715,5."""
    indicator = Indicator.objects.filter(
        plan__agency=demo_agency, polarity="higher", targets__year=YEAR
    ).first()
    set_state(demo_agency, State.RESUBMITTED)
    as_(client, users, "reviewer")
    client.post(url("approve", demo_agency), {})
    approval = ReviewEvent.objects.get(action="approve")
    assert approval.snapshot["definitions"]["indicators"][indicator.code]["polarity"] == "higher"
    as_(client, users, "admin")
    client.post(url("reopen", demo_agency), {"note": "Arah indikator salah"})
    indicator.polarity = "lower"  # allowed: the year is reopened
    indicator.save()
    page = client.get(url("detail", demo_agency)).content.decode()
    line = f"Arah indikator {indicator.code} diubah setelah disetujui: makin tinggi → makin rendah"
    assert line in page
    assert (
        "$.indicators" not in page and "<code>" not in page.split('data-testid="approved-figures"')[1][:3000]
    )
