"""Uploads are judged by their content, not their name: workbook import, survey responses, evidence."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys.models import SatisfactionSurvey, SurveyResponse
from surveys.responses import MAX_FILE_BYTES
from tests import files

YEAR = 2021
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
OLD_XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("respons.csv", PDF, "bukan teks CSV"),
        ("respons.csv", _zip_without_workbook(), "bukan teks CSV"),
        ("respons.csv", b"No,U1\n1,\x00\x01\x02", "bukan teks CSV"),
        ("respons.xlsx", OLD_XLS, "berkas ini .xls lama"),
        ("respons.xlsx", PDF, "isinya bukan .xlsx"),
        ("respons.xlsx", _zip_without_workbook(), "tidak dapat dibaca"),
        ("respons.csv", b"a" * (MAX_FILE_BYTES + 10), "Berkas terlalu besar"),
    ],
)
def test_survey_response_files_must_be_what_their_name_says(
    planner_client, demo_agency, name, content, expected
):
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    before = SurveyResponse.objects.filter(survey=survey).count()
    url = reverse("surveys:import", args=[demo_agency.code, YEAR])
    response = planner_client.post(url, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert expected.lower() in response.content.decode().lower()
    assert SurveyResponse.objects.filter(survey=survey).count() == before


@pytest.mark.parametrize(
    "content", [PDF, OLD_XLS, _zip_without_workbook()], ids=["pdf", "old-xls", "zip-without-workbook"]
)
def test_a_workbook_upload_that_is_not_an_xlsx_is_refused(planner_client, demo_agency, content):
    url = reverse("interchange:upload", args=[demo_agency.code, YEAR])
    response = planner_client.post(url, {"file": SimpleUploadedFile("templat.xlsx", content)})
    assert response.status_code == 200
    assert ".xlsx" in response.content.decode()
    assert not response.context.get("changes")


def test_evidence_named_pdf_but_not_a_pdf_is_refused(planner_client, demo_agency):
    from indicators.models import Evidence, Indicator

    indicator = Indicator.objects.filter(plan__agency=demo_agency).first()
    url = reverse("indicators:evidence", args=[demo_agency.code, YEAR, 1, indicator.pk])
    response = planner_client.post(url, {"file": SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf")})
    assert "tidak sesuai" in response.content.decode()
    assert not Evidence.objects.filter(indicator=indicator).exists()


def _evidence_upload(client, agency, name, content):
    from indicators.models import Indicator

    indicator = Indicator.objects.filter(plan__agency=agency).order_by("pk").first()
    url = reverse("indicators:evidence", args=[agency.code, YEAR, 1, indicator.pk])
    return indicator, client.post(url, {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bukti.pdf", files.pdf(pages=2)[:-200]),
        ("bukti.pdf", b"%PDF-1.7\n" + b"bukan pdf " * 100 + b"\n%%EOF\n"),
        ("foto.png", files.image("PNG")[:2000]),
        ("foto.jpg", files.image("JPEG")[:1500]),
        ("data.xlsx", files.xlsx()[:3000]),
    ],
    ids=["cut-pdf", "junk-pdf", "cut-png", "cut-jpeg", "cut-xlsx"],
)
def test_evidence_that_only_starts_right_is_refused_and_not_stored(
    planner_client, demo_agency, name, content
):
    from indicators.models import Evidence

    indicator, response = _evidence_upload(planner_client, demo_agency, name, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "rusak atau tidak lengkap" in html and "damaged or incomplete" in html
    assert not Evidence.objects.filter(indicator=indicator).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bukti.pdf", files.pdf()),
        ("foto.png", files.image("PNG")),
        ("foto.jpg", files.image("JPEG")),
        ("data.xlsx", files.xlsx()),
    ],
    ids=["pdf", "png", "jpeg", "xlsx"],
)
def test_real_evidence_files_are_stored(planner_client, demo_agency, name, content):
    from indicators.models import Evidence

    indicator, response = _evidence_upload(planner_client, demo_agency, name, content)
    assert response.status_code == 302
    assert Evidence.objects.get(indicator=indicator).size == len(content)
