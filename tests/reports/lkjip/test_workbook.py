"""The Excel annex workbook and the Renstra table: sheets, live budget formulas, figures, print setup, access."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from reports.lkjip.workbook import annex_sheet_titles, annex_workbook, comparison_title
from reports.readmodel.build import report_build
from reports.renstra.workbook import renstra_sheet_titles
from sakip.xlsx import HEADER_ROW, workbook_bytes

YEAR = 2021
FIRST = 2016  # the demo Renstra's first year: 2021 is its last, so the comparison runs from 2016
# The demo's sheets: its staff and assets first (BAB I), its Belanja OPD after the programs' budget, its risks last.
DEMO_SHEETS = [
    "SDM",
    "Sarana Prasarana",
    "Misi dan Strategi",
    "Perjanjian Kinerja",
    "IKU",
    "Definisi Indikator",
    "Capaian",
    "Perbandingan 2016-2021",
    "Capaian Program",
    "Rencana Aksi",
    "Monev Triwulan",
    "Realisasi Anggaran",
    "Belanja OPD",
    "IKM",
    "Daftar Risiko",
    "Pemeriksaan",
]


# --- a tiny formula evaluator: what Excel would show for the formulas the export writes ---------------------
_TOKEN = re.compile(
    r'\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>"[^"]*")|(?P<range>[A-Z]+\d+:[A-Z]+\d+)|(?P<func>[A-Z]+)\('
    r"|(?P<ref>[A-Z]+\d+)|(?P<op><>|<=|>=|[-+*/=<>(),]))"
)
_CELL = re.compile(r"([A-Z]+)(\d+)")


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class Evaluator:
    """Numbers, "", cell references and ranges, + - * / and comparisons, SUM COUNT IF AND OR NOT ISNUMBER
    SUMPRODUCT; blank cells read as 0 in arithmetic, like Excel. IF evaluates only the branch it takes."""

    def __init__(self, ws):
        self.ws = ws

    def cell(self, ref: str):
        value = self.ws[ref].value
        if isinstance(value, str) and value.startswith("="):
            return self.formula(value)
        return value

    def formula(self, text: str):
        self.tokens = [(m.lastgroup, m.group(m.lastgroup)) for m in _TOKEN.finditer(text[1:])]
        self.pos = 0
        tree = self.comparison()
        assert self.pos == len(self.tokens), text
        return self.run(tree)

    # parsing into nested tuples
    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def take(self):
        self.pos += 1
        return self.tokens[self.pos - 1]

    def comparison(self):
        left = self.additive()
        if self.peek()[1] in ("=", "<>", "<", ">", "<=", ">="):
            return ("op", self.take()[1], left, self.additive())
        return left

    def additive(self):
        left = self.term()
        while self.peek()[1] in ("+", "-"):
            left = ("op", self.take()[1], left, self.term())
        return left

    def term(self):
        left = self.unary()
        while self.peek()[1] in ("*", "/"):
            left = ("op", self.take()[1], left, self.unary())
        return left

    def unary(self):
        if self.peek()[1] == "-":
            self.take()
            return ("op", "-", ("lit", 0), self.unary())
        return self.primary()

    def primary(self):
        kind, text = self.take()
        if kind == "num":
            return ("lit", float(text))
        if kind == "str":
            return ("lit", text[1:-1])
        if kind == "ref":
            return ("ref", text)
        if kind == "range":
            return ("range", text)
        if kind == "func":
            args = []
            while self.peek()[1] != ")":
                args.append(self.comparison())
                if self.peek()[1] == ",":
                    self.take()
            self.take()
            return ("call", text, args)
        assert text == "(", text
        inner = self.comparison()
        assert self.take()[1] == ")"
        return inner

    # evaluation
    def cells(self, text):
        (c1, r1), (c2, r2) = (_CELL.fullmatch(p).groups() for p in text.split(":"))
        cols = range(column_index_from_string(c1), column_index_from_string(c2) + 1)
        return [
            self.cell(f"{self.ws.cell(1, c).column_letter}{r}")
            for r in range(int(r1), int(r2) + 1)
            for c in cols
        ]

    def values(self, node):
        return self.cells(node[1]) if node[0] == "range" else [self.run(node)]

    def run(self, node):
        tag = node[0]
        if tag == "lit":
            return node[1]
        if tag == "ref":
            return self.cell(node[1])
        if tag == "range":
            return self.cells(node[1])
        if tag == "op":
            a, b = self.run(node[2]), self.run(node[3])
            if isinstance(a, list):  # array arithmetic, as inside SUMPRODUCT
                return [x * y for x, y in zip(a, b, strict=True)]
            if node[1] in "+-*/":
                a, b = (0 if v is None else v for v in (a, b))
                return {"+": a + b, "-": a - b, "*": a * b, "/": a / b if b else None}[node[1]]
            a, b = ("" if v is None else v for v in (a, b))
            if node[1] in ("=", "<>"):
                return (a == b) == (node[1] == "=")
            return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[node[1]]
        name, args = node[1], node[2]
        if name == "IF":
            return self.run(args[1]) if self.run(args[0]) else (self.run(args[2]) if len(args) > 2 else False)
        if (
            name in ("ISNUMBER", "NOT")
            and args[0][0] == "range"
            or name == "NOT"
            and isinstance(self.run(args[0]), list)
        ):
            values = self.run(args[0])
            return [_is_number(v) if name == "ISNUMBER" else not v for v in values]
        flat = [v for a in args for v in self.values(a)]
        numbers = [v for v in flat if _is_number(v)]
        if name == "SUM":
            return float(sum(numbers))
        if name == "SUMPRODUCT":
            products = self.run(args[0])
            return float(sum(products) if isinstance(products, list) else products)
        if name == "COUNT":
            return len(numbers)
        if name == "AND":
            return all(flat)
        if name == "OR":
            return any(flat)
        if name == "NOT":
            return not flat[0]
        if name == "ISNUMBER":
            return _is_number(flat[0])
        raise AssertionError(f"unexpected function {name}")


# --- helpers ------------------------------------------------------------------------------------------------
@pytest.fixture
def report(demo_agency):
    return report_build(agency=demo_agency, year=YEAR)


@pytest.fixture
def workbook(report):
    return load_workbook(io.BytesIO(workbook_bytes(annex_workbook(report))))


def close(cell_value, expected: Decimal | None):
    if expected is None:
        return cell_value in (None, "")
    return cell_value == pytest.approx(float(expected), rel=1e-9, abs=1e-9)


def body_rows(ws):
    for row in ws.iter_rows(min_row=HEADER_ROW + 1):
        yield row[0].row, [c.value for c in row]


def budget_walk(budget):
    rows = []

    def walk(row):
        rows.append(row)
        for child in row.children:
            walk(child)

    for program in budget.children:
        walk(program)
    return rows


# --- tests --------------------------------------------------------------------------------------------------
def test_every_annex_sheet_is_present_in_order(report, workbook):
    assert workbook.sheetnames == DEMO_SHEETS
    assert tuple(workbook.sheetnames) == annex_sheet_titles(YEAR, report=report)
    assert "Perbandingan 2016-2021" in workbook.sheetnames  # the Renstra's final year: its whole series


def test_budget_sheet_has_a_row_per_budget_row_and_parents_are_sum_formulas(workbook, report):
    ws = workbook["Realisasi Anggaran"]
    expected = budget_walk(report.budget)
    rows = [(n, values) for n, values in body_rows(ws) if values[1]]
    assert [values[1] for _, values in rows] == [r.name for r in expected] + ["Jumlah"]
    assert [values[0] for _, values in rows[:-1]] == [r.code for r in expected]
    for (_, values), row in zip(rows, [*expected, report.budget], strict=True):
        for value in values[2:4]:  # pagu, realisasi
            if row.children:
                assert isinstance(value, str) and value.startswith("=SUM("), (row.code, value)
            else:
                assert not isinstance(value, str), (row.code, value)


def test_budget_formulas_evaluate_to_the_report_figures(workbook, report):
    ws = workbook["Realisasi Anggaran"]
    evaluate = Evaluator(ws)
    rows = [n for n, values in body_rows(ws) if values[1]]
    for number, row in zip(rows, [*budget_walk(report.budget), report.budget], strict=True):
        f = row.figures
        for column, expected in zip(
            "CDEFG", (f.ceiling, f.spent, f.absorption, f.remaining, f.remaining_pct), strict=True
        ):
            assert close(evaluate.cell(f"{column}{number}"), expected), (row.code, column)
    assert ws[f"C{rows[-1]}"].number_format == '"Rp" #,##0'


def test_editing_a_sub_activity_recomputes_its_activity_program_and_total(workbook, report):
    ws = workbook["Realisasi Anggaran"]
    sub = report.budget.children[0].children[0].children[0]
    number = next(n for n, values in body_rows(ws) if values[0] == sub.code)
    total = next(n for n, values in body_rows(ws) if values[1] == "Jumlah")
    ws[f"D{number}"] = float(sub.figures.spent) + 1000
    expected = report.budget.figures.spent + 1000
    assert close(Evaluator(ws).cell(f"D{total}"), expected)


def test_unknown_spending_stays_unknown_up_the_tree_until_typed_in(demo_agency):
    """SPEC §3: a sub kegiatan with a pagu but no realisasi makes its parents' realisasi unknown, not smaller."""
    from budgets.models import BudgetLine, SubActivity  # noqa: PLC0415

    sub = SubActivity.objects.filter(activity__program__plan__agency=demo_agency).order_by("pk").first()
    line = BudgetLine(sub_activity=sub, year=YEAR, ceiling_original=Decimal("1000000"))
    report = report_build(agency=demo_agency, year=YEAR, pending=[line])
    ws = load_workbook(io.BytesIO(workbook_bytes(annex_workbook(report))))["Realisasi Anggaran"]
    evaluate = Evaluator(ws)
    rows = [n for n, values in body_rows(ws) if values[1]]
    walked = [*budget_walk(report.budget), report.budget]
    assert report.budget.figures.spent is None
    for number, row in zip(rows, walked, strict=True):
        f = row.figures
        for column, expected in zip(
            "CDEFG", (f.ceiling, f.spent, f.absorption, f.remaining, f.remaining_pct), strict=True
        ):
            assert close(evaluate.cell(f"{column}{number}"), expected), (row.code, column)
    sub_row = next(n for n, values in body_rows(ws) if values[0] == sub.code)
    ws[f"D{sub_row}"] = 250000
    assert _is_number(evaluate.cell(f"D{rows[-1]}"))


