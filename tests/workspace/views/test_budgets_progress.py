"""The quarterly progress grid (issue 18, point 5): anggaran kas and cumulative physical progress per budget owner,
saved whole or not at all, and the progress the LKjIP prints against the 15/40/60/90 % milestones."""

import pytest
from django.urls import reverse

from budgets.models import BudgetLine, SubActivity
from review.models import YearReview

YEAR = 2021


def url(agency):
    return reverse("budgets:progress", args=[agency.code, YEAR])


def form_data(page, typed):
    """Every owner row's version; `typed` maps a sub kegiatan code to {field: text}."""
    data = {}
    for row in page.context["rows"]:
        if row.form is None:
            continue
        data[f"{row.key}-version"] = row.form.stored_fingerprint()
        for name, value in (typed.get(row.budget.code) or {}).items():
            data[f"{row.key}-{name}"] = value
    return data


@pytest.fixture
def first_sub(demo_agency):
    return SubActivity.objects.filter(activity__program__plan__agency=demo_agency).order_by(
        "activity__program__position", "activity__position", "position"
    )[0]


def test_the_planner_types_the_cash_plan_and_physical_progress(planner_client, demo_agency, first_sub):
    page = planner_client.get(url(demo_agency))
    assert page.status_code == 200 and "Anggaran kas TW I" in page.content.decode()
    typed = {
        first_sub.code: {
            "planned_q1": "Rp 30.000.000",
            "planned_q2": "50.000.000",
            "planned_q3": "50.000.000",
            "planned_q4": "52.424.000",
            "physical_q1": "10",
            "physical_q2": "40,5 %",
            "physical_q3": "70",
            "physical_q4": "95,24",
        }
    }
    response = planner_client.post(url(demo_agency), form_data(page, typed))
    assert response.status_code == 302
    line = BudgetLine.objects.get(sub_activity=first_sub, year=YEAR)
    assert line.planned_quarters == [30000000, 50000000, 50000000, 52424000]
    assert [str(p) for p in line.physical_quarters] == ["10.0000", "40.5000", "70.0000", "95.2400"]
    assert line.spent == 167805000  # the budget grid's figures stay as they were
    assert line.history.filter(history_change_reason=None).count() == 1

    again = planner_client.get(url(demo_agency))
    assert 'data-testid="progress-result"' in again.content.decode()
    report = planner_client.get(reverse("reports:lkjip", args=[demo_agency.code, YEAR])).content.decode()
    assert "progress-table" in report and first_sub.code in report


def test_physical_progress_going_down_saves_no_row(planner_client, demo_agency, first_sub):
    page = planner_client.get(url(demo_agency))
    other = [r for r in page.context["rows"] if r.form is not None and r.budget.code != first_sub.code][0]
    typed = {
        first_sub.code: {"physical_q1": "50", "physical_q2": "40"},
        other.budget.code: {"planned_q1": "1.000"},
    }
    response = planner_client.post(url(demo_agency), form_data(page, typed))
    assert response.status_code == 200
    text = response.content.decode()
    assert "tidak boleh turun" in text and "cannot go down" in text
    assert not BudgetLine.objects.filter(planned_q1__isnull=False).exists()
    assert not BudgetLine.objects.filter(physical_q1__isnull=False).exists()


def test_a_submitted_year_is_read_only(client, planner, reviewer_client, demo_agency, first_sub):
    assert reviewer_client.post(url(demo_agency), {}).status_code == 403
    YearReview.objects.create(agency=demo_agency, year=YEAR, state="submitted")
    client.force_login(planner)
    assert "<fieldset disabled>" in client.get(url(demo_agency)).content.decode()
    assert client.post(url(demo_agency), {}).status_code == 403
