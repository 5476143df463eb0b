"""The Pemda LKjIP of a small Pemda, checked by hand: the IKU figures and the seven analyses, the agencies'
contributions, the budget by urusan and by agency, the IKM, the checks, in a fixed number of queries."""

from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets.totals import figures
from reports.lkjip_pemda.build import pemda_lkjip_build
from reports.lkjip_pemda.checks import document_checks
from reports.lkjip_pemda.json_form import pemda_report_dumps
from reports.lkjip_pemda.workbook import pemda_workbook
from reports.readmodel.build import report_build
from reports.readmodel.types import ReportUnavailable
from tests.reports.lkjip_pemda.scenario import make_pemda_rpjmd


@pytest.fixture
def pemda(pemda_of):
    government, agencies = pemda_of(2)
    make_pemda_rpjmd(government, agencies)
    return government, agencies


def _rows(doc):
    (section,) = doc.sections
    return section, {a.code: a for a in section.ikus}


def test_iku_figures_and_the_analyses_by_hand(pemda):
    government, agencies = pemda
    doc = pemda_lkjip_build(government, 2021)
    section, ikus = _rows(doc)
    met, missed, sourced = ikus["IKU.2"], ikus["IKU.3"], ikus["IKU.1"]
    assert (met.iku.current.target, met.iku.current.realisation, met.iku.current.capaian) == (72, 90, 125)
    assert missed.iku.current.target == 80 and missed.iku.current.target_source == "pk"
    assert missed.iku.current.capaian == 75
    assert missed.iku.current.predicate.label == "Tidak Tercapai"
    # The sourced IKU takes the realisation the agency's own report computes.
    own = report_build(agency=agencies[0], year=2021)
    source = next(r for r in own.indicators if r.code == sourced.iku.source.code)
    assert sourced.iku.current.realisation == source.current.realisation
    assert sourced.iku.current.capaian == source.current.realisation * 100 / 50
    # Analysis 2: the RPJMD's years up to 2021, the Pemda's typed realisations; 2022's is not read.
    assert [(y.year, y.target, y.realisation, y.capaian) for y in met.years] == [
        (2019, 72, None, None),
        (2020, 72, 70, Decimal(70) * 100 / 72),
        (2021, 72, 90, 125),
    ]
    assert met.change == 20
    assert met.final_progress == 120  # 90 of the final 75
    assert met.standard is None  # a typed IKU has no national standard: the document says so
    # The sasaran: the mean of its three IKU's capaian; the typed cause printed instead of the generated one.
    expected = (Decimal(125) + 75 + sourced.iku.current.capaian) / 3
    assert section.objective.current.capaian == expected
    assert section.causes == (("IKU.3", "Pandemi menunda pelatihan."),)
    assert "IKU.3 Indeks uji 3 (75,00\xa0%)" in section.causes_generated
    assert doc.counts == (2, 1, 0)


def test_agencies_contribute_their_linked_sasaran_and_programs(pemda):
    government, agencies = pemda
    doc = pemda_lkjip_build(government, 2021)
    section, _ = _rows(doc)
    for agency in agencies:
        own = report_build(agency=agency, year=2021)
        mine = [c for c in section.contributions if c.agency.code == agency.code]
        assert {c.code: c.capaian for c in mine} == {o.code: o.capaian for o in own.objectives}
    programs = [p for p in section.programs if p.figures is not None]
    assert programs
    assert section.budget.ceiling == sum(p.figures.ceiling for p in programs)


def test_budget_by_urusan_equals_by_agency_equals_the_agencies_reports(pemda):
    government, agencies = pemda
    doc = pemda_lkjip_build(government, 2021)
    own = [report_build(agency=a, year=2021).budget.figures for a in agencies]
    ceiling = sum(f.ceiling for f in own)
    spent = sum(f.spent for f in own)
    for total in (doc.total_by_urusan, doc.total_by_agency, doc.agencies_total):
        assert (total.ceiling, total.spent) == (ceiling, spent)
    # The demo's programs are numbered 2.17.xx (Permendagri 90): one urusan, Koperasi dan UKM.
    (urusan,) = doc.budget_by_urusan
    assert (urusan.key, urusan.name) == ("2.17", "Koperasi, Usaha Kecil, dan Menengah")
    assert urusan.agencies == tuple(a.code for a in agencies)
    assert doc.checks == ()


def test_the_checks_catch_totals_that_disagree_and_a_wrong_ikm_mean(pemda):
    government, agencies = pemda
    doc = pemda_lkjip_build(government, 2021)
    reports = [report_build(agency=a, year=2021) for a in agencies]
    wrong = replace(
        doc,
        total_by_urusan=figures(doc.total_by_urusan.ceiling + 1, doc.total_by_urusan.spent),
        ikm_mean=Decimal("1"),
    )
    findings = document_checks(wrong, reports)
    assert {(c.code, c.path) for c in findings} == {
        ("budget-urusan", "budget.by_urusan.ceiling"),
        ("ikm-mean", "ikm.mean"),
    }
    printed = pemda_report_dumps(replace(wrong, checks=findings))
    assert "Jumlah pagu per urusan dan per perangkat daerah tidak sama." in printed


def test_the_pemda_ikm_is_the_mean_of_the_agencies_surveys(pemda):
    government, agencies = pemda
    doc = pemda_lkjip_build(government, 2021)
    values = []
    for agency in agencies:
        survey = [s for s in report_build(agency=agency, year=2021).surveys if s.year == 2021][-1]
        values.append(survey.skm)
    assert [r.value for r in doc.ikm] == values
    assert doc.ikm_mean == sum(values) / 2
    assert doc.ikm_mutu.letter == "B"


def test_the_same_data_gives_the_same_bytes(pemda):
    government, _ = pemda
    first = pemda_lkjip_build(government, 2021)
    cache.clear()
    second = pemda_lkjip_build(government, 2021)
    assert pemda_workbook(first) == pemda_workbook(second)
    assert pemda_report_dumps(first) == pemda_report_dumps(second)
    assert '"format": "sakip-pemda-report/1"' in pemda_report_dumps(first)


def test_no_rpjmd_no_document(pemda_of):
    government, _ = pemda_of(1)
    with pytest.raises(ReportUnavailable):
        pemda_lkjip_build(government, 2021)


def _queries(government):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        pemda_lkjip_build(government, 2021)
    return len(captured)


def test_the_query_count_does_not_grow_with_the_agencies(pemda_of):
    government, agencies = pemda_of(2)
    make_pemda_rpjmd(government, agencies)
    two = _queries(government)
    pemda_of(2, start=2)
    assert _queries(government) == two
