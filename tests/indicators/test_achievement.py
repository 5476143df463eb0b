"""Capaian of indicators: yearly, quarterly, cumulative, per objective (indicators.achievement)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.achievement import (
    against_standard,
    annual_from_quarters,
    capaian,
    cumulative_realisation,
    cumulative_to_date,
    default_quarter_mode,
    difference,
    effective_quarter_mode,
    growth,
    is_achieved,
    objective_capaian,
    quarter_capaians,
    ratio_value,
    renstra_progress,
    target_for_year,
    trend,
)
from sakip.grades import DEFAULT_GRADE_SCALE, GRADE_SCALES, GradeError
from sakip.numbers import round_half_up

D = Decimal
PROPERTY = settings(database=None, deadline=None, max_examples=200)


def shown(value):
    """What a report prints (2 places, half-up)."""
    return None if value is None else round_half_up(value, 2)


# --- target of the year -----------------------------------------------------------------------------------


def test_revised_pk_target_wins_then_pk_then_renstra():
    assert target_for_year(renstra=D(10), pk=D(12), pk_revised=D(11)) == D(11)
    assert target_for_year(renstra=D(10), pk=D(12), pk_revised=None) == D(12)
    assert target_for_year(renstra=D(10), pk=None, pk_revised=None) == D(10)
    assert target_for_year(renstra=None, pk=None, pk_revised=None) is None
    assert target_for_year(renstra="BB", pk="B", pk_revised=None) == "B"


def test_a_zero_pk_target_is_a_target_not_missing():
    assert target_for_year(renstra=D(5), pk=D(0), pk_revised=None) == D(0)


# --- capaian ------------------------------------------------------------------------------------------------


def test_higher_polarity_is_realisation_over_target_and_never_capped():
    assert capaian(D(50), D(157)) == D(314)
    assert shown(capaian(D(1715), D(1500))) == D("87.46")
    assert capaian(D(10), D(0)) == D(0)


def test_lower_polarity_uses_the_lan_formula_floored_at_zero():
    # inflation target 3 %, realised 2,4 % → (6 − 2,4) ÷ 3 × 100 = 120
    assert capaian(D(3), D("2.4"), polarity="lower") == D(120)
    assert capaian(D(3), D(3), polarity="lower") == D(100)
    assert capaian(D(3), D("4.5"), polarity="lower") == D(50)
    assert capaian(D(3), D(9), polarity="lower") == D(0)  # would be −100
    assert capaian(D(10), D(0), polarity="lower") == D(200)


def test_no_capaian_without_target_or_realisation():
    assert capaian(D(0), D(12)) is None
    assert capaian(D(0), D(0), polarity="lower") is None
    assert capaian(None, D(12)) is None
    assert capaian(D(12), None) is None


def test_grade_capaian_is_value_ratio_capped_at_100():
    assert capaian("B", "B", kind="grade") == D(100)
    assert capaian("BB", "A", kind="grade") == D(100)  # better than targeted is simply met
    assert shown(capaian("BB", "B", kind="grade")) == D("80.00")
    assert capaian("bb", "cc", kind="grade") == D(60)  # letters are case-insensitive
    assert capaian("B", "C", kind="grade", polarity="lower") == D(50)  # polarity does not apply to grades
    assert capaian("B", None, kind="grade") is None


def test_unknown_grade_or_scale_is_a_clear_error():
    with pytest.raises(GradeError, match="Nilai huruf 'E' tidak ada.* / Grade 'E' is not on"):
        capaian("B", "E", kind="grade")
    with pytest.raises(GradeError, match="Unknown grade scale"):
        capaian("B", "B", kind="grade", grade_scale="nope")


def test_akip_grade_scale():
    assert DEFAULT_GRADE_SCALE == "akip"
    assert GRADE_SCALES["akip"] == {"D": 1, "C": 2, "CC": 3, "B": 4, "BB": 5, "A": 6, "AA": 7}


def test_capaian_keeps_full_precision():
    value = capaian(D(3), D(1))
    assert value == D(100) / D(3)
    assert shown(value) == D("33.33")


def test_unknown_polarity_is_refused():
    with pytest.raises(ValueError, match="Unknown polarity"):
        capaian(D(1), D(1), polarity="upper")


def test_ratio_indicator_value():
    assert shown(ratio_value(D(130), D(375))) == D("34.67")
    assert ratio_value(D(3), D(4), D(1000)) == D(750)
    assert ratio_value(D(3), D(0)) is None
    assert ratio_value(None, D(4)) is None
    assert ratio_value(D(3), None) is None


# --- quarters -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "mode"),
    [
        ("percent", "level"),
        ("index", "level"),
        ("grade", "level"),
        ("number", "increment"),
        ("currency", "increment"),
    ],
)
def test_default_quarter_mode_by_kind(kind, mode):
    assert default_quarter_mode(kind) == mode
    assert effective_quarter_mode(kind, None) == mode
    assert effective_quarter_mode(kind, "") == mode


def test_explicit_quarter_mode_wins():
    assert effective_quarter_mode("percent", "increment") == "increment"
    # except for letter grades, which cannot be added up (one stored before the form refused it)
    assert effective_quarter_mode("grade", "increment") == "level"
    with pytest.raises(ValueError):
        default_quarter_mode("colour")


def test_annual_from_quarters():
    assert annual_from_quarters([D(0), D(126), D(100), D(200)], "increment") == D(426)
    assert annual_from_quarters([D(10), None, D(5), None], "increment") == D(15)
    assert annual_from_quarters([D(60), D(70), D(72), None], "level") == D(72)
    assert annual_from_quarters(["C", "CC", None, None], "level") == "CC"
    assert annual_from_quarters([None] * 4, "increment") is None
    assert annual_from_quarters([None] * 4, "level") is None
    with pytest.raises(GradeError):
        annual_from_quarters(["B", "B"], "increment")
    with pytest.raises(ValueError):
        annual_from_quarters([D(1)], "sum")


def test_cumulative_to_date():
    values = [D(240), None, D(16), D(0)]
    assert cumulative_to_date(values, 0) == D(240)
    assert cumulative_to_date(values, 1) == D(240)
    assert cumulative_to_date(values, 3) == D(256)
    assert cumulative_to_date([None, None, D(1), D(1)], 1) is None


def test_increment_quarter_capaian_compares_cumulative_figures():
    result = quarter_capaians([D(50), D(100), D(70), D(80)], [D(240), D(0), D(16), D(0)], mode="increment")
    assert result[:2] == [D(480), D(160)]
    assert [shown(c) for c in result[2:]] == [D("116.36"), D("85.33")]
    assert result[2] == D(25600) / D(220)


def test_increment_quarters_with_zero_targets_to_date_have_no_capaian():
    assert quarter_capaians([D(0), D(0), D(0), D(3)], [D(2), D(0), D(1), D(0)], mode="increment") == [
        None,
        None,
        None,
        D(100),
    ]
    assert quarter_capaians([D(0), D(1), D(0), D(1)], [D(0)] * 4, mode="increment") == [
        None,
        D(0),
        D(0),
        D(0),
    ]


def test_quarter_without_realisation_has_no_capaian_yet():
    result = quarter_capaians([D(50), D(100), D(70), D(80)], [D(40), D(120), None, None], mode="increment")
    assert result == [D(80), D(160) * D(100) / D(150), None, None]
    assert quarter_capaians([D(1)] * 4, [], mode="level") == [None] * 4


def test_level_quarter_capaian_compares_each_reading():
    result = quarter_capaians(
        [D(60), D(65), D(70), D(75)],
        [D(66), D(65), D(63), None],
        mode="level",
        polarity="higher",
        kind="percent",
    )
    assert result == [D(110), D(100), D(90), None]
    lower = quarter_capaians([D(4)] * 4, [D(3), D(4), D(5), D(9)], mode="level", polarity="lower")
    assert lower == [D(125), D(100), D(75), D(0)]
    grades = quarter_capaians(["B"] * 4, ["C", "B", "A", None], mode="level", kind="grade")
    assert grades == [D(50), D(100), D(100), None]


def test_quarter_capaians_refuse_bad_input():
    with pytest.raises(ValueError):
        quarter_capaians([D(1)] * 5, [D(1)] * 4, mode="increment")
    with pytest.raises(ValueError):
        quarter_capaians([D(1)] * 4, [D(1)] * 4, mode="monthly")


# --- cumulative indicators, objectives, comparisons ---------------------------------------------------------


def test_cumulative_realisation_sums_from_the_renstra_first_year():
    yearly = {2018: D(270), 2019: D(275), 2020: D(275), 2021: D(475)}
    assert cumulative_realisation(yearly, start_year=2018, year=2021) == D(1295)
    assert cumulative_realisation(yearly, start_year=2018, year=2019) == D(545)
    assert cumulative_realisation({**yearly, 2022: None}, start_year=2018, year=2022) is None
    # a missing earlier year adds nothing
    assert cumulative_realisation({2018: D(270), 2020: D(275)}, start_year=2018, year=2020) == D(545)


def test_objective_capaian_is_the_mean_of_available_indicators():
    a, b = D(46300) / D(360), D(325) / D(3)  # 128,6111… and 108,3333…
    mean = objective_capaian([a, b, None])
    assert mean == (a + b) / 2
    assert shown(mean) == D("118.47")
    assert objective_capaian([]) is None
    assert objective_capaian([None, None]) is None


def test_objective_capaian_optional_cap_applies_before_averaging():
    assert objective_capaian([D(314), D(80)]) == D(197)
    assert objective_capaian([D(314), D(80)], cap=D(120)) == D(100)
    assert objective_capaian([D(100), D(80)], cap=D(120)) == D(90)


def test_renstra_progress():
    assert renstra_progress(D(1295), D(1500)) == D(1295) * 100 / D(1500)
    assert renstra_progress(D(1800), D(1500)) == D(120)  # not capped
    assert renstra_progress(D(10), D(0)) is None
    assert renstra_progress(None, D(10)) is None
    assert renstra_progress(D(10), None) is None
    assert renstra_progress("B", "A") == D(400) / D(6)
    assert renstra_progress("AA", "A") == D(700) / D(6)  # grades are not capped here


def test_difference_and_trend_against_previous_years():
    assert difference(D("71.43"), D("73.55")) == D("-2.12")
    assert difference(D(5), None) is None
    assert difference("B", "CC") is None
    assert trend(D("71.43"), D("73.55")) == "turun"
    assert trend(D(80), D(75)) == "naik"
    assert trend(D("1.50"), D("1.5")) == "tetap"
    assert trend(None, D(1)) is None
    assert trend("BB", "B") == "naik"


def test_growth():
    assert growth(D(110), D(100)) == D(10)
    assert growth(D(90), D(120)) == D(-25)
    assert growth(D(90), D(0)) is None
    assert growth(D(90), None) is None
    assert growth(None, D(90)) is None


def test_is_achieved():
    assert is_achieved(D(100)) is True
    assert is_achieved(D("99.999")) is False
    assert is_achieved(D(314)) is True
    assert is_achieved(None) is None


# --- properties ---------------------------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
optional_amounts = st.one_of(st.none(), amounts)


@PROPERTY
@given(st.lists(optional_amounts, min_size=4, max_size=4))
def test_increment_annual_equals_the_last_cumulative_to_date(quarters):
    assert annual_from_quarters(quarters, "increment") == cumulative_to_date(quarters, 3)


@PROPERTY
@given(amounts.filter(lambda t: t > 0), amounts)
def test_lower_polarity_is_never_negative_and_mirrors_higher_around_the_target(target, realisation):
    lower = capaian(target, realisation, polarity="lower")
    higher = capaian(target, realisation)
    assert lower >= 0
    if realisation <= 2 * target:
        assert abs(lower + higher - 200) < D("1e-20")


@PROPERTY
@given(st.lists(st.one_of(st.none(), st.decimals(min_value=0, max_value=1000, places=4)), max_size=8))
def test_objective_mean_lies_between_its_indicators(capaians):
    mean = objective_capaian(capaians)
    known = [c for c in capaians if c is not None]
    if not known:
        assert mean is None
    else:
        assert min(known) - D("1e-20") <= mean <= max(known) + D("1e-20")


# --- found by mutation testing (docs/testing.md) ---------------------------------------------------------
def test_the_figures_do_not_depend_on_the_callers_decimal_precision():
    """A caller working at 3 significant digits (a chart, a library) must not change a digit of a capaian,
    a sum of quarters, a ratio, a growth or a difference."""
    from decimal import Context, localcontext

    def everything():
        return (
            ratio_value(D(130), D(375)),
            capaian(D("22"), D("22.73")),
            capaian(D("22"), D("22.73"), polarity="lower"),
            capaian("BB", "B"),
            annual_from_quarters([D("41.25"), D("35.5"), D("11.3"), D(1000)], "increment"),
            cumulative_to_date([D("41.25"), D("35.5"), D("11.3"), D(1000)], 3),
            cumulative_realisation(
                {2019: D("270.5"), 2020: D("275.25"), 2021: D(100000)}, start_year=2019, year=2021
            ),
            objective_capaian([D("314"), D("120"), D("103.32")]),
            renstra_progress(D("22.73"), D("23")),
            difference(D("22.73"), D("100000")),
            growth(D("22.73"), D("22.21")),
        )

    expected = everything()
    with localcontext(Context(prec=3)):
        assert everything() == expected


def test_a_grade_indicator_compares_grade_values_and_is_capped_at_100():
    assert capaian(D(4), D(5), kind="grade") == D(100)  # grade values typed as numbers: still capped
    assert capaian(D(0), D(5), kind="grade") is None
    assert capaian("D", "C") == D(100)  # D = 1: a target of value 1 is a target
    assert capaian("B", D(5)) == D(100)  # a letter target against a numeric grade value
    assert capaian(D(4), "BB") == D(100)
    assert quarter_capaians([D(4)] * 4, [D(5)] * 4, mode="level", kind="grade") == [D(100)] * 4
    assert quarter_capaians([D(4)] * 4, [D(5)] * 4, mode="increment", kind="grade") == [D(100)] * 4


def test_grade_values_of_numbers_and_letters():
    from sakip.grades import grade_value

    assert grade_value(D(3)) == D(3) and grade_value(3) == D(3)
    with pytest.raises(GradeError) as refused:
        grade_value("Z")
    assert str(refused.value) == (
        "Nilai huruf 'Z' tidak ada pada skala 'akip' (D, C, CC, B, BB, A, AA). / "
        "Grade 'Z' is not on the 'akip' scale (D, C, CC, B, BB, A, AA)."
    )


def test_an_unknown_grade_scale_is_refused_everywhere_not_read_as_akip():
    for compute in (
        lambda: capaian("B", "BB", grade_scale="sakip-x"),
        lambda: quarter_capaians(["B"], ["BB"], mode="level", grade_scale="sakip-x"),
        lambda: capaian("B", D(4), grade_scale="sakip-x"),
        lambda: capaian(D(4), "BB", grade_scale="sakip-x"),
        lambda: renstra_progress("B", "BB", grade_scale="sakip-x"),
        lambda: renstra_progress(D(4), "BB", grade_scale="sakip-x"),
        lambda: renstra_progress("BB", D(4), grade_scale="sakip-x"),
        lambda: trend("B", "BB", grade_scale="sakip-x"),
        lambda: trend(D(4), "BB", grade_scale="sakip-x"),
        lambda: trend("BB", D(4), grade_scale="sakip-x"),
    ):
        with pytest.raises(GradeError, match="Unknown grade scale: 'sakip-x'"):
            compute()


def test_grades_mixed_with_numbers_compare_by_grade_value():
    assert renstra_progress("B", D(8)) == D(50)
    assert renstra_progress(D(2), "B") == D(50)
    assert trend("BB", "B") == "naik" and trend("B", "BB") == "turun" and trend("B", "B") == "tetap"
    assert trend("B", D(3)) == "naik" and trend(D(5), "BB") == "tetap"
    # Differences and growth of grades mean nothing: none, even when only one side is a letter.
    assert difference("B", D(4)) is None and difference(D(4), "B") is None
    assert growth("B", D(4)) is None and growth(D(4), "B") is None


def test_grades_cannot_be_summed_and_the_message_says_where():
    with pytest.raises(GradeError) as refused:
        annual_from_quarters(["B", "A"], "increment")
    assert str(refused.value) == (
        "Nilai huruf 'B' tidak dapat dijumlahkan (triwulan). / Grade 'B' cannot be added up (triwulan)."
    )
    with pytest.raises(GradeError, match=r"\(triwulan\)\.$"):
        cumulative_to_date([D(1), "B"], 1)
    with pytest.raises(GradeError, match=r"\(kumulatif\)\.$"):
        cumulative_realisation({2020: "B", 2021: D(1)}, start_year=2020, year=2021)


def test_unknown_kinds_and_modes_and_too_many_quarters_are_refused_with_their_reason():
    with pytest.raises(ValueError) as refused:
        default_quarter_mode("rasio")
    assert str(refused.value) == "Jenis indikator tidak dikenal: 'rasio'. / Unknown indicator kind: 'rasio'."
    for compute in (
        lambda: annual_from_quarters([D(1)], "rata-rata"),
        lambda: quarter_capaians([D(1)], [D(1)], mode="rata-rata"),
    ):
        with pytest.raises(ValueError) as refused:
            compute()
        assert str(refused.value) == (
            "Mode triwulan tidak dikenal: 'rata-rata'. / Unknown quarter mode: 'rata-rata'."
        )
    with pytest.raises(ValueError) as refused:
        quarter_capaians([D(1)] * 5, [D(1)] * 4, mode="level")
    assert str(refused.value) == "Target: lebih dari 4 triwulan. / Target: more than 4 quarters."
    with pytest.raises(ValueError) as refused:
        quarter_capaians([D(1)] * 4, [D(1)] * 5, mode="level")
    assert str(refused.value) == "Realisasi: lebih dari 4 triwulan. / Realisasi: more than 4 quarters."


def test_lower_polarity_holds_for_cumulative_quarters():
    """Complaints per quarter against a cumulative ceiling: half the allowed count is 150 % (the LAN formula)."""
    assert quarter_capaians([D(10)] * 4, [D(5)] * 4, mode="increment", polarity="lower") == [D(150)] * 4


def test_a_level_reading_is_a_decimal_even_when_given_as_an_int():
    annual = annual_from_quarters([1, 2], "level")
    assert annual == D(2) and isinstance(annual, Decimal)


def test_a_cumulative_realisation_starts_at_the_renstras_first_year():
    """The realisation of the previous Renstra period (2015) is not part of this plan's cumulative total."""
    yearly = {2015: D(1000), 2016: D(270), 2017: D(275)}
    assert cumulative_realisation(yearly, start_year=2016, year=2017) == D(545)


