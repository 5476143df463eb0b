"""BAB III's whole budget, grouped realisations and quarterly progress tables (issue 18, points 4 and 5): printed
with their numbered captions and sentences when the year has the data, left out cleanly when it has not; the
workbook's sheets likewise."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from interchange.dataset.writing import dataset_import
from reports.lkjip.document import document_build
from reports.lkjip.narration import budget_sentence
from reports.lkjip.render import lkjip_html
from reports.lkjip.workbook import (
    EXPENDITURE_TITLE,
    PROGRESS_TITLE,
    annex_sheet_titles,
    annex_workbook,
    optional_sheet_titles,
)
from reports.readmodel.build import report_build
from sakip.xlsx import HEADER_ROW, workbook_bytes
from tests.helpers import without_whole_budget
from tests.reports.readmodel.test_build_whole_budget import with_progress, with_whole_budget

YEAR = 2021
NEW_TABLES = ("expenditure-table", "expenditure-change-table", "spending-groups-table", "progress-table")


def report_of(dataset):
    return report_build(agency=dataset_import(dataset).agency, year=YEAR)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ")


@pytest.fixture
def full(db, demo_dataset):
    with_progress(with_whole_budget(demo_dataset))
    demo_dataset["spending_groups"] = {
        "2021": [{"label": "Program koperasi", "programs": ["2.17.03"], "spent": "107730000"}]
    }
    return report_of(demo_dataset)


def test_a_year_without_the_data_has_none_of_the_new_tables_nor_their_sheets(db, demo_dataset):
    report = report_of(without_whole_budget(demo_dataset))
    html = lkjip_html(document_build(report))
    assert not any(css in html for css in NEW_TABLES)
    assert optional_sheet_titles(report) == ()
    sheets = load_workbook(io.BytesIO(workbook_bytes(annex_workbook(report)))).sheetnames
    assert tuple(sheets) == annex_sheet_titles(YEAR, report=report)


def test_bab_iii_prints_the_whole_budget_before_the_program_table(full):
    document = document_build(full)
    captions = {key: (cap.number, cap.title) for key, cap in document.captions.items()}
    assert captions["expenditure"][1] == "Belanja DINKOP UKM tahun 2021"
    assert captions["expenditure-change"][1] == "Perbandingan belanja tahun 2020 dan 2021"
    assert captions["expenditure"][0] < captions["expenditure-change"][0] < captions["budget"][0]
    assert captions["budget"][0] < captions["spending-groups"][0] < captions["progress-total"][0]

    text = text_of(lkjip_html(document))
    assert "Total Belanja * – – Rp 19.076.782.417 Rp 16.289.044.379 85,39 %" in text  # no pagu murni of modal
    assert (
        "Belanja Operasi Rp 22.511.784.601 Rp 20.614.676.801 Rp 19.076.782.417 Rp 16.289.044.379 85,39 %"
        in text
    )
    assert "* Jumlah dari rinciannya." in text
    # 2020 beside 2021: pagu and realisation, difference and change.
    assert "Total Belanja Rp 20.000.000.000 Rp 19.076.782.417 -Rp 923.217.583 -4,62 Rp 15.000.000.000" in text
    assert "Program koperasi 2.17.03" in text
    assert "TW IV 90 %" in text
    assert "Deviasi = realisasi − rencana" in text


def test_the_sentence_gives_the_whole_budget_its_change_and_the_progress(full):
    sentence = budget_sentence(full).replace("\xa0", " ")
    assert sentence.startswith(
        "Total Belanja DINKOP UKM tahun 2021 sebesar Rp 19.076.782.417 dengan realisasi Rp 16.289.044.379 "
        "(85,39 %). Pagu tersebut terdiri atas belanja operasi Rp 19.076.782.417, belanja modal Rp 0. "
        "Dibandingkan tahun 2020 (Rp 15.000.000.000), realisasi naik Rp 1.289.044.379 (8,59 %)."
    )
    assert "dilaporkan gabungan untuk beberapa program" in sentence
    assert sentence.endswith(
        "Sampai akhir triwulan IV realisasi keuangan 85,39 % (di bawah target serapan 90 %) dan realisasi fisik "
        "95,00 %."
    )


def test_the_workbook_has_the_whole_budget_and_the_progress_sheets(full):
    workbook = load_workbook(io.BytesIO(workbook_bytes(annex_workbook(full))))
    titles = workbook.sheetnames
    assert titles.index(EXPENDITURE_TITLE) == titles.index("Realisasi Anggaran") + 1
    assert titles.index(PROGRESS_TITLE) == titles.index(EXPENDITURE_TITLE) + 1
    whole = workbook[EXPENDITURE_TITLE]
    first = [c.value for c in whole[HEADER_ROW + 1]][:5]
    assert first[0] == "Total Belanja *" and first[3] == 19076782417 and first[4] == 16289044379
    progress = workbook[PROGRESS_TITLE]
    header = [c.value for c in progress[HEADER_ROW]]
    assert header[3:8] == [
        "Rencana TW I (%)",
        "Keuangan TW I (%) [target 15]",
        "Deviasi Keuangan TW I",
        "Fisik TW I (%)",
        "Deviasi Fisik TW I",
    ]
    rows = [[c.value for c in row] for row in progress.iter_rows(min_row=HEADER_ROW + 1) if row[1].value]
    assert rows[0][0] == "2.17.01.2.01.0001" and rows[-1][1] == "Jumlah"
    assert round(rows[-1][-1], 2) == -5  # physical 95 % against a plan of 100 % by TW IV


def test_the_demo_prints_its_lakips_belanja_operasi(demo_agency):
    """The figures of the demo's own LAKIP ("Sesuai PAPBD Tahun anggaran 2021 DINKOP UKM mengelola anggaran sebesar
    Rp. 19.076.782.417,- Belanja Operasi dengan realisasi keuangan sebesar Rp. 16.289.044.379,- atau 85,39%"), in
    BAB III's sentence and table."""
    report = report_build(agency=demo_agency, year=YEAR)

    assert (
        budget_sentence(report)
        .replace("\xa0", " ")
        .startswith(
            "Belanja Operasi DINKOP UKM tahun 2021 sebesar Rp 19.076.782.417 dengan realisasi Rp 16.289.044.379 "
            "(85,39 %). Realisasi anggaran tahun 2021 sebesar Rp 16.289.044.379"
        )
    )
    assert [c for c in report.checks if c.path.startswith("$.expenditures")] == []
    text = text_of(lkjip_html(document_build(report)))
    assert (
        "Belanja Operasi Rp 22.511.784.601 Rp 20.614.676.801 Rp 19.076.782.417 Rp 16.289.044.379 85,39 %"
        in text
    )
