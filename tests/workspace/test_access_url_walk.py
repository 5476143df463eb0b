"""Walk every URL pattern of an agency: another agency's planner gets 404 on all of them, GET and POST alike.

New screens are covered automatically: any pattern with a `code` argument is walked. The public pages (`publik/`,
workspace/public.py) are the intentional exception: their arguments are `government` and `agency`, not `code`,
and they are listed here by name, so that a new public screen is a decision, not an accident.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from indicators.models import Evidence, Indicator
from review.models import PemdaEdition, PemdaReportEvent, PemdaReportReview
from sakip.url_walk import agency_patterns, public_patterns, url_kwargs
from tests.conftest import make_user

YEAR = 2021


def url_args(agency, names, defaults, objects):
    values = {"code": agency.code, "year": YEAR, "quarter": 1, "kind": "indikator", **objects}
    return url_kwargs(names, defaults, values)


@pytest.fixture
def foreign_objects(demo_agency):
    indicator = Indicator.objects.filter(plan__agency=demo_agency).first()
    evidence = Evidence.objects.create(
        indicator=indicator,
        year=YEAR,
        quarter=1,
        file=ContentFile(b"%PDF-1.4\n", name="a.pdf"),
        original_name="a.pdf",
        content_type="application/pdf",
        size=9,
    )
    return {"indicator": indicator.pk, "evidence": evidence.pk}


def test_the_walk_finds_the_workspace_screens():
    names = {name for name, _, _ in agency_patterns()}
    for expected in ("agencies:overview", "indicators:realisations", "budgets:entry", "reports:narratives"):
        assert expected in names


def test_another_agencys_planner_gets_404_everywhere(client, demo_agency, other_agency, foreign_objects):
    client.force_login(make_user("lain", "planner", agency=other_agency))
    checked = 0
    for name, args, defaults in agency_patterns():
        pk = (
            foreign_objects["evidence"]
            if name.startswith("indicators:evidence_")
            else foreign_objects["indicator"]
        )
        url = reverse(name, kwargs=url_args(demo_agency, args, defaults, {**foreign_objects, "pk": pk}))
        assert client.get(url).status_code == 404, f"GET {url}"
        assert client.post(url, {}).status_code == 404, f"POST {url}"
        checked += 1
    assert checked >= 10


def test_foreign_objects_are_404_even_under_the_users_own_agency(client, other_agency, foreign_objects):
    """An object id of another agency must not be reachable by swapping in one's own agency code."""
    client.force_login(make_user("lain", "planner", agency=other_agency))
    for name, args, defaults in agency_patterns():
        if not args & {"pk", "indicator"}:
            continue
        pk = (
            foreign_objects["evidence"]
            if name.startswith("indicators:evidence_")
            else foreign_objects["indicator"]
        )
        url = reverse(name, kwargs=url_args(other_agency, args, defaults, {**foreign_objects, "pk": pk}))
        # A POST-only endpoint may answer a GET with 405 before looking anything up: nothing is revealed.
        assert client.get(url).status_code in (404, 405), f"GET {url}"
        assert client.post(url, {}).status_code == 404, f"POST {url}"


def test_anonymous_visitors_are_sent_to_the_login_page(client, demo_agency, foreign_objects):
    for name, args, defaults in agency_patterns():
        url = reverse(name, kwargs=url_args(demo_agency, args, defaults, {**foreign_objects, "pk": 1}))
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/masuk/"), url


# The screens anyone may open without a login (workspace/public.py): only approved reports.
PUBLIC_SCREENS = {"public:index", "public:government", "public:lkjip_pdf", "public:government_lkjip_pdf"}


def test_the_public_screens_are_exactly_these_and_each_is_marked_public():
    found = {name: marked for name, marked, _ in public_patterns()}
    assert set(found) == PUBLIC_SCREENS
    assert all(found.values()), found  # each behind `public_view`: GET and HEAD only
    assert not PUBLIC_SCREENS & {name for name, _, _ in agency_patterns()}


def reopened_pemda_report(government):
    """The Pemda LKjIP of YEAR approved once (its edition kept) and reopened since: not published any more."""
    review = PemdaReportReview.objects.create(government=government, year=YEAR, state="reopened")
    event = PemdaReportEvent.objects.create(review=review, action="approve")
    PemdaEdition.objects.create(
        event=event,
        title="LKjIP yang dibuka kembali",
        **dict.fromkeys(
            ("page_body", "print_html", "stylesheet", "download_html", "report_json", "workbook"), b""
        ),
    )
    PemdaReportEvent.objects.create(review=review, action="reopen")


def test_the_public_screens_show_nothing_of_a_year_that_is_not_approved(client, demo_agency):
    """Anonymous, on every public screen: a 200 for the lists, a 404 for the demo's year (a draft for the agency,
    reopened for the Pemda's own LKjIP), 405 on POST."""
    reopened_pemda_report(demo_agency.government)
    values = {"government": demo_agency.government.code, "agency": demo_agency.code, "year": YEAR}
    for name, _, args in public_patterns():
        url = reverse(name, kwargs=url_kwargs(args, {}, values))
        answer = client.get(url)
        assert answer.status_code == (404 if "year" in args else 200), url
        assert demo_agency.name not in answer.content.decode(), url
        assert "public-government-reports" not in answer.content.decode(), url
        assert client.post(url, {}).status_code == 405, url