# --- which target set (issue 18, point 3) ------------------------------------------------------------------
def test_target_source_names_the_set_target_for_year_takes():
    from indicators.achievement import target_source

    assert target_source(renstra=D(10), pk=D(12), pk_revised=D(11)) == "pk_revised"
    assert target_source(renstra=D(10), pk=D(12), pk_revised=None) == "pk"
    assert target_source(renstra=D(10), pk=None, pk_revised=None) == "renstra"
    assert target_source(renstra=None, pk=None, pk_revised=None) is None
    # a letter grade is a target like any other
    assert target_source(renstra=None, pk="BB", pk_revised=None) == "pk"


def test_target_set_counts_in_preference_order_with_missing_last():
    from indicators.achievement import target_set_counts

    counts = target_set_counts(["renstra", "pk", None, "pk", "pk_revised"])
    assert list(counts.items()) == [("pk_revised", 1), ("pk", 2), ("renstra", 1), ("none", 1)]
    assert target_set_counts(["pk", "pk"]) == {"pk": 2}


# --- the whole Renstra series (issue 18, point 6) ----------------------------------------------------------
def test_series_years_is_three_years_before_the_plans_final_year():
    from indicators.achievement import series_years

    assert series_years(year=2019, start_year=2016, end_year=2021) == (2017, 2018, 2019)


