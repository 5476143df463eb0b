"""The IKU Pemda's figures of a year: target, realisation, capaian, predicate; and each RPJMD sasaran's capaian.

Pure: values in, values out, `Decimal`, None = cannot be computed (no target, no realisation, a target of 0).
No formula of its own: the target follows `indicators.achievement.target_for_year` (the kepala daerah's PK over
the RPJMD's target, as an agency's PK goes over its Renstra), capaian is `achievement.capaian` with the IKU's
polarity and kind, a sasaran's capaian is `achievement.objective_capaian` (the mean of its IKU's capaian, capped
per IKU when the Pemda caps them), and the predicate is the band of the Pemda's scale (`indicators.predicates`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from indicators import achievement
from indicators.predicates import DEFAULT_SCALE, Band, predicate

__all__ = [
    "IkuFigures",
    "ObjectiveFigures",
    "iku_capaian",
    "iku_figures",
    "iku_realisation",
    "iku_target",
    "iku_target_source",
    "objective_figures",
]


def iku_target(*, rpjmd: Decimal | None, pk: Decimal | None) -> Decimal | None:
    """The year's target: the one of the kepala daerah's PK, else the RPJMD's."""
    target = achievement.target_for_year(renstra=rpjmd, pk=pk, pk_revised=None)
    return target if isinstance(target, Decimal) else None


def iku_target_source(*, rpjmd: Decimal | None, pk: Decimal | None) -> str | None:
    """Where the year's target comes from: "pk", "rpjmd", or None when there is none."""
    source = achievement.target_source(renstra=rpjmd, pk=pk, pk_revised=None)
    return {"pk": "pk", "renstra": "rpjmd"}.get(source or "")


def iku_realisation(
    *, direct: Decimal | None, source: achievement.Value = None, sourced: bool = False
) -> Decimal | None:
    """The year's realisation: the agency indicator's (as its report computes it) when the IKU is taken from
    one, else the one typed for the Pemda. A letter grade from the agency cannot measure a numeric IKU: None."""
    if sourced:
        return source if isinstance(source, Decimal) else None
    return direct


def iku_capaian(
    target: Decimal | None, realisation: Decimal | None, *, polarity: str, kind: str
) -> Decimal | None:
    return achievement.capaian(target, realisation, polarity=polarity, kind=kind)


@dataclass(frozen=True)
class IkuFigures:
    target: Decimal | None
    target_source: str | None  # "pk" | "rpjmd" | None
    realisation: Decimal | None
    capaian: Decimal | None
    predicate: Band | None


def iku_figures(
    *,
    rpjmd_target: Decimal | None,
    pk_target: Decimal | None,
    direct: Decimal | None,
    source: achievement.Value = None,
    sourced: bool = False,
    polarity: str = "higher",
    kind: str = "number",
    scale: str = DEFAULT_SCALE,
) -> IkuFigures:
    """Every figure of one IKU for one year."""
    target = iku_target(rpjmd=rpjmd_target, pk=pk_target)
    realisation = iku_realisation(direct=direct, source=source, sourced=sourced)
    value = iku_capaian(target, realisation, polarity=polarity, kind=kind)
    return IkuFigures(
        target=target,
        target_source=iku_target_source(rpjmd=rpjmd_target, pk=pk_target),
        realisation=realisation,
        capaian=value,
        predicate=predicate(value, scale),
    )


@dataclass(frozen=True)
class ObjectiveFigures:
    capaian: Decimal | None
    predicate: Band | None


def objective_figures(
    capaians: Iterable[Decimal | None], *, cap: Decimal | None = None, scale: str = DEFAULT_SCALE
) -> ObjectiveFigures:
    """An RPJMD sasaran's capaian (the mean of its IKU's, each capped first when the Pemda caps them) and band."""
    value = achievement.objective_capaian(capaians, cap=cap)
    return ObjectiveFigures(capaian=value, predicate=predicate(value, scale))
