"""Every list reads its rows in a fixed number of queries: 1 000 realisations cost what 176 do, and a plan twice
as large costs what the demo's does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.api_tokens import issue_token
from indicators.models import Indicator, Realisation
from tests.conftest import make_user

LISTS = ("plan-list", "indicator-list", "target-list", "realisation-list", "budget-line-list", "survey-list")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_a_page_of_1000_realisations_costs_what_a_page_of_176_does(api_world, api_client):
    client = api_client(api_world.keys["planner"])
    url = reverse("api:realisation-list", args=[api_world.agency.code]) + "?page_size=1000"
    assert client.get(url).json()["count"] == 176
    small = _queries(client, url)
    indicators = Indicator.objects.filter(plan__agency=api_world.agency)
    Realisation.objects.bulk_create(
        Realisation(indicator=indicator, year=year, quarter=quarter, value=year + quarter)
        for indicator in indicators
        for year in range(2010, 2016)
        for quarter in range(5)
    )  # 37 indicators × 6 years × 5 = 1 110 more
    body = client.get(url).json()
    assert body["count"] == 1286 and len(body["results"]) == 1000
    assert _queries(client, url) == small


@pytest.mark.parametrize("size", ["demo_agency", "double_demo_agency"])
def test_each_list_reads_a_fixed_number_of_queries(request, size, api_client):
    agency = request.getfixturevalue(size)
    client = api_client(issue_token(make_user(f"q-{size}", "planner", agency=agency), "uji")[1])
    counts = {name: _queries(client, reverse(f"api:{name}", args=[agency.code])) for name in LISTS}
    # the same at both sizes: the key, the agency, the count and the page's rows (plus the plan tree's seven
    # tables and the page's plans, the survey's unsur); the revision is not read inside the test's transaction
    assert counts == {
        "plan-list": 12,
        "indicator-list": 4,
        "target-list": 4,
        "realisation-list": 4,
        "budget-line-list": 4,
        "survey-list": 5,
    }
