"""Capaian (achievement) of indicators: realisation against target, per year and per quarter (SPEC §2).

Pure functions on values: a `Value` is a `Decimal`, a letter grade such as "B" (for indicators of kind
`grade`), or None (no data). "Cannot be computed" is always None, never 0 and never an exception, so reports
can show "–" ("tidak dapat dihitung" / "belum ada data"). Nothing here rounds: reports round half-up when
displaying (sakip.numbers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Context, Decimal, localcontext

from sakip.grades import GradeError, grade_scale_text, grade_value

__all__ = [
    "Value",
    "against_standard",
    "annual_from_quarters",
    "capaian",
    "cumulative_realisation",
    "cumulative_to_date",
    "default_quarter_mode",
    "difference",
    "effective_quarter_mode",
    "growth",
    "is_achieved",
    "objective_capaian",
    "quarter_capaians",
    "ratio_value",
    "renstra_progress",
    "target_for_year",
    "target_source",
    "target_set_counts",
    "series_years",
    "verdict",
    "grade_capaian_rule",
    "trend",
]

Value = Decimal | str | None

HUNDRED = Decimal(100)

# Every computation runs in this context, whatever the caller's context is, so the same data always gives
# the same digits (28 significant digits: Python's default, far beyond the 2 places reports print).
CONTEXT = Context(prec=28)


POLARITIES = ("higher", "lower")
QUARTER_MODES = ("increment", "level")
KINDS = ("percent", "number", "currency", "index", "grade")
_LEVEL_KINDS = ("percent", "index", "grade")


def _number(value: Decimal | int | str, what: str = "nilai") -> Decimal:
    """A numeric value; grades are refused where arithmetic on them makes no sense (sums of quarters)."""
    if isinstance(value, str):
        raise GradeError(
            f"Nilai huruf {value!r} tidak dapat dijumlahkan ({what}). / "
            f"Grade {value!r} cannot be added up ({what})."
        )
    return Decimal(value)


def default_quarter_mode(kind: str) -> str:
    """How quarters combine when the indicator does not say (SPEC §2): readings for rates, sums for counts."""
    if kind in _LEVEL_KINDS:
        return "level"
    if kind in ("number", "currency"):
        return "increment"
    raise ValueError(f"Jenis indikator tidak dikenal: {kind!r}. / Unknown indicator kind: {kind!r}.")


def effective_quarter_mode(kind: str, quarter_mode: str | None) -> str:
    """The indicator's own quarter mode if set, else the default for its kind. Letter grades are readings that
    cannot be added up: a grade indicator is `level` whatever was stored (the plan form refuses `increment`
    for it; one imported or stored before would otherwise make every report of the year fail)."""
    if kind == "grade":
        return "level"
    return quarter_mode if quarter_mode else default_quarter_mode(kind)


def target_for_year(*, renstra: Value, pk: Value, pk_revised: Value) -> Value:
    """Target of a year: the revised PK (PK Perubahan), else the PK, else the Renstra target of that year."""
    if pk_revised is not None:
        return pk_revised
    if pk is not None:
        return pk
    return renstra


#: The target sets a year's target can come from, in the order `target_for_year` prefers them.
TARGET_SETS = ("pk_revised", "pk", "renstra")
TARGET_SET_LABELS = {"pk_revised": "PK perubahan", "pk": "PK murni", "renstra": "Renstra"}


def target_source(*, renstra: Value, pk: Value, pk_revised: Value) -> str | None:
    """Which set `target_for_year` takes the year's target from: "pk_revised", "pk" or "renstra"; None when the
    year has no target at all. A report names it beside every target and count, so that a Renstra target is
    never printed as a Perjanjian Kinerja one (issue 18)."""
    if pk_revised is not None:
        return "pk_revised"
    if pk is not None:
        return "pk"
    if renstra is not None:
        return "renstra"
    return None


def target_set_counts(sources: Iterable[str | None]) -> dict[str, int]:
    """How many targets come from each set, in `TARGET_SETS` order, sets that hold none left out; targets that
    are missing count under "none" (last)."""
    listed = list(sources)
    counts = {s: listed.count(s) for s in TARGET_SETS if s in listed}
    if None in listed:
        counts["none"] = listed.count(None)
    return counts


def series_years(
    *, year: int, start_year: int, end_year: int, whole_series: bool | None = None
) -> tuple[int, ...]:
    """The years a comparison table shows for report year N: N-2..N, or every year since the Renstra's first
    year when `whole_series` (None: only in the Renstra's final year, when the plan's whole run is reported)."""
    if whole_series is None:
        whole_series = year >= end_year
    first = start_year if whole_series else year - 2
    return tuple(range(min(first, year), year + 1))


#: The Pemda's choice of comparison years (agencies.Government.renstra_series) as `series_years`' whole_series.
SERIES_OPTIONS: dict[str, bool | None] = {"final_year": None, "always": True, "short": False}


#: A verdict on one capaian (the counts of the report): met, not met, provisional (a realisation still awaiting
#: its evaluation, counted apart whatever its capaian), or not measurable.
VERDICTS = ("achieved", "missed", "provisional", "unmeasured")


def verdict(capaian: Decimal | None, *, provisional: bool = False) -> str:
    """ "achieved" (capaian ≥ 100 %), "missed", "unmeasured" (no capaian); a provisional realisation with a
    capaian is "provisional": it is neither counted as met nor as missed until it is final."""
    if capaian is None:
        return "unmeasured"
    if provisional:
        return "provisional"
    return "achieved" if capaian >= HUNDRED else "missed"


def grade_capaian_rule(grade_scale: str | None = None) -> str:
    """How a letter grade's capaian is computed, as a report prints it under a table that uses one."""
    return (
        f"Nilai huruf dikonversi menjadi angka menurut skala {grade_scale_text(grade_scale)}; capaian = "
        "nilai realisasi ÷ nilai target × 100 %, paling tinggi 100 % (target kualitatif yang terpenuhi "
        "berarti tercapai)."
    )