def test_capaian_cells_are_numbers_equal_to_the_report_with_the_predicate_colour(workbook, report):
    ws = workbook["Capaian"]
    by_code = {values[0]: (n, values) for n, values in body_rows(ws)}
    for objective in report.objectives:
        number, values = by_code[objective.code]
        assert close(values[5], objective.capaian)
        for indicator in objective.indicators:
            number, values = by_code[indicator.code]
            assert _is_number(values[5]) and close(values[5], indicator.capaian), indicator.code
            assert close(values[3], indicator.target) and close(values[4], indicator.realisation)
            assert values[6] == indicator.predicate.label
            fill = ws.cell(number, 7).fill.fgColor.rgb
            assert fill[-6:] == indicator.predicate.colour.lstrip("#").upper()
            assert ws.cell(number, 6).number_format == "0.00"


def test_comparison_sheet_holds_every_year_of_the_series_of_objective_indicators(workbook, report):
    """2021 is the demo Renstra's final year: every year since 2016, each with its target, the target's set,
    realisation and capaian (issue 18)."""
    ws = workbook[comparison_title(YEAR, FIRST)]
    by_code = {values[0]: values for _, values in body_rows(ws)}
    assert set(by_code) == {i.code for i in report.objective_indicators}
    assert report.series_years == tuple(range(FIRST, YEAR + 1))
    for indicator in report.objective_indicators:
        values = by_code[indicator.code]
        series = {**indicator.history, YEAR: indicator.current}
        for k, year in enumerate(report.series_years):
            figures = series[year]
            assert close(values[3 + 4 * k], figures.target), indicator.code
            assert values[4 + 4 * k] == (figures.source_label or None), indicator.code
            assert close(values[5 + 4 * k], figures.realisation), indicator.code
            assert close(values[6 + 4 * k], figures.capaian), indicator.code


