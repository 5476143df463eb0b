"""Formats: `sakip-dataset/1` files still import as they are; `/2` adds a sasaran's analysis items; each document
is held to its own format's schema; an unknown format is named."""

import copy
import json
from pathlib import Path

import pytest

from budgets.models import Expenditure, SpendingGroup
from indicators.models import ObjectiveNote
from interchange.dataset.validation import DatasetError, validate
from interchange.dataset.writing import dataset_import

FIXTURES = Path(__file__).resolve().parents[3] / "interchange" / "fixtures"
# The demo as shipped until its LAKIP's profile, whole budget, misi and units were merged in (then as /2): a /1 file.
DEMO_VERSION_1 = Path(__file__).resolve().parent / "tangsel-2021.v1.json"
OBJECTIVE = "$.goals[0].objectives[0]"


@pytest.fixture
def demo_dataset_v1():
    return json.loads(DEMO_VERSION_1.read_text(encoding="utf-8"))


def analysis(dataset, items, year="2021"):
    dataset["format"] = "sakip-dataset/2"
    dataset["goals"][0]["objectives"][0]["analysis"] = {year: items}
    return dataset


def paths(dataset) -> dict[str, str]:
    return {p.path: p.message for p in validate(dataset)}


@pytest.mark.parametrize(
    "path", [DEMO_VERSION_1, FIXTURES / "semarang-renstra-2016-2021.json"], ids=["tangsel-v1", "semarang"]
)
@pytest.mark.django_db
def test_version_1_files_import_unchanged(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "sakip-dataset/1"
    assert validate(data) == []
    assert dataset_import(data).agency.code == data["agency"]["code"]


def test_a_version_1_file_may_not_carry_a_version_2_key(demo_dataset_v1):
    demo_dataset_v1["goals"][0]["objectives"][0]["analysis"] = {"2021": [{"kind": "success", "text": "x"}]}
    assert "unknown key: 'analysis'" in paths(demo_dataset_v1)[OBJECTIVE]


def test_an_unknown_format_is_named_with_the_known_ones(demo_dataset):
    demo_dataset["format"] = "sakip-dataset/9"
    message = paths(demo_dataset)["$.format"]
    assert "sakip-dataset/9" in message and "sakip-dataset/1" in message and "sakip-dataset/2" in message


def test_analysis_items_name_programs_of_the_plan_and_years_of_the_period(demo_dataset):
    program = demo_dataset["programs"][0]["code"]
    items = [
        {"kind": "supporting", "text": "Pelatihan", "program": "9.99.99"},
        {"kind": "hindering", "text": "Tanpa program"},
        {"kind": "solution", "text": "Validasi data", "program": program},
        {"kind": "non_apbd", "text": "Pelatihan", "partner": "P" * 201},
        {"kind": "kinds-are-an-enum", "text": "x"},
    ]
    found = paths(analysis(demo_dataset, items))
    base = f"{OBJECTIVE}.analysis.2021"
    assert "unknown program '9.99.99'" in found[f"{base}[0].program"]
    assert "names its program" in found[f"{base}[1].program"]
    assert f"{base}[2].program" not in found
    assert "text too long" in found[f"{base}[3].partner"]
    assert f"{base}[4].kind" in found
    outside = paths(analysis(copy.deepcopy(demo_dataset), [{"kind": "success", "text": "x"}], year="2030"))
    assert "year outside the plan" in outside[f"{OBJECTIVE}.analysis.2030"]


@pytest.mark.django_db
def test_analysis_items_are_written_in_their_order_or_nothing_is(demo_dataset):
    program = demo_dataset["programs"][1]["code"]
    items = [
        {"kind": "obstacle", "text": "Data belum mutakhir"},
        {"kind": "supporting", "text": "Pendampingan", "program": program},
        {"kind": "obstacle", "text": "Anggaran terbatas"},
        {"kind": "non_apbd", "text": "Pelatihan digital", "partner": "CSR Bank BJB"},
    ]
    agency = dataset_import(analysis(copy.deepcopy(demo_dataset), items)).agency
    notes = ObjectiveNote.objects.filter(objective__plan__agency=agency).order_by("position")
    assert [(n.kind, n.text, n.program and n.program.code, n.partner) for n in notes] == [
        ("obstacle", "Data belum mutakhir", None, ""),
        ("supporting", "Pendampingan", program, ""),
        ("obstacle", "Anggaran terbatas", None, ""),
        ("non_apbd", "Pelatihan digital", None, "CSR Bank BJB"),
    ]
    broken = analysis(copy.deepcopy(demo_dataset), [{"kind": "supporting", "text": "x", "program": "9.9"}])
    broken["agency"]["code"] = "lain"
    with pytest.raises(DatasetError):
        dataset_import(broken)
    assert not ObjectiveNote.objects.filter(objective__plan__agency__code="lain").exists()


@pytest.mark.django_db
def test_a_year_s_signer_imports_and_a_date_off_the_calendar_is_refused(demo_dataset):
    from indicators.models import ReportSigning

    demo_dataset["format"] = "sakip-dataset/2"
    demo_dataset["report_signing"] = {"2021": {"signed_on": "2022-02-30", "name": "Budi"}}
    assert "not a calendar date" in paths(demo_dataset)["$.report_signing.2021.signed_on"]
    demo_dataset["report_signing"]["2021"]["signed_on"] = "2022-02-03"
    agency = dataset_import(demo_dataset).agency
    signing = ReportSigning.objects.get(agency=agency, year=2021)
    assert (str(signing.signed_on), signing.name, signing.place) == ("2022-02-03", "Budi", "")
    dataset_import(demo_dataset, replace=True)  # a replacement writes the year's signer again, once
    assert ReportSigning.objects.filter(agency=agency).count() == 1


def whole_budget(dataset, expenditures=None, groups=None):
    dataset["format"] = "sakip-dataset/2"
    if expenditures is not None:
        dataset["expenditures"] = expenditures
    if groups is not None:
        dataset["spending_groups"] = groups
    return dataset


def test_the_whole_budget_is_refused_with_its_path_when_wrong(demo_dataset):
    whole_budget(
        demo_dataset,
        expenditures={"2021": {"operating": {"spent": "16.289.044.379"}, "modal": {"spent": "0"}}},
        groups={
            "2021": [
                {"label": "Penunjang", "programs": ["2.17.01", "9.99"], "spent": "1"},
                {"label": "Lagi", "programs": ["2.17.01"], "spent": "-5"},
            ]
        },
    )
    found = paths(demo_dataset)
    assert "$.expenditures.2021.operating.spent" in found
    assert "$.expenditures.2021" in found and "modal" in found["$.expenditures.2021"]
    assert "unknown program '9.99'" in found["$.spending_groups.2021[0].programs[1]"]
    assert "already in another group" in found["$.spending_groups.2021[1].programs[0]"]
    assert "$.spending_groups.2021[1].spent" in found


def test_a_version_1_file_may_not_carry_the_whole_budget(demo_dataset_v1):
    demo_dataset_v1["expenditures"] = {"2021": {"total": {"spent": "1"}}}
    assert "unknown key: 'expenditures'" in paths(demo_dataset_v1)["$"]


@pytest.mark.django_db
def test_the_whole_budget_imports_and_a_replacement_writes_it_once(demo_dataset):
    whole_budget(
        demo_dataset,
        expenditures={"2021": {"operating": {"ceiling_revised": "19076782417", "spent": "16289044379"}}},
        groups={"2021": [{"label": "Penunjang", "programs": ["2.17.01"], "spent": "11171860479"}]},
    )
    line = demo_dataset["programs"][0]["activities"][0]["sub_activities"][0]["budget"][0]
    line["physical_quarters"] = ["101", None, None, None]
    assert "$.programs[0].activities[0].sub_activities[0].budget[0].physical_quarters[0]" not in paths(
        demo_dataset
    )  # over 100 % is a report finding, not an import error: the printed document may say so
    agency = dataset_import(demo_dataset).agency
    dataset_import(demo_dataset, replace=True)
    part = Expenditure.objects.get(agency=agency)
    assert (part.year, part.part, part.spent) == (2021, "operating", 16289044379)
    group = SpendingGroup.objects.get(agency=agency)
    assert [m.program.code for m in group.members.all()] == ["2.17.01"]


def profile_dataset(dataset, profile):
    dataset["format"] = "sakip-dataset/2"
    dataset["organisation_profile"] = {"2021": profile}
    return dataset


@pytest.mark.django_db
def test_the_organisation_profile_imports_with_its_references(demo_dataset):
    from agencies.models import OrgUnit, Risk, StaffCount, StrategicIssue

    unit = demo_dataset["org_units"][0]["code"]
    objective = demo_dataset["goals"][0]["objectives"][0]["code"]
    profile_dataset(
        demo_dataset,
        {
            "staff": {"employment": [{"label": "PNS", "count": 30}, {"label": "PPPK", "count": 2}]},
            "strategic_issues": [{"issue": "Isu", "objective": objective}],
            "risks": [{"statement": "Risiko", "likelihood": 2, "severity": 4, "owner_unit": unit}],
        },
    )
    demo_dataset["org_units"][0]["functions"] = ["Perencanaan", "Pelaporan"]
    summary = dataset_import(demo_dataset)
    agency = summary.agency
    assert summary.counts["jumlah pegawai"] == 2 and summary.counts["risiko"] == 1
    assert list(StaffCount.objects.filter(agency=agency).values_list("label", "count")) == [
        ("PNS", 30),
        ("PPPK", 2),
    ]
    assert StrategicIssue.objects.get(agency=agency).objective.code == objective
    assert Risk.objects.get(agency=agency).owner_unit.code == unit
    assert OrgUnit.objects.get(agency=agency, code=unit).functions == "Perencanaan\nPelaporan"
    dataset_import(demo_dataset, replace=True)  # a replacement writes the year's profile again, once
    assert StaffCount.objects.filter(agency=agency).count() == 2


@pytest.mark.django_db
def test_an_organisation_profile_with_bad_references_or_values_is_refused(demo_dataset):
    profile_dataset(
        demo_dataset,
        {
            "staff": {"rank": [{"label": "III/a", "count": 2}, {"label": "iii/a", "count": 1}]},
            "facilities": [{"name": "Laptop", "value": "1.500.000", "condition": "bagus"}],
            "strategic_issues": [{"issue": "Isu", "objective": "S-99"}],
            "risks": [{"statement": "Risiko", "likelihood": 6, "owner_unit": "NOPE"}],
        },
    )
    found = paths(demo_dataset)
    assert "duplicate label" in found["$.organisation_profile.2021.staff.rank[1].label"]
    assert "$.organisation_profile.2021.facilities[0].value" in found
    assert "$.organisation_profile.2021.facilities[0].condition" in found
    assert "unknown objective" in found["$.organisation_profile.2021.strategic_issues[0].objective"]
    assert "$.organisation_profile.2021.risks[0].likelihood" in found
    assert "unknown org unit" in found["$.organisation_profile.2021.risks[0].owner_unit"]


def test_a_version_1_file_with_an_organisation_profile_is_refused(demo_dataset_v1):
    demo_dataset_v1["organisation_profile"] = {"2021": {"risks": [{"statement": "Risiko"}]}}
    assert "$" in paths(demo_dataset_v1) and "organisation_profile" in paths(demo_dataset_v1)["$"]


@pytest.mark.django_db
def test_a_sasaran_names_its_misi_by_number_and_a_standard_its_kind(demo_dataset):
    demo_dataset["format"] = "sakip-dataset/2"
    demo_dataset["settings"]["indicator_scale"] = "target-3"
    objectives = demo_dataset["goals"][0]["objectives"]
    objectives[0].update(mission=4, rpjmd_goal="Mewujudkan Pembangunan Manusia Seutuhnya")
    objectives[1]["indicators"][0].update(national_standard="2", national_standard_kind="iku-daerah")
    found = paths(demo_dataset)
    assert "no mission number 4" in found[f"{OBJECTIVE}.mission"]  # the demo has three
    assert "$.goals[0].objectives[1].indicators[0].national_standard_kind" in found

    objectives[0]["mission"] = 2
    objectives[1]["indicators"][0]["national_standard_kind"] = "ikk"
    agency = dataset_import(demo_dataset).agency
    objective = agency.plans.get().objectives.get(code=objectives[0]["code"])
    assert objective.mission.statement == demo_dataset["plan"]["missions"][1]
    assert objective.rpjmd_goal == "Mewujudkan Pembangunan Manusia Seutuhnya"
    indicator = agency.plans.get().indicators.get(code=objectives[1]["indicators"][0]["code"])
    assert indicator.national_standard_kind == "ikk"
    assert agency.government.indicator_scale == "target-3"


def test_a_version_1_file_may_not_name_a_misi_or_a_second_scale(demo_dataset_v1):
    demo_dataset_v1["goals"][0]["objectives"][0]["mission"] = 1
    demo_dataset_v1["settings"]["indicator_scale"] = "target-3"
    found = paths(demo_dataset_v1)
    assert "unknown key: 'mission'" in found[OBJECTIVE]
    assert "unknown key: 'indicator_scale'" in found["$.settings"]
