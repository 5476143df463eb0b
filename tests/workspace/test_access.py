"""Every page is scoped to the agencies a user may see: other agencies are a 404, never a leak."""

import pytest
from django.urls import reverse

from tests.factories import (
    AdminFactory,
    IndicatorFactory,
    PlannerFactory,
    ReviewerFactory,
    StrategicPlanFactory,
    UserFactory,
)


@pytest.fixture
def two_agencies(db):
    """Two agencies of two Pemda, each with a Renstra covering 2021 and an indicator in it."""
    own, other = IndicatorFactory().plan.agency, IndicatorFactory().plan.agency
    assert own.government != other.government
    return own, other


def overview_urls(agency):
    return [
        reverse("agencies:overview", args=[agency.code]),
        reverse("agencies:overview_year", args=[agency.code, 2021]),
    ]


def test_planner_sees_own_agency_and_gets_404_for_another(client, two_agencies):
    own, other = two_agencies
    client.force_login(PlannerFactory(agency=own))
    for url in overview_urls(own):
        assert client.get(url).status_code == 200
    for url in overview_urls(other):
        assert client.get(url).status_code == 404


def test_reviewer_sees_the_agencies_of_their_pemda_only(client, two_agencies):
    own, other = two_agencies
    client.force_login(ReviewerFactory(government=own.government))
    assert client.get(overview_urls(own)[0]).status_code == 200
    assert client.get(overview_urls(other)[0]).status_code == 404


def test_admin_sees_every_agency_listed_on_home(client, two_agencies):
    own, other = two_agencies
    client.force_login(AdminFactory())
    page = client.get(reverse("agencies:home")).content.decode()
    assert own.name in page and other.name in page


def test_user_without_profile_sees_nothing(client, two_agencies):
    own, _ = two_agencies
    client.force_login(UserFactory())
    assert client.get(overview_urls(own)[0]).status_code == 404
    assert own.name not in client.get(reverse("agencies:home")).content.decode()


def test_anonymous_visitor_is_sent_to_login(client, two_agencies):
    own, _ = two_agencies
    response = client.get(overview_urls(own)[0])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_overview_shows_indonesian_figures_in_bounded_queries(
    client, planner, demo_agency, django_assert_max_num_queries
):
    client.force_login(planner)  # the demo's figures, from the demo import
    # The report's fixed cost; the organisation profile (issue 18, point 8) adds its four tables.
    with django_assert_max_num_queries(34):
        page = client.get(overview_urls(demo_agency)[1]).content.decode()
    assert "314,00" in page and "Rp\xa016.289.044.379" in page


# --- the current Renstra: the one the plan editor and the Renstra target grid open -----------------------
@pytest.fixture
def plan(db):
    """A Renstra 2016–2021 with two indicators; the plans the tests add to its agency have none."""
    plan = StrategicPlanFactory(start_year=2016, end_year=2021)
    IndicatorFactory.create_batch(2, objective__goal__plan=plan)
    return plan


@pytest.fixture
def plan_client(client, plan):
    client.force_login(PlannerFactory(agency=plan.agency))
    return client


def renstra_grid_lists_indicators_of(client, plan):
    """Whether the Renstra target grid opens `plan` (the other plans made here have no indicators)."""
    html = client.get(reverse("indicators:targets_renstra", args=[plan.agency.code])).content.decode()
    shown = [indicator.code in html for indicator in plan.indicators.all()]
    assert all(shown) or not any(shown)
    return all(shown)


def test_the_current_renstra_is_the_one_ending_last_not_a_shorter_one_inside_it(plan_client, plan):
    StrategicPlanFactory(agency=plan.agency, start_year=2017, end_year=2019, revision="Transisi")
    assert renstra_grid_lists_indicators_of(plan_client, plan)


def test_of_two_plans_ending_together_the_later_start_is_current_whatever_the_entry_order(plan_client, plan):
    StrategicPlanFactory(agency=plan.agency, start_year=2014, end_year=2021, revision="Lama")  # starts before
    assert renstra_grid_lists_indicators_of(plan_client, plan)
    StrategicPlanFactory(agency=plan.agency, start_year=2018, end_year=2021, revision="Perubahan")
    assert not renstra_grid_lists_indicators_of(plan_client, plan)


def test_a_revision_over_the_same_period_replaces_the_plan_it_revises(plan_client, plan):
    StrategicPlanFactory(agency=plan.agency, start_year=2016, end_year=2021, revision="Perubahan")
    assert not renstra_grid_lists_indicators_of(plan_client, plan)
