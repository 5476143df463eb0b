"""The LHE letter as a document: its figures for a hand-computed case, its parts in the HTML, its queries, and
the same bytes for the same data."""

from decimal import Decimal

import pytest

from reports.lhe.build import lhe_build
from reports.lhe.render import lhe_html, lhe_pdf_input
from reports.readmodel.types import ReportUnavailable
from reports.registry import DOCUMENTS
from tests.reports.lhe.helpers import YEAR, evaluated, full_case, make_pemda, mixed

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    _, (agency,) = make_pemda()
    return agency


def test_the_figures_of_the_hand_computed_case(agency):
    full_case(agency)
    doc = lhe_build(agency, YEAR)
    # 100 − (6 − 2) in 2.a − (12,5 − 8,75) in 4.c = 92,25: AA (see tests/reports/lhe/helpers.py `mixed`).
    assert doc.total == Decimal("92.25")
    assert doc.predicate.code == "AA"
    values = {row.code: row.value for row in doc.components}
    assert values == {"1": Decimal(30), "2": Decimal(26), "3": Decimal(15), "4": Decimal("21.25")}
    assert [row.weight for row in doc.components] == [Decimal(30), Decimal(30), Decimal(15), Decimal(25)]
    component_2 = doc.components[1]
    assert [sub.value for sub in component_2.sub_components] == [Decimal(2), Decimal(9), Decimal(15)]
    assert doc.components[3].percent == Decimal(85)
    # Last year: component 1 at its worst, the rest at its best = 70,00, which is B (60 < x ≤ 70).
    assert (doc.last_year.year, doc.last_year.total, doc.last_year.predicate.code) == (2020, Decimal(70), "B")
    assert doc.difference == Decimal("22.25")
    assert [row.code for row in doc.notes] == ["2", "4"]
    assert [(row.number, row.text) for row in doc.recommendations] == [
        (1, "Susun pengukuran kinerja berjenjang."),
        (2, "Lakukan evaluasi internal tiap triwulan."),
    ]
    assert doc.copies == ("Wali Kota Uji", "Sekretaris Daerah Kota Uji")
    assert doc.letterhead.inspectorate == "INSPEKTORAT KOTA UJI"
    assert doc.letterhead.government == "PEMERINTAH KOTA UJI KOTA-UJI"
    assert doc.issued and not doc.draft


def test_an_incomplete_worksheet_has_no_score_and_an_unissued_last_year_is_not_compared(agency):
    rubric = evaluated(agency, YEAR - 1, {}, issued=False).rubric.rubric
    answers = mixed(rubric)
    answers.pop("3.b.1")
    evaluated(agency, YEAR, answers, issued=False)
    doc = lhe_build(agency, YEAR)
    assert doc.total is None and doc.predicate is None
    assert {row.code: row.value for row in doc.components}["3"] is None
    assert doc.components[0].value == Decimal(30)  # the complete components still show
    assert doc.last_year is None and doc.draft


def test_no_evaluation_is_unavailable(agency):
    with pytest.raises(ReportUnavailable):
        lhe_build(agency, YEAR)


def test_the_build_takes_a_fixed_number_of_queries(agency, django_assert_num_queries):
    full_case(agency)
    with django_assert_num_queries(7):
        lhe_build(agency, YEAR)


def test_the_html_holds_every_part_of_the_letter(agency):
    full_case(agency)
    html = lhe_html(lhe_build(agency, YEAR))
    for part in (
        "INSPEKTORAT KOTA UJI",  # letterhead
        "Jl. Pemeriksa No. 1, Kota Uji",
        "700/123/Itko/2022",  # number, date, addressee
        "14 Maret 2022",
        "Yth. Kepala Dinas Uji 0",
        "A. Pendahuluan",  # legal basis, purpose, scope, method
        "Nomor 88 Tahun 2021",
        "2. Tujuan",
        "3. Ruang Lingkup",
        "4. Metodologi",
        "B. Hasil Evaluasi",
        "92,25",
        "AA (Sangat Memuaskan)",
        "Telah terwujud Good Governance",  # the predicate's meaning
        "70,00",  # last year's score and predicate
        "B (Baik)",
        "+22,25",
        "Pengukuran belum berjenjang.",  # the notes per component
        "C. Rekomendasi",
        "Susun pengukuran kinerja berjenjang.",
        "target 30 Juni 2022",
        "Drs. Pemeriksa Utama, M.Si.",  # signature and copies
        "NIP 196801011990031001",
        "Tembusan:",
        "Sekretaris Daerah Kota Uji",
    ):
        assert part in html, part
    assert "DRAF" not in html
    assert html.index("Susun pengukuran") < html.index("Lakukan evaluasi internal")


def test_a_draft_letter_says_so(agency):
    full_case(agency, issued=False)
    html = lhe_html(lhe_build(agency, YEAR))
    assert "DRAF — belum diterbitkan" in html


def test_the_same_data_gives_the_same_print_input_and_the_registry_knows_the_letter(agency):
    full_case(agency)
    spec = DOCUMENTS["lhe"]
    first = lhe_pdf_input(spec.build(agency, YEAR))
    assert first == lhe_pdf_input(spec.build(agency, YEAR))
    assert spec.filename(agency, YEAR, None, "pdf") == f"LHE-AKIP-{YEAR}-{agency.code}.pdf"
    assert spec.pdf_kind == "lhe-pdf"
    assert '"score": "92.25"' in spec.json(spec.build(agency, YEAR))


def test_the_pdf_is_the_same_bytes_for_the_same_data(agency):
    from reports.lhe.render import lhe_pdf

    full_case(agency)
    first = lhe_pdf(lhe_build(agency, YEAR))
    assert first.startswith(b"%PDF")
    assert lhe_pdf(lhe_build(agency, YEAR)) == first


def test_render_report_writes_the_letter_and_the_worksheet(agency, tmp_path):
    from django.core.management import call_command

    full_case(agency)
    for suffix in ("json", "html", "xlsx"):
        out = tmp_path / f"lhe.{suffix}"
        call_command(
            "render_report", document="lhe", agency=agency.code, year=YEAR, format=suffix, output=out
        )
        assert out.stat().st_size > 0
    assert "INSPEKTORAT KOTA UJI" in (tmp_path / "lhe.html").read_text(encoding="utf-8")
