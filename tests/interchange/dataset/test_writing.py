"""Importing a `sakip-dataset/1` document: every problem is listed with its JSON path, nothing is saved."""

import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from agencies.models import Agency, Profile
from indicators.models import Indicator, Realisation
from interchange.dataset.validation import DatasetError, parse_json
from interchange.dataset.writing import dataset_import
from interchange.exporter import dataset_export, dumps
from reports.readmodel.build import report_build
from reports.readmodel.json_report import report_json
from tests.helpers import indicators_of

DATA_APPS = ("auth", "agencies", "indicators", "budgets", "surveys")

S1_1 = "$.goals[0].objectives[0].indicators[0]"
SUB_BUDGET = "$.programs[0].activities[0].sub_activities[0].budget[0]"


def db_snapshot() -> dict[str, int]:
    """Row count of every table the import could touch (including the program ↔ objective links)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in DATA_APPS
    }


def _s1_1(d):
    return d["goals"][0]["objectives"][0]["indicators"][0]


def _sub_budget(d):
    return d["programs"][0]["activities"][0]["sub_activities"][0]["budget"][0]


def _set(getter, key, value):
    def mutate(d):
        getter(d)[key] = value

    return mutate


def _delete_program_name(d):
    del d["programs"][0]["name"]


def _duplicate_program_code(d):
    d["programs"][1]["code"] = d["programs"][0]["code"]


def _duplicate_indicator_code(d):
    d["goals"][0]["objectives"][1]["indicators"][0]["code"] = _s1_1(d)["code"]


# (id, break the demo dataset, JSON path of the problem, words the message must contain)
MALFORMED = [
    (
        "target-indonesian-number",
        lambda d: _s1_1(d)["targets"]["pk"].__setitem__("2021", "1.715,5"),
        f"{S1_1}.targets.pk.2021",
        ["1.715,5", '"1715.5"'],
    ),
    (
        "ceiling-rupiah",
        _set(_sub_budget, "ceiling_original", "Rp 1.000"),
        f"{SUB_BUDGET}.ceiling_original",
        ["Rp 1.000", '"1000"'],
    ),
    (
        "realisation-percent-sign",
        lambda d: _s1_1(d)["realisations"]["2021"].__setitem__("value", "0,5%"),
        f"{S1_1}.realisations.2021.value",
        ["0,5%", '"0.5"'],
    ),
    ("unknown-key", _set(_s1_1, "targetz", {"pk": {"2021": "1"}}), S1_1, ["targetz"]),
    (
        "program-links-missing-objective",
        lambda d: d["programs"][0].__setitem__("objectives", ["S5", "S9"]),
        "$.programs[0].objectives[1]",
        ["S9"],
    ),
    (
        "duplicate-indicator-code",
        _duplicate_indicator_code,
        "$.goals[0].objectives[1].indicators[0]",
        ["S1.1", S1_1],
    ),
    ("duplicate-program-code", _duplicate_program_code, "$.programs[1]", ["2.17.01", "$.programs[0]"]),
    (
        "activity-unit-missing",
        lambda d: d["programs"][0]["activities"][0].__setitem__("responsible_unit", "bidang-hilang"),
        "$.programs[0].activities[0].responsible_unit",
        ["bidang-hilang"],
    ),
    (
        "indicator-unit-missing",
        _set(_s1_1, "responsible_unit", "bidang-hilang"),
        f"{S1_1}.responsible_unit",
        ["bidang-hilang"],
    ),
    (
        "grade-on-percent-indicator",
        lambda d: _s1_1(d)["targets"]["pk"].__setitem__("2021", "B"),
        f"{S1_1}.targets.pk.2021",
        ["'B'", "grade"],
    ),
    (
        "measure-five-decimals",
        lambda d: _s1_1(d)["realisations"]["2021"].__setitem__("value", "1.57001"),
        f"{S1_1}.realisations.2021.value",
        ["1.57001", "4 decimal"],
    ),
    (
        "money-three-decimals",
        _set(_sub_budget, "spent", "167805000.125"),
        f"{SUB_BUDGET}.spent",
        ["167805000.125", "2 decimal"],
    ),
    (
        "negative-money",
        _set(_sub_budget, "ceiling_revised", "-182424000"),
        f"{SUB_BUDGET}.ceiling_revised",
        ["-182424000"],
    ),
    (
        "activity-with-subs-has-own-ceiling",
        lambda d: d["programs"][0]["activities"][0]["budget"][0].__setitem__("ceiling_original", "373518000"),
        "$.programs[0].activities[0].budget[0]",
        ["ceiling_original"],
    ),
    (
        "survey-links-missing-indicator",
        lambda d: d["surveys"][0].__setitem__("indicator", "S9.9"),
        "$.surveys[0].indicator",
        ["S9.9"],
    ),
    ("missing-required-key", _delete_program_name, "$.programs[0]", ["name"]),
    (
        # Government.objective_cap holds at most 5 integer digits: refused, not a crash while saving.
        "objective-cap-too-large",
        lambda d: d["settings"].__setitem__("objective_cap", "1000000"),
        "$.settings.objective_cap",
        ["1000000"],
    ),
]


def _assert_problem(exc: DatasetError, path: str, words: list[str]):
    found = [p for p in exc.problems if p.path == path]
    assert found, f"no problem at {path}: {[str(p) for p in exc.problems]}"
    message = found[0].message
    indonesian, _, english = message.partition(" / ")
    assert indonesian.strip() and english.strip(), f"not bilingual: {message}"
    for word in words:
        assert word in message, (word, message)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutate", "path", "words"), [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED]
)
def test_malformed_dataset_is_refused_and_nothing_is_saved(demo_dataset, mutate, path, words):
    mutate(demo_dataset)
    before = db_snapshot()

    with pytest.raises(DatasetError) as raised:
        dataset_import(demo_dataset)

    _assert_problem(raised.value, path, words)
    # One break, one problem: no spurious follow-up errors.
    assert [p.path for p in raised.value.problems] == [path]
    assert db_snapshot() == before
    assert not Agency.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutate", "path", "words"), [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED]
)
def test_malformed_replace_leaves_previous_data_intact(
    demo_dataset_pristine, demo_dataset, mutate, path, words
):
    agency = dataset_import(json.loads(json.dumps(demo_dataset_pristine))).agency
    before_counts, before_export = db_snapshot(), dumps(dataset_export(agency))
    mutate(demo_dataset)

    with pytest.raises(DatasetError) as raised:
        dataset_import(demo_dataset, replace=True)

    _assert_problem(raised.value, path, words)
    assert db_snapshot() == before_counts
    assert dumps(dataset_export(Agency.objects.get(pk=agency.pk))) == before_export


@pytest.mark.django_db
def test_failure_while_writing_rolls_back_a_replace(demo_agency, demo_dataset, monkeypatch):
    """Valid data, but the database write fails half-way: the deletions of the replace are rolled back."""
    from interchange.dataset import writing

    before_counts, before_export = db_snapshot(), dumps(dataset_export(demo_agency))

    def broken(self, agency):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writing._Writer, "_surveys", broken)
    with pytest.raises(RuntimeError):
        dataset_import(demo_dataset, replace=True)

    assert db_snapshot() == before_counts
    assert dumps(dataset_export(Agency.objects.get(pk=demo_agency.pk))) == before_export


def test_every_reference_problem_is_listed(demo_dataset):
    d = demo_dataset
    d["programs"][0]["objectives"] = ["S9"]
    _duplicate_program_code(d)
    d["programs"][2]["activities"][0]["responsible_unit"] = "bidang-hilang"
    d["surveys"][0]["indicator"] = "S9.9"
    _sub_budget(d)["spent"] = "-1"
    _s1_1(d)["targets"]["pk"]["2021"] = "B"

    with pytest.raises(DatasetError) as raised:
        dataset_import(d)

    paths = {p.path for p in raised.value.problems}
    assert paths == {
        "$.programs[0].objectives[0]",
        "$.programs[1]",
        "$.programs[2].activities[0].responsible_unit",
        "$.surveys[0].indicator",
        f"{SUB_BUDGET}.spent",
        f"{S1_1}.targets.pk.2021",
    }
    assert all(" / " in p.message for p in raised.value.problems)


def test_every_schema_problem_is_listed(demo_dataset):
    d = demo_dataset
    _s1_1(d)["targets"]["pk"]["2021"] = "1.715,5"
    _s1_1(d)["targetz"] = {}
    _delete_program_name(d)
    _sub_budget(d)["ceiling_original"] = "Rp 1.000"

    with pytest.raises(DatasetError) as raised:
        dataset_import(d)

    paths = {p.path for p in raised.value.problems}
    assert paths == {f"{S1_1}.targets.pk.2021", S1_1, "$.programs[0]", f"{SUB_BUDGET}.ceiling_original"}


def test_schema_and_reference_problems_are_listed_together(demo_dataset):
    _s1_1(demo_dataset)["targets"]["pk"]["2021"] = "1.715,5"
    demo_dataset["programs"][0]["objectives"] = ["S9"]

    with pytest.raises(DatasetError) as raised:
        dataset_import(demo_dataset)

    assert {p.path for p in raised.value.problems} == {
        f"{S1_1}.targets.pk.2021",
        "$.programs[0].objectives[0]",
    }


def test_truncated_file_is_refused(demo_dataset_pristine):
    text = json.dumps(demo_dataset_pristine, ensure_ascii=False, indent=2)

    with pytest.raises(DatasetError) as raised:
        parse_json(text[: len(text) // 2])

    (problem,) = raised.value.problems
    assert problem.path == "$"
    assert " / " in problem.message
    assert "JSON" in problem.message


@pytest.mark.django_db
def test_same_agency_twice_without_replace_is_refused(demo_agency, demo_dataset):
    before_counts, before_export = db_snapshot(), dumps(dataset_export(demo_agency))

    with pytest.raises(DatasetError) as raised:
        dataset_import(demo_dataset)

    (problem,) = raised.value.problems
    assert problem.path == "$.agency.code"
    assert "tangsel-dinkopukm" in problem.message
    assert "--replace" in problem.message
    assert " / " in problem.message
    assert db_snapshot() == before_counts
    assert dumps(dataset_export(demo_agency)) == before_export


@pytest.mark.django_db
def test_replace_updates_the_data_and_keeps_users(demo_agency, demo_dataset):
    user = get_user_model().objects.create_user("perencana", password="x")
    Profile.objects.create(user=user, role="planner", agency=demo_agency)
    _s1_1(demo_dataset)["realisations"]["2021"]["value"] = "2.5"

    summary = dataset_import(demo_dataset, replace=True)

    assert summary.replaced
    assert summary.agency.pk == demo_agency.pk
    assert Agency.objects.count() == 1
    profile = Profile.objects.get(user__username="perencana")
    assert profile.agency_id == demo_agency.pk
    assert profile.role == "planner"
    # The old plan is gone, not kept beside the new one.
    assert Indicator.objects.count() == len(list(indicators_of(demo_dataset)))
    value = Realisation.objects.get(indicator__code="S1.1", year=2021, quarter=0).value
    assert value == Decimal("2.5")


@pytest.mark.django_db
def test_grade_indicator_capaian_is_capped_at_100(demo_dataset):
    objective = demo_dataset["goals"][0]["objectives"][4]
    assert objective["code"] == "S5"
    base = {
        "name": "Nilai AKIP",
        "unit": "nilai",
        "kind": "grade",
        "grade_scale": "akip",
        "quarters": "level",
    }
    objective["indicators"] += [
        {**base, "code": "S5.2", "targets": {"pk": {"2021": "B"}}, "realisations": {"2021": {"value": "BB"}}},
        {**base, "code": "S5.3", "targets": {"pk": {"2021": "B"}}, "realisations": {"2021": {"value": "C"}}},
    ]
    agency = dataset_import(demo_dataset).agency

    report = report_build(agency=Agency.objects.select_related("government").get(pk=agency.pk), year=2021)
    rows = {row.code: row for row in report.indicators}
    exceeded, missed = rows["S5.2"], rows["S5.3"]
    assert (exceeded.target, exceeded.realisation) == ("B", "BB")
    # AKIP scale B=4, BB=5, C=2: 125 % is capped at 100 %, 50 % stays 50 %.
    assert exceeded.capaian == Decimal(100)
    assert missed.capaian == Decimal(50)
    as_json = {i["code"]: i for i in report_json(report)["indicators"]}
    assert as_json["S5.2"]["capaian"] == "100.00"
    assert (as_json["S5.2"]["target"], as_json["S5.2"]["realisation"]) == ("B", "BB")


def test_text_longer_than_its_column_is_listed_not_crashed(demo_dataset):
    demo_dataset["agreements"][0]["place"] = "x" * 250
    demo_dataset["agency"]["head"]["nip"] = "1" * 50
    _s1_1(demo_dataset)["unit"] = "u" * 150

    with pytest.raises(DatasetError) as raised:
        dataset_import(demo_dataset)

    paths = {p.path for p in raised.value.problems}
    assert paths == {
        "$.agreements[0].place",
        "$.agency.head.nip",
        "$.goals[0].objectives[0].indicators[0].unit",
    }
    assert all("terlalu panjang" in p.message and "too long" in p.message for p in raised.value.problems)
