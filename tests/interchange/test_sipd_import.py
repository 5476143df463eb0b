"""The SIPD import screens end to end: the project's realistic export uploaded, previewed, confirmed; malformed files
refused with row and column and nothing changed; unknown codes mapped and remembered; locks and access."""

import html
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from budgets.models import BudgetLine
from interchange.models import SipdCodeMapping
from interchange.sipd.sample import sample_export
from reports.readmodel.build import report_build
from tests.conftest import make_user
from tests.review.helpers import set_state, year_data
from tests.workspace.history.test_views import entries, history_url

YEAR = 2021
RENAMED = "2.17.01.2.01.0099"


def upload(client, agency, data, name="sipd.xlsx"):
    return client.post(
        reverse("interchange:sipd_upload", args=[agency.code, YEAR]), {"file": SimpleUploadedFile(name, data)}
    )


def confirm(client, agency, token):
    return client.post(
        reverse("interchange:sipd_confirm", args=[agency.code, YEAR]), {"token": token}, follow=True
    )


def line(sub_code, agency):
    return BudgetLine.objects.get(
        year=YEAR, sub_activity__code=sub_code, sub_activity__activity__program__plan__agency=agency
    )


def test_the_realistic_export_lands_in_the_budget_lines(planner_client, demo_agency, planner):
    data, figures = sample_export(demo_agency, YEAR, seed=7)
    before = report_build(agency=demo_agency, year=YEAR).budget.figures
    response = upload(planner_client, demo_agency, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="sipd-preview"' in page and not response.context["preview"].problems
    assert len(response.context["rows"]) == len(figures)  # seed 7 changes every sub kegiatan's realisation
    result = confirm(planner_client, demo_agency, response.context["token"])
    assert result.redirect_chain[-1][0] == reverse("budgets:entry", args=[demo_agency.code, YEAR])
    assert "Impor SIPD disimpan" in result.content.decode()
    for expected in figures:
        stored = line(expected.code, demo_agency)
        assert stored.ceiling_original == expected.ceiling_original
        assert stored.ceiling_revised == expected.ceiling_revised
        assert stored.spent_quarters == list(expected.quarters)
        assert stored.spent == expected.spent  # the export's "Realisasi" column: the sum of the months
        assert stored.history.first().history_user == planner
    after = report_build(agency=demo_agency, year=YEAR).budget.figures
    assert after.spent != before.spent
    activity_lines = BudgetLine.objects.filter(year=YEAR, activity__program__plan__agency=demo_agency)
    expected_spent = sum((f.spent for f in figures), Decimal(0)) + sum(
        (x.spent if x.spent is not None else sum(q or 0 for q in x.spent_quarters) for x in activity_lines),
        Decimal(0),
    )
    assert after.spent == expected_spent
    # The agency's history names the import and the planner.
    history = entries(planner_client.get(history_url(demo_agency)))
    sipd = [e for e in history if e.via == "impor SIPD"]
    assert sipd and {e.object_id for e in sipd} >= {line(f.code, demo_agency).pk for f in figures}
    # Confirming the same preview again saves nothing twice.
    again = confirm(planner_client, demo_agency, response.context["token"])
    assert "sudah diterapkan" in again.content.decode()


def test_the_csv_export_with_a_total_column(planner_client, demo_agency):
    code = line_code = (
        BudgetLine.objects.filter(year=YEAR, sub_activity__activity__program__plan__agency=demo_agency)
        .first()
        .sub_activity.code
    )
    text = f'Laporan;;\nKode Sub Kegiatan;Pagu Murni;Pagu Perubahan\n{code};"1.234.567,00";"1.300.000,50"\n'
    response = upload(planner_client, demo_agency, text.encode("cp1252"), "ekspor.csv")
    assert [c.sub_activity.code for c in response.context["preview"].changes] == [code]
    confirm(planner_client, demo_agency, response.context["token"])
    stored = line(line_code, demo_agency)
    assert (stored.ceiling_original, stored.ceiling_revised) == (Decimal("1234567"), Decimal("1300000.5"))


def _with_cell(data: bytes, header: str, row: int, value) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    column = next(c.column for c in ws[7] if c.value == header)
    ws.cell(row=row, column=column, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "case, expected",
    [
        ("bad_number", ("Baris 14, kolom 'Pagu Murni'", "Row 14, column 'Pagu Murni'")),
        ("formula", ("Baris 14, kolom 'Realisasi Maret'", "Rumus tidak diterima")),
        ("unknown_code", ("Baris 10, kolom 'Kode Sub Kegiatan'", RENAMED)),
        ("missing_header", ("Baris judul kolom tidak ditemukan",)),
        ("not_a_spreadsheet", ("bukan ekspor SIPD",)),
        ("too_large", ("terlalu besar",)),
    ],
)
def test_malformed_files_are_refused_and_nothing_changes(
    planner_client, demo_agency, settings, case, expected
):
    data, _figures = sample_export(demo_agency, YEAR, seed=3)
    name = "sipd.xlsx"
    if case == "bad_number":
        data = _with_cell(data, "Pagu Murni", 14, "12.34.5")
    elif case == "formula":
        data = _with_cell(data, "Realisasi Maret", 14, "=SUM(A1:A2)")
    elif case == "unknown_code":
        data, _figures = sample_export(demo_agency, YEAR, seed=3, renamed={"2.17.01.2.01.0001": RENAMED})
    elif case == "missing_header":
        data = _with_cell(_with_cell(data, "Kode Sub Kegiatan", 7, "Nomor"), "Sub Kegiatan", 7, "Nama")
    elif case == "not_a_spreadsheet":
        data, name = b"%PDF-1.4\n\x00\x01binary", "sipd.csv"
    elif case == "too_large":
        settings.WORKBOOK_MAX_BYTES = 1000
    before = year_data(demo_agency)
    response = upload(planner_client, demo_agency, data, name)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert 'id="sipd-problems"' in page and "Tidak ada yang disimpan" in page
    assert not response.context["token"]  # nothing to confirm
    for text in expected:
        assert text in page
    assert year_data(demo_agency) == before


def test_an_unknown_code_is_mapped_once_and_remembered(planner_client, demo_agency):
    data, figures = sample_export(demo_agency, YEAR, seed=5, renamed={"2.17.01.2.01.0001": RENAMED})
    response = upload(planner_client, demo_agency, data)
    (unknown,) = response.context["unknown"]
    assert unknown["code"].code == RENAMED
    mapping_page = planner_client.get(unknown["url"])
    assert mapping_page.status_code == 200
    assert mapping_page.context["form"]["sipd_code"].value() == RENAMED
    sub = mapping_page.context["form"].fields["sub_activity"].queryset.get(code="2.17.01.2.01.0001")
    answer = planner_client.post(
        reverse("interchange:sipd_mapping", args=[demo_agency.code]),
        {
            "sipd_code": RENAMED,
            "sub_activity": sub.pk,
            "tahun": YEAR,
            "pratinjau": mapping_page.context["token"],
        },
        follow=True,
    )
    # Back to the same file's preview, now without problems.
    preview = answer.context["preview"]
    assert not preview.problems and not preview.unknown
    assert any(c.sipd_code == RENAMED and c.sub_activity == sub for c in preview.changes)
    assert SipdCodeMapping.objects.filter(agency=demo_agency, sipd_code=RENAMED, sub_activity=sub).exists()
    confirm(planner_client, demo_agency, answer.context["token"])
    assert line("2.17.01.2.01.0001", demo_agency).ceiling_revised == figures[0].ceiling_revised
    # The next export with the renamed code needs no mapping.
    data, _figures = sample_export(demo_agency, YEAR, seed=6, renamed={"2.17.01.2.01.0001": RENAMED})
    assert not upload(planner_client, demo_agency, data).context["preview"].unknown


def test_a_frozen_year_is_refused_with_the_lock_message(planner_client, demo_agency):
    data, _figures = sample_export(demo_agency, YEAR, seed=2)
    token = upload(planner_client, demo_agency, data).context["token"]
    set_state(demo_agency, "submitted")
    before = year_data(demo_agency)
    for response in (upload(planner_client, demo_agency, data), confirm(planner_client, demo_agency, token)):
        assert response.status_code == 403
        assert "sedang direviu" in response.content.decode()
    assert year_data(demo_agency) == before


def test_read_only_roles_get_403_and_another_agencys_planner_404(client, demo_agency, other_agency):
    data, _figures = sample_export(demo_agency, YEAR, seed=2)
    client.force_login(make_user("kepala-uji", "head", agency=demo_agency))
    assert client.get(reverse("interchange:sipd_upload", args=[demo_agency.code, YEAR])).status_code == 200
    assert upload(client, demo_agency, data).status_code == 403
    mapping_url = reverse("interchange:sipd_mapping", args=[demo_agency.code])
    assert client.post(mapping_url, {"sipd_code": "x"}).status_code == 403
    client.force_login(make_user("lain-uji", "planner", agency=other_agency))
    assert client.get(reverse("interchange:sipd_upload", args=[demo_agency.code, YEAR])).status_code == 404
    assert upload(client, demo_agency, data).status_code == 404
    assert client.get(mapping_url).status_code == 404


def test_the_budget_page_links_to_the_import(planner_client, demo_agency):
    page = planner_client.get(reverse("budgets:entry", args=[demo_agency.code, YEAR])).content.decode()
    assert reverse("interchange:sipd_upload", args=[demo_agency.code, YEAR]) in page


def test_the_sample_command_writes_an_export_the_import_reads(demo_agency, tmp_path):
    output = tmp_path / "sipd.xlsx"
    call_command("sipd_sample", agency=demo_agency.code, year=YEAR, output=str(output), seed=1)
    again = tmp_path / "again.xlsx"
    call_command("sipd_sample", agency=demo_agency.code, year=YEAR, output=str(again), seed=1)
    assert output.read_bytes() == again.read_bytes()  # same seed, same bytes
    rows = list(load_workbook(output).active.values)
    assert rows[0][0].startswith("PEMERINTAH") and "Kode Sub Kegiatan" in rows[6]


def test_a_mapping_is_removed_only_from_its_own_agency(planner_client, demo_agency, other_agency):
    sub = (
        BudgetLine.objects.filter(sub_activity__activity__program__plan__agency=other_agency)
        .first()
        .sub_activity
    )
    foreign = SipdCodeMapping.objects.create(agency=other_agency, sipd_code="9.99", sub_activity=sub)
    url = reverse("interchange:sipd_mapping", args=[demo_agency.code])
    assert planner_client.post(url, {"hapus": foreign.pk}).status_code == 302
    assert planner_client.post(url, {"hapus": "x"}).status_code == 302
    assert SipdCodeMapping.objects.filter(pk=foreign.pk).exists()


def test_the_screens_speak_english_too(planner_client, demo_agency, settings):
    planner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = planner_client.get(
        reverse("interchange:sipd_upload", args=[demo_agency.code, YEAR])
    ).content.decode()
    assert "Import from SIPD" in page and "SIPD export file (.xlsx or .csv)" in page
    page = planner_client.get(reverse("interchange:sipd_mapping", args=[demo_agency.code])).content.decode()
    assert "SIPD code mapping" in page and "No mapping yet." in page
