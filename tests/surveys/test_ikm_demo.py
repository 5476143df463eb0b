"""The Tangerang Selatan 2021 acceptance figures, from typed totals and from raw questionnaires."""

from decimal import Decimal

import pytest

from reports.readmodel.build import report_build
from sakip.numbers import format_number, round_half_up
from surveys.models import SatisfactionSurvey
from surveys.responses import parse_responses, responses_replace, survey_result
from tests.surveys.helpers import TANGSEL_N, TANGSEL_TOTALS, as_csv, questionnaires

YEAR = 2021
# Printed in the LKjIP 2021 (0,11 weight) and what exact 1/9 weights give for the same totals.
EXPECTED = {"0.11": "77,64", "exact": "78,42"}


def _elements(totals=TANGSEL_TOTALS, n=TANGSEL_N):
    return [(f"U{k}", f"Unsur {k}", Decimal(t), Decimal(n)) for k, t in enumerate(totals, start=1)]


def _skm_by_hand(weight):
    """SKM from the regulation's formula, written out: Σ (total ÷ n) × w × 25."""
    w = Decimal("0.11") if weight == "0.11" else Decimal(1) / len(TANGSEL_TOTALS)
    mean_sum = sum(Decimal(t) / TANGSEL_N for t in TANGSEL_TOTALS)
    return mean_sum * w * 25


@pytest.mark.parametrize("weight", ["0.11", "exact"])
def test_typed_totals_give_the_reported_skm_and_mutu_b(weight):
    result = survey_result(_elements(), weight=weight, scale="14/2017")
    assert format_number(result.skm, 2) == EXPECTED[weight]
    assert round_half_up(result.skm, 6) == round_half_up(_skm_by_hand(weight), 6)
    assert result.mutu.letter == "B"
    assert result.skm == result.ikm * 25
    # Per unsur: NRR = total ÷ 56; the lowest (U9, 164) is the improvement priority.
    assert [e.nrr for e in result.elements] == [Decimal(t) / TANGSEL_N for t in TANGSEL_TOTALS]
    assert [e.code for e in result.priorities] == ["U9"]
    assert result.elements[8].converted == Decimal(164) / TANGSEL_N * 25


def test_the_older_mutu_table_is_selectable():
    # 77,64 lies in B (62,51–81,25) on the 16/2014 table too; an SKM of 82 separates the tables.
    totals = [Decimal(82 * 56) / 25] * 9  # NRR 3,28 → SKM 82
    elements = [(f"U{k}", "", t, Decimal(56)) for k, t in enumerate(totals, start=1)]
    assert survey_result(elements, weight="exact", scale="14/2017").mutu.letter == "B"
    assert survey_result(elements, weight="exact", scale="16/2014").mutu.letter == "A"


def test_a_missing_total_leaves_the_index_unknown_not_zero():
    elements = _elements()
    elements[3] = ("U4", "", None, Decimal(56))
    result = survey_result(elements, weight="exact", scale="14/2017")
    assert result.ikm is None and result.skm is None and result.mutu is None


def test_generated_questionnaires_sum_to_the_published_totals():
    rows = questionnaires()
    assert len(rows) == TANGSEL_N
    assert all(1 <= s <= 4 for row in rows for s in row["scores"])
    assert [sum(row["scores"][k] for row in rows) for k in range(9)] == list(TANGSEL_TOTALS)


@pytest.mark.parametrize("weight", ["0.11", "exact"])
def test_raw_questionnaires_give_the_same_figure_in_the_report(demo_agency, weight):
    government = demo_agency.government
    government.ikm_weight = weight
    government.save()
    survey = SatisfactionSurvey.objects.get(agency=demo_agency, year=YEAR)
    survey.elements.update(total=None, answered=None)  # forget the typed totals: responses must give them
    responses_replace(survey, parse_responses("kuesioner.csv", as_csv(questionnaires())))

    elements = list(survey.elements.order_by("position"))
    assert [e.total for e in elements] == [Decimal(t) for t in TANGSEL_TOTALS]
    assert {e.answered for e in elements} == {Decimal(TANGSEL_N)}
    report = report_build(agency=demo_agency, year=YEAR)
    result = next(s for s in report.surveys if s.year == YEAR)
    assert format_number(result.skm, 2) == EXPECTED[weight]
    assert result.mutu.letter == "B"
