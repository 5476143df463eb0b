"""Export of an agency as `sakip-dataset/2`: valid against the shipped schema, same figures, stable bytes."""

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
    line["planned_quarters"] = ["30000000", "50000000", None, "102424000"]
    line["physical_quarters"] = ["10", "45.5", "70", "99.1234"]
    # The whole budget (issue 18 point 4), typed out of print order, and a grouped realisation.
    dataset["expenditures"] = WHOLE_BUDGET
    dataset["spending_groups"] = {
        "2021": [{"label": "Program penunjang", "programs": ["2.17.02", "2.17.01"], "spent": "11444755479"}]
    }
    # A value typed with a trailing zero keeps its decimals (the demo's S4.2 has 2019 and 2020 in another unit).
    dataset["goals"][0]["objectives"][2]["indicators"][0]["realisations"]["2021"]["value"] = "22.730"
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
    unit = dataset["org_units"][0]
    unit["duties"] = "merencanakan dan mengoordinasikan."
    unit["functions"] = ["Perencanaan program", "Pengelolaan keuangan"]
    objective_code = dataset["goals"][0]["objectives"][0]["code"]
    dataset["organisation_profile"] = {
        "2021": {
            "staff": {
                "rank": [{"label": "IV/a", "count": 11}, {"label": "III/c", "count": 5}],
                "employment": [{"label": "PNS", "count": 30}, {"label": "Non PNS", "count": 69}],
            },
            "facilities": [
                {
                    "category": "Peralatan dan Mesin",
                    "name": "Kendaraan Roda 4 Daihatsu Grand Max",
                    "quantity": 1,
                    "unit": "Unit",
                    "acquired_year": 2016,
                    "condition": "baik",
                    "value": "150000000.5",
                    "note": "B 1453 WQN",
                },
                {"name": "Jam Dinding", "quantity": 4},
            ],
            "strategic_issues": [
                {
                    "issue": "SDM koperasi belum berdaya saing",
                    "cause": "Pelatihan terbatas",
                    "objective": objective_code,
                }
            ],
            "risks": [
                {
                    "statement": "Tidak hadirnya peserta",
                    "impact": "Acara terganggu",
                    "likelihood": 3,
                    "severity": 3,
                    "mitigation": "Konfirmasi peserta",
                    "schedule": "Triwulan I",
                    "owner_unit": unit["code"],
                    "objective": objective_code,
                }
            ],
        },
        "2020": {"staff": {"education": [{"label": "S1", "count": 36}]}},
    }
    # Issue 18, points 3 and 6: a PK perubahan target with its reason, and the whole Renstra series always.
    revised = dataset["goals"][0]["objectives"][0]["indicators"][0]
    revised["targets"]["pk_revised"] = {"2021": "0.4"}
    revised["revision_reasons"] = {"2021": "Refocusing anggaran penanganan COVID-19"}
    dataset["settings"]["renstra_series"] = "always"
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
    # The demo file is sakip-dataset/2, with its LAKIP's profile, whole budget, misi and units.
    assert demo_dataset_pristine["format"] == "sakip-dataset/2"
    assert normalised(exported) == normalised(demo_dataset_pristine)


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


def test_export_holds_the_organisation_profile_as_imported(rich_dataset, rich_agency):
    exported = dataset_export(rich_agency)
    assert exported["organisation_profile"] == {
        year: rich_dataset["organisation_profile"][year] for year in ("2020", "2021")
    }
    assert list(exported["organisation_profile"]) == ["2020", "2021"]
    assert exported["org_units"][0]["functions"] == ["Perencanaan program", "Pengelolaan keuangan"]


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


ANY_NOTE = "Dicetak di Tabel 7 sebagai 800: jumlah produk, bukan persentase (satuan tidak sesuai)."


def test_export_keeps_the_decimals_a_value_was_typed_with_and_a_years_unit(rich_agency):
    """ "22.730" is stored as 22,73 and written back as typed; a JSON number or "2.4" as they were."""
    exported = {i["code"]: i for i in indicators_of(dataset_export(rich_agency))}

    assert exported["S3.1"]["realisations"]["2021"]["value"] == "22.730"
    assert exported["S1.1"]["realisations"]["2021"]["value"] == "1.57"
    assert exported["S4.2"]["realisations"]["2019"] == {"value": "800", "unit": "produk", "note": ANY_NOTE}
    assert exported["S4.2"]["realisations"]["2020"]["unit"] == "produk"
    assert "unit" not in exported["S4.2"]["realisations"]["2021"]


WHOLE_BUDGET = {
    "2020": {"total": {"ceiling_original": "20000000000", "spent": "15000000000"}},
    "2021": {
        "capital": {"ceiling_revised": "0", "spent": "0"},
        "operating": {
            "ceiling_original": "22511784601",
            "ceiling_rationalised": "20614676801",
            "ceiling_revised": "19076782417",
            "spent": "16289044379",
        },
        "total": {"ceiling_revised": "19076782417", "spent": "16289044379"},
    },
}


def test_the_whole_budget_and_grouped_realisations_are_exported_in_print_order(rich_agency):
    exported = dataset_export(rich_agency)

    assert list(exported["expenditures"]["2021"]) == ["total", "operating", "capital"]
    assert normalised(exported["expenditures"]) == normalised(WHOLE_BUDGET)
    assert exported["spending_groups"] == {
        "2021": [{"label": "Program penunjang", "programs": ["2.17.01", "2.17.02"], "spent": "11444755479"}]
    }
    line = exported["programs"][0]["activities"][0]["sub_activities"][0]["budget"][0]
    assert line["planned_quarters"] == ["30000000", "50000000", None, "102424000"]
    assert line["physical_quarters"] == ["10", "45.5", "70", "99.1234"]


def test_the_pk_perubahan_reason_and_the_series_setting_are_carried(rich_agency):
    from agencies.models import Government
    from indicators.models import Target

    revised = Target.objects.get(
        indicator__plan__agency=rich_agency, indicator__code="S1.1", kind="pk_revised"
    )
    assert revised.revision_reason == "Refocusing anggaran penanganan COVID-19"
    assert Government.objects.get(agencies=rich_agency).renstra_series == "always"
    exported = dataset_export(rich_agency)
    s11 = next(i for i in indicators_of(exported) if i["code"] == "S1.1")
    assert s11["revision_reasons"] == {"2021": "Refocusing anggaran penanganan COVID-19"}
    assert exported["settings"]["renstra_series"] == "always"


def test_the_default_series_setting_is_left_out_of_the_export(demo_agency):
    assert "renstra_series" not in dataset_export(demo_agency)["settings"]


def test_export_keeps_the_strategic_context_standards_and_scales(rich_agency):
    exported = dataset_export(rich_agency)

    assert exported["settings"]["indicator_scale"] == "target-3"
    first = exported["goals"][0]["objectives"][0]
    assert (first["mission"], first["rpjmd_goal"]) == (1, "Mewujudkan Pembangunan Manusia Seutuhnya")
    assert "mission" not in exported["goals"][0]["objectives"][5]  # R1: the LAKIP names no misi for it
    indicator = first["indicators"][0]
    assert (indicator["national_standard"], indicator["national_standard_kind"]) == ("1.5", "spm")
    assert indicator["national_standard_source"] == "Permendagri 100/2018"
