"""Writing a quarter's realisations through the API: the screens' rules, locks, windows and history, all or nothing."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import Indicator, Realisation
from reports.readmodel.build import report_build
from review.models import EntryWindow
from review.workflow import State
from tests.review.helpers import YEAR, set_state, year_data

GOOD, OTHER, RATIO = "2.17.02-1", "2.17.03-1", "2.17.04-1"


def url(agency, quarter, year=YEAR):
    return reverse("api:quarter-realisations", args=[agency.code, year, quarter])


def stored(agency, code, quarter):
    return Realisation.objects.filter(
        indicator__plan__agency=agency, indicator__code=code, year=YEAR, quarter=quarter
    ).first()


def capaian(agency, code, quarter):
    row = next(r for r in report_build(agency=agency, year=YEAR).indicators if r.code == code)
    return row.quarters[quarter - 1].capaian


@pytest.fixture
def planner(api_world, api_client):
    return api_client(api_world.keys["planner"])


def test_get_lists_every_indicator_with_its_stored_realisation_and_version(api_world, planner):
    response = planner.get(url(api_world.agency, 2))
    assert response.status_code == 200
    rows = {row["indicator"]: row for row in response.json()["rows"]}
    assert set(rows) == set(
        Indicator.objects.filter(plan__agency=api_world.agency).values_list("code", flat=True)
    )
    realisation = stored(api_world.agency, GOOD, 2)
    assert Decimal(rows[GOOD]["value"]) == realisation.value
    assert rows[GOOD]["status"] == realisation.status and len(rows[GOOD]["version"]) == 16
    assert response.json()["writable"] is True


def test_typed_values_are_saved_and_the_answer_gives_the_new_capaian(api_world, planner):
    agency = api_world.agency
    before = capaian(agency, GOOD, 3)
    response = planner.put(
        url(agency, 3),
        {"rows": [{"indicator": GOOD, "value": "1.715", "status": "provisional", "analysis": "Naik."}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    saved = stored(agency, GOOD, 3)
    assert (saved.value, saved.status, saved.analysis) == (Decimal(1715), "provisional", "Naik.")
    answer = response.json()
    assert answer["saved"] == 1
    row = next(r for r in answer["rows"] if r["indicator"] == GOOD)
    after = capaian(agency, GOOD, 3)
    assert after != before and Decimal(row["capaian"]) == after.quantize(Decimal("0.01"))
    assert row["realisation"] == "1715.00"


def test_json_numbers_are_exact_decimals_and_keep_their_places(api_world, planner):
    agency = api_world.agency
    body = '{"rows": [{"indicator": "' + GOOD + '", "value": 0.10}]}'
    response = planner.put(url(agency, 3), body, content_type="application/json")
    assert response.status_code == 200, response.json()
    saved = stored(agency, GOOD, 3)
    assert saved.value == Decimal("0.1") and saved.value_places == 2
    read = next(r for r in planner.get(url(agency, 3)).json()["rows"] if r["indicator"] == GOOD)
    assert read["value"] == "0.10"


def test_fields_left_out_keep_their_stored_values(api_world, planner):
    agency = api_world.agency
    realisation = stored(agency, GOOD, 2)
    realisation.analysis = "Tetap."
    realisation.save()
    response = planner.put(
        url(agency, 2), {"rows": [{"indicator": GOOD, "status": "provisional"}]}, format="json"
    )
    assert response.status_code == 200, response.json()
    after = stored(agency, GOOD, 2)
    assert (after.value, after.analysis, after.status) == (realisation.value, "Tetap.", "provisional")


def test_one_bad_row_among_good_ones_saves_nothing_and_names_the_row(api_world, planner):
    agency = api_world.agency
    before = year_data(agency)
    response = planner.put(
        url(agency, 3),
        {"rows": [{"indicator": GOOD, "value": "99"}, {"indicator": OTHER, "value": "1,2,3"}]},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["rows"]
    assert list(errors) == [OTHER]
    assert "Angka tidak valid" in errors[OTHER]["value"][0] and "Invalid number" in errors[OTHER]["value"][0]
    assert year_data(agency) == before


def test_unknown_indicator_codes_are_listed_and_nothing_saved(api_world, planner):
    before = year_data(api_world.agency)
    response = planner.put(
        url(api_world.agency, 3),
        {"rows": [{"indicator": GOOD, "value": "5"}, {"indicator": "9.99-9", "value": "1"}]},
        format="json",
    )
    assert response.status_code == 400 and response.json()["unknown"] == ["9.99-9"]
    assert year_data(api_world.agency) == before


def test_a_ratio_indicator_takes_its_two_parts(api_world, planner):
    agency = api_world.agency
    Indicator.objects.filter(plan__agency=agency, code=RATIO).update(
        computation=Indicator.Computation.RATIO, multiplier=Decimal(100)
    )
    Realisation.objects.filter(
        indicator__plan__agency=agency, indicator__code=RATIO, year=YEAR, quarter=1
    ).update(value=None)
    refused = planner.put(url(agency, 1), {"rows": [{"indicator": RATIO, "value": "75"}]}, format="json")
    assert refused.status_code == 400 and "value" in refused.json()["rows"][RATIO]
    zero = planner.put(
        url(agency, 1), {"rows": [{"indicator": RATIO, "numerator": 3, "denominator": 0}]}, format="json"
    )
    assert (
        zero.status_code == 400 and "Penyebut tidak boleh nol" in zero.json()["rows"][RATIO]["denominator"][0]
    )
    response = planner.put(
        url(agency, 1), {"rows": [{"indicator": RATIO, "numerator": "30", "denominator": 40}]}, format="json"
    )
    assert response.status_code == 200, response.json()
    row = next(r for r in response.json()["rows"] if r["indicator"] == RATIO)
    assert row["realisation"] == "75.00"


def test_a_row_changed_by_someone_else_since_read_is_a_conflict(api_world, planner):
    agency = api_world.agency
    version = next(r for r in planner.get(url(agency, 2)).json()["rows"] if r["indicator"] == GOOD)["version"]
    Realisation.objects.filter(pk=stored(agency, GOOD, 2).pk).update(
        value=Decimal(7)
    )  # another planner's save
    response = planner.put(
        url(agency, 2), {"rows": [{"indicator": GOOD, "value": "8", "version": version}]}, format="json"
    )
    assert response.status_code == 409
    conflict = response.json()["conflicts"][GOOD]
    assert conflict["stored"]["value"] == "7" and conflict["version"] != version
    assert stored(agency, GOOD, 2).value == Decimal(7)
    again = planner.put(
        url(agency, 2),
        {"rows": [{"indicator": GOOD, "value": "8", "version": conflict["version"]}]},
        format="json",
    )
    assert again.status_code == 200 and stored(agency, GOOD, 2).value == Decimal(8)


@pytest.mark.parametrize("state", [State.SUBMITTED, State.APPROVED])
def test_a_frozen_year_is_refused_and_nothing_saved(api_world, planner, state):
    set_state(api_world.agency, state)
    before = year_data(api_world.agency)
    response = planner.put(
        url(api_world.agency, 3), {"rows": [{"indicator": GOOD, "value": "5"}]}, format="json"
    )
    assert response.status_code == 403 and " / " in response.json()["detail"]
    assert year_data(api_world.agency) == before


def test_a_closed_quarter_is_refused_but_another_stays_open(api_world, planner):
    agency = api_world.agency
    EntryWindow.objects.create(
        government=agency.government, year=YEAR, quarter=2, deadline=datetime.date(2021, 7, 15)
    )
    before = year_data(agency)
    response = planner.put(url(agency, 2), {"rows": [{"indicator": GOOD, "value": "5"}]}, format="json")
    assert response.status_code == 403 and "15 Juli 2021" in response.json()["detail"]
    assert year_data(agency) == before
    assert (
        planner.put(url(agency, 3), {"rows": [{"indicator": GOOD, "value": "5"}]}, format="json").status_code
        == 200
    )


@pytest.mark.parametrize("role", ["head", "reviewer", "pemda"])
def test_read_only_roles_may_read_but_not_write(api_world, api_client, role):
    client = api_client(api_world.keys[role])
    assert client.get(url(api_world.agency, 3)).json()["writable"] is False
    before = year_data(api_world.agency)
    response = client.put(
        url(api_world.agency, 3), {"rows": [{"indicator": GOOD, "value": "5"}]}, format="json"
    )
    assert response.status_code == 403
    assert year_data(api_world.agency) == before


def test_another_pemdas_agency_is_not_found(api_world, api_client):
    client = api_client(api_world.keys["other_planner"])
    body = {"rows": [{"indicator": GOOD, "value": "5"}]}
    assert client.put(url(api_world.agency, 3), body, format="json").status_code == 404
    assert client.get(url(api_world.agency, 3)).status_code == 404


def test_a_revoked_key_is_refused(api_world, api_client):
    before = year_data(api_world.agency)
    response = api_client(api_world.keys["revoked"]).put(
        url(api_world.agency, 3), {"rows": [{"indicator": GOOD, "value": "5"}]}, format="json"
    )
    assert response.status_code == 401
    assert year_data(api_world.agency) == before


def test_the_history_names_the_keys_user_and_the_api(api_world, planner):
    response = planner.put(
        url(api_world.agency, 3), {"rows": [{"indicator": GOOD, "value": "12"}]}, format="json"
    )
    assert response.status_code == 200
    last = stored(api_world.agency, GOOD, 3).history.order_by("-history_id").first()
    assert last.history_user == api_world.users["planner"]
    assert last.history_change_reason == "api"


def test_the_browser_session_writes_with_its_csrf_token(api_world):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(api_world.users["planner"])
    body = {"rows": [{"indicator": GOOD, "value": "13"}]}
    assert client.put(url(api_world.agency, 3), body, format="json").status_code == 403  # no CSRF token
    client.get(reverse("indicators:realisations", args=[api_world.agency.code, YEAR, 3]))
    token = client.cookies["csrftoken"].value
    response = client.put(url(api_world.agency, 3), body, format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200, response.content
    last = stored(api_world.agency, GOOD, 3).history.order_by("-history_id").first()
    assert last.history_user == api_world.users["planner"]


def test_an_unknown_quarter_is_not_found(api_world, planner):
    assert planner.get(url(api_world.agency, 5)).status_code == 404


def test_a_body_of_the_wrong_shape_is_a_bilingual_400(api_world, planner):
    for body in (
        {},
        {"rows": []},
        {"rows": "x"},
        {"rows": [{"value": "1"}]},
        {"rows": [{"indicator": GOOD, "value": True}]},
    ):
        response = planner.put(url(api_world.agency, 3), body, format="json")
        assert response.status_code == 400, body
        assert " / " in str(response.json())
    assert planner.put(url(api_world.agency, 3), "{nope", content_type="application/json").status_code == 400
    assert (
        planner.put(
            url(api_world.agency, 3),
            '{"rows": [{"indicator": "x", "value": NaN}]}',
            content_type="application/json",
        ).status_code
        == 400
    )


def test_the_queries_of_a_whole_quarter_are_bounded(api_world, planner):
    agency = api_world.agency
    codes = list(
        Indicator.objects.filter(plan__agency=agency)
        .exclude(kind=Indicator.Kind.GRADE)
        .order_by("position")
        .values_list("code", flat=True)
    )
    ratio = set(
        Indicator.objects.filter(plan__agency=agency, computation=Indicator.Computation.RATIO).values_list(
            "code", flat=True
        )
    )
    codes = [c for c in codes if c not in ratio]

    def write(rows, value):
        body = {"rows": [{"indicator": code, "value": value} for code in rows]}
        with CaptureQueriesContext(connection) as queries:
            response = planner.put(url(agency, 3), body, format="json")
        assert response.status_code == 200, response.json()
        assert response.json()["saved"] == len(rows)
        return len(queries)

    few, many = write(codes[:5], "41"), write(codes, "42")
    per_row = (many - few) / (len(codes) - 5)
    assert per_row <= 5, (few, many)
    assert many <= 70 + 5 * len(codes), many


@pytest.mark.parametrize(
    "raw",
    [
        '{"rows": [{"indicator": "2.17.02-1", "value": 1e999999}]}',
        '{"rows": [{"indicator": "2.17.02-1", "value": 123456789012345678901234567890}]}',
        '{"rows": [{"indicator": "2.17.02-1", "value": "", "analysis": "a\\u0000b"}]}',
        '{"rows": [{"indicator": "2.17.02-1", "value": "Rp 5", "status": "x"}]}',
        '{"rows": [{"indicator": "2.17.02-1", "value": [1]}]}',
        '{"rows": [{"indicator": "2.17.02-1"}, {"indicator": "2.17.02-1"}]}',
        '{"rows": [null]}',
        "[1, 2]",
    ],
)
def test_odd_bodies_are_refused_with_a_reason_and_nothing_saved(api_world, planner, raw):
    before = year_data(api_world.agency)
    response = planner.put(url(api_world.agency, 3), raw, content_type="application/json")
    assert response.status_code == 400, response.content
    assert " / " in str(response.json())
    assert year_data(api_world.agency) == before
