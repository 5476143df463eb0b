"""Evidence files through the API: listed with the screen's download link, uploaded with the screen's checks."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import Evidence
from review.models import EntryWindow
from review.workflow import State
from tests import files
from tests.review.helpers import YEAR, set_state

CODE = "2.17.01-1"
PDF = files.pdf()


def url(agency, quarter=1, code=CODE):
    return reverse("api:evidence", args=[agency.code, YEAR, quarter, code])


def pdf(name="Laporan TW I.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def planner(api_world, api_client):
    return api_client(api_world.keys["planner"])


def test_a_planner_uploads_files_and_lists_them_with_their_download_link(api_world, planner):
    agency = api_world.agency
    response = planner.post(
        url(agency),
        {"file": [pdf(), pdf("foto.png", files.image("PNG"))], "description": "SPJ"},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["stored"] == ["Laporan TW I.pdf", "foto.png"]
    listed = planner.get(url(agency)).json()["files"]
    assert [(f["name"], f["type"], f["description"]) for f in listed] == [
        ("Laporan TW I.pdf", "application/pdf", "SPJ"),
        ("foto.png", "image/png", "SPJ"),
    ]
    item = Evidence.objects.get(original_name="Laporan TW I.pdf")
    assert listed[0]["size"] == len(PDF) and listed[0]["uploaded_by"] == "planner-api"
    assert listed[0]["download"].endswith(
        reverse("indicators:evidence_download", args=[agency.code, item.pk])
    )
    assert planner.get(url(agency, quarter=2)).json()["files"] == []


def test_the_same_content_twice_is_kept_once(api_world, planner):
    planner.post(url(api_world.agency), {"file": pdf()}, format="multipart")
    again = planner.post(url(api_world.agency), {"file": pdf("lagi.pdf")}, format="multipart")
    assert again.status_code == 200 and again.json()["repeated"] == ["lagi.pdf"]
    assert Evidence.objects.count() == 1


def test_a_file_whose_content_is_not_its_type_refuses_the_whole_upload(api_world, planner):
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binary", content_type="application/pdf")
    response = planner.post(url(api_world.agency), {"file": [pdf(), fake]}, format="multipart")
    assert response.status_code == 400 and "virus.pdf" in response.json()["file"][0]
    assert not Evidence.objects.exists()


def test_a_file_over_the_limit_is_refused(api_world, planner, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    response = planner.post(
        url(api_world.agency), {"file": pdf(content=PDF + b"0" * 2048)}, format="multipart"
    )
    assert response.status_code == 400 and "terlalu besar" in response.json()["file"][0]
    assert not Evidence.objects.exists()


def test_no_file_is_a_400(api_world, planner):
    assert planner.post(url(api_world.agency), {"description": "x"}, format="multipart").status_code == 400


def test_locks_windows_and_roles_are_the_screens(api_world, planner, api_client):
    agency = api_world.agency
    assert (
        api_client(api_world.keys["reviewer"])
        .post(url(agency), {"file": pdf()}, format="multipart")
        .status_code
        == 403
    )
    assert api_client(api_world.keys["other_planner"]).get(url(agency)).status_code == 404
    assert planner.get(url(agency, code="9.99-9")).status_code == 404
    EntryWindow.objects.create(
        government=agency.government, year=YEAR, quarter=2, deadline=datetime.date(2021, 7, 15)
    )
    assert planner.post(url(agency, quarter=2), {"file": pdf()}, format="multipart").status_code == 403
    set_state(agency, State.SUBMITTED)
    assert planner.post(url(agency), {"file": pdf()}, format="multipart").status_code == 403
    assert not Evidence.objects.exists()


def test_the_history_names_the_keys_user(api_world, planner):
    planner.post(url(api_world.agency), {"file": pdf()}, format="multipart")
    record = Evidence.objects.get().history.get()
    assert record.history_user == api_world.users["planner"] and record.history_change_reason == "api"
