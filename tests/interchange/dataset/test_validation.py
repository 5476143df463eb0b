"""The dataset import keeps only figures both databases give back unchanged, and lists the rest with their JSON
path (issue 16, point 2): 9999999999999999 was accepted and broke every page on SQLite."""

import copy
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from budgets.models import BudgetLine
from indicators.models import Realisation
from interchange.dataset.validation import DatasetError, parse_json
from interchange.dataset.writing import dataset_import
from sakip.numbers import NumberBounds
from tests.figures import largest, storable_decimals
from tests.interchange.dataset.test_writing import S1_1, SUB_BUDGET, _s1_1, _sub_budget, db_snapshot

MEASURE = NumberBounds(20, 4)
MONEY = NumberBounds(18, 2)


def _realisation(d, value):
    _s1_1(d)["realisations"]["2021"]["value"] = value


CASES = [
    ("realisation-16-nines", lambda d: _realisation(d, "9999999999999999"), f"{S1_1}.realisations.2021.value",
     ["15 angka bermakna", "15 significant digits"]),
    ("realisation-16-nines-json-number", lambda d: _realisation(d, 9999999999999999),
     f"{S1_1}.realisations.2021.value", ["15 significant digits"]),
    ("realisation-16-significant-digits", lambda d: _realisation(d, "123456789012.3456"),
     f"{S1_1}.realisations.2021.value", ["123456789012.3456", "15 significant digits"]),
    ("realisation-1e30-json-number", lambda d: _realisation(d, 1e30), f"{S1_1}.realisations.2021.value",
     ["terlalu besar", "at most 16 digits"]),
    ("spent-16-nines", lambda d: _sub_budget(d).__setitem__("spent", "9999999999999999"), f"{SUB_BUDGET}.spent",
     ["15 significant digits"]),
    ("spent-too-large", lambda d: _sub_budget(d).__setitem__("spent", "10000000000000000"),
     f"{SUB_BUDGET}.spent", ["at most 16 digits"]),
    # physical_progress is a (9, 4) column: 5 integer digits, not the 16 of a measure.
    ("progress-too-large", lambda d: _sub_budget(d).__setitem__("physical_progress", "100000"),
     f"{SUB_BUDGET}.physical_progress", ["at most 5 digits"]),
    ("survey-answered-too-large", lambda d: d["surveys"][0]["unsur"][0].__setitem__("answered", "1e30"),
     "$.surveys[0].unsur[0].answered", []),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("mutate", "path", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_figure_the_database_cannot_keep_is_listed_with_its_path(demo_dataset, mutate, path, words):
    mutate(demo_dataset)
    before = db_snapshot()
    with pytest.raises(DatasetError) as raised:
        dataset_import(demo_dataset)
    assert [p.path for p in raised.value.problems] == [path]
    message = raised.value.problems[0].message
    assert " / " in message
    for word in words:
        assert word in message
    assert db_snapshot() == before


@pytest.mark.django_db
def test_json_nan_and_infinity_are_listed_with_their_path(demo_dataset):
    text = json.dumps(demo_dataset).replace('"spent": "167805000"', '"spent": NaN', 1)
    data = parse_json(text)  # Python's json reads NaN and Infinity as floats
    _sub_budget(data)["ceiling_original"] = float("inf")
    with pytest.raises(DatasetError) as raised:
        dataset_import(data)
    assert sorted(p.path for p in raised.value.problems) == [
        f"{SUB_BUDGET}.ceiling_original",
        f"{SUB_BUDGET}.spent",
    ]


@pytest.mark.django_db(transaction=False)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=storable_decimals(MEASURE), amount=storable_decimals(MONEY, non_negative=True))
def test_an_accepted_figure_is_read_back_unchanged(demo_dataset_pristine, value, amount):
    data = copy.deepcopy(demo_dataset_pristine)
    _realisation(data, format(value, "f"))
    _sub_budget(data)["spent"] = format(amount, "f")
    agency = dataset_import(data, replace=True).agency
    code = _s1_1(data)["code"]
    stored = Realisation.objects.get(
        indicator__plan__agency=agency, indicator__code=code, year=2021, quarter=0
    )
    assert stored.value == value
    line = BudgetLine.objects.filter(year=2021, spent=amount).first()
    assert line is not None and line.spent == amount


@pytest.mark.django_db
def test_the_largest_figures_are_accepted_and_read_back(demo_dataset):
    _realisation(demo_dataset, format(largest(MEASURE), "f"))
    _sub_budget(demo_dataset)["spent"] = format(largest(MONEY), "f")
    agency = dataset_import(demo_dataset).agency
    code = _s1_1(demo_dataset)["code"]
    assert Realisation.objects.get(
        indicator__plan__agency=agency, indicator__code=code, year=2021, quarter=0
    ).value == (Decimal("9999999999999990"))
    assert BudgetLine.objects.filter(spent=Decimal("9999999999999990")).count() == 1


@pytest.mark.django_db
def test_a_revision_reason_needs_a_pk_perubahan_target_that_year(demo_dataset):
    """Issue 18, point 3: the reason belongs to the PK perubahan target it explains."""
    demo_dataset["format"] = "sakip-dataset/2"
    _s1_1(demo_dataset)["revision_reasons"] = {"2021": "Refocusing"}
    before = db_snapshot()
    with pytest.raises(DatasetError) as raised:
        dataset_import(demo_dataset)
    assert [p.path for p in raised.value.problems] == [f"{S1_1}.revision_reasons.2021"]
    assert "pk_revised" in raised.value.problems[0].message
    assert db_snapshot() == before
