"""The evaluator's LKE worksheet (Lembar Kerja Evaluasi) as xlsx, with live formulas for every score: a row per
criterion (code, text, answer type, the evaluator's answer and its value, looked up from the answer by a formula),
per sub-component the mean of its values × its weight (or, for a sum-of-points rubric, the sum of value × points),
per component the sum of its sub-components, the total and the predicate from the rubric's table. Change an answer
in Excel and everything above it follows. The formulas compute exactly what `evaluation.scoring` computes: a
sub-component, component or total stays blank until every criterion under it is answered, and the predicate is
read off the total rounded to two decimals (tests/reports/lhe/test_workbook.py evaluates them).
Same document, same bytes (`sakip.xlsx.workbook_bytes`).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook

from evaluation.rubric import Criterion, PredicateBand, Rubric
from sakip.numbers import canonical_str
from sakip.spreadsheet import Formula, set_cell
from sakip.xlsx import Column, Sheet, cell_refs, new_workbook, workbook_bytes

from .document import DRAFT_MARK, LheDocument

VALUE, WEIGHT, SCORE = "E", "F", "G"  # the columns the formulas read
COLUMNS = [
    Column("Kode", width=9),
    Column("Komponen / subkomponen / kriteria", "long"),
    Column("Jenis jawaban", width=10),
    Column("Jawaban evaluator", width=11),
    Column("Nilai jawaban", "measure"),
    Column("Bobot", "measure"),
    Column("Nilai", "measure"),
    Column("Catatan evaluator", "long"),
]
TEXT_KINDS = ["text", "long", "text", "text", "measure", "measure", "measure", "long"]


def _number(value: Decimal) -> str:
    return canonical_str(value)


def answer_value_formula(rubric: Rubric, criterion: Criterion, row: int) -> Formula:
    """The value of the answer typed in column D: each option of the answer type in turn, blank otherwise."""
    answer = f"D{row}"
    formula = '""'
    for option in reversed(rubric.options(criterion)):
        formula = f'IF({answer}="{option.answer}",{_number(option.value)},{formula})'
    return Formula(f"={formula}")


def predicate_formula(rubric: Rubric, total: str) -> Formula:
    """The predicate of the total as printed (two decimals): the bands from the top, each by its lower bound."""
    bands: list[PredicateBand] = sorted(rubric.predicates, key=lambda band: band.lower, reverse=True)
    shown = f"ROUND({total},2)"
    formula = f'"{bands[-1].code}"'
    for band in reversed(bands[:-1]):
        op = ">=" if band.lower_inclusive else ">"
        formula = f'IF({shown}{op}{_number(band.lower)},"{band.code}",{formula})'
    return Formula(f'=IF(ISNUMBER({total}),{formula},"")')


def lke_workbook(document: LheDocument) -> Workbook:
    rubric = document.rubric
    title = f"LKE AKIP {document.year} {document.agency.name}"
    wb = new_workbook(title, datetime(document.year, 12, 31))
    heading = f"Lembar Kerja Evaluasi AKIP {document.agency.name} Tahun {document.year}"
    if document.draft:
        heading = f"{DRAFT_MARK} — {heading}"
    sheet = Sheet(
        wb,
        "LKE",
        COLUMNS,
        heading=heading,
        subtitle=f"{rubric.title} ({rubric.regulation}); {document.letterhead.inspectorate}",
        page_header=f"LKE AKIP {document.year} — {document.agency.name}",
    )
    points = rubric.scoring_method == "sum_of_points"
    component_rows: list[int] = []
    for component in rubric.components:
        component_row = sheet.add(
            [component.code, component.name, "", "", None, component.weight], style="group"
        )
        sub_rows: list[int] = []
        for sub in component.sub_components:
            sub_row = sheet.add([sub.code, sub.name, "", "", None, sub.weight], style="group")
            criterion_rows: list[int] = []
            for criterion in sub.criteria:
                answer = document.answer_of(criterion.code)
                row = sheet.row_number + 1
                sheet.add(
                    [
                        criterion.code,
                        criterion.text,
                        criterion.answer_type,
                        (answer.answer if answer else None) or "",
                        answer_value_formula(rubric, criterion, row),
                        criterion.points if points else None,
                        None,
                        answer.note if answer else "",
                    ],
                    kinds=TEXT_KINDS,
                )
                criterion_rows.append(row)
            values = cell_refs(VALUE, criterion_rows)
            count = len(criterion_rows)
            _set(sheet, sub_row, VALUE, f'=IF(COUNT({values})=0,"",SUM({values})/COUNT({values}))')
            if points:
                weights = cell_refs(WEIGHT, criterion_rows)
                value = f"SUMPRODUCT({values}*{weights})"
            else:
                value = f"{VALUE}{sub_row}*{WEIGHT}{sub_row}"
            _set(sheet, sub_row, SCORE, f'=IF(COUNT({values})={count},{value},"")')
            sub_rows.append(sub_row)
        _set(sheet, component_row, SCORE, _complete_sum(sub_rows))
        component_rows.append(component_row)
    total_row = sheet.add(
        ["", "Nilai hasil evaluasi", "", "", None, sum((c.weight for c in rubric.components), Decimal(0))],
        style="total",
    )
    _set(sheet, total_row, SCORE, _complete_sum(component_rows))
    predicate_row = sheet.add(["", "Predikat", "", "", None, None, None, ""], style="total", kinds=TEXT_KINDS)
    _set(sheet, predicate_row, SCORE, predicate_formula(rubric, f"{SCORE}{total_row}"))
    sheet.ws.cell(predicate_row, 7).number_format = "General"
    sheet.finish()
    _predicate_table(wb, rubric, document)
    return wb


def _complete_sum(rows: list[int]) -> str:
    """The sum of the rows' scores, blank while any of them is (unknown is not zero)."""
    refs = cell_refs(SCORE, rows)
    return f'=IF(COUNT({refs})={len(rows)},SUM({refs}),"")'


def _set(sheet: Sheet, row: int, column: str, formula: str) -> None:
    set_cell(sheet.ws[f"{column}{row}"], Formula(formula))


def _predicate_table(wb: Workbook, rubric: Rubric, document: LheDocument) -> None:
    sheet = Sheet(
        wb,
        "Predikat",
        [
            Column("Predikat", width=10),
            Column("Sebutan", width=18),
            Column("Rentang nilai", width=18),
            Column("Makna", "long"),
        ],
        heading="Tabel predikat",
        subtitle=f"{rubric.title} ({rubric.regulation})",
        page_header=f"LKE AKIP {document.year} — {document.agency.name}",
    )
    for band in rubric.predicates:
        sheet.add([band.code, band.label, band.range_text, band.meaning])
    sheet.finish()


def lke_workbook_bytes(document: LheDocument) -> bytes:
    return workbook_bytes(lke_workbook(document))
