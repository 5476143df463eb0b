"""Export of an agency as `sakip-dataset/1`: valid against the shipped schema, same figures, stable bytes."""

import copy
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from agencies.models import Agency
from interchange.dataset.writing import dataset_import
from interchange.exporter import dataset_export, dumps
from tests.helpers import indicators_of

SCHEMA = Path(__file__).resolve().parents[2] / "interchange" / "schemas" / "sakip-dataset-2.schema.json"
NUMBER_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


def walk_budget_owners(data):
    for program in data.get("programs") or []:
        for activity in program.get("activities") or []:
            yield activity
            yield from activity.get("sub_activities") or []


def as_number(value):
    """A figure as a Decimal (a grade stays a string), so "0.50" and "0.5" compare equal."""
    if isinstance(value, str) and NUMBER_RE.match(value):
        return Decimal(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


def normalised(value):
    """The document with null-valued optional keys dropped and every figure compared as a Decimal."""
    if isinstance(value, dict):
        return {k: normalised(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [normalised(v) for v in value]
    return as_number(value)


def enriched(dataset):
    """The demo plus the features it lacks: a grade indicator, a ratio indicator, quarterly spending."""
    objective = dataset["goals"][0]["objectives"][4]
    objective["indicators"].append(
        {
            "code": "S5.2",
            "name": "Nilai AKIP",
            "unit": "nilai",
            "kind": "grade",
            "grade_scale": "akip",
            "polarity": "higher",
            "key": False,
            "computation": "direct",
            "cumulative": False,
            "baseline": {"year": 2020, "value": "CC"},
            "targets": {"renstra": {"2021": "B"}, "pk": {"2021": "B"}},
            "realisations": {"2021": {"value": "BB", "status": "provisional"}},
        }
    )
    ratio = dataset["goals"][0]["objectives"][1]["indicators"][0]
    ratio.update(computation="ratio", multiplier="100", numerator_label="aktif", denominator_label="total")
    ratio["realisations"]["2021"].update(numerator="130", denominator="375", value=None)
    line = dataset["programs"][0]["activities"][0]["sub_activities"][0]["budget"][0]
    line["spent_quarters"] = ["40000000.5", "40000000", None, "87804999.5"]
    line["physical_progress"] = "99.1234"
    dataset["format"] = "sakip-dataset/2"
    dataset["report_signing"] = {
        "2021": {
            "signed_on": "2022-02-03",
            "title": "Plt. Kepala Dinas",
            "name": "Budi Santoso",
            "nip": "1970",
        }
    }
    dataset["goals"][0]["objectives"][0]["analysis"] = {
        "2021": [
            {"kind": "success", "text": "Pendampingan koperasi oleh PPKL"},
            {"kind": "obstacle", "text": "Data koperasi belum mutakhir"},
            {"kind": "supporting", "text": "Pelatihan pengurus", "program": dataset["programs"][0]["code"]},
            {"kind": "non_apbd", "text": "Pelatihan digital UMKM", "partner": "CSR Bank BJB"},
        ]
    }
    # Issue 18 points 7, 9 and 10: the standard's kind, the strategic context, a second predicate scale.
    dataset["settings"]["indicator_scale"] = "target-3"
    first = dataset["goals"][0]["objectives"][0]
    first.update(mission=1, rpjmd_goal="Mewujudkan Pembangunan Manusia Seutuhnya")
    first["indicators"][0].update(
        national_standard="1.5", national_standard_kind="spm", national_standard_source="Permendagri 100/2018"
    )
    return dataset


@pytest.fixture
def rich_dataset(demo_dataset):
    return enriched(demo_dataset)


@pytest.fixture
def rich_agency(db, rich_dataset):
    return dataset_import(copy.deepcopy(rich_dataset)).agency


@pytest.mark.django_db
def test_export_of_the_demo_reproduces_the_source(demo_dataset_pristine, demo_agency):
    exported = dataset_export(demo_agency)
    # The demo file is sakip-dataset/1; the export writes /2, which only adds optional keys.
    assert demo_dataset_pristine["format"] == "sakip-dataset/1"
    assert normalised(exported) == normalised({**demo_dataset_pristine, "format": "sakip-dataset/2"})


def test_export_import_export_gives_the_same_bytes(rich_agency):
    first = dumps(dataset_export(rich_agency))

    dataset_import(json.loads(first), replace=True)

    second = dumps(dataset_export(Agency.objects.get(code=rich_agency.code)))
    assert second == first


def test_export_validates_against_the_shipped_schema(rich_agency):
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    exported = json.loads(dumps(dataset_export(rich_agency)))

    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(exported)]

    assert errors == []
    assert exported["format"] == "sakip-dataset/2"


def test_export_holds_the_source_figures(rich_dataset, rich_agency):
    source = rich_dataset
    exported = dataset_export(rich_agency)

    src_indicators = {i["code"]: i for i in indicators_of(source)}
    out_indicators = {i["code"]: i for i in indicators_of(exported)}
    assert out_indicators.keys() == src_indicators.keys()
    for code, src in src_indicators.items():
        out = out_indicators[code]
        for kind, years in (src.get("targets") or {}).items():
            assert {y: as_number(v) for y, v in out["targets"][kind].items()} == {
                y: as_number(v) for y, v in years.items()
            }, (code, kind)
        for year, real in (src.get("realisations") or {}).items():
            got = (out.get("realisations") or {}).get(year, {})
            for key in ("value", "numerator", "denominator"):
                assert as_number(got.get(key)) == as_number(real.get(key)), (code, year, key)
        for group in ("quarter_targets", "quarter_realisations"):
            for year, values in (src.get(group) or {}).items():
                assert [as_number(v) for v in out[group][year]] == [as_number(v) for v in values], (
                    code,
                    group,
                )

    assert out_indicators["S5.2"]["targets"]["pk"]["2021"] == "B"
    assert out_indicators["S5.2"]["realisations"]["2021"] == {"value": "BB", "status": "provisional"}
    assert out_indicators["S5.2"]["baseline"] == {"year": 2020, "value": "CC"}

    src_budget = {o["code"]: o.get("budget") or [] for o in walk_budget_owners(source)}
    out_budget = {o["code"]: o.get("budget") or [] for o in walk_budget_owners(exported)}
    assert out_budget.keys() == src_budget.keys()
    for code, lines in src_budget.items():
        assert normalised(out_budget[code]) == normalised(lines), code


def test_export_keeps_the_strategic_context_standards_and_scales(rich_agency):
    exported = dataset_export(rich_agency)

    assert exported["settings"]["indicator_scale"] == "target-3"
    first = exported["goals"][0]["objectives"][0]
    assert (first["mission"], first["rpjmd_goal"]) == (1, "Mewujudkan Pembangunan Manusia Seutuhnya")
    assert "mission" not in exported["goals"][0]["objectives"][1]
    indicator = first["indicators"][0]
    assert (indicator["national_standard"], indicator["national_standard_kind"]) == ("1.5", "spm")
    assert indicator["national_standard_source"] == "Permendagri 100/2018"
