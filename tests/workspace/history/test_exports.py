"""Formula injection in the history exports: names, users and values go into riwayat.xlsx as text and into
riwayat.csv neutralised as OWASP recommends (a leading single quote), while figures stay plain numbers."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.models import Indicator, Realisation
from interchange.dataset.writing import dataset_import
from tests.conftest import make_user
from tests.formula_texts import AGENCY, COMMAND, HYPERLINK, assert_text_cells, formula_cells, load, plant

YEAR = 2021
USER = "@perencana"  # a valid Django username that a spreadsheet would read as a formula


@pytest.fixture
def agency(db, demo_dataset):
    return dataset_import(plant(demo_dataset)).agency


@pytest.fixture
def edited(client, agency):
    """The planted S1.1 renamed by "@perencana" (old and new name formula-like), and a realisation made
    negative: figures the CSV must keep as numbers."""
    user = make_user(USER, "planner", agency=agency)
    client.force_login(user)
    indicator = Indicator.objects.get(plan__agency=agency, name=HYPERLINK)
    indicator.name = COMMAND
    indicator._history_user = user
    indicator.save()
    row = Realisation.objects.filter(indicator__plan__agency=agency, year=YEAR, value__isnull=False).first()
    old = row.value
    row.value = Decimal("-1234.5")
    row._history_user = user
    row.save()
    return client, old


def test_history_xlsx_writes_names_and_users_as_text(edited, agency):
    client, _old = edited
    response = client.get(reverse("history:export_xlsx", args=[agency.code]))
    assert response.status_code == 200
    workbook = load(response.content)
    for text in (HYPERLINK, COMMAND, USER):
        assert_text_cells(workbook, text)
    assert formula_cells(workbook) == []
    again = client.get(reverse("history:export_xlsx", args=[agency.code]))
    assert again.content == response.content, "same history, same bytes"


def test_history_csv_neutralises_formula_like_text_and_keeps_numbers(edited, agency):
    client, old = edited
    response = client.get(reverse("history:export_csv", args=[agency.code]))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    fields = {field for row in rows for field in row}
    assert {"'" + HYPERLINK, "'" + COMMAND, "'" + USER} <= fields
    assert not {HYPERLINK, COMMAND, USER} & fields
    assert not [f for f in fields if f.startswith(("=", "+", "@", "\t", "\r", "\n"))]
    renamed = next(r for r in rows if r[7] == "'" + HYPERLINK)
    assert (renamed[1], renamed[6], renamed[8]) == ("'" + USER, "nama indikator", "'" + COMMAND)
    # A negative figure is a number in Indonesian form, not a formula: it stays as it is.
    made_negative = next(r for r in rows if r[8] == "-1.234,5")
    assert made_negative[6] == "realisasi"
    assert any(f.startswith("'" + AGENCY) for f in fields), "the import event names the agency"
    # Every field is quoted (OWASP), so no separator inside a text starts a new field.
    assert all(line.startswith('"') and line.endswith('"') for line in text.splitlines() if line)
