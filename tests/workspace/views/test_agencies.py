"""The agency home page (capaian, quarter progress, to-do list) and the narrative editor."""

from django.urls import reverse

from indicators.models import Narrative, Target
from reports.readmodel.build import report_build
from reports.readmodel.sections import objective_section_key
from reports.readmodel.todo import todo_list
from sakip.concurrency import fingerprint

YEAR = 2021


def narratives_url(agency):
    return reverse("reports:narratives", args=[agency.code, YEAR])


def test_overview_lists_what_is_left_to_do(planner_client, demo_agency):
    Target.objects.filter(
        indicator__code="S3.1", kind__in=["pk", "pk_revised", "renstra"], year=YEAR
    ).delete()
    page = planner_client.get(reverse("agencies:overview_year", args=[demo_agency.code, YEAR]))
    html = page.content.decode()
    todo = page.context["todo"]
    assert [row.code for row in todo.missing_targets] == ["S3.1"]
    assert "1 indikator belum memiliki target tahun ini" in html
    assert f"{todo.entered}/{todo.total}" in html


def test_todo_counts_missing_quarter_realisations(demo_agency):
    report = report_build(agency=demo_agency, year=YEAR)
    todo = todo_list(report, 1)
    for row in todo.missing_realisations:
        assert row.quarters[0].realisation is None and row.inputs.entered is None
    assert todo.entered + len(todo.missing_realisations) == len(report.indicators)


def test_narrative_editor_shows_sections_and_saves_them(planner_client, demo_agency):
    page = planner_client.get(narratives_url(demo_agency))
    html = page.content.decode()
    stored = Narrative.objects.get(agency=demo_agency, year=YEAR, key="kata_pengantar")
    assert stored.text[:40] in html
    assert "Analisis capaian sasaran S1" in html
    key = objective_section_key("S1")
    response = planner_client.post(
        narratives_url(demo_agency),
        {
            f"{key}-text": "Capaian S1 melampaui target karena pelatihan wirausaha.",
            f"{key}-version": fingerprint({"text": ""}),
            "kata_pengantar-text": "",
            "kata_pengantar-version": fingerprint({"text": stored.text}),
        },
    )
    assert response.status_code == 302
    assert Narrative.objects.get(agency=demo_agency, year=YEAR, key="analisis_s1").text.startswith(
        "Capaian S1"
    )
    # Emptying a section removes it: the report falls back to its generated sentence.
    assert not Narrative.objects.filter(agency=demo_agency, year=YEAR, key="kata_pengantar").exists()


def test_narrative_changed_by_someone_else_is_not_overwritten(planner_client, demo_agency):
    stored = Narrative.objects.get(agency=demo_agency, year=YEAR, key="penutup")
    seen = fingerprint({"text": stored.text})
    Narrative.objects.filter(pk=stored.pk).update(text="Versi rekan kerja.")
    response = planner_client.post(
        narratives_url(demo_agency), {"penutup-text": "Versi saya.", "penutup-version": seen}
    )
    assert response.status_code == 200
    assert "Versi rekan kerja." in response.content.decode()
    assert Narrative.objects.get(pk=stored.pk).text == "Versi rekan kerja."


def test_reviewer_reads_narratives_but_cannot_save(reviewer_client, demo_agency):
    assert reviewer_client.get(narratives_url(demo_agency)).status_code == 200
    assert reviewer_client.post(narratives_url(demo_agency), {}).status_code == 403
