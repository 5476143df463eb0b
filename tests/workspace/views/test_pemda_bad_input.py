"""Bad input on the Pemda's own screens that scripts/robustness.py (section 3b) found getting through: a
hand-edited RPJMD address answering 500, and whole numbers (years, a unit's order) accepted out of range on SQLite
or refused in one language only."""

import pytest
from django.urls import reverse

from agencies.models import OrgUnit
from rpjmd.models import RegionalIndicator, RegionalPlan
from tests.conftest import make_user
from tests.factories import AgencyFactory, GovernmentFactory
from tests.rpjmd.scenario import make_rpjmd

pytestmark = pytest.mark.django_db


@pytest.fixture
def pemda(client):
    government = GovernmentFactory()
    agency = AgencyFactory(government=government)
    plan, _objective, ikus = make_rpjmd(government)
    client.force_login(make_user("bappeda", "pemda", government=government))
    return government, agency, plan, ikus[0]


def url(name, government, **kwargs):
    return reverse(f"pemda:{name}", kwargs={"code": government.code, **kwargs})


def test_a_hand_edited_rpjmd_address_shows_a_page_or_a_404_never_an_error(client, pemda):
    government, _agency, plan, _iku = pemda
    page = url("rpjmd", government)
    assert client.get(page, {"rpjmd": plan.pk}).status_code == 200
    # "²" is a digit to str.isdigit() but not to int(): it is text, so the default plan is shown.
    assert client.get(page, {"rpjmd": "²"}).status_code == 200
    # int() refuses more than 4.300 digits; such a number is no plan of this Pemda.
    assert client.get(page, {"rpjmd": "1" * 5000}).status_code == 404
    assert client.get(page, {"rpjmd": str(plan.pk + 1000)}).status_code == 404


def iku_data(iku, **changes):
    return {
        "objective": iku.objective_id,
        "code": iku.code,
        "name": iku.name,
        "unit": iku.unit,
        "kind": iku.kind,
        "polarity": iku.polarity,
        "baseline_year": iku.baseline_year,
        "baseline_value": "70",
        "final_target": "75",
        **changes,
    }


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        # On SQLite nothing else stopped it: the year was stored and shown.
        ("9999999999999999", "Tidak boleh lebih dari 2100. / Must not be more than 2100."),
        (
            "1e30",
            "Isi bilangan bulat (tanpa koma atau huruf). / Enter a whole number (no decimals or letters).",
        ),
    ],
)
def test_an_iku_baseline_year_that_is_no_year_is_refused_in_both_languages(client, pemda, typed, message):
    government, _agency, _plan, iku = pemda
    target = url("rpjmd_element_edit", government, kind="iku", pk=iku.pk)
    answer = client.post(target, iku_data(iku, baseline_year=typed, name="Nama baru"))
    assert answer.status_code == 200
    assert message in answer.content.decode()
    stored = RegionalIndicator.objects.get(pk=iku.pk)
    assert (stored.baseline_year, stored.name) == (iku.baseline_year, iku.name)  # nothing saved
    assert client.post(target, iku_data(iku, baseline_year="2019")).status_code == 302
    assert RegionalIndicator.objects.get(pk=iku.pk).baseline_year == 2019


def test_the_rpjmd_years_are_refused_in_both_languages_when_no_whole_number(client, pemda):
    government, _agency, plan, _iku = pemda
    data = {
        "start_year": plan.start_year,
        "end_year": "2025,5",
        "vision": "Baru",
        "head_name": plan.head_name,
    }
    answer = client.post(url("rpjmd_plan_edit", government, plan=plan.pk), data)
    assert answer.status_code == 200
    assert "Isi bilangan bulat (tanpa koma atau huruf). / Enter a whole number" in answer.content.decode()
    stored = RegionalPlan.objects.get(pk=plan.pk)
    assert (stored.end_year, stored.vision) == (plan.end_year, plan.vision)


def test_a_units_order_out_of_range_is_refused_in_both_languages(client, pemda):
    government, agency, _plan, _iku = pemda
    unit = OrgUnit.objects.create(agency=agency, code="kaban", name="Kepala Badan", position=0)
    data = {
        f"unit-{unit.pk}-code": unit.code,
        f"unit-{unit.pk}-name": "Kepala Badan Baru",
        f"unit-{unit.pk}-parent": "",
        f"unit-{unit.pk}-head_title": "",
        f"unit-{unit.pk}-position": "-1",
    }
    answer = client.post(url("admin_units", government, agency=agency.code), data)
    assert answer.status_code == 200
    assert "Tidak boleh kurang dari 0. / Must not be less than 0." in answer.content.decode()
    assert OrgUnit.objects.get(pk=unit.pk).name == "Kepala Badan"
