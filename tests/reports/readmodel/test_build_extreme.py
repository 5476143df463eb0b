"""No accepted figure, and no figure stored before the bounds existed, makes a page or a render fail (issue 16,
point 2): 9999999999999999 typed as a realisation answered 500 on every page that read it."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings

from budgets.models import BudgetLine
from indicators.models import Indicator, Realisation
from reports.readmodel.build import report_build
from reports.readmodel.json_report import dumps
from sakip.numbers import NumberBounds
from tests.figures import largest, storable_decimals

YEAR = 2021
MEASURE = NumberBounds(20, 4)
MONEY = NumberBounds(18, 2)


def _realisation(agency) -> Realisation:
    indicator = Indicator.objects.get(plan__agency=agency, code="S1.1")
    return Realisation.objects.get(indicator=indicator, year=YEAR, quarter=0)


def _line(agency) -> BudgetLine:
    return BudgetLine.objects.filter(
        sub_activity__activity__program__plan__agency=agency, year=YEAR
    ).order_by("pk")[0]


def _pages(agency, realisation, line) -> list[str]:
    code = agency.code
    return [
        reverse("agencies:home"),
        reverse("agencies:overview_year", args=[code, YEAR]),
        reverse("indicators:realisations_annual", args=[code, YEAR]),
        reverse("indicators:realisations", args=[code, YEAR, 4]),
        reverse("indicators:targets_pk", args=[code, YEAR]),
        reverse("indicators:targets_renstra", args=[code]),
        reverse("budgets:entry", args=[code, YEAR]),
        reverse("reports:lkjip", args=[code, YEAR]),
        reverse("reports:lkjip_html_download", args=[code, YEAR]),
        reverse("reports:lkjip_xlsx", args=[code, YEAR]),
        reverse("reports:review", args=[code, YEAR]),
        reverse("reports:renstra_xlsx", args=[code]),
        reverse("reports:renstra", args=[code]),
        reverse("reports:renstra_review", args=[code]),
        reverse("reports:renstra_funding", args=[code]),
        reverse("reports:renstra_xlsx_download", args=[code]),
        reverse("reports:renstra_json", args=[code]),
        reverse("history:agency", args=[code]),
        reverse("history:export_xlsx", args=[code]),
        reverse("history:export_csv", args=[code]),
        reverse("review:detail", args=[code, YEAR]),
        reverse("interchange:template", args=[code, YEAR]),
    ]


def _admin_pages(realisation, line) -> list[str]:
    return [
        reverse("admin:indicators_realisation_change", args=[realisation.pk]),
        reverse("admin:indicators_realisation_changelist"),
        reverse("admin:budgets_budgetline_change", args=[line.pk]),
        reverse("admin:budgets_budgetline_changelist"),
    ]


@pytest.fixture
def clients(planner_client, demo_agency):
    """The agency's planner (workspace pages) and an administrator (the admin)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("root-angka", password="x"))
    return planner_client, admin


def _every_page_answers(clients, agency, realisation, line, *, pdf=False):
    planner, admin = clients
    urls = _pages(agency, realisation, line)
    if pdf:
        urls += [reverse("reports:lkjip_pdf", args=[agency.code, YEAR])]
    failed = [(url, r.status_code) for url in urls if (r := planner.get(url, follow=True)).status_code != 200]
    failed += [
        (url, r.status_code)
        for url in _admin_pages(realisation, line)
        if (r := admin.get(url)).status_code != 200
    ]
    assert failed == []
    # The sakip-report/1 JSON (render_report --format json) of the year.
    assert '"format": "sakip-report/1"' in dumps(report_build(agency=agency, year=YEAR))


