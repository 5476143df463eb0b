"""The LKjIP page names the target set of every table and count, prints the PK murni and PK perubahan side by
side (issue 18, point 3), the whole Renstra series in its final year (point 6), and provisional realisations with
their caveat and the grade rule (point 12)."""

from __future__ import annotations

from reports.lkjip.document import document_build, objective_keys
from reports.lkjip.render import lkjip_html
from reports.readmodel.build import report_build
from tests.reports.lkjip.conftest import REASON, YEAR
from tests.reports.lkjip.test_analysis import _row, _table, _tables


def _html(agency, **options):
    doc = document_build(report_build(agency=agency, year=YEAR, **options))
    return doc, lkjip_html(doc, for_print=True)


def test_pk_murni_and_pk_perubahan_side_by_side_with_reason_and_date(revised):
    doc, html = _html(revised)
    tables = _tables(html)
    agreement = _table(tables, "agreement", doc.captions["agreement"].anchor)
    assert agreement["rows"][0]["cells"][3:] == [
        f"Target Renstra {YEAR}",
        f"Target PK murni {YEAR}",
        f"Target PK perubahan {YEAR}",
        "Alasan perubahan",
    ]
    assert _row(agreement, "S1.1")["cells"][3:] == ["–", "0,50", "0,40", REASON]
    assert doc.captions["agreement"].title == (f"Target Renstra, PK murni dan PK perubahan tahun {YEAR}")
    assert "Perjanjian Kinerja perubahan yang ditandatangani 15 September 2021" in html
    # BAB III measures S1.1 against its PK perubahan target, and says so
    capaian = _table(tables, "capaian-table")
    assert "0,40PK-P" in _row(capaian, "S1.1")["cells"]
    assert "PK-P = target Perjanjian Kinerja perubahan" in html


def test_the_demos_mixed_targets_are_named_in_titles_and_counts(demo_agency):
    doc, html = _html(demo_agency)
    tables = _tables(html)
    # no PK perubahan: no column for it
    agreement = _table(tables, "agreement", doc.captions["agreement"].anchor)
    assert agreement["rows"][0]["cells"][3:] == [f"Target Renstra {YEAR}", f"Target PK murni {YEAR}"]
    assert doc.captions["capaian"].title == f"Capaian sasaran tahun {YEAR} (target PK murni dan Renstra)"
    capaian = _table(tables, "capaian-table")
    assert "85,00R" in _row(capaian, "R1.1")["cells"]
    assert "R = target Renstra (belum ada target Perjanjian Kinerja)" in html
    assert "indikator mencapai target PK murni dan Renstra" in html
    assert f"diukur terhadap target tahun {YEAR} dari PK murni 6 indikator dan Renstra 5 indikator" in html


def test_a_sasaran_of_one_set_names_it_in_its_header(demo_agency):
    doc, html = _html(demo_agency)
    s1 = doc.report.objectives[0]
    table = _table(
        _tables(html), "realisation-table", doc.captions[objective_keys(s1.code)["realisation"]].anchor
    )
    assert table["rows"][0]["cells"][2] == f"Target PK murni {YEAR}"


def test_the_renstras_final_year_compares_every_year_since_its_first(demo_agency):
    doc, html = _html(demo_agency)
    r1 = next(o for o in doc.report.objectives if o.code == "R1")
    cap = doc.captions[objective_keys("R1")["comparison"]]
    assert cap.title == f"Perbandingan target dan realisasi sasaran R1 tahun 2016–{YEAR}"
    table = _table(_tables(html), "comparison-table", cap.anchor)
    years = [r["cells"] for r in table["rows"] if r["cells"] and r["cells"][0].isdigit()]
    assert [cells[0] for cells in years] == [str(y) for y in range(2016, YEAR + 1)]
    # 2016: Renstra target 55 next to the realisation 61 (R1.1)
    assert years[0][:4] == ["2016", "55,00R", "61,00", "110,91\u00a0%"]
    assert r1.indicators[0].code == "R1.1"
    assert f"Target dan realisasi R1.1 2016–{YEAR}" in html


def test_the_short_series_when_the_whole_one_is_not_asked_for(demo_agency):
    doc, html = _html(demo_agency, whole_series=False)
    cap = doc.captions[objective_keys("R1")["comparison"]]
    assert cap.title == f"Perbandingan target dan realisasi sasaran R1 tahun {YEAR - 2}–{YEAR}"
    table = _table(_tables(html), "comparison-table", cap.anchor)
    years = [r["cells"][0] for r in table["rows"] if r["cells"] and r["cells"][0].isdigit()]
    assert years == [str(YEAR - 2), str(YEAR - 1), str(YEAR)]


def test_a_provisional_grade_is_printed_with_its_caveat_and_the_grade_rule(provisional):
    doc, html = _html(provisional)
    tables = _tables(html)
    cells = _row(_table(tables, "capaian-table"), "S4.9")["cells"]
    assert cells[3:6] == ["BBPK", "BB*", "100,00\u00a0%*"]
    assert cells[6].endswith("(sementara)")
    assert (
        "* Realisasi sementara, menunggu hasil evaluasi: S4.9 (menunggu hasil evaluasi KemenPAN-RB)" in html
    )
    assert "D = 1, C = 2, CC = 3, B = 4, BB = 5, A = 6, AA = 7" in html
    assert "paling tinggi 100 %" in html
    # counted apart in BAB IV
    assert doc.counts.provisional == 1
    assert "Indikator sasaran dengan realisasi sementara" in html


def test_the_measurement_framework_states_the_target_and_provisional_rules(demo_agency):
    _doc, html = _html(demo_agency)
    framework = html[html.index('id="kerangka-pengukuran"') : html.index('id="capaian-sasaran"')]
    assert "selain itu target Renstra tahun itu" in framework
    assert "dihitung terpisah: tidak sebagai mencapai maupun belum mencapai target" in framework


def test_the_side_by_side_targets_and_their_marks_overlap_nothing_in_the_pdf(revised, provisional):
    """Three target columns and the reason in BAB II, PK-P / PK / R marks and "*" in BAB III still fit their
    cells in print."""
    from reports.lkjip.render import lkjip_pdf
    from tests.reports.lkjip.test_render import overlapping_text

    doc = document_build(report_build(agency=revised, year=YEAR))
    assert overlapping_text(lkjip_pdf(doc)) == []
