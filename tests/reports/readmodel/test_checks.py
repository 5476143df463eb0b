"""Consistency checks (SPEC §3): printed figures against computed ones, and the plan's structure."""

import copy
from decimal import Decimal

import pytest

from agencies.models import Agency
from interchange.dataset.writing import dataset_import
from reports.readmodel.build import report_build
from reports.readmodel.checks import declared_matches
from reports.readmodel.json_report import report_json
from reports.readmodel.links import finding_link
from tests.helpers import without_year_units

STRUCTURAL = (
    "objective-without-program",
    "program-without-objective",
    "spent-over-ceiling",
    "spent-quarters-sum",
    "pk-vs-renstra",
    "value-vs-ratio",
)
SUB_BUDGET = (
    "$.programs[0].activities[0].sub_activities[0].budget[0]"  # pagu 182.424.000, realisasi 167.805.000
)
R1_1 = "$.goals[0].objectives[5].indicators[0]"  # Renstra target 2021: 85
S2_1 = "$.goals[0].objectives[1].indicators[0]"


@pytest.mark.parametrize(
    ("declared", "computed", "matches"),
    [
        ("103", Decimal("103.32"), True),  # printed without decimals: right
        ("73.55", Decimal("71.43"), False),  # simply wrong
        ("23.52", Decimal("23.525"), False),  # truncated instead of rounded half-up
        ("23.53", Decimal("23.525"), True),
        ("100.00", Decimal("99.9957"), True),
        ("314", Decimal("314"), True),
        ("0.00", Decimal("13.94"), False),
        ("85.39", None, False),  # nothing computed: the printed figure cannot be confirmed
    ],
)
def test_declared_matches(declared, computed, matches):
    assert declared_matches(declared, computed) is matches


def report_checks_of(dataset):
    agency = dataset_import(dataset).agency
    report = report_build(agency=Agency.objects.select_related("government").get(pk=agency.pk), year=2021)
    return report.checks


def findings(checks, code):
    return [c for c in checks if c.code == code]


def _sub_budget(d):
    return d["programs"][0]["activities"][0]["sub_activities"][0]["budget"][0]


@pytest.mark.django_db
def test_demo_has_none_of_these_findings(demo_dataset):
    checks = report_checks_of(demo_dataset)
    assert [c for c in checks if c.code in STRUCTURAL] == []


@pytest.mark.django_db
def test_objective_without_program(demo_dataset):
    for program in demo_dataset["programs"]:
        program["objectives"] = [code for code in program.get("objectives") or [] if code != "S3"]

    checks = report_checks_of(demo_dataset)

    assert [c.path for c in findings(checks, "objective-without-program")] == ["$.goals[0].objectives[2]"]
    assert "S3" in findings(checks, "objective-without-program")[0].message


@pytest.mark.django_db
def test_program_without_objective(demo_dataset):
    del demo_dataset["programs"][1]["objectives"]

    checks = report_checks_of(demo_dataset)

    assert [c.path for c in findings(checks, "program-without-objective")] == ["$.programs[1]"]
    assert "2.17.02" in findings(checks, "program-without-objective")[0].message


@pytest.mark.django_db
def test_spending_above_the_ceiling_is_an_error(demo_dataset):
    _sub_budget(demo_dataset)["spent"] = "190000000"

    checks = report_checks_of(demo_dataset)

    (finding,) = findings(checks, "spent-over-ceiling")
    assert finding.level == "error"
    assert finding.path == SUB_BUDGET
    # Measured against the latest ceiling (Perubahan), not the original one of 207.000.000.
    assert (finding.declared, finding.computed) == (Decimal("182424000"), Decimal("190000000"))
    assert finding.message == "2.17.01.2.01.0001: realisasi 190.000.000,00 melebihi pagu 182.424.000,00."


@pytest.mark.django_db
def test_spending_below_the_ceiling_is_fine(demo_dataset):
    _sub_budget(demo_dataset)["spent"] = "182424000"
    assert findings(report_checks_of(demo_dataset), "spent-over-ceiling") == []


