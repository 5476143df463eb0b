"""Predicate bands printed next to a capaian (indicators.predicates)."""

from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from indicators.predicates import DEFAULT_SCALE, SCALES, Band, declared_scales, predicate, scale_choices

D = Decimal
PROPERTY = settings(database=None, deadline=None, max_examples=300)


def label(capaian, scale=DEFAULT_SCALE):
    band = predicate(None if capaian is None else D(capaian), scale)
    return None if band is None else band.label


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [
        ("314", "Sangat Tinggi"),
        ("91", "Sangat Tinggi"),
        ("90.995", "Tinggi"),  # displays as 91,00 but the unrounded value decides
        ("76", "Tinggi"),
        ("75.9999", "Sedang"),
        ("66", "Sedang"),
        ("65.99", "Rendah"),
        ("51", "Rendah"),
        ("50.999", "Sangat Rendah"),
        ("0", "Sangat Rendah"),
    ],
)
def test_permendagri_86_2017_band_edges(capaian, expected):
    assert label(capaian) == expected


def test_default_scale_is_permendagri_86_2017():
    assert DEFAULT_SCALE == "permendagri-86-2017"
    assert predicate(D(80)).label == "Tinggi"


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [
        ("99.9999", "Tidak Tercapai"),
        ("0", "Tidak Tercapai"),
        ("100", "Tercapai"),
        ("100.000", "Tercapai"),
        ("100.0001", "Melampaui Target"),
        ("314", "Melampaui Target"),
    ],
)
def test_target_3_exactly_100_is_tercapai(capaian, expected):
    assert label(capaian, "target-3") == expected


@pytest.mark.parametrize(
    ("capaian", "expected"),
    [
        ("90", "Sangat Baik"),
        ("89.99", "Baik"),
        ("75", "Baik"),
        ("74.99", "Cukup"),
        ("65", "Cukup"),
        ("64.99", "Kurang"),
        ("50", "Kurang"),
        ("49.99", "Sangat Kurang"),
    ],
)
def test_permendagri_54_2010_band_edges(capaian, expected):
    assert label(capaian, "permendagri-54-2010") == expected


def test_no_capaian_has_no_predicate():
    for code in SCALES:
        assert predicate(None, code) is None


def test_unknown_scale_is_refused():
    with pytest.raises(ValueError, match="Unknown predicate scale"):
        predicate(D(80), "permendagri-1-1900")


def test_scale_choices_for_forms():
    assert scale_choices() == [
        ("permendagri-86-2017", "Permendagri 86/2017"),
        ("target-3", "Capaian terhadap target"),
        ("permendagri-54-2010", "Permendagri 54/2010"),
    ]


def test_band_keys_are_slugs_of_the_labels():
    keys = {code: [band.key for band in scale.bands] for code, scale in SCALES.items()}
    assert keys["permendagri-86-2017"] == ["sangat-tinggi", "tinggi", "sedang", "rendah", "sangat-rendah"]
    assert keys["target-3"] == ["melampaui-target", "tercapai", "tidak-tercapai"]
    assert keys["permendagri-54-2010"] == ["sangat-baik", "baik", "cukup", "kurang", "sangat-kurang"]


def test_range_labels_for_the_measurement_framework_table():
    ranges = {code: [band.range_label for band in scale.bands] for code, scale in SCALES.items()}
    assert ranges["permendagri-86-2017"] == ["≥ 91", "76 ≤ x < 91", "66 ≤ x < 76", "51 ≤ x < 66", "< 51"]
    assert ranges["target-3"] == ["> 100", "= 100", "< 100"]


def test_a_fractional_bound_is_printed_with_a_decimal_comma():
    assert Band("Baik", "#1a7f37", D("90.5"), None).range_label == "≥ 90,5"
    assert Band("Cukup", "#9a6700", D("65.25"), D("90.5")).range_label == "65,25 ≤ x < 90,5"


def test_a_key_has_no_leading_or_trailing_dash_whatever_the_label():
    """Keys name CSS classes and test ids: punctuation around a label ("(Baik)", "Baik!") is dropped."""
    assert Band("(Sangat Baik)", "#0a3069", D(90), None).key == "sangat-baik"
    assert Band(" Baik! ", "#1a7f37", D(75), D(90)).key == "baik"


def _contrast_with_white(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


def test_band_colours_are_readable_with_white_text():
    for scale in SCALES.values():
        colours = [band.colour for band in scale.bands]
        assert len(set(colours)) == len(colours), f"{scale.code}: two bands share a colour"
        for colour in colours:
            assert colour.startswith("#") and len(colour) == 7
            assert _contrast_with_white(colour) >= 4.5, f"{scale.code}: {colour} is too light"


def test_target_3_colours_follow_the_usual_red_green_blue():
    colours = {band.label: band.colour for band in SCALES["target-3"].bands}
    assert colours == {"Tidak Tercapai": "#cf222e", "Tercapai": "#1a7f37", "Melampaui Target": "#0969da"}


def test_bands_are_immutable():
    band = SCALES[DEFAULT_SCALE].bands[0]
    with pytest.raises(AttributeError):
        band.label = "x"  # type: ignore[misc]
    assert Band("Sangat Tinggi", "#000000", D(1), None).key == "sangat-tinggi"


@PROPERTY
@given(st.sampled_from(sorted(SCALES)), st.decimals(min_value=-1000, max_value=10**6, places=6))
@example("target-3", D(100))
@example("permendagri-86-2017", D(91))
@example("permendagri-54-2010", D(50))
def test_every_capaian_falls_in_exactly_one_band(code, capaian):
    scale = SCALES[code]
    containing = [band for band in scale.bands if band.contains(capaian)]
    assert len(containing) == 1
    assert scale.band_for(capaian) is containing[0]


def test_a_second_scale_is_declared_beside_the_main_one():
    scales = declared_scales("permendagri-86-2017", "target-3")
    assert [s.code for s in scales.all] == ["permendagri-86-2017", "target-3"]
    assert [b.label for b in scales.indicator_predicates(D("99.5"))] == ["Sangat Tinggi", "Tidak Tercapai"]
    assert [b.label for b in scales.indicator_predicates(D("100"))] == ["Sangat Tinggi", "Tercapai"]
    assert scales.indicator_predicates(None) == (None, None)


def test_no_second_scale_when_none_or_the_same_is_declared():
    assert declared_scales("target-3", "").all == (SCALES["target-3"],)
    assert declared_scales("target-3", "target-3").per_indicator is None
    assert declared_scales("", "").main.code == DEFAULT_SCALE


def test_an_unknown_declared_scale_is_refused_in_both_languages():
    with pytest.raises(ValueError, match="Skala predikat tidak dikenal.*Unknown predicate scale"):
        declared_scales("permendagri-86-2017", "lima-tingkat")


@PROPERTY
@given(
    st.sampled_from(sorted(SCALES)),
    st.sampled_from(["", *sorted(SCALES)]),
    st.decimals(min_value=-1000, max_value=10**6, places=6),
)
@example("permendagri-86-2017", "target-3", D(100))
def test_each_declared_scale_grades_a_capaian_as_that_scale_alone_would(main, second, capaian):
    scales = declared_scales(main, second)
    bands = scales.indicator_predicates(capaian)
    assert len(bands) == len({main, second} - {""})
    assert bands == tuple(predicate(capaian, scale.code) for scale in scales.all)
    assert bands[0] == predicate(capaian, main)