def _store(agency, value, numbers: dict):
    realisation = _realisation(agency)
    realisation.value = value
    realisation.full_clean()  # the model's own rule accepts it, as every form does
    realisation.save()
    line = _line(agency)
    for name, amount in numbers.items():
        setattr(line, name, amount)
    line.full_clean()
    line.save()
    realisation.refresh_from_db()
    line.refresh_from_db()
    assert realisation.value == value
    assert {name: getattr(line, name) for name in numbers} == numbers
    return realisation, line


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(
    value=storable_decimals(MEASURE),
    ceiling=storable_decimals(MONEY, non_negative=True),
    spent=storable_decimals(MONEY, non_negative=True),
)
@example(value=-largest(MEASURE), ceiling=Decimal(0), spent=largest(MONEY))
@example(value=Decimal("0.0001"), ceiling=largest(MONEY), spent=Decimal("0.01"))
def test_accepted_figures_are_read_back_and_every_page_of_the_year_renders(
    clients, demo_agency, value, ceiling, spent
):
    realisation, line = _store(
        demo_agency, value, {"ceiling_original": ceiling, "ceiling_revised": None, "spent": spent}
    )
    _every_page_answers(clients, demo_agency, realisation, line)


def test_the_largest_figures_render_every_page_and_the_pdf(clients, demo_agency):
    realisation, line = _store(
        demo_agency, largest(MEASURE), {"ceiling_original": largest(MONEY), "spent": largest(MONEY)}
    )
    _every_page_answers(clients, demo_agency, realisation, line, pdf=True)
    assert (
        "9.999.999.999.999.990"
        in clients[0].get(reverse("budgets:entry", args=[demo_agency.code, YEAR])).content.decode()
    )


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="PostgreSQL's numeric(20,4) refuses 1E+16: such a value cannot be stored",
)
def test_a_figure_stored_before_the_bounds_existed_breaks_no_page(clients, demo_agency):
    """What an SQLite database that took 9999999999999999 before this fix holds: 1E+16, which read back with
    Django's own quantize raised decimal.InvalidOperation on every page. It is shown, and listed by
    `check_figures`."""
    realisation, line = _realisation(demo_agency), _line(demo_agency)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE indicators_realisation SET value = '9999999999999999' WHERE id = %s", [realisation.pk]
        )
        cursor.execute("UPDATE budgets_budgetline SET spent = '9999999999999999' WHERE id = %s", [line.pk])
    realisation.refresh_from_db()
    assert realisation.value == Decimal("1E+16")
    _every_page_answers(clients, demo_agency, realisation, line, pdf=True)

    out = io.StringIO()
    with pytest.raises(CommandError, match="2 angka perlu diperbaiki"):
        call_command("check_figures", stdout=out)
    listed = out.getvalue()
    assert f"indicators.Realisation #{realisation.pk} value = 10000000000000000" in listed
    assert f"budgets.BudgetLine #{line.pk} spent = 10000000000000000" in listed

    # Saving the grid again tells the planner to correct it; the rest of the page keeps working.
    url = reverse("indicators:realisations_annual", args=[demo_agency.code, YEAR])
    assert "10.000.000.000.000.000" in clients[0].get(url).content.decode()


def test_check_figures_finds_nothing_in_the_demo(demo_agency):
    out = io.StringIO()
    call_command("check_figures", stdout=out)
    assert "Semua angka tersimpan dalam batas kolomnya" in out.getvalue()


def test_a_grade_indicator_stored_with_added_up_quarters_still_renders(demo_agency):
    """Stored before the plan form refused it (or by the admin): the report reads the grades as readings."""
    from indicators.models import Indicator, Realisation, Target
    from reports.readmodel.build import report_build

    indicator = Indicator.objects.filter(plan__agency=demo_agency).order_by("pk").first()
    Indicator.objects.filter(pk=indicator.pk).update(
        kind="grade", grade_scale="akip", quarter_mode="increment"
    )
    Target.objects.filter(indicator=indicator).update(value=None, grade="BB")
    Realisation.objects.filter(indicator=indicator).update(
        value=None, numerator=None, denominator=None, grade="B"
    )
    Realisation.objects.update_or_create(
        indicator=indicator, year=2021, quarter=2, defaults={"grade": "BB", "value": None}
    )
    report = report_build(agency=demo_agency, year=2021)
    row = next(i for i in report.indicators if i.code == indicator.code)
    assert row.realisation == "B"  # the annual reading; the quarters are readings too, not a sum
