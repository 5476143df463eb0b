"""IKM import: respondent numbers and scores the database cannot keep are refused with their row and column,
never a 500 (issue 16, point 5). The respondent number is a PositiveIntegerField: PostgreSQL's integer holds at
most 2.147.483.647, and the same bound holds on SQLite so a file means the same on both."""

import pytest

from surveys.models import SatisfactionSurvey, SurveyResponse
from tests.files import with_stored_cell
from tests.surveys.helpers import as_csv, as_xlsx, questionnaires
from tests.surveys.test_responses import YEAR, snapshot, upload


def _numbered(number, n=3):
    rows = questionnaires()[:n]
    rows[1]["number"] = number  # sheet row 3, column No (A)
    return rows


def _xlsx_with_stored(rows, address, stored) -> bytes:
    """An .xlsx whose cell holds `stored` verbatim as a number, as a hand-edited or foreign file may."""
    return with_stored_cell(as_xlsx(rows), "xl/worksheets/sheet1.xml", address, stored)


BAD_NUMBERS = [
    "99999999999999999999",
    "1e1000",
    "1e999999999",
    "nan",
    "-inf",
    "4294967296",
    "2147483648",
    "0",
]


@pytest.fixture
def imported(planner_client, demo_agency):
    upload(planner_client, demo_agency, "awal.csv", as_csv(questionnaires()[:10]))
    return snapshot(demo_agency)


def _refused(client, agency, before, name, content, *expected):
    response = upload(client, agency, name, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="import-errors"' in html
    for text in expected:
        assert text in html
    assert snapshot(agency) == before


@pytest.mark.parametrize("number", BAD_NUMBERS)
def test_a_respondent_number_beyond_the_database_is_refused_in_a_csv(
    planner_client, demo_agency, imported, number
):
    _refused(
        planner_client,
        demo_agency,
        imported,
        "nomor.csv",
        as_csv(_numbered(number)),
        "Baris 3, kolom No (A): nomor responden harus bilangan bulat 1–2.147.483.647",
        "from 1 to 2,147,483,647",
    )


@pytest.mark.parametrize("number", [99999999999999999999, 4294967296, 1e30, 2.5])
def test_a_respondent_number_beyond_the_database_is_refused_in_an_xlsx(
    planner_client, demo_agency, imported, number
):
    _refused(
        planner_client,
        demo_agency,
        imported,
        "nomor.xlsx",
        as_xlsx(_numbered(number)),
        "Baris 3, kolom No (A): nomor responden harus bilangan bulat",
    )


@pytest.mark.parametrize("stored", ["nan", "inf", "-nan", "abc"])
def test_an_xlsx_number_cell_openpyxl_cannot_read_is_refused_with_its_cell(
    planner_client, demo_agency, imported, stored
):
    _refused(
        planner_client,
        demo_agency,
        imported,
        "nomor.xlsx",
        _xlsx_with_stored(_numbered(5), "A3", stored),
        f"Baris 3, kolom A: isi sel “{stored}” bukan angka yang dapat dibaca",
    )


@pytest.mark.parametrize("stored", ["1e1000", "1e400", "99999999999999999999"])
def test_an_xlsx_number_cell_far_too_large_is_refused_with_its_cell(
    planner_client, demo_agency, imported, stored
):
    _refused(
        planner_client,
        demo_agency,
        imported,
        "nomor.xlsx",
        _xlsx_with_stored(_numbered(5), "A3", stored),
        "Baris 3, kolom No (A): nomor responden harus bilangan bulat",
    )


@pytest.mark.parametrize("score", ["1e1000", "nan", "99999999999999999999", "4294967296"])
def test_a_score_beyond_the_database_is_refused(planner_client, demo_agency, imported, score):
    rows = questionnaires()[:3]
    rows[1]["scores"][0] = score
    _refused(
        planner_client,
        demo_agency,
        imported,
        "skor.csv",
        as_csv(rows),
        "Baris 3, kolom U1 (G)",
        "di luar 1–4",
    )


def test_the_largest_respondent_number_the_database_keeps_is_stored_and_read_back(
    planner_client, demo_agency
):
    upload(planner_client, demo_agency, "besar.csv", as_csv(_numbered(2147483647)))
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    assert sorted(SurveyResponse.objects.filter(survey=survey).values_list("number", flat=True)) == [
        1,
        3,
        2147483647,
    ]
