"""ETags: a client holding an answer gets a 304 (no body) until the data change. Outside a transaction an agency's
lists are tagged by its data revision, so the 304 costs the access check and one query, nothing built."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.api_tokens import issue_token
from indicators.models import Realisation
from interchange.dataset.writing import dataset_import
from tests.conftest import make_user


def _s11_2021(agency):
    return Realisation.objects.get(
        indicator__plan__agency=agency, indicator__code="S1.1", year=2021, quarter=0
    )


def test_a_held_answer_is_a_304_until_the_data_change(api_world, api_client):
    client = api_client(api_world.keys["planner"])
    for name, args in (
        ("realisation-list", [api_world.agency.code]),
        ("agency-detail", [api_world.agency.code]),
        ("review", [api_world.agency.code, 2021]),
        ("agency-list", []),
    ):
        url = reverse(f"api:{name}", args=args)
        first = client.get(url)
        etag = first["ETag"]
        assert etag.startswith('"') and first["Cache-Control"] == "private, no-cache"
        held = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert (held.status_code, held.content, held["ETag"]) == (304, b"", etag), name
        assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    url = reverse("api:realisation-list", args=[api_world.agency.code])
    etag = client.get(url + "?code=S1.1")["ETag"]
    assert (
        client.get(url + "?code=S2.1", HTTP_IF_NONE_MATCH=etag).status_code == 200
    )  # another query: another answer
    row = _s11_2021(api_world.agency)
    row.value = row.value * 2
    row.save()
    changed = client.get(url + "?code=S1.1", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


@pytest.mark.django_db(transaction=True)  # commits happen: the revisions are raised on commit
def test_outside_a_transaction_the_tag_is_the_revision_and_a_304_builds_nothing(demo_dataset, api_client):
    agency = dataset_import(demo_dataset).agency
    client = api_client(issue_token(make_user("etag-planner", "planner", agency=agency), "uji")[1])
    for name, args in (
        ("realisation-list", [agency.code]),
        ("plan-list", [agency.code]),
        ("report", [agency.code, 2021]),
    ):
        url = reverse(f"api:{name}", args=args)
        etag = client.get(url)["ETag"]
        with CaptureQueriesContext(connection) as held:
            response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304, name
        tables = " ".join(query["sql"] for query in held.captured_queries)
        assert "indicators_realisation" not in tables and "indicators_goal" not in tables, name
        assert len(held) <= 5, name  # the key (and its last use), the agency, its revision
    url = reverse("api:realisation-list", args=[agency.code])
    etag = client.get(url)["ETag"]
    row = _s11_2021(agency)
    row.value = row.value * 2
    row.save()  # autocommit: the agency's revision is raised at once
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
