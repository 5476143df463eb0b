"""Every number field keeps exactly what the database gives back, and refuses the rest next to the field, with
nothing saved (issue 16, point 2): "9999999999999999" was accepted and then broke every page."""

from decimal import Decimal

import pytest
from django.forms import modelform_factory
from django.urls import reverse

from agencies.models import Government
from budgets.models import BudgetLine
from indicators.models import Indicator, Realisation, Target
from reports.models import ProgramFunding
from sakip.forms import LocalizedDecimalField
from surveys.models import SurveyElement
from tests.factories import AdminFactory, BudgetLineFactory, RealisationFactory
from tests.workspace.views.test_budgets import entry_url, first_subs
from tests.workspace.views.test_budgets import grid_data as budget_grid_data
from tests.workspace.views.test_realisations import grid_post, indicator
from tests.workspace.views.test_targets import grid_data as target_grid_data
from tests.workspace.views.test_targets import row as target_row
from tests.workspace.views.test_targets import target

YEAR = 2021


def target_value(agency, code, kind):
    return target(agency, code, kind).value


TOO_MANY_DIGITS = ("15 angka bermakna", "15 significant digits")


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("9999999999999999", TOO_MANY_DIGITS),
        ("123456789012,3456", TOO_MANY_DIGITS),
        ("99.999.999.999.999.999", ("Angka terlalu besar", "at most 16 digits")),
        ("Rp -1", ("Rp tidak berlaku di sini", "Rp does not belong here")),
    ],
)
def test_a_realisation_the_database_would_change_is_refused_next_to_the_field(
    planner_client, demo_agency, typed, words
):
    good, bad = indicator(demo_agency, "2.17.02-1"), indicator(demo_agency, "2.17.03-1")
    before = sorted(map(str, Realisation.objects.values_list("pk", "value")))
    response = grid_post(
        planner_client, demo_agency, 0, {f"r{good.pk}-value": "99", f"r{bad.pk}-value": typed}
    )
    assert response.status_code == 200
    html = response.content.decode()
    for word in words:
        assert word in html
    assert "tidak ada yang disimpan" in html
    assert sorted(map(str, Realisation.objects.values_list("pk", "value"))) == before


def test_the_largest_realisation_the_database_keeps_is_saved_and_shown_back(planner_client, demo_agency):
    row = indicator(demo_agency, "2.17.03-1")
    response = grid_post(planner_client, demo_agency, 0, {f"r{row.pk}-value": "9.999.999.999.999.990"})
    assert response.status_code == 302
    assert Realisation.objects.get(indicator=row, year=YEAR, quarter=0).value == Decimal("9999999999999990")
    assert 'value="9.999.999.999.999.990"' in planner_client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("field", "typed", "words"),
    [
        ("spent", "9999999999999999", TOO_MANY_DIGITS),
        ("ceiling_original", "0,5%", ("Tanda % tidak berlaku", "A % sign does not belong here")),
        ("spent_q1", "Rp -1", ("Tidak boleh kurang dari 0",)),
        ("physical_progress", "Rp 50", ("Rp tidak berlaku di sini",)),
    ],
)
def test_a_budget_figure_the_database_would_change_is_refused(
    planner_client, demo_agency, field, typed, words
):
    (sub, line), _other = first_subs(demo_agency)
    data = budget_grid_data(planner_client.get(entry_url(demo_agency)))
    data[f"s{sub.pk}-{field}"] = typed
    before = sorted(map(str, BudgetLine.objects.values_list("pk", field)))
    response = planner_client.post(entry_url(demo_agency), data)
    assert response.status_code == 200
    html = response.content.decode()
    for word in words:
        assert word in html
    assert sorted(map(str, BudgetLine.objects.values_list("pk", field))) == before


def test_a_target_in_rupiah_is_refused_for_a_percent_indicator_and_read_for_a_currency_one(
    planner_client, demo_agency
):
    percent, number = indicator(demo_agency, "S2.1"), indicator(demo_agency, "2.17.04-1")
    assert percent.kind == "percent"
    Indicator.objects.filter(pk=number.pk).update(kind="currency")
    url = reverse("indicators:targets_pk", args=[demo_agency.code, YEAR])
    data = target_grid_data(planner_client.get(url).content.decode())
    data[f"r{percent.pk}-pk"] = "Rp 1.000"
    before = target_value(demo_agency, "S2.1", "pk")
    response = planner_client.post(url, data)
    assert response.status_code == 200
    assert "Rp tidak berlaku di sini" in target_row(response.content.decode(), "S2.1")
    assert target_value(demo_agency, "S2.1", "pk") == before

    data[f"r{percent.pk}-pk"] = "85,5%"
    data[f"r{number.pk}-pk"] = "Rp 1.500.000"
    assert planner_client.post(url, data).status_code == 302
    assert target_value(demo_agency, "S2.1", "pk") == Decimal("85.5")
    assert target_value(demo_agency, "2.17.04-1", "pk") == Decimal(1500000)


# --- every model form (the admin's too) takes its field from the model: same bounds, same units ---------------


@pytest.mark.parametrize(
    ("model", "name", "typed", "words"),
    [
        (Realisation, "value", "9999999999999999", TOO_MANY_DIGITS),
        (Target, "value", "Rp 5", ("Rp tidak berlaku",)),
        (BudgetLine, "spent", "0,5%", ("Tanda % tidak berlaku",)),
        (BudgetLine, "spent", "-1", ("Tidak boleh kurang dari 0",)),
        (BudgetLine, "physical_progress", "100000", ("at most 5 digits",)),
        (ProgramFunding, "amount", "123456789012345,67", TOO_MANY_DIGITS),
        (SurveyElement, "total", "5%", ("Tanda % tidak berlaku",)),
        (Government, "objective_cap", "120,00001", ("At most 4 decimal places",)),
    ],
)
def test_a_model_form_refuses_what_the_column_cannot_keep(model, name, typed, words):
    form_class = modelform_factory(model, fields=[name])
    field = form_class.base_fields[name]
    assert isinstance(field, LocalizedDecimalField)
    form = form_class(data={name: typed})
    assert not form.is_valid()
    message = " ".join(form.errors[name])
    for word in words:
        assert word in message


def test_the_model_itself_refuses_an_unstorable_figure_on_full_clean(db):
    from django.core.exceptions import ValidationError

    row = RealisationFactory()
    row.value = Decimal("9999999999999999")
    with pytest.raises(ValidationError) as refused:
        row.full_clean()
    assert "15 significant digits" in str(refused.value)


def test_an_admin_change_page_shows_and_refuses_as_the_grid_does(db, client):
    client.force_login(AdminFactory())
    line = BudgetLineFactory()
    url = reverse("admin:budgets_budgetline_change", args=[line.pk])
    form = client.get(url).context["adminform"].form
    assert isinstance(form.fields["spent"], LocalizedDecimalField)
    assert form.fields["spent"].bounds.max_digits == 18
