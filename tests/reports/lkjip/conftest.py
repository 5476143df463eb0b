"""Fixtures of the LKjIP tests: the demo agency with a PK perubahan, or with a provisional grade (issue 18)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.models import Objective, PerformanceAgreement, Realisation, Target
from tests.factories import IndicatorFactory, PerformanceAgreementFactory, RealisationFactory, TargetFactory

YEAR = 2021
REASON = "Refocusing anggaran penanganan COVID-19"


@pytest.fixture
def revised(demo_agency):
    """The demo with a PK perubahan: S1.1's target restated with its reason, the form signed in September."""
    s1 = Objective.objects.get(plan__agency=demo_agency, code="S1")
    indicator = s1.indicators.get(code="S1.1")
    TargetFactory(
        indicator=indicator,
        kind=Target.Kind.PK_REVISED,
        year=YEAR,
        value=Decimal("0.4"),
        revision_reason=REASON,
    )
    PerformanceAgreementFactory(
        agency=demo_agency,
        year=YEAR,
        revision=PerformanceAgreement.Revision.REVISED,
        signed_on=f"{YEAR}-09-15",
    )
    return demo_agency


@pytest.fixture
def provisional(demo_agency):
    """The demo with a grade indicator under S4 whose realisation awaits its evaluation."""
    s4 = Objective.objects.get(plan__agency=demo_agency, code="S4")
    indicator = IndicatorFactory(objective=s4, code="S4.9", name="Nilai SAKIP perangkat daerah", kind="grade")
    TargetFactory(indicator=indicator, year=YEAR, value=None, grade="BB")
    RealisationFactory(
        indicator=indicator,
        year=YEAR,
        value=None,
        grade="BB",
        status=Realisation.Status.PROVISIONAL,
        note="menunggu hasil evaluasi KemenPAN-RB",
    )
    return demo_agency
