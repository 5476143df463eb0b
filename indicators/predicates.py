"""Predicate scales: the word a report prints next to a capaian ("Sangat Tinggi", "Tercapai", …) (SPEC §2).

Scales are data, selectable per Pemda; the default is the Permendagri 86/2017 scale. A band is looked up with
the unrounded capaian (SPEC §3: 90,995 is "Tinggi" even though it displays as 91,00).

Colours: every band colour has a contrast ratio of at least 4.5:1 against white (WCAG AA), so it can be used
either as the background of a badge or table cell with white text, or as a text/bar colour on a white page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from sakip.numbers import canonical_str

__all__ = [
    "DEFAULT_SCALE",
    "SCALES",
    "Band",
    "DeclaredScales",
    "PredicateScale",
    "declared_scales",
    "predicate",
    "scale_choices",
]


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def _bound(value: Decimal) -> str:
    return (canonical_str(value) or "").replace(".", ",")


@dataclass(frozen=True)
class Band:
    """One band of a scale: capaian in [lower, upper); None means unbounded.

    Two refinements the target-3 scale needs: a band whose lower equals its upper is that single point
    ("Tercapai" is exactly 100), and `lower_exclusive` makes the lower bound strict ("Melampaui Target" is
    above 100, not from 100).
    """

    label: str
    colour: str
    lower: Decimal | None
    upper: Decimal | None
    key: str = ""
    lower_exclusive: bool = False

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", _slug(self.label))

    @property
    def is_point(self) -> bool:
        return self.lower is not None and self.lower == self.upper

    def contains(self, capaian: Decimal) -> bool:
        """Whether this unrounded capaian falls in the band."""
        if self.is_point:
            return capaian == self.lower
        if self.lower is not None and (
            capaian < self.lower or (self.lower_exclusive and capaian == self.lower)
        ):
            return False
        return self.upper is None or capaian < self.upper

    @property
    def range_label(self) -> str:
        """The band's range as a report's measurement framework prints it: "≥ 91", "76 ≤ x < 91", "< 51"."""
        # is_point implies a lower bound; the second test spells it out for the type checker.
        if self.is_point and self.lower is not None:
            return f"= {_bound(self.lower)}"
        lower_sign = ">" if self.lower_exclusive else "≥"
        if self.lower is None:
            return "< " + _bound(self.upper) if self.upper is not None else "semua nilai"
        if self.upper is None:
            return f"{lower_sign} {_bound(self.lower)}"
        inner = "<" if self.lower_exclusive else "≤"
        return f"{_bound(self.lower)} {inner} x < {_bound(self.upper)}"


@dataclass(frozen=True)
class PredicateScale:
    """A named scale; bands are listed best first (the order of a legend)."""

    code: str
    name: str
    bands: tuple[Band, ...] = field(default_factory=tuple)

    def band_for(self, capaian: Decimal | None) -> Band | None:
        """The band of an unrounded capaian; None when there is no capaian."""
        if capaian is None:
            return None
        value = Decimal(capaian)
        for band in self.bands:
            if band.contains(value):
                return band
        return None


# Colours (all ≥ 4.5:1 against white): dark blue, green, amber, orange, red, dark red.
DARK_BLUE = "#0a3069"
BLUE = "#0969da"
GREEN = "#1a7f37"
AMBER = "#9a6700"
ORANGE = "#bc4c00"
RED = "#cf222e"
DARK_RED = "#82071e"

_D = Decimal

SCALES: dict[str, PredicateScale] = {
    # Permendagri 86/2017 (evaluation of RKPD results): five bands of achievement.
    "permendagri-86-2017": PredicateScale(
        code="permendagri-86-2017",
        name="Permendagri 86/2017",
        bands=(
            Band("Sangat Tinggi", DARK_BLUE, _D(91), None),
            Band("Tinggi", GREEN, _D(76), _D(91)),
            Band("Sedang", AMBER, _D(66), _D(76)),
            Band("Rendah", ORANGE, _D(51), _D(66)),
            Band("Sangat Rendah", RED, None, _D(51)),
        ),
    ),
    # What most LKjIP tables print: against the target only (merah / hijau / biru).
    "target-3": PredicateScale(
        code="target-3",
        name="Capaian terhadap target",
        bands=(
            Band("Melampaui Target", BLUE, _D(100), None, lower_exclusive=True),
            Band("Tercapai", GREEN, _D(100), _D(100)),
            Band("Tidak Tercapai", RED, None, _D(100)),
        ),
    ),
    # Permendagri 54/2010 (older evaluation scale): biru tua, hijau, jingga, then reds.
    "permendagri-54-2010": PredicateScale(
        code="permendagri-54-2010",
        name="Permendagri 54/2010",
        bands=(
            Band("Sangat Baik", DARK_BLUE, _D(90), None),
            Band("Baik", GREEN, _D(75), _D(90)),
            Band("Cukup", ORANGE, _D(65), _D(75)),
            Band("Kurang", RED, _D(50), _D(65)),
            Band("Sangat Kurang", DARK_RED, None, _D(50)),
        ),
    ),
}

DEFAULT_SCALE = "permendagri-86-2017"


def predicate(capaian: Decimal | None, scale_code: str = DEFAULT_SCALE) -> Band | None:
    """The band of a capaian on a scale (default Permendagri 86/2017); None when there is no capaian."""
    scale = SCALES.get(scale_code or DEFAULT_SCALE)
    if scale is None:
        raise ValueError(
            f"Skala predikat tidak dikenal: {scale_code!r}. / Unknown predicate scale: {scale_code!r}."
        )
    return scale.band_for(capaian)


@dataclass(frozen=True)
class DeclaredScales:
    """The scales one report prints (issue 18, point 10): `main` grades sasaran means and every indicator;
    `per_indicator`, when declared, is a second column for each indicator (e.g. Tercapai / Tidak Tercapai beside
    the five levels of Permendagri 86/2017)."""

    main: PredicateScale
    per_indicator: PredicateScale | None = None

    @property
    def all(self) -> tuple[PredicateScale, ...]:
        """Every scale printed, main first: the legends of the report."""
        return (self.main,) if self.per_indicator is None else (self.main, self.per_indicator)

    def indicator_predicates(self, capaian: Decimal | None) -> tuple[Band | None, ...]:
        """An indicator's band on each scale, in the order of `all`."""
        return tuple(scale.band_for(capaian) for scale in self.all)


def _known(code: str) -> PredicateScale:
    scale = SCALES.get(code)
    if scale is None:
        raise ValueError(f"Skala predikat tidak dikenal: {code!r}. / Unknown predicate scale: {code!r}.")
    return scale


def declared_scales(predicate_scale: str, indicator_scale: str = "") -> DeclaredScales:
    """The scales declared in a Pemda's settings; the second is dropped when empty or the same as the first
    (the same column twice tells nothing)."""
    main = _known(predicate_scale or DEFAULT_SCALE)
    if not indicator_scale or indicator_scale == main.code:
        return DeclaredScales(main)
    return DeclaredScales(main, _known(indicator_scale))


def scale_choices() -> list[tuple[str, str]]:
    """(code, name) pairs for model and form choices, default scale first."""
    return [(code, scale.name) for code, scale in SCALES.items()]
