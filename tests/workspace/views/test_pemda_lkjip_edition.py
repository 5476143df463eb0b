"""The approved edition of the Pemda LKjIP: the Pemda's inspectorate (or an admin) approves the report of a year,
which is then served exactly as approved (page, HTML, xlsx, json, PDF) until it is reopened; the public page
publishes it. Bappeda reads only; an agency's planner and another Pemda's users do not see it (404)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency, Government
from reports import rendering
from reports.approval import review_transition
from reports.models import RenderedFile
from review.models import PemdaEdition, PemdaReportEvent, PemdaReportReview
from sakip.tasks_api import DUMMY_BACKEND
from tests.conftest import make_user
from tests.reports.lkjip_pemda.scenario import make_pemda_rpjmd

YEAR = 2021
RENAMED = "Dinas Berganti Nama Sesudah Persetujuan"


@pytest.fixture
def pemda(pemda_of):
    government, agencies = pemda_of(2)
    make_pemda_rpjmd(government, agencies)
    return government, agencies


@pytest.fixture
def renders(monkeypatch):
    """html_to_pdf stands in with one file per version (the real render is tested with the live report)."""
    monkeypatch.setattr(
        rendering,
        "html_to_pdf",
        lambda html, sheets: b"%PDF-" + rendering.render_version(html, sheets).encode(),
    )


def url(name, government, year=YEAR):
    return reverse(name, args=[government.code, year])


def downloads(client, government):
    return tuple(
        client.get(url(name, government)).content
        for name in ("pemda:lkjip_xlsx", "pemda:lkjip_json", "pemda:lkjip_html", "pemda:lkjip_pdf")
    )


def rename_an_agency(agencies):
    Agency.objects.filter(pk=agencies[0].pk).update(name=RENAMED)


def test_the_inspectorate_approves_and_the_approved_edition_is_served_until_reopened(client, pemda, renders):
    government, agencies = pemda
    inspectorate = make_user("inspektorat", "reviewer", government=government)
    client.force_login(inspectorate)
    live = client.get(url("pemda:lkjip", government)).content.decode()
    assert url("pemda:lkjip_approve", government) in live  # the inspectorate is offered the approval
    before = downloads(client, government)

    answer = client.post(url("pemda:lkjip_approve", government), follow=True)
    assert answer.redirect_chain[-1][0] == url("pemda:lkjip", government)
    page = answer.content.decode()
    assert "LKjIP Pemda disetujui" in page and 'data-testid="pemda-lkjip-edition"' in page
    assert url("pemda:lkjip_reopen", government) in page
    (event,) = PemdaReportEvent.objects.all()
    assert (event.actor, event.action) == (inspectorate, "approve") and str(YEAR) in event.edition.title
    assert PemdaReportReview.objects.get(government=government, year=YEAR).state == "approved"
    approved = downloads(client, government)
    # Nothing changed in between: the edition is the report of that moment, its PDF the file rendered before.
    assert approved == before and RenderedFile.objects.count() == 1

    rename_an_agency(agencies)  # an agency's data moves after the approval
    page = client.get(url("pemda:lkjip", government)).content.decode()
    assert RENAMED not in page and agencies[0].name in page
    assert downloads(client, government) == approved  # xlsx, json, HTML and PDF: the same bytes

    client.post(url("pemda:lkjip_reopen", government))
    assert PemdaReportReview.objects.get(government=government, year=YEAR).state == "reopened"
    page = client.get(url("pemda:lkjip", government)).content.decode()
    assert RENAMED in page and 'data-testid="pemda-lkjip-edition"' not in page
    reopened = downloads(client, government)
    assert reopened[1] != approved[1] and RENAMED in reopened[1].decode()

    client.post(url("pemda:lkjip_approve", government))  # approving again keeps a new edition
    assert PemdaEdition.objects.count() == 2
    assert downloads(client, government)[:2] == reopened[:2]


def test_the_approval_keeps_what_the_live_report_renders(client, pemda):
    government, _ = pemda
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    live_json = client.get(url("pemda:lkjip_json", government)).content
    live_xlsx = client.get(url("pemda:lkjip_xlsx", government)).content
    live_html = client.get(url("pemda:lkjip_html", government)).content
    client.post(url("pemda:lkjip_approve", government))
    assert client.get(url("pemda:lkjip_json", government)).content == live_json
    assert client.get(url("pemda:lkjip_xlsx", government)).content == live_xlsx
    assert client.get(url("pemda:lkjip_html", government)).content == live_html
    edition = PemdaEdition.objects.get()
    assert bytes(edition.workbook) == live_xlsx and len(bytes(edition.report_json)) < len(live_json)  # zlib


def test_an_admin_approves_and_bappeda_only_reads(client, pemda):
    government, _ = pemda
    bappeda = make_user("bappeda", "pemda", government=government)
    client.force_login(bappeda)
    assert client.get(url("pemda:lkjip", government)).status_code == 200
    assert (
        url("pemda:lkjip_approve", government)
        not in client.get(url("pemda:lkjip", government)).content.decode()
    )
    assert client.post(url("pemda:lkjip_approve", government)).status_code == 403
    assert not PemdaReportEvent.objects.exists()

    admin = make_user("admin", "admin")
    client.force_login(admin)
    assert client.post(url("pemda:lkjip_approve", government)).status_code == 302
    client.force_login(bappeda)
    assert 'data-testid="pemda-lkjip-edition"' in client.get(url("pemda:lkjip", government)).content.decode()
    assert client.post(url("pemda:lkjip_reopen", government)).status_code == 403
    client.force_login(admin)
    assert client.post(url("pemda:lkjip_reopen", government)).status_code == 302
    assert [e.action for e in PemdaReportEvent.objects.order_by("pk")] == ["approve", "reopen"]


def test_outsiders_get_404_and_the_new_urls_take_post_only(client, pemda):
    government, agencies = pemda
    other = Government.objects.create(code="lain", name="Kabupaten Lain")
    approve, reopen = url("pemda:lkjip_approve", government), url("pemda:lkjip_reopen", government)
    for user in (
        make_user("perencana", "planner", agency=agencies[0]),
        make_user("kepala", "head", agency=agencies[0]),
        make_user("bappeda-lain", "pemda", government=other),
        make_user("inspektorat-lain", "reviewer", government=other),
    ):
        client.force_login(user)
        assert [client.post(approve).status_code, client.post(reopen).status_code] == [404, 404]
        assert client.get(url("pemda:lkjip", government)).status_code == 404
    assert not PemdaReportEvent.objects.exists()
    client.logout()
    for step in (approve, reopen):
        answer = client.post(step)
        assert answer.status_code == 302 and answer.url.startswith(reverse("login")), step
    assert not PemdaReportEvent.objects.exists()
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    assert client.get(approve).status_code == 405


def test_a_refused_step_says_so_and_a_year_without_report_is_404(client, pemda):
    government, _ = pemda
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    answer = client.post(url("pemda:lkjip_reopen", government), follow=True)  # nothing approved yet
    assert "not in a state that allows this action" in answer.content.decode()
    assert client.post(url("pemda:lkjip_approve", government, 2030)).status_code == 404  # no RPJMD covers it
    assert not PemdaReportEvent.objects.exists() and not PemdaReportReview.objects.exists()
    client.post(url("pemda:lkjip_approve", government))
    answer = client.post(url("pemda:lkjip_approve", government), follow=True)  # someone approved first
    assert "not in a state that allows this action" in answer.content.decode()
    assert PemdaEdition.objects.count() == 1


# --- publication (workspace/public.py) ---------------------------------------------------------------------------
def public_pdf(government, year=YEAR):
    return reverse("public:government_lkjip_pdf", args=[government.code, year])


def public_page(government):
    return reverse("public:government", args=[government.code])


def approve(client, government, *years):
    for year in years:
        assert client.post(url("pemda:lkjip_approve", government, year)).status_code == 302


def test_anonymous_visitors_get_the_approved_years_only(client, pemda, renders):
    government, _ = pemda
    inspectorate = make_user("inspektorat", "reviewer", government=government)
    client.force_login(inspectorate)
    approve(client, government, 2020, YEAR)
    client.post(url("pemda:lkjip_reopen", government, 2020))  # reopened: no longer published
    workspace_pdf = client.get(url("pemda:lkjip_pdf", government)).content
    client.logout()

    html = client.get(public_page(government)).content.decode()
    assert 'data-testid="public-government-reports"' in html
    assert public_pdf(government) in html and public_pdf(government, 2020) not in html
    assert [client.get(public_pdf(government, year)).status_code for year in (2020, 2022, 2030)] == [404] * 3
    answer = client.get(public_pdf(government))
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == f'attachment; filename="LKjIP-Pemda-2021-{government.code}.pdf"'
    # The workspace's download of the approved year: one version, one file, the same bytes.
    assert answer.content == workspace_pdf and RenderedFile.objects.count() == 1
    assert client.get(public_pdf(government), HTTP_IF_NONE_MATCH=answer["ETag"]).status_code == 304
    assert client.post(public_pdf(government)).status_code == 405
    assert (
        government.name in client.get(reverse("public:index")).content.decode()
    )  # its own report publishes it


def test_a_pemda_lkjip_not_rendered_yet_has_its_waiting_page(client, pemda, settings):
    government, _ = pemda
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    approve(client, government, YEAR)
    client.logout()
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}  # queued, never run
    answer = client.get(public_pdf(government))
    assert answer.status_code == 202
    record = RenderedFile.objects.get()
    assert (record.status, record.agency, record.government, record.year) == (
        "queued",
        None,
        government,
        YEAR,
    )
    html = answer.content.decode()
    assert f"LKjIP {YEAR} {government.name}: PDF sedang disiapkan" in html
    assert f'<meta http-equiv="refresh" content="5;url={public_pdf(government)}">' in html


def test_the_pemdas_own_lkjip_is_listed_above_the_agencies(client, pemda):
    government, agencies = pemda
    planner = make_user("perencana", "planner", agency=agencies[0])
    inspectorate = make_user("inspektorat", "reviewer", government=government)
    review_transition(agency=agencies[0], year=YEAR, action="submit", user=planner)
    review_transition(agency=agencies[0], year=YEAR, action="approve", user=inspectorate)
    client.force_login(inspectorate)
    approve(client, government, YEAR)
    client.logout()
    html = client.get(public_page(government)).content.decode()
    own, table = (
        html.index('data-testid="public-government-reports"'),
        html.index('data-testid="public-reports"'),
    )
    assert own < table and html.count("/lkjip.pdf") == 2
    assert public_pdf(government) in html and agencies[0].name in html


def count_queries(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_the_public_page_costs_the_same_queries_for_one_approved_year_as_for_three(client, pemda):
    government, _ = pemda
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    approve(client, government, YEAR)
    client.logout()
    one, index = (
        count_queries(client, public_page(government)),
        count_queries(client, reverse("public:index")),
    )
    client.force_login(make_user("admin", "admin"))
    approve(client, government, 2020, 2022)
    client.logout()
    html = client.get(public_page(government)).content.decode()
    assert html.count("/lkjip.pdf") == 3
    assert count_queries(client, public_page(government)) == one <= 4
    assert count_queries(client, reverse("public:index")) == index == 1


def test_render_report_writes_the_approved_edition_and_live_on_request(client, pemda, tmp_path):
    government, agencies = pemda
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    approve(client, government, YEAR)
    approved = client.get(url("pemda:lkjip_json", government)).content.decode()
    rename_an_agency(agencies)
    options = {"document": "lkjip-pemda", "government": government.code, "year": YEAR, "format": "json"}
    call_command("render_report", output=tmp_path / "edisi.json", **options)
    assert (tmp_path / "edisi.json").read_text(encoding="utf-8") == approved
    call_command("render_report", output=tmp_path / "kini.json", live=True, **options)
    assert RENAMED in (tmp_path / "kini.json").read_text(encoding="utf-8")
