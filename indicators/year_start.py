"""Preparing a new year of a Renstra period: proposals taken from the plan and from last year, which the planner
confirms one by one (nothing is copied silently, nothing that exists is overwritten).

- the Perjanjian Kinerja target of each indicator from its Renstra target of the year;
- the Rencana Aksi quarters of each indicator from the year's target and its quarter mode (`quarter_proposal`);
- the PK's parties and place, and the report's signatory, from last year's;
- last year's narrative sections, as a draft to rewrite.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from .achievement import Value, effective_quarter_mode, target_for_year
from .models import Indicator, Narrative, PerformanceAgreement, ReportSigning, Target
from .target_rules import quarter_proposal

AGREEMENT_FIELDS = (
    "place",
    "first_party_name",
    "first_party_nip",
    "first_party_position",
    "second_party_name",
    "second_party_position",
)
SIGNING_FIELDS = ("place", "title", "name", "nip", "rank")


@dataclass(frozen=True)
class PkProposal:
    indicator: Indicator
    value: Value


@dataclass(frozen=True)
class QuarterProposal:
    indicator: Indicator
    annual: Value
    quarters: tuple[Value, Value, Value, Value]


@dataclass(frozen=True)
class YearProposals:
    year: int
    pk: tuple[PkProposal, ...] = ()
    quarters: tuple[QuarterProposal, ...] = ()
    agreement: PerformanceAgreement | None = None  # last year's original PK, whose parties are proposed
    signing: ReportSigning | None = None  # last year's signatory
    narratives: tuple[Narrative, ...] = ()  # last year's sections missing this year
    existing: dict = field(default_factory=dict)  # what the year already has, for the page

    @property
    def count(self) -> int:
        return (
            len(self.pk)
            + len(self.quarters)
            + (self.agreement is not None)
            + (self.signing is not None)
            + len(self.narratives)
        )


def _measure(target: Target) -> Value:
    return target.grade or target.value


def year_proposals(agency, plan, year: int) -> YearProposals:
    """What could be prepared for `year` (five queries, whatever the plan's size)."""
    indicators = list(Indicator.objects.filter(plan=plan).order_by("position", "pk"))
    targets: dict[tuple[int, str], Value] = {}
    has_quarters = set()
    for target in Target.objects.filter(indicator__plan=plan, year=year):
        if target.kind == Target.Kind.QUARTER:
            has_quarters.add(target.indicator_id)
        else:
            targets[(target.indicator_id, target.kind)] = _measure(target)
    pk, quarters = [], []
    for indicator in indicators:
        renstra = targets.get((indicator.pk, Target.Kind.RENSTRA))
        pk_value = targets.get((indicator.pk, Target.Kind.PK))
        if pk_value is None and renstra is not None:
            pk.append(PkProposal(indicator, renstra))
        annual = target_for_year(
            renstra=renstra, pk=pk_value, pk_revised=targets.get((indicator.pk, Target.Kind.PK_REVISED))
        )
        if indicator.pk not in has_quarters and annual is not None:
            mode = effective_quarter_mode(indicator.kind, indicator.quarter_mode)
            proposal = quarter_proposal(annual, mode)
            if proposal is not None:
                quarters.append(QuarterProposal(indicator, annual, proposal))
    agreements = {
        (a.year, a.revision): a
        for a in PerformanceAgreement.objects.filter(agency=agency, year__in=(year - 1, year))
    }
    signings = {s.year: s for s in ReportSigning.objects.filter(agency=agency, year__in=(year - 1, year))}
    narratives = list(Narrative.objects.filter(agency=agency, year__in=(year - 1, year)).exclude(text=""))
    this_year_keys = {n.key for n in narratives if n.year == year}
    last_agreement = agreements.get((year - 1, PerformanceAgreement.Revision.ORIGINAL))
    return YearProposals(
        year=year,
        pk=tuple(pk),
        quarters=tuple(quarters),
        agreement=last_agreement
        if (year, PerformanceAgreement.Revision.ORIGINAL) not in agreements
        else None,
        signing=signings.get(year - 1) if year not in signings else None,
        narratives=tuple(
            n
            for n in sorted(narratives, key=lambda n: n.key)
            if n.year == year - 1 and n.key not in this_year_keys
        ),
        existing={
            "pk": sum(1 for (_, kind) in targets if kind == Target.Kind.PK),
            "quarters": len(has_quarters),
            "indicators": len(indicators),
        },
    )


@dataclass(frozen=True)
class Applied:
    pk: int = 0
    quarters: int = 0
    agreement: bool = False
    signing: bool = False
    narratives: int = 0

    @property
    def total(self) -> int:
        return self.pk + self.quarters + self.agreement + self.signing + self.narratives


@transaction.atomic
def apply_proposals(
    agency,
    plan,
    year: int,
    *,
    pk: set[int],
    quarters: set[int],
    agreement: bool,
    signing: bool,
    narratives: set[str],
) -> Applied:
    """Write the chosen proposals, all or nothing. Proposals are made again inside the transaction, so what was
    entered since the page was shown is kept, never overwritten (it is no longer proposed)."""
    fresh = year_proposals(agency, plan, year)
    new_targets = [
        Target(indicator=p.indicator, kind=Target.Kind.PK, year=year, **_stored(p.value))
        for p in fresh.pk
        if p.indicator.pk in pk
    ]
    chosen_quarters = [p for p in fresh.quarters if p.indicator.pk in quarters]
    new_targets += [
        Target(indicator=p.indicator, kind=Target.Kind.QUARTER, year=year, quarter=number, **_stored(value))
        for p in chosen_quarters
        for number, value in enumerate(p.quarters, start=1)
    ]
    for target in new_targets:  # saved one by one: the audit history and the model guards see each row
        target.full_clean()
        target.save()
    copied_agreement = agreement and fresh.agreement is not None
    if copied_agreement:
        assert fresh.agreement is not None
        PerformanceAgreement.objects.create(
            agency=agency, year=year, **{name: getattr(fresh.agreement, name) for name in AGREEMENT_FIELDS}
        )
    copied_signing = signing and fresh.signing is not None
    if copied_signing:
        assert fresh.signing is not None
        ReportSigning.objects.create(
            agency=agency, year=year, **{name: getattr(fresh.signing, name) for name in SIGNING_FIELDS}
        )
    copied = [n for n in fresh.narratives if n.key in narratives]
    for narrative in copied:
        Narrative.objects.update_or_create(
            agency=agency, year=year, key=narrative.key, defaults={"text": narrative.text}
        )
    return Applied(
        pk=sum(1 for t in new_targets if t.kind == Target.Kind.PK),
        quarters=len(chosen_quarters),
        agreement=copied_agreement,
        signing=copied_signing,
        narratives=len(copied),
    )


def _stored(value: Value) -> dict:
    return {"grade": value} if isinstance(value, str) else {"value": value}