@pytest.mark.django_db
def test_quarterly_spending_not_adding_up(demo_dataset):
    _sub_budget(demo_dataset)["spent_quarters"] = ["40000000", "40000000", "40000000", "40000000"]

    (finding,) = findings(report_checks_of(demo_dataset), "spent-quarters-sum")

    assert finding.path == f"{SUB_BUDGET}.spent_quarters"
    assert (finding.declared, finding.computed) == (Decimal("167805000"), Decimal("160000000"))
    assert finding.level == "warning"
    assert finding.message == (
        "2.17.01.2.01.0001: realisasi TW I–IV berjumlah 160.000.000,00, realisasi tahunan 167.805.000,00."
    )


@pytest.mark.django_db
def test_quarterly_spending_adding_up(demo_dataset):
    _sub_budget(demo_dataset)["spent_quarters"] = ["40000000", "40000000", "40000000", "47805000"]
    assert findings(report_checks_of(demo_dataset), "spent-quarters-sum") == []


@pytest.mark.django_db
@pytest.mark.parametrize(("pk_target", "flagged"), [("90", True), ("85", False), ("85.00", False)])
def test_pk_target_differing_from_renstra(demo_dataset, pk_target, flagged):
    indicator = demo_dataset["goals"][0]["objectives"][5]["indicators"][0]
    assert indicator["targets"]["renstra"]["2021"] == "85"
    indicator["targets"]["pk"] = {"2021": pk_target}

    found = findings(report_checks_of(demo_dataset), "pk-vs-renstra")

    if flagged:
        assert [f.path for f in found] == [f"{R1_1}.targets.pk.2021"]
        assert (found[0].declared, found[0].computed) == (Decimal(pk_target), Decimal("85"))
        assert found[0].level == "warning"
        assert found[0].message == "R1.1 2021: target PK 90,00 berbeda dari target Renstra 85,00."
    else:
        assert found == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("entered", "flagged"),
    [
        ("2.4", True),  # not 130 ÷ 375 × 100 = 34,67
        ("34.67", False),  # the ratio, rounded as printed
        ("34.6667", False),
    ],
)
def test_entered_value_differing_from_ratio(demo_dataset, entered, flagged):
    indicator = demo_dataset["goals"][0]["objectives"][1]["indicators"][0]
    indicator["computation"] = "ratio"
    indicator["realisations"]["2021"].update(value=entered, numerator="130", denominator="375")

    checks = report_checks_of(demo_dataset)
    found = findings(checks, "value-vs-ratio")

    if flagged:
        assert [f.path for f in found] == [f"{S2_1}.realisations.2021.value"]
        assert found[0].declared == Decimal(entered)
        assert found[0].level == "warning"
        assert found[0].message == "S2.1 2021: nilai 2,40 berbeda dari pembilang ÷ penyebut 34,67."
        assert round(found[0].computed, 2) == Decimal("34.67")
    else:
        assert found == []


@pytest.mark.django_db
def test_checks_appear_in_the_report_json(demo_dataset):
    _sub_budget(demo_dataset)["spent"] = "190000000"
    agency = dataset_import(demo_dataset).agency

    data = report_json(
        report_build(agency=Agency.objects.select_related("government").get(pk=agency.pk), year=2021)
    )

    (check,) = [c for c in data["checks"] if c["code"] == "spent-over-ceiling"]
    message = check.pop("message")
    assert "2.17.01.2.01.0001" in message
    assert check == {
        "level": "error",
        "code": "spent-over-ceiling",
        "path": SUB_BUDGET,
        "declared": "182424000.00",
        "computed": "190000000.00",
    }


R1_1_OBJECTIVE = (5, 0)  # goals[0].objectives[5].indicators[0]: R1.1, a sasaran indicator that is not an IKU


