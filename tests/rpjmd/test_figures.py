"""The IKU Pemda's figures (rpjmd.figures): target, realisation, capaian, predicate, a sasaran's mean."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.achievement import capaian, objective_capaian
from rpjmd.figures import (
    iku_figures,
    iku_realisation,
    iku_target,
    iku_target_source,
    objective_figures,
)

D = Decimal
PROPERTY = settings(database=None, deadline=None, max_examples=200)


def test_the_pk_target_goes_over_the_rpjmd_target():
    assert iku_target(rpjmd=D("70"), pk=D("72")) == D("72")
    assert iku_target_source(rpjmd=D("70"), pk=D("72")) == "pk"
    assert iku_target(rpjmd=D("70"), pk=None) == D("70")
    assert iku_target_source(rpjmd=D("70"), pk=None) == "rpjmd"
    assert iku_target(rpjmd=None, pk=None) is None
    assert iku_target_source(rpjmd=None, pk=None) is None


def test_a_sourced_iku_takes_the_agency_realisation_and_ignores_a_typed_one():
    assert iku_realisation(direct=D("5"), source=D("7.5"), sourced=True) == D("7.5")
    assert iku_realisation(direct=D("5"), source=None, sourced=True) is None
    # A letter grade cannot measure a numeric IKU.
    assert iku_realisation(direct=None, source="BB", sourced=True) is None
    assert iku_realisation(direct=D("5"), source=D("7.5"), sourced=False) == D("5")


def test_hand_example_higher_is_better():
    # Target 80 (PK), realisation 72: 90 %, "Tinggi" on Permendagri 86/2017 (>= 76 and < 91).
    f = iku_figures(
        rpjmd_target=D("75"), pk_target=D("80"), direct=D("72"), polarity="higher", kind="percent"
    )
    assert f.target == D("80") and f.target_source == "pk"
    assert f.capaian == D("90")
    assert f.predicate is not None and f.predicate.label == "Tinggi"


def test_hand_example_lower_is_better():
    # Poverty rate: target 8, realisation 6 → (2×8 − 6) ÷ 8 × 100 = 125.
    f = iku_figures(rpjmd_target=D("8"), pk_target=None, direct=D("6"), polarity="lower", kind="percent")
    assert f.capaian == D("125")


def test_nothing_computed_without_a_target_or_a_realisation():
    f = iku_figures(rpjmd_target=None, pk_target=None, direct=D("6"))
    assert f.capaian is None and f.predicate is None
    f = iku_figures(rpjmd_target=D("0"), pk_target=None, direct=D("6"))
    assert f.capaian is None


def test_sasaran_capaian_is_the_mean_of_its_iku_capped_when_the_pemda_caps():
    assert objective_figures([D("90"), D("110"), None]).capaian == D("100")
    assert objective_figures([D("90"), D("150")], cap=D("120")).capaian == D("105")
    assert objective_figures([None]).capaian is None


measures = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2, allow_nan=False)
maybe = st.none() | measures


@PROPERTY
@given(rpjmd=maybe, pk=maybe, direct=maybe, source=maybe, sourced=st.booleans(), lower=st.booleans())
def test_property_capaian_is_achievement_capaian_of_the_chosen_target_and_realisation(
    rpjmd, pk, direct, source, sourced, lower
):
    polarity = "lower" if lower else "higher"
    f = iku_figures(
        rpjmd_target=rpjmd, pk_target=pk, direct=direct, source=source, sourced=sourced, polarity=polarity
    )
    target = pk if pk is not None else rpjmd
    realisation = source if sourced else direct
    assert f.target == target and f.realisation == realisation
    assert f.capaian == capaian(target, realisation, polarity=polarity)
    assert (f.predicate is None) == (f.capaian is None)


@PROPERTY
@given(st.lists(st.none() | st.decimals(min_value=0, max_value=500, places=2), max_size=8))
def test_property_sasaran_capaian_is_objective_capaian(capaians):
    assert objective_figures(capaians).capaian == objective_capaian(capaians)
