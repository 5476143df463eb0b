"""The JSON report carries each figure's target set, the PK murni and PK perubahan targets side by side, the
whole Renstra series and provisional realisations with the grade rule (issue 18, points 3, 6 and 12)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.models import Realisation, Target
from reports.readmodel.build import report_build
from reports.readmodel.json_report import report_json
from tests.factories import PLAN_END, PLAN_START, YEAR, IndicatorFactory, RealisationFactory, TargetFactory


def _indicator(data, code):
    return next(i for i in data["indicators"] if i["code"] == code)


@pytest.mark.django_db
def test_targets_of_each_set_the_set_used_and_the_reason():
    indicator = IndicatorFactory()
    TargetFactory(indicator=indicator, kind=Target.Kind.RENSTRA, value=Decimal(9))
    TargetFactory(indicator=indicator, kind=Target.Kind.PK, value=Decimal(10))
    TargetFactory(
        indicator=indicator, kind=Target.Kind.PK_REVISED, value=Decimal(8), revision_reason="Refocusing"
    )
    RealisationFactory(indicator=indicator, value=Decimal(8))

    data = report_json(report_build(agency=indicator.plan.agency, year=YEAR))

    row = _indicator(data, indicator.code)
    assert row["target"] == "8.00"
    assert row["target_set"] == "pk_revised"
    assert row["targets"] == {"renstra": "9.00", "pk": "10.00", "pk_revised": "8.00"}
    assert row["revision_reason"] == "Refocusing"
    assert data["target_sets"] == {"pk_revised": 1}
    assert (row["provisional"], row["verdict"], row["grade_rule"]) == (False, "achieved", None)


@pytest.mark.django_db
def test_the_final_year_carries_the_whole_series():
    indicator = IndicatorFactory()
    TargetFactory(indicator=indicator, kind=Target.Kind.RENSTRA, year=PLAN_START, value=Decimal(5))
    data = report_json(report_build(agency=indicator.plan.agency, year=PLAN_END))

    assert data["series_years"] == list(range(PLAN_START, PLAN_END + 1))
    assert data["whole_series"] is True
    history = _indicator(data, indicator.code)["history"]
    assert list(history) == [str(y) for y in range(PLAN_START, PLAN_END)]
    assert history[str(PLAN_START)]["target_set"] == "renstra"


@pytest.mark.django_db
def test_a_provisional_grade_with_its_rule():
    indicator = IndicatorFactory(kind="grade")
    TargetFactory(indicator=indicator, value=None, grade="B")
    RealisationFactory(indicator=indicator, value=None, grade="BB", status=Realisation.Status.PROVISIONAL)
    RealisationFactory(
        indicator=indicator, year=YEAR - 1, value=None, grade="B", status=Realisation.Status.PROVISIONAL
    )

    row = _indicator(report_json(report_build(agency=indicator.plan.agency, year=YEAR)), indicator.code)

    assert (row["capaian"], row["provisional"], row["verdict"]) == ("100.00", True, "provisional")
    assert row["history"][str(YEAR - 1)]["provisional"] is True
    assert "D = 1, C = 2, CC = 3, B = 4, BB = 5, A = 6, AA = 7" in row["grade_rule"]
