"""Figures that are possible but unlikely, asked about before a year is submitted (pure: reads the report object).

The arithmetic checks (`checks.py`) prove that what is printed is computed right; these ask whether what was
typed is what was meant: a capaian above the Pemda's bound, a count or a rupiah figure below zero, a realisation
that moved tenfold from the year before (a decimal point slipped, a percentage typed as a fraction).
"""

from __future__ import annotations

from decimal import Decimal

from indicators.models import Indicator
from reports.readmodel.types import Finding, IndicatorRow, Report
from sakip.numbers import decimal_places, format_number

DEFAULT_CAPAIAN_MAX = Decimal(200)
TENFOLD = Decimal(10)
# Counts and money cannot fall below zero; percentages and indexes can (growth, change against a base).
NEVER_NEGATIVE = frozenset({Indicator.Kind.NUMBER, Indicator.Kind.CURRENCY})


def _number(value: Decimal) -> str:
    value = value.normalize()
    return format_number(value, min(decimal_places(value), 4))


def _decimal(value) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def capaian_above(row: IndicatorRow, bound: Decimal) -> Finding | None:
    if row.capaian is None or row.capaian <= bound:
        return None
    return Finding(
        "warning",
        "capaian-implausible",
        row.path,
        f"Capaian {row.code} {_number(row.capaian)} % melebihi batas wajar {_number(bound)} %: periksa "
        f"target dan realisasinya. / Achievement above the plausible bound.",
        computed=row.capaian,
    )


def negative(row: IndicatorRow) -> Finding | None:
    if row.kind not in NEVER_NEGATIVE:
        return None
    for what, value in (("realisasi", row.realisation), ("target", row.target)):
        number = _decimal(value)
        if number is not None and number < 0:
            return Finding(
                "warning",
                "negative-value",
                row.path,
                f"Nilai {what} {row.code} negatif ({_number(number)} {row.unit}), padahal jumlah dan rupiah "
                f"tidak dapat kurang dari nol. / A negative count or amount.",
                computed=number,
            )
    return None


def tenfold(row: IndicatorRow, year: int) -> Finding | None:
    now = _decimal(row.realisation)
    previous_figures = row.history.get(year - 1)
    before = _decimal(previous_figures.realisation) if previous_figures else None
    if not now or not before:  # None or zero: no ratio to speak of
        return None
    if row.unit_of(year) != row.unit_of(year - 1):  # another unit: the unit-change check says so instead
        return None
    ratio = abs(now) / abs(before)
    if TENFOLD > ratio > 1 / TENFOLD:
        return None
    way = "sepuluh kali lipat atau lebih" if ratio >= TENFOLD else "sepersepuluh atau kurang"
    return Finding(
        "warning",
        "tenfold-change",
        row.path,
        f"Realisasi {row.code} {year} ({_number(now)}) menjadi {way} realisasi {year - 1} ({_number(before)}): "
        f"periksa pemisah desimal dan satuannya. / A tenfold change from last year.",
        declared=before,
        computed=now,
    )


def implausible(report: Report, *, capaian_max: Decimal | None = None) -> tuple[Finding, ...]:
    """Every plausibility warning of the year, indicator by indicator in the report's order; the bound of a
    capaian is the Pemda's unless given."""
    if capaian_max is None:
        capaian_max = report.government.plausible_capaian_max or DEFAULT_CAPAIAN_MAX
    found = []
    for row in report.indicators:
        for finding in (capaian_above(row, capaian_max), negative(row), tenfold(row, report.year)):
            if finding is not None:
                found.append(finding)
    return tuple(found)
