"""Quarterly entry windows: the realisation screen says until when a quarter is open, and closes after it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import Evidence
from review.models import EntryException, EntryWindow
from tests.interchange.workbook.test_applying import _bytes, _column, _row, _template, _upload
from tests.review.helpers import PDF, YEAR, evidence_for, year_data
from tests.workspace.views import test_realisations as realisation_page

DEADLINE = datetime.date(2021, 7, 15)


@pytest.fixture
def tw2_closed(demo_agency):
    return EntryWindow.objects.create(
        government=demo_agency.government, year=YEAR, quarter=2, deadline=DEADLINE
    )


def test_the_screen_shows_the_deadline_and_closes_after_it(planner_client, demo_agency, tw2_closed):
    page = planner_client.get(realisation_page.grid_url(demo_agency, 2)).content.decode()
    assert "Batas pengisian TW II: <strong>15 Juli 2021</strong>" in page
    assert 'data-testid="year-locked"' in page and "ditutup" in page
    assert "<fieldset disabled>" in page
    data = realisation_page.grid_data(planner_client.get(realisation_page.grid_url(demo_agency, 2)))
    before = year_data(demo_agency)
    code = next(k for k in data if k.endswith("-value"))
    data[code] = "999"
    response = planner_client.post(realisation_page.grid_url(demo_agency, 2), data)
    assert response.status_code == 403 and "15 Juli 2021" in response.content.decode()
    assert year_data(demo_agency) == before


def test_other_quarters_and_the_year_stay_open(planner_client, demo_agency, tw2_closed):
    for quarter in (1, 3):
        page = planner_client.get(realisation_page.grid_url(demo_agency, quarter)).content.decode()
        assert "<fieldset disabled>" not in page and 'data-testid="entry-deadline"' not in page
    annual = reverse("indicators:realisations_annual", args=[demo_agency.code, YEAR])
    assert "<fieldset disabled>" not in planner_client.get(annual).content.decode()


def test_a_future_deadline_is_shown_and_entry_stays_open(planner_client, demo_agency):
    EntryWindow.objects.create(
        government=demo_agency.government, year=YEAR, quarter=3, deadline=datetime.date(2099, 10, 15)
    )
    page = planner_client.get(realisation_page.grid_url(demo_agency, 3)).content.decode()
    assert "Batas pengisian TW III: <strong>15 Oktober 2099</strong>" in page
    assert "<fieldset disabled>" not in page


def test_an_extension_reopens_the_quarter_for_that_agency(planner_client, demo_agency, tw2_closed):
    until = datetime.date.today() + datetime.timedelta(days=3)
    EntryException.objects.create(
        agency=demo_agency, year=YEAR, quarter=2, until=until, reason="Gangguan jaringan"
    )
    page = planner_client.get(realisation_page.grid_url(demo_agency, 2)).content.decode()
    assert "diperpanjang s.d." in page and "<fieldset disabled>" not in page
    data = realisation_page.grid_data(planner_client.get(realisation_page.grid_url(demo_agency, 2)))
    assert planner_client.post(realisation_page.grid_url(demo_agency, 2), data).status_code == 302


def test_evidence_of_a_closed_quarter_cannot_be_added_or_deleted(planner_client, demo_agency, tw2_closed):
    evidence = evidence_for(demo_agency, quarter=2)
    upload = reverse("indicators:evidence", args=[demo_agency.code, YEAR, 2, evidence.indicator_id])
    pdf = SimpleUploadedFile("lagi.pdf", PDF, content_type="application/pdf")
    assert planner_client.post(upload, {"file": pdf}).status_code == 403
    delete = reverse("indicators:evidence_delete", args=[demo_agency.code, evidence.pk])
    assert planner_client.post(delete).status_code == 403
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_the_excel_import_lists_a_closed_quarter_as_a_problem(planner_client, demo_agency, tw2_closed):
    workbook = _template(demo_agency)
    ws = workbook["Realisasi"]
    code = ws["A2"].value
    ws[f"{_column(ws, 'TW II')}{_row(ws, code)}"] = 4321
    before = year_data(demo_agency)
    response = _upload(planner_client, demo_agency, _bytes(workbook))
    assert response.status_code == 200
    messages = [problem.message for problem in response.context["problems"]]
    assert any(f"TW II {YEAR} ditutup" in m and "15 Juli 2021" in m for m in messages)
    assert year_data(demo_agency) == before
    # The same workbook changing TW I only is accepted.
    workbook = _template(demo_agency)
    ws = workbook["Realisasi"]
    ws[f"{_column(ws, 'TW I')}{_row(ws, code)}"] = 4321
    assert "token" in _upload(planner_client, demo_agency, _bytes(workbook)).context
