"""The sasaran analysis screen (issue 18, point 2): one text box per kind, one item per line, saved whole or not at
all, with a program named by its code and a partner before a colon."""

import pytest
from django.urls import reverse

from indicators.models import Objective, ObjectiveNote
from review.models import YearReview

YEAR = 2021


def url(agency):
    return reverse("indicators:objective_notes", args=[agency.code, YEAR])


def prefix(objective):
    return f"sasaran-{objective.pk}"


def form_data(page, objectives, **typed):
    """The grid as the browser would post it: every row's version, the typed boxes (objective code → kind →
    text), everything else empty."""
    data = {}
    for o in objectives:
        row = page.context["rows"][[r.objective.pk for r in page.context["rows"]].index(o.pk)]
        data[f"{prefix(o)}-version"] = row.stored_fingerprint()
        for kind, text in (typed.get(o.code) or {}).items():
            data[f"{prefix(o)}-{kind}"] = text
    return data


@pytest.fixture
def objectives(demo_agency):
    return list(Objective.objects.filter(plan__agency=demo_agency).order_by("goal__position", "position"))


def test_the_planner_types_items_and_the_report_prints_them(planner_client, demo_agency, objectives):
    s1 = objectives[0]
    program = s1.programs.order_by("position").first()
    page = planner_client.get(url(demo_agency))
    assert page.status_code == 200 and "Kendala / hambatan" in page.content.decode()
    typed = {
        s1.code: {
            "obstacle": "Data koperasi belum mutakhir\n\n  Anggaran pelatihan terbatas  ",
            "supporting": f"{program.code} Pelatihan pengurus koperasi",
            "non_apbd": "CSR Bank BJB: Pelatihan pemasaran digital",
        }
    }
    response = planner_client.post(url(demo_agency), form_data(page, objectives, **typed))
    assert response.status_code == 302
    notes = list(ObjectiveNote.objects.filter(objective=s1, year=YEAR).order_by("position"))
    assert [(n.kind, n.text, n.program_id, n.partner) for n in notes] == [
        ("obstacle", "Data koperasi belum mutakhir", None, ""),
        ("obstacle", "Anggaran pelatihan terbatas", None, ""),
        ("supporting", "Pelatihan pengurus koperasi", program.pk, ""),
        ("non_apbd", "Pelatihan pemasaran digital", None, "CSR Bank BJB"),
    ]
    history = planner_client.get(reverse("history:agency", args=[demo_agency.code])).content.decode()
    assert "Analisis sasaran 2021 · Kendala / hambatan: Anggaran pelatihan terbatas" in history
    again = planner_client.get(url(demo_agency)).content.decode()
    assert f"{program.code} Pelatihan pengurus koperasi" in again and "CSR Bank BJB: Pelatihan" in again
    report = planner_client.get(reverse("reports:lkjip", args=[demo_agency.code, YEAR])).content.decode()
    assert "Anggaran pelatihan terbatas" in report and "Pelatihan pemasaran digital" in report


def test_a_line_without_a_program_code_saves_nothing_of_any_sasaran(planner_client, demo_agency, objectives):
    s1, s2 = objectives[:2]
    page = planner_client.get(url(demo_agency))
    typed = {s1.code: {"success": "Pendampingan rutin"}, s2.code: {"hindering": "Pelatihan tanpa kode"}}
    response = planner_client.post(url(demo_agency), form_data(page, objectives, **typed))
    assert response.status_code == 200
    text = response.content.decode()
    assert "tidak diawali kode program" in text and "does not start with a program code" in text
    assert not ObjectiveNote.objects.filter(objective__in=[s1, s2]).exists()


def test_a_sasaran_changed_meanwhile_is_not_overwritten(planner_client, demo_agency, objectives):
    s1 = objectives[0]
    page = planner_client.get(url(demo_agency))
    ObjectiveNote.objects.create(objective=s1, year=YEAR, kind="success", text="Diketik rekan")
    data = form_data(page, objectives, **{s1.code: {"success": "Diketik saya"}})
    response = planner_client.post(url(demo_agency), data)
    assert response.status_code == 200 and 'data-testid="conflict"' in response.content.decode()
    assert list(ObjectiveNote.objects.filter(objective=s1).values_list("text", flat=True)) == [
        "Diketik rekan"
    ]


def test_a_reviewer_reads_and_a_submitted_year_is_read_only(
    client, reviewer_client, planner, demo_agency, objectives
):
    assert reviewer_client.get(url(demo_agency)).status_code == 200
    assert reviewer_client.post(url(demo_agency), {}).status_code == 403
    YearReview.objects.create(agency=demo_agency, year=YEAR, state="submitted")
    client.force_login(planner)
    page = client.get(url(demo_agency))
    assert "<fieldset disabled>" in page.content.decode()
    s1 = objectives[0]
    response = client.post(url(demo_agency), {f"{prefix(s1)}-success": "Terlambat"})
    assert response.status_code == 403
    assert not ObjectiveNote.objects.filter(objective=s1).exists()
