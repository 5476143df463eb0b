"""Renstra screens and downloads: who may see and change what, and what a planner sees after each change."""

import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from budgets.models import Activity, BudgetLine, Program
from indicators.models import Target
from reports.models import PlanNarrative, PlanRevision, ProgramFunding
from reports.renstra.build import renstra_build
from reports.renstra.workbook import renstra_sheet_titles
from sakip.numbers import format_number
from tests.conftest import make_user
from tests.semarang import dataset_funding, plan_years

READ = (
    "renstra_review",
    "renstra",
    "renstra_html_download",
    "renstra_xlsx_download",
    "renstra_json",
    "renstra_narratives",
    "renstra_funding",
    "renstra_revisions",
    "renstra_compare",
)
WRITE = ("renstra_narratives", "renstra_funding", "renstra_revisions")


def url(name, agency):
    return reverse(f"reports:{name}", args=[agency.code])


def test_planner_opens_every_renstra_screen(semarang_planner_client, semarang):
    for name in READ:
        response = semarang_planner_client.get(url(name, semarang))
        assert response.status_code == 200, name
    page = semarang_planner_client.get(url("renstra_review", semarang)).content.decode()
    for name in ("renstra", "renstra_pdf", "renstra_xlsx_download", "renstra_html_download"):
        assert url(name, semarang) in page  # the download links


def test_the_document_page_lists_every_kegiatan_with_its_funding(
    semarang_planner_client, semarang, semarang_dataset
):
    html = semarang_planner_client.get(url("renstra", semarang)).content.decode()
    years = plan_years(semarang_dataset)
    for program in semarang_dataset["programs"]:
        for activity in program["activities"]:
            row = re.search(
                rf'<tr class="owner[^"]*" data-code="{re.escape(activity["code"])}".*?</tr>', html, re.S
            )
            assert row, activity["code"]
            cells = re.findall(r'<td class="num money">([^<]*)</td>', row.group(0))
            funding = dataset_funding(activity)
            assert cells[: len(years)] == [format_number(funding.get(y), 0) for y in years]
    assert "Perubahan II" in html and 'id="bab-6"' in html


def test_downloads_are_named_after_the_plan(semarang_planner_client, semarang):
    response = semarang_planner_client.get(url("renstra_xlsx_download", semarang))
    assert response["Content-Disposition"] == f'attachment; filename="Renstra-2016-2021-{semarang.code}.xlsx"'
    assert tuple(load_workbook(io.BytesIO(response.content)).sheetnames) == renstra_sheet_titles()
    data = json.loads(semarang_planner_client.get(url("renstra_json", semarang)).content)
    assert data["format"] == "sakip-renstra/1" and data["revision"] == "Perubahan II"
    html = semarang_planner_client.get(url("renstra_html_download", semarang))
    assert html["Content-Type"].startswith("text/html") and b"<style>" in html.content


def test_the_pdf_download(planner_client, demo_agency):
    response = planner_client.get(url("renstra_pdf", demo_agency))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"].endswith(f'-{demo_agency.code}.pdf"')


def test_another_agency_gets_404_everywhere(client, semarang, other_agency):
    client.force_login(make_user("perencana-lain", "planner", agency=other_agency))
    for name in READ:
        assert client.get(url(name, semarang)).status_code == 404, name
    for name in WRITE:
        assert client.post(url(name, semarang), {}).status_code == 404, name


def test_a_reviewer_reads_but_cannot_write(client, semarang):
    client.force_login(make_user("reviu-smg", "reviewer", government=semarang.government))
    for name in READ:
        assert client.get(url(name, semarang)).status_code == 200, name
    for name in WRITE:
        assert client.post(url(name, semarang), {}).status_code == 403, name
    page = client.get(url("renstra_revisions", semarang)).content.decode()
    assert 'data-testid="freeze-form"' not in page and 'data-testid="read-only"' in page


def _grid_data(page_html: str) -> dict:
    """Every input of a grid as the browser would post it back unchanged."""
    data = {}
    for tag in re.findall(r"<(?:input|textarea)[^>]*>", page_html):
        name = re.search(r'name="([^"]+)"', tag)
        if name and name.group(1) != "csrfmiddlewaretoken":
            value = re.search(r'value="([^"]*)"', tag)
            data[name.group(1)] = value.group(1) if value else ""
    return data


def test_a_narrative_typed_once_appears_in_the_document(semarang_planner_client, semarang):
    page = semarang_planner_client.get(url("renstra_narratives", semarang)).content.decode()
    data = _grid_data(page)
    data["isu_strategis-text"] = "Akses pembiayaan koperasi masih terbatas."
    response = semarang_planner_client.post(url("renstra_narratives", semarang), data)
    assert response.status_code == 302
    assert PlanNarrative.objects.get(key="isu_strategis").text == "Akses pembiayaan koperasi masih terbatas."
    html = semarang_planner_client.get(url("renstra", semarang)).content.decode()
    assert "Akses pembiayaan koperasi masih terbatas." in html
    # The generated sentence is the placeholder of an empty section: the planner sees the first draft.
    assert "Sesuai Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017" in page


