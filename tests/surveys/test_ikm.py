"""Community satisfaction index, PermenPAN-RB 14/2017 (surveys.ikm)."""

from decimal import Decimal

import pytest

from sakip.numbers import format_number, round_half_up
from surveys.ikm import MUTU_SCALES, WEIGHTS, ikm, mutu, nrr, skm

D = Decimal

# Tangerang Selatan 2021: totals of the 9 unsur from 56 questionnaires.
TANGSEL_TOTALS = [175, 170, 170, 201, 169, 175, 181, 176, 164]
TANGSEL_NRR = [nrr(D(total), D(56)) for total in TANGSEL_TOTALS]


def test_nrr_is_mean_score_per_unsur():
    assert TANGSEL_NRR[0] == D(175) / D(56)
    assert nrr(D(175), D(56)) == D(175) / D(56)  # computed here too, not only when the module is imported
    assert nrr(7, 2) == D("3.5")
    assert round_half_up(TANGSEL_NRR[3], 2) == D("3.59")
    assert nrr(D(10), D(0)) is None
    assert nrr(None, D(56)) is None
    assert nrr(D(175), None) is None


def test_tangsel_2021_with_the_printed_weight_reproduces_the_report():
    index = ikm(TANGSEL_NRR, weight="0.11")
    assert abs(index - D("3.1055")) < D("0.0001")
    assert format_number(index) == "3,11"
    assert round_half_up(skm(index), 2) == D("77.64")
    assert mutu(skm(index)).letter == "B"


def test_tangsel_2021_with_exact_weights():
    index = ikm(TANGSEL_NRR)
    assert index == ikm(TANGSEL_NRR, weight="exact")
    assert abs(index - D(1581) / D(504)) < D("1e-25")
    assert round_half_up(skm(index), 2) == D("78.42")
    band = mutu(skm(index))
    assert (band.letter, band.label) == ("B", "Baik")


def test_exact_weight_of_equal_nrrs_is_that_nrr():
    assert ikm([D(3)] * 9) == D(3)
    assert skm(ikm([D(4)] * 9)) == D(100)
    assert skm(ikm([D(1)] * 9)) == D(25)


def test_no_ikm_with_a_missing_unsur_or_no_unsur():
    assert ikm([D(3), None, D(3)]) is None
    assert ikm([]) is None
    assert skm(None) is None


def test_unknown_weight_is_refused():
    assert WEIGHTS == ("exact", "0.11")
    with pytest.raises(ValueError, match="Unknown IKM weight"):
        ikm([D(3)], weight="0.111")


@pytest.mark.parametrize(
    ("value", "letter"),
    [
        ("100", "A"),
        ("100.004", "A"),  # rounds to 100,00
        ("88.31", "A"),
        ("88.305", "A"),  # rounds to 88,31
        ("88.3049", "B"),  # rounds to 88,30, not lost in the regulation's gap
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.995", "C"),
        ("64.99", "D"),
        ("25.00", "D"),
        ("24.995", "D"),
    ],
)
def test_mutu_14_2017_band_edges_on_the_rounded_skm(value, letter):
    assert mutu(D(value)).letter == letter


@pytest.mark.parametrize(
    ("value", "letter"),
    [
        ("81.26", "A"),
        ("81.25", "B"),
        ("62.51", "B"),
        ("62.50", "C"),
        ("43.76", "C"),
        ("43.75", "D"),
        ("25", "D"),
    ],
)
def test_mutu_16_2014_band_edges(value, letter):
    assert mutu(D(value), scale="16/2014").letter == letter


def test_mutu_labels_are_the_regulation_words():
    for bands in MUTU_SCALES.values():
        assert [(m.letter, m.label) for m in bands] == [
            ("A", "Sangat Baik"),
            ("B", "Baik"),
            ("C", "Kurang Baik"),
            ("D", "Tidak Baik"),
        ]


def test_no_mutu_outside_the_scale_or_without_skm():
    assert mutu(None) is None
    assert mutu(D("24.99")) is None
    assert mutu(D("100.01")) is None
    with pytest.raises(ValueError, match="Unknown IKM quality scale"):
        mutu(D(80), scale="99/2099")


def test_the_figures_do_not_depend_on_the_callers_decimal_precision():
    """A caller working at 3 significant digits must not change a digit of the NRR, IKM or SKM."""
    from decimal import Context, localcontext

    def everything():
        nrrs = [nrr(D(total), D(56)) for total in TANGSEL_TOTALS]
        index = ikm(nrrs, weight="exact")
        return nrrs, index, ikm(nrrs, weight="0.11"), skm(index)

    expected = everything()
    with localcontext(Context(prec=3)):
        assert everything() == expected
