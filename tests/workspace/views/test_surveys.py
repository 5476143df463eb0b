"""The IKM screens: list and creation, the unsur grid, linking to an indicator, permissions, query counts."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import Indicator, Realisation
from reports.readmodel.build import report_build
from sakip.concurrency import fingerprint
from sakip.numbers import format_number
from surveys.models import SatisfactionSurvey, SurveyElement
from surveys.responses import STANDARD_ELEMENTS, survey_result
from tests.conftest import make_user
from tests.surveys.helpers import as_csv, questionnaires

YEAR = 2021


def detail_url(agency, year=YEAR):
    return reverse("surveys:detail", args=[agency.code, year])


def grid_post(survey, changes=None, *, derived=False):
    """The unsur grid as the page submits it, with `changes` {(code, field): text} applied. The row version
    covers the name only when totals are derived from responses (they are not in the form then)."""
    data = {"action": "elements"}
    for e in survey.elements.all():
        stored = {"name": e.name} if derived else {"name": e.name, "total": e.total, "answered": e.answered}
        data[f"e{e.pk}-version"] = fingerprint(stored)
        data[f"e{e.pk}-name"] = e.name
        data[f"e{e.pk}-total"] = format_number(e.total, 0) if e.total is not None else ""
        data[f"e{e.pk}-answered"] = format_number(e.answered, 0) if e.answered is not None else ""
    for (code, field), text in (changes or {}).items():
        data[f"e{survey.elements.get(code=code).pk}-{field}"] = text
    return data


def test_list_shows_the_demo_survey_with_its_index(planner_client, demo_agency):
    response = planner_client.get(reverse("surveys:list", args=[demo_agency.code]))
    assert response.status_code == 200
    html = response.content.decode()
    report = report_build(agency=demo_agency, year=YEAR)
    skm = next(s for s in report.surveys if s.year == YEAR).skm
    assert format_number(skm, 2) in html
    assert 'data-testid="survey-create"' in html  # earlier Renstra years have no survey yet


def test_creating_a_survey_names_the_nine_standard_unsur(planner_client, demo_agency):
    response = planner_client.post(reverse("surveys:create", args=[demo_agency.code]), {"year": 2020})
    assert response.status_code == 302 and response.url == detail_url(demo_agency, 2020)
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=2020)
    assert list(survey.elements.order_by("position").values_list("code", "name")) == list(STANDARD_ELEMENTS)
    page = planner_client.get(response.url).content.decode()
    assert "Sistem, Mekanisme, dan Prosedur" in page


@pytest.mark.parametrize("year", [2021, 2030])  # already surveyed; outside the Renstra
def test_a_year_taken_or_outside_the_plan_cannot_get_a_survey(planner_client, demo_agency, year):
    before = SatisfactionSurvey.objects.count()
    response = planner_client.post(
        reverse("surveys:create", args=[demo_agency.code]), {"year": year}, follow=True
    )
    assert "Tahun ini tidak tersedia" in response.content.decode()
    assert SatisfactionSurvey.objects.count() == before


def test_detail_shows_the_results_and_the_priority(planner_client, demo_agency):
    html = planner_client.get(detail_url(demo_agency)).content.decode()
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    government = demo_agency.government
    result = survey_result(
        [(e.code, e.name, e.total, e.answered) for e in survey.elements.order_by("position")],
        weight=government.ikm_weight,
        scale=government.ikm_scale,
    )
    assert f'id="skm-value">{format_number(result.skm, 2)}<' in html
    assert f"{result.mutu.letter} ({result.mutu.label})" in html
    lowest = min(result.elements, key=lambda e: e.nrr)
    assert f"<strong>{lowest.code} {lowest.name}</strong>" in html
    assert f'<tr data-element="{lowest.code}" class="table-warning">' in html
    assert "<svg" in html and "prioritas perbaikan" in html


def test_typed_totals_are_saved_from_the_grid_and_change_the_index(planner_client, demo_agency):
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    data = grid_post(survey, {("U9", "total"): "200", ("U9", "name"): "Sarana"})
    response = planner_client.post(detail_url(demo_agency), data)
    assert response.status_code == 302
    u9 = survey.elements.get(code="U9")
    assert (u9.total, u9.name) == (Decimal(200), "Sarana")


def test_a_total_beyond_four_per_questionnaire_is_refused_and_nothing_saved(planner_client, demo_agency):
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    data = grid_post(survey, {("U1", "total"): "180", ("U9", "total"): "300"})  # 300 > 4 × 56
    response = planner_client.post(detail_url(demo_agency), data)
    assert response.status_code == 200
    assert "NRR 1–4" in response.content.decode()
    assert survey.elements.get(code="U1").total == Decimal(175)


def test_totals_grid_is_read_only_once_responses_exist(planner_client, demo_agency):
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    planner_client.post(
        reverse("surveys:import", args=[demo_agency.code, YEAR]),
        {"file": SimpleUploadedFile("k.csv", as_csv(questionnaires()))},
    )
    u4 = survey.elements.get(code="U4")
    html = planner_client.get(detail_url(demo_agency)).content.decode()
    assert f'name="e{u4.pk}-total"' not in html and f'name="e{u4.pk}-name"' in html
    assert 'data-testid="totals-derived"' in html
    # A crafted POST cannot overwrite derived totals; names stay editable.
    data = grid_post(survey, {("U4", "total"): "10", ("U4", "name"): "Biaya"}, derived=True)
    assert planner_client.post(detail_url(demo_agency), data).status_code == 302
    u4.refresh_from_db()
    assert (u4.total, u4.name) == (Decimal(201), "Biaya")


def test_linking_a_survey_makes_its_skm_the_indicators_realisation(planner_client, demo_agency):
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    indicator = Indicator.objects.get(plan__agency=demo_agency, code="S5.1")
    Realisation.objects.filter(indicator=indicator, year=YEAR).delete()  # no typed realisation to win
    survey.indicator = None
    survey.save()
    row = next(i for i in report_build(agency=demo_agency, year=YEAR).indicators if i.code == "S5.1")
    assert row.current.realisation is None

    response = planner_client.post(
        detail_url(demo_agency),
        {"action": "settings", "conducted_by": "Lembaga Survei", "indicator": indicator.pk},
    )
    assert response.status_code == 302
    report = report_build(agency=demo_agency, year=YEAR)
    skm = next(s for s in report.surveys if s.year == YEAR).skm
    row = next(i for i in report.indicators if i.code == "S5.1")
    assert row.current.realisation == skm


def test_an_indicator_of_another_agency_cannot_be_linked(planner_client, demo_agency, other_agency):
    foreign = Indicator.objects.filter(plan__agency=other_agency).first()
    response = planner_client.post(detail_url(demo_agency), {"action": "settings", "indicator": foreign.pk})
    assert response.status_code == 200
    assert SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR).indicator_id != foreign.pk


def test_another_agency_is_not_found(planner_client, other_agency):
    for url in (
        reverse("surveys:list", args=[other_agency.code]),
        detail_url(other_agency),
    ):
        assert planner_client.get(url).status_code == 404
    response = planner_client.post(
        reverse("surveys:import", args=[other_agency.code, YEAR]),
        {"file": SimpleUploadedFile("k.csv", as_csv(questionnaires()))},
    )
    assert response.status_code == 404
    assert not SatisfactionSurvey.objects.get(agency=other_agency, year=YEAR).responses.exists()


def test_reviewers_read_but_cannot_change(reviewer_client, demo_agency):
    html = reviewer_client.get(detail_url(demo_agency)).content.decode()
    assert 'data-testid="read-only"' in html and "<fieldset disabled>" in html
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    posts = [
        (reverse("surveys:create", args=[demo_agency.code]), {"year": 2020}),
        (detail_url(demo_agency), grid_post(survey, {("U1", "total"): "100"})),
        (detail_url(demo_agency), {"action": "settings", "conducted_by": "x"}),
        (
            reverse("surveys:import", args=[demo_agency.code, YEAR]),
            {"file": SimpleUploadedFile("k.csv", as_csv(questionnaires()))},
        ),
    ]
    for url, data in posts:
        assert reviewer_client.post(url, data).status_code == 403
    assert not SatisfactionSurvey.objects.filter(agency=demo_agency, year=2020).exists()
    assert survey.elements.get(code="U1").total == Decimal(175)
    assert not survey.responses.exists()


def test_heads_read_only_too(client, demo_agency):
    client.force_login(make_user("kepala-uji", "head", agency=demo_agency))
    assert client.get(detail_url(demo_agency)).status_code == 200
    assert client.post(reverse("surveys:create", args=[demo_agency.code]), {"year": 2020}).status_code == 403


@pytest.mark.parametrize("agency_fixture", ["demo_agency", "double_demo_agency"])
@pytest.mark.parametrize("with_responses", [False, True])
def test_pages_take_a_fixed_number_of_queries(
    client, request, agency_fixture, with_responses, django_assert_max_num_queries
):
    agency = request.getfixturevalue(agency_fixture)
    client.force_login(make_user("perencana-q", "planner", agency=agency))
    if with_responses:
        client.post(
            reverse("surveys:import", args=[agency.code, YEAR]),
            {"file": SimpleUploadedFile("k.csv", as_csv(questionnaires()))},
        )
    with django_assert_max_num_queries(10):
        assert client.get(detail_url(agency)).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("surveys:list", args=[agency.code])).status_code == 200


def test_a_year_without_survey_offers_to_create_one(planner_client, demo_agency):
    html = planner_client.get(detail_url(demo_agency, 2019)).content.decode()
    assert 'data-testid="no-survey"' in html
    outside = planner_client.get(detail_url(demo_agency, 2030)).content.decode()
    assert 'data-testid="no-plan"' in outside  # no Renstra covers 2030: the way to a new period
    assert SurveyElement.objects.filter(survey__year=2019).count() == 0
