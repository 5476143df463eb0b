"""BAB III (Akuntabilitas Kinerja) and BAB IV (Penutup) of the LKjIP: every figure an inspector checks is
printed, formatted as `sakip.numbers` formats it, and taken from the report object."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from django.utils.html import escape
from django.utils.text import slugify

from indicators import achievement
from reports.lkjip.document import document_build, objective_keys
from reports.lkjip.render import lkjip_html
from reports.readmodel.build import report_build
from reports.readmodel.sections import objective_section_key
from sakip.numbers import format_number, format_percent, format_rupiah

YEAR = 2021


class _Tables(HTMLParser):
    """Collects every <table>: its class, caption id and rows of cell texts (whitespace collapsed)."""

    def __init__(self):
        super().__init__()
        self.tables, self._stack, self._cell = [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._stack.append({"class": attrs.get("class", ""), "caption": None, "rows": []})
        elif not self._stack:
            return
        elif tag == "caption":
            self._stack[-1]["caption"] = attrs.get("id")
        elif tag == "tr":
            self._stack[-1]["rows"].append({"class": attrs.get("class", ""), "cells": []})
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table" and self._stack:
            self.tables.append(self._stack.pop())
        elif tag in ("td", "th") and self._cell is not None and self._stack:
            # Only ASCII white space is collapsed: figures keep their non-breaking space ("314,00\u00a0%").
            text = re.sub(r"[ \t\r\n]+", " ", "".join(self._cell)).strip()
            self._stack[-1]["rows"][-1]["cells"].append(text)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data.replace("\n", " "))


def _tables(html: str) -> list[dict]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def _table(tables, css_class, caption=None):
    found = [
        t for t in tables if css_class in t["class"].split() and (caption is None or t["caption"] == caption)
    ]
    assert len(found) == 1, f"expected one table {css_class} {caption}, found {len(found)}"
    return found[0]


def _row(table, first_cell):
    rows = [r for r in table["rows"] if r["cells"] and r["cells"][0] == first_cell]
    assert len(rows) == 1, f"expected one row {first_cell!r}, found {len(rows)}"
    return rows[0]


def _budget_rows(row):
    """The program → kegiatan → sub kegiatan rows of the report, depth first (the total excluded)."""
    for child in row.children:
        yield child
        yield from _budget_rows(child)


@pytest.fixture
def doc(demo_agency):
    return document_build(report_build(agency=demo_agency, year=YEAR))


@pytest.fixture
def html(doc):
    return lkjip_html(doc, for_print=True)


@pytest.fixture
def tables(html):
    return _tables(html)


def test_capaian_table_lists_every_sasaran_and_indicator_with_capaian_and_predicate(doc, tables):
    table = _table(tables, "capaian-table")
    for objective in doc.report.objectives:
        row = _row(table, objective.code)
        assert "group" in row["class"]
        assert objective.statement in row["cells"]
        assert format_percent(objective.capaian) in row["cells"]
        assert objective.predicate.label in row["cells"]
        for indicator in objective.indicators:
            cells = _row(table, indicator.code)["cells"]
            assert indicator.name in cells
            # the demo's sasaran mix PK and Renstra targets: each target is marked with its set
            mark = {"pk": "PK", "renstra": "R"}[indicator.current.source]
            assert format_number(indicator.target) + mark in cells
            assert format_number(indicator.realisation) in cells
            assert format_percent(indicator.capaian) in cells
            assert indicator.predicate.label in cells


def test_scale_table_lists_every_band_with_its_range_and_colour(doc, tables, html):
    table = _table(tables, "scale-table")
    body = [r["cells"] for r in table["rows"][1:]]
    assert len(body) == len(doc.report.scale.bands)
    for band, cells in zip(doc.report.scale.bands, body, strict=True):
        assert cells == [band.label, band.range_label]  # the colour is a swatch, not its code (issue 18)
        assert (
            f'<span class="swatch" style="background: {band.colour}" aria-hidden="true"></span> {band.label}'
            in html
        )
    assert table["caption"] == doc.captions["scale"].anchor


def test_budget_table_shows_every_budget_row_and_the_total(doc, tables):
    report = doc.report
    table = _table(tables, "budget-table")
    expected = list(_budget_rows(report.budget))
    assert len(expected) > 30  # the demo's programs, kegiatan and sub kegiatan
    for budget_row in expected:
        row = _row(table, budget_row.code)
        f = budget_row.figures
        assert row["cells"][1] == budget_row.name
        assert row["cells"][2:] == [
            format_rupiah(f.ceiling),
            format_rupiah(f.spent),
            format_percent(f.absorption),
            format_rupiah(f.remaining),
            format_percent(f.remaining_pct),
        ]
        # Programs and kegiatan with sub kegiatan are group rows; the leaves are not.
        assert ("group" in row["class"]) == bool(budget_row.children)
    total = table["rows"][-1]
    t = report.budget.figures
    assert "total" in total["class"]
    assert total["cells"][1:] == [
        format_rupiah(t.ceiling),
        format_rupiah(t.spent),
        format_percent(t.absorption),
        format_rupiah(t.remaining),
        format_percent(t.remaining_pct),
    ]
    # Header + one row per budget row + the total: nothing more, nothing left out.
    assert len(table["rows"]) == 1 + len(expected) + 1


def test_each_sasaran_has_its_realisation_comparison_efficiency_and_cascade_tables(doc, html, tables):
    report = doc.report
    for objective in report.objectives:
        keys = objective_keys(objective.code)
        assert f'id="sasaran-{objective.code.lower()}"' in html

        realisation = _table(tables, "realisation-table", doc.captions[keys["realisation"]].anchor)
        for indicator in objective.indicators:
            cells = _row(realisation, f"{indicator.code} {indicator.name}")["cells"]
            assert format_percent(indicator.capaian) in cells
            assert format_number(indicator.renstra_end_target) in cells
            assert format_percent(indicator.renstra_progress) in cells

        comparison = _table(tables, "comparison-table", doc.captions[keys["comparison"]].anchor)
        # the Renstra's final year: one row per year since its first, target next to realisation
        assert report.series_years == tuple(range(report.plan.start_year, YEAR + 1))
        assert comparison["rows"][0]["cells"][:4] == ["Tahun", "Target", "Realisasi", "Capaian"]
        for indicator in objective.indicators:
            start = next(
                k
                for k, r in enumerate(comparison["rows"])
                if r["cells"] == [f"{indicator.code} {indicator.name} ({indicator.unit})"]
            )
            rows = [r["cells"] for r in comparison["rows"][start + 1 : start + 1 + len(report.series_years)]]
            series = {**indicator.history, YEAR: indicator.current}
            assert [r[0] for r in rows] == [str(y) for y in report.series_years]
            for cells, y in zip(rows, report.series_years, strict=True):
                f = series[y]
                assert cells[1].startswith(format_number(f.target))
                # a year in another unit (the demo's S4.2 2019–2020, in products) prints it under its figure
                other = f"({indicator.unit_of(y)})" if indicator.unit_of(y) != indicator.unit_of(YEAR) else ""
                assert cells[2:4] == [format_number(f.realisation) + other, format_percent(f.capaian)]
            change = achievement.trend(indicator.realisation, indicator.history[YEAR - 1].realisation)
            if indicator.unit_of(YEAR - 1) != indicator.unit_of(YEAR):
                assert rows[-2][4] == "–"  # another unit: not compared
            elif change:
                assert change in rows[-2][4]
            assert rows[-1][4] == "–"

        efficiency = _table(tables, "efficiency-table", doc.captions[keys["efficiency"]].anchor)
        assert efficiency["rows"][1]["cells"][1:] == [
            format_percent(objective.capaian),
            format_rupiah(objective.budget.ceiling),
            format_rupiah(objective.budget.spent),
            format_percent(objective.budget.absorption),
            format_number(objective.efficiency),
        ]

        cascade = _table(tables, "cascade-table", doc.captions[keys["cascade"]].anchor)
        all_programs = {p.code for p in report.budget.children}
        programs = [r["cells"][0] for r in cascade["rows"] if r["cells"] and r["cells"][0] in all_programs]
        assert programs == list(objective.program_codes)

        # The narrative analysis of the sasaran (typed or generated) is printed in its section.
        text = doc.text(objective_section_key(objective.code))
        assert text and escape(text.split(".")[0]) in html


def test_trend_figure_for_every_trend_chart(doc, html):
    assert doc.trend_charts  # the demo's objective indicators all have figures
    for code in doc.trend_charts:
        anchor = doc.captions[f"trend-{code}"].anchor
        start = html.index(f'id="gambar-tren-{slugify(code)}"')
        figure = html[start : html.index("</figure>", start)]
        assert "<svg" in figure and f'id="{anchor}"' in figure


def test_action_plan_and_monitoring_list_every_sasaran_indicator(doc, tables):
    plan, monitoring = _table(tables, "action-plan-table"), _table(tables, "monitoring-table")
    for indicator in doc.report.objective_indicators:
        plan_cells = _row(plan, indicator.code)["cells"]
        assert plan_cells[3:] == [format_number(indicator.target)] + [
            format_number(q.target) for q in indicator.quarters
        ]
        monitoring_cells = _row(monitoring, indicator.code)["cells"]
        expected = [
            text
            for q in indicator.quarters
            for text in (format_number(q.target), format_number(q.realisation), format_percent(q.capaian))
        ]
        assert monitoring_cells[3:] == expected


def test_closing_chapter_gives_the_counts_and_the_sasaran_to_improve(doc, html):
    report = doc.report
    start = html.index('id="bab-4"')
    closing = html[start : html.index("</section>", start)]
    achieved, missed, unmeasured, provisional = doc.counts
    assert provisional == 0  # the demo has no provisional realisation
    # the counts say which targets they are measured against: the demo mixes PK murni and Renstra targets
    assert (
        "Capaian diukur terhadap target tahun 2021 dari PK murni 6 indikator dan Renstra 5 indikator."
        in closing
    )
    assert f"<strong>{achieved}</strong> dari {len(report.objective_indicators)} indikator" in closing
    assert f"<strong>{missed}</strong>" in closing and f"<strong>{unmeasured}</strong>" in closing
    assert format_rupiah(report.budget.figures.spent) in closing
    below = [o for o in report.objectives if o.capaian is not None and o.capaian < 100]
    assert below  # the demo's public service sasaran is below target
    saran = closing[closing.index('id="saran"') :]
    for objective in report.objectives:
        listed = f"Sasaran {objective.code}: " in saran
        assert listed == (objective in below)
    for objective in below:
        assert format_percent(objective.capaian) in saran


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_pdf_carries_both_chapters_and_a_landscape_page(doc, demo_lkjip_pdf, tmp_path):
    pdf = tmp_path / "lkjip.pdf"
    pdf.write_bytes(demo_lkjip_pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    assert "BAB III" in text.stdout and "BAB IV" in text.stdout
    s3 = next(o for o in doc.report.objectives if o.code == "S3")
    assert format_percent(s3.capaian).replace("\u00a0", " ") in text.stdout.replace("\u00a0", " ")
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = [
        line.split("size:")[1].split("pts")[0].split(" x ") for line in info.splitlines() if "size:" in line
    ]
    assert any(float(w) > float(h) for w, h in sizes), "the wide tables are set on landscape pages"


def test_every_table_and_figure_of_chapter_three_carries_its_numbered_caption(doc, html):
    start = html.index('id="bab-3"')
    chapter = html[start : html.index('id="bab-4"')]
    chapter_three = [c for c in doc.captions.values() if c.number.startswith("3.")]
    assert len(chapter_three) > 10
    for cap in chapter_three:
        assert f'id="{cap.anchor}"><span class="caption-label">{cap.label}</span>' in chapter, cap.key


@pytest.mark.parametrize(("units", "printed"), [({2019: "produk", 2020: "produk"}, False), ({}, True)])
def test_no_change_is_printed_against_a_year_in_another_unit(demo_agency, units, printed):
    """S4.2 is a percentage; its 2019 and 2020 figures are counts (800, 869 produk): no "−865,73 turun"."""
    report = report_build(agency=demo_agency, year=YEAR)
    objective = report.objectives[3]
    indicator = replace(objective.indicators[1], year_units=units)
    objectives = list(report.objectives)
    objectives[3] = replace(objective, indicators=(objective.indicators[0], indicator))
    doc = document_build(replace(report, objectives=tuple(objectives)))
    keys = objective_keys(objective.code)

    comparison = _table(_tables(lkjip_html(doc)), "comparison-table", doc.captions[keys["comparison"]].anchor)
    rows = comparison["rows"]
    start = next(
        n for n, r in enumerate(rows) if r["cells"] and r["cells"][0].startswith(f"{indicator.code} ")
    )
    by_year = {}
    for row in rows[
        start + 1 :
    ]:  # one row per year (Tahun, Target, Realisasi, Capaian, Perubahan) to the next group
        if "group" in row["class"].split():
            break
        by_year[row["cells"][0]] = row["cells"]

    if printed:
        assert [by_year[y][2] for y in ("2019", "2020", "2021")] == ["800,00", "869,00", "3,27"]
        assert "-865,73" in by_year["2020"][4] and "-796,73" in by_year["2019"][4]  # a count against a %
    else:
        assert [by_year[y][2] for y in ("2019", "2020", "2021")] == [
            "800,00(produk)",
            "869,00(produk)",
            "3,27",
        ]
        assert by_year["2019"][4] == by_year["2020"][4] == "–"  # no change across units
