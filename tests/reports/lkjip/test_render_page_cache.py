"""The LKjIP web page keeps its rendered body under the agency's revision: the same bytes as a page rendered
afresh, rendered again as soon as anything the report reads changes."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from agencies.models import Agency
from indicators.models import Narrative
from interchange.dataset.writing import dataset_import
from reports.lkjip import render as lkjip_render
from reports.lkjip.document import document_build
from reports.lkjip.render import lkjip_html
from reports.readmodel.build import report_build
from tests.conftest import make_user

YEAR = 2021
pytestmark = pytest.mark.django_db(transaction=True)  # commits happen: the revisions are raised on commit


@pytest.fixture
def demo_agency(demo_dataset):
    dataset_import(demo_dataset)
    return Agency.objects.select_related("government").get(code="tangsel-dinkopukm")


@pytest.fixture
def planner_client(client, demo_agency):
    client.force_login(make_user("perencana-uji", "planner", agency=demo_agency))
    return client


def page_url(agency):
    return reverse("reports:lkjip", args=[agency.code, YEAR])


def fresh_page(agency) -> str:
    return lkjip_html(document_build(report_build(agency=agency, year=YEAR)))


def test_the_page_is_the_same_html_when_rendered_and_when_kept(planner_client, demo_agency):
    first = planner_client.get(page_url(demo_agency))
    second = planner_client.get(page_url(demo_agency))
    assert first.status_code == second.status_code == 200
    with translation.override("id"):
        expected = fresh_page(demo_agency)
    assert first.content.decode() == expected
    assert second.content.decode() == expected
    assert "report-toolbar" in expected and "Pemeriksaan" in expected


def test_an_unchanged_report_s_body_is_not_rendered_again(planner_client, demo_agency, monkeypatch):
    planner_client.get(page_url(demo_agency))

    def rendered_again(document):
        raise AssertionError("body rendered again")

    monkeypatch.setattr(lkjip_render, "lkjip_page_body", rendered_again)
    assert planner_client.get(page_url(demo_agency)).status_code == 200


def test_a_saved_narrative_shows_on_the_next_view(planner_client, demo_agency):
    before = planner_client.get(page_url(demo_agency)).content.decode()
    text = "Kata pengantar yang baru ditulis untuk uji halaman."
    assert text not in before
    Narrative.objects.update_or_create(
        agency=demo_agency, year=YEAR, key="kata_pengantar", defaults={"text": text}
    )
    assert text in planner_client.get(page_url(demo_agency)).content.decode()


def test_each_language_has_its_own_page(planner_client, demo_agency):
    indonesian = planner_client.get(page_url(demo_agency), headers={"accept-language": "id"}).content.decode()
    planner_client.cookies["django_language"] = "en"
    english = planner_client.get(page_url(demo_agency)).content.decode()
    with translation.override("en"):
        assert english == fresh_page(demo_agency)
    assert english != indonesian


def test_inside_a_transaction_the_body_is_rendered_and_not_kept(demo_agency, monkeypatch):
    kept = []
    monkeypatch.setattr(lkjip_render.cache, "set", lambda *args, **kwargs: kept.append(args))
    with transaction.atomic():
        html = lkjip_render.lkjip_page_html(
            demo_agency,
            YEAR,
            request=None,
            build=lambda: document_build(report_build(agency=demo_agency, year=YEAR)),
        )
    assert html == fresh_page(demo_agency)
    assert [key for key, *_ in kept if key.startswith("lkjip-page")] == []
