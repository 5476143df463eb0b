"""Importing raw questionnaires: every row checked, all or nothing, totals derived in the same transaction."""

import time
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys.models import SatisfactionSurvey, SurveyElement, SurveyResponse
from surveys.responses import HEADER, ResponseFileError, parse_responses
from tests.surveys.helpers import TANGSEL_N, TANGSEL_TOTALS, as_csv, as_xlsx, questionnaires

YEAR = 2021


def import_url(agency, year=YEAR):
    return reverse("surveys:import", args=[agency.code, year])


def upload(client, agency, name, content):
    return client.post(import_url(agency), {"file": SimpleUploadedFile(name, content)})


def snapshot(agency):
    """What an import may change: the survey's responses and its element totals."""
    survey = SatisfactionSurvey.objects.get(agency=agency, year=YEAR)
    return (
        list(SurveyResponse.objects.filter(survey=survey).values_list("number", "u1", "u9")),
        list(survey.elements.order_by("position").values_list("code", "total", "answered")),
    )


def bad_score_file(score):
    rows = questionnaires()
    rows[4]["scores"][2] = score  # 5th questionnaire (sheet row 6), U3 (column I)
    return as_csv(rows)


def missing_column_file():
    header = [h for h in HEADER if h != "U7"]
    rows = questionnaires()
    for row in rows:
        del row["scores"][6]
    return as_csv(rows, header=header)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("skor5.csv", bad_score_file(5), "Baris 6, kolom U3 (I): nilai “5” di luar 1–4"),
        ("skor0.csv", bad_score_file(0), "Baris 6, kolom U3 (I): nilai “0” di luar 1–4"),
        ("kosong-u3.csv", bad_score_file(""), "Baris 6, kolom U3 (I): nilai unsur kosong"),
        ("tanpa-u7.csv", missing_column_file(), "Kolom U7 tidak ada di baris judul"),
        (
            "judul.csv",
            as_csv(questionnaires(), header=["No", "JK", *HEADER[2:]]),
            "Baris 1, kolom B: judul “JK” tidak dikenal",
        ),
        ("kosong.csv", b"", "Berkas kosong"),
        ("hanya-judul.xlsx", as_xlsx([]), "Berkas tidak berisi respons"),
        ("kuesioner.pdf", b"%PDF-1.4", "Format berkas tidak didukung"),
        ("rusak.xlsx", b"not a zip", "Berkas Excel tidak dapat dibaca"),
    ],
)
def test_a_malformed_file_is_refused_with_its_row_and_column_and_nothing_changes(
    planner_client, demo_agency, name, content, expected
):
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    upload(planner_client, demo_agency, "awal.csv", as_csv(questionnaires()[:10]))
    before = snapshot(demo_agency)
    assert len(before[0]) == 10

    response = upload(planner_client, demo_agency, name, content)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="import-errors"' in html
    assert expected in html
    assert "tidak ada yang berubah" in html
    assert snapshot(demo_agency) == before
    assert survey.responses.count() == 10


def test_every_bad_row_is_listed_not_only_the_first():
    rows = questionnaires()
    rows[0]["scores"][0] = 7
    rows[9]["scores"][8] = "x"
    with pytest.raises(ResponseFileError) as caught:
        parse_responses("k.csv", as_csv(rows))
    assert [e.split(":")[0] for e in caught.value.errors] == [
        "Baris 2, kolom U1 (G)",
        "Baris 11, kolom U9 (O)",
    ]


def test_duplicate_respondent_numbers_are_refused():
    rows = questionnaires()[:3]
    rows[2]["number"] = 1
    with pytest.raises(ResponseFileError, match="Baris 4, kolom No \\(A\\): nomor responden 1 sudah dipakai"):
        parse_responses("k.csv", as_csv(rows))


def test_semicolon_csv_and_xlsx_read_the_same(demo_agency):
    rows = questionnaires()
    from_csv = parse_responses("k.csv", as_csv(rows, delimiter=";"))
    from_xlsx = parse_responses("K.XLSX", as_xlsx(rows))
    assert from_csv == from_xlsx
    assert from_csv[0] == {
        "number": 1,
        "gender": rows[0]["gender"],
        "age_group": rows[0]["age_group"],
        "education": rows[0]["education"],
        "occupation": rows[0]["occupation"],
        "service": rows[0]["service"],
        **{f"u{k + 1}": s for k, s in enumerate(rows[0]["scores"])},
    }


def test_import_replaces_the_responses_and_derives_the_totals(planner_client, demo_agency):
    upload(planner_client, demo_agency, "lama.csv", as_csv(questionnaires()[:5]))
    response = upload(planner_client, demo_agency, "kuesioner.xlsx", as_xlsx(questionnaires()))
    assert response.status_code == 302
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    assert survey.responses.count() == TANGSEL_N
    elements = SurveyElement.objects.filter(survey=survey).order_by("position")
    assert [e.total for e in elements] == [Decimal(t) for t in TANGSEL_TOTALS]
    assert {e.answered for e in elements} == {Decimal(TANGSEL_N)}
    page = planner_client.get(response.url).content.decode()
    assert f"{TANGSEL_N} kuesioner" in page


def test_clearing_responses_keeps_the_totals_and_makes_them_editable(planner_client, demo_agency):
    upload(planner_client, demo_agency, "k.csv", as_csv(questionnaires()))
    response = planner_client.post(import_url(demo_agency), {"action": "clear"})
    assert response.status_code == 302
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    assert survey.responses.count() == 0
    assert survey.elements.get(code="U4").total == Decimal(201)
    page = planner_client.get(response.url).content.decode()
    assert f'name="e{survey.elements.get(code="U4").pk}-total"' in page


def test_import_of_a_thousand_questionnaires(planner_client, demo_agency, capsys):
    n = 1000
    totals = [n * 3 + 37 * k for k in range(9)]  # arbitrary, every NRR within 1–4
    content = as_xlsx(questionnaires(totals, n))
    started = time.perf_counter()
    response = upload(planner_client, demo_agency, "seribu.xlsx", content)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    assert survey.responses.count() == n
    assert [e.total for e in survey.elements.order_by("position")] == [Decimal(t) for t in totals]
    with capsys.disabled():
        print(f"\nimport of {n} questionnaires (xlsx, through the view): {elapsed:.2f} s")


def test_a_questionnaire_file_that_unpacks_to_too_much_is_refused_unread(
    planner_client, demo_agency, monkeypatch
):
    import io
    import zipfile

    from sakip import uploads

    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 1024 * 1024)  # no gigabytes needed for the test
    buffer = io.BytesIO(as_xlsx(questionnaires()[:5]))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (2 * 1024 * 1024))
    upload(planner_client, demo_agency, "awal.csv", as_csv(questionnaires()[:10]))
    before = snapshot(demo_agency)
    html = upload(planner_client, demo_agency, "kuesioner.xlsx", buffer.getvalue()).content.decode()
    assert "terlalu besar setelah dibuka" in html and "tidak ada yang berubah" in html
    assert snapshot(demo_agency) == before
