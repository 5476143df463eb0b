"""The UI is Indonesian by default and English on request; figures stay in Indonesian format either way."""

from django.urls import reverse

from reports.readmodel.build import report_build
from sakip.numbers import format_rupiah


def overview(client, agency):
    return client.get(reverse("agencies:overview_year", args=[agency.code, 2021])).content.decode()


def test_indonesian_by_default(planner_client, demo_agency):
    html = overview(planner_client, demo_agency)
    assert "Keluar" in html and "Yang perlu dikerjakan" in html


def test_english_when_chosen(planner_client, demo_agency):
    planner_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = overview(planner_client, demo_agency)
    assert "Log out" in html and "Keluar" not in html
    assert "Yang perlu dikerjakan" not in html
    # Rupiah figures keep the Indonesian separators in both languages.
    assert format_rupiah(report_build(agency=demo_agency, year=2021).budget.figures.ceiling) in html
