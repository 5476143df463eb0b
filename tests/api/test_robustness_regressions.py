"""Answers scripts/robustness.py (sections 1c and 3c) found wrong, kept from coming back."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("accept", ["application/json", "text/html"])
def test_docs_page_called_with_a_revoked_key_answers_without_a_server_error(api_world, api_client, accept):
    # The page is for browsers (their session); a key, even a revoked one, must not turn it into a 500.
    answer = api_client(api_world.keys["revoked"]).get("/api/docs/", HTTP_ACCEPT=accept)
    assert answer.status_code == (200 if accept == "text/html" else 406)


@pytest.mark.parametrize("write", ["realisations", "budget"])
def test_deeply_nested_json_is_refused_as_malformed(api_world, api_client, write):
    depth = 100_000
    body = '{"rows": ' + "[" * depth + "]" * depth + "}"
    answer = api_client(api_world.keys["planner"]).put(
        f"/api/v1/agencies/{api_world.agency.code}/years/2021/quarters/1/{write}/",
        body,
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert "JSON" in answer.json()["detail"]


def test_too_many_rows_are_refused_at_once_without_an_error_per_row(api_world, api_client):
    rows = [{"indicator": f"X{k}", "value": "abc"} for k in range(50_000)]
    answer = api_client(api_world.keys["planner"]).put(
        f"/api/v1/agencies/{api_world.agency.code}/years/2021/quarters/1/realisations/",
        {"rows": rows},
        format="json",
    )
    assert answer.status_code == 400
    assert "2000" in answer.content.decode() and len(answer.content) < 2000
