"""The LHE's recommendations and their follow-up through the screens: the inspectorate writes them before the LHE
is issued, the agency sees them only after, posts follow-ups with evidence, the inspectorate accepts or returns
them; status and follow-up rate follow; nobody else writes, another Pemda sees nothing."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluation import followup
from evaluation.models import Evaluation, FollowUp, Recommendation
from evaluation.services import evaluation_for
from review.workflow import State
from tests import files
from tests.conftest import make_user
from tests.review.helpers import YEAR, set_state

PDF = files.pdf()


@pytest.fixture
def users(demo_agency):
    return {
        "planner": make_user("r-perencana", "planner", agency=demo_agency),
        "head": make_user("r-kepala", "head", agency=demo_agency),
        "reviewer": make_user("r-reviu", "reviewer", government=demo_agency.government),
        "pemda": make_user("r-bappeda", "pemda", government=demo_agency.government),
        "admin": make_user("r-admin", "admin"),
    }


def as_(client, users, role):
    client.force_login(users[role])
    return client


def url(name, agency, *args):
    return reverse(f"evaluation_followup:{name}", args=[agency.code, YEAR, *args])


def page(client, agency) -> str:
    response = client.get(url("list", agency))
    assert response.status_code == 200
    return response.content.decode()


def issue(agency):
    evaluation = evaluation_for(agency, YEAR)
    evaluation.issued_at = timezone.now()
    evaluation.save()
    return evaluation


def recommend(agency, *texts, criterion=""):
    evaluation = evaluation_for(agency, YEAR)
    start = evaluation.recommendations.count()
    return [
        Recommendation.objects.create(
            evaluation=evaluation, position=start + n, text=text, criterion=criterion
        )
        for n, text in enumerate(texts, start=1)
    ]


def texts(agency):
    return list(
        Recommendation.objects.filter(evaluation__agency=agency, evaluation__year=YEAR)
        .order_by("position")
        .values_list("position", "text")
    )


def pdf_upload(name="tindak-lanjut.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_the_evaluator_writes_reorders_and_deletes_recommendations_before_the_lhe_is_issued(
    client, demo_agency, users
):
    as_(client, users, "reviewer")
    assert "Belum ada evaluasi AKIP" in page(client, demo_agency)
    assert not Evaluation.objects.exists()  # reading does not start an evaluation
    first = client.post(
        url("create", demo_agency),
        {
            "text": "Selaraskan target PK",
            "criterion": "1.a.3",
            "priority": "tinggi",
            "target_date": "3 Januari 2022",
        },
    )
    assert first.status_code == 302
    for text in ("Lengkapi Rencana Aksi", "Unggah bukti realisasi"):
        client.post(url("create", demo_agency), {"text": text, "priority": "sedang"})
    assert texts(demo_agency) == [
        (1, "Selaraskan target PK"),
        (2, "Lengkapi Rencana Aksi"),
        (3, "Unggah bukti realisasi"),
    ]
    stored = Recommendation.objects.get(text="Selaraskan target PK")
    assert (stored.criterion, stored.priority, stored.target_date) == (
        "1.a.3",
        "tinggi",
        datetime.date(2022, 1, 3),
    )
    html = page(client, demo_agency)
    assert "1.a.3 Terdapat dokumen perencanaan kinerja jangka menengah." in html
    assert (
        "3 Januari 2022" in html
        and 'data-status="belum"' in html
        and 'data-testid="draft-recommendations"' in html
    )

    edit = client.get(url("edit", demo_agency, stored.pk)).content.decode()
    assert 'value="3 Januari 2022"' in edit
    client.post(
        url("edit", demo_agency, stored.pk),
        {
            "text": "Selaraskan target PK dengan Renstra",
            "criterion": "1.a.3",
            "priority": "rendah",
            "target_date": "",
        },
    )
    stored.refresh_from_db()
    assert (stored.text, stored.priority, stored.target_date) == (
        "Selaraskan target PK dengan Renstra",
        "rendah",
        None,
    )

    client.post(url("move_down", demo_agency, stored.pk))
    last = Recommendation.objects.get(text="Unggah bukti realisasi")
    client.post(url("move_up", demo_agency, last.pk))
    client.post(
        url("move_up", demo_agency, Recommendation.objects.get(text="Lengkapi Rencana Aksi").pk)
    )  # first
    assert [text for _, text in texts(demo_agency)] == [
        "Lengkapi Rencana Aksi",
        "Unggah bukti realisasi",
        "Selaraskan target PK dengan Renstra",
    ]
    client.post(url("delete", demo_agency, last.pk))
    assert texts(demo_agency) == [(1, "Lengkapi Rencana Aksi"), (2, "Selaraskan target PK dengan Renstra")]
    html = page(client, demo_agency)
    assert html.index("Lengkapi Rencana Aksi") < html.index("Selaraskan target PK dengan Renstra")


def test_a_criterion_outside_the_rubric_and_a_bad_date_are_refused_with_nothing_saved(
    client, demo_agency, users
):
    as_(client, users, "reviewer")
    response = client.post(
        url("create", demo_agency),
        {"text": "Perbaiki", "criterion": "9.z.9", "priority": "sedang", "target_date": "31/02/2022"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "9.z.9 bukan kode kriteria rubrik evaluasi ini. / 9.z.9 is not a criterion code" in html
    assert "is not a calendar date" in html
    response = client.post(url("create", demo_agency), {"text": "Perbaiki", "priority": "mendesak"})
    assert "Unknown priority mendesak; choose tinggi, sedang or rendah." in response.content.decode()
    response = client.post(url("create", demo_agency), {"text": "  ", "priority": "sedang"})
    assert "Tulis rekomendasinya. / Write the recommendation." in response.content.decode()
    assert not Recommendation.objects.exists()


def test_once_the_lhe_is_issued_the_recommendations_are_frozen(client, demo_agency, users):
    (kept,) = recommend(demo_agency, "Selaraskan target PK")
    issue(demo_agency)
    as_(client, users, "reviewer")
    html = page(client, demo_agency)
    assert (
        'data-testid="recommendations-frozen"' in html and 'data-testid="recommendation-create"' not in html
    )
    refused = [
        client.get(url("create", demo_agency)),
        client.post(url("create", demo_agency), {"text": "Baru", "priority": "sedang"}),
        client.get(url("edit", demo_agency, kept.pk)),
        client.post(url("edit", demo_agency, kept.pk), {"text": "Diubah", "priority": "sedang"}),
        client.post(url("move_up", demo_agency, kept.pk)),
        client.post(url("delete", demo_agency, kept.pk)),
    ]
    assert [r.status_code for r in refused] == [403] * 6
    assert "The LHE has been issued" in refused[1].content.decode()
    assert texts(demo_agency) == [(1, "Selaraskan target PK")]


def test_the_agency_sees_the_recommendations_only_once_the_lhe_is_issued(client, demo_agency, users):
    (item,) = recommend(demo_agency, "Selaraskan target PK")
    for role in ("planner", "head", "pemda"):
        as_(client, users, role)
        html = page(client, demo_agency)
        assert 'data-testid="not-issued"' in html and "Selaraskan target PK" not in html
        assert 'data-testid="lhe-link"' not in html
        assert client.get(url("follow_up", demo_agency, item.pk)).status_code == 404
    issue(demo_agency)
    for role in ("planner", "head", "pemda"):
        as_(client, users, role)
        html = page(client, demo_agency)
        assert "Selaraskan target PK" in html and 'data-testid="not-issued"' not in html
        assert reverse("evaluation_documents:lhe", args=[demo_agency.code, YEAR]) in html
        assert ('data-testid="follow-up-create"' in html) == (role == "planner")


def test_no_evaluation_is_an_empty_state_and_starts_nothing(client, demo_agency, users):
    for role in ("planner", "head", "reviewer"):
        as_(client, users, role)
        assert 'data-testid="no-evaluation"' in page(client, demo_agency)
    assert not Evaluation.objects.exists()


def test_a_follow_up_is_returned_with_a_note_then_accepted_and_the_rate_follows(client, demo_agency, users):
    one, two = recommend(demo_agency, "Selaraskan target PK", "Lengkapi Rencana Aksi")
    issue(demo_agency)
    set_state(demo_agency, State.APPROVED)  # the evaluated year is frozen: the follow-up goes on all the same
    as_(client, users, "planner")
    html = page(client, demo_agency)
    assert "0,00" in html[html.index('data-testid="follow-up-rate"') :].split("</p>")[0]
    assert client.get(url("follow_up", demo_agency, one.pk)).status_code == 200
    response = client.post(
        url("follow_up", demo_agency, one.pk), {"text": "Target PK diselaraskan", "file": pdf_upload()}
    )
    assert response.status_code == 302
    posted = FollowUp.objects.get()
    assert (posted.original_name, posted.content_type, posted.size, posted.uploaded_by) == (
        "tindak-lanjut.pdf",
        "application/pdf",
        len(PDF),
        users["planner"],
    )
    assert one.status() == followup.IN_PROGRESS
    html = page(client, demo_agency)
    assert 'data-status="proses"' in html and "tindak-lanjut.pdf" in html

    as_(client, users, "head")  # everyone who sees the recommendation downloads its evidence
    download = client.get(url("follow_up_file", demo_agency, posted.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF

    as_(client, users, "reviewer")
    response = client.post(url("decide", demo_agency, posted.pk), {"decision": "returned", "note": " "})
    assert response.status_code == 200
    assert "A returned follow-up needs a note" in response.content.decode()
    # The page shown again keeps the year buttons on the recommendations, not on the POST-only address.
    assert f'href="{url("list", demo_agency)}" aria-current="page"' in response.content.decode()
    posted.refresh_from_db()
    assert posted.decision == FollowUp.Decision.PENDING
    client.post(
        url("decide", demo_agency, posted.pk),
        {"decision": "returned", "note": "Lampirkan PK yang ditandatangani"},
    )
    posted.refresh_from_db()
    assert (posted.decision, posted.decision_note, posted.decided_by) == (
        "returned",
        "Lampirkan PK yang ditandatangani",
        users["reviewer"],
    )
    assert posted.decided_at is not None and one.status() == followup.IN_PROGRESS

    as_(client, users, "planner")
    html = page(client, demo_agency)
    assert "Lampirkan PK yang ditandatangani" in html and 'data-status="proses"' in html
    client.post(
        url("follow_up", demo_agency, one.pk),
        {"text": "PK bertanda tangan dilampirkan", "link": "https://example.org/pk-2021.pdf"},
    )
    again = FollowUp.objects.get(text="PK bertanda tangan dilampirkan")
    assert (again.link, again.file.name) == ("https://example.org/pk-2021.pdf", "")

    as_(client, users, "reviewer")
    client.post(url("decide", demo_agency, again.pk), {"decision": "accepted"})
    assert one.status() == followup.DONE and two.status() == followup.NOT_STARTED
    as_(client, users, "planner")
    html = page(client, demo_agency)
    rate = html[html.index('data-testid="follow-up-rate"') :].split("</p>")[0]
    assert "50,00" in rate and "1 dari 2" in rate
    assert html.count('data-testid="follow-up-create"') == 1  # only the recommendation still open
    refused = client.post(
        url("follow_up", demo_agency, one.pk), {"text": "Lagi", "link": "https://example.org"}
    )
    assert refused.status_code == 403 and FollowUp.objects.count() == 2


@pytest.mark.parametrize(
    "upload, error",
    [
        (pdf_upload("tindak-lanjut.exe", b"MZ\x90\x00"), "tidak diterima"),
        (pdf_upload("palsu.pdf", b"bukan pdf"), "does not match .pdf"),
        (None, "Attach an evidence file or a link to it."),
    ],
)
def test_a_bad_file_or_no_evidence_is_refused_and_nothing_saved(client, demo_agency, users, upload, error):
    (item,) = recommend(demo_agency, "Selaraskan target PK")
    issue(demo_agency)
    as_(client, users, "planner")
    data = {"text": "Sudah"}
    if upload is not None:
        data["file"] = upload
    response = client.post(url("follow_up", demo_agency, item.pk), data)
    assert response.status_code == 200 and error in response.content.decode()
    assert not FollowUp.objects.exists()


def test_a_file_larger_than_the_limit_is_refused(client, demo_agency, users, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    (item,) = recommend(demo_agency, "Selaraskan target PK")
    issue(demo_agency)
    as_(client, users, "planner")
    big = pdf_upload("besar.pdf", PDF + b"\n" * (1024 * 1024))
    response = client.post(url("follow_up", demo_agency, item.pk), {"text": "Sudah", "file": big})
    assert "besar.pdf is too large (at most 1 MB)" in response.content.decode()
    assert not FollowUp.objects.exists()


def _posted_follow_up(recommendation, user=None):
    return FollowUp.objects.create(
        recommendation=recommendation,
        text="Target PK diselaraskan",
        file=ContentFile(PDF, name="tl.pdf"),
        original_name="tl.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=user,
    )


def test_heads_and_pemda_administrators_only_read(client, demo_agency, users):
    (item,) = recommend(demo_agency, "Selaraskan target PK")
    issue(demo_agency)
    posted = _posted_follow_up(item)
    for role in ("head", "pemda"):
        as_(client, users, role)
        assert "Selaraskan target PK" in page(client, demo_agency)
        answers = [
            client.get(url("create", demo_agency)),
            client.post(url("create", demo_agency), {"text": "Baru", "priority": "sedang"}),
            client.get(url("follow_up", demo_agency, item.pk)),
            client.post(
                url("follow_up", demo_agency, item.pk), {"text": "Sudah", "link": "https://example.org"}
            ),
            client.post(url("decide", demo_agency, posted.pk), {"decision": "accepted"}),
            client.post(url("delete", demo_agency, item.pk)),
        ]
        assert [a.status_code for a in answers] == [403] * 6, role
        assert (
            "Hanya perencana perangkat daerah ini yang dapat mengirim tindak lanjut"
            in answers[3].content.decode()
        )
        assert "Only the inspectorate" in answers[4].content.decode()
    posted.refresh_from_db()
    assert (
        posted.decision == "pending"
        and FollowUp.objects.count() == 1
        and texts(demo_agency) == [(1, "Selaraskan target PK")]
    )
    as_(client, users, "planner")  # the agency's planners do not decide on their own follow-ups
    assert client.post(url("decide", demo_agency, posted.pk), {"decision": "accepted"}).status_code == 403


def test_another_pemda_sees_none_of_it(client, demo_agency, other_agency, users):
    (item,) = recommend(demo_agency, "Selaraskan target PK")
    issue(demo_agency)
    posted = _posted_follow_up(item)
    stranger = make_user("r-reviu-lain", "reviewer", government=other_agency.government)
    client.force_login(stranger)
    answers = [
        client.get(url("list", demo_agency)),
        client.get(url("follow_up_file", demo_agency, posted.pk)),
        client.post(url("decide", demo_agency, posted.pk), {"decision": "accepted"}),
        client.post(url("create", demo_agency), {"text": "Baru", "priority": "sedang"}),
    ]
    assert [a.status_code for a in answers] == [404] * 4
    # Its own agency's address with this Pemda's objects: 404 as well.
    own = reverse("evaluation_followup:decide", args=[other_agency.code, YEAR, posted.pk])
    assert client.post(own, {"decision": "accepted"}).status_code == 404
    assert (
        client.get(reverse("evaluation_followup:edit", args=[other_agency.code, YEAR, item.pk])).status_code
        == 404
    )
    posted.refresh_from_db()
    assert posted.decision == "pending"


def test_a_draft_recommendations_evidence_stays_hidden_from_the_agency(client, demo_agency, users):
    (item,) = recommend(demo_agency, "Selaraskan target PK")
    posted = _posted_follow_up(item)  # e.g. posted before the LHE was reopened
    as_(client, users, "planner")
    assert client.get(url("follow_up_file", demo_agency, posted.pk)).status_code == 404
    as_(client, users, "reviewer")
    assert client.get(url("follow_up_file", demo_agency, posted.pk)).status_code == 200


def test_an_overdue_recommendation_is_marked_until_it_is_done(client, demo_agency, users):
    today = timezone.localdate()
    late, on_time, done = recommend(demo_agency, "Terlambat", "Tepat waktu", "Selesai")
    Recommendation.objects.filter(pk__in=[late.pk, done.pk]).update(
        target_date=today - datetime.timedelta(days=1)
    )
    Recommendation.objects.filter(pk=on_time.pk).update(target_date=today)
    issue(demo_agency)
    accepted = _posted_follow_up(done)
    FollowUp.objects.filter(pk=accepted.pk).update(decision="accepted", decided_at=timezone.now())
    as_(client, users, "planner")
    html = page(client, demo_agency)
    assert html.count('data-testid="overdue"') == 1
    late_card = html[html.index(f'id="rekomendasi-{late.pk}"') : html.index(f'id="rekomendasi-{on_time.pk}"')]
    assert 'data-testid="overdue"' in late_card


def test_overdue_rule():
    day = datetime.date(2022, 3, 31)
    assert followup.overdue(day, followup.IN_PROGRESS, day + datetime.timedelta(days=1))
    assert followup.overdue(day, followup.NOT_STARTED, day + datetime.timedelta(days=1))
    assert not followup.overdue(day, followup.IN_PROGRESS, day)  # the target day itself is not late
    assert not followup.overdue(day, followup.DONE, day + datetime.timedelta(days=30))
    assert not followup.overdue(None, followup.NOT_STARTED, day)


def _list_queries(client, agency) -> int:
    with CaptureQueriesContext(connection) as queries:
        page(client, agency)
    return len(queries)


@pytest.mark.parametrize("role", ["reviewer", "planner"])
def test_the_list_takes_a_constant_number_of_queries(
    client, demo_agency, users, role, django_assert_max_num_queries
):
    issue(demo_agency)
    for item in recommend(demo_agency, "Satu", "Dua"):
        _posted_follow_up(item, users["planner"])
    as_(client, users, role)
    page(client, demo_agency)  # warm: the session, the default rubric's parse
    few = _list_queries(client, demo_agency)
    for item in recommend(demo_agency, *(f"Rekomendasi {n}" for n in range(8)), criterion="1.a.1"):
        for _ in range(3):
            decided = _posted_follow_up(item, users["planner"])
        decided.decision, decided.decision_note, decided.decided_by = "returned", "Kurang", users["reviewer"]
        decided.decided_at = timezone.now()
        decided.save()
    many = _list_queries(client, demo_agency)
    assert many == few
    with django_assert_max_num_queries(10):
        page(client, demo_agency)


def test_the_screen_reads_in_english_too(client, demo_agency, users):
    (item,) = recommend(demo_agency, "Selaraskan target PK")
    issue(demo_agency)
    _posted_follow_up(item, users["planner"])
    as_(client, users, "planner")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = page(client, demo_agency)
    assert "Follow-up rate" in html and "0 of 1 recommendations done" in html
    assert ">In progress<" in html and "Waiting for a decision" in html and "Post a follow-up" in html