def _objective_indicator(dataset, objective, indicator=0):
    return dataset["goals"][0]["objectives"][objective]["indicators"][indicator]


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "flagged"), [(True, True), (False, False)])
def test_a_pk_target_is_required_of_key_indicators_only(demo_dataset, key, flagged):
    """R1.1 has Renstra targets and no Perjanjian Kinerja target: missing only if it is an IKU."""
    indicator = _objective_indicator(demo_dataset, *R1_1_OBJECTIVE)
    assert "pk" not in indicator["targets"]
    indicator["key"] = key

    found = findings(report_checks_of(demo_dataset), "pk-target-missing")

    assert [(f.level, f.path, f.message) for f in found] == (
        [("warning", f"{R1_1}.targets.pk", "R1.1 2021: IKU tanpa target Perjanjian Kinerja.")]
        if flagged
        else []
    )


@pytest.mark.django_db
def test_a_key_indicator_with_a_revised_pk_target_only_is_not_missing_one(demo_dataset):
    indicator = _objective_indicator(demo_dataset, *R1_1_OBJECTIVE)
    indicator["key"] = True
    indicator["targets"]["pk_revised"] = {"2021": "85"}

    assert findings(report_checks_of(demo_dataset), "pk-target-missing") == []


@pytest.mark.django_db
@pytest.mark.parametrize(("realised", "flagged"), [(True, True), (False, False)])
def test_a_missing_target_matters_only_when_something_was_realised(demo_dataset, realised, flagged):
    """S2.1 without any target: with its realisation the capaian cannot be computed (a finding); without a
    realisation there is nothing to measure yet (no finding)."""
    indicator = _objective_indicator(demo_dataset, 1)
    indicator["targets"] = {}
    if not realised:
        indicator["realisations"].pop("2021")

    found = findings(report_checks_of(demo_dataset), "target-missing")

    message = "S2.1 2021: ada realisasi tetapi tidak ada target; capaian tidak dapat dihitung."
    assert [(f.level, f.path, f.message) for f in found] == (
        [("warning", f"{S2_1}.targets", message)] if flagged else []
    )


@pytest.mark.django_db
def test_a_wrong_printed_capaian_is_shown_with_its_own_decimals(demo_dataset):
    """S3.1 printed 73,5 % where 22,73 ÷ 22 gives 103,318…: the finding quotes the document as printed and
    the computed figure to 2 places."""
    indicator = _objective_indicator(demo_dataset, 2)
    indicator["realisations"]["2021"]["declared"]["capaian"] = "73.5"

    (finding,) = findings(report_checks_of(demo_dataset), "declared-capaian")

    assert finding.path == "$.goals[0].objectives[2].indicators[0].realisations.2021.declared.capaian"
    assert finding.message == "S3.1 capaian (%): dokumen 73,5; dihitung 103,32"
    assert finding.declared == Decimal("73.5") and round(finding.computed, 4) == Decimal("103.3182")


def _grade_s4_1(dataset, pk_target):
    """S4.1 as a grade indicator (AKIP letters), Renstra target BB for 2021."""
    indicator = _objective_indicator(dataset, 3)
    indicator["kind"] = "grade"
    indicator["targets"] = {"renstra": {"2021": "BB"}, "pk": {"2021": pk_target}}
    indicator["realisations"] = {"2019": {"value": "B"}, "2020": {"value": "B"}, "2021": {"value": "BB"}}


@pytest.mark.django_db
@pytest.mark.parametrize(("pk_target", "flagged"), [("bb", False), ("BB", False), ("B", True)])
def test_grade_targets_are_compared_whatever_their_case(demo_dataset, pk_target, flagged):
    """A PK target "bb" is the Renstra's "BB": no pk-vs-renstra finding; "B" is another grade."""
    _grade_s4_1(demo_dataset, pk_target)
    found = findings(report_checks_of(demo_dataset), "pk-vs-renstra")
    assert [f.path for f in found] == (
        ["$.goals[0].objectives[3].indicators[0].targets.pk.2021"] if flagged else []
    )


