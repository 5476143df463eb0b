"""The report's charts: deterministic inline SVG, Indonesian figures, missing data shown as "–"."""

import re
from dataclasses import replace
from decimal import Decimal
from html import escape

import pytest

from indicators.predicates import RED, SCALES
from reports.lkjip import charts
from reports.readmodel.build import report_build
from reports.readmodel.types import Figures
from sakip.numbers import EMPTY, format_number, format_percent

D = Decimal
SCALE = SCALES["target-3"]
TREND = [("2019", D("275"), D("300")), ("2020", D("300"), D("1715")), ("2021", D("325"), D("426"))]


def svg_texts(svg):
    """The text a reader sees: every <text>, the <title> and the <desc> (entities decoded by the caller)."""
    return re.findall(r"<(?:text|title|desc)[^>]*>([^<]*)<", svg)


def test_same_figures_give_byte_identical_svg():
    # Each chart is drawn twice (the memo is cleared in between), not served from the cache.
    first = charts.trend_chart(TREND, title="R3.1 Jumlah produk", unit="produk")
    charts.trend_chart.cache_clear()
    second = charts.trend_chart(list(TREND), title="R3.1 Jumlah produk", unit="produk")
    assert first == second
    rows = [("Program A", D("11817214917"), D("11171860479"))]
    first = charts.budget_chart(rows, title="Anggaran")
    charts.budget_chart.cache_clear()
    assert charts.budget_chart(rows, title="Anggaran") == first


def test_a_chart_is_drawn_once_for_the_same_figures(monkeypatch):
    charts.capaian_chart.cache_clear()
    drawn = []
    original = charts.svg_element
    monkeypatch.setattr(charts, "svg_element", lambda *args: drawn.append(1) or original(*args))
    rows = [("S1.1", D("314"))]
    assert charts.capaian_chart(rows, title="Capaian", scale=SCALE) == charts.capaian_chart(
        list(rows), title="Capaian", scale=SCALE
    )
    assert len(drawn) == 1


def test_svg_is_ready_to_inline_in_html():
    svg = charts.capaian_chart([("S1.1", D("314"))], title="Capaian sasaran", scale=SCALE)
    assert svg.startswith("<svg")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg
    opening = svg[: svg.index(">")]
    assert 'role="img"' in opening
    assert 'width="160.0mm"' in opening  # A4 portrait text width
    assert svg.index("<title>Capaian sasaran</title>") < svg.index("<g ")
    # Nothing in the chart can style the page it is inlined in: its drawing attributes are on its own elements.
    assert "<style" not in svg and "{" not in svg


def test_charts_inlined_together_have_distinct_ids():
    a = charts.capaian_chart([("S1.1", D("314"))], title="A", scale=SCALE)
    b = charts.capaian_chart([("S1.1", D("77.64"))], title="B", scale=SCALE)
    ids_a = set(re.findall(r'\bid="([^"]+)"', a))
    ids_b = set(re.findall(r'\bid="([^"]+)"', b))
    assert ids_a and ids_b and not ids_a & ids_b
    # Every reference inside a chart points at an id of that same chart.
    for svg, ids in ((a, ids_a), (b, ids_b)):
        refs = set(re.findall(r"url\(#([^)]+)\)", svg)) | set(re.findall(r'href="#([^"]+)"', svg))
        assert refs <= ids


def test_trend_chart_prints_title_and_indonesian_figures():
    svg = charts.trend_chart(TREND, title="R3.1 Jumlah produk", unit="produk")
    texts = svg_texts(svg)
    assert "R3.1 Jumlah produk" in texts
    assert format_number(D("1715"), 0) == "1.715"
    assert "1.715" in texts  # the value label, not "1715" or "1,715"
    assert "1715" not in texts and "1,715" not in texts
    assert {"2019", "2020", "2021", "Target", "Realisasi"} <= set(texts)