def ratio_value(
    numerator: Decimal | None, denominator: Decimal | None, multiplier: Decimal | None = None
) -> Decimal | None:
    """Realisation of a `ratio` indicator: numerator ÷ denominator × multiplier (default 100).

    e.g. 130 active cooperatives of 375 → 34,666… %. None when a count is missing or the denominator is 0.
    """
    if numerator is None or denominator is None or denominator == 0:
        return None
    factor = HUNDRED if multiplier is None else Decimal(multiplier)
    with localcontext(CONTEXT):
        # Multiply before dividing: a single rounding step instead of two.
        return Decimal(numerator) * factor / Decimal(denominator)


def capaian(
    target: Value,
    realisation: Value,
    *,
    polarity: str = "higher",
    kind: str = "number",
    grade_scale: str | None = None,
) -> Decimal | None:
    """Capaian in % of one target/realisation pair (SPEC §2), unrounded and uncapped (314 stays 314).

    - polarity "higher": R ÷ T × 100.
    - polarity "lower" (inflation, complaints): (2T − R) ÷ T × 100, floored at 0 — the LAN formula.
    - kind "grade" (or letter values): value(R) ÷ value(T) × 100, capped at 100 since a qualitative target
      that is met is simply met; polarity does not apply.
    None when the target is missing or 0, or there is no realisation.
    """
    if target is None or realisation is None:
        return None
    if polarity not in POLARITIES:
        raise ValueError(f"Polaritas tidak dikenal: {polarity!r}. / Unknown polarity: {polarity!r}.")
    with localcontext(CONTEXT):
        if kind == "grade" or isinstance(target, str) or isinstance(realisation, str):
            t = grade_value(target, grade_scale)
            r = grade_value(realisation, grade_scale)
            if t == 0:
                return None
            return min(r * HUNDRED / t, HUNDRED)
        t, r = Decimal(target), Decimal(realisation)
        if t == 0:
            return None
        if polarity == "lower":
            return max((2 * t - r) * HUNDRED / t, Decimal(0))
        return r * HUNDRED / t