def test_funding_grid_writes_kegiatan_funding_and_the_printed_program_figure(
    semarang_planner_client, semarang, semarang_dataset
):
    program_data = semarang_dataset["programs"][0]
    activity_data = program_data["activities"][0]
    page = semarang_planner_client.get(url("renstra_funding", semarang)).content.decode()
    data = _grid_data(page)
    activity_field = next(k for k in data if k.endswith("-y2019") and _slug(activity_data["code"]) in k)
    data[activity_field] = "Rp 210.000.000"
    program_field = next(
        k for k in data if k.endswith("-y2019") and k.startswith(f"f-{_slug(program_data['code'])}-y")
    )
    data[program_field] = "1.000"
    response = semarang_planner_client.post(url("renstra_funding", semarang), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Activity.objects.get(program__plan__agency=semarang, code=activity_data["code"])
    assert BudgetLine.objects.get(activity=activity, year=2019).ceiling_plan == Decimal("210000000")
    program = Program.objects.get(plan__agency=semarang, code=program_data["code"])
    assert ProgramFunding.objects.get(program=program, year=2019).amount == Decimal(1000)
    review = semarang_planner_client.get(url("renstra_review", semarang)).content.decode()
    assert 'data-code="program-funding-sum"' in review and "#pendanaan-" in review
    expected = sum(
        (dataset_funding(a).get(2019, Decimal(0)) for a in program_data["activities"][1:]), Decimal(210000000)
    )
    assert (
        renstra_build(agency=semarang, review=False)
        .programs[0]
        .funding[plan_years(semarang_dataset).index(2019)]
        == expected
    )
    # Emptying the printed figure removes it.
    page = semarang_planner_client.get(url("renstra_funding", semarang)).content.decode()
    data = _grid_data(page)
    data[program_field] = ""
    semarang_planner_client.post(url("renstra_funding", semarang), data)
    assert not ProgramFunding.objects.filter(program=program).exists()


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def test_freeze_change_compare(semarang_planner_client, semarang, semarang_dataset):
    response = semarang_planner_client.post(
        url("renstra_revisions", semarang),
        {"label": "Perubahan II", "next_revision": "Perubahan III", "note": ""},
    )
    assert response.status_code == 302
    revision = PlanRevision.objects.get(plan__agency=semarang)
    assert revision.label == "Perubahan II" and revision.snapshot["plan"]["revision"] == "Perubahan II"
    assert renstra_build(agency=semarang, review=False).revision == "Perubahan III"
    # The same name twice is refused.
    again = semarang_planner_client.post(url("renstra_revisions", semarang), {"label": "perubahan ii"})
    assert again.status_code == 200 and PlanRevision.objects.count() == 1

    indicator = semarang_dataset["goals"][0]["objectives"][0]["indicators"][0]
    target = Target.objects.get(indicator__code=indicator["code"], kind="renstra", year=2021)
    target.value = Decimal("91.5")
    target.save()
    page = semarang_planner_client.get(url("renstra_compare", semarang), {"a": revision.pk, "b": "current"})
    html = page.content.decode()
    row = re.search(rf'<tr data-indicator="{re.escape(indicator["code"])}">.*?</tr>', html, re.S).group(0)
    assert "2021" in row and ">88<" in row and ">91,5<" in row and ">3,5<" in row
    assert "1 perubahan" in html
    assert semarang_planner_client.get(url("renstra_compare", semarang), {"a": 999999}).status_code == 404


def test_the_review_links_findings_to_their_screens(semarang_planner_client, semarang):
    html = semarang_planner_client.get(url("renstra_review", semarang)).content.decode()
    links = set(re.findall(r'<td class="small text-nowrap"><a href="([^"]+)"', html))
    doc = renstra_build(agency=semarang, review=False)
    code_of = {i.row.path: i.code for i in doc.indicators}
    grid = reverse("indicators:targets_renstra", args=[semarang.code])
    expected = {
        f"{grid}#indikator-{code_of[f.path.removesuffix('.targets.renstra')]}"
        for f in doc.checks
        if f.code == "renstra-target-missing"
    }
    assert expected and expected <= links  # Semarang's programs without later targets


def test_review_screen_queries_are_bounded(semarang_planner_client, semarang, django_assert_max_num_queries):
    with django_assert_max_num_queries(45):
        semarang_planner_client.get(url("renstra_review", semarang))


def test_render_report_renders_the_renstra(semarang, tmp_path):
    out = io.StringIO()
    call_command(
        "render_report",
        document="renstra",
        agency=semarang.code,
        format="json",
        output=tmp_path / "r.json",
        stdout=out,
    )
    assert json.loads((tmp_path / "r.json").read_text())["format"] == "sakip-renstra/1"
    assert "74 kegiatan" in out.getvalue()
    call_command(
        "render_report",
        document="renstra",
        agency=semarang.code,
        format="xlsx",
        output=tmp_path / "r.xlsx",
        stdout=out,
    )
    assert tuple(load_workbook(tmp_path / "r.xlsx").sheetnames) == renstra_sheet_titles()
    with pytest.raises(CommandError, match="--year"):
        call_command("render_report", agency=semarang.code, format="json", output=tmp_path / "x.json")


def test_a_hand_edited_revision_in_the_comparison_is_a_404(planner_client, demo_agency):
    url = reverse("reports:renstra_compare", args=[demo_agency.code])
    for wanted in ("²", "9" * 5000, "abc"):
        assert planner_client.get(url, {"a": wanted, "b": "current"}).status_code == 404, wanted
