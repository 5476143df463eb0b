"""Writing a quarter's budget spending and physical progress through the API: the Anggaran screens' rules."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgets.models import BudgetLine
from reports.readmodel.build import report_build
from review.workflow import State
from tests.review.helpers import YEAR, set_state, year_data

SUB = "2.17.01.2.01.0001"
PATH = f"2.17.01/2.17.01.2.01/{SUB}"
NEXT_PATH = "2.17.01/2.17.01.2.01/2.17.01.2.01.0002"


def url(agency, quarter):
    return reverse("api:quarter-budget", args=[agency.code, YEAR, quarter])


def line(agency, code=SUB):
    return BudgetLine.objects.get(
        year=YEAR, sub_activity__code=code, sub_activity__activity__program__plan__agency=agency
    )


def sub_row(report, code=SUB):
    return next(s for p in report.budget.children for a in p.children for s in a.children if s.code == code)


@pytest.fixture
def planner(api_world, api_client):
    return api_client(api_world.keys["planner"])


def test_get_lists_every_budget_owner_by_code_path(api_world, planner):
    response = planner.get(url(api_world.agency, 0))
    assert response.status_code == 200
    rows = {row["path"]: row for row in response.json()["rows"]}
    assert Decimal(rows[PATH]["spent"]) == line(api_world.agency).spent
    assert rows[PATH]["level"] == "sub_activity" and len(rows[PATH]["version"]) == 16
    quarter = {row["path"]: row for row in planner.get(url(api_world.agency, 2)).json()["rows"]}
    assert quarter[PATH]["spent"] is None and quarter[PATH]["physical_progress"] is None


def test_a_quarters_spending_and_physical_progress_are_saved_and_the_roll_up_follows(api_world, planner):
    agency = api_world.agency
    response = planner.put(
        url(agency, 2),
        {"rows": [{"path": PATH, "spent": "Rp 22.511.784,-", "physical_progress": "45,5%"}]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    saved = line(agency)
    assert (saved.spent_q2, saved.physical_q2) == (Decimal("22511784"), Decimal("45.5"))
    assert saved.ceiling_revised == Decimal("182424000") and saved.spent == Decimal("167805000")  # untouched
    answer = next(r for r in response.json()["rows"] if r["path"] == PATH)
    progress = sub_row(report_build(agency=agency, year=YEAR)).progress[1]
    assert answer["physical_pct"] == "45.50" and progress.physical_pct == Decimal("45.5")
    assert response.json()["saved"] == 1


def test_the_quarters_must_add_up_to_the_total_as_on_the_screen(api_world, planner):
    agency = api_world.agency
    BudgetLine.objects.filter(pk=line(agency).pk).update(
        spent_q1=Decimal(1), spent_q3=Decimal(1), spent_q4=Decimal(1), spent=Decimal(10)
    )
    before = year_data(agency)
    response = planner.put(url(agency, 2), {"rows": [{"path": PATH, "spent": 5}]}, format="json")
    assert response.status_code == 400
    message = response.json()["rows"][PATH]["row"][0]
    assert "tidak sama dengan realisasi total" in message and "do not add up" in message
    assert year_data(agency) == before
    assert (
        planner.put(url(agency, 2), {"rows": [{"path": PATH, "spent": 7}]}, format="json").status_code == 200
    )


def test_physical_progress_cannot_go_down_and_one_bad_row_saves_nothing(api_world, planner):
    agency = api_world.agency
    BudgetLine.objects.filter(pk=line(agency).pk).update(physical_q2=Decimal(50))
    before = year_data(agency)
    response = planner.put(
        url(agency, 3),
        {"rows": [{"path": NEXT_PATH, "spent": "1000"}, {"path": PATH, "physical_progress": "40"}]},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["rows"]) == [PATH]
    assert "kumulatif" in response.json()["rows"][PATH]["row"][0]
    assert year_data(agency) == before
    assert line(agency, "2.17.01.2.01.0002").spent_q3 is None


def test_a_percent_above_hundred_and_a_negative_amount_are_refused(api_world, planner):
    response = planner.put(
        url(api_world.agency, 0),
        {"rows": [{"path": PATH, "spent": "-5", "physical_progress": "101"}]},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["rows"][PATH]
    assert set(errors) == {"spent", "physical_progress"}


def test_unknown_paths_are_listed(api_world, planner):
    response = planner.put(url(api_world.agency, 1), {"rows": [{"path": "9/9/9", "spent": 1}]}, format="json")
    assert response.status_code == 400 and response.json()["unknown"] == ["9/9/9"]


def test_a_line_changed_since_read_is_a_conflict(api_world, planner):
    agency = api_world.agency
    version = {r["path"]: r for r in planner.get(url(agency, 1)).json()["rows"]}[PATH]["version"]
    BudgetLine.objects.filter(pk=line(agency).pk).update(spent_q1=Decimal(99))
    response = planner.put(
        url(agency, 1), {"rows": [{"path": PATH, "spent": 5, "version": version}]}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["conflicts"][PATH]["stored"]["spent"] == "99"
    assert line(agency).spent_q1 == Decimal(99)


def test_a_frozen_year_and_read_only_roles_are_refused(api_world, planner, api_client):
    agency = api_world.agency
    body = {"rows": [{"path": PATH, "spent": 5}]}
    assert api_client(api_world.keys["head"]).put(url(agency, 1), body, format="json").status_code == 403
    assert (
        api_client(api_world.keys["other_planner"]).put(url(agency, 1), body, format="json").status_code
        == 404
    )
    set_state(agency, State.APPROVED)
    before = year_data(agency)
    assert planner.put(url(agency, 1), body, format="json").status_code == 403
    assert year_data(agency) == before


def test_the_history_names_the_keys_user(api_world, planner):
    response = planner.put(url(api_world.agency, 1), {"rows": [{"path": PATH, "spent": 5}]}, format="json")
    assert response.status_code == 200
    last = line(api_world.agency).history.order_by("-history_id").first()
    assert last.history_user == api_world.users["planner"] and last.history_change_reason == "api"
