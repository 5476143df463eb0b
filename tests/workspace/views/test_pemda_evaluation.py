"""The Pemda-wide AKIP evaluation table: who opens it, what each role sees of drafts, its figures, order,
workbook, and a constant number of queries."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from agencies.models import Agency
from evaluation.models import FollowUp
from evaluation.pemda import pemda_evaluations
from evaluation.services import evaluation_for
from tests.conftest import make_user
from tests.reports.lhe.helpers import YEAR, best, evaluated, full_case, make_pemda
from tests.reports.lkjip.test_workbook import Evaluator

pytestmark = pytest.mark.django_db


@pytest.fixture
def pemda():
    """The inspectorate and three agencies: the first issued (92,25 AA; last year 70,00 B; two recommendations,
    one followed up and accepted), the second a draft with every answer at its best (100,00), the third not
    started."""
    government, agencies = make_pemda(agencies=3)
    first = full_case(agencies[0])
    recommendation = first.recommendations.order_by("position").first()
    FollowUp.objects.create(
        recommendation=recommendation, text="Sudah disusun.", decision="accepted", decided_at=timezone.now()
    )
    rubric = evaluation_for(agencies[1], YEAR).rubric.rubric
    evaluated(agencies[1], YEAR, best(rubric), issued=False)
    return government, agencies


def url(government, name="evaluation", **query):
    address = reverse(f"pemda:{name}", args=[government.code, YEAR])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_pemda_wide_roles_open_it_and_an_agencys_people_get_404(client, pemda):
    government, agencies = pemda
    other_government, _ = make_pemda("kota-lain")
    expected = {
        make_user("inspektorat", "reviewer", government=government): 200,
        make_user("bappeda", "pemda", government=government): 200,
        make_user("admin-uji", "admin"): 200,
        make_user("perencana", "planner", agency=agencies[0]): 404,
        make_user("kepala", "head", agency=agencies[0]): 404,
        make_user("bappeda-lain", "pemda", government=other_government): 404,
        make_user("inspektorat-lain", "reviewer", government=other_government): 404,
    }
    for name in ("evaluation", "evaluation_xlsx"):
        client.logout()
        response = client.get(url(government, name))
        assert response.status_code == 302 and response.url.startswith("/masuk/")
        for user, status in expected.items():
            client.force_login(user)
            assert client.get(url(government, name)).status_code == status, (name, user.username)
            assert client.post(url(government, name)).status_code in (403, 404, 405), (name, user.username)


def test_the_inspectorate_sees_a_drafts_score_marked_as_a_draft(client, pemda):
    government, agencies = pemda
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    page = client.get(url(government)).content.decode()
    draft_row = page[page.index(f'data-agency="{agencies[1].code}"') :].split("</tr>")[0]
    assert "100,00" in draft_row and "draf" in draft_row and "80 dari 80 kriteria dijawab" in draft_row
    issued_row = page[page.index(f'data-agency="{agencies[0].code}"') :].split("</tr>")[0]
    assert "92,25" in issued_row and "AA" in issued_row and "70,00" in issued_row and "50,00" in issued_row
    assert reverse("evaluation:lke", args=[agencies[0].code, YEAR]) in issued_row
    assert reverse("evaluation_documents:lhe", args=[agencies[0].code, YEAR]) in issued_row
    assert (
        reverse("evaluation_documents:lhe", args=[agencies[1].code, YEAR]) in draft_row
    )  # the evaluator's draft
    totals = page[page.index('data-testid="evaluation-totals"') :].split("</tr>")[0]
    assert "96,13" in totals  # (92,25 + 100) / 2
    assert "1/2" in totals


def test_the_pemda_administrators_see_a_score_only_once_issued(client, pemda):
    government, agencies = pemda
    client.force_login(make_user("bappeda", "pemda", government=government))
    page = client.get(url(government)).content.decode()
    draft_row = page[page.index(f'data-agency="{agencies[1].code}"') :].split("</tr>")[0]
    assert "100,00" not in draft_row and "Draf" in draft_row and "kriteria dijawab" not in draft_row
    assert reverse("evaluation_documents:lhe", args=[agencies[1].code, YEAR]) not in draft_row
    totals = page[page.index('data-testid="evaluation-totals"') :].split("</tr>")[0]
    assert "92,25" in totals  # the mean of the scores shown: the issued one alone
    workbook = client.get(url(government, "evaluation_xlsx")).content
    ws = load_workbook(io.BytesIO(workbook))["Evaluasi"]
    values = [[cell.value for cell in row] for row in ws.iter_rows(min_row=4)]
    names = [row[1] for row in values]
    draft = values[names.index(agencies[1].name)]
    assert draft[2] == "Draf" and draft[3] is None


def test_the_figures_of_each_agency(pemda):
    government, agencies = pemda
    table = pemda_evaluations(government, YEAR, drafts_visible=True)
    rows = {row.agency.code: row for row in table.rows}
    first, draft, idle = (rows[agency.code] for agency in agencies)
    assert (first.state, first.this_year.total, first.this_year.predicate.code) == (
        "terbit",
        Decimal("92.25"),
        "AA",
    )
    assert (first.last_year.total, first.last_year.predicate.code) == (Decimal(70), "B")
    assert (first.follow_up.total, first.follow_up.done, first.rate) == (2, 1, Decimal(50))
    assert (draft.state, draft.this_year.total, draft.follow_up.total) == ("draf", Decimal(100), 0)
    assert (idle.state, idle.this_year.total, idle.follow_up) == ("belum", None, None)
    assert table.states == {"belum": 2, "draf": 1, "terbit": 1}  # the inspectorate itself is an agency too
    hidden = {row.agency.code: row for row in pemda_evaluations(government, YEAR, drafts_visible=False).rows}
    assert hidden[draft.agency.code].this_year.total is None
    assert hidden[draft.agency.code].follow_up is None


def test_sorted_by_score_unknown_last(client, pemda):
    government, agencies = pemda
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    page = client.get(url(government, urut="score", arah="desc")).content.decode()
    order = [page.index(f'data-agency="{agency.code}"') for agency in (agencies[1], agencies[0], agencies[2])]
    assert order == sorted(order)
    page = client.get(url(government, urut="score", arah="asc")).content.decode()
    order = [page.index(f'data-agency="{agency.code}"') for agency in (agencies[0], agencies[1], agencies[2])]
    assert order == sorted(order)


def test_the_workbook_means_and_rate_are_live_formulas(client, pemda):
    government, agencies = pemda
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    content = client.get(url(government, "evaluation_xlsx")).content
    assert client.get(url(government, "evaluation_xlsx")).content == content
    ws = load_workbook(io.BytesIO(content))["Evaluasi"]
    total_row = ws.max_row
    assert ws.cell(total_row, 4).value.startswith("=IF(COUNT(")
    evaluator = Evaluator(ws)
    evaluator_mean = ws.cell(total_row, 4).value.replace(
        "AVERAGE(", "SUM("
    )  # the test evaluator has no AVERAGE
    assert evaluator.formula(evaluator_mean) == pytest.approx(192.25)
    assert evaluator.cell(f"J{total_row}") == pytest.approx(50)


def test_the_dashboard_links_to_it(client, pemda):
    government, _ = pemda
    client.force_login(make_user("bappeda", "pemda", government=government))
    assert (
        url(government)
        in client.get(reverse("pemda:dashboard", args=[government.code, YEAR])).content.decode()
    )


def queries(callable_) -> int:
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured)


def test_a_constant_number_of_queries_whatever_the_number_of_agencies(
    client, pemda, django_assert_num_queries
):
    government, agencies = pemda
    with django_assert_num_queries(5):
        pemda_evaluations(government, YEAR, drafts_visible=True)
    client.force_login(make_user("inspektorat", "reviewer", government=government))
    few = queries(lambda: client.get(url(government)))
    for k in range(8):  # eight more agencies of the same Pemda, each evaluated
        agency = Agency.objects.create(
            government=government, code=f"tambahan-{k}", name=f"Dinas Tambahan {k}"
        )
        full_case(agency, issued=k % 2 == 0)
    with django_assert_num_queries(5):
        pemda_evaluations(government, YEAR, drafts_visible=True)
    assert queries(lambda: client.get(url(government))) == few
