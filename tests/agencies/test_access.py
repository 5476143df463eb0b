"""Every page is scoped to the agencies a user may see: other agencies are a 404, never a leak."""

import copy

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from agencies.models import Profile
from interchange.dataset.writing import dataset_import


@pytest.fixture
def two_agencies(db, demo_dataset):
    """The demo agency, plus a second agency of another Pemda built from a copy of the same data."""
    own = dataset_import(demo_dataset).agency
    other_data = copy.deepcopy(demo_dataset)
    other_data["agency"]["code"] = "other-dinas"
    other_data["agency"]["name"] = "Dinas Lain"
    other_data["government"]["code"] = "kota-lain"
    other_data["government"]["name"] = "Kota Lain"
    other = dataset_import(other_data).agency
    return own, other


def make_user(username, role, **scope):
    user = get_user_model().objects.create_user(username, password="x")
    Profile.objects.create(user=user, role=role, **scope)
    return user


def overview_urls(agency):
    return [
        reverse("agencies:overview", args=[agency.code]),
        reverse("agencies:overview_year", args=[agency.code, 2021]),
    ]


def test_planner_sees_own_agency_and_gets_404_for_another(client, two_agencies):
    own, other = two_agencies
    client.force_login(make_user("p", Profile.Role.PLANNER, agency=own))
    for url in overview_urls(own):
        assert client.get(url).status_code == 200
    for url in overview_urls(other):
        assert client.get(url).status_code == 404


def test_reviewer_sees_the_agencies_of_their_pemda_only(client, two_agencies):
    own, other = two_agencies
    client.force_login(make_user("r", Profile.Role.REVIEWER, government=own.government))
    assert client.get(overview_urls(own)[0]).status_code == 200
    assert client.get(overview_urls(other)[0]).status_code == 404


def test_admin_sees_every_agency_listed_on_home(client, two_agencies):
    own, other = two_agencies
    admin = get_user_model().objects.create_superuser("a", password="x")
    client.force_login(admin)
    page = client.get(reverse("agencies:home")).content.decode()
    assert own.name in page and other.name in page


def test_user_without_profile_sees_nothing(client, two_agencies):
    own, _ = two_agencies
    client.force_login(get_user_model().objects.create_user("nobody", password="x"))
    assert client.get(overview_urls(own)[0]).status_code == 404
    assert own.name not in client.get(reverse("agencies:home")).content.decode()


def test_anonymous_visitor_is_sent_to_login(client, two_agencies):
    own, _ = two_agencies
    response = client.get(overview_urls(own)[0])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_overview_shows_indonesian_figures_in_bounded_queries(
    client, two_agencies, django_assert_max_num_queries
):
    own, _ = two_agencies
    client.force_login(make_user("p", Profile.Role.PLANNER, agency=own))
    with django_assert_max_num_queries(30):
        page = client.get(overview_urls(own)[1]).content.decode()
    assert "314,00" in page and "Rp\xa016.289.044.379" in page


# --- the current Renstra: the one the plan editor and the Renstra target grid open -----------------------
def renstra_grid_lists_demo_indicators(client, agency, demo_plan):
    """Whether the Renstra target grid opens the demo plan (the other plans made here have no indicators)."""
    from indicators.models import Indicator

    html = client.get(reverse("indicators:targets_renstra", args=[agency.code])).content.decode()
    codes = [i.code for i in Indicator.objects.filter(plan=demo_plan)]
    shown = [code in html for code in codes]
    assert all(shown) or not any(shown)
    return all(shown)


def test_the_current_renstra_is_the_one_ending_last_not_a_shorter_one_inside_it(planner_client, demo_agency):
    demo_plan = demo_agency.plans.get()  # 2016–2021
    demo_agency.plans.create(start_year=2017, end_year=2019, revision="Transisi")
    assert renstra_grid_lists_demo_indicators(planner_client, demo_agency, demo_plan)


def test_of_two_plans_ending_together_the_later_start_is_current_whatever_the_entry_order(
    planner_client, demo_agency
):
    demo_plan = demo_agency.plans.get()  # 2016–2021
    demo_agency.plans.create(start_year=2014, end_year=2021, revision="Lama")  # entered after, starts before
    assert renstra_grid_lists_demo_indicators(planner_client, demo_agency, demo_plan)
    demo_agency.plans.create(start_year=2018, end_year=2021, revision="Perubahan")
    assert not renstra_grid_lists_demo_indicators(planner_client, demo_agency, demo_plan)


def test_a_revision_over_the_same_period_replaces_the_plan_it_revises(planner_client, demo_agency):
    demo_plan = demo_agency.plans.get()
    demo_agency.plans.create(start_year=2016, end_year=2021, revision="Perubahan")
    assert not renstra_grid_lists_demo_indicators(planner_client, demo_agency, demo_plan)
