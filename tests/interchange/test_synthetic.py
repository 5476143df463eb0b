"""The synthetic Pemda's documents (interchange/synthetic.py): seeded, within the asked sizes, importable, plausible."""

import json
from decimal import Decimal

import pytest

from indicators import achievement
from interchange.dataset.validation import validate
from interchange.synthetic import (
    MAX_BUDGET_ROWS,
    MAX_INDICATORS,
    MIN_BUDGET_ROWS,
    MIN_INDICATORS,
    PemdaSpec,
    max_agencies,
    pemda_datasets,
    spec_problems,
)
from tests.helpers import indicators_of


def spec(**changes):
    values = {
        "code": "sintetis",
        "name": "Kabupaten Sintetis",
        "agencies": 10,
        "first_year": 2021,
        "last_year": 2025,
        "seed": 1,
    }
    return PemdaSpec(**{**values, **changes})


def dumped(items):
    return [json.dumps(item.dataset, sort_keys=True) for item in items]


def sub_activities(data):
    return [s for p in data["programs"] for a in p["activities"] for s in a["sub_activities"]]


@pytest.fixture(scope="module")
def whole_pemda():
    """As many agencies as the catalogue holds."""
    return pemda_datasets(spec(agencies=max_agencies()))


def test_the_same_seed_gives_the_same_documents():
    assert dumped(pemda_datasets(spec())) == dumped(pemda_datasets(spec()))


def test_another_seed_gives_other_documents():
    first, second = dumped(pemda_datasets(spec(seed=1))), dumped(pemda_datasets(spec(seed=2)))
    assert all(a != b for a, b in zip(first, second, strict=True))


def test_an_agency_is_the_same_however_many_agencies_are_asked_for():
    few, many = pemda_datasets(spec(agencies=3)), pemda_datasets(spec(agencies=20))
    for a, b in zip(few, many, strict=False):
        if (a.late, a.missing_targets) == (b.late, b.missing_targets) == (False, 0):
            assert a.dataset == b.dataset


def test_agencies_are_distinct_opds_of_one_pemda(whole_pemda):
    codes = [item.code for item in whole_pemda]
    names = [item.dataset["agency"]["name"] for item in whole_pemda]
    assert len(set(codes)) == len(set(names)) == max_agencies()
    assert codes[:4] == ["sintetis-disdik", "sintetis-dinkes", "sintetis-dpupr", "sintetis-disperkim"]
    assert names[0] == "Dinas Pendidikan Kabupaten Sintetis"
    assert {json.dumps(item.dataset["government"]) for item in whole_pemda} == {
        json.dumps(
            {
                "code": "sintetis",
                "name": "Kabupaten Sintetis",
                "level": "kabupaten",
                "head_title": "Bupati Sintetis",
            }
        )
    }


def test_indicators_and_budget_rows_stay_in_the_asked_ranges(whole_pemda):
    for item in whole_pemda:
        data = item.dataset
        indicators = list(indicators_of(data))
        assert MIN_INDICATORS <= len(indicators) <= MAX_INDICATORS, item.code
        subs = sub_activities(data)
        assert MIN_BUDGET_ROWS <= len(subs) <= MAX_BUDGET_ROWS, item.code
        objectives = [o for g in data["goals"] for o in g["objectives"]]
        assert 2 <= len(objectives) <= 5
        assert all(o["indicators"] for o in objectives)
        # a budget line per plan year, with a pagu and a realisation for every year reported
        for sub in subs:
            years = [line["year"] for line in sub["budget"]]
            assert years == [2021, 2022, 2023, 2024, 2025]
            assert all(line.get("ceiling_revised") for line in sub["budget"])


def test_indicators_mix_polarities_and_units(whole_pemda):
    indicators = [i for item in whole_pemda for i in indicators_of(item.dataset)]
    polarities = {i["polarity"] for i in indicators}
    kinds = {(i["kind"], i["quarters"]) for i in indicators}
    assert polarities == {"higher", "lower"}
    assert kinds == {("percent", "level"), ("number", "increment")}
    assert {i["unit"] for i in indicators} >= {"%", "orang", "dokumen"}


def test_every_year_has_targets_and_every_reported_year_pk_and_rencana_aksi():
    complete = [item for item in pemda_datasets(spec()) if not item.missing_targets]
    for item in complete:
        for indicator in indicators_of(item.dataset):
            years = ["2021", "2022", "2023", "2024", "2025"]
            assert list(indicator["targets"]["renstra"]) == years
            assert list(indicator["targets"]["pk"]) == years
            assert list(indicator["quarter_targets"]) == years