def test_quarterly_sheets_carry_the_quarter_figures(workbook, report):
    monev = {values[0]: values for _, values in body_rows(workbook["Monev Triwulan"])}
    plan = {values[0]: values for _, values in body_rows(workbook["Rencana Aksi"])}
    with_quarters = [i for i in report.indicators if any(q.target is not None for q in i.quarters)]
    assert with_quarters
    for indicator in with_quarters:
        assert all(close(plan[indicator.code][4 + q], indicator.quarters[q].target) for q in range(4))
        for q, figures in enumerate(indicator.quarters):
            row = monev[indicator.code][3 + 3 * q : 6 + 3 * q]
            assert close(row[0], figures.target) and close(row[1], figures.realisation)
            assert close(row[2], figures.capaian)


def test_ikm_sheet_figures_equal_the_survey_results(workbook, report):
    ws = workbook["IKM"]
    rows = [values for _, values in body_rows(ws)]
    survey = report.surveys[-1]
    by_code = {values[0]: values for values in rows if values[0]}
    for code, name, total, n, nrr in survey.elements:
        values = by_code[code]
        assert values[1] == name and close(values[2], total) and close(values[3], n) and close(values[4], nrr)
    by_label = {values[1]: values[4] for values in rows}
    assert close(by_label["IKM (skala 1–4)"], survey.ikm)
    assert close(by_label["SKM / nilai konversi (25–100)"], survey.skm)
    assert by_label["Mutu pelayanan"] == f"{survey.mutu.letter} ({survey.mutu.label})"


