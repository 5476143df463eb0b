"""The LHE letter (HTML, PDF) and the LKE worksheet of an agency's evaluation: who reads them when, and what they
hold."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from evaluation.models import Evaluation
from reports.models import RenderedFile
from tests.conftest import make_user
from tests.reports.lhe.helpers import YEAR, full_case, make_pemda

pytestmark = pytest.mark.django_db
GETS = ("lhe", "lhe_pdf", "lhe_pdf_status", "lke_xlsx")


@pytest.fixture
def world(monkeypatch):
    # Who gets the PDF is asked here; how it looks: tests/reports/lhe/test_document.py.
    monkeypatch.setattr("reports.rendering.html_to_pdf", lambda html, sheets: b"%PDF-stub " + html.encode())
    government, (agency, neighbour) = make_pemda(agencies=2)
    other_government, (other,) = make_pemda("kota-lain")
    users = {
        "reviewer": make_user("inspektorat", "reviewer", government=government),
        "admin": make_user("admin-uji", "admin"),
        "planner": make_user("perencana", "planner", agency=agency),
        "head": make_user("kepala", "head", agency=agency),
        "pemda": make_user("bappeda", "pemda", government=government),
        "neighbour": make_user("perencana-lain", "planner", agency=neighbour),
        "other-reviewer": make_user("inspektorat-lain", "reviewer", government=other_government),
    }
    return agency, users


def url(name, agency, year=YEAR):
    return reverse(f"evaluation_documents:{name}", args=[agency.code, year])


def statuses(client, users, agency) -> dict[str, dict[str, int]]:
    found = {}
    for role, user in users.items():
        client.force_login(user)
        found[role] = {name: client.get(url(name, agency)).status_code for name in GETS}
    return found


def test_a_draft_is_the_evaluators_alone(client, world):
    agency, users = world
    full_case(agency, issued=False)
    found = statuses(client, users, agency)
    for role in ("reviewer", "admin"):
        assert found[role] == {"lhe": 200, "lhe_pdf": 200, "lhe_pdf_status": 200, "lke_xlsx": 200}, role
    for role in ("planner", "head", "pemda", "neighbour", "other-reviewer"):
        assert set(found[role].values()) == {404}, role
    client.force_login(users["reviewer"])
    page = client.get(url("lhe", agency)).content.decode()
    assert "DRAF — belum diterbitkan" in page
    assert "92,25" in page


def test_once_issued_everyone_who_sees_the_agency_reads_it(client, world):
    agency, users = world
    full_case(agency)
    found = statuses(client, users, agency)
    for role in ("reviewer", "admin", "planner", "head", "pemda"):
        assert set(found[role].values()) == {200}, (role, found[role])
    for role in ("neighbour", "other-reviewer"):
        assert set(found[role].values()) == {404}, role
    client.force_login(users["planner"])
    page = client.get(url("lhe", agency)).content.decode()
    assert "DRAF" not in page and "AA (Sangat Memuaskan)" in page
    assert reverse("evaluation:lke", args=[agency.code, YEAR]) in page
    assert url("lhe_pdf", agency) in page and url("lke_xlsx", agency) in page


def test_without_an_evaluation_every_document_is_404_even_for_the_evaluator(client, world):
    agency, users = world
    client.force_login(users["reviewer"])
    for name in GETS:
        assert client.get(url(name, agency)).status_code == 404, name
    assert client.post(url("lhe_pdf_prepare", agency)).status_code == 404
    assert not Evaluation.objects.exists()  # reading never starts an evaluation


def test_the_pdf_is_rendered_by_the_task_queue_and_reissued_when_the_letter_changes(client, world):
    agency, users = world
    evaluation = full_case(agency, issued=False)
    client.force_login(users["reviewer"])
    assert client.get(url("lhe_pdf_prepare", agency)).status_code == 405  # POST only
    assert (
        client.post(url("lhe_pdf_prepare", agency)).status_code == 200
    )  # rendered at once by the test queue
    response = client.get(url("lhe_pdf", agency))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="LHE-AKIP-{YEAR}-{agency.code}.pdf"'
    assert response.content.startswith(b"%PDF") and b"DRAF" in response.content
    (record,) = RenderedFile.objects.all()
    assert (record.kind, record.agency_id, record.year) == ("lhe-pdf", agency.pk, YEAR)
    assert client.get(url("lhe_pdf", agency)).content == response.content
    assert RenderedFile.objects.count() == 1  # the same data: the same version, not rendered again
    evaluation.issued_at = timezone.now()
    evaluation.save()
    issued = client.get(url("lhe_pdf", agency)).content
    assert b"DRAF" not in issued and b"700/123/Itko/2022" in issued
    status = client.get(url("lhe_pdf_status", agency), {"versi": record.version}).json()
    assert status["status"] in ("ready", "unknown")  # the draft's render, or pruned once superseded


def test_the_worksheet_downloads_with_live_formulas(client, world):
    agency, users = world
    full_case(agency)
    client.force_login(users["planner"])
    response = client.get(url("lke_xlsx", agency))
    assert response["Content-Disposition"] == f'attachment; filename="LKE-AKIP-{YEAR}-{agency.code}.xlsx"'
    ws = load_workbook(io.BytesIO(response.content))["LKE"]
    formulas = [cell.value for row in ws.iter_rows() for cell in row if str(cell.value).startswith("=")]
    assert len(formulas) > 80
    assert client.get(url("lke_xlsx", agency)).content == response.content


def test_the_pages_answer_only_what_they_are_for(client, world):
    agency, users = world
    full_case(agency)
    client.force_login(users["planner"])
    for name in GETS:
        assert client.post(url(name, agency)).status_code == 405, name
    assert client.head(url("lhe", agency)).status_code == 200