def test_series_years_runs_from_the_plans_first_year_in_its_final_year():
    from indicators.achievement import series_years

    assert series_years(year=2021, start_year=2016, end_year=2021) == tuple(range(2016, 2022))


def test_series_years_on_request_and_refused_on_request():
    from indicators.achievement import series_years

    assert series_years(year=2019, start_year=2016, end_year=2021, whole_series=True) == (
        2016,
        2017,
        2018,
        2019,
    )
    assert series_years(year=2021, start_year=2016, end_year=2021, whole_series=False) == (2019, 2020, 2021)
    # the plan's first year: nothing before it to show, the series is that year alone
    assert series_years(year=2016, start_year=2016, end_year=2021, whole_series=True) == (2016,)


# --- provisional realisations and grades (issue 18, point 12) ----------------------------------------------
def test_verdict_counts_a_provisional_capaian_apart():
    from indicators.achievement import verdict

    assert verdict(D(100)) == "achieved"
    assert verdict(D("99.99")) == "missed"
    assert verdict(None) == "unmeasured"
    assert verdict(D(100), provisional=True) == "provisional"
    assert verdict(D(50), provisional=True) == "provisional"
    assert verdict(None, provisional=True) == "unmeasured"


def test_grade_capaian_rule_states_the_scale_and_the_cap():
    from indicators.achievement import grade_capaian_rule

    rule = grade_capaian_rule(None)
    assert "D = 1, C = 2, CC = 3, B = 4, BB = 5, A = 6, AA = 7" in rule
    assert "nilai realisasi ÷ nilai target × 100 %" in rule
    assert "paling tinggi 100 %" in rule
    with pytest.raises(GradeError):
        grade_capaian_rule("nope")


