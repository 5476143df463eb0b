"""Bad filter values are a 400 that says what is wrong in both languages, never a 500 nor an ignored filter."""

from django.urls import reverse

BAD = (
    ("realisation-list", "?year=abc", "year"),
    ("realisation-list", "?year=20211", "year"),
    ("realisation-list", "?quarter=5", "quarter"),
    ("realisation-list", "?quarter=-1", "quarter"),
    ("target-list", "?kind=murni", "kind"),
    ("indicator-list", "?level=bidang", "level"),
    ("budget-line-list", "?year=2021&year=2022", "year"),
    ("indicator-list", "?code=", "code"),
    ("survey-list", "?year=2021.5", "year"),
)


def test_a_bad_filter_is_a_bilingual_400(api_world, api_client):
    client = api_client(api_world.keys["planner"])
    for name, query, param in BAD:
        response = client.get(reverse(f"api:{name}", args=[api_world.agency.code]) + query)
        assert response.status_code == 400, (name, query)
        (message,) = response.json()[param]
        indonesian, english = message.split(" / ")
        assert indonesian and english, (name, query)


def test_every_bad_filter_of_a_request_is_reported_at_once(api_world, api_client):
    client = api_client(api_world.keys["planner"])
    url = reverse("api:realisation-list", args=[api_world.agency.code])
    body = client.get(url + "?year=abc&quarter=9").json()
    assert set(body) == {"year", "quarter"}
    assert body["year"] == [
        "Tahun ?year= harus bilangan bulat 1990–2100, bukan 'abc'. / "
        "Year ?year= must be a whole number from 1990 to 2100, not 'abc'."
    ]


def test_the_dashboard_quarter_is_checked(api_world, api_client):
    client = api_client(api_world.keys["pemda"])
    url = reverse("api:dashboard", args=[api_world.agency.government.code, 2021])
    response = client.get(url + "?tw=9")
    assert response.status_code == 400
    assert "Quarter ?tw= must be a whole number from 1 to 4" in response.json()["tw"][0]