def test_percent_indicator_labels_use_decimal_comma():
    svg = charts.trend_chart(
        [("2021", D("22"), D("22.73"))], title="S3.1 Kontribusi koperasi terhadap PDRB", unit="%"
    )
    assert format_percent(D("22.73")) in svg_texts(svg)  # "22,73 %" with a non-breaking space


def test_missing_figures_draw_no_bar_and_read_dash():
    series = [("2019", None, D("0.59")), ("2020", None, None), ("2021", D("0.5"), D("1.57"))]
    svg = charts.trend_chart(series, title="S1.1", unit="%")
    texts = svg_texts(svg)
    assert texts.count(EMPTY) == 3
    # Bars carry the realisation / target colours; three missing figures leave three of six bars.
    assert svg.count('fill="#0969da"') - 1 == 2  # minus the legend swatch
    assert svg.count('fill="#8c959f"') - 1 == 1


def test_capaian_chart_has_reference_line_and_percent_labels():
    rows = [("S1.1", D("314")), ("S3.1", D("103.3181818181818181818181818")), ("S5.1", None)]
    texts = svg_texts(charts.capaian_chart(rows, title="Capaian", scale=SCALE))
    assert "103,32\u00a0%" in texts and "314,00\u00a0%" in texts
    assert "100\u00a0%" in texts  # the label of the 100 % line (and an axis tick)
    assert EMPTY in texts
    assert {"S1.1", "S3.1", "S5.1"} <= set(texts)


def _bar_fills(svg):
    """The fill of each capaian bar, top to bottom: the rects of the plot (no stroke), not the white background
    and not the legend's swatches (outlined)."""
    return re.findall(r'<rect x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+" fill="(#[0-9a-f]{6})"/>', svg)


@pytest.mark.parametrize("scale_code", ["target-3", "permendagri-86-2017"])
def test_capaian_bars_take_the_colour_of_their_predicate_band(scale_code):
    # Issue 18: a failing indicator was drawn green or blue ("exceeded" in the target-3 legend of the tables).
    scale = SCALES[scale_code]
    rows = [("S1.1", D("314")), ("S2.1", D("100")), ("S3.1", D("42.5")), ("S4.1", None)]
    svg = charts.capaian_chart(rows, title="Capaian", scale=scale)
    bands = [scale.band_for(capaian) for _code, capaian in rows[:3]]
    assert _bar_fills(svg) == [band.colour for band in bands]
    failing = scale.band_for(D("42.5"))
    assert failing.colour == RED and _bar_fills(svg)[2] == RED  # "Tidak Tercapai" / "Sangat Rendah"
    if scale_code == "target-3":
        assert _bar_fills(svg)[0] == scale.bands[0].colour  # "Melampaui Target", not the green of "Tercapai"
    # The legend lists every band of the scale, with its colour, in the scale's order.
    texts = svg_texts(svg)
    for band in scale.bands:
        assert band.label in texts
        assert re.search(rf'fill="{band.colour}" stroke="{band.colour}"', svg)  # its swatch
    at = {m[2]: float(m[1]) for m in re.finditer(r'<text [^>]*x="([^"]+)" y="[^"]+">([^<]*)</text>', svg)}
    assert sorted((b.label for b in scale.bands), key=at.__getitem__) == [b.label for b in scale.bands]
    # The description says which band each bar is in, for a reader who cannot see the colours.
    (description,) = re.findall(r"<desc>([^<]*)</desc>", svg)
    assert f"S3.1: 42,50\u00a0% ({failing.label})" in description
    assert scale.name in description


def test_capaian_chart_of_the_demo_uses_the_report_scale(demo_report):
    svg = charts.report_capaian_chart(demo_report)
    indicators = [i for o in demo_report.objectives for i in o.indicators]
    assert _bar_fills(svg) == [i.predicate.colour for i in indicators if i.capaian is not None]
    assert {i.predicate.label for i in indicators if i.predicate} <= set(svg_texts(svg))


