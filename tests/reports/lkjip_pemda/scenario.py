"""A small Pemda for the Pemda LKjIP tests: n agencies (the demo's, varied: `pemda_of`) and an RPJMD 2019–2023 of
one sasaran with three IKU, target 72 in 2020 and 2021 unless said: IKU.1 taken from the first agency's indicator
(target 50), IKU.2 typed by the Pemda and met (2020: 70, 2021: 90), IKU.3 typed and missed (PK target 80 over the
RPJMD's 72, realisation 60, with a typed cause); every agency's sasaran linked to the RPJMD sasaran."""

from decimal import Decimal

from indicators.models import Indicator, Objective
from rpjmd.models import HeadAgreement, RegionalRealisation, RegionalTarget
from tests.rpjmd.scenario import make_rpjmd


def source_of(agency):
    return (
        Indicator.objects.filter(plan__agency=agency, objective__isnull=False, realisations__year=2021)
        .order_by("plan__start_year", "position")
        .last()
    )


def make_pemda_rpjmd(government, agencies):
    plan, objective, ikus = make_rpjmd(government, n_indicators=3, start=2019, end=2023)
    sourced, met, missed = ikus
    for iku in ikus:
        for year in (2020, 2021):
            RegionalTarget.objects.create(indicator=iku, kind="rpjmd", year=year, value=Decimal("72"))
    sourced.source_indicator = source_of(agencies[0])
    sourced.save()
    sourced.agencies.add(agencies[0])
    RegionalTarget.objects.filter(indicator=sourced, year=2021).update(value=Decimal("50"))
    RegionalRealisation.objects.create(indicator=met, year=2020, value=Decimal("70"))
    RegionalRealisation.objects.create(indicator=met, year=2021, value=Decimal("90"))  # 90 of 72
    RegionalRealisation.objects.create(indicator=met, year=2022, value=Decimal("1"))  # after the year: unread
    RegionalTarget.objects.create(
        indicator=missed, kind="pk", year=2021, value=Decimal("80")
    )  # PK over RPJMD
    RegionalRealisation.objects.create(
        indicator=missed, year=2021, value=Decimal("60"), note="Pandemi menunda pelatihan."
    )
    HeadAgreement.objects.create(government=government, year=2021, signatory="Bupati Uji", place="Kota Uji")
    Objective.objects.filter(plan__agency__in=agencies).update(rpjmd_objective=objective)
    return plan, objective, ikus
