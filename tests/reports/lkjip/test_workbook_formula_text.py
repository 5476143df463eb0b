"""Formula injection: texts typed by planners go into lkjip.xlsx and renstra.xlsx as text, never as formulas,
while the workbooks' own roll-up formulas stay live."""

import pytest
from django.urls import reverse

from indicators.models import Indicator
from reports.lkjip.workbook import annex_workbook
from reports.readmodel.build import report_build
from reports.renstra.build import renstra_build
from reports.renstra.workbook import renstra_document_workbook
from sakip.xlsx import workbook_bytes
from tests.formula_texts import (
    AGENCY,
    AT_SUM,
    COMMAND,
    EQUATION,
    ERROR,
    HYPERLINK,
    MINUS,
    PLANTED,
    POLICY,
    PRODUCT,
    SOURCE,
    STRATEGY,
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


def _only_own_formulas(workbook):
    """The workbook still computes its roll-ups, and no planted text is among its formulas."""
    formulas = formula_cells(workbook)
    assert formulas, "the roll-up formulas are gone"
    for cell in formulas:
        assert cell.value.startswith(("=SUM(", "=IF(")), (
            f"{cell.parent.title}!{cell.coordinate}: {cell.value}"
        )
        assert not any(text in cell.value for text in PLANTED if len(text) > 4)


def test_lkjip_workbook_writes_every_planted_text_as_text(client_of, agency):
    response = client_of.get(reverse("reports:lkjip_xlsx", args=[agency.code, YEAR]))
    assert response.status_code == 200
    workbook = load(response.content)
    for text in (HYPERLINK, COMMAND, AT_SUM, MINUS, EQUATION, PRODUCT, ERROR, SOURCE, UNIT):
        assert_text_cells(workbook, text)
    assert_text_cells(workbook, AGENCY, prefix=True)  # the agency line under every title
    _only_own_formulas(workbook)
    assert workbook["Capaian"]["B5"].value == HYPERLINK  # exactly as typed, under sasaran S1


def test_renstra_workbook_writes_every_planted_text_as_text(client_of, agency):
    response = client_of.get(reverse("reports:renstra_xlsx_download", args=[agency.code]))
    assert response.status_code == 200
    workbook = load(response.content)
    for text in (HYPERLINK, MINUS, EQUATION, ERROR, STRATEGY, POLICY, SOURCE, UNIT):
        assert_text_cells(workbook, text)
    assert_text_cells(workbook, AGENCY, prefix=True)
    _only_own_formulas(workbook)


def test_workbooks_with_formula_like_texts_are_byte_identical(agency):
    report = report_build(agency=agency, year=YEAR)
    assert workbook_bytes(annex_workbook(report)) == workbook_bytes(annex_workbook(report))
    doc = renstra_build(agency=agency)
    assert workbook_bytes(renstra_document_workbook(doc)) == workbook_bytes(renstra_document_workbook(doc))


def test_a_control_character_in_a_name_does_not_break_the_downloads(client_of, agency):
    """A control character pasted into a name (an xlsx cannot hold it) shows as U+FFFD instead of a 500."""
    indicator = Indicator.objects.get(plan__agency=agency, name=HYPERLINK)
    indicator.name = "Nilai\x01AKIP\x0b"
    indicator.save()
    for url in (
        reverse("reports:lkjip_xlsx", args=[agency.code, YEAR]),
        reverse("reports:renstra_xlsx_download", args=[agency.code]),
        reverse("interchange:template", args=[agency.code, YEAR]),
    ):
        response = client_of.get(url)
        assert response.status_code == 200, url
        workbook = load(response.content)
        assert "Nilai\ufffdAKIP\ufffd" in [
            c.value for ws in workbook.worksheets for row in ws.iter_rows() for c in row
        ]
