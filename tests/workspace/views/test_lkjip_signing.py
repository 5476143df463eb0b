"""Who signs the year's LKjIP, where and when (issue 18, point 11): typed once, printed under the foreword; an
acting head signs with their own title; nothing typed prints the agency's head and "Desember <year>"."""

import datetime

from django.urls import reverse

from indicators.models import ReportSigning
from reports.lkjip.document import document_build
from reports.lkjip.render import lkjip_html
from reports.readmodel.build import report_build
from review.models import YearReview

YEAR = 2021


def url(agency):
    return reverse("reports:report_signing", args=[agency.code, YEAR])


def foreword_signature(agency) -> str:
    html = lkjip_html(document_build(report_build(agency=agency, year=YEAR)))
    start = html.index('<div class="signature">')
    return html[start : html.index("</div>", html.index('class="signature-nip"', start))]


def test_without_a_typed_signer_the_head_signs_in_december(demo_agency):
    block = foreword_signature(demo_agency)
    assert f"Desember {YEAR}" in block and f"Kepala {demo_agency.name}" in block
    assert demo_agency.head_name in block


def test_an_acting_head_signs_on_the_typed_date(planner_client, demo_agency):
    page = planner_client.get(url(demo_agency))
    assert page.status_code == 200
    version = page.context["row"].stored_fingerprint()
    response = planner_client.post(
        url(demo_agency),
        {
            "ttd-version": version,
            "ttd-signed_on": "03/02/2022",
            "ttd-place": "Tangerang Selatan",
            "ttd-title": "Plt. Kepala Dinas Koperasi dan UKM",
            "ttd-name": "Budi Santoso, S.E.",
            "ttd-nip": "19700101 199003 1 001",
        },
    )
    assert response.status_code == 302
    signing = ReportSigning.objects.get(agency=demo_agency, year=YEAR)
    assert signing.signed_on == datetime.date(2022, 2, 3)
    block = foreword_signature(demo_agency)
    assert "Tangerang Selatan, 3 Februari 2022" in block
    assert "Plt. Kepala Dinas Koperasi dan UKM" in block and "Budi Santoso, S.E." in block
    assert "19700101 199003 1 001" in block and demo_agency.head_name not in block
    again = planner_client.get(url(demo_agency)).content.decode()
    assert 'value="3 Februari 2022"' in again


def test_a_date_that_is_no_date_saves_nothing(planner_client, demo_agency):
    page = planner_client.get(url(demo_agency))
    response = planner_client.post(
        url(demo_agency),
        {"ttd-version": page.context["row"].stored_fingerprint(), "ttd-signed_on": "31 Februari 2022"},
    )
    assert response.status_code == 200 and "not a calendar date" in response.content.decode()
    assert not ReportSigning.objects.exists()


def test_a_submitted_year_keeps_its_signer(client, planner, demo_agency):
    YearReview.objects.create(agency=demo_agency, year=YEAR, state="submitted")
    client.force_login(planner)
    assert client.post(url(demo_agency), {"ttd-name": "Orang lain"}).status_code == 403
    assert not ReportSigning.objects.exists()
