"""The LKE page of an agency's year: the planner's self-assessment and evidence, the inspectorate's answers with the
app's suggestions, warnings and scores, what the agency may not see before the LHE is issued, all-or-nothing saves
with conflicts, issue and reopen, evidence files, a criterion's history."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from evaluation.models import Answer, AnswerEvidence, ComponentNote, FollowUp, Recommendation
from evaluation.services import evaluation_for
from evaluation.suggestions import Fact, Suggestion
from review.workflow import State
from tests.conftest import make_user
from tests.files import pdf
from tests.review.helpers import set_state

YEAR = 2021
SECRET_NOTE = "Catatan-rahasia-evaluator-XYZ"
PDF = pdf()


@pytest.fixture
def people(demo_agency):
    """A client per role of the demo agency's Pemda (each its own session)."""
    government = demo_agency.government
    users = {
        "planner": make_user("lke-perencana", "planner", agency=demo_agency),
        "head": make_user("lke-kepala", "head", agency=demo_agency),
        "reviewer": make_user("lke-reviu", "reviewer", government=government),
        "pemda": make_user("lke-bappeda", "pemda", government=government),
    }
    clients = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    clients["users"] = users
    return clients


def url(agency, name="lke", *args):
    return reverse(f"evaluation:{name}", args=[agency.code, YEAR, *args])


def criteria(agency):
    return evaluation_for(agency, YEAR).rubric.rubric.criteria


def html(response) -> str:
    return response.content.decode()


def answer_all(agency, value="Y", *, evaluator=True, own=True):
    evaluation = evaluation_for(agency, YEAR)
    for criterion in criteria(agency):
        answer, _created = Answer.objects.get_or_create(evaluation=evaluation, criterion=criterion.code)
        pick = value if criterion.answer_type == "Y/T" else ("A" if value == "Y" else "E")
        if own:
            answer.self_answer = pick
        if evaluator:
            answer.evaluator_answer = pick
        answer.save()
    return evaluation


def complete_letter(evaluation):
    evaluation.letter_number = "700/12/Itko/2022"
    evaluation.letter_date = datetime.date(2022, 3, 1)
    evaluation.save()