def test_budget_chart_prints_miliar_rupiah():
    rows = [
        ("2.17.01 Program Penunjang", D("11817214917.00"), D("11171860479.00")),
        ("2.17.02 Lain", None, None),
    ]
    texts = svg_texts(charts.budget_chart(rows, title="Anggaran per program"))
    # 11.817.214.917 rupiah read in miliar, rounded half-up to two places.
    assert "Rp\u00a011,82\u00a0M" in texts and "Rp\u00a011,17\u00a0M" in texts
    assert texts.count(EMPTY) == 2
    assert "miliar rupiah" in texts


def test_title_is_escaped():
    svg = charts.capaian_chart([("A", D(1))], title="Sasaran <1> & 2", scale=SCALE)
    assert f"<title>{escape('Sasaran <1> & 2')}</title>" in svg


@pytest.fixture
def demo_report(demo_agency):
    return report_build(agency=demo_agency, year=2021)


def test_every_objective_indicator_of_the_demo_has_a_trend_chart(demo_report):
    trends = charts.objective_trend_charts(demo_report)
    capaian = charts.report_capaian_chart(demo_report)
    budget = charts.report_budget_chart(demo_report)

    indicators = [i for o in demo_report.objectives for i in o.indicators]
    assert list(trends) == [i.code for i in indicators]
    for indicator in indicators:
        svg = trends[indicator.code]
        assert f"<title>{escape(indicator.code)}" in svg
        assert str(demo_report.year) in svg_texts(svg)
    assert f"<title>Capaian kinerja sasaran tahun {demo_report.year}</title>" in capaian  # not "2.021"
    for indicator in indicators:
        assert indicator.code in svg_texts(capaian)
        assert format_percent(indicator.capaian) in svg_texts(capaian)
    for program in demo_report.budget.children:
        assert program.code in " ".join(svg_texts(budget))


def test_grade_valued_indicator_is_skipped(demo_report):
    objective = demo_report.objectives[0]
    numeric = objective.indicators[0]
    graded = replace(
        numeric,
        code="S1.9",
        kind="grade",
        current=Figures("BB", "A", D("100")),
        history={2019: Figures("B", "B", D("100")), 2020: Figures("B", "BB", D("100"))},
    )
    report = replace(
        demo_report,
        objectives=(replace(objective, indicators=(numeric, graded)), *demo_report.objectives[1:]),
    )
    trends = charts.objective_trend_charts(report)
    assert numeric.code in trends
    assert "S1.9" not in trends
    # Its capaian is a number all the same, so it stays in the capaian chart.
    assert "S1.9" in svg_texts(charts.report_capaian_chart(report))


def _s4_2(report, **changes):
    """The demo report with S4.2 (a percentage; 800 and 869 products for 2019 and 2020, 3,27 for 2021) changed."""
    objective = report.objectives[3]
    indicator = replace(objective.indicators[1], **changes)
    assert indicator.code == "S4.2"
    objectives = list(report.objectives)
    objectives[3] = replace(objective, indicators=(objective.indicators[0], indicator))
    return replace(report, objectives=tuple(objectives)), indicator


def test_a_year_in_another_unit_breaks_the_series_instead_of_being_drawn_as_percent(demo_report):
    """The demo's S4.2: 2019 and 2020 in products, 2021 in %."""
    labels = svg_texts(charts.objective_trend_charts(demo_report)["S4.2"])

    assert "800\xa0%" not in labels and "869\xa0%" not in labels
    assert "3,27\xa0%" in labels
    assert "1.000" not in labels, "the axis is scaled to the percentages, not to 869"


def test_a_series_in_one_unit_draws_every_year(demo_report):
    report, _ = _s4_2(demo_report, year_units={})
    labels = svg_texts(charts.objective_trend_charts(report)["S4.2"])
    assert "800\xa0%" in labels and "869\xa0%" in labels
