"""Formula injection in the import template: codes, names and units typed by planners go into the template as
text, and the template still reads back exactly (an unchanged template changes nothing; an edited cell on a row
whose code looks like a formula is found by that code)."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import Indicator, Target
from interchange.workbook.reading import workbook_changes
from tests.formula_texts import (
    CODE,
    ERROR,
    HYPERLINK,
    MINUS,
    UNIT,
    assert_text_cells,
    formula_cells,
    load,
    planner_client,
    planted_agency,
)

YEAR = 2021


@pytest.fixture
def agency(db, demo_dataset):
    return planted_agency(demo_dataset)


@pytest.fixture
def client_of(client, agency):
    return planner_client(client, agency)


def _download(client, agency) -> bytes:
    response = client.get(reverse("interchange:template", args=[agency.code, YEAR]))
    assert response.status_code == 200
    return response.content


def _upload(client, agency, data: bytes):
    url = reverse("interchange:upload", args=[agency.code, YEAR])
    return client.post(url, {"file": SimpleUploadedFile("templat.xlsx", data)})


def _saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_template_writes_codes_names_and_units_as_text(client_of, agency):
    workbook = load(_download(client_of, agency))
    for text in (HYPERLINK, MINUS, CODE, UNIT, ERROR):
        assert_text_cells(workbook, text)
    assert formula_cells(workbook) == []  # the template has no formula of its own


def test_unchanged_template_with_formula_like_texts_changes_nothing(client_of, agency):
    content = _download(client_of, agency)
    assert workbook_changes(agency, YEAR, content) == ([], [])
    response = _upload(client_of, agency, content)
    assert response.status_code == 200
    assert "Tidak ada perubahan" in response.content.decode()


def test_a_row_whose_code_looks_like_a_formula_is_imported_by_that_code(client_of, agency):
    workbook = load(_download(client_of, agency))
    ws = workbook["Target"]
    row = next(c.row for c in ws["A"] if c.value == CODE)
    column = next(c.column_letter for c in ws[1] if c.value == "PK")
    ws[f"{column}{row}"] = 42
    changes, problems = workbook_changes(agency, YEAR, _saved(workbook))
    assert problems == []
    assert [(c.what, c.code, c.field, c.new) for c in changes] == [("Target", CODE, "PK", Decimal(42))]
    indicator = Indicator.objects.get(plan__agency=agency, code=CODE)
    assert not Target.objects.filter(indicator=indicator, kind=Target.Kind.PK, year=YEAR, value=42).exists()
