"""The `sakip-rpjmd/1` file: every problem listed by JSON path, all or nothing, byte-identical round trip, and
an import before the agencies exist."""

import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from indicators.models import Objective
from interchange.dataset.validation import DatasetError
from interchange.exporter import dumps
from interchange.rpjmd_dataset import rpjmd_export, rpjmd_import, validate
from rpjmd.models import RegionalIndicator, RegionalPlan, RegionalRealisation
from tests.factories import AgencyFactory, GovernmentFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def document():
    return {
        "format": "sakip-rpjmd/1",
        "government": {"code": "kab-uji", "name": "Kabupaten Uji"},
        "plan": {
            "start_year": 2021,
            "end_year": 2026,
            "revision": "",
            "vision": "Uji sejahtera",
            "head_name": "Bupati",
        },
        "missions": ["Misi pertama", "Misi kedua"],
        "goals": [
            {
                "code": "T1",
                "statement": "Tujuan satu",
                "mission": 2,
                "objectives": [
                    {
                        "code": "S1",
                        "statement": "Sasaran satu",
                        "agency_objectives": [{"agency": "dinkes", "code": "S1.1"}],
                        "indicators": [
                            {
                                "code": "IKU1",
                                "name": "Angka harapan hidup",
                                "formula": "",
                                "unit": "tahun",
                                "kind": "number",
                                "polarity": "higher",
                                "baseline": "70.5",
                                "baseline_year": 2020,
                                "final_target": "72",
                                "data_source": "BPS",
                                "agencies": ["dinkes"],
                                "source": {"agency": "dinkes", "code": "IK1"},
                                "targets": {"rpjmd": {"2021": "70.8", "2022": "71"}, "pk": {"2021": "70.9"}},
                                "realisations": {},
                            },
                            {
                                "code": "IKU2",
                                "name": "Angka kemiskinan",
                                "formula": "penduduk miskin / penduduk × 100",
                                "unit": "%",
                                "kind": "percent",
                                "polarity": "lower",
                                "baseline": None,
                                "baseline_year": None,
                                "final_target": "6.5",
                                "data_source": "",
                                "agencies": [],
                                "source": None,
                                "targets": {"rpjmd": {"2021": "8"}, "pk": {}},
                                "realisations": {"2021": {"value": "7.25", "note": "BPS Maret"}},
                            },
                        ],
                    }
                ],
            }
        ],
        "head_agreements": {"2021": {"signed_on": "2021-02-01", "signatory": "Bupati Uji", "place": "Uji"}},
    }


@pytest.fixture
def agencies():
    government = GovernmentFactory(code="kab-uji", name="Kabupaten Uji")
    dinkes = AgencyFactory(government=government, code="dinkes")
    indicator = IndicatorFactory(objective__goal__plan__agency=dinkes, objective__code="S1.1", code="IK1")
    return dinkes, indicator


def test_every_problem_is_listed_with_its_json_path():
    data = document()
    data["plan"]["colour"] = "biru"
    indicator = data["goals"][0]["objectives"][0]["indicators"][0]
    indicator["kind"] = "grade"
    indicator["targets"]["rpjmd"]["2021"] = "70,8"
    problems = {p.path for p in validate(data)}
    assert {
        "$.plan",
        "$.goals[0].objectives[0].indicators[0].kind",
        "$.goals[0].objectives[0].indicators[0].targets.rpjmd.2021",
    } <= problems


def test_years_codes_and_misi_are_checked_after_the_schema():
    data = document()
    data["goals"][0]["mission"] = 3
    indicators = data["goals"][0]["objectives"][0]["indicators"]
    indicators[1]["code"] = "IKU1"
    indicators[1]["realisations"]["2030"] = {"value": "1"}
    paths = [p.path for p in validate(data)]
    assert paths == [
        "$.goals[0].mission",
        "$.goals[0].objectives[0].indicators[1].code",
        "$.goals[0].objectives[0].indicators[1].realisations.2030",
    ]
    with pytest.raises(DatasetError):
        rpjmd_import(data)
    assert not RegionalPlan.objects.exists()  # nothing written


def test_round_trip_is_byte_identical_and_links_the_agency(agencies):
    dinkes, source = agencies
    summary = rpjmd_import(document())
    assert summary.warnings == []
    iku = RegionalIndicator.objects.get(code="IKU1")
    assert iku.source_indicator == source and list(iku.agencies.all()) == [dinkes]
    assert Objective.objects.get(pk=source.objective_id).rpjmd_objective.code == "S1"
    first = dumps(rpjmd_export(summary.plan))
    assert json.loads(first) == document()
    again = rpjmd_import(json.loads(first), replace=True)
    assert dumps(rpjmd_export(again.plan)) == first


def test_an_rpjmd_imports_before_its_agencies_with_warnings():
    summary = rpjmd_import(document())
    assert [w.path for w in summary.warnings] == [
        "$.goals[0].objectives[0].agency_objectives[0]",
        "$.goals[0].objectives[0].indicators[0].source",
        "$.goals[0].objectives[0].indicators[0].agencies[0]",
    ]
    assert RegionalIndicator.objects.count() == 2
    assert RegionalRealisation.objects.get().note == "BPS Maret"


def test_an_existing_rpjmd_is_replaced_only_when_asked(tmp_path):
    path = tmp_path / "rpjmd.json"
    path.write_text(json.dumps(document()), encoding="utf-8")
    call_command("import_rpjmd", str(path))
    with pytest.raises(CommandError):
        call_command("import_rpjmd", str(path))
    call_command("import_rpjmd", str(path), "--replace")
    assert RegionalPlan.objects.count() == 1
    out = tmp_path / "out.json"
    call_command("export_rpjmd", "--government", "kab-uji", "--output", str(out))
    data = copy.deepcopy(document())
    # Without the agencies, their links were left out.
    data["goals"][0]["objectives"][0]["agency_objectives"] = []
    data["goals"][0]["objectives"][0]["indicators"][0].update(agencies=[], source=None)
    assert json.loads(out.read_text(encoding="utf-8")) == data