def test_agreement_key_indicator_and_checks_sheets(workbook, report):
    pk = [values for _, values in body_rows(workbook["Perjanjian Kinerja"])]
    indicators = [i for o in report.objectives for i in o.indicators]
    assert [v[2] for v in pk[: len(indicators)]] == [i.name for i in indicators]
    # Renstra and PK murni side by side; the target of the year is one of them (the demo has no PK perubahan)
    assert all(close(v[4], i.inputs.renstra_target) for v, i in zip(pk, indicators, strict=False))
    assert all(close(v[5], i.inputs.pk_target) for v, i in zip(pk, indicators, strict=False))
    programs = {
        v[1]: v[2]
        for v in pk
        if isinstance(v[1], str) and v[1].split(" ")[0] in {p.code for p in report.budget.children}
    }
    assert all(close(programs[f"{p.code} {p.name}"], p.figures.ceiling) for p in report.budget.children)

    checks = [values for _, values in body_rows(workbook["Pemeriksaan"])]
    assert [(v[2], v[3]) for v in checks] == [(c.message, c.path) for c in report.checks]
    iku = [values for _, values in body_rows(workbook["IKU"])]
    key = [i for i in report.indicators if i.is_key]
    assert [v[1] for v in iku if v[1]] == [i.code for i in key]


def test_every_sheet_is_print_ready(workbook, report):
    for ws in workbook.worksheets:
        assert ws.freeze_panes == f"A{HEADER_ROW + 1}", ws.title
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}", ws.title
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(
            ws.PAPERSIZE_A4
        )
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert report.agency.name in ws.oddHeader.center.text and str(YEAR) in ws.oddHeader.center.text
        assert report.agency.name in ws["A2"].value and f"Tahun {YEAR}" in ws["A2"].value
        assert ws.cell(HEADER_ROW, 1).font.b
        widths = [ws.column_dimensions[c].width for c in "AB"]
        assert all(w and w >= 6 for w in widths), ws.title


