"""Program and kegiatan indicator results of year N (issue 18, point 1): figures by the sasaran rules, grouped
under the sasaran each program supports."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reports.readmodel.build import UNLINKED_GROUP, report_build
from reports.readmodel.links import finding_link
from tests.factories import (
    ActivityFactory,
    IndicatorFactory,
    ObjectiveFactory,
    ProgramFactory,
    RealisationFactory,
    TargetFactory,
)

YEAR = 2021


@pytest.fixture
def report(demo_agency):
    return report_build(agency=demo_agency, year=YEAR)


def _indicator(report, code):
    return next(i for i in report.program_indicators if i.code == code)


def _program(report, code):
    return next(p for p in report.programs if p.code == code)


# --- the demo, figures computed by hand from interchange/fixtures/tangsel-2021.json ---------------------------
def test_a_program_indicator_sums_its_quarters_against_the_pk_target(report):
    # 2.17.05-1 "Meningkatnya Kapasitas, Kompetensi sumberdaya Koperasi" (number: quarters add up):
    # PK 2021 = 1715; TW 440 + 0 + 769 + 645 = 1854; capaian 1854 / 1715 × 100 = 108,105…; target-3: Melampaui.
    row = _indicator(report, "2.17.05-1")
    assert row.level == "program"
    assert row.target == Decimal("1715")
    assert row.realisation == Decimal("1854")
    assert row.capaian == Decimal("1854") / Decimal("1715") * 100
    assert row.predicate.label == "Melampaui Target"
    assert not row.cumulative


def test_a_percent_program_indicator_declared_increment_adds_its_quarters(report):
    # 2.17.01-1 "Meningkatnya Nilai AKIP dan E-Government" (percent, but "quarters": "increment" in the data):
    # PK 100; TW 25 + 25 + 25 + 25 = 100 → capaian 100 %, target-3: Tercapai.
    row = _indicator(report, "2.17.01-1")
    assert (row.target, row.realisation, row.capaian) == (Decimal("100"), Decimal("100"), Decimal("100"))
    assert row.predicate.label.startswith("Tercapai")


def test_a_program_indicator_with_nothing_realised_has_capaian_zero(report):
    # 2.17.06-1 (galeri): PK 7, every TW 0 → realisation 0, capaian 0 %, Tidak Tercapai.
    row = _indicator(report, "2.17.06-1")
    assert (row.target, row.realisation, row.capaian) == (Decimal("7"), Decimal("0"), Decimal("0"))
    assert row.predicate.label == "Tidak Tercapai"


def test_kegiatan_indicators_carry_their_figures_under_their_kegiatan(report):
    # 2.17.08.2.01-5 "Jumlah fasilitasi sertifikasi produk UMKM": PK 325; TW 388 + 0 + 194 + 0 = 582;
    # capaian 582 / 325 × 100 = 179,08 %. 2.17.06.2.01-2 (Gedung): PK 1, every TW 0 → capaian 0.
    activity = _program(report, "2.17.08").activities[0]
    assert activity.code == "2.17.08.2.01"
    assert [i.code for i in activity.indicators] == [f"2.17.08.2.01-{k}" for k in range(1, 6)]
    row = activity.indicators[4]
    assert (row.level, row.target, row.realisation) == ("activity", Decimal("325"), Decimal("582"))
    assert row.capaian == Decimal("582") / Decimal("325") * 100
    building = _program(report, "2.17.06").activities[0].indicators[1]
    assert (building.target, building.realisation, building.capaian) == (
        Decimal("1"),
        Decimal("0"),
        Decimal("0"),
    )


def test_the_rows_are_the_report_indicators_themselves(report):
    # One computation: the grouped rows are the very rows of report.indicators, in the same order.
    assert report.program_indicators == tuple(
        i for i in report.indicators if i.level in ("program", "activity", "sub_activity")
    )
    assert len(report.program_indicators) == 26  # 11 program + 15 kegiatan indicators in the dataset


def test_programs_are_grouped_under_every_sasaran_they_support(report):
    groups = {g.objective_code: [p.code for p in g.programs] for g in report.program_groups}
    assert [g.objective_code for g in report.program_groups] == [o.code for o in report.objectives]
    assert groups["S1"] == ["2.17.05", "2.17.06", "2.17.08"]
    assert groups["S5"] == ["2.17.01"]
    # 2.17.06 supports S1, S4, R2 and R3: it is in the four groups, and knows it (the note of the table).
    assert [g for g, codes in groups.items() if "2.17.06" in codes] == ["S1", "S4", "R2", "R3"]
    assert _program(report, "2.17.06").objective_codes == ("S1", "S4", "R2", "R3")
    assert UNLINKED_GROUP not in [g.statement for g in report.program_groups]  # every demo program is linked


# --- small scenarios ----------------------------------------------------------------------------------------
@pytest.fixture
def objective(db):
    return ObjectiveFactory()


def _program_indicator(program, code, **kwargs):
    return IndicatorFactory(objective=None, program=program, plan=program.plan, code=code, **kwargs)


def test_a_cumulative_program_indicator_sums_the_years_since_the_renstra_start(objective):
    # Renstra 2019–2023; 10 + 20 + 30 = 60 against a 2021 target of 50: capaian 120 %; the year's own 30 is kept.
    program = ProgramFactory(plan=objective.plan, objectives=[objective])
    indicator = _program_indicator(program, "P-kum", cumulative=True)
    TargetFactory(indicator=indicator, value=Decimal("50"))
    for year, value in ((2019, "10"), (2020, "20"), (2021, "30")):
        RealisationFactory(indicator=indicator, year=year, value=Decimal(value))
    report = report_build(agency=objective.plan.agency, year=YEAR)
    row = report.programs[0].indicators[0]
    assert row.cumulative
    assert (row.realisation, row.year_realisation, row.capaian) == (
        Decimal("60"),
        Decimal("30"),
        Decimal("120"),
    )


def test_a_program_of_two_sasaran_is_in_both_groups_and_an_unlinked_one_last(objective):
    other = ObjectiveFactory(goal=objective.goal, code="SX")  # not "S<n>": the factory's sequence gives those
    shared = ProgramFactory(plan=objective.plan, code="P1", objectives=[objective, other])
    alone = ProgramFactory(plan=objective.plan, code="P2")
    _program_indicator(shared, "P1-1")
    _program_indicator(alone, "P2-1")
    report = report_build(agency=objective.plan.agency, year=YEAR)
    assert [(g.objective_code, [p.code for p in g.programs]) for g in report.program_groups] == [
        (objective.code, ["P1"]),
        ("SX", ["P1"]),
        ("", ["P2"]),
    ]
    assert report.program_groups[-1].statement == "Program tanpa sasaran"
    assert report.programs[0].objective_codes == (objective.code, "SX")


def test_a_kegiatan_indicator_realised_without_target_is_a_warning_linked_to_its_screen(objective):
    program = ProgramFactory(plan=objective.plan, objectives=[objective])
    activity = ActivityFactory(program=program)
    indicator = IndicatorFactory(
        objective=None, activity=activity, plan=objective.plan, code=f"{activity.code}-1"
    )
    RealisationFactory(indicator=indicator, value=Decimal("7"))
    report = report_build(agency=objective.plan.agency, year=YEAR)
    [finding] = [f for f in report.checks if f.code == "target-missing"]
    assert finding.level == "warning"
    assert finding.path == "$.programs[0].activities[0].indicators[0].targets"
    assert f"{activity.code}-1 2021" in finding.message
    url, label = finding_link(report, finding)
    assert url.endswith(f"/2021/target/pk/#indikator-{activity.code}-1")
    assert label == f"Target {activity.code}-1"
    assert report.programs[0].activities[0].indicators[0].capaian is None


def test_a_program_indicator_with_a_target_raises_no_finding(objective):
    program = ProgramFactory(plan=objective.plan, objectives=[objective])
    indicator = _program_indicator(program, "P-ok")
    TargetFactory(indicator=indicator)
    RealisationFactory(indicator=indicator)
    report = report_build(agency=objective.plan.agency, year=YEAR)
    assert not [f for f in report.checks if f.code == "target-missing"]
    assert report.programs[0].indicators[0].capaian == Decimal("90")
