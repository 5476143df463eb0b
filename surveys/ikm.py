"""Indeks Kepuasan Masyarakat (IKM) / Survei Kepuasan Masyarakat (SKM), PermenPAN-RB 14/2017 (SPEC §2).

Per unsur (service element) the NRR is the mean score (1–4); the IKM is the weighted sum of the NRRs on the
1–4 scale; the SKM converts it to 25–100; a mutu letter (A–D) names the band. Nothing is rounded except the
SKM before the mutu lookup, as the regulation's printed bands require.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext

from sakip.numbers import round_half_up

__all__ = ["DEFAULT_MUTU_SCALE", "MUTU_SCALES", "WEIGHTS", "Mutu", "ikm", "mutu", "nrr", "skm"]

# Same context whatever the caller uses, so the same data always gives the same digits.
CONTEXT = Context(prec=28)

#: "exact": w = 1/n (n = number of unsur). "0.11": the weight printed in PermenPAN-RB 14/2017 (1/9 rounded),
#: which several real reports use (Tangerang Selatan 2021: SKM 77,64 instead of 78,42).
WEIGHTS = ("exact", "0.11")
PRINTED_WEIGHT = Decimal("0.11")
SKM_FACTOR = Decimal(25)


def nrr(total: Decimal | int | None, answered: Decimal | int | None) -> Decimal | None:
    """Nilai rata-rata of an unsur: total score ÷ questionnaires that answered it; None if unknown or none."""
    if total is None or answered is None or answered == 0:
        return None
    with localcontext(CONTEXT):
        return Decimal(total) / Decimal(answered)


def ikm(nrrs: Sequence[Decimal | None], *, weight: str = "exact") -> Decimal | None:
    """IKM = Σ NRR × w on the 1–4 scale; None when there is no unsur or an NRR is unknown (an IKM missing an
    unsur would be a different index)."""
    if weight not in WEIGHTS:
        raise ValueError(f"Bobot IKM tidak dikenal: {weight!r}. / Unknown IKM weight: {weight!r}.")
    known = [value for value in nrrs if value is not None]
    if not nrrs or len(known) < len(nrrs):
        return None
    with localcontext(CONTEXT):
        total = sum((Decimal(value) for value in known), Decimal(0))
        if weight == "exact":
            # Σ NRR ÷ n rather than Σ NRR × (1/n): one rounding step, exact whenever the mean is.
            return total / len(nrrs)
        return total * PRINTED_WEIGHT


def skm(ikm_value: Decimal | None) -> Decimal | None:
    """SKM (nilai IKM konversi, 25–100) = IKM × 25."""
    if ikm_value is None:
        return None
    with localcontext(CONTEXT):
        return Decimal(ikm_value) * SKM_FACTOR


@dataclass(frozen=True)
class Mutu:
    """A mutu pelayanan band on the SKM scale, bounds inclusive as the regulation prints them."""

    letter: str
    label: str
    lower: Decimal
    upper: Decimal


_D = Decimal

MUTU_SCALES: dict[str, tuple[Mutu, ...]] = {
    # PermenPAN-RB 14/2017, Lampiran: nilai interval konversi.
    "14/2017": (
        Mutu("A", "Sangat Baik", _D("88.31"), _D("100")),
        Mutu("B", "Baik", _D("76.61"), _D("88.30")),
        Mutu("C", "Kurang Baik", _D("65.00"), _D("76.60")),
        Mutu("D", "Tidak Baik", _D("25.00"), _D("64.99")),
    ),
    # PermenPAN-RB 16/2014, the older scale some reports still use.
    "16/2014": (
        Mutu("A", "Sangat Baik", _D("81.26"), _D("100")),
        Mutu("B", "Baik", _D("62.51"), _D("81.25")),
        Mutu("C", "Kurang Baik", _D("43.76"), _D("62.50")),
        Mutu("D", "Tidak Baik", _D("25"), _D("43.75")),
    ),
}
DEFAULT_MUTU_SCALE = "14/2017"


def mutu(skm_value: Decimal | None, *, scale: str = DEFAULT_MUTU_SCALE) -> Mutu | None:
    """Mutu band of an SKM. The SKM is first rounded half-up to 2 places (SPEC §3): the printed bands leave
    gaps (88,30 | 88,31) that only 2-place values fall into. None for no SKM or one outside 25–100."""
    bands = MUTU_SCALES.get(scale or DEFAULT_MUTU_SCALE)
    if bands is None:
        raise ValueError(f"Skala mutu IKM tidak dikenal: {scale!r}. / Unknown IKM quality scale: {scale!r}.")
    if skm_value is None:
        return None
    value = round_half_up(Decimal(skm_value), 2)
    for band in bands:
        if band.lower <= value <= band.upper:
            return band
    return None