@pytest.mark.django_db
def test_structure_findings_have_their_level_and_sentence(demo_dataset):
    """In the LKjIP a sasaran without indicator is an error; without program, and a program without sasaran,
    are warnings (the year can still be reported)."""
    demo_dataset["goals"][0]["objectives"][2]["indicators"] = []
    for program in demo_dataset["programs"]:
        program["objectives"] = [code for code in program.get("objectives") or [] if code != "S3"]
    del demo_dataset["programs"][1]["objectives"]

    checks = report_checks_of(demo_dataset)

    structure = [
        (c.level, c.code, c.path, c.message)
        for c in checks
        if c.code in ("objective-without-indicator", "objective-without-program", "program-without-objective")
    ]
    assert structure == [
        (
            "error",
            "objective-without-indicator",
            "$.goals[0].objectives[2]",
            "Sasaran S3 tidak memiliki indikator.",
        ),
        (
            "warning",
            "objective-without-program",
            "$.goals[0].objectives[2]",
            "Sasaran S3 tidak didukung program apa pun.",
        ),
        (
            "warning",
            "program-without-objective",
            "$.programs[1]",
            "Program 2.17.02 tidak terhubung ke sasaran mana pun.",
        ),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("declared", "code", "message"),
    [
        ({"skm": "77.64"}, None, None),  # as printed in the demo: right
        ({"skm": "80"}, "declared-skm", "IKM 2021 SKM: dokumen 80; dihitung 77,64"),
        ({"ikm": "3.11"}, None, None),  # 3,1056 on the 1–4 scale
        ({"ikm": "3.2"}, "declared-ikm", "IKM 2021 IKM: dokumen 3,2; dihitung 3,11"),
    ],
)
def test_a_printed_ikm_or_skm_is_checked(demo_dataset, declared, code, message):
    demo_dataset["surveys"][0]["declared"] = declared

    checks = report_checks_of(demo_dataset)

    found = [
        (c.code, c.path, c.message) for c in checks if c.code.startswith("declared-") and "IKM" in c.message
    ]
    key = next(iter(declared))
    assert found == ([(code, f"$.surveys[0].declared.{key}", message)] if code else [])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("declared", "flagged"),
    [("120", False), ("84.5", True)],  # S2.1 2020: 2,46 against its PK target 2,05 is 120 %
)
def test_a_capaian_printed_for_an_earlier_year_is_checked(demo_dataset, declared, flagged):
    """The comparison tables reprint N-2 and N-1: their printed capaian is checked like year N's."""
    indicator = _objective_indicator(demo_dataset, 1)
    indicator["targets"].setdefault("pk", {})["2020"] = "2.05"
    indicator["realisations"]["2020"]["declared"] = {"capaian": declared}

    found = findings(report_checks_of(demo_dataset), "declared-capaian")

    path = f"{S2_1}.realisations.2020.declared.capaian"
    assert [(f.path, f.message) for f in found] == (
        [(path, "S2.1 2020 capaian (%): dokumen 84,5; dihitung 120,00")] if flagged else []
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "flagged"),
    [
        ("0.10", True),  # two decimals typed: 0,0906 is 0,09 at that precision
        ("0.1", False),  # one decimal: 0,0906 is 0,1
        ("0.09", False),
    ],
)
def test_an_entered_value_is_compared_at_the_precision_it_was_typed(demo_dataset, typed, flagged):
    indicator = _objective_indicator(demo_dataset, 1)
    indicator.update(computation="ratio", multiplier="1")
    indicator["realisations"]["2021"].update(value=typed, numerator="906", denominator="10000")

    found = findings(report_checks_of(demo_dataset), "value-vs-ratio")

    assert [(f.path, f.message) for f in found] == (
        [(f"{S2_1}.realisations.2021.value", "S2.1 2021: nilai 0,10 berbeda dari pembilang ÷ penyebut 0,09.")]
        if flagged
        else []
    )


S4_2 = "$.goals[0].objectives[3].indicators[1]"