def test_planner_self_assesses_and_uploads_evidence(people, demo_agency):
    planner = people["planner"]
    page = planner.get(url(demo_agency))
    assert page.status_code == 200
    assert 'name="s-1.a.1-self_answer"' in html(page)
    assert 'name="e-1.a.1-evaluator_answer"' not in html(page)  # the evaluator's inputs are not the agency's

    saved = planner.post(
        url(demo_agency), {"part": "self", "s-1.a.1-self_answer": "Y", "s-1.a.1-self_note": "Pedoman ada"}
    )
    assert saved.status_code == 302
    answer = Answer.objects.get(evaluation__agency=demo_agency, criterion="1.a.1")
    assert (answer.self_answer, answer.self_note, answer.evaluator_answer) == ("Y", "Pedoman ada", "")

    upload = SimpleUploadedFile("pedoman.pdf", PDF, content_type="application/pdf")
    stored = planner.post(
        url(demo_agency),
        {"part": "evidence", "bukti-criterion": "1.a.1", "bukti-file": upload, "bukti-description": "SE"},
    )
    assert stored.status_code == 302
    linked = planner.post(
        url(demo_agency),
        {"part": "evidence", "bukti-criterion": "1.a.2", "bukti-link": "https://jdih.example.go.id/rpjpd"},
    )
    assert linked.status_code == 302
    evidence = AnswerEvidence.objects.get(evaluation__agency=demo_agency, criterion="1.a.1")
    assert (evidence.original_name, evidence.content_type, evidence.description) == (
        "pedoman.pdf",
        "application/pdf",
        "SE",
    )
    page = html(planner.get(url(demo_agency)))
    assert url(demo_agency, "evidence_download", evidence.pk) in page
    assert "https://jdih.example.go.id/rpjpd" in page
    download = planner.get(url(demo_agency, "evidence_download", evidence.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF

    # A program renamed .pdf is refused (the project's evidence checks), and so is an empty form: nothing stored.
    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    refused = planner.post(
        url(demo_agency), {"part": "evidence", "bukti-criterion": "1.a.3", "bukti-file": fake}
    )
    empty = planner.post(url(demo_agency), {"part": "evidence", "bukti-criterion": "1.a.3"})
    assert refused.status_code == 200 and empty.status_code == 200
    assert "Upload a file or give a link" in html(empty)
    assert not AnswerEvidence.objects.filter(criterion="1.a.3").exists()


def test_reviewer_answers_sees_warnings_and_scores(people, demo_agency):
    evaluation = answer_all(demo_agency, "Y", evaluator=False)
    reviewer = people["reviewer"]
    page = html(reviewer.get(url(demo_agency)))
    assert 'name="e-1.a.1-evaluator_answer"' in page
    assert 'name="s-1.a.1-self_answer"' not in page  # the agency's answers are read, not written
    # Every self-answer Y/A: the self-assessment scores 100 (AA), in Indonesian format.
    assert "100,00" in page and "AA" in page

    data = {"part": "evaluator"}
    for criterion in criteria(demo_agency):
        data[f"e-{criterion.code}-evaluator_answer"] = "Y" if criterion.answer_type == "Y/T" else "A"
    # 1.a.3 (the medium-term plan) answered T while 1.b.1 (its quality) stays Y: a logic-frame warning.
    data["e-1.a.3-evaluator_answer"] = "T"
    data["n-1-text"] = "Perencanaan cukup baik"
    assert reviewer.post(url(demo_agency), data).status_code == 302
    assert Answer.objects.get(evaluation=evaluation, criterion="1.a.3").evaluator_answer == "T"
    assert ComponentNote.objects.get(evaluation=evaluation, component="1").text == "Perencanaan cukup baik"

    page = reviewer.get(url(demo_agency))
    text = html(page)
    assert 'data-testid="evaluator-warning">⚠ SALAH, dokumen perencanaan belum ada.' in text
    assert 'data-testid="self-warning"' not in text  # the self-assessment is consistent
    # 1.a: 5 of 6 criteria × 6 points = 5,00; the total loses one point (the warning does not change the score).
    assert 'data-testid="evaluator-score">5,00<' in text
    assert "99,00" in text


def test_suggestions_are_shown_to_the_evaluator_and_applied_to_empty_answers(
    people, demo_agency, monkeypatch
):
    suggestions = {
        "1.a.3": Suggestion("1.a.3", "Y", (Fact("Renstra 2021–2026 disetujui", True, "/opd/x/renstra/"),)),
        "1.a.4": Suggestion("1.a.4", "Y", (Fact("PK ditandatangani", True, "/opd/x/pk/"),)),
        "1.b.1": Suggestion("1.b.1", None, (Fact("Belum dapat dinilai", None),)),
    }
    monkeypatch.setattr("reports.evaluation.facts.evaluation_suggestions", lambda agency, year: suggestions)
    evaluation = evaluation_for(demo_agency, YEAR)
    Answer.objects.create(evaluation=evaluation, criterion="1.a.4", evaluator_answer="T")

    page = html(people["reviewer"].get(url(demo_agency)))
    assert '<a href="/opd/x/renstra/">Renstra 2021–2026 disetujui</a>' in page
    assert 'data-suggest-target="id_e-1.a.3-evaluator_answer" data-suggest-value="Y"' in page
    assert "Belum dapat dinilai" in page
    assert 'data-testid="apply-suggestions"' in page
    assert "Renstra 2021–2026 disetujui" not in html(people["planner"].get(url(demo_agency)))

    applied = people["reviewer"].post(url(demo_agency), {"part": "apply"})
    assert applied.status_code == 302
    answers = {a.criterion: a.evaluator_answer for a in Answer.objects.filter(evaluation=evaluation)}
    assert answers == {
        "1.a.3": "Y",
        "1.a.4": "T",
    }  # an answer given is never overwritten; None suggests nothing
    # Applying is the evaluator's: the planner may not.
    assert people["planner"].post(url(demo_agency), {"part": "apply"}).status_code == 403


def test_the_evaluators_work_is_hidden_from_the_agency_until_issued(people, demo_agency):
    evaluation = answer_all(demo_agency, "Y")
    answer = Answer.objects.get(evaluation=evaluation, criterion="1.a.1")
    answer.evaluator_note = SECRET_NOTE
    answer.save()
    ComponentNote.objects.create(evaluation=evaluation, component="1", text="Komponen-rahasia")
    complete_letter(evaluation)
    for role in ("planner", "head"):
        page = html(people[role].get(url(demo_agency)))
        assert SECRET_NOTE not in page and "Komponen-rahasia" not in page
        for hidden in ("evaluator-answer", "evaluator-score", "evaluator-total", "evaluator-cell", "letter"):
            assert f'data-testid="{hidden}"' not in page
        assert 'data-testid="link-lhe"' not in page
    reviewer_page = html(people["reviewer"].get(url(demo_agency)))
    assert SECRET_NOTE in reviewer_page and 'data-testid="link-lhe"' in reviewer_page

    assert people["reviewer"].post(url(demo_agency, "issue")).status_code == 302
    page = html(people["planner"].get(url(demo_agency)))
    assert SECRET_NOTE in page and "Komponen-rahasia" in page
    assert 'data-testid="evaluator-total"' in page and 'data-testid="evaluator-answer">Ya<' in page
    assert reverse("evaluation_documents:lhe", args=[demo_agency.code, YEAR]) in page
    assert reverse("evaluation_followup:list", args=[demo_agency.code, YEAR]) in page


def test_a_bad_value_anywhere_saves_nothing(people, demo_agency):
    reviewer = people["reviewer"]
    data = {
        "part": "evaluator",
        "e-1.a.1-evaluator_answer": "Y",
        "e-1.a.2-evaluator_answer": "Z",
        "e-1.a.3-evaluator_note": "Ada",
        "lhe-letter_number": "700/1",
        "lhe-letter_date": "31 Februari 2022",
    }
    response = reviewer.post(url(demo_agency), data)
    assert response.status_code == 200
    text = html(response)
    assert "Choose one of the offered answers." in text
    assert "is not a calendar date" in text
    evaluation = evaluation_for(demo_agency, YEAR)
    assert not Answer.objects.filter(evaluation=evaluation).exists()
    assert evaluation.letter_number == ""

    data.update({"e-1.a.2-evaluator_answer": "T", "lhe-letter_date": "3 Januari 2022"})
    assert reviewer.post(url(demo_agency), data).status_code == 302
    evaluation.refresh_from_db()
    assert (evaluation.letter_number, evaluation.letter_date) == ("700/1", datetime.date(2022, 1, 3))
    assert 'value="3 Januari 2022"' in html(reviewer.get(url(demo_agency)))


def test_a_stale_page_is_a_conflict_and_saves_nothing(people, demo_agency):
    reviewer = people["reviewer"]
    page = reviewer.get(url(demo_agency))
    version = page.context["components"][0]["subs"][0]["items"][0]["evaluator_row"].stored_fingerprint()
    evaluation = evaluation_for(demo_agency, YEAR)
    Answer.objects.create(
        evaluation=evaluation, criterion="1.a.1", evaluator_answer="T"
    )  # a colleague, meanwhile

    stale = {
        "part": "evaluator",
        "e-1.a.1-evaluator_answer": "Y",
        "e-1.a.1-version": version,
        "e-1.a.2-evaluator_answer": "Y",
    }
    response = reviewer.post(url(demo_agency), stale)
    assert response.status_code == 200
    assert 'data-testid="conflict"' in html(response)
    answers = {a.criterion: a.evaluator_answer for a in Answer.objects.filter(evaluation=evaluation)}
    assert answers == {"1.a.1": "T"}
    # The planner's side of the same row is its own: the colleague's evaluator answer does not block it.
    assert (
        people["planner"].post(url(demo_agency), {"part": "self", "s-1.a.1-self_answer": "Y"}).status_code
        == 302
    )


def test_issue_needs_every_answer_and_the_letter(people, demo_agency):
    reviewer = people["reviewer"]
    evaluation = answer_all(demo_agency, "Y")
    Answer.objects.filter(evaluation=evaluation, criterion="2.a.1").update(evaluator_answer="")
    response = reviewer.post(url(demo_agency, "issue"))
    assert response.status_code == 200
    text = html(response)
    assert "Criterion 2.a.1 has no evaluator" in text and "letter number is missing" in text
    evaluation.refresh_from_db()
    assert not evaluation.issued

    Answer.objects.filter(evaluation=evaluation, criterion="2.a.1").update(evaluator_answer="Y")
    complete_letter(evaluation)
    assert people["planner"].post(url(demo_agency, "issue")).status_code == 403
    assert reviewer.post(url(demo_agency, "issue")).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.issued and evaluation.issued_by == people["users"]["reviewer"]


def test_an_issued_evaluation_refuses_writes_until_reopened(
    people, demo_agency, django_capture_on_commit_callbacks
):
    evaluation = answer_all(demo_agency, "Y")
    item = AnswerEvidence.objects.create(
        evaluation=evaluation, criterion="1.a.1", file=ContentFile(PDF, name="b.pdf"), original_name="b.pdf"
    )
    complete_letter(evaluation)
    evaluation.issued_at, evaluation.issued_by = timezone.now(), people["users"]["reviewer"]
    evaluation.save()

    refused = [
        people["planner"].post(url(demo_agency), {"part": "self", "s-1.a.1-self_answer": "T"}),
        people["reviewer"].post(url(demo_agency), {"part": "evaluator", "e-1.a.1-evaluator_answer": "T"}),
        people["planner"].post(url(demo_agency, "evidence_delete", item.pk)),
    ]
    assert [r.status_code for r in refused] == [403, 403, 403]
    assert "The LHE has been issued" in html(refused[0])
    answer = Answer.objects.get(evaluation=evaluation, criterion="1.a.1")
    assert (answer.self_answer, answer.evaluator_answer) == ("Y", "Y")
    assert AnswerEvidence.objects.filter(pk=item.pk).exists()
    page = html(people["reviewer"].get(url(demo_agency)))
    assert 'name="e-1.a.1-evaluator_answer"' not in page and 'data-testid="reopen"' in page

    assert people["planner"].post(url(demo_agency, "reopen")).status_code == 403
    assert people["reviewer"].post(url(demo_agency, "reopen")).status_code == 302
    evaluation.refresh_from_db()
    assert not evaluation.issued
    # The issue stays in the evaluation's history, and the history page says who issued and who reopened.
    assert evaluation.history.filter(issued_at__isnull=False).exists()
    events = html(people["planner"].get(url(demo_agency, "answer_history")))
    assert "LHE dibuka kembali" in events and "lke-reviu" in events
    assert (
        people["planner"].post(url(demo_agency), {"part": "self", "s-1.a.1-self_answer": "T"}).status_code
        == 302
    )


def test_evidence_download_and_delete_by_role(people, demo_agency, django_capture_on_commit_callbacks):
    evaluation = evaluation_for(demo_agency, YEAR)
    item = AnswerEvidence.objects.create(
        evaluation=evaluation, criterion="1.a.1", file=ContentFile(PDF, name="b.pdf"), original_name="b.pdf"
    )
    storage, name = item.file.storage, item.file.name
    for role in ("planner", "head", "reviewer", "pemda"):
        assert people[role].get(url(demo_agency, "evidence_download", item.pk)).status_code == 200
    for role in ("head", "reviewer", "pemda"):
        assert people[role].post(url(demo_agency, "evidence_delete", item.pk)).status_code == 403
    assert people["planner"].get(url(demo_agency, "evidence_delete", item.pk)).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        assert people["planner"].post(url(demo_agency, "evidence_delete", item.pk)).status_code == 302
    assert not AnswerEvidence.objects.filter(pk=item.pk).exists()
    assert not storage.exists(name)  # the file leaves storage with its row (evaluation/signals.py)


def test_a_follow_up_file_leaves_storage_with_its_row(demo_agency, django_capture_on_commit_callbacks):
    evaluation = evaluation_for(demo_agency, YEAR)
    recommendation = Recommendation.objects.create(evaluation=evaluation, text="Perbaiki")
    follow_up = FollowUp.objects.create(
        recommendation=recommendation,
        text="Sudah",
        file=ContentFile(PDF, name="t.pdf"),
        original_name="t.pdf",
    )
    storage, name = follow_up.file.storage, follow_up.file.name
    with django_capture_on_commit_callbacks(execute=True):
        recommendation.delete()  # the follow-up goes by cascade, its file with it
    assert not storage.exists(name)


def test_another_pemdas_user_gets_404(demo_agency, other_agency, client):
    evaluation = evaluation_for(demo_agency, YEAR)
    item = AnswerEvidence.objects.create(
        evaluation=evaluation, criterion="1.a.1", link="https://example.org/b"
    )
    client.force_login(make_user("reviu-lain", "reviewer", government=other_agency.government))
    assert client.get(url(demo_agency)).status_code == 404
    assert client.get(url(demo_agency, "answer_history")).status_code == 404
    assert client.post(url(demo_agency, "issue")).status_code == 404
    assert client.get(url(demo_agency, "evidence_download", item.pk)).status_code == 404
    # Under its own agency's code, another agency's evidence is not found either.
    client.force_login(make_user("perencana-lain", "planner", agency=other_agency))
    assert client.post(url(other_agency, "evidence_delete", item.pk)).status_code == 404


def test_history_hides_the_evaluators_fields_before_issue(people, demo_agency):
    people["planner"].post(url(demo_agency), {"part": "self", "s-1.a.1-self_answer": "Y"})
    people["reviewer"].post(
        url(demo_agency),
        {"part": "evaluator", "e-1.a.1-evaluator_answer": "T", "e-1.a.1-evaluator_note": SECRET_NOTE},
    )
    history = url(demo_agency, "answer_history") + "?kriteria=1.a.1"
    own = html(people["planner"].get(history))
    assert "Jawaban mandiri" in own and "lke-perencana" in own
    assert SECRET_NOTE not in own and "Jawaban evaluator" not in own and "lke-reviu" not in own
    theirs = html(people["reviewer"].get(history))
    assert SECRET_NOTE in theirs and "lke-reviu" in theirs
    assert people["planner"].get(url(demo_agency, "answer_history") + "?kriteria=9.z.9").status_code == 404

    evaluation = evaluation_for(demo_agency, YEAR)
    evaluation.issued_at = timezone.now()
    evaluation.save()
    assert SECRET_NOTE in html(people["planner"].get(history))


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_page_reads_in_a_constant_number_of_queries(people, demo_agency):
    evaluation = evaluation_for(demo_agency, YEAR)
    Answer.objects.create(evaluation=evaluation, criterion="1.a.1", self_answer="Y", evaluator_answer="Y")
    AnswerEvidence.objects.create(evaluation=evaluation, criterion="1.a.1", link="https://example.org/1")
    few = {role: _queries(people[role], url(demo_agency)) for role in ("planner", "reviewer")}

    answer_all(demo_agency, "Y")
    for criterion in criteria(demo_agency)[:20]:
        AnswerEvidence.objects.create(
            evaluation=evaluation,
            criterion=criterion.code,
            link=f"https://example.org/{criterion.code}",
            uploaded_by=people["users"]["planner"],
        )
    ComponentNote.objects.create(evaluation=evaluation, component="1", text="Baik")
    full = {role: _queries(people[role], url(demo_agency)) for role in ("planner", "reviewer")}
    assert full == few
    # The page's own ~9, and for the inspectorate the facts its suggestions read off the agency's data (the year's
    # report object and six more, tests/evaluation_facts/test_facts.py; the report is cached in production).
    assert full["planner"] <= 12
    assert full["reviewer"] <= 12 + 36


def test_the_years_review_lock_does_not_bind_the_evaluation(people, demo_agency):
    set_state(demo_agency, State.APPROVED, YEAR)
    page = html(people["planner"].get(url(demo_agency)))
    assert 'name="s-1.a.1-self_answer"' in page and 'data-testid="save-self"' in page
    assert (
        people["planner"].post(url(demo_agency), {"part": "self", "s-1.a.1-self_answer": "Y"}).status_code
        == 302
    )
    assert (
        people["reviewer"]
        .post(url(demo_agency), {"part": "evaluator", "e-1.a.1-evaluator_answer": "T"})
        .status_code
        == 302
    )
    answer = Answer.objects.get(evaluation__agency=demo_agency, criterion="1.a.1")
    assert (answer.self_answer, answer.evaluator_answer) == ("Y", "T")
    # Heads and the Pemda's administrators read only, whatever they post.
    for role in ("head", "pemda"):
        assert (
            people[role].post(url(demo_agency), {"part": "self", "s-1.a.1-self_answer": "T"}).status_code
            == 403
        )
    assert 'name="s-1.a.1-self_answer"' not in html(people["head"].get(url(demo_agency)))


def test_rows_left_out_of_a_post_keep_their_values(people, demo_agency):
    evaluation = answer_all(demo_agency, "Y")
    complete_letter(evaluation)
    response = people["reviewer"].post(
        url(demo_agency), {"part": "evaluator", "e-1.a.2-evaluator_answer": "T"}
    )
    assert response.status_code == 302
    answers = {a.criterion: a.evaluator_answer for a in Answer.objects.filter(evaluation=evaluation)}
    assert answers["1.a.1"] == "Y" and answers["1.a.2"] == "T"
    evaluation.refresh_from_db()
    assert evaluation.letter_number == "700/12/Itko/2022"
    # An emptied field that is posted does empty its value.
    people["reviewer"].post(url(demo_agency), {"part": "evaluator", "e-1.a.1-evaluator_answer": ""})
    assert Answer.objects.get(evaluation=evaluation, criterion="1.a.1").evaluator_answer == ""