def annual_from_quarters(quarters: Sequence[Value], mode: str) -> Value:
    """Annual value from the four TW values: `increment` sums them (0+126+100+200 = 426), `level` takes the
    latest reading (a grade stays a grade). Missing quarters are skipped; None when all are missing."""
    known = [q for q in quarters if q is not None]
    if not known:
        return None
    if mode == "level":
        latest = known[-1]
        return latest if isinstance(latest, str) else Decimal(latest)
    if mode == "increment":
        with localcontext(CONTEXT):
            return sum((_number(q, "triwulan") for q in known), Decimal(0))
    raise ValueError(f"Mode triwulan tidak dikenal: {mode!r}. / Unknown quarter mode: {mode!r}.")


def cumulative_to_date(values: Sequence[Value], quarter_index: int) -> Decimal | None:
    """Sum of the values of TW I up to TW `quarter_index + 1` (0-based index), skipping missing ones;
    None when all of them are missing."""
    known = [v for v in values[: quarter_index + 1] if v is not None]
    if not known:
        return None
    with localcontext(CONTEXT):
        return sum((_number(v, "triwulan") for v in known), Decimal(0))


def _four(values: Sequence[Value], what: str) -> list[Value]:
    if len(values) > 4:
        raise ValueError(f"{what}: lebih dari 4 triwulan. / {what}: more than 4 quarters.")
    return list(values) + [None] * (4 - len(values))


def quarter_capaians(
    targets: Sequence[Value],
    realisations: Sequence[Value],
    *,
    mode: str,
    polarity: str = "higher",
    kind: str = "number",
    grade_scale: str | None = None,
) -> list[Decimal | None]:
    """Capaian of TW I–IV (always 4 items; shorter inputs count as missing quarters).

    A quarter without realisation has none. `increment`: cumulative realisation to date against cumulative
    target to date (SPEC §3: the row still shows the quarter's own figures); `level`: the TW reading against
    the TW target.
    """
    if mode not in QUARTER_MODES:
        raise ValueError(f"Mode triwulan tidak dikenal: {mode!r}. / Unknown quarter mode: {mode!r}.")
    t4, r4 = _four(targets, "Target"), _four(realisations, "Realisasi")
    result: list[Decimal | None] = []
    for q in range(4):
        if r4[q] is None:
            result.append(None)
        elif mode == "increment":
            result.append(
                capaian(
                    cumulative_to_date(t4, q),
                    cumulative_to_date(r4, q),
                    polarity=polarity,
                    kind=kind,
                    grade_scale=grade_scale,
                )
            )
        else:
            result.append(capaian(t4[q], r4[q], polarity=polarity, kind=kind, grade_scale=grade_scale))
    return result


def cumulative_realisation(yearly: Mapping[int, Value], *, start_year: int, year: int) -> Decimal | None:
    """Realisation of a cumulative indicator ("Tipe penghitungan: kumulatif") for `year`: the sum of the
    yearly realisations from the Renstra's first year to `year` inclusive (270+275+275+475 = 1295).

    None when `year` itself has no realisation. A missing earlier year counts as nothing (adds 0): the total
    is then a lower bound, and the missing year is the planner's to fill in.
    """
    if yearly.get(year) is None:
        return None
    with localcontext(CONTEXT):
        return sum(
            (
                _number(v, "kumulatif")
                for y in range(start_year, year + 1)
                if (v := yearly.get(y)) is not None
            ),
            Decimal(0),
        )


def objective_capaian(capaians: Iterable[Decimal | None], *, cap: Decimal | None = None) -> Decimal | None:
    """Capaian of a sasaran: arithmetic mean of its indicators' capaian that exist (SPEC §2).

    No cap by default; a Pemda may cap each indicator (e.g. 120) before averaging so one runaway indicator
    does not hide the others. None when no indicator has a capaian.
    """
    known = [Decimal(c) for c in capaians if c is not None]
    if not known:
        return None
    if cap is not None:
        known = [min(c, Decimal(cap)) for c in known]
    with localcontext(CONTEXT):
        return sum(known, Decimal(0)) / len(known)


