"""The new-period screen and the years outside every Renstra: a planner rolls the plan into 2022–2026, and a year
no plan covers shows the way there instead of a 404."""

from django.urls import reverse

from indicators.models import Goal, StrategicPlan
from tests.conftest import make_user


def url(agency):
    return reverse("indicators:plan_next_period", args=[agency.code])


def test_the_planner_creates_the_next_period_keeping_renaming_and_retiring(client, planner, demo_agency):
    client.force_login(planner)
    page = client.get(url(demo_agency)).content.decode()
    assert 'value="2022"' in page and 'value="2027"' in page  # after 2016–2021, as long as it
    assert 'data-element="indicator-R3.1"' in page and "kondisi awal 2021" in page
    goal = Goal.objects.filter(plan__agency=demo_agency).order_by("position").first()
    response = client.post(
        url(demo_agency),
        {
            "start_year": "2022",
            "end_year": "2026",
            "vision": "Tangsel unggul",
            f"goal-{goal.pk}-action": "rename",
            f"goal-{goal.pk}-name": "Tujuan baru",
        },
        follow=True,
    )
    assert "Renstra 2022–2026 dibuat dari Renstra 2016–2021" in response.content.decode()
    new = StrategicPlan.objects.get(agency=demo_agency, start_year=2022)
    assert Goal.objects.get(plan=new, code=goal.code).statement == "Tujuan baru"
    overview = client.get(reverse("agencies:overview_year", args=[demo_agency.code, 2022])).content.decode()
    assert 'data-testid="year-not-prepared"' in overview  # the new period's first year, to prepare


def test_an_overlapping_period_is_refused_beside_its_field(client, planner, demo_agency):
    client.force_login(planner)
    response = client.post(url(demo_agency), {"start_year": "2021", "end_year": "2025", "vision": ""})
    assert "Periode baru dimulai setelah 2021" in response.content.decode()
    assert demo_agency.plans.count() == 1


def test_a_year_outside_every_plan_leads_to_a_new_period_not_a_404(client, planner, demo_agency):
    client.force_login(planner)
    for name in ("indicators:targets_pk", "indicators:realisations_annual", "budgets:entry", "review:detail"):
        response = client.get(reverse(name, args=[demo_agency.code, 2022]))
        page = response.content.decode()
        assert response.status_code == 200 and 'data-testid="no-plan"' in page, name
        assert 'data-testid="start-next-period"' in page
    client.force_login(make_user("reviu-y", "reviewer", government=demo_agency.government))
    page = client.get(reverse("indicators:targets_pk", args=[demo_agency.code, 2022])).content.decode()
    assert 'data-testid="no-plan"' in page and 'data-testid="start-next-period"' not in page


def test_reviewers_and_heads_cannot_create_a_period(client, demo_agency):
    client.force_login(make_user("kepala-y", "head", agency=demo_agency))
    assert client.post(url(demo_agency), {"start_year": "2022", "end_year": "2026"}).status_code == 403
    assert demo_agency.plans.count() == 1
