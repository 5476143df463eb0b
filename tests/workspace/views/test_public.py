"""The public pages (no login): a Pemda's approved LKjIP per agency and year, and nothing else.

Years are approved through the review services, as the inspectorate does (the approval keeps the edition); the
PDF is rendered by a stand-in for WeasyPrint that gives one file per version (the real render is tested in
tests/reports), inside the request (the tests' immediate task backend) unless a test queues it only.
"""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports import rendering
from reports.approval import review_transition
from reports.models import RenderedFile
from review.models import Comment
from review.workflow import State
from sakip.dates import format_date
from sakip.tasks_api import DUMMY_BACKEND
from tests.factories import (
    AdminFactory,
    AgencyFactory,
    GovernmentFactory,
    IndicatorFactory,
    PlannerFactory,
    ReviewerFactory,
    StrategicPlanFactory,
)
from tests.files import image
from tests.review.helpers import set_state

YEAR = 2021


class StandIn:
    """html_to_pdf that counts its renders and gives one file per version."""

    def __init__(self):
        self.calls = 0
        self.fail = False

    def __call__(self, html, stylesheets):
        self.calls += 1
        if self.fail:
            raise RuntimeError("WeasyPrint failed")
        return b"%PDF-stand-in " + rendering.render_version(html, stylesheets).encode()


@pytest.fixture
def renders(monkeypatch):
    stand_in = StandIn()
    monkeypatch.setattr(rendering, "html_to_pdf", stand_in)
    return stand_in


def reporting_agency(government, name):
    """An agency of `government` with a small Renstra 2019–2023, its planner, ready to submit."""
    agency = AgencyFactory(government=government, name=name)
    plan = StrategicPlanFactory(agency=agency)
    IndicatorFactory(objective__goal__plan=plan)
    return agency


class Pemda:
    """A Pemda with its reviewer and an admin; `act` takes a workflow step through the review services."""

    def __init__(self, name="Kota Publik", code="kota-publik"):
        self.government = GovernmentFactory(name=name, code=code)
        self.reviewer = ReviewerFactory(
            government=self.government, first_name="Inspektur", last_name="Rahasiawan"
        )
        self.admin = AdminFactory()
        self.planners = {}

    def agency(self, name):
        agency = reporting_agency(self.government, name)
        self.planners[agency.pk] = PlannerFactory(
            agency=agency, first_name="Perencana", last_name="Tersembunyi"
        )
        return agency

    def act(self, agency, action, year=YEAR, note=""):
        user = {"approve": self.reviewer, "return": self.reviewer, "reopen": self.admin}.get(
            action, self.planners[agency.pk]
        )
        return review_transition(agency=agency, year=year, action=action, user=user, note=note)

    def approve(self, agency, year=YEAR):
        self.act(agency, "submit", year)
        self.act(agency, "approve", year)


@pytest.fixture
def pemda(db):
    return Pemda()


def page_url(government):
    return reverse("public:government", args=[government.code])


def pdf_url(agency, year=YEAR, government=None):
    return reverse("public:lkjip_pdf", args=[(government or agency.government).code, agency.code, year])


def test_anonymous_visitors_see_the_approved_years_and_nothing_else(client, pemda):
    approved = pemda.agency("Dinas Terbit")
    pemda.approve(approved)
    pemda.act(approved, "submit", 2020)  # submitted: not published
    pemda.act(approved, "submit", 2022)
    pemda.act(approved, "return", 2022, note="Perbaiki target")  # returned: not published
    drafting = pemda.agency("Dinas Masih Draf")  # a draft only: not on the page at all
    submitted = pemda.agency("Dinas Diajukan")
    pemda.act(submitted, "submit")

    response = client.get(page_url(pemda.government))
    assert response.status_code == 200
    html = response.content.decode()
    assert pemda.government.name in html and "Dinas Terbit" in html
    assert pdf_url(approved) in html
    assert 'data-testid="public-reports"' in html
    # One column (2021): the submitted 2020 and the returned 2022 are not even headers.
    assert ">2021</th>" in html and ">2020</th>" not in html and ">2022</th>" not in html
    for hidden in (drafting, submitted):
        assert hidden.name not in html and hidden.code not in html
    assert html.count("/lkjip.pdf") == 1
    # Nothing of the workspace: no link into it but "Masuk".
    assert "/opd/" not in html and reverse("login") in html and "Keluar" not in html


def test_the_approval_date_is_printed_in_indonesian_in_both_languages(client, pemda):
    agency = pemda.agency("Dinas Terbit")
    pemda.approve(agency)
    approved_on = format_date(timezone.localdate())
    assert f"disetujui {approved_on}" in client.get(page_url(pemda.government)).content.decode()
    english = client.get(page_url(pemda.government), headers={"accept-language": "en"}).content.decode()
    assert f"approved on {approved_on}" in english and "approved by the Inspectorate" in english


