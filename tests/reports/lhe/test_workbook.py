"""The evaluator's LKE worksheet: a row per criterion, live formulas that compute exactly what
`evaluation.scoring` computes (evaluated here by the annex tests' small formula evaluator), and the same bytes."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from evaluation.scoring import printed_score, score
from reports.lhe.build import lhe_build
from reports.lhe.workbook import lke_workbook, lke_workbook_bytes
from tests.reports.lhe.helpers import YEAR, best, evaluated, full_case, make_pemda, mixed, worst
from tests.reports.lkjip.test_workbook import Evaluator

pytestmark = pytest.mark.django_db


class LkeEvaluator(Evaluator):
    """The annex evaluator, plus ROUND (the predicate reads the total as printed)."""

    def run(self, node):
        if node[0] == "call" and node[1] == "ROUND":
            value, places = (self.run(arg) for arg in node[2])
            return float(round(Decimal(str(value)), int(places))) if value != "" else ""
        return super().run(node)


@pytest.fixture
def agency():
    _, (agency,) = make_pemda()
    return agency


def lke_sheet(agency):
    """The LKE sheet as the downloaded file holds it (numbers as the file's doubles)."""
    return load_workbook(io.BytesIO(lke_workbook_bytes(lhe_build(agency, YEAR))))["LKE"]


def rows_by_code(ws) -> dict[str, int]:
    return {ws.cell(row, 1).value: row for row in range(4, ws.max_row + 1) if ws.cell(row, 1).value}


def label_row(ws, label: str) -> int:
    return next(row for row in range(4, ws.max_row + 1) if ws.cell(row, 2).value == label)


def close(value, expected: Decimal | None):
    if expected is None:
        return value == ""
    return abs(Decimal(str(value)) - expected) < Decimal("1e-9")


def check_against_scoring(ws, rubric, answers) -> None:
    expected = score(rubric, answers)
    evaluator, rows = LkeEvaluator(ws), rows_by_code(ws)
    for criterion in rubric.criteria:
        value = rubric.answer_value(criterion, answers.get(criterion.code))
        assert close(evaluator.cell(f"E{rows[criterion.code]}"), value), criterion.code
    for component in expected.components:
        assert close(evaluator.cell(f"G{rows[component.code]}"), component.value), component.code
        for sub in component.sub_components:
            assert close(evaluator.cell(f"G{rows[sub.code]}"), sub.value), sub.code
            assert close(evaluator.cell(f"E{rows[sub.code]}"), sub.mean), sub.code
    total = evaluator.cell(f"G{label_row(ws, 'Nilai hasil evaluasi')}")
    assert close(total, expected.total)
    predicate = evaluator.cell(f"G{label_row(ws, 'Predikat')}")
    assert predicate == (expected.predicate.code if expected.predicate else "")
    if expected.total is not None:
        assert round(Decimal(str(total)), 2) == printed_score(expected.total)


def test_a_row_per_criterion_with_its_answer_and_live_formulas(agency):
    full_case(agency)
    doc = lhe_build(agency, YEAR)
    ws = lke_workbook(doc)["LKE"]
    rows = rows_by_code(ws)
    for criterion in doc.rubric.criteria:
        row = rows[criterion.code]
        assert ws.cell(row, 2).value == criterion.text
        assert ws.cell(row, 3).value == criterion.answer_type
        assert ws.cell(row, 4).value == doc.answer_of(criterion.code).answer
        assert str(ws.cell(row, 5).value).startswith("=IF(D")  # the value follows the answer typed
    for code in ("1", "1.a", "4.c"):
        assert str(ws.cell(rows[code], 7).value).startswith("=IF(COUNT(")
    assert str(ws.cell(label_row(ws, "Predikat"), 7).value).startswith("=IF(ISNUMBER(")


@pytest.mark.parametrize("case", ["mixed", "best", "worst", "incomplete", "bound"])
def test_the_formulas_evaluate_to_what_the_scoring_computes(agency, case):
    evaluation = evaluated(agency, YEAR, {}, issued=False)
    rubric = evaluation.rubric.rubric
    answers = {"mixed": mixed, "best": best, "worst": worst}.get(case, mixed)(rubric)
    if case == "incomplete":
        answers.pop("3.c.2")
    if case == "bound":  # component 1 at its worst: exactly 70,00, which is B, not BB
        answers |= {code: value for code, value in worst(rubric).items() if code.startswith("1.")}
    evaluation.answers.all().delete()
    evaluated(agency, YEAR, answers, issued=False)
    ws = lke_sheet(agency)
    check_against_scoring(ws, rubric, answers)


def test_changing_an_answer_in_the_sheet_recomputes_the_score_and_predicate(agency):
    evaluation = evaluated(agency, YEAR, {}, issued=False)
    rubric = evaluation.rubric.rubric
    answers = best(rubric)
    evaluated(agency, YEAR, answers, issued=False)
    ws = lke_sheet(agency)
    rows = rows_by_code(ws)
    for code in [c.code for c in rubric.criteria if c.code.startswith("2.")]:  # component 2 all at its worst
        answers[code] = rubric.options(rubric.criterion(code))[-1].answer
        ws.cell(rows[code], 4).value = answers[code]
    check_against_scoring(ws, rubric, answers)  # 70,00: B


def test_the_same_data_gives_the_same_bytes_and_a_draft_says_so(agency):
    full_case(agency, issued=False)
    first = lke_workbook_bytes(lhe_build(agency, YEAR))
    assert lke_workbook_bytes(lhe_build(agency, YEAR)) == first
    ws = load_workbook(io.BytesIO(first))["LKE"]
    assert ws["A1"].value.startswith("DRAF")
    assert load_workbook(io.BytesIO(first)).sheetnames == ["LKE", "Predikat"]