def renstra_progress(
    realisation: Value, end_target: Value, *, grade_scale: str | None = None
) -> Decimal | None:
    """Progress to the Renstra end target (PermenPAN-RB 53/2014, BAB III comparison 3): realisation of
    year N ÷ target of the Renstra's last year × 100, uncapped. Grades compare their values, also uncapped.

    None when either is missing or the end target is 0.
    """
    if realisation is None or end_target is None:
        return None
    with localcontext(CONTEXT):
        if isinstance(realisation, str) or isinstance(end_target, str):
            r, t = grade_value(realisation, grade_scale), grade_value(end_target, grade_scale)
        else:
            r, t = Decimal(realisation), Decimal(end_target)
        if t == 0:
            return None
        return r * HUNDRED / t


def against_standard(
    realisation: Value, standard: Value, *, polarity: str = "higher", grade_scale: str | None = None
) -> str | None:
    """How year N's realisation stands against the indicator's standard (nasional, SPM or IKK; analysis 4 of
    PermenPAN-RB 53/2014): "melampaui", "memenuhi" (equal) or "belum memenuhi", in the indicator's direction
    (for a "lower" indicator a realisation below the standard exceeds it). Grades compare their values on the
    grade scale. None when either is missing."""
    if realisation is None or standard is None:
        return None
    if polarity not in POLARITIES:
        raise ValueError(f"Polaritas tidak dikenal: {polarity!r}. / Unknown polarity: {polarity!r}.")
    if isinstance(realisation, str) or isinstance(standard, str):
        change = grade_value(realisation, grade_scale) - grade_value(standard, grade_scale)
    else:
        change = Decimal(realisation) - Decimal(standard)
        if polarity == "lower":
            change = -change
    if change > 0:
        return "melampaui"
    if change == 0:
        return "memenuhi"
    return "belum memenuhi"


def difference(current: Value, previous: Value) -> Decimal | None:
    """current − previous, sign kept (comparing year N with N-1 and N-2).

    None if either is missing or a grade (grades have no meaningful difference; see `trend`).
    """
    if current is None or previous is None or isinstance(current, str) or isinstance(previous, str):
        return None
    with localcontext(CONTEXT):
        return Decimal(current) - Decimal(previous)


def trend(current: Value, previous: Value, *, grade_scale: str | None = None) -> str | None:
    """Direction of the value from the previous year: "naik", "turun" or "tetap"; None if either is missing.

    This is the direction of the figure itself, not a judgement: for a `lower` indicator "naik" is bad news.
    Grades compare their values on the grade scale ("B" → "BB" is "naik").
    """
    if current is None or previous is None:
        return None
    if isinstance(current, str) or isinstance(previous, str):
        change = grade_value(current, grade_scale) - grade_value(previous, grade_scale)
    else:
        change = Decimal(current) - Decimal(previous)
    if change > 0:
        return "naik"
    if change < 0:
        return "turun"
    return "tetap"


def growth(current: Value, previous: Value) -> Decimal | None:
    """Growth in % for `growth` indicators: (x_N ÷ x_{N-1} − 1) × 100.

    None when either value is missing or a grade, or the previous value is 0.
    """
    if current is None or previous is None or isinstance(current, str) or isinstance(previous, str):
        return None
    if previous == 0:
        return None
    with localcontext(CONTEXT):
        # (x_N − x_{N-1}) × 100 ÷ x_{N-1} is the same figure with a single rounding step.
        return (Decimal(current) - Decimal(previous)) * HUNDRED / Decimal(previous)


def is_achieved(capaian: Decimal | None) -> bool | None:
    """Whether the target is met (capaian ≥ 100 %); None when there is no capaian."""
    if capaian is None:
        return None
    return capaian >= HUNDRED