def test_a_year_that_is_not_approved_has_no_public_pdf(client, pemda, renders):
    agency = pemda.agency("Dinas Terbit")
    assert client.get(pdf_url(agency, 2020)).status_code == 404  # draft
    pemda.act(agency, "submit", 2020)
    assert client.get(pdf_url(agency, 2020)).status_code == 404  # submitted
    pemda.act(agency, "return", 2020, note="Perbaiki")
    assert client.get(pdf_url(agency, 2020)).status_code == 404  # returned
    pemda.approve(agency)
    assert client.get(pdf_url(agency)).status_code == 200
    pemda.act(agency, "reopen", note="Salah ketik")  # reopened: withdrawn from the public at once
    assert client.get(pdf_url(agency)).status_code == 404
    assert pdf_url(agency) not in client.get(page_url(pemda.government)).content.decode()
    pemda.act(agency, "submit")  # resubmitted: still not public
    assert client.get(pdf_url(agency)).status_code == 404
    pemda.act(agency, "approve")  # approved again: its new edition is public
    assert client.get(pdf_url(agency)).status_code == 200
    assert client.get(pdf_url(agency, 2024)).status_code == 404  # no plan, no review
    # A year approved before editions were kept is not published until `capture_editions` keeps its edition.
    set_state(agency, State.APPROVED, 2022)
    assert client.get(pdf_url(agency, 2022)).status_code == 404
    assert renders.calls == 1  # the unchanged report approved again has the same version: rendered once


def test_unknown_codes_and_another_pemdas_agency_are_404(client, pemda, renders):
    ours = pemda.agency("Dinas Kami")
    pemda.approve(ours)
    elsewhere = Pemda("Kabupaten Lain", "kabupaten-lain")
    theirs = elsewhere.agency("Dinas Mereka")
    elsewhere.approve(theirs)
    assert client.get(pdf_url(theirs)).status_code == 200  # under its own Pemda
    assert client.get(pdf_url(theirs, government=pemda.government)).status_code == 404
    assert client.get(pdf_url(ours, government=elsewhere.government)).status_code == 404
    assert client.get(reverse("public:government", args=["tidak-ada"])).status_code == 404
    unknown_agency = reverse("public:lkjip_pdf", args=[pemda.government.code, "tidak-ada", YEAR])
    assert client.get(unknown_agency).status_code == 404
    # Each Pemda's page lists its own agencies only.
    assert "Dinas Mereka" not in client.get(page_url(pemda.government)).content.decode()


def test_the_page_names_no_user_and_shows_no_comment_nor_note(client, pemda):
    agency = pemda.agency("Dinas Terbit")
    Comment.objects.create(
        agency=agency, year=YEAR, anchor_kind="general", text="Catatan reviu rahasia", author=pemda.reviewer
    )
    pemda.act(agency, "submit", note="Mohon direviu segera")
    pemda.act(agency, "return", note="Kembalikan karena alasan internal")
    pemda.act(agency, "submit")
    pemda.act(agency, "approve", note="Disetujui dengan catatan internal")
    for url in (page_url(pemda.government), reverse("public:index")):
        html = client.get(url).content.decode()
        for secret in (
            "Rahasiawan",
            "Tersembunyi",
            pemda.reviewer.username,
            pemda.planners[agency.pk].username,
            "Catatan reviu rahasia",
            "alasan internal",
            "catatan internal",
            "Mohon direviu",
        ):
            assert secret not in html, (url, secret)


def test_the_public_pdf_is_the_workspace_pdf_of_the_approved_year(client, pemda, renders):
    agency = pemda.agency("Dinas Terbit")
    pemda.approve(agency)
    client.force_login(pemda.planners[agency.pk])
    workspace = client.get(reverse("reports:lkjip_pdf", args=[agency.code, YEAR]))
    assert workspace.status_code == 200
    client.logout()

    public = client.get(pdf_url(agency))
    assert public.status_code == 200 and public["Content-Type"] == "application/pdf"
    assert public.content == workspace.content and renders.calls == 1  # one version, one render, one file
    record = RenderedFile.objects.get()
    assert public["Content-Disposition"] == f'attachment; filename="{record.filename}"'
    assert public["ETag"] == f'"{record.version}"'
    assert "public" in public["Cache-Control"] and "max-age=3600" in public["Cache-Control"]
    assert "Set-Cookie" not in public.headers
    # A visitor who has this version is told so, without the file.
    again = client.get(pdf_url(agency), headers={"if-none-match": public["ETag"]})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == public["ETag"]