@pytest.mark.parametrize(
    ("realisation", "standard", "polarity", "expected"),
    [
        (D("2.4"), D("2.5"), "higher", "belum memenuhi"),
        (D("2.5"), D("2.50"), "higher", "memenuhi"),
        (D("2.6"), D("2.5"), "higher", "melampaui"),
        (D("2.4"), D("2.5"), "lower", "melampaui"),  # e.g. a death rate under the SPM ceiling
        (D("2.6"), D("2.5"), "lower", "belum memenuhi"),
        ("BB", "B", "higher", "melampaui"),
        ("CC", "B", "lower", "belum memenuhi"),  # polarity does not apply to grades
        (None, D("2.5"), "higher", None),
        (D("2.5"), None, "higher", None),
    ],
)
def test_a_realisation_against_its_standard(realisation, standard, polarity, expected):
    assert against_standard(realisation, standard, polarity=polarity) == expected


def test_against_standard_refuses_an_unknown_polarity():
    with pytest.raises(ValueError, match="Unknown polarity"):
        against_standard(D(1), D(1), polarity="sideways")


@PROPERTY
@given(
    st.decimals(min_value=-(10**6), max_value=10**6, places=4),
    st.decimals(min_value=-(10**6), max_value=10**6, places=4),
)
def test_swapping_the_polarity_swaps_exceeding_and_falling_short(realisation, standard):
    higher = against_standard(realisation, standard, polarity="higher")
    lower = against_standard(realisation, standard, polarity="lower")
    swap = {"melampaui": "belum memenuhi", "belum memenuhi": "melampaui", "memenuhi": "memenuhi"}
    assert lower == swap[higher]