def test_every_generated_document_passes_the_importers_validation():
    items = pemda_datasets(spec(agencies=10, last_year=2023, quarter=3))
    assert any(item.late for item in items) and any(item.missing_targets for item in items)
    for item in items:
        assert validate(item.dataset) == [], item.code


def test_rencana_aksi_and_realisations_agree_with_the_year():
    """Counts: TW I–IV add up to the year's target and realisation; rates: TW IV is the year's figure."""
    on_time = [i for i in pemda_datasets(spec(agencies=5)) if not (i.late or i.missing_targets)]
    for item in on_time:
        for indicator in indicators_of(item.dataset):
            for year, quarters in indicator["quarter_targets"].items():
                target = Decimal(indicator["targets"]["pk"][year])
                real = Decimal(indicator["realisations"][year]["value"])
                mode = indicator["quarters"]
                reals = indicator["quarter_realisations"][year]
                assert achievement.annual_from_quarters([Decimal(q) for q in quarters], mode) == target
                assert achievement.annual_from_quarters([Decimal(q) for q in reals], mode) == real


def test_capaian_is_mostly_between_80_and_110_percent_with_a_few_outliers(whole_pemda):
    capaians = []
    for item in whole_pemda:
        for indicator in indicators_of(item.dataset):
            for year, realisation in indicator["realisations"].items():
                target = indicator["targets"]["pk"].get(year)
                if target is not None:
                    capaians.append(
                        achievement.capaian(
                            Decimal(target), Decimal(realisation["value"]), polarity=indicator["polarity"]
                        )
                    )
    within = [c for c in capaians if Decimal(80) <= c <= Decimal(110)]
    outliers = [c for c in capaians if c < Decimal(75) or c > Decimal(120)]
    assert len(within) / len(capaians) > 0.85
    assert 0 < len(outliers) / len(capaians) < 0.1


def test_budget_amounts_are_whole_rupiah_and_spending_stays_under_the_pagu(whole_pemda):
    for item in whole_pemda:
        for sub in sub_activities(item.dataset):
            for line in sub["budget"]:
                if "spent" not in line:
                    continue
                ceiling, spent = int(line["ceiling_revised"]), int(line["spent"])
                assert 0 < spent <= ceiling
                assert sum(int(q) for q in line["spent_quarters"]) == spent
                assert sum(int(q) for q in line["planned_quarters"]) == ceiling
                assert Decimal(line["physical_quarters"][3]) <= 100


def test_about_a_tenth_of_the_agencies_are_late_and_a_few_lack_targets():
    items = pemda_datasets(spec(agencies=50))
    late = [item for item in items if item.late]
    incomplete = [item for item in items if item.missing_targets]
    assert len(late) == 5
    assert len(incomplete) == 3
    for item in late:
        for indicator in indicators_of(item.dataset):
            assert indicator["quarter_realisations"]["2025"][3] is None
            assert indicator["quarter_realisations"]["2025"][2] is not None
            assert "2025" not in indicator["realisations"]
    for item in incomplete:
        without = [i for i in indicators_of(item.dataset) if "2025" not in i["targets"]["renstra"]]
        assert len(without) == item.missing_targets
    on_time = next(item for item in items if not item.late)
    assert all("2025" in i["realisations"] for i in indicators_of(on_time.dataset))


def test_the_last_year_is_reported_up_to_the_asked_quarter():
    item = next(i for i in pemda_datasets(spec(agencies=3, last_year=2023, quarter=2)) if not i.late)
    indicator = next(indicators_of(item.dataset))
    assert [q is not None for q in indicator["quarter_realisations"]["2023"]] == [True, True, False, False]
    assert set(indicator["realisations"]) == {"2021", "2022"}
    assert set(indicator["targets"]["renstra"]) == {"2021", "2022", "2023", "2024", "2025"}
    assert set(indicator["targets"]["pk"]) == {"2021", "2022", "2023"}


def test_a_spec_that_cannot_be_generated_is_refused():
    assert spec_problems(spec()) == []
    assert spec_problems(spec(last_year=2026))  # six years: more than one Renstra period
    assert spec_problems(spec(last_year=2020))
    assert spec_problems(spec(agencies=0))
    assert spec_problems(spec(agencies=max_agencies() + 1))
    assert spec_problems(spec(quarter=5))
    with pytest.raises(ValueError, match="jumlah perangkat daerah"):
        pemda_datasets(spec(agencies=0))
