"""Preparing a new year of the period: proposals from the Renstra and last year, applied only where ticked, never
over what was entered, refused in a frozen year, in a fixed number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicators.models import Indicator, Narrative, PerformanceAgreement, ReportSigning, Target
from indicators.year_start import year_proposals
from review.workflow import State
from tests.review.helpers import set_state

NEXT = 2022


@pytest.fixture
def next_year(demo_agency):
    """The demo's period stretched to 2022, with 2022 Renstra targets for every indicator that has a 2021 one."""
    plan = demo_agency.plans.get()
    plan.end_year = NEXT
    plan.save()
    for target in Target.objects.filter(indicator__plan=plan, kind=Target.Kind.RENSTRA, year=2021):
        Target.objects.create(
            indicator=target.indicator,
            kind=Target.Kind.RENSTRA,
            year=NEXT,
            value=target.value,
            grade=target.grade,
        )
    ReportSigning.objects.create(
        agency=demo_agency, year=2021, place="Tangerang Selatan", name="Warman", nip="1"
    )
    return plan


def url(agency):
    return reverse("indicators:year_start", args=[agency.code, NEXT])


def test_the_page_proposes_pk_rencana_aksi_parties_and_narratives(client, planner, demo_agency, next_year):
    client.force_login(planner)
    page = client.get(url(demo_agency)).content.decode()
    with_renstra = Target.objects.filter(indicator__plan=next_year, kind="renstra", year=NEXT).count()
    pk = page[page.index('data-testid="proposal-pk"') :].split("</table>")[0]
    assert pk.count('name="pk"') == with_renstra
    quarters = page[page.index('data-testid="proposal-quarters"') :].split("</table>")[0]
    r31 = Indicator.objects.get(plan=next_year, code="R3.1")  # 325 products, counted per quarter
    assert f'value="{r31.pk}"' in quarters
    row = quarters[quarters.index(f'id="tw-{r31.pk}"') :].split("</tr>")[0]
    assert [cell for cell in ("81", "82") if f'<td class="num">{cell}</td>' in row] == ["81", "82"]
    last_year = page[page.index('data-testid="proposal-last-year"') :]
    assert (
        "Para pihak Perjanjian Kinerja" in last_year
        and "Warman" in last_year
        and 'name="narratives"' in last_year
    )


def test_only_what_is_ticked_is_written_and_nothing_entered_is_overwritten(
    client, planner, demo_agency, next_year
):
    client.force_login(planner)
    r11 = Indicator.objects.get(plan=next_year, code="R1.1")
    r31 = Indicator.objects.get(plan=next_year, code="R3.1")
    r21 = Indicator.objects.get(plan=next_year, code="R2.1")
    page_shown = year_proposals(demo_agency, next_year, NEXT)
    assert any(p.indicator == r21 for p in page_shown.pk)
    # Entered by someone else after the page was shown: kept as it is.
    Target.objects.create(indicator=r21, kind="pk", year=NEXT, value=Decimal("40"))
    narrative_key = Narrative.objects.filter(agency=demo_agency, year=2021).exclude(text="").first().key
    response = client.post(
        url(demo_agency),
        {
            "pk": [r11.pk, r31.pk, r21.pk],
            "quarters": [r31.pk],
            "agreement": "1",
            "narratives": [narrative_key],
        },
        follow=True,
    )
    assert "Tahun 2022 disiapkan: 2 target PK, Rencana Aksi 1 indikator, 1 bagian narasi, para pihak PK" in (
        response.content.decode()
    )
    pk = dict(
        Target.objects.filter(indicator__plan=next_year, kind="pk", year=NEXT).values_list(
            "indicator__code", "value"
        )
    )
    assert pk == {"R1.1": Decimal(85), "R3.1": Decimal(325), "R2.1": Decimal(40)}
    assert list(
        Target.objects.filter(indicator=r31, kind="quarter", year=NEXT)
        .order_by("quarter")
        .values_list("value", flat=True)
    ) == [Decimal(81), Decimal(81), Decimal(81), Decimal(82)]
    agreement = PerformanceAgreement.objects.get(agency=demo_agency, year=NEXT)
    assert (
        agreement.first_party_name
        == PerformanceAgreement.objects.get(agency=demo_agency, year=2021).first_party_name
    )
    assert not ReportSigning.objects.filter(agency=demo_agency, year=NEXT).exists()  # not ticked
    assert Narrative.objects.filter(agency=demo_agency, year=NEXT).count() == 1
    # What was applied is no longer proposed.
    again = year_proposals(demo_agency, next_year, NEXT)
    assert {p.indicator.code for p in again.pk}.isdisjoint(
        {"R1.1", "R3.1", "S1.1"}
    ) and again.agreement is None


def test_a_frozen_year_cannot_be_prepared_and_a_reviewer_only_reads(client, planner, demo_agency, next_year):
    from tests.conftest import make_user

    set_state(demo_agency, State.SUBMITTED, year=NEXT)
    client.force_login(planner)
    page = client.get(url(demo_agency)).content.decode()
    assert "<fieldset disabled>" in page
    assert client.post(url(demo_agency), {"agreement": "1"}).status_code == 403
    assert not PerformanceAgreement.objects.filter(agency=demo_agency, year=NEXT).exists()
    client.force_login(make_user("reviu-x", "reviewer", government=demo_agency.government))
    assert client.post(url(demo_agency), {"agreement": "1"}).status_code == 403


def test_the_overview_of_an_unprepared_year_points_to_it(client, planner, demo_agency, next_year):
    client.force_login(planner)
    overview = client.get(reverse("agencies:overview_year", args=[demo_agency.code, NEXT])).content.decode()
    assert 'data-testid="year-not-prepared"' in overview and url(demo_agency) in overview
    current = client.get(reverse("agencies:overview_year", args=[demo_agency.code, 2021])).content.decode()
    assert 'data-testid="year-not-prepared"' not in current


@pytest.mark.parametrize("fixture", ["demo_agency", "double_demo_agency"])
def test_proposals_cost_five_queries_whatever_the_plan_size(request, fixture):
    agency = request.getfixturevalue(fixture)
    plan = agency.plans.get()
    with CaptureQueriesContext(connection) as queries:
        proposals = year_proposals(agency, plan, 2021)
    assert len(queries) == 5 and proposals.existing["indicators"] >= 37


def test_a_hand_edited_id_is_ignored_not_a_server_error(client, planner, demo_agency, next_year):
    """A ticked box's value edited into "²" (a digit to isdigit(), not to int()) or a 5.000-digit number: the
    rest of the form is applied and nothing fails."""
    client.force_login(planner)
    r11 = Indicator.objects.get(plan=next_year, code="R1.1")
    response = client.post(url(demo_agency), {"pk": [r11.pk, "²", "9" * 5000], "quarters": ["١٢"]})
    assert response.status_code == 302
    assert Target.objects.filter(indicator=r11, kind="pk", year=NEXT).exists()
