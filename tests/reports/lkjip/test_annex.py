"""The LKjIP annexes (Lampiran 1–7): what an inspector reads there, computed from the report object."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal
from html import unescape

import pytest
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from budgets import totals
from indicators.models import Indicator, PerformanceAgreement, Target
from reports.lkjip.annex import TREE_COLUMNS, balanced_columns, ceiling_changes, indonesian_date
from reports.lkjip.document import document_build
from reports.readmodel.build import report_build
from reports.readmodel.types import BudgetRow
from sakip.numbers import format_number, format_rupiah

YEAR = 2021


def render_annexes(report) -> str:
    # The annexes read only what the document arranged of the report; rendering them alone keeps these tests
    # independent of the chapters.
    context = {"report": report, "doc": document_build(report), "for_print": True}
    return render_to_string("reports/lkjip/annexes.html", context)


def section(html: str, number: int) -> str:
    start = html.rindex("<section", 0, html.index(f'id="lampiran-{number}"'))
    end = html.find('<section class="annex', start + 1)
    return html[start : end if end != -1 else len(html)]


def text(html: str) -> str:
    """Visible text with whitespace collapsed, for phrases split over template lines."""
    # Only ordinary whitespace: the non-breaking space inside "Rp 1.000" and "12 %" is part of the figure.
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def row(html: str, attribute: str, code: str) -> str:
    match = re.search(rf'<tr[^>]*{attribute}="{re.escape(code)}"[^>]*>(.*?)</tr>', html, re.S)
    assert match, f"no row for {code}"
    return text(match.group(1))


@pytest.fixture
def report(demo_agency):
    return report_build(agency=demo_agency, year=YEAR)


@pytest.fixture
def html(report):
    return render_annexes(report)


# --- pure helpers ----------------------------------------------------------------------------------------------
def test_indonesian_date_of_day_and_of_month():
    assert indonesian_date("2021-01-02") == "2 Januari 2021"
    assert indonesian_date("2021-12") == "Desember 2021"
    assert indonesian_date("") == ""
    assert indonesian_date("awal tahun") == "awal tahun"  # free text is kept, never guessed


def _budget_row(original, rationalised, revised):
    return BudgetRow(
        "1.01",
        "Program uji",
        "program",
        "$",
        totals.figures(None, None),
        ceiling_original=original,
        ceiling_rationalised=rationalised,
        ceiling_revised=revised,
    )


def test_ceiling_changes_of_all_three_versions():
    original, rationalised, revised = Decimal("1000000"), Decimal("750000.50"), Decimal("900000")
    assert ceiling_changes(_budget_row(original, rationalised, revised)) == (
        rationalised - original,
        revised - rationalised,
    )


def test_ceiling_changes_unknown_version_gives_no_difference():
    assert ceiling_changes(_budget_row(Decimal(100), None, Decimal(80))) == (None, None)
    assert ceiling_changes(_budget_row(None, Decimal(100), Decimal(80))) == (None, Decimal(-20))
    assert ceiling_changes(_budget_row(Decimal(100), Decimal(90), None)) == (Decimal(-10), None)


# --- Lampiran 1: Perjanjian Kinerja ----------------------------------------------------------------------------
def test_agreement_shows_parties_place_and_indonesian_date(report, html):
    pk = text(section(html, 1))
    (agreement,) = report.agreements
    assert "PERJANJIAN KINERJA TAHUN 2021" in pk
    assert "kami yang bertanda tangan di bawah ini" in pk
    for name in (agreement.first_party_name, agreement.second_party_name, agreement.first_party_position):
        assert name in pk
    assert f"NIP. {agreement.first_party_nip}" in pk
    assert f"{agreement.place}, {indonesian_date(agreement.signed_on)}" in pk
    assert "Januari 2021" in pk  # the demo's "2021-01"


def test_agreement_signatures_put_second_party_left(report, html):
    (agreement,) = report.agreements
    signers = re.search(r'<tr class="pk-signers">(.*?)</tr>', section(html, 1), re.S).group(1)
    left, right = re.findall(r"<td>(.*?)</td>", signers, re.S)
    assert agreement.second_party_name in left
    assert agreement.first_party_name in right


def test_agreement_lists_every_objective_indicator_with_its_pk_target(report, html):
    pk = section(html, 1)
    with_target = [i for i in report.objective_indicators if i.inputs.pk_target is not None]
    assert with_target
    for indicator in with_target:
        cells = row(pk, "data-indicator", indicator.code)
        assert indicator.name in cells
        assert format_number(indicator.inputs.pk_target) in cells
    # Renstra indicators without a PK target are named, not dropped silently.
    note = text(pk.split("tanpa target pada perjanjian ini", 1)[1].split("</p>", 1)[0])
    for indicator in report.objective_indicators:
        if indicator.inputs.pk_target is None:
            assert indicator.code in note


def test_agreement_lists_programs_with_their_ceiling(report, html):
    pk = section(html, 1)
    for program in report.budget.children:
        assert format_rupiah(program.ceiling_original) in row(pk, "data-program", program.code)
    assert format_rupiah(report.budget.ceiling_original) in text(pk)


def test_revised_agreement_follows_the_original_with_revised_targets(demo_agency):
    PerformanceAgreement.objects.create(
        agency=demo_agency,
        year=YEAR,
        revision="perubahan",
        signed_on="2021-09-15",
        place="Serpong",
        first_party_name="Kepala Dinas Baru",
        second_party_name="Wali Kota Baru",
    )
    indicator = Indicator.objects.get(plan__agency=demo_agency, code="S2.1")
    Target.objects.create(indicator=indicator, kind="pk_revised", year=YEAR, value=Decimal("2.75"))
    report = report_build(agency=demo_agency, year=YEAR)
    pk = section(render_annexes(report), 1)
    murni, perubahan = pk.index('id="pk-murni"'), pk.index('id="pk-perubahan"')
    assert murni < perubahan
    revised = pk[perubahan:]
    assert "PERJANJIAN KINERJA PERUBAHAN TAHUN 2021" in text(revised)
    assert "Serpong, 15 September 2021" in text(revised)
    assert format_number(Decimal("2.75")) in row(revised, "data-indicator", "S2.1")
    # An indicator the perubahan leaves unchanged keeps its murni target.
    s1 = next(i for i in report.objective_indicators if i.code == "S1.1")
    assert format_number(s1.inputs.pk_target) in row(revised, "data-indicator", "S1.1")
    # The perubahan is signed on the pagu perubahan.
    program = report.budget.children[0]
    assert format_rupiah(program.ceiling_revised) in row(revised, "data-program", program.code)


def test_no_agreement_is_said_plainly(demo_agency):
    PerformanceAgreement.objects.filter(agency=demo_agency).delete()
    pk = text(section(render_annexes(report_build(agency=demo_agency, year=YEAR)), 1))
    assert "Belum ada Perjanjian Kinerja tahun 2021" in pk


# --- Lampiran 2 and 3: IKU, IKM ---------------------------------------------------------------------------------
def test_key_indicator_sheet(report, html):
    sheet = section(html, 2)
    key = [i for i in report.indicators if i.is_key]
    assert key
    for indicator in key:
        cells = row(sheet, "data-indicator", indicator.code)
        for value in (indicator.name, indicator.formula, indicator.data_source, indicator.responsible_unit):
            assert " ".join(value.split()) in cells
    assert sheet.count("data-indicator=") == len(key)


def test_ikm_figures_as_computed(report, html):
    ikm = section(html, 3)
    assert report.surveys
    for survey in report.surveys:
        for code, name, total, answered, nrr in survey.elements:
            cells = row(ikm, "data-element", code)
            assert name in cells
            assert format_number(total, 0) in cells and format_number(answered, 0) in cells
            assert format_number(nrr, 4) in cells
        assert format_number(survey.ikm, 4) in text(ikm)
        assert f"{format_number(survey.skm, 2)}" in text(ikm)
        assert f"{survey.mutu.letter} ({survey.mutu.label})" in text(ikm)


def test_no_survey_is_said_plainly(report):
    from dataclasses import replace

    ikm = text(section(render_annexes(replace(report, surveys=())), 3))
    assert "Belum ada hasil Survei Kepuasan Masyarakat" in ikm


# --- Lampiran 4: pohon kinerja ----------------------------------------------------------------------------------
def _budget_codes(row):
    yield row.code
    for child in row.children:
        yield from _budget_codes(child)


def test_tree_holds_every_goal_objective_program_activity_and_sub_activity(report, html):
    tree = section(html, 4)
    drawn = re.findall(r'data-code="([^"]+)"', tree)
    expected = {code for p in report.budget.children for code in _budget_codes(p)}
    expected |= {g.code for g in report.goals} | {o.code for o in report.objectives}
    assert expected <= set(drawn)
    # One block per tujuan; a program's kegiatan are drawn once, however many sasaran it serves.
    assert tree.count('class="tree-block"') == len(report.goals)
    activities = [a.code for p in report.budget.children for a in p.children]
    for code in activities:
        assert drawn.count(code) == 1


def test_tree_of_double_plan_holds_every_code(double_demo_agency):
    report = report_build(agency=double_demo_agency, year=YEAR)
    drawn = set(re.findall(r'data-code="([^"]+)"', section(render_annexes(report), 4)))
    assert {code for p in report.budget.children for code in _budget_codes(p)} <= drawn


# --- Lampiran 5–7: wide tables ----------------------------------------------------------------------------------
def test_action_plan_quarters(report, html):
    plan = section(html, 5)
    assert 'class="annex wide"' in plan
    with_quarters = [i for i in report.indicators if any(q.realisation is not None for q in i.quarters)]
    assert with_quarters
    for indicator in with_quarters:
        cells = row(plan, "data-indicator", indicator.code).split(" ")
        figures = [format_number(v) for q in indicator.quarters for v in (q.target, q.realisation, q.capaian)]
        assert cells[-12:] == figures


def test_renstra_targets_have_every_plan_year(report, html):
    renstra = section(html, 6)
    years = re.findall(r'<th class="year">(\d+)</th>', renstra)
    assert years == [str(y) for y in report.plan.years]
    for indicator in report.indicators:
        cells = row(renstra, "data-indicator", indicator.code).split(" ")
        assert cells[-len(years) - 3 : -3] == [
            format_number(indicator.renstra_targets[y]) for y in report.plan.years
        ]


def test_renstra_annex_prints_year_n_figures_of_kegiatan_indicators(report, html):
    # Issue 18: kegiatan indicators carry no Renstra target in the demo, so their rows were names with "–" only.
    # Now year N's target (PK), realisation and capaian follow, by hand from the dataset:
    # 2.17.08.2.01-5: PK 325, TW 388 + 0 + 194 + 0 = 582 → 179,08 %; 2.17.07.2.01-1: PK 315, 100 + 59 + 148 = 307
    # → 97,46 %; and the program 2.17.05-1: PK 1.715, 440 + 769 + 645 = 1.854 → 108,10 %.
    renstra = section(html, 6)
    assert "Kinerja tahun 2021" in renstra
    for code, figures in (
        ("2.17.08.2.01-5", ["325,00", "582,00", "179,08\xa0%"]),
        ("2.17.07.2.01-1", ["315,00", "307,00", "97,46\xa0%"]),
        ("2.17.05-1", ["1.715,00", "1.854,00", "108,10\xa0%"]),
    ):
        cells = row(renstra, "data-indicator", code).split(" ")
        assert cells[-9:-3] == ["–"] * 6  # no Renstra target in any plan year
        assert cells[-3:] == figures


def test_ceiling_versions_with_differences_and_total(report, html):
    pagu = section(html, 7)
    for code in {code for p in report.budget.children for code in _budget_codes(p)}:
        assert f'data-code="{code}"' in pagu
    sub = report.budget.children[0].children[0].children[0]
    changes = ceiling_changes(sub)
    assert changes[0] == sub.ceiling_rationalised - sub.ceiling_original
    cells = row(pagu, "data-code", sub.code)
    for value in (sub.ceiling_original, sub.ceiling_rationalised, sub.ceiling_revised, *changes):
        assert format_rupiah(value) in cells
    total = text(pagu.split('class="totals"', 1)[1])
    for value in (
        report.budget.ceiling_original,
        report.budget.ceiling_revised,
        *ceiling_changes(report.budget),
    ):
        assert format_rupiah(value) in total


def test_annexes_need_no_query_beyond_the_report(report, django_assert_num_queries):
    with django_assert_num_queries(0):
        render_annexes(report)


# --- the PDF ---------------------------------------------------------------------------------------------------
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed")
def test_annexes_in_pdf(report, tmp_path):
    from django.utils.safestring import mark_safe
    from weasyprint import HTML

    from reports.documents.pdf import stylesheet_text

    page = (
        f'<html lang="id"><head><style>{mark_safe(stylesheet_text())}</style></head>'
        f'<body class="lkjip print">{render_annexes(report)}</body></html>'
    )
    pdf = tmp_path / "lampiran.pdf"
    HTML(string=page).write_pdf(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    pdf_text = re.sub(r"[ \t\r\n]+", " ", out.stdout)
    for number in range(1, 8):
        assert f"LAMPIRAN {number}" in pdf_text
    (agreement,) = report.agreements
    assert agreement.first_party_name in pdf_text and agreement.second_party_name in pdf_text
    assert format_rupiah(report.budget.ceiling_original).replace("\xa0", " ") in pdf_text
    program = report.budget.children[-1]
    assert f"PROGRAM {program.code}" in pdf_text


@pytest.mark.parametrize(
    ("declared", "shown"),
    [
        ({"declared_skm": "80", "declared_ikm": "3.2"}, ["IKM tercetak", "3,2", "SKM tercetak", "80"]),
        (
            {"declared_skm": "77.64", "declared_ikm": "3.11"},
            [],
        ),  # as the demo's LAKIP prints them: they recompute
    ],
)
def test_a_printed_ikm_or_skm_that_does_not_recompute_is_shown_beside_the_computed_one(
    report, declared, shown
):
    survey = replace(report.surveys[0], **declared)
    ikm = section(render_annexes(replace(report, surveys=(survey,))), 3)

    mismatches = [text(m) for m in re.findall(r'<tr class="declared-mismatch">(.*?)</tr>', ikm, re.S)]
    if shown:
        assert mismatches == [
            f"{shown[0]} di dokumen sumber (tidak sesuai hasil hitung di atas) {shown[1]}",
            f"{shown[2]} di dokumen sumber (tidak sesuai hasil hitung di atas) {shown[3]}",
        ]
        assert format_number(survey.skm, 2) in text(ikm), "the computed SKM stays"
    else:
        assert mismatches == []


def _activities_drawn_under(report, objective_code):
    """The kegiatan the tree draws under a sasaran: those of its programs not drawn under an earlier one."""
    programs = {p.code: p for p in report.budget.children}
    drawn_under = {}
    for objective in report.objectives:
        for code in objective.program_codes:
            drawn_under.setdefault(code, objective.code)
    return [a for code, o in drawn_under.items() if o == objective_code for a in programs[code].children]


def test_tree_gives_each_tujuan_an_overview_and_each_sasaran_with_kegiatan_its_own_block(report, html):
    """The overview of a tujuan holds its sasaran and programs but no kegiatan (they would stretch it over
    pages); each sasaran whose kegiatan are drawn gets a block of its own, holding exactly those kegiatan."""
    blocks = section(html, 4).split('<div class="tree-block')[1:]
    overviews = [b for b in blocks if "tree-overview" in b]
    assert len(overviews) == len(report.goals)
    activity_codes = {a.code for p in report.budget.children for a in p.children}
    for overview in overviews:
        assert not activity_codes & set(re.findall(r'data-code="([^"]+)"', overview))
    blocks = [
        (re.search(r'data-objective="([^"]+)"', b).group(1), b) for b in blocks if "data-objective" in b
    ]
    for objective_code, block in blocks:
        expected = {a.code for a in _activities_drawn_under(report, objective_code)}
        assert {c for c in re.findall(r'data-code="([^"]+)"', block) if c in activity_codes} == expected
    assert [code for code, _ in blocks] == ["S1", "S2", "S3", "S5"]  # S4's programs are drawn under S1 and S3


@pytest.mark.parametrize(
    "heights, count, columns",
    [
        ([], 4, []),
        ([5], 4, [(0, 1)]),
        ([3, 3, 3, 3], 4, [(0, 1), (1, 2), (2, 3), (3, 4)]),
        ([10, 1, 1, 1, 1, 1], 2, [(0, 1), (1, 6)]),  # the tall box alone, the five short ones together: 10
        ([4, 4, 4, 4, 4, 4], 4, [(0, 1), (1, 2), (2, 4), (4, 6)]),  # two columns of 8 cannot be avoided
    ],
)
def test_tree_boxes_are_cut_into_columns_whose_tallest_is_as_short_as_it_can_be(heights, count, columns):
    assert balanced_columns(heights, count) == columns


@given(st.lists(st.integers(min_value=1, max_value=30), max_size=9), st.integers(min_value=1, max_value=4))
def test_tree_columns_keep_every_box_in_order_and_no_other_cut_is_shorter(heights, count):
    columns = balanced_columns(heights, count)
    assert [i for start, end in columns for i in range(start, end)] == list(range(len(heights)))
    assert len(columns) <= count and all(end > start for start, end in columns)
    if heights:
        tallest = max(sum(heights[start:end]) for start, end in columns)
        for k in range(1, min(count, len(heights)) + 1):
            for cuts in itertools.combinations(range(1, len(heights)), k - 1):
                bounds = (0, *cuts, len(heights))
                assert tallest <= max(sum(heights[a:b]) for a, b in itertools.pairwise(bounds))


def test_a_sasaran_page_draws_its_kegiatan_in_four_columns_in_order_a_continued_program_named_again(report):
    """S5's page holds the six kegiatan of program 2.17.01: four columns of about equal height, the kegiatan in
    the order of the Renstra, and the program named again ("lanjutan") atop each column it goes on into."""
    from reports.lkjip.annex import performance_tree

    (s5,) = [o for g in performance_tree(report).goals for o in g.objectives if o.row.code == "S5"]
    assert len(s5.columns) == TREE_COLUMNS
    drawn = [a.code for column in s5.columns for run in column for a in run.activities]
    assert drawn == [a.code for p in s5.programs if not p.detailed_under for a in p.row.children]
    assert all(column for column in s5.columns)
    for before, after in itertools.pairwise(s5.columns):
        if after[0].program.code == before[-1].program.code:
            assert after[0].continued
    html = section(render_annexes(report), 4)
    assert "(lanjutan)" in text(html)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_tree_pages_are_landscape_and_each_names_the_tujuan_or_sasaran_it_draws(
    report, demo_lkjip_pdf, tmp_path
):
    """No page of the pohon kinerja holds a fragment alone: each tujuan's overview fits a page, each sasaran's
    block starts a page with its trail ("Pohon kinerja: Tujuan T1 › Sasaran S5"), and a block continuing on a
    further page carries the trail at its foot. In the demo every block fits its page."""
    pdf = tmp_path / "lkjip.pdf"
    pdf.write_bytes(demo_lkjip_pdf)
    pages = PdfReader(pdf).pages
    texts = [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, len(pages) + 1)
    ]
    first = next(n for n, t in enumerate(texts) if "LAMPIRAN 4" in t and "POHON KINERJA" in t)
    end = next(n for n, t in enumerate(texts) if "LAMPIRAN 5" in t)
    tree_pages = list(range(first, end))

    for n in tree_pages:
        box = pages[n].mediabox
        assert box.width > box.height, f"page {n + 1} is landscape"
        assert "TUJUAN T" in texts[n] or "Pohon kinerja: Tujuan" in texts[n], (
            f"page {n + 1} is a bare fragment"
        )
    headings = [
        re.search(r"(TUJUAN T\d|Pohon kinerja: Tujuan T\d › Sasaran \w+)", texts[n]).group(1)
        for n in tree_pages
    ]
    assert headings == [
        "TUJUAN T1",
        "Pohon kinerja: Tujuan T1 › Sasaran S1",
        "Pohon kinerja: Tujuan T1 › Sasaran S2",
        "Pohon kinerja: Tujuan T1 › Sasaran S3",
        "Pohon kinerja: Tujuan T1 › Sasaran S5",
        "TUJUAN T2",
        "TUJUAN T3",
    ]
    # Every kegiatan and sub kegiatan drawn under a sasaran is on that sasaran's one page.
    for n, heading in zip(tree_pages, headings, strict=True):
        if "Sasaran" in heading:
            for activity in _activities_drawn_under(report, heading.rsplit(" ", 1)[1]):
                assert {activity.code, *(sub.code for sub in activity.children)} <= set(texts[n].split())
