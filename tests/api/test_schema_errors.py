"""DRF's generic refusals come in both languages, like every message of the API (docs/api.md, "Errors")."""

from django.urls import reverse


def test_a_call_without_credentials_is_told_how_to_send_a_key(api_world, api_client):
    response = api_client().get(reverse("api:root"))
    assert response.status_code == 401
    assert "Token sakip_" in response.json()["detail"]
    assert " / An API key" in response.json()["detail"]


def test_a_method_the_endpoint_lacks_is_named_in_both_languages(api_world, api_client):
    response = api_client(api_world.keys["planner"]).delete(reverse("api:root"))
    assert response.status_code == 405
    assert response.json()["detail"] == (
        "Metode DELETE tidak tersedia di alamat ini. / Method DELETE is not allowed here."
    )


def test_the_rate_limit_says_when_to_come_back(api_world, api_client, settings):
    settings.API_RATE = "1/minute"
    client = api_client(api_world.keys["planner"])
    client.get(reverse("api:root"))
    response = client.get(reverse("api:root"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "coba lagi dalam" in response.json()["detail"]
    assert "try again in" in response.json()["detail"]
