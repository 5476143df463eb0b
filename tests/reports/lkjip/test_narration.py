"""Generated sentences that say which target set they count (issue 18, point 3), how provisional realisations
are counted (point 12), and how a grade converts to a percentage."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.models import PerformanceAgreement, Realisation, Target
from reports.lkjip import narration
from reports.readmodel.build import report_build
from tests.factories import (
    YEAR,
    IndicatorFactory,
    ObjectiveFactory,
    PerformanceAgreementFactory,
    RealisationFactory,
    TargetFactory,
)


def _indicator(objective, kind_values, realisation="10", **extra):
    indicator = IndicatorFactory(objective=objective, **extra)
    for kind, value in kind_values.items():
        TargetFactory(indicator=indicator, kind=kind, value=Decimal(value))
    RealisationFactory(indicator=indicator, value=Decimal(realisation))
    return indicator


@pytest.fixture
def objective(db):
    return ObjectiveFactory()


def _report(objective):
    return report_build(agency=objective.plan.agency, year=YEAR)


def test_without_a_pk_the_sentences_and_titles_say_renstra(objective):
    _indicator(objective, {Target.Kind.RENSTRA: "10"})
    _indicator(objective, {Target.Kind.RENSTRA: "20"})
    report = _report(objective)

    assert (
        narration.target_set_phrase(report) == f"target Renstra tahun {YEAR} (belum ada Perjanjian Kinerja)"
    )
    assert "Perjanjian Kinerja belum tercatat" in narration.agreement_caption(report)
    assert narration.agreement_sentence(report).startswith(f"Perjanjian Kinerja tahun {YEAR} belum tercatat")
    assert narration.target_set_heading(report.objective_indicators) == "Renstra"
    summary = narration.summary(report)
    assert "diukur terhadap target Renstra tahun" in summary
    assert "Sebanyak 1 dari 2 indikator mencapai atau melampaui target" in summary


def test_mixed_sets_are_counted_each_by_name(objective):
    _indicator(objective, {Target.Kind.PK: "10", Target.Kind.PK_REVISED: "8"})
    _indicator(objective, {Target.Kind.PK: "10"})
    _indicator(objective, {Target.Kind.RENSTRA: "10"})
    report = _report(objective)

    assert narration.target_set_phrase(report) == (
        f"target tahun {YEAR} dari PK perubahan 1 indikator, PK murni 1 indikator dan Renstra 1 indikator"
    )
    # the header names no set: each target is marked, and the legend says what the marks mean
    assert narration.target_set_heading(report.objective_indicators) == ""
    assert narration.target_set_mark("pk_revised", "") == "PK-P"
    assert narration.target_set_mark("pk", "PK murni") == ""
    legend = narration.target_set_legend(report.objective_indicators)
    assert "PK-P = target Perjanjian Kinerja perubahan" in legend and "R = target Renstra" in legend
    assert narration.target_set_title(report.objective_indicators) == "target PK-P, PK murni dan Renstra"


def test_the_pk_perubahan_is_named_with_its_date_and_the_targets_it_changed(objective):
    _indicator(objective, {Target.Kind.PK: "10", Target.Kind.PK_REVISED: "8"})
    _indicator(objective, {Target.Kind.PK: "10"})
    agency = objective.plan.agency
    PerformanceAgreementFactory(agency=agency)
    PerformanceAgreementFactory(
        agency=agency, revision=PerformanceAgreement.Revision.REVISED, signed_on=f"{YEAR}-10-01"
    )
    report = _report(objective)

    assert narration.agreement_caption(report) == (f"Target Renstra, PK murni dan PK perubahan tahun {YEAR}")
    sentence = narration.agreement_sentence(report)
    assert (
        f"Perjanjian Kinerja perubahan yang ditandatangani 1 Oktober {YEAR} menetapkan ulang target 1 "
        in sentence
    )


def test_a_provisional_realisation_is_counted_apart_and_said_so(objective):
    met = _indicator(objective, {Target.Kind.PK: "10"}, realisation="12")
    awaiting = IndicatorFactory(objective=objective, kind="grade")
    TargetFactory(indicator=awaiting, value=None, grade="BB")
    RealisationFactory(
        indicator=awaiting,
        value=None,
        grade="A",
        status=Realisation.Status.PROVISIONAL,
        note="menunggu hasil evaluasi SAKIP",
    )
    report = _report(objective)

    counts = narration.achievement_counts(report)
    assert counts == (1, 0, 0, 1)  # the provisional 100 % is not counted as met
    assert counts.total == 2
    summary = narration.summary(report)
    assert "Sebanyak 1 dari 2 indikator mencapai" in summary
    assert "1 indikator memiliki realisasi sementara (menunggu hasil evaluasi)" in summary
    note = narration.provisional_note(report.objective_indicators)
    assert f"{awaiting.code} (menunggu hasil evaluasi SAKIP)" in note
    assert met.code not in note
    # its cause sentence does not list it as met either
    assert awaiting.code not in narration.causes_default(report.objectives[0])
    (rule,) = narration.grade_notes(report.objective_indicators)
    assert "D = 1, C = 2, CC = 3, B = 4, BB = 5, A = 6, AA = 7" in rule


def test_provisional_years_of_a_comparison_are_listed(objective):
    indicator = _indicator(objective, {Target.Kind.PK: "10"})
    RealisationFactory(
        indicator=indicator, year=YEAR - 1, value=Decimal(3), status=Realisation.Status.PROVISIONAL
    )
    report = _report(objective)

    note = narration.series_provisional_note(report.objective_indicators, report.series_years)
    assert f"{indicator.code} tahun {YEAR - 1}" in note
    assert narration.provisional_note(report.objective_indicators) == ""  # year N itself is final


def test_the_comparison_legend_names_only_the_sets_its_years_use(objective):
    indicator = _indicator(objective, {Target.Kind.PK: "10"})
    TargetFactory(indicator=indicator, kind=Target.Kind.RENSTRA, year=YEAR - 1, value=Decimal(9))
    report = _report(objective)

    legend = narration.series_set_legend(report.objective_indicators, report.series_years)
    assert legend == (
        "Sumber target: PK = target Perjanjian Kinerja murni; R = target Renstra (belum ada target Perjanjian "
        "Kinerja)."
    )