@pytest.mark.django_db
def test_the_demos_years_in_another_unit_are_flagged(demo_dataset):
    """S4.2 is a percentage; the demo's LAKIP prints 800 and 869 products for 2019 and 2020 (Tabel 7), and the
    demo says so (each year's `unit`)."""
    realisations = _objective_indicator(demo_dataset, 3, 1)["realisations"]
    assert (realisations["2019"]["unit"], realisations["2020"]["unit"]) == ("produk", "produk")

    found = findings(report_checks_of(demo_dataset), "unit-change")

    assert [(f.level, f.path, f.message, f.declared, f.computed) for f in found] == [
        (
            "warning",
            f"{S4_2}.realisations.{year}.unit",
            f"S4.2: realisasi {year} dalam satuan “produk”, realisasi 2021 dalam “%”; keduanya tidak dibandingkan.",
            "produk",
            "%",
        )
        for year in (2019, 2020)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("unit", [None, "%"])
def test_a_series_in_one_unit_is_not_flagged(demo_dataset, unit):
    """No unit named, or the indicator's own: one series."""
    without_year_units(demo_dataset)
    if unit:
        _objective_indicator(demo_dataset, 3, 1)["realisations"]["2019"]["unit"] = unit
    assert findings(report_checks_of(demo_dataset), "unit-change") == []


@pytest.mark.django_db
def test_year_n_in_another_unit_than_the_indicator_is_flagged(demo_dataset):
    without_year_units(demo_dataset)
    _objective_indicator(demo_dataset, 3, 1)["realisations"]["2021"]["unit"] = "produk"

    found = findings(report_checks_of(demo_dataset), "unit-change")

    assert [(f.path, f.message) for f in found] == [
        (
            f"{S4_2}.realisations.2021.unit",
            "S4.2: realisasi 2021 dalam satuan “produk”, bukan satuan indikator “%”.",
        )
    ]


@pytest.mark.django_db
def test_the_demos_units_add_only_their_two_findings(demo_dataset):
    """The two unit-change findings on S4.2 are all its LAKIP's units add: without them the demo's other findings
    are the same."""
    with_units = report_checks_of(copy.deepcopy(demo_dataset))
    agency = dataset_import(without_year_units(demo_dataset), replace=True).agency
    without = report_build(
        agency=Agency.objects.select_related("government").get(pk=agency.pk), year=2021
    ).checks

    added = [(c.code, c.path) for c in with_units if c not in without]
    assert added == [("unit-change", f"{S4_2}.realisations.{year}.unit") for year in (2019, 2020)]
    assert [c for c in without if c not in with_units] == []


# --- the whole budget, grouped realisations, quarterly progress (issue 18, points 4 and 5) -------------------
def _whole_budget(dataset, parts, groups=None):
    dataset["format"] = "sakip-dataset/2"
    dataset["expenditures"] = {"2021": parts}
    if groups is not None:
        dataset["spending_groups"] = {"2021": groups}
    return dataset


@pytest.mark.django_db
def test_a_part_disagreeing_with_the_sum_of_its_parts_is_an_error(demo_dataset):
    _whole_budget(
        demo_dataset,
        {
            "operating": {"ceiling_revised": "19076782417", "spent": "16289044379"},
            "personnel": {"ceiling_revised": "7268476897", "spent": "7001674244"},
            "goods": {"ceiling_revised": "11808305520", "spent": "9287370134"},  # one rupiah short
        },
    )

    (finding,) = findings(report_checks_of(demo_dataset), "expenditure-parts-sum")

    assert finding.level == "error"
    assert finding.path == "$.expenditures.2021.operating.spent"
    assert (finding.declared, finding.computed) == (Decimal("16289044379"), Decimal("16289044378"))
    assert finding.message == (
        "Belanja Operasi: realisasi 16.289.044.379,00, jumlah rinciannya (personnel, goods) 16.289.044.378,00."
    )


@pytest.mark.django_db
def test_parts_adding_up_raise_nothing(demo_dataset):
    _whole_budget(
        demo_dataset,
        {
            "total": {"ceiling_revised": "19076782417", "spent": "16289044379"},
            "operating": {"ceiling_revised": "19076782417", "spent": "16289044379"},
            "capital": {"ceiling_revised": "0", "spent": "0"},
        },
    )
    checks = report_checks_of(demo_dataset)
    assert [
        c for c in checks if c.code.startswith("expenditure") or c.path.startswith("$.expenditures")
    ] == []


@pytest.mark.django_db
def test_total_belanja_disagreeing_with_the_programs_and_overspent(demo_dataset):
    _whole_budget(demo_dataset, {"total": {"ceiling_revised": "19000000000", "spent": "19500000000"}})

    checks = report_checks_of(demo_dataset)

    assert [(c.code, c.declared, c.computed) for c in findings(checks, "expenditure-vs-programs")] == [
        ("expenditure-vs-programs", Decimal("19000000000"), Decimal("19076782417")),
        ("expenditure-vs-programs", Decimal("19500000000"), Decimal("16289044379")),
    ]
    (over,) = [c for c in findings(checks, "spent-over-ceiling") if c.path.startswith("$.expenditures")]
    assert over.path == "$.expenditures.2021.total" and over.level == "error"


@pytest.mark.django_db
def test_a_year_mixing_both_structures_is_flagged(demo_dataset):
    _whole_budget(demo_dataset, {"operating": {"spent": "1"}, "direct": {"spent": "1"}})
    (finding,) = findings(report_checks_of(demo_dataset), "expenditure-mixed-structure")
    assert finding.path == "$.expenditures.2021"


@pytest.mark.django_db
def test_a_group_realisation_disagreeing_with_its_programs(demo_dataset):
    # 2.17.03 spent 107.730.000 by its sub kegiatan; the group says 100.000.000.
    _whole_budget(demo_dataset, {}, [{"label": "Koperasi", "programs": ["2.17.03"], "spent": "100000000"}])
    (finding,) = findings(report_checks_of(demo_dataset), "group-spent-vs-programs")
    assert finding.path == "$.spending_groups.2021[0].spent"
    assert (finding.declared, finding.computed) == (Decimal("100000000"), Decimal("107730000"))


@pytest.mark.django_db
def test_a_cash_plan_not_adding_up_to_the_pagu_and_physical_over_100(demo_dataset):
    demo_dataset["format"] = "sakip-dataset/2"
    _sub_budget(demo_dataset)["planned_quarters"] = ["50000000", "50000000", "50000000", "30000000"]
    _sub_budget(demo_dataset)["physical_quarters"] = ["10", "40", "70", "100.5"]

    checks = report_checks_of(demo_dataset)

    (plan,) = findings(checks, "cash-plan-vs-ceiling")
    assert plan.path == f"{SUB_BUDGET}.planned_quarters"
    assert (plan.declared, plan.computed) == (Decimal("182424000"), Decimal("180000000"))
    (physical,) = findings(checks, "physical-over-100")
    assert physical.path == f"{SUB_BUDGET}.physical_quarters[3]" and physical.level == "error"


@pytest.mark.django_db
def test_a_cash_plan_adding_up_raises_nothing(demo_dataset):
    demo_dataset["format"] = "sakip-dataset/2"
    _sub_budget(demo_dataset)["planned_quarters"] = ["50000000", "50000000", "50000000", "32424000"]
    assert findings(report_checks_of(demo_dataset), "cash-plan-vs-ceiling") == []


@pytest.mark.django_db
def test_whole_budget_and_progress_findings_link_to_their_screens(demo_dataset):
    _whole_budget(demo_dataset, {"total": {"ceiling_revised": "1", "spent": "2"}})
    _sub_budget(demo_dataset)["physical_quarters"] = [None, None, None, "101"]
    agency = dataset_import(demo_dataset).agency
    report = report_build(agency=Agency.objects.select_related("government").get(pk=agency.pk), year=2021)

    links = {c.code: finding_link(report, c) for c in report.checks}

    assert links["expenditure-vs-programs"] == (f"/opd/{agency.code}/2021/anggaran/belanja/", "Belanja OPD")
    url, label = links["physical-over-100"]
    assert url == f"/opd/{agency.code}/2021/anggaran/triwulan/#triwulan-2.17.01.2.01.0001"
    assert label == "Fisik dan keuangan 2.17.01.2.01.0001"
