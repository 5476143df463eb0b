"""The planner's Excel import template: round trip, every malformed case refused whole, conflicts, access.

Run the 5.000-row benchmark with `SAKIP_BENCHMARK=1 .venv/bin/pytest tests/interchange/workbook/test_applying.py -k bench -s`.
"""

import io
import os
import re
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from budgets.models import BudgetLine
from indicators.models import Realisation, Target
from interchange.workbook.applying import workbook_apply
from interchange.workbook.reading import workbook_changes
from interchange.workbook.template import template_workbook

YEAR = 2021


def _bytes(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _template(agency, year=YEAR):
    return load_workbook(io.BytesIO(_bytes(template_workbook(agency, year))))


def _row(ws, code) -> int:
    return next(cell.row for cell in ws["A"] if cell.value == code)


def _column(ws, header) -> str:
    return next(cell.column_letter for cell in ws[1] if cell.value == header)


def _upload(client, agency, data: bytes, name="templat.xlsx"):
    url = reverse("interchange:upload", args=[agency.code, YEAR])
    return client.post(url, {"file": SimpleUploadedFile(name, data)})


def _confirm(client, agency, token):
    return client.post(
        reverse("interchange:confirm", args=[agency.code, YEAR]), {"token": token}, follow=True
    )


def _database(agency) -> list:
    """Every figure the import may touch, to prove a refused workbook changed nothing."""
    targets = Target.objects.filter(indicator__plan__agency=agency).values_list(
        "indicator__code", "kind", "year", "quarter", "value", "grade"
    )
    realisations = Realisation.objects.filter(indicator__plan__agency=agency).values_list(
        "indicator__code", "year", "quarter", "value", "grade", "numerator", "denominator"
    )
    lines = BudgetLine.objects.all().values_list(
        "pk",
        "ceiling_original",
        "ceiling_rationalised",
        "ceiling_revised",
        "spent",
        "spent_q1",
        "physical_progress",
    )
    return sorted(map(str, [*targets, *realisations, *lines]))


def _first_line():
    return (
        BudgetLine.objects.filter(year=YEAR, sub_activity__isnull=False)
        .select_related("sub_activity")
        .order_by("pk")
        .first()
    )


def _pk_target(agency):
    return (
        Target.objects.filter(indicator__plan__agency=agency, year=YEAR, kind="pk", value__isnull=False)
        .select_related("indicator")
        .order_by("indicator__position")
        .first()
    )


def test_round_trip_changes_exactly_the_edited_cells(planner_client, demo_agency):
    response = planner_client.get(reverse("interchange:template", args=[demo_agency.code, YEAR]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'templat-{demo_agency.code}-{YEAR}.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))

    target = _pk_target(demo_agency)
    indicator = target.indicator
    line = _first_line()
    sub = line.sub_activity
    new_pk = target.value + 1
    ws = workbook["Target"]
    ws[f"{_column(ws, 'PK')}{_row(ws, indicator.code)}"] = float(new_pk)  # a real numeric cell
    ws[f"{_column(ws, 'TW I')}{_row(ws, indicator.code)}"] = "0,5%"
    ws = workbook["Realisasi"]
    ws[f"{_column(ws, 'TW I')}{_row(ws, indicator.code)}"] = "1.715"
    ws = workbook["Anggaran"]
    ws[f"{_column(ws, 'Pagu perubahan')}{_row(ws, sub.code)}"] = "Rp 1.000.000,-"
    ws[f"{_column(ws, 'Realisasi TW I')}{_row(ws, sub.code)}"] = 2500000.5
    before = _database(demo_agency)

    response = _upload(planner_client, demo_agency, _bytes(workbook))
    assert response.status_code == 200
    changes = {
        (c.what, c.code, c.field, c.new) for c in (row["change"] for row in response.context["changes"])
    }
    assert changes == {
        ("Target", indicator.code, "PK", new_pk),
        ("Target", indicator.code, "TW I", Decimal("0.5")),
        ("Realisasi", indicator.code, "TW I", Decimal("1715")),
        ("Anggaran", sub.code, "Pagu perubahan", Decimal("1000000")),
        ("Anggaran", sub.code, "Realisasi TW I", Decimal("2500000.5")),
    }
    assert b"import-preview" in response.content
    assert _database(demo_agency) == before, "a preview writes nothing"

    page = _confirm(planner_client, demo_agency, response.context["token"])
    assert "5 nilai dari berkas disimpan" in page.content.decode()
    target.refresh_from_db()
    line.refresh_from_db()
    assert target.value == new_pk
    assert Target.objects.get(indicator=indicator, kind="quarter", year=YEAR, quarter=1).value == Decimal(
        "0.5"
    )
    assert Realisation.objects.get(indicator=indicator, year=YEAR, quarter=1).value == Decimal("1715")
    assert line.ceiling_revised == Decimal("1000000")
    assert line.spent_q1 == Decimal("2500000.5")
    assert not list((Path(settings.MEDIA_ROOT) / "imports").glob("*.xlsx")), "the upload is deleted"

    # The database now matches the workbook: exporting and importing again changes nothing.
    assert workbook_changes(demo_agency, YEAR, _bytes(_template(demo_agency))) == ([], [])


def test_unchanged_template_changes_nothing(planner_client, demo_agency):
    before = _database(demo_agency)
    response = _upload(planner_client, demo_agency, _bytes(_template(demo_agency)))
    assert "Tidak ada perubahan" in response.content.decode()
    assert "changes" not in response.context or not response.context["changes"]
    assert _database(demo_agency) == before


def test_emptied_cell_clears_the_value(demo_agency):
    target = _pk_target(demo_agency)
    workbook = _template(demo_agency)
    ws = workbook["Target"]
    ws[f"{_column(ws, 'PK')}{_row(ws, target.indicator.code)}"] = None
    changes, problems = workbook_changes(demo_agency, YEAR, _bytes(workbook))
    assert problems == []
    assert [(c.code, c.field, c.old, c.new) for c in changes] == [
        (target.indicator.code, "PK", target.value, None)
    ]
    workbook_apply(demo_agency, YEAR, changes)
    assert not Target.objects.filter(pk=target.pk).exists()


def test_percent_formatted_cell_is_read_as_percent(demo_agency):
    target = _pk_target(demo_agency)
    workbook = _template(demo_agency)
    ws = workbook["Target"]
    cell = ws[f"{_column(ws, 'PK')}{_row(ws, target.indicator.code)}"]
    cell.value, cell.number_format = 0.855, "0.0%"  # Excel stores 85,5 % as 0.855
    changes, problems = workbook_changes(demo_agency, YEAR, _bytes(workbook))
    assert problems == []
    assert [c.new for c in changes] == [Decimal("85.5")]


def test_formula_with_a_computed_number_is_accepted(demo_agency):
    target = _pk_target(demo_agency)
    workbook = _template(demo_agency)
    ws = workbook["Target"]
    address = f"{_column(ws, 'PK')}{_row(ws, target.indicator.code)}"
    ws[address] = "=40+2"
    # openpyxl cannot compute; write the cached result Excel would have saved beside the formula.
    data = _with_cached_value(_bytes(workbook), "xl/worksheets/sheet2.xml", address, "42")
    changes, problems = workbook_changes(demo_agency, YEAR, data)
    assert problems == []
    assert [(c.code, c.new) for c in changes] == [(target.indicator.code, Decimal("42"))]


def _with_cached_value(data: bytes, member: str, address: str, value: str) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == member:
                text = content.decode()
                text = re.sub(
                    rf'(<c r="{address}"[^>]*>)<f>(.*?)</f><v\s*/?>(</v>)?',
                    rf"\1<f>\2</f><v>{value}</v>",
                    text,
                )
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


# -------------------------------------------------------------------------------------- malformed workbooks


def _set(sheet, header, code_of_row, value):
    def change(workbook, agency):
        ws = workbook[sheet]
        code = code_of_row(agency)
        row = _row(ws, code)
        ws[f"{_column(ws, header)}{row}"] = value
        return row

    return change


def _pk_code(agency):
    return _pk_target(agency).indicator.code


def _rename_sheet(workbook, agency):
    workbook["Anggaran"].title = "Budget"


def _wrong_header(workbook, agency):
    workbook["Target"]["D1"] = "Renstra 2020"
    return 1


def _unknown_code(workbook, agency):
    workbook["Target"]["A2"] = "X.99"
    return 2


def _duplicate_row(workbook, agency):
    ws = workbook["Target"]
    ws["A3"] = ws["A2"].value
    return 3


MALFORMED = {
    "wrong sheet name": (_rename_sheet, "Budget", None, "", "Lembar tidak dikenal"),
    "wrong header": (_wrong_header, "Target", 1, "D", "Judul kolom harus “Renstra 2021”"),
    "unknown code": (_unknown_code, "Target", 2, "A", "tidak ada di Renstra"),
    "duplicate row": (_duplicate_row, "Target", 3, "A", "sudah ada di baris 2"),
    "bad number": (_set("Target", "PK", _pk_code, "1,2,3"), "Target", "row", "E", "Angka tidak valid"),
    "formula without result": (_set("Target", "PK", _pk_code, "=A1/0"), "Target", "row", "E", "Rumus tidak"),
    "negative money": (
        _set("Anggaran", "Pagu murni", lambda a: _first_line().sub_activity.code, -5),
        "Anggaran",
        "row",
        "C",
        "Tidak boleh kurang dari 0",
    ),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_malformed_workbook_is_refused_whole_with_its_cell(planner_client, demo_agency, case):
    mutate, sheet, row, column, message = MALFORMED[case]
    workbook = _template(demo_agency)
    # A valid change beside the broken cell proves nothing is saved partially.
    ws = workbook["Anggaran"]
    ws["D2"] = 123
    mutated_row = mutate(workbook, demo_agency)
    before = _database(demo_agency)
    response = _upload(planner_client, demo_agency, _bytes(workbook))
    problems = response.context["problems"]
    expected_row = mutated_row if row == "row" else row
    assert any(
        p.sheet == sheet and p.row == expected_row and p.column == column and message in p.message
        for p in problems
    ), problems
    assert not response.context.get("changes")
    html = response.content.decode()
    assert "import-problems" in html and "Tidak ada yang disimpan" in html
    assert _database(demo_agency) == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("data.csv", b"kode;nilai\nS1.1;5\n", "bukan lembar kerja Excel .xlsx"),
        ("templat.xlsx", b"not a zip at all", "bukan lembar kerja Excel .xlsx"),
    ],
)
def test_non_xlsx_file_is_refused(planner_client, demo_agency, name, data, message):
    before = _database(demo_agency)
    response = _upload(planner_client, demo_agency, data, name=name)
    [problem] = response.context["problems"]
    assert message in problem.message and "not an Excel .xlsx" in problem.message
    assert _database(demo_agency) == before


def test_too_large_file_is_refused(planner_client, demo_agency, settings):
    settings.WORKBOOK_MAX_BYTES = 1024
    before = _database(demo_agency)
    response = _upload(planner_client, demo_agency, _bytes(_template(demo_agency)))
    [problem] = response.context["problems"]
    assert "Berkas terlalu besar" in problem.message
    assert _database(demo_agency) == before


def test_template_of_another_agency_is_refused(planner_client, demo_agency, other_agency):
    before = _database(demo_agency)
    response = _upload(planner_client, demo_agency, _bytes(_template(other_agency)))
    [problem] = response.context["problems"]
    assert problem.sheet == "_meta" and "dinas-lain" in problem.message
    assert _database(demo_agency) == before


def test_template_of_another_year_is_refused(demo_agency):
    changes, [problem] = workbook_changes(demo_agency, YEAR, _bytes(_template(demo_agency, YEAR - 1)))
    assert changes == [] and f"tahun {YEAR - 1}" in problem.message


def test_data_changed_between_preview_and_confirm_is_a_conflict(planner_client, demo_agency):
    target = _pk_target(demo_agency)
    workbook = _template(demo_agency)
    ws = workbook["Target"]
    ws[f"{_column(ws, 'PK')}{_row(ws, target.indicator.code)}"] = 77
    response = _upload(planner_client, demo_agency, _bytes(workbook))
    assert len(response.context["changes"]) == 1
    # Someone else saves another figure of the same target before the planner confirms.
    Target.objects.filter(pk=target.pk).update(value=Decimal("66"))
    page = _confirm(planner_client, demo_agency, response.context["token"])
    assert "Data telah diubah sejak pratinjau" in page.content.decode()
    target.refresh_from_db()
    assert target.value == Decimal("66")


def test_forged_token_is_refused(planner_client, demo_agency):
    before = _database(demo_agency)
    page = _confirm(planner_client, demo_agency, "forged")
    assert "tidak sah" in page.content.decode()
    assert _database(demo_agency) == before


def test_permissions(client, planner_client, reviewer_client, demo_agency, other_agency):
    assert (
        planner_client.get(reverse("interchange:upload", args=[other_agency.code, YEAR])).status_code == 404
    )
    assert (
        planner_client.get(reverse("interchange:template", args=[other_agency.code, YEAR])).status_code == 404
    )
    assert (
        reviewer_client.get(reverse("interchange:template", args=[demo_agency.code, YEAR])).status_code == 200
    )
    page = reviewer_client.get(reverse("interchange:upload", args=[demo_agency.code, YEAR]))
    assert page.status_code == 200 and "<fieldset disabled>" in page.content.decode()
    data = _bytes(_template(demo_agency))
    assert _upload(reviewer_client, demo_agency, data).status_code == 403
    assert (
        reviewer_client.post(reverse("interchange:confirm", args=[demo_agency.code, YEAR])).status_code == 403
    )


@pytest.mark.parametrize("agency_fixture", ["demo_agency", "double_demo_agency"])
def test_upload_page_queries_do_not_grow(request, client, agency_fixture, django_assert_max_num_queries):
    from tests.conftest import make_user

    agency = request.getfixturevalue(agency_fixture)
    client.force_login(make_user("perencana-q", "planner", agency=agency))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("interchange:upload", args=[agency.code, YEAR])).status_code == 200


# -------------------------------------------------------------------------------------- speed


def benchmark_import(demo_dataset, factor: int) -> dict:
    """Import the demo `factor` times over, change every PK target in a template, and time preview + apply."""
    from interchange.dataset.writing import dataset_import
    from interchange.scale import scaled

    agency = dataset_import(scaled(demo_dataset, factor)).agency
    workbook = _template(agency)
    ws = workbook["Target"]
    column = _column(ws, "PK")
    for row in range(2, ws.max_row + 1):
        ws[f"{column}{row}"] = row
    data = _bytes(workbook)
    rows = sum(workbook[name].max_row - 1 for name in ("Target", "Realisasi", "Rasio", "Anggaran"))
    start = time.perf_counter()
    changes, problems = workbook_changes(agency, YEAR, data)
    workbook_apply(agency, YEAR, changes)
    seconds = time.perf_counter() - start
    return {"agency": agency, "rows": rows, "changes": changes, "problems": problems, "seconds": seconds}


def test_bulk_import_of_a_larger_plan(db, demo_dataset):
    factor = 44 if os.environ.get("SAKIP_BENCHMARK") else 3
    result = benchmark_import(demo_dataset, factor)
    print(
        f"\nworkbook import: {result['rows']} rows, {len(result['changes'])} changes in {result['seconds']:.2f} s"
    )
    assert result["problems"] == []
    stored = dict(
        Target.objects.filter(indicator__plan__agency=result["agency"], kind="pk", year=YEAR).values_list(
            "indicator__code", "value"
        )
    )
    ws = _template(result["agency"])["Target"]
    assert all(stored[ws[f"A{row}"].value] == row for row in range(2, ws.max_row + 1))


def test_a_workbook_that_unpacks_to_too_much_is_refused_before_it_is_read(
    planner_client, demo_agency, monkeypatch
):
    # A "zip bomb": small on the wire, huge once unpacked. The limit is lowered so the test needs no gigabytes.
    from sakip import uploads

    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 1024 * 1024)
    buffer = io.BytesIO(_bytes(_template(demo_agency)))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (2 * 1024 * 1024))
    assert len(buffer.getvalue()) < 100 * 1024
    before = _database(demo_agency)
    response = _upload(planner_client, demo_agency, buffer.getvalue())
    [problem] = response.context["problems"]
    assert (
        "terlalu besar setelah dibuka" in problem.message and "unpacks to more than 1 MB" in problem.message
    )
    assert _database(demo_agency) == before


def test_a_value_typed_as_text_keeps_its_decimals_and_a_number_cell_has_none(demo_agency):
    """ "0,10" in a text cell has two decimals (the report compares it with a ratio at that precision); Excel
    keeps a number cell's 0,10 as 0.1, so its typed decimals are not known."""
    workbook = _template(demo_agency)
    ws = workbook["Realisasi"]
    ws[f"{_column(ws, 'Tahunan')}{_row(ws, 'S2.1')}"] = "0,10"
    ws[f"{_column(ws, 'Tahunan')}{_row(ws, 'S3.1')}"] = 0.10
    changes, problems = workbook_changes(demo_agency, YEAR, _bytes(workbook))
    assert problems == []

    workbook_apply(demo_agency, YEAR, changes)

    saved = {
        r.indicator.code: (r.value, r.value_places)
        for r in Realisation.objects.filter(
            indicator__plan__agency=demo_agency, indicator__code__in=["S2.1", "S3.1"], year=YEAR, quarter=0
        ).select_related("indicator")
    }
    assert saved == {"S2.1": (Decimal("0.1"), 2), "S3.1": (Decimal("0.1"), None)}