def _years(text: str) -> list[str]:
    return re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)


def test_every_printed_page_header_names_the_year_once(workbook):
    # Issue 18: "Capaian Kinerja Sasaran Tahun 2021 2021", "Perbandingan Capaian Kinerja 2016–2021 2021".
    for ws in workbook.worksheets:
        header = ws.oddHeader.center.text
        assert _years(header).count(str(YEAR)) == 1, header
        assert len(_years(header)) == len(set(_years(header))), header
        assert f"{YEAR} {YEAR}" not in header
    assert workbook["Capaian"].oddHeader.center.text.endswith("— Capaian Kinerja Sasaran Tahun 2021")
    assert workbook["IKU"].oddHeader.center.text.endswith("— Indikator Kinerja Utama (IKU) Tahun 2021")
    comparison = workbook[comparison_title(YEAR, FIRST)].oddHeader.center.text
    assert comparison.endswith("— Perbandingan Capaian Kinerja 2016–2021")


def test_export_is_deterministic(report):
    assert workbook_bytes(annex_workbook(report)) == workbook_bytes(annex_workbook(report))


# --- downloads and command ----------------------------------------------------------------------------------
def test_planner_downloads_both_workbooks(planner_client, demo_agency):
    response = planner_client.get(reverse("reports:lkjip_xlsx", args=[demo_agency.code, YEAR]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="LKjIP-{YEAR}-{demo_agency.code}.xlsx"'
    assert load_workbook(io.BytesIO(response.content)).sheetnames == DEMO_SHEETS
    # The former single-sheet Renstra address now leads to the Renstra document's workbook.
    response = planner_client.get(reverse("reports:renstra_xlsx", args=[demo_agency.code]), follow=True)
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames == list(renstra_sheet_titles())


def test_report_pages_link_to_the_excel_download(planner_client, demo_agency):
    url = reverse("reports:lkjip_xlsx", args=[demo_agency.code, YEAR])
    assert (
        url in planner_client.get(reverse("reports:review", args=[demo_agency.code, YEAR])).content.decode()
    )
    assert url in planner_client.get(reverse("reports:lkjip", args=[demo_agency.code, YEAR])).content.decode()


def test_other_agency_planner_gets_404_on_both_downloads(client, demo_agency, other_agency):
    from tests.conftest import make_user  # noqa: PLC0415

    client.force_login(make_user("perencana-lain", "planner", agency=other_agency))
    assert client.get(reverse("reports:lkjip_xlsx", args=[demo_agency.code, YEAR])).status_code == 404
    assert client.get(reverse("reports:renstra_xlsx", args=[demo_agency.code])).status_code == 404


def test_render_report_command_writes_a_valid_workbook(demo_agency, tmp_path):
    output = tmp_path / "lampiran.xlsx"
    call_command(
        "render_report",
        agency=demo_agency.code,
        year=YEAR,
        format="xlsx",
        output=output,
        stdout=io.StringIO(),
    )
    assert load_workbook(output).sheetnames == DEMO_SHEETS


@pytest.mark.parametrize(
    ("units", "shown"), [({2019: "produk", 2020: "produk"}, "%; 2019, 2020: produk"), ({}, "%")]
)
def test_comparison_sheet_names_the_years_in_another_unit(report, units, shown):
    """S4.2 (a percentage) printed as 800 and 869 products for 2019 and 2020: the unit cell says so."""
    objectives = list(report.objectives)
    objective = objectives[3]
    objectives[3] = replace(
        objective, indicators=(objective.indicators[0], replace(objective.indicators[1], year_units=units))
    )
    changed = replace(report, objectives=tuple(objectives), indicators=())
    changed = replace(changed, indicators=tuple(i for o in changed.objectives for i in o.indicators))
    ws = load_workbook(io.BytesIO(workbook_bytes(annex_workbook(changed))))[comparison_title(YEAR, FIRST)]

    by_code = {values[0]: values for _, values in body_rows(ws)}
    assert by_code["S4.2"][2] == shown