def test_a_pdf_not_rendered_yet_is_queued_and_its_page_reloads_until_it_is_there(
    client, pemda, renders, settings
):
    agency = pemda.agency("Dinas Terbit")
    pemda.approve(agency)
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}  # queued, never run
    response = client.get(pdf_url(agency))
    assert response.status_code == 202
    record = RenderedFile.objects.get()
    assert record.status == "queued" and (record.agency, record.year) == (agency, YEAR)
    html = response.content.decode()
    assert "PDF sedang disiapkan" in html and "Menunggu giliran dibuat." in html
    assert f'<meta http-equiv="refresh" content="5;url={pdf_url(agency)}">' in html
    assert "/opd/" not in html and "data-render-status" not in html  # no workspace chrome nor its status view
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert client.get(pdf_url(agency)).status_code == 202 and RenderedFile.objects.count() == 1
    english = client.get(pdf_url(agency), headers={"accept-language": "en"}).content.decode()
    assert "the PDF is being prepared" in english and "Waiting for its turn." in english
    # Once the worker has rendered it, the same address is the file.
    rendering.render_document.call(record.pk)
    assert client.get(pdf_url(agency)).content.startswith(b"%PDF-stand-in")


def test_a_failed_render_is_not_queued_again_by_visitors(client, pemda, renders):
    agency = pemda.agency("Dinas Terbit")
    pemda.approve(agency)
    renders.fail = True
    first = client.get(pdf_url(agency))
    assert first.status_code == 202 and "PDF belum dapat disiapkan" in first.content.decode()
    assert 'http-equiv="refresh"' not in first.content.decode()  # no page reloading into a failing render
    assert client.get(pdf_url(agency)).status_code == 202 and renders.calls == 1
    # The agency's own download asks again, and the public address then has the file.
    renders.fail = False
    client.force_login(pemda.planners[agency.pk])
    assert client.get(reverse("reports:lkjip_pdf", args=[agency.code, YEAR])).status_code == 200
    client.logout()
    assert client.get(pdf_url(agency)).status_code == 200 and renders.calls == 2


def test_the_public_addresses_answer_get_and_head_only(client, pemda, renders):
    agency = pemda.agency("Dinas Terbit")
    pemda.approve(agency)
    for url in (reverse("public:index"), page_url(pemda.government), pdf_url(agency)):
        assert client.head(url).status_code == 200, url
        assert client.post(url).status_code == 405, url
        assert client.put(url).status_code == 405, url
        assert client.delete(url).status_code == 405, url


def test_the_pages_are_kept_by_the_visitors_browser_only_for_a_while(client, pemda):
    pemda.approve(pemda.agency("Dinas Terbit"))
    for url in (reverse("public:index"), page_url(pemda.government)):
        cache = client.get(url)["Cache-Control"]
        # Each page carries the visitor's own CSRF token (the language form): never kept by a shared cache.
        assert "private" in cache and "max-age=300" in cache, url


def test_the_index_lists_the_pemda_that_published_a_report(client, pemda):
    assert "Belum ada laporan yang dipublikasikan." in client.get(reverse("public:index")).content.decode()
    pemda.approve(pemda.agency("Dinas Terbit"))
    quiet = Pemda("Kabupaten Sunyi", "kabupaten-sunyi")
    quiet.act(quiet.agency("Dinas Diam"), "submit")
    html = client.get(reverse("public:index")).content.decode()
    assert page_url(pemda.government) in html and "Kota Publik" in html
    assert "Kabupaten Sunyi" not in html and "kabupaten-sunyi" not in html


def test_the_pemdas_logo_is_on_its_page(client, pemda):
    pemda.approve(pemda.agency("Dinas Terbit"))
    pemda.government.logo.save("lambang.png", ContentFile(image("PNG")))
    html = client.get(page_url(pemda.government)).content.decode()
    assert 'class="public-logo" src="data:image/png;base64,' in html and "Lambang Kota Publik" in html


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_two_agencies_as_for_five(client, pemda):
    agencies = [pemda.agency(f"Dinas {n}") for n in range(5)]
    for agency in agencies[:2]:
        pemda.approve(agency)
        pemda.approve(agency, 2020)
    two = count_queries(client, page_url(pemda.government))
    for agency in agencies[2:]:
        pemda.approve(agency)
        pemda.approve(agency, 2022)
    html = client.get(page_url(pemda.government)).content.decode()
    assert html.count("/lkjip.pdf") == 10
    assert count_queries(client, page_url(pemda.government)) == two <= 4  # + the Pemda's own LKjIP: one query
    assert count_queries(client, reverse("public:index")) == 1


def test_the_real_pdf_is_the_same_file_for_the_public_as_for_the_agency(client, pemda):
    """With WeasyPrint itself: the approved edition's PDF, byte for byte what the agency downloads."""
    agency = pemda.agency("Dinas Terbit")
    pemda.approve(agency)
    public = client.get(pdf_url(agency))
    assert public.status_code == 200 and public.content.startswith(b"%PDF-1.")
    client.force_login(pemda.reviewer)
    workspace = client.get(reverse("reports:lkjip_pdf", args=[agency.code, YEAR]))
    assert workspace.content == public.content and RenderedFile.objects.count() == 1
